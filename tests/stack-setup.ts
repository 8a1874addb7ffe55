import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
// @ts-expect-error: plain ES module without types, shared with `npm start`.
import { configFromEnv, startStack } from '../scripts/local-stack.mjs';

/** URLs of the stack the tests run against. */
export interface StackUrls {
  http: string;
  ws: string;
  web: string;
  dynamodb: string;
  cognito: string;
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
  TYPING_THROTTLE_MS: '2000',
};

/**
 * Starts the real local stack once for the integration and browser tests, on ports apart from
 * `npm start`'s defaults (so both can run at once) and with a throw-away data folder.
 */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-test-'));
  const base = Number(process.env.TEST_PORT_BASE || 13000);
  const config = {
    ...configFromEnv({}),
    httpPort: base,
    wsPort: base + 1,
    lambdaPort: base + 2,
    dynamoPort: base + 3,
    cognitoPort: base + 4,
    webPort: base + 5,
    dataDir,
    quiet: !process.env.DEBUG_STACK,
    logLevel: process.env.DEBUG_STACK ? 'INFO' : 'ERROR',
    // Limits the limit tests know (see tests/limits.test.ts); roomy enough for the other tests' bursts.
    backendEnv: TEST_LIMITS,
  };
  const stack = await startStack(config);
  project.provide('stack', stack.urls);
  project.provide('stackDataDir', dataDir);
  project.provide('cognito', stack.cognito);
  return async () => {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
