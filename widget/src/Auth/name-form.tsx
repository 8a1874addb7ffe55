import { LIMITS } from '@org/chat-sdk/protocol';
import { useSignal } from '@preact/signals';
import { useId } from 'preact/hooks';
import type { ChatStore } from '../Chat/chat-store.js';

/** Props of NameForm. */
export interface NameFormProps {
  store: ChatStore;
}

/** Asks a new guest for a display name; the server validates it and its refusal shows here. */
export function NameForm({ store }: NameFormProps) {
  const name = useSignal(store.name.peek());
  const id = useId();
  const errorId = `${id}-error`;
  const busy = store.phase.value === 'signing-in';
  const error = store.nameError.value;

  return (
    <form
      class="flex flex-1 flex-col justify-center gap-5 p-6"
      aria-busy={busy}
      onSubmit={(event) => {
        event.preventDefault();
        void store.signIn(name.value);
      }}
    >
      <div>
        <h3 class="text-lg font-semibold text-slate-900">Welcome!</h3>
        <p class="mt-1 text-sm text-slate-600">Pick a name to join the conversation as a guest.</p>
      </div>
      <div class="flex flex-col gap-1.5">
        <label for={id} class="text-sm font-medium text-slate-800">
          Your name
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
          class="rounded-xl border border-slate-300 px-3 py-2 text-sm focus:border-indigo-500 focus:outline-3 focus:outline-indigo-500/25 aria-invalid:border-red-600"
        />
        {error && (
          <p id={errorId} role="alert" class="text-sm text-red-700">
            {error}
          </p>
        )}
      </div>
      <button
        type="submit"
        disabled={busy}
        class="h-10 rounded-xl bg-indigo-600 px-4 text-sm font-semibold text-white shadow-sm hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-progress disabled:opacity-60"
      >
        {busy ? 'Joining…' : 'Start chatting'}
      </button>
    </form>
  );
}
