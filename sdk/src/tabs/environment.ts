/** The part of a BroadcastChannel the tabs use. */
export interface TabChannel {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  close(): void;
}

/** The part of the Web Locks API (`navigator.locks`) the tabs use. */
export interface TabLocks {
  request(
    name: string,
    options: { signal?: AbortSignal; steal?: boolean },
    callback: () => unknown,
  ): Promise<unknown>;
}

/** What the tabs need from the browser; tests pass fakes. */
export interface TabsEnvironment {
  /** Opens the group's channel; undefined without BroadcastChannel (each tab is then on its own). */
  openChannel(name: string): TabChannel | undefined;
  /** The lock manager; undefined without Web Locks (older browsers, and pages not served over HTTPS). */
  locks: TabLocks | undefined;
  /** Calls `listener` when the page is left (`pagehide`); returns the function that unsubscribes. */
  onLeave(listener: () => void): () => void;
}

/** The browser's BroadcastChannel, `navigator.locks` and `pagehide`, where they exist. */
export function browserTabsEnvironment(): TabsEnvironment {
  const scope = globalThis as {
    BroadcastChannel?: new (name: string) => TabChannel;
    navigator?: { locks?: TabLocks };
    addEventListener?: (type: string, listener: () => void) => void;
    removeEventListener?: (type: string, listener: () => void) => void;
  };
  return {
    openChannel: (name) => (scope.BroadcastChannel ? new scope.BroadcastChannel(name) : undefined),
    locks: scope.navigator?.locks,
    onLeave(listener) {
      scope.addEventListener?.('pagehide', listener);
      return () => scope.removeEventListener?.('pagehide', listener);
    },
  };
}
