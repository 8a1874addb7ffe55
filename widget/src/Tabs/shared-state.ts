import { LIMITS } from '@org/chat-sdk/protocol';
import { effect, type Signal, signal } from '@preact/signals';
import { sharedStateKey } from './shared-key.js';

/**
 * What a visitor's tabs share about one room, kept in `localStorage` under `sharedStateKey(room)`: the
 * loader reads `open` and `unread` from there too (see Launcher/embed.ts), so keep the two in step.
 */
export interface SharedValues {
  /**
   * 0 when closed; when open, until when a page load of the site reopens it (ms since the epoch,
   * REOPEN_WITHIN_MS after it was last shown): a visitor back days later finds it closed.
   */
  open: number;
  /** Ids of messages from others that nobody has seen yet, oldest first (at most MAX_UNREAD). */
  unread: string[];
  /** The message being written. */
  draft: string;
  /** The name being typed in the guest name form. */
  name: string;
}

/** The state every tab of the visitor sees, as one signal, and how to change it. */
export interface SharedState {
  readonly values: Signal<SharedValues>;
  /**
   * Merges `values` into the stored state, re-read first so another tab's change is kept; or what
   * `values` makes of that fresh state. Writes only a change (no echo between tabs).
   */
  update(values: Partial<SharedValues> | ((current: SharedValues) => Partial<SharedValues>)): void;
  /** Adds a message id to `unread`; false when it was there already (another tab counted it). */
  addUnread(id: string): boolean;
  /** A signal of one text field that follows other tabs' changes and stores its own. */
  bind(field: 'draft' | 'name'): Signal<string>;
  /** Stops following other tabs. */
  dispose(): void;
}

/** More unread ids than this are not kept: the badge reads "99+" long before. */
export const MAX_UNREAD = 100;

const EMPTY: SharedValues = { open: 0, unread: [], draft: '', name: '' };

const text = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : '');

/**
 * Parses the stored JSON. Every script of the origin can write localStorage, so each field is checked
 * and bounded; anything else reads as empty.
 */
export function parseShared(raw: string | null): SharedValues | undefined {
  let stored: Record<string, unknown>;
  try {
    stored = JSON.parse(raw ?? '');
  } catch {
    return undefined;
  }
  if (typeof stored !== 'object' || stored === null) return undefined;
  const unread = Array.isArray(stored.unread) ? stored.unread : [];
  return {
    open: Number.isFinite(stored.open) ? (stored.open as number) : 0,
    unread: unread
      .filter((id): id is string => typeof id === 'string' && id.length <= 200)
      .slice(-MAX_UNREAD),
    draft: text(stored.draft, LIMITS.maxTextLength),
    name: text(stored.name, LIMITS.maxNameLength),
  };
}

/**
 * The shared state of `room`, kept in step with the visitor's other tabs through `storage` events.
 * Storage can be missing or full (blocked third-party storage, private modes): the state then lives in
 * this tab only.
 */
export function createSharedState(
  room: string,
  getStorage: () => Storage = () => window.localStorage,
  target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
): SharedState {
  const key = sharedStateKey(room);
  const stored = (): SharedValues | undefined => {
    try {
      return parseShared(getStorage().getItem(key));
    } catch {
      return undefined;
    }
  };
  const values = signal(stored() ?? EMPTY);
  const stops: Array<() => void> = [];

  function update(change: Partial<SharedValues> | ((current: SharedValues) => Partial<SharedValues>)): void {
    // peek(): an effect that calls update must not re-run on every change of the state it writes.
    const current = stored() ?? values.peek();
    const next = { ...current, ...(typeof change === 'function' ? change(current) : change) };
    const json = JSON.stringify(next);
    try {
      // An unchanged value is not written: no storage event, no echo between tabs.
      if (getStorage().getItem(key) !== json) getStorage().setItem(key, json);
    } catch {
      // Not shared, but this tab still has it.
    }
    if (JSON.stringify(values.peek()) !== json) values.value = next;
  }

  const onStorage = (event: StorageEvent) => {
    if (event.key !== key) return;
    values.value = parseShared(event.newValue) ?? EMPTY;
  };
  target.addEventListener('storage', onStorage);
  stops.push(() => target.removeEventListener('storage', onStorage));

  return {
    values,
    update,
    addUnread(id) {
      const current = (stored() ?? values.peek()).unread;
      if (current.includes(id)) return false;
      update({ unread: [...current, id].slice(-MAX_UNREAD) });
      return true;
    },
    bind(field) {
      const bound = signal(values.value[field]);
      stops.push(
        effect(() => {
          bound.value = values.value[field];
        }),
        effect(() => update({ [field]: bound.value })),
      );
      return bound;
    },
    dispose() {
      for (const stop of stops) stop();
    },
  };
}
