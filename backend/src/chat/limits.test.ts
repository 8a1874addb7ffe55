import { describe, expect, it } from 'vitest';
import { ChatError } from '../errors.js';
import { limitsFor, rateLimited } from './limits.js';

const config = {
  guestLimits: { framesPerWindow: 2, roomsPerConnection: 1, connectionsPerIdentity: 1 },
  userLimits: { framesPerWindow: 5, roomsPerConnection: 3, connectionsPerIdentity: 4 },
};

describe('limits', () => {
  it('holds guests to the stricter set', () => {
    expect(limitsFor({ id: 'g', name: 'G', guest: true }, config)).toBe(config.guestLimits);
    expect(limitsFor({ id: 'u', name: 'U', guest: false }, config)).toBe(config.userLimits);
  });

  it('refuses with rate_limited and a retry hint', () => {
    const error = rateLimited(config.guestLimits, 1234);
    expect(error).toBeInstanceOf(ChatError);
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 1234 });
    expect(error.message).toContain('2 frames');
  });
});
