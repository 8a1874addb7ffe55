// Small helpers shared by the benchmarks.

/** The p-th percentile (0–100) of `values`, by nearest rank; NaN when empty. */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** The median of `values`. */
export function median(values) {
  return percentile(values, 50);
}

/** The most timestamps (ms) that fall in any window of `windowMs`. */
export function peakInWindow(timestamps, windowMs) {
  const sorted = [...timestamps].sort((a, b) => a - b);
  let peak = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end] - sorted[start] >= windowMs) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

/** Resolves after `ms`. */
export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** Polls `check` every `everyMs` until it returns true; false when `timeoutMs` passed first. */
export async function waitUntil(check, timeoutMs, everyMs = 50) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(everyMs);
  }
  return check();
}

/** Runs `task(item, index)` over `items`, at most `limit` at once. */
export async function inBatches(items, limit, task) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * The counting proxy's name for a query of the site-wide restrictions (the `SITE` partition), which a
 * function instance caches for a few seconds (backend/src/store/moderation.ts `siteMutes`): a refresh
 * per instance, not a read per call.
 */
export const SITE_REFRESH = 'Query SITE (per-instance refresh)';

/**
 * Sorts DynamoDB calls into reads and writes and @connections calls into posts and others. Refreshes
 * of the site-wide restrictions (SITE_REFRESH) are `instanceReads`, apart from `reads`.
 */
export function summarizeCalls(dynamo = {}, connections = {}) {
  const reads = ['GetItem', 'Query', 'Scan', 'BatchGetItem'];
  const instanceReads = [SITE_REFRESH];
  const writes = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'];
  const sum = (calls, names) => names.reduce((total, name) => total + (calls[name] ?? 0), 0);
  const posts = connections['POST /@connections'] ?? 0;
  const allConnections = totalCalls(connections);
  return {
    reads: sum(dynamo, reads),
    instanceReads: sum(dynamo, instanceReads),
    writes: sum(dynamo, writes),
    posts,
    otherConnections: allConnections - posts,
    dynamo: { ...dynamo },
  };
}

/** Calls one proxy (`name`) made between two snapshots of the counting proxy's counts; zeros left out. */
export function callsBetween(before, after, name) {
  return Object.fromEntries(
    Object.entries(after[name] ?? {})
      .map(([call, n]) => [call, n - (before[name]?.[call] ?? 0)])
      .filter(([, n]) => n),
  );
}

/** All calls of a `{ call: count }` map, summed. */
export function totalCalls(calls) {
  return Object.values(calls).reduce((a, b) => a + b, 0);
}

/** Divides every count of a summary by `n`. */
export function perEach(summary, n) {
  const divide = (value) => Math.round((value / n) * 100) / 100;
  return {
    reads: divide(summary.reads),
    instanceReads: divide(summary.instanceReads ?? 0),
    writes: divide(summary.writes),
    posts: divide(summary.posts),
    otherConnections: divide(summary.otherConnections),
    dynamo: Object.fromEntries(Object.entries(summary.dynamo).map(([k, v]) => [k, divide(v)])),
  };
}

/**
 * Waits until the counting proxy's counters stop moving and, when the proxy can tell
 * (`proxy.pending`), no departure is still waiting out the presence grace period: side effects of the
 * last action, $disconnect handlers and the departures they queue, are done. Resolves with the counts.
 */
export async function quiet(proxy, stableMs = 300) {
  let last = await proxy.counts();
  for (let stable = 0; stable * 100 < stableMs; ) {
    await sleep(100);
    const now = await proxy.counts();
    const settled = JSON.stringify(now) === JSON.stringify(last) && !(await proxy.pending?.());
    stable = settled ? stable + 1 : 0;
    last = now;
  }
  return last;
}
