import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
// @ts-expect-error: plain ES module without types, shared with `npm start`.
import { startStack } from '../scripts/local-stack.mjs';
import { testStackConfig } from './local-stack-config.js';

/** URLs of the stack the tests run against. */
export interface StackUrls {
  http: string;
  ws: string;
  web: string;
  dynamodb: string;
  cognito: string;
  /** The emulator's @connections API (POST/DELETE a connection, as the handlers do). */
  connections: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackUrls;
    /** The stack's data folder (holds the guest-token signing key, for forging expired tokens). */
    stackDataDir: string;
    /** The cognito-local user pool and app client of the stack. */
    cognito: { userPoolId: string; clientId: string };
  }
}

/** Backend limits of the test stack. */
export const TEST_LIMITS = {
  RATE_LIMIT_GUEST: '80',
  RATE_LIMIT_USER: '200',
  MAX_ROOMS_GUEST: '5',
  MAX_ROOMS_USER: '50',
  MAX_CONNECTIONS_GUEST: '5',
  MAX_CONNECTIONS_USER: '20',
  TYPING_THROTTLE_MS: '2000',
  // Departures wait this long (tests/presence.test.ts): short, so tests that see someone leave stay quick.
  PRESENCE_GRACE_SECONDS: '2',
};

/** Starts the real local stack once for the integration and browser tests (see testStackConfig). */
export default async function setup(project: TestProject) {
  // Limits the limit tests know (see tests/limits.test.ts); roomy enough for the other tests' bursts.
  const config = testStackConfig(0, TEST_LIMITS);
  const dataDir = config.dataDir;
  const stack = await startStack(config);
  project.provide('stack', stack.urls);
  project.provide('stackDataDir', dataDir);
  project.provide('cognito', stack.cognito);
  return async () => {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
