import type { ChatMessage, RoomRole } from '@org/chat-sdk';
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { ChatStore } from '../Chat/chat-store.js';
import { fill } from '../Common/i18n/strings.js';
import { DeleteDialog } from './delete-dialog.js';
import { EditDialog } from './edit-dialog.js';
import { type MenuItem, MessageMenu } from './message-menu.js';
import { type ModerationTexts, moderationStrings } from './moderation-strings.js';
import { ReportDialog } from './report-dialog.js';
import { RestrictDialog } from './restrict-dialog.js';

/** Props of MessageTools. */
export interface MessageToolsProps {
  message: ChatMessage;
  store: ChatStore;
  /** The row's menu button. */
  button: HTMLButtonElement;
  /** The tools closed (the menu, or the dialog chosen from it). */
  onDone: () => void;
}

/** Whether a role moderates the room: deletes anyone's message, mutes, bans (the server checks again). */
export const moderates = (role: RoomRole | undefined) => !!role && role !== 'member';

/** The menu's items: the author's (edit, delete), everyone else's (report), a moderator's. */
export function menuItems(
  strings: ModerationTexts,
  message: ChatMessage,
  own: boolean,
  moderator: boolean,
): MenuItem[] {
  const name = message.sender.name;
  const items: MenuItem[] = [];
  if (own) items.push(['edit', strings.edit]);
  if (own || moderator) items.push(['delete', strings.delete]);
  if (!own) items.push(['report', strings.report]);
  if (!own && moderator) {
    items.push(['mute', fill(strings.mute, { name })], ['ban', fill(strings.ban, { name })]);
  }
  return items;
}

/**
 * A message's tools, opened from its menu button: the menu, then the dialog of the chosen action.
 * Closing gives focus back to the button or, when the message is gone (deleted), to the log.
 */
export function MessageTools({ message, store, button, onDone }: MessageToolsProps) {
  const tool = useSignal('menu');
  const strings = moderationStrings(store.strings);
  const own = message.sender.id === store.user.value?.id;
  const log = button.closest<HTMLElement>('[role="log"]');
  const close = (refocus = true) => {
    onDone();
    if (refocus) (button.isConnected ? button : log)?.focus();
  };
  // The tools close when their button goes out of sight: any of them when the window closes or the
  // message is gone (deleted by someone else meanwhile), the menu also when the button scrolls away.
  // The first report is how things stand at opening: a button just pressed, not scrolled away yet.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, for the tools' life.
  useEffect(() => {
    const panel = button.closest('section');
    let first = true;
    const sight = new IntersectionObserver((entries) => {
      const gone = !button.isConnected || !!panel?.hidden;
      const away = !first && tool.peek() === 'menu';
      first = false;
      if (!entries.some((entry) => entry.isIntersecting) && (gone || away)) close(!panel?.hidden);
    });
    sight.observe(button);
    return () => sight.disconnect();
  }, []);

  const props = { message, store, strings, onClose: close };
  switch (tool.value) {
    case 'menu':
      return (
        <MessageMenu
          items={menuItems(strings, message, own, moderates(store.room()?.info?.role))}
          button={button}
          onChoose={(chosen) => {
            tool.value = chosen;
          }}
          onClose={close}
        />
      );
    case 'edit':
      return <EditDialog {...props} />;
    case 'delete':
      return <DeleteDialog {...props} askReason={!own} />;
    case 'report':
      return <ReportDialog {...props} />;
    default:
      return <RestrictDialog {...props} kind={tool.value as 'mute' | 'ban'} />;
  }
}
