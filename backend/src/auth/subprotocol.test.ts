import { describe, expect, it } from 'vitest';
import { headerOf, tokenFromSubprotocols } from './subprotocol.js';

describe('tokenFromSubprotocols', () => {
  it('reads the token offered after chat.v1, with or without a space', () => {
    expect(tokenFromSubprotocols('chat.v1,abc.def.ghi')).toBe('abc.def.ghi');
    expect(tokenFromSubprotocols('chat.v1, abc.def.ghi')).toBe('abc.def.ghi');
  });

  it('finds no token when the header is missing, the protocol is wrong or extra values ride along', () => {
    expect(tokenFromSubprotocols(undefined)).toBeUndefined();
    expect(tokenFromSubprotocols('chat.v1')).toBeUndefined();
    expect(tokenFromSubprotocols('chat.v2,abc')).toBeUndefined();
    expect(tokenFromSubprotocols('abc,chat.v1')).toBeUndefined();
    expect(tokenFromSubprotocols('chat.v1,abc,def')).toBeUndefined();
  });
});

describe('headerOf', () => {
  it('matches header names case-insensitively', () => {
    expect(headerOf({ 'sec-websocket-protocol': 'x' }, 'Sec-WebSocket-Protocol')).toBe('x');
    expect(headerOf(undefined, 'a')).toBeUndefined();
  });
});
