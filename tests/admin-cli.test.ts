import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Report } from '@org/chat-sdk/protocol';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FrameClient, freshRoom, signedInUser, type UserTokens } from './helpers.js';
import { asker } from './moderation-helpers.js';

// `npm run admin -- …` against the real local stack, as an operator would use it: make a site admin,
// sign in as them with email and password, ban, read reports, resolve one, read the audit trail.
const urls = inject('stack');
const pool = inject('cognito');
const run = promisify(execFile);
const open: FrameClient[] = [];
const ask = asker('c');
let operator: UserTokens & { email: string };

beforeAll(async () => {
  const email = `operator-${Math.random().toString(36).slice(2, 10)}@example.com`;
  operator = { ...(await signedInUser(urls.cognito, pool, email)), email };
});
afterAll(() => {
  for (const client of open) client.close();
});

/** Runs the CLI against the test stack, signed in as the operator; resolves with what it printed. */
async function admin(...args: string[]): Promise<string> {
  const connection = [
    '--ws-url',
    urls.ws,
    '--http-url',
    urls.http,
    '--user-pool-id',
    pool.userPoolId,
    '--client-id',
    pool.clientId,
    '--cognito-endpoint',
    urls.cognito,
    '--email',
    operator.email,
    '--password',
    'Correct-Horse-9-Battery',
  ];
  const { stdout } = await run(process.execPath, ['scripts/admin.mjs', ...args, ...connection], {
    timeout: 30_000,
  });
  return stdout.trim();
}

describe('the admin CLI', () => {
  it('is refused site-wide actions until the user is made a site admin', async () => {
    const error = await admin('reports').catch((e: { stderr: string }) => e);
    expect((error as { stderr: string }).stderr).toMatch(/admin: forbidden: only site admins/);
    expect(await admin('grant-admin', operator.email)).toMatch(/is now a site admin/);
    expect(await admin('reports', '--json')).toMatch(/^\[/);
  });

  it('bans, lists reports, resolves one and reads the audit trail', async () => {
    const room = freshRoom('cli');
    const offender = await FrameClient.connect(urls, 'Offender');
    const witness = await FrameClient.connect(urls, 'Witness');
    open.push(offender, witness);
    await ask(offender, { action: 'join', room });
    const sent = (await ask(offender, { action: 'send', room, text: 'rude words', id: 'cli-offence-1' })) as {
      message: { seq: number };
    };
    await ask(witness, { action: 'report', room, seq: sent.message.seq, reason: 'rude' });

    const reports = JSON.parse(await admin('reports', '--room', room, '--json')) as Report[];
    expect(reports).toMatchObject([{ room, kind: 'report', reporters: 1, message: { text: 'rude words' } }]);
    expect(await admin('reports', '--room', room)).toContain('"rude words"');

    const user = offender.session.user.id;
    expect(await admin('ban', user, '--room', room, '--for', '1h', '--reason', 'rude')).toMatch(
      new RegExp(`banned ${user} in ${room} until \\d{4}-`),
    );
    expect(await offender.waitFor((f) => f.type === 'removed')).toMatchObject({ room, reason: 'banned' });
    expect(await admin('resolve', room, reports[0]?.id as string, 'delete', '--reason', 'rude')).toContain(
      'delete',
    );

    const trail = await admin('audit', '--room', room);
    const lines = trail.split('\n');
    expect(lines[0]).toMatch(/resolve\s+room=.*target=/);
    expect(lines[1]).toMatch(/ban\s+room=.*reason="rude"/);
    expect(trail).toContain(`(${operator.sub}, admin)`);
  });

  it('explains a bad command or a bad duration', async () => {
    const bad = await admin('ban', 'someone', '--for', 'soon').catch((e: { stderr: string }) => e);
    expect((bad as { stderr: string }).stderr).toMatch(/not a duration: soon/);
    const unknown = await admin('explode').catch((e: { stderr: string }) => e);
    expect((unknown as { stderr: string }).stderr).toMatch(/unknown command explode/);
  });
});
