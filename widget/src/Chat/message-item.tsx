import type { ChatMessage } from '@org/chat-sdk';

/** Props of MessageItem. */
export interface MessageItemProps {
  message: ChatMessage;
  /** Sent by the signed-in guest: drawn on the right, in the accent colour. */
  own: boolean;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** One message. Name and text are JSX text children, so Preact renders them as text, never as HTML. */
export function MessageItem({ message, own }: MessageItemProps) {
  const sent = new Date(message.ts);
  return (
    <li class={own ? 'flex flex-col items-end' : 'flex flex-col items-start'}>
      <div class="flex items-baseline gap-2 px-1 text-xs text-slate-500">
        <span class="font-medium text-slate-700">
          {own ? `${message.sender.name} (you)` : message.sender.name}
        </span>
        <time dateTime={sent.toISOString()}>{timeFormat.format(sent)}</time>
      </div>
      <p
        class={`mt-0.5 max-w-[85%] rounded-2xl px-3 py-2 text-sm whitespace-pre-wrap wrap-break-word ${
          own ? 'rounded-br-sm bg-indigo-600 text-white' : 'rounded-bl-sm bg-slate-100 text-slate-900'
        }`}
      >
        {message.text}
      </p>
    </li>
  );
}
