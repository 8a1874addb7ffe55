import type { GuestSession } from '@org/chat-sdk/protocol';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { authConfig } from '../../auth/auth-config.js';
import { signGuestToken, verifyGuestTokenForRenewal } from '../../auth/guest-token.js';
import { newGuestId } from '../../chat/ids.js';
import { validateDisplayName } from '../../chat/text.js';
import { ChatError } from '../../errors.js';
import { logger } from '../../log.js';
import { json } from './reply.js';

// A guest returning within a week of their token's expiry keeps their id.
const RENEWAL_GRACE_SECONDS = 7 * 24 * 3600;

/**
 * `POST /guest` `{name, token?}`: a short-lived guest token with a server-made id and a validated
 * name. With the guest's previous token (valid, or expired less than a week ago) the id is kept;
 * any other token is ignored and a new guest is made.
 */
export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {
  try {
    const body = parseBody(event);
    const name = validateDisplayName(body.name);
    const previous = typeof body.token === 'string' && body.token.length < 2048 ? body.token : undefined;
    const kept = previous
      ? await verifyGuestTokenForRenewal(previous, authConfig.guestTokenSecret, RENEWAL_GRACE_SECONDS).catch(
          () => undefined,
        )
      : undefined;
    const user = { id: kept?.id ?? newGuestId(), name, guest: true };
    const { token, expiresAt } = await signGuestToken(
      user,
      authConfig.guestTokenSecret,
      authConfig.guestTokenTtlSeconds,
    );
    const session: GuestSession = { token, user, expiresAt };
    return json(200, session);
  } catch (error) {
    if (error instanceof ChatError) return json(400, { error: { code: error.code, message: error.message } });
    logger.error('guest failed', { error: error as Error });
    return json(500, { error: { code: 'internal', message: 'internal error' } });
  }
}

function parseBody(event: APIGatewayProxyEventV2): Record<string, unknown> {
  const raw = event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString() : event.body;
  if (!raw || raw.length > 4096) throw new ChatError('invalid', 'body must be a JSON object under 4 KB');
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new ChatError('invalid', 'body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ChatError('invalid', 'body must be a JSON object');
  }
  return body as Record<string, unknown>;
}
