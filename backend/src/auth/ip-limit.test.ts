import { describe, expect, it } from 'vitest';
import { ipBucket } from './ip-limit.js';

describe('ipBucket', () => {
  it('counts an IPv4 address as itself, mapped into IPv6 or not', () => {
    expect(ipBucket('203.0.113.7')).toBe('203.0.113.7');
    expect(ipBucket('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts every address of an IPv6 /64 together, however it is written', () => {
    const bucket = '2001:db8:85a3:8d3::/64';
    expect(ipBucket('2001:db8:85a3:8d3:1319:8a2e:370:7348')).toBe(bucket);
    expect(ipBucket('2001:0db8:85a3:08d3::1')).toBe(bucket);
    expect(ipBucket('2001:DB8:85A3:8D3:ffff::')).toBe(bucket);
    expect(ipBucket('2001:db8:85a3:8d4::1')).not.toBe(bucket);
    expect(ipBucket('::1')).toBe('0:0:0:0::/64');
    expect(ipBucket('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('puts requests without a source address in one shared bucket', () => {
    expect(ipBucket(undefined)).toBe('unknown');
    expect(ipBucket('')).toBe('unknown');
  });
});
