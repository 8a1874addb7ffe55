import type { ChatMessage } from '@org/chat-sdk';
import { render } from 'preact';
import type { ChatStore } from '../Chat/chat-store.js';
import { MessageTools } from './message-tools.js';
import { moderationStyles } from './moderation-css.js';

/** The tools of a widget: the layer they are drawn in, and which are open (from which button). */
interface Opened {
  layer: HTMLElement;
  open?: { button: HTMLButtonElement } | undefined;
}

// One set of tools per widget (per shadow root): opening another message's menu closes the first.
const openedIn = new WeakMap<ShadowRoot, Opened>();

/**
 * Opens the tools of `message` from its menu button, or closes them if they are open from that button.
 * They are drawn in a layer of their own at the end of the widget's shadow root, not in the row: the
 * menu floats over the log without being cut off by its edges, and the rows stay as they are.
 */
export function openTools(button: HTMLButtonElement, message: ChatMessage, store: ChatStore): void {
  const root = button.getRootNode() as ShadowRoot;
  moderationStyles(root);
  let opened = openedIn.get(root);
  if (!opened) {
    const layer = document.createElement('div');
    layer.className = 'font-sans text-sm text-fg';
    root.append(layer);
    opened = { layer };
    openedIn.set(root, opened);
  }
  const current = opened;
  const again = current.open?.button === button;
  current.open = undefined;
  render(null, current.layer);
  if (again) return;
  const open = { button };
  current.open = open;
  // Closes these tools only: a late call once others are open leaves those alone.
  const done = () => {
    if (current.open !== open) return;
    current.open = undefined;
    render(null, current.layer);
  };
  render(<MessageTools message={message} store={store} button={button} onDone={done} />, current.layer);
}
