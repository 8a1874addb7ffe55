import css from 'virtual:widget-css';
import { createChatClient, guestAuth } from '@org/chat-sdk';
import { signal } from '@preact/signals';
import { render } from 'preact';
import { localNameStorage } from '../Auth/name-storage.js';
import { adoptStyles } from '../Common/adopt-styles.js';
import type { ChatWindowHandle, ChatWindowOptions } from '../internal.js';
import { createChatStore } from './chat-store.js';
import { ChatWindow } from './chat-window.js';

/** Mounts the chat window, hidden, into the widget's shadow root (the CDN app and the npm chunk). */
export function mountChatWindow(root: ShadowRoot, options: ChatWindowOptions): ChatWindowHandle {
  adoptStyles(root, css);
  const mountPoint = document.createElement('div');
  root.append(mountPoint);
  const { wsUrl, httpUrl, room, title, onClose } = options;
  const store = createChatStore({
    room,
    names: localNameStorage(),
    createClient: (name) => createChatClient({ wsUrl, httpUrl, auth: guestAuth({ name }) }),
  });
  const visible = signal(false);
  render(<ChatWindow store={store} title={title} visible={visible} onClose={onClose} />, mountPoint);
  return {
    show() {
      visible.value = true;
      store.resume();
    },
    hide() {
      visible.value = false;
    },
    destroy() {
      render(null, mountPoint);
      store.dispose();
      mountPoint.remove();
    },
  };
}
