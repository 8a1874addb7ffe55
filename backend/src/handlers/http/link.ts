import type { LinkResult } from '@org/chat-sdk/protocol';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { authConfig } from '../../auth/auth-config.js';
import { assertIpWithinLimit } from '../../auth/ip-limit.js';
import { proveLink } from '../../auth/link-proof.js';
import { config, required } from '../../config.js';
import { ChatError } from '../../errors.js';
import { logger } from '../../log.js';
import { connectionsApi } from '../../push/connections-api.js';
import { announceLink } from '../../push/identity.js';
import { putLink } from '../../store/links.js';
import { instrument } from '../instrument.js';
import { errorReply } from './error-reply.js';
import { json, sourceIpOf } from './reply.js';
import { bearerToken, jsonBody } from './request.js';

// A guest token is a JWT of a few hundred bytes; anything much longer is not one of ours.
const MAX_GUEST_TOKEN_LENGTH = 2048;

// Where the WebSocket API's @connections lives: the emulator's locally, the API's stage URL on AWS
// (an HTTP request carries no WebSocket domain to derive it from, as the WebSocket routes do).
const connectionsEndpoint = config.connectionsUrl ?? required(process.env, 'WEBSOCKET_ENDPOINT');

/**
 * `POST /link` with `Authorization: Bearer <Cognito ID or access token>` and `{"guest": "<guest
 * token>"}`: makes the guest one person with the account, when both tokens prove it (auth/link-proof.ts).
 * One conditional write links them (a guest to one account only; a retry is answered as done); then
 * every room the guest is in is told (`identity` frames). Earlier messages are not rewritten: reads
 * show them as the account's (chat/linked-senders.ts). Limited per source IP like `POST /guest`.
 */
export const handler = instrument(async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  try {
    await assertIpWithinLimit(sourceIpOf(event), 'link', authConfig.ipLimit);
    const proof = await proveLink(bearerToken(event), guestTokenOf(jsonBody(event)), authConfig);
    const link = await putLink(proof.guestId, proof.user);
    const told = await announceLink(connectionsApi(connectionsEndpoint), link);
    logger.info('guest linked', { guestId: link.from, userId: link.to.id, rooms: told });
    const result: LinkResult = { guest: link.from, user: link.to, linkedAt: link.at };
    return json(200, result);
  } catch (error) {
    return errorReply(error);
  }
});

/** The body's guest token; the body holds nothing else. */
function guestTokenOf(body: Record<string, unknown>): string | undefined {
  const extra = Object.keys(body).find((key) => key !== 'guest');
  if (extra) throw new ChatError('invalid', `unknown field ${extra}`);
  if (body.guest === undefined) return undefined;
  if (typeof body.guest !== 'string' || body.guest.length > MAX_GUEST_TOKEN_LENGTH) {
    throw new ChatError('invalid', 'guest must be a guest token');
  }
  return body.guest;
}
