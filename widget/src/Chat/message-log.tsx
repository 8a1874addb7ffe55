import type { ChatMessage } from '@org/chat-sdk';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { MessageItem } from './message-item.js';

/** Props of MessageLog. */
export interface MessageLogProps {
  messages: readonly ChatMessage[];
  /** The signed-in guest's id, to set their own messages apart. */
  userId: string | undefined;
  title: string;
  /** Whether the window is shown: a hidden log cannot be scrolled. */
  visible: boolean;
}

// Within this many pixels of the bottom, the reader is following along and new messages scroll in.
const FOLLOW_SLACK_PX = 48;

/** The live message log; stays scrolled to the newest message unless the reader scrolled up. */
export function MessageLog({ messages, userId, title, visible }: MessageLogProps) {
  const ref = useRef<HTMLDivElement>(null);
  const following = useRef(true);

  useLayoutEffect(() => {
    const log = ref.current;
    if (log && visible && following.current) log.scrollTop = log.scrollHeight;
  }, [messages, visible]);

  const onScroll = () => {
    const log = ref.current;
    if (log) following.current = log.scrollHeight - log.scrollTop - log.clientHeight < FOLLOW_SLACK_PX;
  };

  return (
    <div
      ref={ref}
      role="log"
      aria-live="polite"
      aria-label={`Messages in ${title}`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users must reach a scrollable region to scroll it.
      tabIndex={0}
      onScroll={onScroll}
      class="flex-1 overflow-y-auto px-4 py-3 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-500"
    >
      {messages.length === 0 ? (
        <p class="py-8 text-center text-sm text-slate-500">No messages yet. Say hello!</p>
      ) : (
        <ol class="flex flex-col gap-3">
          {messages.map((message) => (
            <MessageItem key={message.id} message={message} own={message.sender.id === userId} />
          ))}
        </ol>
      )}
    </div>
  );
}
