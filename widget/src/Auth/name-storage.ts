/** Remembers the guest's display name so a reload skips the name prompt. */
export interface NameStorage {
  load(): string | undefined;
  save(name: string): void;
  clear(): void;
}

// Namespaced: the widget shares localStorage with the host page and any other script on it.
const KEY = 'org-chat-widget:guest-name';

/**
 * A NameStorage on `localStorage`. Every access is guarded: storage can throw (blocked third-party
 * storage, sandboxed iframes, a full quota), and a missing name only means asking again.
 */
export function localNameStorage(getStorage: () => Storage = () => window.localStorage): NameStorage {
  return {
    load() {
      try {
        return getStorage().getItem(KEY) || undefined;
      } catch {
        return undefined;
      }
    },
    save(name) {
      try {
        getStorage().setItem(KEY, name);
      } catch {
        // Not remembered: the next visit asks for the name again.
      }
    },
    clear() {
      try {
        getStorage().removeItem(KEY);
      } catch {
        // Nothing stored that we could reach.
      }
    },
  };
}
