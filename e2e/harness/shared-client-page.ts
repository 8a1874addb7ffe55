// A harness page's script: an SDK client of `@org/chat-sdk/tabs` (sharedChatClient) as a persisted
// guest, in the room named by the page's URL hash (JSON: ws, http, room, name, share). It records
// every message its room emits and every state its client goes through; the test reads
// `window.sharedHarness`.
import { guestAuth } from '../../sdk/src/auth/guest.js';
import type { Room } from '../../sdk/src/room.js';
import { sharedChatClient } from '../../sdk/src/tabs/index.js';

const config = JSON.parse(decodeURIComponent(location.hash.slice(1))) as {
  ws: string;
  http: string;
  room: string;
  name: string;
  share: boolean;
};
const client = sharedChatClient({
  wsUrl: config.ws,
  httpUrl: config.http,
  // Persisted, as the widget's: every tab of the visitor is the same guest.
  auth: guestAuth({ name: config.name, persist: true }),
  shareConnection: config.share,
});
const seen: string[] = [];
const states: string[] = [];
const presence: string[] = [];
client.on('state', (state) => states.push(state));
let room: Room | undefined;
const joined = client.join(config.room).then((joinedRoom) => {
  room = joinedRoom;
  joinedRoom.on('message', (message) => seen.push(message.text));
  joinedRoom.on('presence', ({ user, status }) => presence.push(`${user.name} ${status}`));
  return joinedRoom;
});

Object.assign(window, {
  sharedHarness: {
    joined: () => joined.then(() => true),
    user: () => client.user?.id,
    seen,
    states,
    presence,
    online: () => room?.online.map((user) => user.name) ?? [],
    send: async (text: string) => (await (await joined).send(text)).seq,
    leave: async () => (await joined).leave(),
    close: () => client.close(),
  },
});
