// parseIpv4 is hand-written for speed; ipaddr.js, the well-kept library it
// replaced, is the reference for which texts are IPv4 addresses and what they mean.
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { cidrContains, formatIpv4, isPrivateIpv4, parseCidr, parseIpv4 } from '../../../shared/model/ipv4.js';

function reference(text: string): number | undefined {
  if (!ipaddr.IPv4.isValidFourPartDecimal(text)) return undefined;
  return ipaddr.IPv4.parse(text).toByteArray().reduce((value, octet) => value * 256 + octet, 0);
}

describe('parseIpv4', () => {
  it('accepts and refuses exactly what ipaddr.js calls a four-part decimal address', () => {
    const texts = ['0.0.0.0', '255.255.255.255', '10.0.0.1', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1..2.3', '',
      '1.2.3.4 ', ' 1.2.3.4', 'a.b.c.d', '1.2.3.4/', '192.168.010.1', '0.0.0.00', '100.64.0.0', '1.2.3.-4', '1.2.3.1000', '.1.2.3'];
    for (const text of texts) expect(parseIpv4(text), JSON.stringify(text)).toBe(reference(text));
  });

  it('round-trips addresses spread over the whole space', () => {
    for (let step = 0; step < 5000; step++) {
      const ip = (step * 858_993 + 12_345) >>> 0;
      const text = formatIpv4(ip);
      expect(parseIpv4(text)).toBe(reference(text));
    }
  });

  it('reads 10.0.0.0/33 as no CIDR and clears host bits as AWS does', () => {
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('10.0.1.7/16')?.network).toBe(parseIpv4('10.0.0.0'));
    expect(cidrContains(parseCidr('10.0.0.0/16')!, parseIpv4('10.0.255.1')!)).toBe(true);
    expect(cidrContains(parseCidr('10.0.0.0/16')!, parseIpv4('10.1.0.1')!)).toBe(false);
  });

  it('knows RFC 1918 and RFC 6598 space from internet addresses', () => {
    expect(isPrivateIpv4(parseIpv4('172.31.255.255')!)).toBe(true);
    expect(isPrivateIpv4(parseIpv4('100.127.0.1')!)).toBe(true);
    expect(isPrivateIpv4(parseIpv4('172.32.0.1')!)).toBe(false);
    expect(isPrivateIpv4(parseIpv4('198.51.100.1')!)).toBe(false);
  });
});
