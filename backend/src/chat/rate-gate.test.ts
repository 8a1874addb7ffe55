import { describe, expect, it } from 'vitest';
import { RateGate } from './rate-gate.js';

/** A shared counter like the table's, recording every write. */
function sharedCounter() {
  const totals = new Map<string, number>();
  const writes: number[] = [];
  const counter = async (userId: string, window: number, frames: number) => {
    writes.push(frames);
    const key = `${userId}#${window}`;
    const total = (totals.get(key) ?? 0) + frames;
    totals.set(key, total);
    return total;
  };
  return { counter, writes };
}

describe('RateGate', () => {
  it('lets an identity through on the local count up to a quarter of its limit, with no write', async () => {
    const { counter, writes } = sharedCounter();
    const gate = new RateGate(10_000, counter);
    for (let i = 0; i < 5; i++) expect((await gate.check('u', 20, 1000)).allowed).toBe(true);
    expect(writes).toEqual([]);
  });

  it('adds to the shared count past the local share and refuses past the limit', async () => {
    const { counter, writes } = sharedCounter();
    const gate = new RateGate(10_000, counter);
    const verdicts = [];
    for (let i = 0; i < 21; i++) verdicts.push(await gate.check('u', 20, 1000));
    expect(verdicts.slice(0, 20).every((v) => v.allowed)).toBe(true);
    expect(verdicts[20]).toMatchObject({ allowed: false, retryAfterMs: 9000, abusive: false });
    // The first write carries every frame seen so far; then one write per frame.
    expect(writes[0]).toBe(6);
    expect(writes.slice(1).every((n) => n === 1)).toBe(true);
  });

  it('counts frames of one identity across instances in the shared count', async () => {
    const { counter } = sharedCounter();
    const a = new RateGate(10_000, counter);
    const b = new RateGate(10_000, counter);
    let refused = 0;
    for (let i = 0; i < 30; i++) {
      if (!(await (i % 2 ? a : b).check('u', 20, 1000)).allowed) refused++;
    }
    // 30 frames against a limit of 20: at most 2 × 5 slip through on local counts alone.
    expect(refused).toBeGreaterThanOrEqual(30 - 20 - 2 * 5);
    expect(refused).toBeGreaterThan(0);
  });

  it('calls an identity abusive past three times its limit, and starts afresh in the next window', async () => {
    const { counter } = sharedCounter();
    const gate = new RateGate(10_000, counter);
    let last = await gate.check('u', 4, 1000);
    for (let i = 0; i < 11; i++) last = await gate.check('u', 4, 1000);
    expect(last).toMatchObject({ allowed: false, abusive: false });
    last = await gate.check('u', 4, 1000);
    expect(last).toMatchObject({ allowed: false, abusive: true });
    expect(await gate.check('u', 4, 11_000)).toMatchObject({ allowed: true, abusive: false });
  });

  it('never adds a frame twice when checks overlap', async () => {
    const { counter } = sharedCounter();
    const gate = new RateGate(10_000, counter);
    const verdicts = await Promise.all(Array.from({ length: 12 }, () => gate.check('u', 10, 1000)));
    expect(verdicts.filter((v) => !v.allowed)).toHaveLength(2);
  });
});
