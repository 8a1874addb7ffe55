import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { Sender } from '@org/chat-sdk/protocol';
import * as v from 'valibot';
import type { Verdict } from '../chat/moderation-filters.js';
import { config } from '../config.js';
import { logger } from '../log.js';

/** What the moderation hook is asked about: a message about to be sent, or an edit. */
export interface HookRequest {
  kind: 'send' | 'edit';
  room: string;
  text: string;
  sender: Sender;
  /** The sender's client id (sends) or the message's position (edits). */
  clientId?: string;
  seq?: number;
}

/** The hook's verdict, or why there is none (it failed, timed out or answered nonsense). */
export type HookOutcome = Verdict | { verdict: 'failed'; reason: string };

/** What the hook must answer. */
const HookAnswer = v.object({
  verdict: v.picklist(['allow', 'reject', 'hold']),
  reason: v.optional(v.pipe(v.string(), v.maxLength(300))),
});

let lambda: { client: LambdaClient; timeoutMs: number } | undefined;

// The Lambda client is loaded only by a send in a room that names a hook: every other cold start of
// the send function skips it (serverless.yml leaves it to the runtime's SDK).
async function clientFor(timeoutMs: number): Promise<LambdaClient> {
  if (lambda?.timeoutMs !== timeoutMs) {
    const { LambdaClient } = await import('@aws-sdk/client-lambda');
    lambda = {
      timeoutMs,
      client: new LambdaClient({
        region: config.region,
        // One attempt: a retry would run past the budget anyway.
        maxAttempts: 1,
        requestHandler: { requestTimeout: timeoutMs, connectionTimeout: timeoutMs },
        ...(config.lambdaEndpoint
          ? {
              endpoint: config.lambdaEndpoint,
              credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
            }
          : {}),
      }),
    };
  }
  return lambda.client;
}

/**
 * Asks the moderation hook (a function named in serverless.yml) for its verdict, waiting at most
 * `timeoutMs`. Never throws: a failure, a timeout or an answer that is not a verdict is `failed`, and
 * the room's policy decides what that means (fail open or closed).
 */
export async function askHook(
  functionName: string,
  request: HookRequest,
  timeoutMs: number,
): Promise<HookOutcome> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const { InvokeCommand } = await import('@aws-sdk/client-lambda');
    const result = await (await clientFor(timeoutMs)).send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'RequestResponse',
        Payload: new TextEncoder().encode(JSON.stringify(request)),
      }),
      { abortSignal: abort.signal },
    );
    if (result.FunctionError) return failed(`the hook failed (${result.FunctionError})`);
    const answer = v.safeParse(HookAnswer, JSON.parse(new TextDecoder().decode(result.Payload)));
    if (!answer.success) return failed('the hook answered something that is not a verdict');
    const { verdict, reason } = answer.output;
    if (verdict === 'allow') return { verdict };
    if (verdict === 'hold') return { verdict, reason: reason ?? 'held by the moderation hook' };
    return { verdict, code: 'blocked', reason: reason ?? 'refused by the moderation hook' };
  } catch (error) {
    return failed(abort.signal.aborted ? `no verdict within ${timeoutMs} ms` : String(error));
  } finally {
    clearTimeout(timer);
  }
}

function failed(reason: string): HookOutcome {
  logger.warn('moderation hook gave no verdict', { reason });
  return { verdict: 'failed', reason };
}
