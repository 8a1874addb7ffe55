import { LIMITS } from '@org/chat-sdk/protocol';
import { useSignal } from '@preact/signals';
import type { TargetedKeyboardEvent } from 'preact';
import { useId } from 'preact/hooks';
import type { ChatStore } from './chat-store.js';

/** Props of Composer. */
export interface ComposerProps {
  store: ChatStore;
}

/** The message box: Enter sends, Shift+Enter adds a line. */
export function Composer({ store }: ComposerProps) {
  const draft = useSignal('');
  const id = useId();
  const error = store.chatError.value;

  const submit = async () => {
    const text = draft.value;
    if (!text.trim()) return;
    draft.value = '';
    const sent = await store.send(text);
    // Give the text back so nothing typed is lost, unless a new draft was started meanwhile.
    if (!sent && !draft.value) draft.value = text;
  };

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLTextAreaElement>) => {
    // isComposing: Enter that confirms an IME composition (Japanese, Chinese…) must not send.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    void submit();
  };

  return (
    <form
      class="border-t border-slate-200 p-3"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {error && (
        <p role="alert" class="mb-2 text-xs text-red-700">
          {error}
        </p>
      )}
      <div class="flex items-end gap-2">
        <label for={id} class="sr-only">
          Message
        </label>
        <textarea
          id={id}
          data-autofocus
          rows={1}
          maxLength={LIMITS.maxTextLength}
          placeholder="Write a message…"
          aria-describedby={`${id}-hint`}
          value={draft.value}
          onInput={(event) => {
            draft.value = event.currentTarget.value;
          }}
          onKeyDown={onKeyDown}
          class="field-sizing-content max-h-32 min-h-10 flex-1 resize-none rounded-xl border border-slate-300 px-3 py-2 text-sm focus:border-indigo-500 focus:outline-3 focus:outline-indigo-500/25"
        />
        <button
          type="submit"
          disabled={!draft.value.trim()}
          class="h-10 rounded-xl bg-indigo-600 px-4 text-sm font-semibold text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-50"
        >
          Send
        </button>
      </div>
      <p id={`${id}-hint`} class="sr-only">
        Enter sends. Shift+Enter adds a new line.
      </p>
    </form>
  );
}
