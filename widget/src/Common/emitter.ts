/** A minimal typed event emitter (the loader's budget has no room for a library). */
export interface Emitter<Events> {
  /** Subscribes; returns the function that unsubscribes. */
  on<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): () => void;
  /**
   * Calls every listener of `event`; one that throws stops neither the others nor the widget. Events
   * without a payload (`undefined`) are emitted without one.
   */
  emit<K extends keyof Events>(
    event: K,
    ...payload: Events[K] extends undefined ? [] : [payload: Events[K]]
  ): void;
  /** Forgets every listener. */
  clear(): void;
}

/** Creates an emitter (a closure, not a class: private fields would be down-levelled into helpers). */
export function createEmitter<Events>(): Emitter<Events> {
  const listeners = new Map<keyof Events, Set<(payload: never) => void>>();
  return {
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    emit(event: keyof Events, payload?: unknown) {
      for (const listener of listeners.get(event) ?? []) {
        try {
          (listener as (value: unknown) => void)(payload);
        } catch (error) {
          console.error('[chat-widget]', error);
        }
      }
    },
    clear: () => listeners.clear(),
  };
}
