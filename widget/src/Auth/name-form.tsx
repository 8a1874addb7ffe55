import { LIMITS } from '@org/chat-sdk/protocol';
import { useId } from 'preact/hooks';
import type { ChatStore } from '../Chat/chat-store.js';

/** Props of NameForm. */
export interface NameFormProps {
  store: ChatStore;
  /** Switches to the account sign-in; absent when the site offers none. */
  onUseAccount?: () => void;
}

/** Asks a new guest for a display name; the server validates it and its refusal shows here. */
export function NameForm({ store, onUseAccount }: NameFormProps) {
  const { strings } = store;
  // The store's, so the name typed here shows in the visitor's other tabs too.
  const name = store.nameDraft;
  const id = useId();
  const errorId = `${id}-error`;
  const busy = store.phase.value === 'signing-in';
  const error = store.nameError.value;

  return (
    <form
      class="flex flex-1 flex-col justify-center gap-5 overflow-y-auto p-6"
      aria-busy={busy}
      onSubmit={(event) => {
        event.preventDefault();
        void store.signIn(name.value);
      }}
    >
      <div>
        <h3 class="text-lg font-semibold">{strings.welcome}</h3>
        <p class="mt-1 text-sm text-muted">{strings.namePrompt}</p>
      </div>
      <div class="flex flex-col gap-1.5">
        <label for={id} class="text-sm font-medium">
          {strings.nameLabel}
        </label>
        <input
          id={id}
          data-autofocus
          required
          autoComplete="nickname"
          maxLength={LIMITS.maxNameLength}
          readOnly={busy}
          value={name.value}
          onInput={(event) => {
            name.value = event.currentTarget.value;
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          class="field"
        />
        {error && (
          <p id={errorId} role="alert" class="text-sm text-danger">
            {error}
          </p>
        )}
      </div>
      <button type="submit" disabled={busy} class="primary">
        {busy ? strings.joining : strings.join}
      </button>
      {onUseAccount && (
        <button type="button" onClick={onUseAccount} class="link">
          {strings.useAccount}
        </button>
      )}
    </form>
  );
}
