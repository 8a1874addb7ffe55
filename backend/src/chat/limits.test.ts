import { describe, expect, it } from 'vitest';
import { ChatError } from '../errors.js';
import { assertWithinRate, limitsFor } from './limits.js';

const config = {
  guestLimits: { framesPerWindow: 2, roomsPerConnection: 1 },
  userLimits: { framesPerWindow: 5, roomsPerConnection: 3 },
};

describe('limits', () => {
  it('holds guests to the stricter set', () => {
    expect(limitsFor({ id: 'g', name: 'G', guest: true }, config)).toBe(config.guestLimits);
    expect(limitsFor({ id: 'u', name: 'U', guest: false }, config)).toBe(config.userLimits);
  });

  it('allows frames up to the limit and refuses the next with a retry hint', () => {
    expect(() => assertWithinRate(2, config.guestLimits, 1000)).not.toThrow();
    try {
      assertWithinRate(3, config.guestLimits, 1234);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ChatError);
      expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 1234 });
    }
  });
});
