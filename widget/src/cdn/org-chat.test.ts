import { describe, expect, it, vi } from 'vitest';
import type { ChatWidgetHandle, ChatWidgetOptions } from '../types.js';
import { installOrgChat, type OrgChatApi } from './org-chat.js';

/** A widget double recording every call. */
function fakeWidget(calls: string[]): ChatWidgetHandle {
  return {
    open: () => calls.push('open'),
    close: () => calls.push('close'),
    toggle: () => calls.push('toggle'),
    // As the real handle: called without an identity (`OrgChat('identify')`), it signs out.
    identify: (identity = null) => calls.push(`identify:${JSON.stringify(identity)}`),
    notifications: (kinds) => calls.push(`notifications:${kinds.join(',')}`),
    on: (event) => {
      calls.push(`on:${event}`);
      return () => calls.push(`off:${event}`);
    },
    destroy: () => calls.push('destroy'),
    isOpen: false,
    unread: 0,
  } as ChatWidgetHandle;
}

/** The snippet's stub, with `calls` queued on it. */
function stub(...calls: unknown[][]): { OrgChat?: OrgChatApi } {
  const queue = Object.assign(() => {}, { q: calls }) as OrgChatApi;
  return { OrgChat: queue };
}

const urls = { wsUrl: 'wss://ws.example.com', httpUrl: 'https://api.example.com' };

describe('window.OrgChat', () => {
  it('starts with the script’s data-* options merged under queued init options, then replays the rest in order', () => {
    const calls: string[] = [];
    const embed = vi.fn((_options: ChatWidgetOptions) => fakeWidget(calls));
    const win = stub(['identify', { name: 'Ada' }], ['open'], ['init', { room: 'help' }]);
    installOrgChat(win, { ...urls, room: 'lobby', title: 'Help' }, embed);
    expect(embed).toHaveBeenCalledWith({ ...urls, room: 'help', title: 'Help' });
    expect(calls).toEqual(['identify:{"name":"Ada"}', 'open']);
  });

  it('waits for init when the script tag has no URLs, keeping the calls made meanwhile', () => {
    const calls: string[] = [];
    const embed = vi.fn(() => fakeWidget(calls));
    const win = stub(['open']);
    const api = installOrgChat(win, {}, embed);
    expect(win.OrgChat).toBe(api);
    api('on', 'unread', () => {});
    expect(embed).not.toHaveBeenCalled();
    api('init', urls);
    expect(embed).toHaveBeenCalledTimes(1);
    expect(calls).toEqual(['open', 'on:unread']);
  });

  it('offers every command as a method too, returns on’s unsubscribe, and starts anew after destroy', () => {
    const calls: string[] = [];
    const embed = vi.fn(() => fakeWidget(calls));
    const api = installOrgChat({}, urls, embed) as OrgChatApi &
      Record<string, (...args: unknown[]) => unknown>;
    const off = api.on?.('message', () => {}) as () => void;
    off();
    api.toggle?.();
    api.close?.();
    api('notifications', ['sound', 'title']);
    api('identify');
    api('destroy');
    api('open'); // no widget: kept until the next init
    api('init', {});
    expect(embed).toHaveBeenCalledTimes(2);
    expect(calls).toEqual([
      'on:message',
      'off:message',
      'toggle',
      'close',
      'notifications:sound,title',
      'identify:null',
      'destroy',
      'open',
    ]);
  });

  it('leaves an already installed OrgChat alone (the script loaded twice)', () => {
    const embed = vi.fn(() => fakeWidget([]));
    const win: { OrgChat?: OrgChatApi } = {};
    const first = installOrgChat(win, urls, embed);
    expect(installOrgChat(win, urls, embed)).toBe(first);
    expect(embed).toHaveBeenCalledTimes(1);
  });
});
