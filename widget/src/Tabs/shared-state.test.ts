import { describe, expect, it } from 'vitest';
import { createSharedState, MAX_UNREAD, parseShared } from './shared-state.js';

/**
 * Two tabs of one origin: one Storage between them, and each tab's `storage` event fired by the other
 * tab's writes only, as browsers do.
 */
function twoTabs() {
  const data = new Map<string, string>();
  const listeners = new Map<string, Set<(event: StorageEvent) => void>>();
  const storage = {
    getItem: (key: string) => data.get(key) ?? null,
    setItem(key: string, value: string) {
      data.set(key, value);
      for (const [tab, set] of listeners) {
        if (tab !== writer) for (const listener of set) listener({ key, newValue: value } as StorageEvent);
      }
    },
  } as unknown as Storage;
  let writer = '';
  const tab = (name: string) => {
    const set = new Set<(event: StorageEvent) => void>();
    listeners.set(name, set);
    const target = {
      addEventListener: (_type: string, listener: (event: StorageEvent) => void) => set.add(listener),
      removeEventListener: (_type: string, listener: (event: StorageEvent) => void) => set.delete(listener),
    } as unknown as Window;
    const wrapped = new Proxy(storage, {
      get(target, key) {
        const value = Reflect.get(target, key);
        if (key !== 'setItem') return value;
        return (k: string, v: string) => {
          writer = name;
          (value as Storage['setItem'])(k, v);
        };
      },
    });
    return createSharedState('lobby', () => wrapped, target);
  };
  return { data, tab };
}

describe('state shared by a visitor’s tabs', () => {
  it('shows one tab’s change in the others, and counts an unread message once however many tabs add it', () => {
    const { tab } = twoTabs();
    const a = tab('a');
    const b = tab('b');
    a.update({ open: 123 });
    expect(b.values.value.open).toBe(123);
    expect(a.addUnread('m1')).toBe(true);
    expect(b.addUnread('m1')).toBe(false);
    expect(b.addUnread('m2')).toBe(true);
    expect(a.values.value.unread).toEqual(['m1', 'm2']);
    b.update({ unread: [] });
    expect(a.values.value.unread).toEqual([]);
  });

  it('keeps the drafts in step both ways, without writing back what it just read', () => {
    const { data, tab } = twoTabs();
    const a = tab('a');
    const b = tab('b');
    const draftA = a.bind('draft');
    const draftB = b.bind('draft');
    draftA.value = 'Hello fr';
    expect(draftB.value).toBe('Hello fr');
    draftB.value = 'Hello from B';
    expect(draftA.value).toBe('Hello from B');
    expect(JSON.parse(data.get('org-chat-widget:lobby') as string).draft).toBe('Hello from B');
    a.dispose();
    draftB.value = 'after';
    expect(draftA.value).toBe('Hello from B');
  });

  it('keeps the last MAX_UNREAD ids', () => {
    const { tab } = twoTabs();
    const a = tab('a');
    for (let i = 0; i <= MAX_UNREAD; i++) a.addUnread(`m${i}`);
    expect(a.values.value.unread).toHaveLength(MAX_UNREAD);
    expect(a.values.value.unread[0]).toBe('m1');
  });

  it('reads what another script wrote there defensively', () => {
    expect(parseShared('not json')).toBeUndefined();
    expect(parseShared('null')).toBeUndefined();
    expect(parseShared(JSON.stringify({ open: 'yes', unread: ['a', 2, 'x'.repeat(201)], draft: 5 }))).toEqual(
      {
        open: 0,
        unread: ['a'],
        draft: '',
        name: '',
      },
    );
    expect(parseShared(JSON.stringify({ name: 'n'.repeat(100) }))?.name).toHaveLength(40);
  });

  it('still works in the one tab when storage throws (blocked, or full)', () => {
    const broken = {
      getItem() {
        throw new Error('SecurityError');
      },
      setItem() {
        throw new Error('QuotaExceededError');
      },
    } as unknown as Storage;
    const target = { addEventListener() {}, removeEventListener() {} } as unknown as Window;
    const alone = createSharedState('lobby', () => broken, target);
    alone.update({ draft: 'kept' });
    expect(alone.addUnread('m1')).toBe(true);
    expect(alone.values.value).toMatchObject({ draft: 'kept', unread: ['m1'] });
  });
});
