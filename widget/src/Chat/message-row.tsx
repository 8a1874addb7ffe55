import type { ChatMessage } from '@org/chat-sdk';
import { fill } from '../Common/i18n/strings.js';
import { memo } from '../Common/memo.js';
import { MessageBody } from './message-body.js';

/** Props of MessageRow. */
export interface MessageRowProps {
  message: ChatMessage;
  /** Sent by the signed-in visitor: drawn on the right, in the accent colour. */
  own: boolean;
  /** Whether to show the sender's name (not when the same sender wrote the message above). */
  showSender: boolean;
  /** The template of one's own name ("{name} (you)"). */
  you: string;
  /** The badge beside a guest's name: anyone may call themself anything as a guest (issue 10). */
  guestBadge: string;
  formatting: boolean;
  time: Intl.DateTimeFormat;
}

/** The bubble classes of a message: own ones in the accent colour, on the right. */
export const bubbleClass = (own: boolean) =>
  `max-w-[85%] rounded-2xl px-3 py-2 text-sm whitespace-pre-wrap wrap-break-word ${
    own ? 'rounded-br-sm bg-accent text-on-accent' : 'rounded-bl-sm bg-surface text-fg'
  }`;

/**
 * One stored message. Memoised: appending to a long log renders only the new row, and every prop is
 * a stable value (the message object, strings, the shared time format).
 */
export const MessageRow = memo(function MessageRow({
  message,
  own,
  showSender,
  you,
  guestBadge,
  formatting,
  time,
}: MessageRowProps) {
  const sent = new Date(message.ts);
  const name = message.sender.name;
  const senderLabel = showSender ? (own ? fill(you, { name }) : name) : '';
  return (
    <li class={`row flex flex-col ${own ? 'items-end' : 'items-start'} ${senderLabel ? 'pt-2' : ''}`}>
      <div class="flex items-baseline gap-2 px-1 text-xs text-muted">
        {senderLabel && <span class="font-medium text-fg">{senderLabel}</span>}
        {senderLabel && message.sender.guest && (
          // Read as "Ada (Guest)": the parentheses are for screen readers, the pill for the eye.
          <span>
            <span class="sr-only">(</span>
            <span class="rounded-full border px-1.5 text-[0.625rem] uppercase">{guestBadge}</span>
            <span class="sr-only">)</span>
          </span>
        )}
        <time dateTime={sent.toISOString()}>{time.format(sent)}</time>
      </div>
      <MessageBody text={message.text} formatting={formatting} class={`mt-0.5 ${bubbleClass(own)}`} />
    </li>
  );
});
