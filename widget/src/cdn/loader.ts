// The CDN script (chat-widget.js): a classic script, usually loaded with `async`. It draws only the
// launcher and imports the chat window (chat-widget-app-<hash>.js, next to this file) on the first open,
// checked against the integrity the build wrote into this file: a page pinning this script with
// `integrity` thus gets every later file verified too.
import { APP, APP_INTEGRITY } from 'virtual:cdn-app';
import type { ChatWindowModule } from '../internal.js';
import { embedChat } from '../Launcher/embed.js';
import { loadModule } from './load-module.js';
import { installOrgChat } from './org-chat.js';
import { readScriptOptions } from './script-options.js';

// Only set while this script runs for the first time (also for async scripts), so read it right away.
const script = document.currentScript;

if (script instanceof HTMLScriptElement) {
  const appUrl = new URL(APP, script.src).href;
  const loadWindow = () => loadModule(appUrl, APP_INTEGRITY) as Promise<ChatWindowModule>;
  const install = () =>
    installOrgChat(window as { OrgChat?: never }, readScriptOptions(script), (options) =>
      embedChat(document.body, options, loadWindow),
    );
  // An async script in <head> can run before <body> exists.
  if (document.body) install();
  else document.addEventListener('DOMContentLoaded', install, { once: true });
} else {
  // `type="module"` scripts have no currentScript, so the data-* options cannot be found.
  console.error('[chat-widget]', 'needs a classic <script> (no type=module)');
}
