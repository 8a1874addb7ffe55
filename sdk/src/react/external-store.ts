/** Something `useSyncExternalStore` can read: a subscription and an immutable snapshot. */
export interface ExternalStore<T> {
  subscribe(onChange: () => void): () => void;
  getSnapshot(): T;
}

/** Does nothing: the unsubscribe of a store that has no source yet. */
export const noop = (): void => {};
