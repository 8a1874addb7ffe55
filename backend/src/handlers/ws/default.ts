import { parseClientFrame } from '@org/chat-sdk/protocol';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { errorFrame, reply } from './route.js';

/** `$default`: frames no route matched — unparsable JSON, no action, or an unknown one. */
export async function handler(event: { body?: string }): Promise<APIGatewayProxyResult> {
  const parsed = parseClientFrame(event.body);
  if (!parsed.ok) return reply({ type: 'error', ...parsed.problem });
  // A valid frame lands here only if its route is missing from serverless.yml.
  return reply(errorFrame('invalid', 'unknown action', parsed.frame.ref));
}
