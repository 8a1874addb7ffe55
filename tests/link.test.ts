// POST /link against the real stack (cognito-local, dynalite, the emulator): a guest becomes one person
// with an account only when both tokens prove it, once; its history then reads as the account's, and
// the rooms it is in are told at once.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ChatMessage, GuestSession, LinkResult, ServerFrame } from '@org/chat-sdk/protocol';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { forgeGuestToken, guestId, stackGuestKey } from './guest-forge.js';
import {
  FrameClient,
  freshRoom,
  guest,
  LOCAL_TABLE,
  localTable,
  signedInUser,
  type UserTokens,
} from './helpers.js';

const urls = inject('stack');
const pool = inject('cognito');
const secret = stackGuestKey(inject('stackDataDir'));
const DAY = 24 * 3600;
const open: FrameClient[] = [];
afterEach(() => {
  for (const client of open.splice(0)) client.close();
});

let ada: UserTokens;
beforeAll(async () => {
  ada = await signedInUser(urls.cognito, pool, undefined, 'Ada Lovelace');
});

interface Answer {
  status: number;
  body: Partial<LinkResult> & { error?: { code: string; message: string } };
}

/** POST /link with `accountToken` as the bearer (none when undefined) and `body` as JSON. */
async function link(accountToken: string | undefined, body: unknown): Promise<Answer> {
  const response = await fetch(`${urls.http}/link`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(accountToken === undefined ? {} : { authorization: `Bearer ${accountToken}` }),
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const refused = (status: number, code: string) => ({
  status,
  body: { error: { code, message: expect.any(String) } },
});

/** Renews a guest token through POST /guest: the id it gets (the same guest, or a new one). */
async function renew(session: GuestSession): Promise<string> {
  const response = await fetch(`${urls.http}/guest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: session.user.name, token: session.token }),
  });
  return ((await response.json()) as GuestSession).user.id;
}

async function connected(name: string): Promise<FrameClient & { session: GuestSession }> {
  const client = await FrameClient.connect(urls, name);
  open.push(client);
  return client;
}

describe('POST /link: the proofs', () => {
  it('refuses without both proofs, with either token in the other’s place, or with a forged guest token', async () => {
    const visitor = await guest(urls.http, 'Ada');
    const now = Math.floor(Date.now() / 1000);
    expect(await link(undefined, { guest: visitor.token })).toMatchObject(refused(401, 'unauthorized'));
    expect(await link(ada.idToken, {})).toMatchObject(refused(400, 'invalid'));
    expect(await link(ada.idToken, { guest: visitor.token, user: ada.sub })).toMatchObject(
      refused(400, 'invalid'),
    );
    expect(await link(visitor.token, { guest: visitor.token })).toMatchObject(refused(401, 'unauthorized'));
    expect(await link(ada.idToken, { guest: ada.idToken })).toMatchObject(refused(401, 'unauthorized'));
    expect(await link(ada.refreshToken, { guest: visitor.token })).toMatchObject(
      refused(401, 'unauthorized'),
    );
    const otherKey = await forgeGuestToken('a-key-that-is-not-the-stack-key-0123456789', {
      sub: visitor.user.id,
    });
    expect(await link(ada.idToken, { guest: otherKey })).toMatchObject(refused(401, 'unauthorized'));
    const pastBound = await forgeGuestToken(secret, {
      sub: visitor.user.id,
      origIat: now - 31 * DAY,
      iat: now - 31 * DAY,
      exp: now - 31 * DAY + 600,
    });
    expect(await link(ada.idToken, { guest: pastBound })).toMatchObject(refused(401, 'unauthorized'));
    // Nothing was linked: the guest renews as itself.
    expect(await renew(visitor)).toBe(visitor.user.id);
  });

  it('accepts an access token, and a guest token expired within its renewal bound', async () => {
    const now = Math.floor(Date.now() / 1000);
    const id = guestId();
    const expired = await forgeGuestToken(secret, {
      sub: id,
      origIat: now - DAY,
      iat: now - 7200,
      exp: now - 3600,
    });
    const answer = await link(ada.accessToken, { guest: expired });
    expect(answer).toMatchObject({ status: 200, body: { guest: id, user: { id: ada.sub, guest: false } } });
  });

  it('links a guest once: a retry answers the same link, another account gets conflict', async () => {
    const visitor = await guest(urls.http, 'Ada');
    const grace = await signedInUser(urls.cognito, pool, undefined, 'Grace Hopper');
    const first = await link(ada.idToken, { guest: visitor.token });
    expect(first).toEqual({
      status: 200,
      body: {
        guest: visitor.user.id,
        user: { id: ada.sub, name: 'Ada Lovelace', guest: false },
        linkedAt: expect.any(Number),
      },
    });
    expect(await link(ada.accessToken, { guest: visitor.token })).toEqual(first);
    expect(await link(grace.idToken, { guest: visitor.token })).toMatchObject(refused(409, 'conflict'));
    const stored = await localTable(urls.dynamodb).send(
      new QueryCommand({
        TableName: LOCAL_TABLE,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `LINK#${visitor.user.id}` },
      }),
    );
    expect(stored.Items).toEqual([
      expect.objectContaining({ userId: ada.sub, linkedAt: first.body.linkedAt }),
    ]);
  });

  it('lets one account take in several guests over time, and retires each: its token renews as a new guest', async () => {
    const [one, two] = await Promise.all([guest(urls.http, 'One'), guest(urls.http, 'Two')]);
    for (const visitor of [one, two]) {
      expect(await link(ada.idToken, { guest: visitor.token })).toMatchObject({
        status: 200,
        body: { guest: visitor.user.id, user: { id: ada.sub } },
      });
    }
    const renewed = await renew(one);
    expect(renewed).not.toBe(one.user.id);
    expect(renewed).toMatch(/^guest_/);
  });
});

describe('a linked guest’s messages', () => {
  const senderIds = (messages: ChatMessage[] | undefined) => (messages ?? []).map((m) => m.sender.id);

  it('tell the rooms the guest is in at once, and read as the account’s in history and resume pages', async () => {
    const room = freshRoom('linked');
    const visitor = await connected('Ada');
    const bob = await connected('Bob');
    await visitor.request({ action: 'join', room, ref: 'j' });
    await bob.request({ action: 'join', room, ref: 'j' });
    for (const [n, text] of ['before one', 'before two'].entries()) {
      await visitor.request({ action: 'send', room, text, id: `before-link-${n}`, ref: `s${n}` });
    }

    const linked = await link(ada.idToken, { guest: visitor.session.token });
    expect(linked.status).toBe(200);
    const announced: ServerFrame = {
      type: 'identity',
      room,
      from: visitor.session.user.id,
      to: { id: ada.sub, name: 'Ada Lovelace', guest: false },
      at: linked.body.linkedAt as number,
    };
    expect(await bob.waitFor((f) => f.type === 'identity')).toEqual(announced);
    expect(await visitor.waitFor((f) => f.type === 'identity')).toEqual(announced);

    // Whoever still holds the guest's token writes as the guest, not as the account.
    await visitor.request({ action: 'send', room, text: 'after', id: 'after-link-0', ref: 'after' });

    const reader = await connected('Carol');
    const page = (await reader.request({ action: 'history', room, ref: 'h' })) as {
      messages?: ChatMessage[];
    };
    expect(page.messages?.map((m) => m.text)).toEqual(['before one', 'before two', 'after']);
    expect(senderIds(page.messages)).toEqual([ada.sub, ada.sub, visitor.session.user.id]);
    expect(page.messages?.[0]?.sender).toEqual({ id: ada.sub, name: 'Ada Lovelace', guest: false });
    const resumed = (await reader.request({ action: 'join', room, after: 0, ref: 'r' })) as {
      messages?: ChatMessage[];
    };
    expect(senderIds(resumed.messages)).toEqual([ada.sub, ada.sub, visitor.session.user.id]);
    const forward = (await reader.request({ action: 'history', room, after: 1, ref: 'f' })) as {
      messages?: ChatMessage[];
    };
    expect(senderIds(forward.messages)).toEqual([ada.sub, visitor.session.user.id]);

    // Nothing stored was rewritten: the messages keep their keys, senders and positions.
    const items = await localTable(urls.dynamodb).send(
      new QueryCommand({
        TableName: LOCAL_TABLE,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :m)',
        ExpressionAttributeValues: { ':pk': `ROOM#${room}`, ':m': 'M#' },
      }),
    );
    expect(new Set(items.Items?.map((item) => item.sender.id))).toEqual(new Set([visitor.session.user.id]));
    expect(items.Items?.map((item) => item.seq).sort()).toEqual([1, 2, 3]);
  });
});
