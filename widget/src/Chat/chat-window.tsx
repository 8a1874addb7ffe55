import type { ReadonlySignal } from '@preact/signals';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { NameForm } from '../Auth/name-form.js';
import { ChatHeader } from './chat-header.js';
import type { ChatStore } from './chat-store.js';
import { Composer } from './composer.js';
import { ConnectionStatus } from './connection-status.js';
import { MessageLog } from './message-log.js';

/** Props of ChatWindow. */
export interface ChatWindowProps {
  store: ChatStore;
  title: string;
  visible: ReadonlySignal<boolean>;
  onClose: () => void;
}

/** Focuses the window's main field: the name field, or the message box once in the room. */
function focusMainField(section: HTMLElement): void {
  section.querySelector<HTMLElement>('[data-autofocus]')?.focus();
}

/** The chat window: full screen below 640px, a floating panel above. */
export function ChatWindow({ store, title, visible, onClose }: ChatWindowProps) {
  const ref = useRef<HTMLElement>(null);
  const wasVisible = useRef(false);
  const isVisible = visible.value;
  const phase = store.phase.value;

  useLayoutEffect(() => {
    const section = ref.current;
    const opened = isVisible && !wasVisible.current;
    wasVisible.current = isVisible;
    if (!section || !isVisible) return;
    // On open, always; when the form gives way to the room, only if focus is still ours (or nowhere),
    // so a slow sign-in never pulls focus from the page the visitor went back to.
    const root = section.getRootNode() as ShadowRoot | Document;
    const focusIsOurs = root.activeElement !== null || document.activeElement === document.body;
    if (opened || focusIsOurs) focusMainField(section);
  }, [isVisible, phase]);

  return (
    <section
      ref={ref}
      role="dialog"
      aria-label={`Chat: ${title}`}
      hidden={!isVisible}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
      class="fixed inset-0 flex flex-col bg-white text-slate-900 sm:inset-auto sm:right-5 sm:bottom-23 sm:h-144 sm:max-h-[calc(100dvh-8rem)] sm:w-96 sm:overflow-hidden sm:rounded-2xl sm:border sm:border-slate-200 sm:shadow-2xl"
    >
      <ChatHeader title={title} user={store.user.value} onClose={onClose} />
      <ConnectionStatus phase={store.phase} connection={store.connection} />
      {phase === 'ready' ? (
        <>
          <MessageLog
            messages={store.messages.value}
            userId={store.user.value?.id}
            title={title}
            visible={isVisible}
          />
          <Composer store={store} />
        </>
      ) : (
        <NameForm store={store} />
      )}
    </section>
  );
}
