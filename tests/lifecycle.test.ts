// `npm start` as a user runs it (scripts/start.mjs in a process group of its own, as a terminal runs
// it): a closed terminal, a crash and Ctrl-C each leave every port free with no help from outside, the
// next start comes up clean on the same data, a taken port is named before anything starts, and the
// confirmation codes cognito-local "sends" are printed.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES module without types.
import { PORTS, portProblem } from '../scripts/lib/ports.mjs';
// @ts-expect-error: plain ES module without types, shared with `npm start`.
import { ROOT, stackPorts } from '../scripts/local-stack.mjs';

/** The six ports, by the keys of scripts/lib/ports.mjs. */
interface Ports {
  httpPort: number;
  wsPort: number;
  lambdaPort: number;
  dynamoPort: number;
  cognitoPort: number;
  webPort: number;
}
const ports: Ports = stackPorts(Number(process.env.TEST_PORT_BASE || 13000) + 400);
const dataDir = mkdtempSync(join(tmpdir(), 'chat-lifecycle-'));
const env = {
  ...process.env,
  HTTP_PORT: String(ports.httpPort),
  WS_PORT: String(ports.wsPort),
  LAMBDA_PORT: String(ports.lambdaPort),
  DYNAMODB_PORT: String(ports.dynamoPort),
  COGNITO_PORT: String(ports.cognitoPort),
  WEB_PORT: String(ports.webPort),
  DATA_DIR: dataDir,
  LOG_LEVEL: 'ERROR',
};

/** A running `scripts/start.mjs`, leader of its own process group, and everything it printed. */
interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}
const started: Started[] = [];

function start(extraEnv: Record<string, string> = {}): Started {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    env: { ...env, ...extraEnv },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk) => {
    text += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    text += chunk;
  });
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  const run = { child, output: () => text, exited };
  started.push(run);
  return run;
}

async function startedUp(run: Started): Promise<void> {
  await expect
    .poll(() => (run.child.exitCode === null ? run.output() : `exited: ${run.output()}`), {
      timeout: 180_000,
      interval: 500,
    })
    .toContain('Local chat stack is up');
}

/** Signals the whole process group, as a terminal does (Ctrl-C, hang-up) or a crash of it would. */
function signalGroup(run: Started, signal: NodeJS.Signals): void {
  process.kill(-(run.child.pid as number), signal);
}

/** The stack's ports that are still taken (by anything). */
async function takenPorts(): Promise<number[]> {
  const taken: number[] = [];
  for (const { key } of PORTS as { key: keyof Ports }[]) {
    if (await portProblem(ports[key])) taken.push(ports[key]);
  }
  return taken;
}

/** Runs `npm run reset`'s script on the test's data folder. */
function reset() {
  return spawnSync(process.execPath, ['scripts/reset.mjs'], { cwd: ROOT, env, encoding: 'utf8' });
}

async function allPortsFree(): Promise<void> {
  await expect.poll(takenPorts, { timeout: 15_000, interval: 250 }).toEqual([]);
}

afterAll(() => {
  for (const run of started) {
    if (run.child.exitCode === null && run.child.signalCode === null) signalGroup(run, 'SIGKILL');
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('prints each confirmation code cognito-local issues, and stops everything on a hang-up (closed terminal)', async () => {
    const run = start();
    await startedUp(run);
    const [, userPoolId, clientId] =
      /pool (\S+), client (\S+)\)/.exec(run.output()) ?? expect.fail('no pool in the banner');
    expect(userPoolId).toMatch(/^local_/);
    const cognito = new CognitoIdentityProviderClient({
      endpoint: `http://127.0.0.1:${ports.cognitoPort}`,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const email = `ada-${Date.now()}@example.com`;
    await cognito.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: email,
        Password: 'Correct-Horse-42',
        UserAttributes: [{ Name: 'email', Value: email }],
      }),
    );
    const line = new RegExp(`confirmation code for ${email}: (\\d+)`);
    await expect.poll(() => run.output()).toMatch(line);
    const code = line.exec(run.output())?.[1] as string;
    // The printed code is the one cognito-local expects.
    await cognito.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: email, ConfirmationCode: code }),
    );

    signalGroup(run, 'SIGHUP');
    expect(await run.exited).toBe(0);
    await allPortsFree();
  }, 300_000);

  it('leaves no part running when its process group is killed, and the next start comes up clean', async () => {
    const crashed = start();
    await startedUp(crashed);
    signalGroup(crashed, 'SIGKILL');
    await crashed.exited;
    // Nobody stops the parts: each notices by itself that its parent is gone.
    await allPortsFree();

    const next = start();
    await startedUp(next);
    expect(next.output()).toContain(`data in ${dataDir}`);
    signalGroup(next, 'SIGINT');
    expect(await next.exited).toBe(0);
    await allPortsFree();

    // Stopped: reset deletes the data.
    expect(reset()).toMatchObject({ status: 0, stdout: expect.stringContaining('Removed') });
    expect(existsSync(dataDir)).toBe(false);
  }, 400_000);

  it('names a taken port, the part that needs it and the variable that moves it, before starting anything', async () => {
    const freshData = mkdtempSync(join(tmpdir(), 'chat-lifecycle-taken-'));
    const holder: Server = createServer();
    await new Promise<void>((ok) => holder.listen(ports.dynamoPort, ok));
    try {
      const run = start({ DATA_DIR: freshData });
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain(
        `Port ${ports.dynamoPort} is already in use: DynamoDB (dynalite) needs it.`,
      );
      expect(run.output()).toContain(`DYNAMODB_PORT=${ports.dynamoPort + 100} npm start`);
      // Nothing was started: no part made its data folder, no other port is held.
      expect(existsSync(join(freshData, 'cognito'))).toBe(false);
      expect(existsSync(join(freshData, 'dynamodb'))).toBe(false);
    } finally {
      await new Promise((ok) => holder.close(ok));
      rmSync(freshData, { recursive: true, force: true });
    }
    expect(await takenPorts()).toEqual([]);
  });
});
