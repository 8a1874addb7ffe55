import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES module without types.
import { connectionOf, parseDuration, parseSwitch } from './admin-options.mjs';

describe('admin CLI options', () => {
  it('reads durations in seconds, minutes, hours, days and weeks, and forever', () => {
    expect(parseDuration('90')).toBe(90);
    expect(parseDuration('30m')).toBe(1800);
    expect(parseDuration('12h')).toBe(43_200);
    expect(parseDuration('7d')).toBe(604_800);
    expect(parseDuration('2w')).toBe(1_209_600);
    expect(parseDuration('forever')).toBeUndefined();
    expect(parseDuration(undefined)).toBeUndefined();
    for (const bad of ['0', '1y', '-5m', 'soon', '1.5h']) expect(() => parseDuration(bad), bad).toThrow();
  });

  it('reads on and off', () => {
    expect(parseSwitch('flood', 'on')).toBe(true);
    expect(parseSwitch('flood', 'off')).toBe(false);
    expect(parseSwitch('flood', undefined)).toBeUndefined();
    expect(() => parseSwitch('flood', 'maybe')).toThrow(/--flood/);
  });

  it('finds the running local stack, and lets flags and the environment say otherwise', () => {
    const dir = mkdtempSync(join(tmpdir(), 'admin-cli-'));
    try {
      writeFileSync(
        join(dir, 'stack.json'),
        JSON.stringify({ ports: { wsPort: 1, httpPort: 2, cognitoPort: 3 } }),
      );
      writeFileSync(
        join(dir, 'cognito.json'),
        JSON.stringify({ userPoolId: 'local_pool', clientId: 'client' }),
      );
      expect(connectionOf({ 'data-dir': dir }, {})).toMatchObject({
        wsUrl: 'ws://localhost:1',
        httpUrl: 'http://localhost:2',
        cognitoEndpoint: 'http://127.0.0.1:3',
        userPoolId: 'local_pool',
        clientId: 'client',
      });
      const deployed = connectionOf(
        { 'data-dir': dir, 'ws-url': 'wss://ws.example.com/prod' },
        {
          CHAT_HTTP_URL: 'https://api.example.com',
          COGNITO_USER_POOL_ID: 'eu-west-1_x',
          CHAT_ADMIN_TOKEN: 't',
        },
      );
      expect(deployed).toMatchObject({
        wsUrl: 'wss://ws.example.com/prod',
        httpUrl: 'https://api.example.com',
        userPoolId: 'eu-west-1_x',
        token: 't',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
