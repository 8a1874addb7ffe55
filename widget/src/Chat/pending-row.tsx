import type { OutgoingMessage } from '@org/chat-sdk';
import { fill } from '../Common/i18n/strings.js';
import { memo } from '../Common/memo.js';
import { moderation } from '../Moderation/load-moderation.js';
import type { ChatStore } from './chat-store.js';
import { describeError } from './describe-error.js';
import { MessageBody } from './message-body.js';
import { bubbleClass } from './message-row.js';

/** Props of PendingRow. */
export interface PendingRowProps {
  item: OutgoingMessage;
  /** For the texts, Retry and Discard. */
  store: ChatStore;
  formatting: boolean;
}

/**
 * An own message not stored yet: "Sending…"; held for a moderator's review (it leaves when approved
 * and delivered, or turned down); or "Not sent" with its reason, Retry and Discard.
 */
export const PendingRow = memo(function PendingRow({ item, store, formatting }: PendingRowProps) {
  const { strings } = store;
  const failed = item.status === 'failed';
  // A refusal is said in words from the moderation chunk: nothing until they arrived.
  const reason = item.error && moderation.get() && describeError(item.error, strings);
  return (
    <li class="row flex flex-col items-end" data-client-id={item.clientId}>
      <MessageBody
        text={item.text}
        formatting={formatting}
        class={`${bubbleClass(true)} ${failed ? 'outline-2 outline-offset-1 outline-danger' : ''}`}
      />
      {failed ? (
        <div class="mt-1 flex flex-wrap items-center justify-end gap-x-3 gap-y-1 px-1 text-xs">
          <span class="text-danger">{reason ? fill(strings.notSent, { reason }) : strings.failed}</span>
          <button
            type="button"
            onClick={() => store.retry(item.clientId)}
            class="rounded font-semibold text-fg underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-accent"
          >
            {strings.retry}
          </button>
          <button
            type="button"
            onClick={() => store.discard(item.clientId)}
            class="rounded text-muted underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-accent"
          >
            {strings.discard}
          </button>
        </div>
      ) : (
        <span class="mt-1 px-1 text-xs text-muted">{item.status === 'held' ? reason : strings.sending}</span>
      )}
    </li>
  );
});
