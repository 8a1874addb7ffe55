import type { ChatUser } from '@org/chat-sdk';

/** Props of ChatHeader. */
export interface ChatHeaderProps {
  title: string;
  user: ChatUser | undefined;
  onClose: () => void;
}

/** The window's title bar: room title, who you chat as, and the Close button. */
export function ChatHeader({ title, user, onClose }: ChatHeaderProps) {
  return (
    <header class="flex items-center gap-3 bg-indigo-600 px-4 py-3 text-white">
      <div class="min-w-0 flex-1">
        <h2 class="truncate text-base font-semibold">{title}</h2>
        {user && <p class="truncate text-xs text-indigo-100">Chatting as {user.name}</p>}
      </div>
      <button
        type="button"
        onClick={onClose}
        class="rounded-full p-2 hover:bg-white/15 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white"
      >
        <svg
          viewBox="0 0 24 24"
          aria-hidden="true"
          class="size-5 fill-none stroke-current stroke-2"
          stroke-linecap="round"
        >
          <path d="M18 6 6 18M6 6l12 12" />
        </svg>
        <span class="sr-only">Close chat</span>
      </button>
    </header>
  );
}
