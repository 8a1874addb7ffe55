// A lazy chunk, loaded only on screens narrow enough for a full-screen window (Phone/phone-window.ts).
import { backCloses } from './back-closes.js';
import { followVisualViewport } from './follow-viewport.js';
import { FULL_SCREEN_QUERY } from './phone-window.js';
import { lockPageScroll } from './scroll-lock.js';

/**
 * While `element` is shown and the screen is narrow (rotation and resizing followed): it follows the
 * visual viewport, so the composer stays above the on-screen keyboard; the page behind does not
 * scroll; and Back closes it (`close`). Returns the function that undoes it all, for when it hides.
 */
export function fullScreenWindow(element: HTMLElement, close: () => void): () => void {
  const query = matchMedia(FULL_SCREEN_QUERY);
  let stops: Array<() => void> = [];
  const undo = () => {
    for (const stop of stops) stop();
    stops = [];
  };
  const apply = () => {
    undo();
    if (query.matches) stops = [followVisualViewport(element), lockPageScroll(), backCloses(close)];
  };
  apply();
  query.addEventListener('change', apply);
  return () => {
    query.removeEventListener('change', apply);
    undo();
  };
}
