import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { authConfig } from '../../auth/auth-config.js';
import { toContext } from '../../auth/identity.js';
import { headerOf, tokenFromSubprotocols } from '../../auth/subprotocol.js';
import { TokenRefused } from '../../auth/token-refused.js';
import { verifyToken } from '../../auth/verify.js';
import { logger } from '../../log.js';
import { countRefusedToken } from '../../metrics.js';
import { instrument } from '../instrument.js';

/** What a refusal resolves to under serverless-offline (see `refuse`). */
export type OfflineRefusal = 'Unauthorized';

/**
 * `$connect` REQUEST authorizer: the token (a guest token or a Cognito ID/access token) rides in
 * `Sec-WebSocket-Protocol` beside `chat.v1`. Async, with no callback (Node.js 24 runtimes drop them):
 * an allow policy with the identity as context, or a refusal that both API Gateway and
 * serverless-offline answer with HTTP 401.
 */
export const handler = instrument(async function authorize(
  event: APIGatewayRequestAuthorizerEvent,
): Promise<APIGatewayAuthorizerResult | OfflineRefusal> {
  const token = tokenFromSubprotocols(headerOf(event.headers, 'Sec-WebSocket-Protocol'));
  if (!token) return refuse('no token offered beside chat.v1');
  let verified: Awaited<ReturnType<typeof verifyToken>>;
  try {
    verified = await verifyToken(token, authConfig);
  } catch (error) {
    // A JWKS outage is logged louder than a bad token, but still refuses: $connect has no 503.
    if (!(error instanceof TokenRefused)) logger.error('token check failed', { error: error as Error });
    return refuse(error instanceof Error ? error.message : String(error));
  }
  const { identity, admin } = verified;
  return {
    principalId: identity.id,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }],
    },
    context: toContext(identity, admin === true),
  };
});

/**
 * On AWS an async authorizer refuses by throwing an error whose message is exactly `Unauthorized`:
 * API Gateway answers 401 (any other error is a 500). serverless-offline 14 instead answers 500 for
 * every thrown error and 401 only when the handler resolves (or calls back) with the string
 * `Unauthorized` (WebSocketClients#verifyClient, InProcessRunner#run), so under it (IS_OFFLINE,
 * which it sets) the refusal resolves with that string.
 */
function refuse(reason: string): OfflineRefusal {
  logger.info('token refused', { reason });
  countRefusedToken();
  if (process.env.IS_OFFLINE === 'true') return 'Unauthorized';
  throw new Error('Unauthorized');
}
