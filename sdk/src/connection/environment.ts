/** The browser signals a connection heeds; absent in Node, replaceable in tests. */
export interface ConnectionEnvironment {
  /** Subscribes to `online`, `offline` and `visibilitychange`; returns the unsubscribe function. */
  listen(handlers: { online(): void; offline(): void; visible(): void }): () => void;
  /** False only when the browser is sure it is offline. */
  isOnline(): boolean;
}

/** Reads `window` and `document` when they exist (browsers), and does nothing elsewhere (Node). */
export function browserEnvironment(): ConnectionEnvironment {
  const win = (globalThis as { window?: Window }).window;
  const doc = (globalThis as { document?: Document }).document;
  return {
    listen({ online, offline, visible }) {
      if (!win?.addEventListener) return () => {};
      const onVisibility = () => {
        if (doc?.visibilityState === 'visible') visible();
      };
      win.addEventListener('online', online);
      win.addEventListener('offline', offline);
      doc?.addEventListener('visibilitychange', onVisibility);
      return () => {
        win.removeEventListener('online', online);
        win.removeEventListener('offline', offline);
        doc?.removeEventListener('visibilitychange', onVisibility);
      };
    },
    isOnline: () => (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine !== false,
  };
}
