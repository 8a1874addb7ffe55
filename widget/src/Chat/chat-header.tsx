import type { ChatUser } from '@org/chat-sdk';
import type { FunctionComponent } from 'preact';
import { fill, type Strings } from '../Common/i18n/strings.js';
import type { NotifyButtonProps } from '../Notify/notify-button.js';

/** Props of ChatHeader. */
export interface ChatHeaderProps {
  title: string;
  user: ChatUser | undefined;
  /** People in the room (0: unknown, not shown). */
  online: number;
  strings: Strings;
  /** Shown for accounts signed in through the widget (guests and page logins have none). */
  onSignOut: (() => void) | undefined;
  /** Shown to guests where the widget offers accounts: sign in or up, keeping what they wrote. */
  onSignIn?: (() => void) | undefined;
  /** The button that asks permission for system notifications, when they are on. */
  notifyButton: FunctionComponent<NotifyButtonProps> | undefined;
  onClose: () => void;
}

const buttonClass =
  'rounded-full p-2 hover:bg-on-accent/15 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-on-accent';

/** The window's title bar: room title, who you chat as, how many are here, and the Close button. */
export function ChatHeader({
  title,
  user,
  online,
  strings,
  onSignOut,
  onSignIn,
  notifyButton: NotifyButton,
  onClose,
}: ChatHeaderProps) {
  const details = [
    user ? fill(strings.chattingAs, { name: user.name }) : '',
    online ? fill(strings.online, { n: online }) : '',
  ].filter(Boolean);
  return (
    <header class="flex items-center gap-1 bg-accent py-3 pr-2 pl-4 text-on-accent">
      <div class="min-w-0 flex-1">
        <h2 class="truncate text-base font-semibold">{title}</h2>
        {details.length > 0 && <p class="truncate text-xs">{details.join(' · ')}</p>}
      </div>
      {onSignIn && (
        <button type="button" onClick={onSignIn} class={`${buttonClass} text-xs font-medium`}>
          {strings.signIn}
        </button>
      )}
      {NotifyButton && <NotifyButton label={strings.notifyMe} class={buttonClass} />}
      {onSignOut && (
        <button type="button" onClick={onSignOut} class={`${buttonClass} text-xs font-medium`}>
          {strings.signOut}
        </button>
      )}
      <button type="button" onClick={onClose} class={buttonClass}>
        <svg
          viewBox="0 0 24 24"
          aria-hidden="true"
          class="size-5 fill-none stroke-current stroke-2"
          stroke-linecap="round"
        >
          <path d="M18 6 6 18M6 6l12 12" />
        </svg>
        <span class="sr-only">{strings.close}</span>
      </button>
    </header>
  );
}
