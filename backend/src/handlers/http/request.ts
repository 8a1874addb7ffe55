import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { headerOf } from '../../auth/subprotocol.js';
import { ChatError } from '../../errors.js';

// Longer than any token of ours or Cognito's (a Cognito ID token is 1–2 KB).
const MAX_TOKEN_LENGTH = 8192;

/** The JSON object in a request's body (under 4 KB); anything else is refused as `invalid`. */
export function jsonBody(event: APIGatewayProxyEventV2): Record<string, unknown> {
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

/** The token of an `Authorization: Bearer <token>` header, if it has one of a plausible size. */
export function bearerToken(event: APIGatewayProxyEventV2): string | undefined {
  const match = /^Bearer +([\w.~+/=-]+)\s*$/i.exec(headerOf(event.headers, 'authorization') ?? '');
  const token = match?.[1];
  return token && token.length <= MAX_TOKEN_LENGTH ? token : undefined;
}
