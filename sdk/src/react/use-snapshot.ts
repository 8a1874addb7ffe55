import { useCallback, useRef, useSyncExternalStore } from 'react';
import { noop } from './external-store.js';

interface Cached<T> {
  source: object;
  value: T;
  stale: boolean;
}

/**
 * Reads `read()` from `source` and re-renders when `listen` reports a change. The SDK's getters return a
 * fresh copy on every call, so the value is cached until the next change (useSyncExternalStore wants a
 * stable snapshot). Without a source, and while rendering on the server, it is `empty`.
 */
export function useSnapshot<S extends object, T>(
  source: S | undefined,
  listen: (source: S, onChange: () => void) => () => void,
  read: (source: S) => T,
  empty: T,
): T {
  const cache = useRef<Cached<T> | undefined>(undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `listen` and `read` are fixed per hook; only the source decides what to subscribe to.
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!source) return noop;
      // A change between render and subscribe had no listener to mark it: read afresh once.
      if (cache.current) cache.current.stale = true;
      return listen(source, () => {
        if (cache.current) cache.current.stale = true;
        onChange();
      });
    },
    [source],
  );
  const getSnapshot = (): T => {
    if (!source) return empty;
    const cached = cache.current;
    if (cached && cached.source === source && !cached.stale) return cached.value;
    cache.current = { source, value: read(source), stale: false };
    return cache.current.value;
  };
  return useSyncExternalStore(subscribe, getSnapshot, () => empty);
}
