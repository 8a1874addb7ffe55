import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';
import { canMove, STATES } from './states.js';

describe('backoffDelay (full jitter)', () => {
  const options = { baseMs: 500, capMs: 30_000 };

  it('draws from [0, base·2^attempt)', () => {
    expect(backoffDelay(0, options, () => 0)).toBe(0);
    expect(backoffDelay(0, options, () => 0.999)).toBe(499);
    expect(backoffDelay(3, options, () => 0.5)).toBe(2000);
  });

  it('never exceeds the cap, however many attempts', () => {
    expect(backoffDelay(10, options, () => 0.999)).toBe(29_970);
    expect(backoffDelay(1000, options, () => 0.999)).toBeLessThan(30_000);
  });

  it('spreads a crowd: 1000 clients on their third attempt fill the window evenly', () => {
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 1000; i++) buckets[Math.floor(backoffDelay(3, options) / 400)]++;
    // 100 expected per 400 ms bucket; without jitter all 1000 would share one.
    expect(Math.max(...buckets)).toBeLessThan(180);
    expect(Math.min(...buckets)).toBeGreaterThan(40);
  });
});

describe('the state table', () => {
  it('has closed and failed as final states with no way out', () => {
    expect(STATES.closed).toEqual({ next: [], terminal: true });
    expect(STATES.failed).toEqual({ next: [], terminal: true });
  });

  it('allows the normal life cycle and refuses shortcuts', () => {
    expect(canMove('idle', 'connecting')).toBe(true);
    expect(canMove('connecting', 'open')).toBe(true);
    expect(canMove('open', 'reconnecting')).toBe(true);
    expect(canMove('reconnecting', 'open')).toBe(true);
    expect(canMove('idle', 'open')).toBe(false);
    expect(canMove('closed', 'connecting')).toBe(false);
    expect(canMove('failed', 'open')).toBe(false);
  });
});
