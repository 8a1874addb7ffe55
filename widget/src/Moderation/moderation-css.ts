import { adoptStyles } from '../Common/adopt-styles.js';

// The menu's and the dialogs' own rules, adopted when the tools first show: written here rather than
// as utility classes, which would all go into the chat window's stylesheet (the base download). The
// rest of their look reuses utilities and the `.field`, `.primary` and `.link` controls the window has.
const CSS =
  '.mod-menu{position:fixed;display:flex;flex-direction:column;min-width:11rem;padding:4px;border:1px solid var(--org-chat-line);border-radius:12px;background:var(--org-chat-bg);box-shadow:0 8px 24px -8px #0005}' +
  '.mod-menu>button{padding:6px 10px;border-radius:8px;text-align:start;font-size:14px}' +
  '.mod-menu>button:hover,.mod-menu>button:focus{background:var(--org-chat-surface)}' +
  '.mod-menu>button:focus-visible{outline:2px solid var(--org-chat-accent);outline-offset:-2px}' +
  '.mod-dialog{margin:auto;width:min(22rem,calc(100% - 32px));padding:20px;border:1px solid var(--org-chat-line);border-radius:16px;background:var(--org-chat-bg);color:var(--org-chat-fg);box-shadow:0 25px 50px -12px #0006}' +
  '.mod-dialog::backdrop{background:#0f172a73}';

const adopted = new WeakSet<Node>();

/** Adds the moderation tools' rules to the widget's shadow root, once. */
export function moderationStyles(root: ShadowRoot): void {
  if (adopted.has(root)) return;
  adopted.add(root);
  adoptStyles(root, CSS);
}
