import { LIMITS } from '@org/chat-sdk/protocol';
import type { TargetedKeyboardEvent } from 'preact';
import { useId } from 'preact/hooks';
import { fill } from '../Common/i18n/strings.js';
import { moderation } from '../Moderation/load-moderation.js';
import type { ChatStore } from './chat-store.js';

/** Props of Composer. */
export interface ComposerProps {
  store: ChatStore;
}

// The counter shows from this share of the limit on: early enough to rephrase, late enough not to nag.
const COUNTER_FROM = 0.9;

/**
 * The message box: Enter sends, Shift+Enter adds a line, a counter near the length limit, and while
 * the visitor is muted or slow mode is on, a notice of it. The draft is the store's, which the window
 * shares with the visitor's other tabs.
 */
export function Composer({ store }: ComposerProps) {
  const { strings, draft } = store;
  const id = useId();
  const error = store.chatError.value;
  const length = draft.value.length;
  const max = LIMITS.maxTextLength;
  const showCounter = length >= max * COUNTER_FROM;
  // Muted, or slow mode on: a notice above the box, from the moderation chunk (the store loads it then).
  const Notice = moderation.loaded.value?.ComposerNotice;

  const submit = async () => {
    const text = draft.value;
    if (!text.trim()) return;
    draft.value = '';
    const queued = await store.send(text);
    // Give the text back so nothing typed is lost, unless a new draft was started meanwhile.
    if (!queued && !draft.value) draft.value = text;
  };

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLTextAreaElement>) => {
    // isComposing: Enter that confirms an IME composition (Japanese, Chinese…) must not send.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    void submit();
  };

  return (
    <form
      class="composer border-t border-line p-3"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {Notice && <Notice store={store} />}
      {error && (
        <p role="alert" class="mb-2 text-xs text-danger">
          {error}
        </p>
      )}
      <div class="flex items-end gap-2">
        <label for={id} class="sr-only">
          {strings.message}
        </label>
        <textarea
          id={id}
          data-autofocus
          rows={1}
          maxLength={max}
          placeholder={strings.placeholder}
          aria-describedby={`${id}-hint${showCounter ? ` ${id}-count` : ''}`}
          value={draft.value}
          onInput={(event) => {
            draft.value = event.currentTarget.value;
            if (draft.value) store.typed();
          }}
          onKeyDown={onKeyDown}
          class="field field-sizing-content max-h-32 min-h-10 flex-1 resize-none"
        />
        <button type="submit" disabled={!draft.value.trim()} class="primary disabled:cursor-not-allowed">
          {strings.send}
        </button>
      </div>
      <div class="flex justify-between gap-2">
        <p id={`${id}-hint`} class="sr-only">
          {strings.composerHint}
        </p>
        {showCounter && (
          <p
            class={`mt-1 ml-auto text-xs [font-variant-numeric:tabular-nums] ${length >= max ? 'font-semibold text-danger' : 'text-muted'}`}
          >
            <span aria-hidden="true">
              {length}/{max}
            </span>
            <span id={`${id}-count`} class="sr-only">
              {fill(strings.counter, { n: length, max })}
            </span>
          </p>
        )}
      </div>
    </form>
  );
}
