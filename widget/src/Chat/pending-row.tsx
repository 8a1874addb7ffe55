import type { OutgoingMessage } from '@org/chat-sdk';
import type { Strings } from '../Common/i18n/strings.js';
import { memo } from '../Common/memo.js';
import { describeError } from './describe-error.js';
import { MessageBody } from './message-body.js';
import { bubbleClass } from './message-row.js';

/** Props of PendingRow. */
export interface PendingRowProps {
  item: OutgoingMessage;
  strings: Strings;
  formatting: boolean;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
}

/** An own message not stored yet: "Sending…", or "Not sent" with its reason, Retry and Discard. */
export const PendingRow = memo(function PendingRow({
  item,
  strings,
  formatting,
  onRetry,
  onDiscard,
}: PendingRowProps) {
  const failed = item.status === 'failed';
  return (
    <li class="row flex flex-col items-end" data-client-id={item.clientId}>
      <MessageBody
        text={item.text}
        formatting={formatting}
        class={`${bubbleClass(true)} ${failed ? 'outline-2 outline-offset-1 outline-danger' : ''}`}
      />
      {failed ? (
        <div class="mt-1 flex flex-wrap items-center justify-end gap-x-3 gap-y-1 px-1 text-xs">
          <span class="text-danger">
            {strings.failed}
            {item.error ? `: ${describeError(item.error, strings)}` : ''}
          </span>
          <button
            type="button"
            onClick={() => onRetry(item.clientId)}
            class="rounded font-semibold text-fg underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-accent"
          >
            {strings.retry}
          </button>
          <button
            type="button"
            onClick={() => onDiscard(item.clientId)}
            class="rounded text-muted underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-accent"
          >
            {strings.discard}
          </button>
        </div>
      ) : (
        <span class="mt-1 px-1 text-xs text-muted">{strings.sending}</span>
      )}
    </li>
  );
});
