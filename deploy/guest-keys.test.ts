// The rotation command: the local key file end to end, and the AWS path's calls against a stand-in
// `aws` executable (no AWS account here), checking what it reads, writes and never prints.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseGuestKeys } from '../backend/src/auth/guest-keys.js';
// @ts-expect-error: plain ES module without types, run by `npm run rotate-guest-key`.
import { currentKeyOf, rotatedValue, rotateLocal } from './guest-keys.mjs';

const ONE = 'k'.repeat(64);
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'guest-keys-test-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('rotate-guest-key', () => {
  it('makes the old current key the previous one, and a new 64-character key current', () => {
    const first = JSON.parse(rotatedValue(ONE));
    expect(first.previous).toBe(ONE);
    expect(first.current).toMatch(/^[\w-]{64}$/);
    const second = JSON.parse(rotatedValue(JSON.stringify(first)));
    expect(second.previous).toBe(first.current);
    expect(second.current).not.toBe(first.current);
    // What the backend reads: both keys, the new one signing.
    const ring = parseGuestKeys(JSON.stringify(second));
    expect(ring.previous?.id).toBe(parseGuestKeys(first.current).current.id);
  });

  it('reads the current key of either format', () => {
    expect(currentKeyOf(`${ONE}\n`)).toBe(ONE);
    expect(currentKeyOf(JSON.stringify({ current: ONE, previous: 'x'.repeat(64) }))).toBe(ONE);
    expect(() => currentKeyOf('{"previous":"x"}')).toThrow(/current/);
  });

  it('rotates the local stack key file, keeping it private', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'guest-token-secret'), ONE, { mode: 0o600 });
    execFileSync(process.execPath, ['deploy/guest-keys.mjs', 'rotate', '--local', '--data-dir', dir]);
    const value = readFileSync(join(dir, 'guest-token-secret'), 'utf8');
    expect(JSON.parse(value).previous).toBe(ONE);
    expect(rotateLocal(dir)).toBe(join(dir, 'guest-token-secret'));
    expect(JSON.parse(readFileSync(join(dir, 'guest-token-secret'), 'utf8')).previous).toBe(
      JSON.parse(value).current,
    );
  });

  it('on AWS reads the stage secret, writes current+previous through a file, and never prints a key', () => {
    const bin = tempDir();
    const log = join(bin, 'calls.jsonl');
    // A stand-in for the AWS CLI: records its arguments (and the file it is given), answers the read.
    writeFileSync(
      join(bin, 'aws'),
      `#!${process.execPath}
const fs = require('node:fs');
const args = process.argv.slice(2);
const file = args.find((a) => a.startsWith('file://'));
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ args, file: file && fs.readFileSync(file.slice(7), 'utf8') }) + '\\n');
if (args[1] === 'get-secret-value') process.stdout.write(${JSON.stringify(`${ONE}\n`)});
`,
    );
    chmodSync(join(bin, 'aws'), 0o755);
    const output = execFileSync(
      process.execPath,
      ['deploy/guest-keys.mjs', 'rotate', '--stage', 'staging', '--region', 'eu-central-1', '--no-deploy'],
      { env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, encoding: 'utf8' },
    );
    const calls = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { args: string[]; file?: string });
    expect(calls.map((call) => call.args.slice(0, 4))).toEqual([
      ['secretsmanager', 'get-secret-value', '--secret-id', 'org-chat/staging/guest-token-secret'],
      ['secretsmanager', 'put-secret-value', '--secret-id', 'org-chat/staging/guest-token-secret'],
    ]);
    for (const call of calls) expect(call.args.slice(-2)).toEqual(['--region', 'eu-central-1']);
    const written = JSON.parse(calls[1]?.file as string);
    expect(written.previous).toBe(ONE);
    expect(output).not.toContain(written.current);
    expect(output).not.toContain(ONE);
    expect(output).toMatch(/--force/);
  });
});
