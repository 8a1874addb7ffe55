// The CDN script (chat-widget.js): a classic script, usually loaded with `async`. It draws only the
// launcher and imports the chat window (chat-widget-app.js, next to this file) on the first open.
import type { ChatWindowModule } from '../internal.js';
import { embedChat } from '../Launcher/embed.js';
import { installOrgChat } from './org-chat.js';
import { readScriptOptions } from './script-options.js';

// Only set while this script runs for the first time (also for async scripts), so read it right away.
const script = document.currentScript;

if (script instanceof HTMLScriptElement) {
  const appUrl = new URL('chat-widget-app.js', script.src).href;
  // Dynamic import works from classic scripts and keeps the app an ES module the browser caches.
  const loadWindow = () => import(appUrl) as Promise<ChatWindowModule>;
  const install = () =>
    installOrgChat(window as { OrgChat?: never }, readScriptOptions(script), (options) =>
      embedChat(document.body, options, loadWindow),
    );
  // An async script in <head> can run before <body> exists.
  if (document.body) install();
  else document.addEventListener('DOMContentLoaded', install, { once: true });
} else {
  // `type="module"` scripts have no currentScript, so the data-* options cannot be found.
  console.error('[chat-widget]', 'needs a classic <script>, not type=module');
}
