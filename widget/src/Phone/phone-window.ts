import { lazy } from '../Common/lazy.js';

/** Below this width the window fills the screen (Tailwind's `sm` breakpoint, as in the stylesheets). */
export const FULL_SCREEN_QUERY = '(max-width: 639.98px)';

// Downloaded once per page; a failed download is logged and tried again at the next show.
const fullScreen = lazy(() => import('./full-screen.js'));

/** Whether the screen is narrow: the window fills it, and the phone behaviours are needed. */
export const isNarrow = () => matchMedia(FULL_SCREEN_QUERY).matches;

/**
 * Makes the shown window `element` a phone's full-screen window (see full-screen.ts), loading that code
 * first: a chunk of its own, which a desktop visitor never downloads (the window preloads it when it
 * mounts on a narrow screen). Returns the function to call when the window hides.
 */
export function phoneWindow(element: HTMLElement, close: () => void): () => void {
  let stop: (() => void) | undefined;
  let shown = true;
  fullScreen.load().then((module) => {
    if (shown && module) stop = module.fullScreenWindow(element, close);
  });
  return () => {
    shown = false;
    stop?.();
  };
}

/** Loads the phone behaviours (once); resolves when they arrived, or failed (logged). */
export const loadPhoneWindow = fullScreen.load;
