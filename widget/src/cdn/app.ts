// The CDN app chunk (chat-widget-app-<hash>.js): the chat window with Preact, signals, the SDK and the
// CSS, imported by the loader on the first open. Unlike an npm app, the CDN build always carries the
// account sign-in (a chunk of its own, loaded when a visitor chooses it).
import { mountChatWindow as mount } from '../Chat/mount-window.js';
import type { ChatWindowModule } from '../internal.js';
import { cognitoOptions } from './cognito-attributes.js';

/** Mounts the chat window; Cognito options (given, or from `data-*` attributes) get the bundled account forms. */
export const mountChatWindow: ChatWindowModule['mountChatWindow'] = (root, options) => {
  const cognito = cognitoOptions(options);
  return mount(root, {
    ...options,
    cognito: cognito && { accounts: () => import('../Auth/account-form.js'), ...cognito },
  });
};
