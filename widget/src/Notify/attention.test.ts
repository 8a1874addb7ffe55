import type { ChatMessage } from '@org/chat-sdk';
import { describe, expect, it, vi } from 'vitest';
import type { Coordinator, TabState } from '../Tabs/coordinator.js';
import { createSharedState } from '../Tabs/shared-state.js';
import { createAttention } from './attention.js';

const ada = { id: 'guest_ada', name: 'Ada', guest: true };
const grace = { id: 'guest_grace', name: 'Grace', guest: true };
const message = (id: string, sender = grace): ChatMessage => ({
  id,
  seq: Number.parseInt(id, 36) || 0,
  clientId: `c${id}`,
  room: 'lobby',
  text: id,
  ts: 0,
  sender,
});

/** A document whose visibility the test sets; `visibilitychange` fires on change. */
function fakeDocument(visible = true) {
  const listeners = new Set<() => void>();
  const doc = {
    visibilityState: visible ? 'visible' : 'hidden',
    addEventListener: (_type: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_type: string, listener: () => void) => listeners.delete(listener),
  };
  return {
    doc: doc as unknown as Document,
    setVisible(value: boolean) {
      doc.visibilityState = value ? 'visible' : 'hidden';
      for (const listener of listeners) listener();
    },
  };
}

/** A coordinator double: the test says who decides and what the other tabs are doing. */
function fakeCoordinator(options: { decides?: boolean; othersLooking?: boolean; anyVisible?: boolean } = {}) {
  const reports: TabState[] = [];
  const coordinator: Coordinator & { reports: TabState[] } = {
    reports,
    decides: () => options.decides ?? true,
    othersLooking: () => options.othersLooking ?? false,
    anyVisible: () => options.anyVisible ?? false,
    sound: vi.fn(),
    report: (state) => reports.push(state),
    close: vi.fn(),
  };
  return coordinator;
}

function setup(coordinator = fakeCoordinator(), visible = false) {
  const memory = new Map<string, string>();
  const storage = {
    getItem: (key: string) => memory.get(key) ?? null,
    setItem: (key: string, value: string) => memory.set(key, value),
  } as unknown as Storage;
  const target = { addEventListener() {}, removeEventListener() {} } as unknown as Window;
  const shared = createSharedState('lobby', () => storage, target);
  const page = fakeDocument(visible);
  const notify = vi.fn();
  const attention = createAttention({ shared, userId: () => ada.id, coordinator, notify, doc: page.doc });
  return { shared, page, notify, attention, coordinator };
}

describe('attention: what a new message means for the visitor', () => {
  it('counts others’ messages as unread while the window is closed, notifying each once; own ones never', () => {
    const { shared, notify, attention } = setup();
    attention.message(message('1'));
    attention.message(message('1'));
    attention.message(message('2', ada));
    expect(shared.values.value.unread).toEqual(['1']);
    expect(notify).toHaveBeenCalledTimes(1);
    expect(notify.mock.calls[0]?.[0]).toMatchObject({ id: '1' });
    expect(notify.mock.calls[0]?.[1]).toBe(true); // no tab visible: a system notification may show
  });

  it('counts nothing while the window shows on a visible page, and clears the count when it does', () => {
    const { shared, notify, attention, page } = setup(fakeCoordinator(), true);
    attention.message(message('1'));
    expect(shared.values.value.unread).toEqual(['1']);
    attention.setShown(true);
    expect(shared.values.value.unread).toEqual([]);
    attention.message(message('2'));
    expect(shared.values.value.unread).toEqual([]);
    page.setVisible(false); // the visitor switched tabs, the window still open
    attention.message(message('3'));
    expect(shared.values.value.unread).toEqual(['3']);
    page.setVisible(true);
    expect(shared.values.value.unread).toEqual([]);
    expect(notify).toHaveBeenCalledTimes(2);
  });

  it('clears a count that grows while it shows the window (another tab counted a moment too early)', () => {
    const { shared, attention, page } = setup(fakeCoordinator(), true);
    attention.setShown(true);
    shared.update({ unread: ['late'] });
    expect(shared.values.value.unread).toEqual([]);
    page.setVisible(false);
    shared.update({ unread: ['while away'] });
    expect(shared.values.value.unread).toEqual(['while away']);
  });

  it('leaves counting to the tab that decides, and counts nothing another tab shows on screen', () => {
    const follower = setup(fakeCoordinator({ decides: false }));
    follower.attention.message(message('1'));
    expect(follower.shared.values.value.unread).toEqual([]);
    const watched = setup(fakeCoordinator({ othersLooking: true }));
    watched.attention.message(message('1'));
    expect(watched.shared.values.value.unread).toEqual([]);
    expect(follower.notify).not.toHaveBeenCalled();
    expect(watched.notify).not.toHaveBeenCalled();
  });

  it('passes the deciding coordinator’s sound, and says "visible" when another tab is', () => {
    const coordinator = fakeCoordinator({ anyVisible: true });
    const { notify, attention } = setup(coordinator);
    attention.message(message('1'));
    expect(notify.mock.calls[0]?.[1]).toBe(false);
    notify.mock.calls[0]?.[2]();
    expect(coordinator.sound).toHaveBeenCalledTimes(1);
  });

  it('reports this tab’s state to the coordinator on change, and again to a new one', () => {
    const first = fakeCoordinator();
    const { attention, page } = setup(first, true);
    attention.setShown(true);
    attention.setShown(true);
    page.setVisible(false);
    expect(first.reports).toEqual([
      { visible: true, looking: true },
      { visible: false, looking: false },
    ]);
    const second = fakeCoordinator();
    attention.use(second);
    expect(first.close).toHaveBeenCalled();
    expect(second.reports).toEqual([{ visible: false, looking: false }]);
  });
});
