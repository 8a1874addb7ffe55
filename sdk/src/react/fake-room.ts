// A Room double for the hooks' unit tests: the test emits its events and answers its history requests.
import { Emitter } from '../emitter.js';
import type { AckFrame, ChatMessage, ChatUser } from '../protocol/types.js';
import type { HistoryOptions, HistoryPage, OutgoingMessage, Room, RoomEvents } from '../room.js';

/** A message of room `lobby` with the given id; its position is the id's number (`'05'` is 5). */
export function message(id: string): ChatMessage {
  return {
    id,
    seq: Number.parseInt(id, 36),
    clientId: `c-${id}`,
    room: 'lobby',
    text: id,
    ts: 0,
    sender: { id: 'u', name: 'U', guest: true },
  };
}

/** A room whose history pages the test gives; `asked` records every history request. */
export class FakeRoom extends Emitter<RoomEvents> implements Room {
  readonly id = 'lobby';
  readonly info = undefined;
  online: readonly ChatUser[] = [];
  outbox: readonly OutgoingMessage[] = [];
  readonly asked: HistoryOptions[] = [];
  pages: (HistoryPage | Error)[] = [];

  async history(options: HistoryOptions = {}): Promise<HistoryPage> {
    this.asked.push(options);
    const page = this.pages.shift();
    if (!page) throw new Error('no page scripted');
    if (page instanceof Error) throw page;
    return page;
  }
  send(): Promise<ChatMessage> {
    return Promise.reject(new Error('not in these tests'));
  }
  retry(): Promise<ChatMessage> {
    return Promise.reject(new Error('not in these tests'));
  }
  discard(): void {}
  typing(): void {}
  async leave(): Promise<void> {}
  request(): Promise<AckFrame> {
    return Promise.reject(new Error('not in these tests'));
  }
  async addMember(): Promise<void> {}
  async removeMember(): Promise<void> {}
}
