/** Remembers one short string between visits (the guest's name, that an account is signed in). */
export interface NameStorage {
  load(): string | undefined;
  save(value: string): void;
  clear(): void;
}

// Namespaced: the widget shares localStorage with the host page and any other script on it.
const NAME_KEY = 'org-chat-widget:guest-name';
/** Set while an account signed in through the widget is remembered (its tokens live in the SDK's keys). */
export const ACCOUNT_KEY = 'org-chat-widget:account';

/**
 * A NameStorage on `localStorage` under `key` (default: the guest name's). Every access is guarded:
 * storage can throw (blocked third-party storage, sandboxed iframes, a full quota), and a missing
 * value only means asking again.
 */
export function localNameStorage(
  getStorage: () => Storage = () => window.localStorage,
  key = NAME_KEY,
): NameStorage {
  return {
    load() {
      try {
        return getStorage().getItem(key) || undefined;
      } catch {
        return undefined;
      }
    },
    save(value) {
      try {
        getStorage().setItem(key, value);
      } catch {
        // Not remembered: the next visit asks again.
      }
    },
    clear() {
      try {
        getStorage().removeItem(key);
      } catch {
        // Nothing stored that we could reach.
      }
    },
  };
}
