/** Below this width the window fills the screen (Tailwind's `sm` breakpoint, as in the stylesheets). */
export const FULL_SCREEN_QUERY = '(max-width: 639.98px)';

let loading: Promise<typeof import('./full-screen.js')> | undefined;

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
  loadPhoneWindow().then(
    (module) => {
      if (shown) stop = module.fullScreenWindow(element, close);
    },
    (error: unknown) => console.error('[chat-widget]', error),
  );
  return () => {
    shown = false;
    stop?.();
  };
}

/** Loads the phone behaviours once. */
export function loadPhoneWindow(): Promise<typeof import('./full-screen.js')> {
  loading ??= import('./full-screen.js');
  return loading;
}
