import type { ChatMessage } from '@org/chat-sdk';
import { fill } from '../Common/i18n/strings.js';
import { memo } from '../Common/memo.js';
import { openTools } from '../Moderation/load-moderation.js';
import type { ChatStore } from './chat-store.js';
import { MessageBody } from './message-body.js';

/** Props of MessageRow. */
export interface MessageRowProps {
  message: ChatMessage;
  /** Sent by the signed-in visitor: drawn on the right, in the accent colour. */
  own: boolean;
  /** Whether to show the sender's name (not when the same sender wrote the message above). */
  showSender: boolean;
  /** For the texts, and the message menu's actions. */
  store: ChatStore;
  formatting: boolean;
  time: Intl.DateTimeFormat;
}

/** The bubble classes of a message: own ones in the accent colour, on the right. */
export const bubbleClass = (own: boolean) =>
  `max-w-[85%] rounded-2xl px-3 py-2 text-sm whitespace-pre-wrap wrap-break-word ${
    own ? 'rounded-br-sm bg-accent text-on-accent' : 'rounded-bl-sm bg-surface text-fg'
  }`;

/**
 * One stored message, with its menu button (edit, delete, report, moderators' tools: the moderation
 * chunk, which loads on the first press and draws the menu); a deleted one is a tombstone in its
 * place. Memoised: appending to a long log renders only the new row, and every prop is a stable value
 * (the message object, the store, the shared time format).
 */
export const MessageRow = memo(function MessageRow({
  message,
  own,
  showSender,
  store,
  formatting,
  time,
}: MessageRowProps) {
  const { strings } = store;
  const sent = new Date(message.ts);
  const at = time.format(sent);
  const name = message.sender.name;
  const senderLabel = showSender ? (own ? fill(strings.you, { name }) : name) : '';
  return (
    <li class={`row flex flex-col ${own ? 'items-end' : 'items-start'} ${senderLabel ? 'pt-2' : ''}`}>
      <div class="flex items-baseline gap-2 px-1 text-xs text-muted">
        {senderLabel && <span class="font-medium text-fg">{senderLabel}</span>}
        {senderLabel && message.sender.guest && (
          // Read as "Ada (Guest)": the parentheses are for screen readers, the pill for the eye.
          <span>
            <span class="sr-only">(</span>
            <span class="rounded-full border px-1.5 text-[0.625rem] uppercase">{strings.guest}</span>
            <span class="sr-only">)</span>
          </span>
        )}
        <time dateTime={sent.toISOString()}>{at}</time>
        {message.editedAt && <span>{strings.edited}</span>}
        {!message.deleted && (
          <button
            type="button"
            aria-haspopup="menu"
            aria-label={fill(strings.actions, { name, time: at })}
            onClick={(event) => openTools(event.currentTarget, message, store)}
            class="rounded px-1.5 focus-visible:outline-2 focus-visible:outline-accent"
          >
            ⋯
          </button>
        )}
      </div>
      <MessageBody
        text={message.deleted ? strings.deleted : message.text}
        formatting={formatting}
        class={`mt-0.5 ${bubbleClass(own)} ${message.deleted ? 'italic' : ''}`}
      />
    </li>
  );
});
