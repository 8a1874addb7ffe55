import { SUBPROTOCOL } from '@org/chat-sdk/protocol';

/**
 * Extracts the token from a `Sec-WebSocket-Protocol` header offered as `chat.v1,<token>`.
 * Browsers cannot set headers on a WebSocket, so the token rides as a second subprotocol;
 * that keeps it out of URLs (and so out of access logs).
 */
export function tokenFromSubprotocols(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const offered = header.split(',').map((part) => part.trim());
  if (offered[0] !== SUBPROTOCOL || offered.length !== 2) return undefined;
  return offered[1] || undefined;
}

/** Reads a header case-insensitively from an API Gateway event's headers. */
export function headerOf(headers: Record<string, string | undefined> | null | undefined, name: string) {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}
