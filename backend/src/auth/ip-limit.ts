import { ChatError } from '../errors.js';
import { countIpRequest } from '../store/ip-rate.js';
import type { IpLimit } from './auth-config.js';

/**
 * The bucket a source IP is counted in: an IPv4 address as is (IPv4-mapped IPv6 too), an IPv6
 * address by its /64 prefix, since one subscriber holds a whole /64 and could otherwise pick a fresh
 * address per request.
 */
export function ipBucket(sourceIp: string | undefined): string {
  if (!sourceIp) return 'unknown';
  const ip = sourceIp.trim().toLowerCase().replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(ip);
  if (mapped) return mapped[1] as string;
  if (!ip.includes(':')) return ip;
  const [head = '', tail] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array(Math.max(0, 8 - left.length - right.length)).fill('0');
  const groups = [...left, ...zeros, ...right].slice(0, 4).map((group) => group.replace(/^0+(?=.)/, ''));
  return `${groups.join(':')}::/64`;
}

/**
 * Counts a request from `sourceIp` to `route` and refuses it with `rate_limited` (and when to retry)
 * once the IP has used up the window's requests. Enforced in the function, because WAF cannot attach
 * to an HTTP API (docs/security-auth.md has the CloudFront + WAF path for floods beyond this).
 */
export async function assertIpWithinLimit(
  sourceIp: string | undefined,
  route: string,
  limit: IpLimit,
): Promise<void> {
  const { count, retryAfterMs } = await countIpRequest(ipBucket(sourceIp), route, limit.windowMs);
  if (count > limit.requests) {
    throw new ChatError('rate_limited', `too many requests from this address; retry later`, retryAfterMs);
  }
}
