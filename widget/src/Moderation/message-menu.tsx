import type { TargetedFocusEvent, TargetedKeyboardEvent } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

/** One entry of the message menu: the tool it opens, and its text. */
export type MenuItem = readonly [tool: string, text: string];

/** Props of MessageMenu. */
export interface MessageMenuProps {
  items: readonly MenuItem[];
  /** The menu button: the menu takes its name, shows under it, and gives focus back to it. */
  button: HTMLButtonElement;
  onChoose: (tool: string) => void;
  /** Closes the menu; `refocus`: give focus back to the menu button (Escape, Tab), not after a click elsewhere. */
  onClose: (refocus: boolean) => void;
}

// The gap between the button and the menu, and the least space kept to the chat window's edges.
const GAP = 4;
const MARGIN = 8;

/**
 * Places `menu` under `button`, its right edge under the button's (or above it, when there is no room
 * below), inside the chat window.
 */
function place(menu: HTMLElement, button: HTMLElement): void {
  const at = button.getBoundingClientRect();
  const bounds = (button.closest('section') ?? document.documentElement).getBoundingClientRect();
  const { offsetWidth: width, offsetHeight: height } = menu;
  const below = at.bottom + GAP + height <= bounds.bottom - MARGIN;
  const top = below ? at.bottom + GAP : at.top - GAP - height;
  const left = Math.min(at.right - width, bounds.right - MARGIN - width);
  menu.style.top = `${Math.max(bounds.top + MARGIN, top)}px`;
  menu.style.left = `${Math.max(bounds.left + MARGIN, left)}px`;
}

/**
 * The message menu (the WAI-ARIA menu button pattern): opens under its button with focus on its first
 * item; Up and Down arrows move (wrapping), Home and End jump, Enter or Space chooses, Escape closes it
 * and gives focus back to the button, Tab closes it and moves on from the button, a click elsewhere
 * closes it. It follows the button as the log scrolls.
 */
export function MessageMenu({ items, button, onChoose, onClose }: MessageMenuProps) {
  const menu = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, for the menu's life.
  useLayoutEffect(() => {
    const element = menu.current as HTMLDivElement;
    const follow = () => place(element, button);
    follow();
    element.querySelector('button')?.focus({ preventScroll: true });
    button.setAttribute('aria-expanded', 'true');
    const log = button.closest('[role="log"]');
    log?.addEventListener('scroll', follow);
    addEventListener('resize', follow);
    return () => {
      button.removeAttribute('aria-expanded');
      log?.removeEventListener('scroll', follow);
      removeEventListener('resize', follow);
    };
  }, []);

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLDivElement>) => {
    const entries = [...event.currentTarget.querySelectorAll('button')];
    const at = entries.indexOf(event.target as HTMLButtonElement);
    const last = entries.length - 1;
    const next = { ArrowDown: at < last ? at + 1 : 0, ArrowUp: at > 0 ? at - 1 : last, Home: 0, End: last }[
      event.key
    ];
    if (next !== undefined) {
      event.preventDefault();
      entries[next]?.focus();
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      // Only the menu closes: the chat window closes on an Escape that reaches it. Tab goes on from
      // the menu button, to the next control (or, with Shift, the one before it).
      if (event.key === 'Escape') event.stopPropagation();
      onClose(true);
    }
  };

  const onFocusOut = (event: TargetedFocusEvent<HTMLDivElement>) => {
    const to = event.relatedTarget as Node | null;
    const element = event.currentTarget;
    // Back to the menu button: its press closes the menu.
    if (element.contains(to) || to === button) return;
    // Chromium tells a focused item's removal as a focus out: the menu giving way to the chosen
    // dialog is no click elsewhere. Once that removal is done, a menu still there lost the focus.
    setTimeout(() => element.isConnected && onClose(false));
  };

  return (
    <div
      ref={menu}
      role="menu"
      aria-label={button.getAttribute('aria-label') ?? undefined}
      onKeyDown={onKeyDown}
      onFocusOut={onFocusOut}
      class="mod-menu"
    >
      {items.map(([tool, text]) => (
        <button key={tool} type="button" role="menuitem" tabIndex={-1} onClick={() => onChoose(tool)}>
          {text}
        </button>
      ))}
    </div>
  );
}
