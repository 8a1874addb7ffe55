import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { logger } from '../log.js';
import { countSend, metrics } from '../metrics.js';
import { instrument } from './instrument.js';

afterEach(() => vi.restoreAllMocks());

describe('instrument', () => {
  it('flushes what one invocation counted when it ends, even when it throws', async () => {
    const publish = vi.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => metrics);
    const ok = instrument(async () => {
      countSend();
      return 'done';
    });
    await expect(ok({})).resolves.toBe('done');
    const failing = instrument(async () => {
      countSend();
      throw new Error('boom');
    });
    await expect(failing({})).rejects.toThrow('boom');
    expect(publish).toHaveBeenCalledTimes(2);
  });

  it("gives the logger the invocation's context (request id, cold start)", async () => {
    const addContext = vi.spyOn(logger, 'addContext');
    const context = { awsRequestId: 'req-1', functionName: 'org-chat-test-send' } as Context;
    await instrument(async () => undefined)({}, context);
    expect(addContext).toHaveBeenCalledWith(context);
  });
});
