import { type ReadonlySignal, signal } from '@preact/signals';

/** A module downloaded on first use (a lazy chunk): the formatter, the moderation tools. */
export interface Lazy<T> {
  /** The module once it arrived; components reading it re-render then. Reading starts no download. */
  readonly loaded: ReadonlySignal<T | undefined>;
  /** Starts the download (once: later calls share it); resolves with the module, or undefined if it failed. */
  load(): Promise<T | undefined>;
  /** `loaded`'s value, after starting the download if it is not there yet. */
  get(): T | undefined;
}

/**
 * A lazily downloaded module, shared by every widget of the page. A failed download is logged and
 * tried again on the next `load` or `get`.
 */
export function lazy<T>(download: () => Promise<T>): Lazy<T> {
  const loaded = signal<T | undefined>(undefined);
  let loading: Promise<T | undefined> | undefined;
  const load = () =>
    (loading ??= download().then(
      (module) => (loaded.value = module),
      (error: unknown) => {
        loading = undefined;
        console.error('[chat-widget]', error);
        return undefined;
      },
    ));
  return {
    loaded,
    load,
    get() {
      void load();
      return loaded.value;
    },
  };
}
