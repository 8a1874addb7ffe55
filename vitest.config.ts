import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript source through the private `org-chat-source` export
// condition (release/manifest.mjs strips it from the published package.json).
const conditions = ['org-chat-source', 'node', 'import', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'sdk/src/**/*.test.ts',
            'backend/src/**/*.test.ts',
            'widget/src/**/*.test.{ts,tsx}',
            'deploy/**/*.test.ts',
            'scripts/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
          env: {
            TABLE_NAME: 'unit-test',
            GUEST_TOKEN_SECRET: 'unit-test-secret-unit-test-secret-0123',
            COGNITO_USER_POOL_ID: 'local_unit',
            COGNITO_CLIENT_ID: 'unit-client',
          },
        },
      },
      {
        // Integration and browser tests share one real local stack, started once by the global setup.
        extends: true,
        test: {
          name: 'stack',
          include: ['tests/**/*.test.ts', 'e2e/**/*.test.ts'],
          globalSetup: ['tests/stack-setup.ts'],
          fileParallelism: false,
          // Fan-out through serverless-offline can pass 1 s on a busy 2-core runner; a poll that
          // succeeds returns at once, so a longer ceiling only changes how long a real failure takes.
          expect: { poll: { timeout: 10_000 } },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
