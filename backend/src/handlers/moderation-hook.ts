import type { HookRequest } from '../hooks/moderation-hook.js';
import { logger } from '../log.js';
import { moderationConfig } from '../moderation-config.js';

/** What a moderation hook answers (backend/src/hooks/moderation-hook.ts checks it). */
export interface HookAnswer {
  verdict: 'allow' | 'reject' | 'hold';
  reason?: string;
}

/**
 * The sample moderation hook the local stack runs (serverless.yml `moderationHook`; the stage setting
 * `moderation.hook` names the function a send asks). A real hook would call a classifier; this one
 * shows the contract and lets tests drive every outcome with a marker in the text: `[hook:reject]`,
 * `[hook:hold]`, `[hook:fail]` (throws), `[hook:slow]` (answers after the send stopped waiting).
 * Anything else is allowed. Copy it, keep the answer's shape, and keep it fast: the send waits.
 */
export async function handler(request: HookRequest): Promise<HookAnswer> {
  const text = typeof request?.text === 'string' ? request.text : '';
  if (text.includes('[hook:slow]')) {
    await new Promise((resolve) => setTimeout(resolve, moderationConfig.hookTimeoutMs + 2000));
  }
  if (text.includes('[hook:fail]')) throw new Error('the sample hook failed on purpose');
  if (text.includes('[hook:reject]')) return { verdict: 'reject', reason: 'refused by the sample hook' };
  if (text.includes('[hook:hold]')) return { verdict: 'hold', reason: 'held by the sample hook' };
  logger.debug('sample hook allowed a message', { room: request?.room });
  return { verdict: 'allow' };
}
