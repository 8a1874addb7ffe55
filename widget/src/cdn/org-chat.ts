import type { ChatWidgetHandle, ChatWidgetOptions } from '../types.js';

/** A command as queued or called: `OrgChat('open')`, `OrgChat('on', 'unread', fn)`, … */
type Command = [name: string, ...args: unknown[]];

/** Commands that call the widget handle's method of the same name with their arguments. */
const COMMANDS = ['open', 'close', 'toggle', 'identify', 'on', 'notifications'];

/** The `window.OrgChat` function once the script loaded; the same commands are also methods. */
export interface OrgChatApi {
  (name: string, ...args: unknown[]): unknown;
  /** Calls queued by the snippet before the script loaded (a stub sets this). */
  q?: ArrayLike<unknown>[];
}

/**
 * Installs `window.OrgChat` and replays the calls a page queued before this script arrived (the stub
 * `window.OrgChat = window.OrgChat || function () { (OrgChat.q = OrgChat.q || []).push(arguments) }`).
 * The widget starts with the script's `data-*` options merged with any `init` options; until both
 * URLs are known it waits for `OrgChat('init', { wsUrl, httpUrl, … })`, and keeps other calls until then.
 */
export function installOrgChat(
  win: { OrgChat?: OrgChatApi },
  scriptOptions: Partial<ChatWidgetOptions>,
  embed: (options: ChatWidgetOptions) => ChatWidgetHandle,
): OrgChatApi {
  // A second copy of the script (two tags, or a tag manager) must not draw a second launcher.
  if (win.OrgChat && 'destroy' in win.OrgChat) return win.OrgChat;
  const queued = Array.from(win.OrgChat?.q ?? [], (args) => Array.from(args) as Command);
  let widget: ChatWidgetHandle | undefined;
  let waiting: Command[] = [];
  let initOptions: Partial<ChatWidgetOptions> = {};

  const start = () => {
    const options = { ...scriptOptions, ...initOptions };
    if (widget || !options.wsUrl || !options.httpUrl) return;
    widget = embed(options as ChatWidgetOptions);
    const later = waiting;
    waiting = [];
    for (const command of later) run(command);
  };

  function run([name, ...args]: Command): unknown {
    if (name === 'init') {
      initOptions = { ...initOptions, ...(args[0] as Partial<ChatWidgetOptions>) };
      start();
      return undefined;
    }
    if (!widget) {
      waiting.push([name, ...args]);
      return undefined;
    }
    if (name === 'destroy') {
      widget.destroy();
      widget = undefined; // A later `init` may start a new one.
      return undefined;
    }
    // The rest call the handle's method of that name (identify without an argument signs out).
    if (COMMANDS.includes(name)) return (widget[name as 'on'] as (...values: unknown[]) => unknown)(...args);
    console.error('[chat-widget]', 'unknown command', name);
    return undefined;
  }

  const api = ((...command: Command) => run(command)) as OrgChatApi;
  for (const name of ['init', 'destroy', ...COMMANDS]) {
    (api as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => run([name, ...args]);
  }
  win.OrgChat = api;
  // `init` first, wherever it sits in the queue: the other calls need the widget.
  for (const command of queued) if (command[0] === 'init') run(command);
  start();
  for (const command of queued) if (command[0] !== 'init') run(command);
  return api;
}
