import { LIMITS } from '../protocol/limits.js';

/** The tabs bus topic on which tabs sharing a WebSocket talk (see shared-socket.ts). */
export const SOCKET_TOPIC = 'ws';

/**
 * What tabs that share one WebSocket say to each other. `s` numbers a socket within its tab (a tab's
 * id plus `s` is the socket's key at the leader). To the leader: `open` (a tab's socket wants the
 * connection, with the subprotocols its client offers: the token rides there), `send`, `close`. From the
 * leader to one tab: `opened`, `frame` (the answer to one of that socket's requests), `closed`. From the
 * leader to all: `live` (a frame for every open socket of every tab, but `except`, a socket's key).
 */
export type SocketMessage =
  | { k: 'open'; s: number; protocols: string[] }
  | { k: 'send'; s: number; text: string }
  | { k: 'close'; s: number }
  | { k: 'opened'; s: number }
  | { k: 'frame'; s: number; text: string }
  | { k: 'closed'; s: number }
  | { k: 'live'; text: string; except?: string };

// A server frame is at most 128 KB of JSON (LIMITS.maxReplyBytes), counted here in UTF-16 units, so a
// frame of that many bytes always fits. A client's frame is passed on even when larger than the server
// takes (32 KB), so the server refuses it with `too_large` as it would on a socket of its own.
const MAX_TEXT = 8 * LIMITS.maxReplyBytes;
const MAX_PROTOCOL = 16 * 1024;

const isText = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_TEXT;
const isSocket = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * The message in `value`, or undefined when it is not one. Any script of the origin can post on the
 * tabs' channel, so every field is checked and bounded before use; the frames inside are checked
 * again where they are used (the server checks what it receives, the SDK client what it gets).
 */
export function parseSocketMessage(value: unknown): SocketMessage | undefined {
  const message = value as Record<string, unknown> | null;
  if (typeof message !== 'object' || message === null) return undefined;
  const { k, s, text } = message;
  switch (k) {
    case 'open': {
      const { protocols } = message;
      const valid =
        isSocket(s) &&
        Array.isArray(protocols) &&
        protocols.length <= 2 &&
        protocols.every((protocol) => typeof protocol === 'string' && protocol.length <= MAX_PROTOCOL);
      return valid ? { k, s: s as number, protocols: protocols as string[] } : undefined;
    }
    case 'send':
    case 'frame':
      return isSocket(s) && isText(text) ? { k, s: s as number, text } : undefined;
    case 'close':
    case 'opened':
    case 'closed':
      return isSocket(s) ? { k, s: s as number } : undefined;
    case 'live': {
      const { except } = message;
      if (!isText(text) || (except !== undefined && !(typeof except === 'string' && except.length <= 100)))
        return undefined;
      return except === undefined ? { k, text } : { k, text, except };
    }
  }
  return undefined;
}
