import {
  banUser,
  type ChatClient,
  type ChatError,
  type ChatMessage,
  createChatClient,
  deleteMessage,
  editMessage,
  guestAuth,
  listReports,
  type ModerationNotice,
  muteUser,
  type Report,
  reportMessage,
  resolveReport,
  setRole,
  setSlowMode,
  tokenAuth,
  unmuteUser,
} from '@org/chat-sdk';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshRoom, signedInUser, type UserTokens } from './helpers.js';
import { siteAdmin } from './moderation-helpers.js';

// The moderation API of the SDK against the real local stack: what a moderator's tools and a
// participant's widget see (issue 13).
const urls = inject('stack');
const pool = inject('cognito');
const clients: ChatClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});
let owner: UserTokens;
let moderator: UserTokens;
let admin: UserTokens;
beforeAll(async () => {
  [owner, moderator, admin] = (await Promise.all([
    signedInUser(urls.cognito, pool),
    signedInUser(urls.cognito, pool),
    siteAdmin(urls.cognito, pool),
  ])) as [UserTokens, UserTokens, UserTokens];
});

function userClient(tokens: UserTokens): ChatClient {
  const client = createChatClient({
    wsUrl: urls.ws,
    httpUrl: urls.http,
    auth: tokenAuth(() => tokens.idToken),
  });
  clients.push(client);
  return client;
}
function guestClient(name: string): ChatClient {
  const client = createChatClient({ wsUrl: urls.ws, httpUrl: urls.http, auth: guestAuth({ name }) });
  clients.push(client);
  return client;
}

/** A room created by the owner with the moderator named, joined by the moderator and a guest. */
async function setUp() {
  const id = freshRoom('sdk-mod');
  const boss = userClient(owner);
  await boss.createRoom({ id, visibility: 'public' });
  await setRole(boss, moderator.sub, 'moderator', { room: id });
  const mod = await userClient(moderator).join(id);
  const guest = guestClient('Visitor');
  const room = await guest.join(id);
  return { id, mod, guest, room };
}

describe('moderation through the SDK', () => {
  it('shows edits and deletions as update and delete events, in place', async () => {
    const { mod, room } = await setUp();
    const updates: ChatMessage[] = [];
    const deletions: ChatMessage[] = [];
    mod.on('update', (m) => updates.push(m));
    mod.on('delete', (m) => deletions.push(m));
    const sent = await room.send('teh typo');
    const edited = await editMessage(room, sent.seq, 'the typo');
    expect(edited).toMatchObject({ seq: sent.seq, text: 'the typo' });
    await expect.poll(() => updates).toEqual([edited]);
    const tombstone = await deleteMessage(mod, sent.seq, 'not needed');
    expect(tombstone).toMatchObject({ seq: sent.seq, deleted: true, text: '' });
    await expect.poll(() => deletions).toEqual([tombstone]);
  });

  it('keeps a participant’s info and outbox in step: role, mute, slow mode, held messages', async () => {
    const { mod, guest, room } = await setUp();
    expect(mod.info?.role).toBe('moderator');
    const notices: ModerationNotice[] = [];
    room.on('moderation', (notice) => notices.push(notice));
    const until = await muteUser(mod, guest.user?.id as string, { durationSeconds: 300, reason: 'cool off' });
    await expect.poll(() => room.info?.muted).toEqual({ until, reason: 'cool off' });
    const refused = (await room.send('let me').catch((e: unknown) => e)) as ChatError;
    expect(refused).toMatchObject({ code: 'muted', until });
    // The refused message waits in the outbox as failed, until sent again or dropped.
    expect(room.outbox).toMatchObject([{ text: 'let me', status: 'failed', error: { code: 'muted' } }]);
    room.discard(room.outbox[0]?.clientId as string);
    await unmuteUser(mod, guest.user?.id as string);
    await expect.poll(() => room.info?.muted).toBeUndefined();
    await setSlowMode(mod, 10);
    await expect.poll(() => room.info?.slowModeSeconds).toBe(10);
    expect(notices.map((n) => n.kind)).toEqual(['muted', 'unmuted', 'settings']);
    await setSlowMode(mod, 0);
    // A held message waits in the outbox as held, and leaves it when a moderator approves it.
    await expect(room.send('an investment opportunity')).rejects.toMatchObject({ code: 'held' });
    expect(room.outbox).toMatchObject([{ text: 'an investment opportunity', status: 'held' }]);
    const arrived: string[] = [];
    room.on('message', (m) => arrived.push(m.text));
    await expect.poll(async () => (await listReports(mod)).length).toBe(1);
    const [held] = await listReports(mod);
    await resolveReport(mod, held as Report, 'approve');
    await expect.poll(() => arrived).toEqual(['an investment opportunity']);
    expect(room.outbox).toEqual([]);
  });

  it('reports a message, and bans its author from the room: the author’s room ends', async () => {
    const { mod, guest, room } = await setUp();
    const reporter = await guestClient('Witness').join(mod.id);
    const sent = await room.send('something rude');
    expect(await reportMessage(reporter, sent.seq, 'rude')).toBe(`m${sent.seq}`);
    const removed: string[] = [];
    room.on('removed', ({ reason }) => removed.push(reason));
    await banUser(mod, guest.user?.id as string, { reason: 'rude' });
    await expect.poll(() => removed).toEqual(['banned']);
    expect(guest.rooms.has(mod.id)).toBe(false);
    await expect(guest.join(mod.id)).rejects.toMatchObject({ code: 'banned' });
  });

  it('ends a client banned site-wide, with a `banned` error, instead of reconnecting forever', async () => {
    const root = userClient(admin);
    const guest = guestClient('Banned');
    await guest.connect();
    const errors: string[] = [];
    guest.on('error', (error) => errors.push(error.code));
    await banUser(root, guest.user?.id as string, { reason: 'abuse', durationSeconds: 600 });
    await expect.poll(() => guest.state).toBe('closed');
    expect(errors).toContain('banned');
  });
});
