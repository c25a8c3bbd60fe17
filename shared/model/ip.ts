// An address of either family: a number is IPv4 (uint32, ipv4.ts), a bigint
// is IPv6 (ipv6.ts). The engine's IPv4 checks keep their number path; the
// few places that meet both families dispatch on `typeof`, which costs the
// IPv4 path one type test.
import { cidrContains, formatIpv4, parseIpv4, type Cidr } from './ipv4.js';
import { cidr6Contains, formatIpv6, parseIpv6, type Cidr6 } from './ipv6.js';

export type Ip = number | bigint;
export type AnyCidr = Cidr | Cidr6;
export type Family = 'ipv4' | 'ipv6';

export function familyOf(ip: Ip): Family {
  return typeof ip === 'number' ? 'ipv4' : 'ipv6';
}

export function formatIp(ip: Ip): string {
  return typeof ip === 'number' ? formatIpv4(ip) : formatIpv6(ip);
}

export function parseIp(text: string): Ip | undefined {
  return parseIpv4(text) ?? parseIpv6(text);
}

export function isCidr6(cidr: AnyCidr): cidr is Cidr6 {
  return typeof cidr.network === 'bigint';
}

/** A block holds only addresses of its own family. */
export function cidrHolds(cidr: AnyCidr, ip: Ip): boolean {
  if (typeof ip === 'number') return typeof cidr.network === 'number' && cidrContains(cidr as Cidr, ip);
  return typeof cidr.network === 'bigint' && cidr6Contains(cidr as Cidr6, ip);
}
