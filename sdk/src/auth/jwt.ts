import { DEFAULT_GUEST_NAME, DEFAULT_USER_NAME, displayNameOrDefault } from '../protocol/names.js';
import type { ChatUser } from '../protocol/types.js';

/** The claims of a JWT, read without verifying it (the server verifies; the client only displays). */
export function decodeClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('not a JWT');
  const base64 = payload
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(payload.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

/**
 * The user a token names, as the server will see it: the `name` claim checked and cut by the same
 * rules as the server (protocol/names.ts), else a neutral default; never the e-mail.
 */
export function userOfClaims(claims: Record<string, unknown>): ChatUser {
  const guest = claims.iss === 'org-chat';
  return {
    id: typeof claims.sub === 'string' ? claims.sub : '',
    name: displayNameOrDefault(claims.name, guest ? DEFAULT_GUEST_NAME : DEFAULT_USER_NAME),
    guest,
  };
}
