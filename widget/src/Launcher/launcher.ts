import type { LauncherStrings } from '../Common/i18n/strings.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const CHAT_ICON = 'M7.9 20A9 9 0 1 0 4 16.1L2 22Z';
const CHEVRON_ICON = 'm6 9 6 6 6-6';

/** The launcher button that opens and closes the chat window. */
export interface Launcher {
  readonly button: HTMLButtonElement;
  /** Reflects whether the window is open (name, icon and `aria-expanded`). */
  setExpanded(expanded: boolean): void;
  /** Reflects that the window is being loaded. */
  setBusy(busy: boolean): void;
  /** Shows the unread count on a badge and in the button's name (0 hides it). */
  setUnread(count: number): void;
}

// Built with DOM calls, not innerHTML: pages enforcing Trusted Types refuse any innerHTML assignment.
function icon(className: string, path: string): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', className);
  const shape = document.createElementNS(SVG_NS, 'path');
  shape.setAttribute('d', path);
  svg.append(shape);
  return svg;
}

/** Draws the launcher into `root`; `onToggle` runs on every activation. */
export function createLauncher(root: ShadowRoot, strings: LauncherStrings, onToggle: () => void): Launcher {
  const button = document.createElement('button');
  const badge = document.createElement('span');
  badge.className = 'badge';
  // The count is in the button's name already; the badge is its visual twin.
  badge.setAttribute('aria-hidden', 'true');
  button.type = 'button';
  button.className = 'launcher';
  button.append(icon('closed', CHAT_ICON), icon('open', CHEVRON_ICON), badge);
  button.addEventListener('click', onToggle);
  root.append(button);
  let expanded = false;
  let unread = 0;
  const label = () => {
    // A name of its own when open: the window's header already has the "Close chat" button.
    const name = expanded ? strings.minimizeChat : strings.openChat;
    // `{n}` is the unread text's one placeholder (no general `fill` here: the loader's bytes count).
    button.setAttribute(
      'aria-label',
      unread ? `${name}, ${strings.unread.replace('{n}', String(unread))}` : name,
    );
  };
  const launcher: Launcher = {
    button,
    setExpanded(value) {
      expanded = value;
      button.setAttribute('aria-expanded', String(value));
      label();
    },
    setBusy(busy) {
      button.setAttribute('aria-busy', String(busy));
    },
    setUnread(count) {
      unread = count;
      badge.textContent = count ? (count > 99 ? '99+' : String(count)) : '';
      label();
    },
  };
  launcher.setExpanded(false);
  return launcher;
}
