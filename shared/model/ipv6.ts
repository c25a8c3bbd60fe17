// IPv6 addresses as unsigned 128-bit bigints. IPv4 keeps its own uint32
// number path (ipv4.ts), untouched and as fast as it was; an address of either
// family is an `Ip` (ip.ts): a number is IPv4, a bigint is IPv6.

export interface Cidr6 {
  /** network address as an unsigned 128-bit bigint (host bits cleared) */
  readonly network: bigint;
  readonly prefix: number;
  /** the text as written in the snapshot, e.g. "2600:1f18:abcd::/56" */
  readonly text: string;
}

const GROUPS = 8;
const ALL_ONES = (1n << 128n) - 1n;

function parseGroups(text: string): number[] | undefined {
  if (text === '') return [];
  const groups: number[] = [];
  for (const part of text.split(':')) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return undefined;
    groups.push(parseInt(part, 16));
  }
  return groups;
}

/** A trailing dotted quad ("::ffff:192.0.2.1") as two groups. */
function embeddedIpv4(text: string): { head: string; groups: number[] } | undefined {
  const colon = text.lastIndexOf(':');
  const tail = text.slice(colon + 1);
  if (!tail.includes('.')) return { head: text, groups: [] };
  const parts = tail.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/.test(p))) return undefined;
  const [a, b, c, d] = parts.map(Number) as [number, number, number, number];
  // keep the colon before the quad so that "::1.2.3.4" still reads as "::"
  const head = text.slice(0, colon + 1);
  return { head: head.endsWith('::') ? head : head.slice(0, -1), groups: [a * 256 + b, c * 256 + d] };
}

/** The address as a bigint, or undefined when the text is not an IPv6 address (zone ids are refused). */
export function parseIpv6(text: string): bigint | undefined {
  if (!text.includes(':') || text.length > 45) return undefined;
  const quad = embeddedIpv4(text);
  if (!quad) return undefined;
  const halves = quad.head.split('::');
  if (halves.length > 2) return undefined;
  const left = parseGroups(halves[0]!);
  const right = halves.length === 2 ? parseGroups(halves[1]!) : [];
  if (!left || !right) return undefined;
  const tail = [...right, ...quad.groups];
  const given = left.length + tail.length;
  if (halves.length === 2 ? given > GROUPS - 1 : given !== GROUPS) return undefined;
  const groups = [...left, ...new Array<number>(GROUPS - given).fill(0), ...tail];
  let value = 0n;
  for (const group of groups) value = (value << 16n) | BigInt(group);
  return value;
}

export function isIpv6(text: string): boolean {
  return parseIpv6(text) !== undefined;
}

/** RFC 5952 text: lower case, no leading zeros, the longest run of two or more zero groups as "::" (the first on a tie). */
export function formatIpv6(ip: bigint): string {
  const groups: number[] = [];
  for (let i = GROUPS - 1; i >= 0; i--) groups.push(Number((ip >> BigInt(i * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < GROUPS; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < GROUPS && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (list: number[]) => list.map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}

export function mask6Of(prefix: number): bigint {
  return prefix === 0 ? 0n : (ALL_ONES << BigInt(128 - prefix)) & ALL_ONES;
}

/** Parses "addr/n"; undefined when it is not an IPv6 CIDR. Host bits are cleared, as AWS does. */
export function parseCidr6(text: string): Cidr6 | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIpv6(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (ip === undefined || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > 128) return undefined;
  return { network: ip & mask6Of(prefix), prefix, text };
}

export function cidr6Contains(cidr: Cidr6, ip: bigint): boolean {
  return (ip & mask6Of(cidr.prefix)) === cidr.network;
}

/** First and last address of the block, inclusive. */
export function cidr6Range(cidr: Cidr6): { first: bigint; last: bigint } {
  return { first: cidr.network, last: cidr.network | (~mask6Of(cidr.prefix) & ALL_ONES) };
}

export function cidr6Of(ip: bigint, prefix = 128): Cidr6 {
  const network = ip & mask6Of(prefix);
  return { network, prefix, text: `${formatIpv6(network)}/${prefix}` };
}

/**
 * Addresses that are never routed on the internet: unspecified and loopback,
 * IPv4-mapped, unique local (fc00::/7), link-local (fe80::/10) and multicast
 * (ff00::/8). Everything else is global; the documentation range
 * 2001:db8::/32 counts as an internet host here, as 198.51.100.0/24 does.
 */
const NON_GLOBAL = ['::/127', '::ffff:0:0/96', 'fc00::/7', 'fe80::/10', 'ff00::/8'].map((text) => parseCidr6(text)!);

export function isNonGlobalIpv6(ip: bigint): boolean {
  return NON_GLOBAL.some((block) => cidr6Contains(block, ip));
}

/** The internet host that stands for "the internet" over IPv6 (the documentation range). */
export const INTERNET_HOST_IPV6 = parseIpv6('2001:db8::1')!;

export const ALL_IPV6: Cidr6 = parseCidr6('::/0')!;
