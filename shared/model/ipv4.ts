// IPv4 addresses are kept as unsigned 32-bit numbers: comparisons and prefix
// tests are then plain integer arithmetic on the engine's hot path.

export interface Cidr {
  /** network address as an unsigned 32-bit integer (host bits cleared) */
  readonly network: number;
  readonly prefix: number;
  /** the text as written in the snapshot, e.g. "10.0.0.0/16" */
  readonly text: string;
}

export function isIpv4(text: string): boolean {
  return parseIpv4(text) !== undefined;
}

/**
 * Returns the address as a uint32, or undefined when the text is not a
 * dotted-quad IPv4 address (four decimal parts 0-255, no leading zeros: what
 * ipaddr.js calls "four-part decimal", the reference in the unit test).
 * Written by hand because it is on every hot path: the importer parses every
 * address of a 10k-ENI snapshot and endpoint resolution tries every id as an
 * address; ipaddr.js validated, then parsed again, and threw and caught an
 * Error for every non-address.
 */
export function parseIpv4(text: string): number | undefined {
  let value = 0;
  let part = 0;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46; // an implicit final '.' closes the last part
    if (c === 46) {
      if (digits === 0 || part > 255 || ++parts > 4) return undefined;
      value = value * 256 + part;
      part = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits === 1 && part === 0) return undefined; // a leading zero
      part = part * 10 + (c - 48);
      if (++digits > 3) return undefined;
    } else {
      return undefined;
    }
  }
  return parts === 4 ? value >>> 0 : undefined;
}

export function formatIpv4(ip: number): string {
  // a template, not [..].join('.'): no array a call, and exposure writes every source CIDR through here
  return `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;
}

export function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** Parses "a.b.c.d/n"; undefined when it is not an IPv4 CIDR. Host bits are cleared, as AWS does. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIpv4(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (ip === undefined || !/^\d{1,2}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > 32) return undefined;
  return { network: (ip & maskOf(prefix)) >>> 0, prefix, text };
}

export function cidrContains(cidr: Cidr, ip: number): boolean {
  return ((ip & maskOf(cidr.prefix)) >>> 0) === cidr.network;
}

/** First and last address of the block, inclusive. */
export function cidrRange(cidr: Cidr): { first: number; last: number } {
  return { first: cidr.network, last: (cidr.network | (~maskOf(cidr.prefix) >>> 0)) >>> 0 };
}

export function cidrOf(ip: number, prefix = 32): Cidr {
  const network = (ip & maskOf(prefix)) >>> 0;
  return { network, prefix, text: `${formatIpv4(network)}/${prefix}` };
}

const privateRanges = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'].map((text) => parseCidr(text)!);

/** RFC 1918 and RFC 6598 (carrier-grade NAT) space: never routed on the internet. */
export function isPrivateIpv4(ip: number): boolean {
  return privateRanges.some((range) => cidrContains(range, ip));
}

/** The internet host that stands for "the internet" when no address is given (TEST-NET-2). */
export const INTERNET_HOST_IP = parseIpv4('198.51.100.1')!;
