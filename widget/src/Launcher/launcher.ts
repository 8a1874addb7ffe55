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
export function createLauncher(root: ShadowRoot, onToggle: () => void): Launcher {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'launcher';
  button.append(icon('closed', CHAT_ICON), icon('open', CHEVRON_ICON));
  button.addEventListener('click', onToggle);
  root.append(button);
  const launcher: Launcher = {
    button,
    setExpanded(expanded) {
      // A name of its own when open: the window's header already has the "Close chat" button.
      button.setAttribute('aria-label', expanded ? 'Minimize chat' : 'Open chat');
      button.setAttribute('aria-expanded', String(expanded));
    },
    setBusy(busy) {
      button.setAttribute('aria-busy', String(busy));
    },
  };
  launcher.setExpanded(false);
  return launcher;
}
