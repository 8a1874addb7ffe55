import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type MetricsModule = typeof import('./metrics.js');

/** A fresh copy of the module, built under `env` (Powertools reads its settings at construction). */
async function load(env: Record<string, string | undefined> = {}): Promise<MetricsModule> {
  vi.resetModules();
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  return import('./metrics.js');
}

let lines: string[];
beforeEach(() => {
  lines = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

/** The EMF lines printed so far, parsed. */
const emf = () => lines.map((line) => JSON.parse(line));
/** A metric's sum in an EMF line: a name counted twice holds both values (two data points). */
const sum = (value: number | number[]) => (Array.isArray(value) ? value.reduce((a, b) => a + b, 0) : value);

describe('metrics', () => {
  it('prints what was counted as one embedded-metric-format line, with namespace, service and stage', async () => {
    const m = await load({ STAGE: 'prod', POWERTOOLS_METRICS_DISABLED: undefined });
    m.countSend();
    m.countDelivered(9);
    m.countGone(2);
    m.countFailedPosts(1);
    m.countRefusedToken();
    m.countRateLimited();
    m.countRateLimited();
    m.flushMetrics();
    expect(lines).toHaveLength(1);
    const [line] = emf();
    expect(line._aws.CloudWatchMetrics).toEqual([
      expect.objectContaining({ Namespace: 'org-chat', Dimensions: [['service', 'stage']] }),
    ]);
    expect(line).toMatchObject({
      service: 'org-chat',
      stage: 'prod',
      MessagesSent: 1,
      MessagesDelivered: 9,
      ConnectionsGone: 2,
      FailedPosts: 1,
      RefusedTokens: 1,
    });
    expect(sum(line.RateLimitedFrames)).toBe(2);
    const names = line._aws.CloudWatchMetrics[0].Metrics.map((metric: { Name: string }) => metric.Name);
    expect(names.sort()).toEqual(
      [
        m.METRIC.sent,
        m.METRIC.delivered,
        m.METRIC.gone,
        m.METRIC.failedPosts,
        m.METRIC.refusedTokens,
        m.METRIC.rateLimited,
      ].sort(),
    );
  });

  it('counts each moderation verdict under its own name', async () => {
    const m = await load({ POWERTOOLS_METRICS_DISABLED: undefined });
    m.countModerationVerdict('allow');
    m.countModerationVerdict('reject');
    m.countModerationVerdict('hold');
    m.countModerationVerdict('hold');
    m.flushMetrics();
    const [line] = emf();
    expect(line).toMatchObject({ ModerationAllowed: 1, ModerationRejected: 1, stage: 'local' });
    expect(sum(line.ModerationHeld)).toBe(2);
  });

  it('prints nothing when nothing was counted, and ignores counts that are not whole positive numbers', async () => {
    const m = await load({ POWERTOOLS_METRICS_DISABLED: undefined });
    m.countDelivered(0);
    m.countGone(-1);
    m.countFailedPosts(Number.NaN);
    m.countDelivered(1.5);
    m.flushMetrics();
    expect(lines).toEqual([]);
  });

  it('flushes after a wrapped handler returns or throws, and starts the next invocation empty', async () => {
    const m = await load({ POWERTOOLS_METRICS_DISABLED: undefined });
    const handler = m.withMetrics(async (fail: boolean) => {
      m.countSend();
      if (fail) throw new Error('boom');
      return 'ok';
    });
    await expect(handler(false)).resolves.toBe('ok');
    await expect(handler(true)).rejects.toThrow('boom');
    expect(emf().map((line) => line.MessagesSent)).toEqual([1, 1]);
  });

  it('prints nothing when POWERTOOLS_METRICS_DISABLED is set (the local stack below LOG_LEVEL INFO)', async () => {
    const m = await load({ POWERTOOLS_METRICS_DISABLED: 'true' });
    m.countSend();
    m.flushMetrics();
    expect(lines).toEqual([]);
  });
});
