import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { authConfig } from '../../auth/auth-config.js';
import { assertIpWithinLimit } from '../../auth/ip-limit.js';
import { TokenRefused } from '../../auth/token-refused.js';
import { verifyToken } from '../../auth/verify.js';
import { logger } from '../../log.js';
import { instrument } from '../instrument.js';
import { errorReply } from './error-reply.js';
import { json, sourceIpOf } from './reply.js';
import { bearerToken } from './request.js';

/**
 * `GET /session` with `Authorization: Bearer <token>`: whether `$connect` would accept the token.
 * Browsers never see a refused handshake's 401, so the SDK asks here after a failed one. 200
 * `{ user, expiresAt }` when accepted; 401 `{ error: { code: 'unauthorized', message, reason } }` with
 * `reason` `expired` (a genuine token past its expiry: renew it) or `invalid` (anything else). The same
 * verifier as the authorizer, and limited per source IP like `POST /guest`.
 */
export const handler = instrument(async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  try {
    await assertIpWithinLimit(sourceIpOf(event), 'session', authConfig.ipLimit);
    const token = bearerToken(event);
    if (!token) return refused('invalid', 'send the token as Authorization: Bearer <token>');
    const { identity, expiresAt } = await verifyToken(token, authConfig);
    return json(200, { user: identity, expiresAt });
  } catch (error) {
    if (error instanceof TokenRefused) {
      logger.info('token refused', { reason: error.message });
      return refused(error.reason, messageOf(error.reason));
    }
    return errorReply(error);
  }
});

// The verifier's own message stays in the logs: it would tell a forger which check failed.
function messageOf(reason: TokenRefused['reason']): string {
  return reason === 'expired' ? 'the token has expired' : 'the token is not accepted';
}

function refused(reason: TokenRefused['reason'], message: string): APIGatewayProxyResultV2 {
  return json(401, { error: { code: 'unauthorized', message, reason } });
}
