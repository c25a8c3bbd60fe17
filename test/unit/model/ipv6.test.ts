// parseIpv6 and formatIpv6 are written for the model's bigint addresses;
// ipaddr.js is the reference for which texts are IPv6 addresses, what they
// mean and their RFC 5952 text.
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { cidr6Contains, formatIpv6, isNonGlobalIpv6, parseCidr6, parseIpv6 } from '../../../shared/model/ipv6.js';

function reference(text: string): bigint | undefined {
  if (!ipaddr.IPv6.isValid(text) || text.includes('%')) return undefined;
  return ipaddr.IPv6.parse(text).toByteArray().reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);
}

describe('parseIpv6', () => {
  it('accepts and refuses what ipaddr.js does (zone ids aside), with the same value', () => {
    const texts = ['::', '::1', '2001:db8::1', '2001:DB8:0:0:0:0:0:1', '2600:1f18:a:1::10', 'fe80::1', '::ffff:192.0.2.1', '64:ff9b::203.0.113.7',
      '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9', '1::2::3', ':1:2', '1:2:3:4:5:6:7::', 'g::1', '12345::', '1.2.3.4', '', '::1.2.3.256', '1:2:3:4:5:6:1.2.3.4'];
    for (const text of texts) expect(parseIpv6(text), JSON.stringify(text)).toBe(reference(text));
  });

  it('writes RFC 5952 text: lower case, the longest zero run as ::, as ipaddr.js does', () => {
    for (let step = 0; step < 2000; step++) {
      let ip = 0n;
      // groups of zeros here and there, so that every compression case comes up
      for (let group = 0; group < 8; group++) ip = (ip << 16n) | BigInt((step * 7 + group * 13) % 5 === 0 ? 0 : (step * 40_503 + group * 977) & 0xffff);
      const text = formatIpv6(ip);
      expect(text).toBe(ipaddr.IPv6.parse(text).toRFC5952String());
      expect(parseIpv6(text)).toBe(ip);
    }
  });

  it('reads CIDRs, clears host bits, and refuses /129', () => {
    expect(parseCidr6('2600:1f18:a::/129')).toBeUndefined();
    expect(parseCidr6('2600:1f18:a:1::7/56')?.network).toBe(parseIpv6('2600:1f18:a::'));
    expect(cidr6Contains(parseCidr6('::/0')!, parseIpv6('2001:db8::1')!)).toBe(true);
    expect(cidr6Contains(parseCidr6('2600:1f18:a::/56')!, parseIpv6('2600:1f18:a:ff::1')!)).toBe(true);
    expect(cidr6Contains(parseCidr6('2600:1f18:a::/56')!, parseIpv6('2600:1f18:a:100::1')!)).toBe(false);
  });

  it('knows non-global space (ULA, link-local, loopback, multicast); the documentation range counts as global here', () => {
    for (const text of ['fd00::1', 'fe80::1', '::1', 'ff02::1', '::ffff:10.0.0.1']) expect(isNonGlobalIpv6(parseIpv6(text)!), text).toBe(true);
    for (const text of ['2001:db8::1', '2600:1f18::1']) expect(isNonGlobalIpv6(parseIpv6(text)!), text).toBe(false);
  });
});
