import type { GuestSession } from '@org/chat-sdk/protocol';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { authConfig } from '../../auth/auth-config.js';
import { renewableGuest, signGuestToken } from '../../auth/guest-token.js';
import { assertIpWithinLimit } from '../../auth/ip-limit.js';
import { newGuestId } from '../../chat/ids.js';
import { validateDisplayName } from '../../chat/text.js';
import { readLink } from '../../store/links.js';
import { instrument } from '../instrument.js';
import { errorReply } from './error-reply.js';
import { json, sourceIpOf } from './reply.js';
import { jsonBody } from './request.js';

// A renewal token is a JWT of a few hundred bytes; anything much longer is not one of ours.
const MAX_TOKEN_LENGTH = 2048;

/**
 * `POST /guest` `{name, token?}`: a short-lived guest token with a server-made id and a validated
 * name. With a token of the same guest signed by the current or previous key, and while that guest
 * identity is younger than its bound (GUEST_IDENTITY_MAX_AGE_SECONDS from its first issue) and was not
 * linked to an account (`POST /link` retires it), the id is kept; any other token is ignored and a new
 * guest is made. Limited per source IP.
 */
export const handler = instrument(async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  try {
    await assertIpWithinLimit(sourceIpOf(event), 'guest', authConfig.ipLimit);
    const body = jsonBody(event);
    const name = validateDisplayName(body.name);
    const previous =
      typeof body.token === 'string' && body.token.length <= MAX_TOKEN_LENGTH ? body.token : undefined;
    const maxAge = authConfig.guestIdentityMaxAgeSeconds;
    let kept = previous ? await renewableGuest(previous, authConfig.guestKeys, maxAge) : undefined;
    // A guest who became an account is that account now: its token may not bring the guest back.
    if (kept && (await readLink(kept.id))) kept = undefined;
    const user = { id: kept?.id ?? newGuestId(), name, guest: true };
    const { token, expiresAt } = await signGuestToken(user, authConfig.guestKeys, {
      ttlSeconds: authConfig.guestTokenTtlSeconds,
      identityMaxAgeSeconds: maxAge,
      firstIssuedAt: kept?.firstIssuedAt,
    });
    const session: GuestSession = { token, user, expiresAt };
    return json(200, session);
  } catch (error) {
    return errorReply(error);
  }
});
