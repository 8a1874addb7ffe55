import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AckFrame, ChatMessage, ErrorFrame, ServerFrame } from '@org/chat-sdk/protocol';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  FrameClient,
  freshRoom,
  handshakeStatus,
  LOCAL_TABLE,
  localTable,
  openRaw,
  signedInUser,
  type UserTokens,
} from './helpers.js';
import { asker, asUser, framesOf, siteAdmin } from './moderation-helpers.js';

// Every moderation action and every refusal, against the real local stack (issue 13), written as the
// people involved would try them: owners, moderators, site admins, participants and abusive guests.
const urls = inject('stack');
const pool = inject('cognito');
const open: FrameClient[] = [];
const ask = asker('m');
let owner: UserTokens;
let moderator: UserTokens;
let member: UserTokens;
let admin: UserTokens;

beforeAll(async () => {
  [owner, moderator, member, admin] = (await Promise.all([
    signedInUser(urls.cognito, pool),
    signedInUser(urls.cognito, pool),
    signedInUser(urls.cognito, pool),
    siteAdmin(urls.cognito, pool),
  ])) as [UserTokens, UserTokens, UserTokens, UserTokens];
});
afterAll(() => {
  for (const client of open) client.close();
});

const as = (tokens: UserTokens) => asUser(urls.ws, tokens, open);
async function asGuest(name = 'Visitor') {
  const client = await FrameClient.connect(urls, name);
  open.push(client);
  return client;
}
const ack = (frame: ServerFrame) => {
  expect(frame, JSON.stringify(frame)).toMatchObject({ type: 'ack' });
  return frame as AckFrame;
};
const refusal = (frame: ServerFrame) => {
  expect(frame, JSON.stringify(frame)).toMatchObject({ type: 'error' });
  return frame as ErrorFrame;
};
let sends = 0;
const send = (client: FrameClient, room: string, text: string) =>
  ask(client, { action: 'send', room, text, id: `mod-send-${Date.now().toString(36)}-${++sends}` });

/** A public room created by `owner`, with `moderator` named, and both joined. */
async function moderatedRoom(prefix = 'mod') {
  const room = freshRoom(prefix);
  const boss = await as(owner);
  ack(await ask(boss, { action: 'create', room, visibility: 'public' }));
  ack(await ask(boss, { action: 'set_role', room, user: moderator.sub, role: 'moderator' }));
  const mod = await as(moderator);
  const joined = ack(await ask(mod, { action: 'join', room }));
  expect(joined.info?.role).toBe('moderator');
  ack(await ask(boss, { action: 'join', room }));
  return { room, boss, mod };
}

describe('roles', () => {
  it('lets the owner name a moderator, never a guest, and nobody else name one', async () => {
    const { room, mod } = await moderatedRoom();
    const guest = await asGuest();
    expect(
      refusal(await ask(mod, { action: 'set_role', room, user: member.sub, role: 'moderator' })).code,
    ).toBe('forbidden');
    const boss = await as(owner);
    expect(
      refusal(await ask(boss, { action: 'set_role', room, user: guest.session.user.id, role: 'moderator' }))
        .code,
    ).toBe('forbidden');
    // A moderator who is made a member again is told, and loses the tools.
    ack(await ask(boss, { action: 'set_role', room, user: moderator.sub, role: 'member' }));
    expect(await mod.waitFor((f) => f.type === 'moderation' && f.kind === 'role')).toMatchObject({
      room,
      role: 'member',
    });
    expect(refusal(await ask(mod, { action: 'mute', room, user: guest.session.user.id })).code).toBe(
      'forbidden',
    );
  });

  it('refuses every moderation action from a guest or a plain participant', async () => {
    const { room } = await moderatedRoom();
    const guest = await asGuest('Would-be mod');
    const plain = await as(member);
    ack(await ask(guest, { action: 'join', room }));
    const victim = await asGuest('Victim');
    ack(await ask(victim, { action: 'join', room }));
    const sent = ack(await send(victim, room, 'hello')).message as ChatMessage;
    const target = victim.session.user.id;
    for (const client of [guest, plain]) {
      for (const frame of [
        { action: 'mute', room, user: target },
        { action: 'ban', room, user: target },
        { action: 'unban', room, user: target },
        { action: 'delete', room, seq: sent.seq },
        { action: 'room_settings', room, slowModeSeconds: 5 },
        { action: 'reports', room },
        { action: 'set_role', room, user: target, role: 'member' },
        { action: 'mute', user: target },
        { action: 'ban', user: target },
        { action: 'reports' },
        { action: 'audit' },
        { action: 'audit', room },
      ]) {
        expect(refusal(await ask(client, frame)).code, `${frame.action} ${frame.room ?? 'site'}`).toBe(
          'forbidden',
        );
      }
    }
    // Nothing happened: the victim still talks.
    ack(await send(victim, room, 'still here'));
  });

  it('does not let a moderator act on the owner or another moderator', async () => {
    const { room, mod } = await moderatedRoom();
    const boss = await as(owner);
    ack(await ask(boss, { action: 'set_role', room, user: member.sub, role: 'moderator' }));
    expect(refusal(await ask(mod, { action: 'mute', room, user: owner.sub })).code).toBe('forbidden');
    expect(refusal(await ask(mod, { action: 'ban', room, user: member.sub })).code).toBe('forbidden');
  });

  it('makes a site admin an admin in every room, even one nobody created', async () => {
    const root = await as(admin);
    const joined = ack(await ask(root, { action: 'join', room: freshRoom('anyroom') }));
    expect(joined.info?.role).toBe('admin');
  });
});

describe('editing and deleting messages', () => {
  it('lets the author edit in place: same position, marked edited, seen live and in history', async () => {
    const { room, mod } = await moderatedRoom('edit');
    const author = await asGuest('Author');
    ack(await ask(author, { action: 'join', room }));
    const original = ack(await send(author, room, 'helo wrold')).message as ChatMessage;
    const after = ack(await send(author, room, 'next')).message as ChatMessage;
    const edited = ack(await ask(author, { action: 'edit', room, seq: original.seq, text: 'hello world' }))
      .message as ChatMessage;
    expect(edited).toMatchObject({ id: original.id, seq: original.seq, text: 'hello world' });
    expect(edited.editedAt).toBeGreaterThanOrEqual(original.ts);
    expect(await mod.waitFor((f) => f.type === 'update')).toEqual({ type: 'update', room, message: edited });
    const history = ack(await ask(mod, { action: 'history', room }));
    expect(history.messages?.map((m) => [m.seq, m.text])).toEqual([
      [original.seq, 'hello world'],
      [after.seq, 'next'],
    ]);
    // Nobody else edits it, moderators included.
    expect(refusal(await ask(mod, { action: 'edit', room, seq: original.seq, text: 'mine' })).code).toBe(
      'forbidden',
    );
  });

  it('refuses an edit after the edit window, and an edit the filters refuse', async () => {
    const author = await asGuest('Late');
    const room = freshRoom('late');
    const sent = ack(await send(author, room, 'on time')).message as ChatMessage;
    expect(refusal(await ask(author, { action: 'edit', room, seq: sent.seq, text: 'buy viagra' })).code).toBe(
      'blocked',
    );
    // Age the message past the window (15 minutes by default) where it is stored.
    await localTable(urls.dynamodb).send(
      new UpdateCommand({
        TableName: LOCAL_TABLE,
        Key: { pk: `ROOM#${room}`, sk: `M#${author.session.user.id}#${sent.clientId}` },
        UpdateExpression: 'SET ts = :old',
        ExpressionAttributeValues: { ':old': Date.now() - 16 * 60_000 },
      }),
    );
    expect(refusal(await ask(author, { action: 'edit', room, seq: sent.seq, text: 'too late' })).code).toBe(
      'edit_window_closed',
    );
  });

  it('leaves a tombstone in the message’s position when its author or a moderator deletes it', async () => {
    const { room, mod } = await moderatedRoom('delete');
    const author = await asGuest('Regretful');
    const other = await asGuest('Other');
    ack(await ask(author, { action: 'join', room }));
    const mine = ack(await send(author, room, 'oops')).message as ChatMessage;
    const theirs = ack(await send(other, room, 'spam spam')).message as ChatMessage;
    expect(refusal(await ask(author, { action: 'delete', room, seq: theirs.seq })).code).toBe('forbidden');
    const tombstone = ack(await ask(author, { action: 'delete', room, seq: mine.seq }))
      .message as ChatMessage;
    expect(tombstone).toMatchObject({ id: mine.id, seq: mine.seq, text: '', deleted: true });
    expect(await mod.waitFor((f) => f.type === 'update' && f.message.seq === mine.seq)).toMatchObject({
      message: { deleted: true, text: '' },
    });
    ack(await ask(mod, { action: 'delete', room, seq: theirs.seq, reason: 'spam' }));
    expect(await author.waitFor((f) => f.type === 'update' && f.message.seq === theirs.seq)).toMatchObject({
      message: { deleted: true },
    });
    const history = ack(await ask(author, { action: 'history', room }));
    expect(history.messages?.map((m) => [m.seq, m.deleted, m.text])).toEqual([
      [mine.seq, true, ''],
      [theirs.seq, true, ''],
    ]);
    // The owner reads who deleted what, and why, with the text it had.
    const boss = await as(owner);
    const trail = ack(await ask(boss, { action: 'audit', room }));
    expect(trail.entries?.[0]).toMatchObject({
      action: 'delete',
      room,
      target: other.session.user.id,
      seq: theirs.seq,
      reason: 'spam',
      actor: { id: moderator.sub, role: 'moderator' },
      detail: { text: 'spam spam' },
    });
  });
});

describe('mutes', () => {
  it('keeps a muted identity reading but not sending, tells it until when, and lets it back', async () => {
    const { room, mod } = await moderatedRoom('mute');
    const guest = await asGuest('Loud');
    ack(await ask(guest, { action: 'join', room }));
    const muted = ack(
      await ask(mod, {
        action: 'mute',
        room,
        user: guest.session.user.id,
        durationSeconds: 600,
        reason: 'calm down',
      }),
    );
    expect(muted.until).toBeGreaterThan(Date.now());
    expect(await guest.waitFor((f) => f.type === 'moderation')).toEqual({
      type: 'moderation',
      kind: 'muted',
      room,
      until: muted.until,
      reason: 'calm down',
    });
    expect(refusal(await send(guest, room, 'let me talk'))).toMatchObject({
      code: 'muted',
      until: muted.until,
    });
    // It still reads, and a join says it is muted.
    ack(await send(mod, room, 'read this'));
    await guest.waitFor((f) => f.type === 'message' && f.message.text === 'read this');
    const again = ack(await ask(guest, { action: 'join', room }));
    expect(again.info?.muted).toEqual({ until: muted.until, reason: 'calm down' });
    ack(await ask(mod, { action: 'unmute', room, user: guest.session.user.id }));
    await guest.waitFor((f) => f.type === 'moderation' && f.kind === 'unmuted');
    ack(await send(guest, room, 'thanks'));
  });

  it('shadow-mutes: the author still sees its messages, live and in history; nobody else does', async () => {
    const { room, mod } = await moderatedRoom('shadow');
    const troll = await asGuest('Troll');
    // The troll's second tab: the same guest token on another socket.
    const second = FrameClient.fromSocket(await openRaw(urls.ws, ['chat.v1', troll.session.token]));
    open.push(second);
    const reader = await asGuest('Reader');
    for (const client of [troll, second, reader]) ack(await ask(client, { action: 'join', room }));
    ack(await ask(mod, { action: 'mute', room, user: troll.session.user.id, shadow: true }));
    const hidden = ack(await send(troll, room, 'nobody hears me')).message as ChatMessage;
    expect(hidden.text).toBe('nobody hears me');
    const visible = ack(await send(mod, room, 'after it')).message as ChatMessage;
    // The troll's other tab gets it; the reader gets the next message and never the hidden one.
    await second.waitFor((f) => f.type === 'message' && f.message.seq === hidden.seq);
    await reader.waitFor((f) => f.type === 'message' && f.message.seq === visible.seq);
    await reader.roundTrip();
    expect(framesOf(reader, 'message').map((f) => f.message.seq)).not.toContain(hidden.seq);
    // The troll is never told; a join says nothing of a mute.
    expect(framesOf(troll, 'moderation')).toEqual([]);
    expect(ack(await ask(troll, { action: 'join', room })).info?.muted).toBeUndefined();
    // History and catch-up: the reader's page settles the position without the message; the troll's has it.
    const readerPage = ack(await ask(reader, { action: 'history', room, after: hidden.seq - 1 }));
    expect(readerPage.messages?.map((m) => m.seq)).toEqual([visible.seq]);
    expect(readerPage.upTo).toBeGreaterThanOrEqual(visible.seq);
    const trollPage = ack(await ask(troll, { action: 'history', room, after: hidden.seq - 1 }));
    expect(trollPage.messages?.map((m) => m.seq)).toEqual([hidden.seq, visible.seq]);
    expect(ack(await ask(reader, { action: 'history', room })).messages?.map((m) => m.seq)).not.toContain(
      hidden.seq,
    );
    // It cannot be reported or deleted by others: for them it does not exist.
    expect(refusal(await ask(reader, { action: 'report', room, seq: hidden.seq, reason: 'x' })).code).toBe(
      'not_found',
    );
  });

  it('mutes an identity site-wide (site admins only), in every room', async () => {
    const root = await as(admin);
    const guest = await asGuest('Everywhere');
    const room = freshRoom('sitemute');
    ack(await send(guest, room, 'before'));
    ack(await ask(root, { action: 'mute', user: guest.session.user.id, reason: 'spam everywhere' }));
    expect(await guest.waitFor((f) => f.type === 'moderation')).toMatchObject({
      kind: 'muted',
      reason: 'spam everywhere',
    });
    // Each function instance rereads site-wide mutes within SITE_MUTE_CACHE_MS (5 s).
    await expect
      .poll(async () => ((await send(guest, freshRoom('elsewhere'), 'try')) as ErrorFrame).code, {
        timeout: 20_000,
        interval: 1000,
      })
      .toBe('muted');
    ack(await ask(root, { action: 'unmute', user: guest.session.user.id }));
  });
});

describe('bans', () => {
  it('removes a banned socket from the room at once, tells it, and refuses it everything there', async () => {
    const { room, mod } = await moderatedRoom('ban');
    const guest = await asGuest('Spammer');
    ack(await ask(guest, { action: 'join', room }));
    const banned = ack(
      await ask(mod, {
        action: 'ban',
        room,
        user: guest.session.user.id,
        durationSeconds: 3600,
        reason: 'spam',
      }),
    );
    expect(await guest.waitFor((f) => f.type === 'removed')).toEqual({
      type: 'removed',
      room,
      reason: 'banned',
      until: banned.until,
    });
    for (const frame of [
      { action: 'join', room },
      { action: 'history', room },
      { action: 'send', room, text: 'let me in', id: 'banned-send-1' },
    ]) {
      expect(refusal(await ask(guest, frame)), frame.action).toMatchObject({
        code: 'banned',
        until: banned.until,
      });
    }
    ack(await send(mod, room, 'you will not see this'));
    await guest.roundTrip();
    expect(framesOf(guest, 'message')).toEqual([]);
    // Another room is not affected; an unban lets it back.
    ack(await send(guest, freshRoom('other'), 'elsewhere'));
    ack(await ask(mod, { action: 'unban', room, user: guest.session.user.id }));
    ack(await ask(guest, { action: 'join', room }));
  });

  it('bans a user site-wide: every socket is told and closed, and a new one is refused', async () => {
    const root = await as(admin);
    const victim = await signedInUser(urls.cognito, pool);
    const sockets = [await as(victim), await as(victim)];
    const closed = sockets.map((client) => new Promise((resolve) => client.socket.once('close', resolve)));
    ack(await ask(root, { action: 'ban', user: victim.sub, reason: 'abuse' }));
    await Promise.all(closed);
    for (const client of sockets) {
      expect(framesOf(client, 'moderation')).toEqual([
        { type: 'moderation', kind: 'banned', reason: 'abuse' },
      ]);
    }
    expect(await handshakeStatus(urls.ws, ['chat.v1', victim.idToken])).toBe(403);
    ack(await ask(root, { action: 'unban', user: victim.sub }));
    expect(await handshakeStatus(urls.ws, ['chat.v1', victim.idToken])).toBe(101);
    // The audit trail has both, site-wide.
    const trail = ack(await ask(root, { action: 'audit', limit: 20 }));
    const actions = trail.entries?.filter((e) => e.target === victim.sub).map((e) => [e.action, e.room]);
    expect(actions).toEqual([
      ['unban', undefined],
      ['ban', undefined],
    ]);
  });
});

describe('slow mode', () => {
  it('allows one message per N seconds per identity, says how long to wait, and exempts moderators', async () => {
    const { room, mod } = await moderatedRoom('slow');
    const guest = await asGuest('Eager');
    ack(await ask(guest, { action: 'join', room }));
    const set = ack(await ask(mod, { action: 'room_settings', room, slowModeSeconds: 30 }));
    expect(set.settings).toMatchObject({ slowModeSeconds: 30 });
    expect(await guest.waitFor((f) => f.type === 'moderation')).toMatchObject({
      kind: 'settings',
      slowModeSeconds: 30,
    });
    expect(ack(await ask(guest, { action: 'join', room })).info?.slowModeSeconds).toBe(30);
    const first = ack(await send(guest, room, 'first')).message as ChatMessage;
    const wait = refusal(await send(guest, room, 'second'));
    expect(wait.code).toBe('slow_mode');
    expect(wait.retryAfterMs).toBeGreaterThan(1000);
    expect(wait.retryAfterMs).toBeLessThanOrEqual(30_000);
    // A refused send records nothing: the wait does not grow.
    const again = refusal(await send(guest, room, 'third'));
    expect(again.retryAfterMs).toBeLessThanOrEqual(wait.retryAfterMs as number);
    // An edit reaches the room like a message: it waits too.
    expect(refusal(await ask(guest, { action: 'edit', room, seq: first.seq, text: 'first!' })).code).toBe(
      'slow_mode',
    );
    ack(await send(mod, room, 'mods'));
    ack(await send(mod, room, 'are exempt'));
    ack(await ask(mod, { action: 'room_settings', room, slowModeSeconds: 0 }));
    ack(await send(guest, room, 'free again'));
  });
});

describe('filters', () => {
  it('refuses a word of the block list, disguised too, and holds a word marked for review', async () => {
    const { room, mod } = await moderatedRoom('words');
    const guest = await asGuest('Seller');
    for (const text of ['cheap VIAGRA here', 'v.i.a.g.r.a!', 'Free Bitcoin!!!']) {
      expect(refusal(await send(guest, room, text)).code, text).toBe('blocked');
    }
    ack(await ask(mod, { action: 'room_settings', room, blockList: ['pineapple'] }));
    expect(refusal(await send(guest, room, 'pineapple on pizza')).code).toBe('blocked');
    ack(await send(guest, room, 'an apple a day'));
    const held = refusal(await send(guest, room, 'great investment opportunity, ask me'));
    expect(held.code).toBe('held');
    const reports = ack(await ask(mod, { action: 'reports', room }));
    expect(reports.reports).toEqual([
      expect.objectContaining({ kind: 'held', status: 'open', message: expect.objectContaining({ seq: 0 }) }),
    ]);
  });

  it('applies the room’s link policy: guests may not post links where it says users', async () => {
    const { room, mod } = await moderatedRoom('links');
    const guest = await asGuest('Linker');
    const user = await as(member);
    ack(await send(guest, room, 'see https://example.com'));
    ack(await ask(mod, { action: 'room_settings', room, links: 'users' }));
    for (const text of ['see https://example.com', 'go to www.example.org', 'visit example.com now']) {
      expect(refusal(await send(guest, room, text)).code, text).toBe('link_not_allowed');
    }
    ack(await send(user, room, 'see https://example.com'));
    ack(await ask(mod, { action: 'room_settings', room, links: 'none' }));
    expect(refusal(await send(user, room, 'see https://example.net')).code).toBe('link_not_allowed');
    ack(await send(mod, room, 'mods may: https://example.com/rules'));
    expect(ack(await ask(guest, { action: 'join', room })).info?.links).toBe('none');
  });

  it('refuses the same text twice and a flood of messages, where the room turns them on', async () => {
    const { room, mod } = await moderatedRoom('flood');
    const guest = await asGuest('Repeater');
    ack(await ask(mod, { action: 'room_settings', room, duplicates: true, flood: true }));
    ack(await send(guest, room, 'Buy now'));
    expect(refusal(await send(guest, room, 'buy  NOW!')).code).toBe('duplicate');
    // A retry of the same send (same client id) is neither a duplicate nor a flood.
    const retried = { action: 'send', room, text: 'retry me', id: 'mod-retry-same-id' };
    const first = ack(await ask(guest, retried));
    expect(ack(await ask(guest, retried)).message?.id).toBe(first.message?.id);
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const answer = await send(guest, room, `message number ${i}`);
      codes.push(answer.type === 'error' ? answer.code : 'ok');
    }
    expect(codes).toContain('flood');
    // Moderators are exempt.
    for (let i = 0; i < 7; i++) ack(await send(mod, room, `announcement ${i}`));
  });
});

describe('the moderation hook', () => {
  it('applies its verdict: refuse (spending no position) and hold', async () => {
    const { room } = await moderatedRoom('hook');
    const guest = await asGuest('Hooked');
    const before = ack(await ask(guest, { action: 'join', room })).latest as number;
    expect(refusal(await send(guest, room, 'bad [hook:reject]')).code).toBe('blocked');
    expect(ack(await ask(guest, { action: 'join', room })).latest).toBe(before);
    expect(refusal(await send(guest, room, 'check me [hook:hold]')).code).toBe('held');
    ack(await send(guest, room, 'fine'));
  });

  it('fails open or closed as the room says when it times out or fails', async () => {
    const { room, mod } = await moderatedRoom('hookfail');
    const guest = await asGuest('Patient');
    const slow = ack(await send(guest, room, 'slow hook [hook:slow]'));
    expect(slow.message?.text).toBe('slow hook [hook:slow]');
    ack(await send(guest, room, 'failing hook [hook:fail]'));
    ack(await ask(mod, { action: 'room_settings', room, hookFailure: 'closed' }));
    expect(refusal(await send(guest, room, 'slow again [hook:slow]')).code).toBe('moderation_unavailable');
    expect(refusal(await send(guest, room, 'failing again [hook:fail]')).code).toBe('moderation_unavailable');
    ack(await send(guest, room, 'a quick one'));
  });
});

describe('reports', () => {
  it('gathers reports of a message for moderators, who delete it, mute, ban or dismiss', async () => {
    const { room, mod } = await moderatedRoom('reports');
    const offender = await asGuest('Offender');
    ack(await ask(offender, { action: 'join', room }));
    const [a, b] = [await asGuest('Reporter A'), await asGuest('Reporter B')];
    const bad = ack(await send(offender, room, 'something nasty')).message as ChatMessage;
    const worse = ack(await send(offender, room, 'something worse')).message as ChatMessage;
    const id = ack(await ask(a, { action: 'report', room, seq: bad.seq, reason: 'rude' })).report;
    expect(ack(await ask(b, { action: 'report', room, seq: bad.seq, reason: 'very rude' })).report).toBe(id);
    // Twice by the same reporter counts once; one's own message cannot be reported.
    ack(await ask(a, { action: 'report', room, seq: bad.seq, reason: 'again' }));
    expect(refusal(await ask(offender, { action: 'report', room, seq: worse.seq, reason: 'me' })).code).toBe(
      'invalid',
    );
    ack(await ask(a, { action: 'report', room, seq: worse.seq, reason: 'worse' }));
    await expect
      .poll(async () =>
        (ack(await ask(mod, { action: 'reports', room })).reports ?? []).map((r) => [
          r.message.seq,
          r.reporters,
        ]),
      )
      .toEqual([
        [bad.seq, 2],
        [worse.seq, 1],
      ]);
    const listed = ack(await ask(mod, { action: 'reports', room })).reports ?? [];
    expect(listed[0]).toMatchObject({
      kind: 'report',
      reasons: ['rude', 'very rude'],
      message: { text: 'something nasty' },
    });
    ack(
      await ask(mod, {
        action: 'resolve',
        room,
        report: listed[0]?.id,
        resolution: 'delete',
        reason: 'rude',
      }),
    );
    await offender.waitFor((f) => f.type === 'update' && f.message.seq === bad.seq);
    ack(
      await ask(mod, {
        action: 'resolve',
        room,
        report: listed[1]?.id,
        resolution: 'mute',
        durationSeconds: 60,
      }),
    );
    expect(refusal(await send(offender, room, 'hey')).code).toBe('muted');
    // Resolved once: a second resolution is a conflict, and the list is empty.
    expect(
      refusal(await ask(mod, { action: 'resolve', room, report: listed[0]?.id, resolution: 'dismiss' })).code,
    ).toBe('conflict');
    await expect.poll(async () => ack(await ask(mod, { action: 'reports', room })).reports).toEqual([]);
  });

  it('approves a held message: it gets a position and reaches everyone, its author too', async () => {
    const { room, mod } = await moderatedRoom('approve');
    const author = await asGuest('Careful');
    const reader = await asGuest('Reader');
    for (const client of [author, reader]) ack(await ask(client, { action: 'join', room }));
    const held = {
      action: 'send',
      room,
      text: 'an investment opportunity for all',
      id: 'mod-held-approve-1',
    };
    expect(refusal(await ask(author, held)).code).toBe('held');
    const rejected = { action: 'send', room, text: 'whatsapp me now', id: 'mod-held-reject-1' };
    expect(refusal(await ask(author, rejected)).code).toBe('held');
    await expect
      .poll(async () => (ack(await ask(mod, { action: 'reports', room })).reports ?? []).length)
      .toBe(2);
    const [first, second] = ack(await ask(mod, { action: 'reports', room })).reports ?? [];
    ack(await ask(mod, { action: 'resolve', room, report: first?.id, resolution: 'approve' }));
    const arrived = await reader.waitFor(
      (f) => f.type === 'message' && f.message.clientId === 'mod-held-approve-1',
    );
    await author.waitFor((f) => f.type === 'message' && f.message.clientId === 'mod-held-approve-1');
    // A retried send of an approved message is the stored one, not a new hold.
    expect(ack(await ask(author, held)).message?.id).toBe((arrived as { message: ChatMessage }).message.id);
    ack(await ask(mod, { action: 'resolve', room, report: second?.id, resolution: 'dismiss' }));
    expect(await author.waitFor((f) => f.type === 'moderation' && f.kind === 'rejected')).toMatchObject({
      room,
      clientId: 'mod-held-reject-1',
    });
  });

  it('lists every room’s open reports for site admins only', async () => {
    const { room, mod } = await moderatedRoom('allreports');
    const guest = await asGuest();
    const sent = ack(await send(mod, room, 'report me')).message as ChatMessage;
    ack(await ask(guest, { action: 'report', room, seq: sent.seq, reason: 'test' }));
    expect(refusal(await ask(mod, { action: 'reports' })).code).toBe('forbidden');
    const root = await as(admin);
    await expect
      .poll(async () =>
        (ack(await ask(root, { action: 'reports', limit: 100 })).reports ?? []).some((r) => r.room === room),
      )
      .toBe(true);
  });
});
