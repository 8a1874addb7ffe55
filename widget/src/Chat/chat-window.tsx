import { type ReadonlySignal, useSignal } from '@preact/signals';
import type { FunctionComponent } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { AccountOffer } from '../Auth/account-offer.js';
import { NameForm } from '../Auth/name-form.js';
import { fill } from '../Common/i18n/strings.js';
import type { NotifyButtonProps } from '../Notify/notify-button.js';
import { isNarrow, phoneWindow } from '../Phone/phone-window.js';
import { ChatHeader } from './chat-header.js';
import type { ChatStore } from './chat-store.js';
import { Composer } from './composer.js';
import { ConnectionStatus } from './connection-status.js';
import { MessageLog } from './message-log.js';
import { TypingIndicator } from './typing-indicator.js';

/** Props of ChatWindow. */
export interface ChatWindowProps {
  store: ChatStore;
  title: string;
  locale: string;
  formatting: boolean;
  /** On a site with account sign-in, its offer (a chunk of its own); else only the guest name prompt shows. */
  accounts: AccountOffer | undefined;
  /** Whether the window is shown, and whether showing it should move focus into it. */
  visible: ReadonlySignal<{ shown: boolean; focus: boolean }>;
  /** With system notifications on, the button that asks the visitor's permission (from a lazy chunk). */
  notifyButton: ReadonlySignal<FunctionComponent<NotifyButtonProps> | undefined>;
  onClose: () => void;
}

/** Focuses the window's main field: a sign-in field, or the message box once in the room. */
function focusMainField(section: HTMLElement): void {
  section.querySelector<HTMLElement>('[data-autofocus]')?.focus();
}

/**
 * The chat window: a floating panel from 640px up; below, full screen, following the visual viewport
 * (above the on-screen keyboard), with the page behind it held still and Back closing it.
 */
export function ChatWindow({
  store,
  title,
  locale,
  formatting,
  accounts,
  visible,
  notifyButton,
  onClose,
}: ChatWindowProps) {
  const ref = useRef<HTMLElement>(null);
  const wasVisible = useRef(false);
  const { shown, focus } = visible.value;
  const phase = store.phase.value;
  const { strings } = store;
  // A guest in the room chose to sign in with an account: the forms show until the account is in.
  const upgrading = useSignal(false);
  const offerAccount = phase === 'ready' && store.kind.value === 'guest' && !!accounts;
  // biome-ignore lint/correctness/useExhaustiveDependencies: onClose is the mount's stable callback.
  useEffect(() => {
    const section = ref.current;
    // Narrow when shown: the phone chunk then follows rotation and resizing itself. (A wide window
    // narrowed while the chat shows gets the phone behaviours from the next time it opens.)
    if (section && shown && isNarrow()) return phoneWindow(section, onClose);
  }, [shown]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on open and when the phase changes (form to room); `focus` only matters then.
  useLayoutEffect(() => {
    const section = ref.current;
    const opened = shown && !wasVisible.current;
    wasVisible.current = shown;
    if (!section || !shown) return;
    // On open, always (unless the page opened it without asking for focus); when the form gives way
    // to the room, only if focus is still ours (or nowhere), so a slow sign-in never pulls focus from
    // the page the visitor went back to.
    const root = section.getRootNode() as ShadowRoot | Document;
    const focusIsOurs = root.activeElement !== null || document.activeElement === document.body;
    if (opened ? focus : focusIsOurs) focusMainField(section);
  }, [shown, phase]);

  return (
    <section
      ref={ref}
      role="dialog"
      aria-label={fill(strings.dialogLabel, { title })}
      hidden={!shown}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
      class="panel fixed inset-0 flex flex-col bg-bg font-sans text-fg"
    >
      <ChatHeader
        title={title}
        user={store.user.value}
        online={store.online.value}
        strings={strings}
        onSignOut={store.kind.value === 'account' ? store.signOut : undefined}
        onSignIn={
          offerAccount && !upgrading.value
            ? () => {
                upgrading.value = true;
              }
            : undefined
        }
        notifyButton={phase === 'ready' ? notifyButton.value : undefined}
        onClose={onClose}
      />
      <ConnectionStatus phase={store.phase} connection={store.connection} strings={strings} />
      {upgrading.value && accounts ? (
        <accounts.SignIn
          store={store}
          offer={accounts}
          upgrade={() => {
            upgrading.value = false;
          }}
        />
      ) : phase === 'ready' ? (
        <>
          <MessageLog store={store} title={title} locale={locale} formatting={formatting} visible={shown} />
          <TypingIndicator users={store.typing.value} strings={strings} />
          <Composer store={store} />
        </>
      ) : accounts ? (
        <accounts.SignIn store={store} offer={accounts} />
      ) : (
        <NameForm store={store} />
      )}
    </section>
  );
}
