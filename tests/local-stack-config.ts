import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error: plain ES module without types, shared with `npm start`.
import { configFromEnv, stackPorts } from '../scripts/local-stack.mjs';

/** What `startStack` takes (see scripts/local-stack.mjs). */
export interface LocalStackConfig {
  httpPort: number;
  wsPort: number;
  lambdaPort: number;
  dynamoPort: number;
  cognitoPort: number;
  webPort: number;
  offlineWsPort: number;
  dataDir: string;
  quiet: boolean;
  logLevel: string;
  backendEnv: Record<string, string>;
}

/**
 * A test stack's configuration: six ports from TEST_PORT_BASE (default 13000) plus `offset`, apart
 * from `npm start`'s defaults so both can run at once, and a throw-away data folder. DEBUG_STACK=1
 * shows the stack's output.
 */
export function testStackConfig(offset: number, backendEnv: Record<string, string> = {}): LocalStackConfig {
  const base = Number(process.env.TEST_PORT_BASE || 13000) + offset;
  return {
    ...configFromEnv({}),
    ...stackPorts(base),
    dataDir: mkdtempSync(join(tmpdir(), 'chat-test-')),
    quiet: !process.env.DEBUG_STACK,
    logLevel: process.env.DEBUG_STACK ? 'INFO' : 'ERROR',
    backendEnv,
  };
}
