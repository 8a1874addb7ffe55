import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent, Callback } from 'aws-lambda';
import { authConfig } from '../../auth/auth-config.js';
import { toContext } from '../../auth/identity.js';
import { headerOf, tokenFromSubprotocols } from '../../auth/subprotocol.js';
import { verifyToken } from '../../auth/verify.js';
import { logger } from '../../log.js';

/**
 * `$connect` REQUEST authorizer: the token (a guest token or a Cognito ID/access token) rides in
 * `Sec-WebSocket-Protocol` beside `chat.v1`. Refusal goes through `callback('Unauthorized')`, which
 * both API Gateway and serverless-offline turn into HTTP 401 (a thrown error would be a 500 offline).
 */
export function handler(
  event: APIGatewayRequestAuthorizerEvent,
  _context: unknown,
  callback: Callback<APIGatewayAuthorizerResult>,
): void {
  const token = tokenFromSubprotocols(headerOf(event.headers, 'Sec-WebSocket-Protocol'));
  if (!token) {
    callback('Unauthorized');
    return;
  }
  verifyToken(token, authConfig).then(
    (identity) =>
      callback(null, {
        principalId: identity.id,
        policyDocument: {
          Version: '2012-10-17',
          Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }],
        },
        context: toContext(identity),
      }),
    (error: unknown) => {
      logger.info('token refused', { reason: error instanceof Error ? error.message : String(error) });
      callback('Unauthorized');
    },
  );
}
