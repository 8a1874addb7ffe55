// The CDN app chunk (chat-widget-app-<hash>.js): the chat window with Preact, signals, the SDK and the
// CSS, imported by the loader on the first open. Unlike an npm app, the CDN build always carries the
// account sign-in (a chunk of its own, loaded when a visitor chooses it).
import { mountChatWindow as mount } from '../Chat/mount-window.js';
import type { ChatWindowModule } from '../internal.js';

/** Mounts the chat window; `cognito` options from `data-*` attributes get the bundled account forms. */
export const mountChatWindow: ChatWindowModule['mountChatWindow'] = (root, options) =>
  mount(root, {
    ...options,
    cognito: options.cognito && { accounts: () => import('../Auth/account-form.js'), ...options.cognito },
  });
