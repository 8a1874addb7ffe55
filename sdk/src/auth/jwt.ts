import { LIMITS } from '../protocol/limits.js';
import type { ChatUser } from '../protocol/types.js';

// Anything that could hide or reorder characters: controls, format characters (bidi controls, zero
// widths), surrogates, private-use, unassigned and default-ignorable code points.
const HIDDEN = /[\p{C}\p{Default_Ignorable_Code_Point}]/u;

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
 * The user a token names, until the server says (`you` in the first join's answer, which replaces
 * it): the `name` claim, cut to whole code points, when it holds nothing that could hide or reorder
 * characters, else a neutral default; never the e-mail. The server's rules (protocol/names.ts) are
 * finer (an emoji sequence's joiner is allowed there); they stay out of the SDK core for their size.
 */
export function userOfClaims(claims: Record<string, unknown>): ChatUser {
  const guest = claims.iss === 'org-chat';
  const raw = typeof claims.name === 'string' ? claims.name.normalize('NFC') : '';
  const name = HIDDEN.test(raw)
    ? ''
    : [...raw.replace(/\s+/g, ' ').trim()].slice(0, LIMITS.maxNameLength).join('');
  return {
    id: typeof claims.sub === 'string' ? claims.sub : '',
    name: name || (guest ? 'Guest' : 'User'),
    guest,
  };
}
