// The oracle's own IPv6 arithmetic: 128-bit addresses as bigints, written
// from RFC 4291 section 2.2 (text forms) and section 2.3 (prefixes).
// Deliberately not shared/model/ipv6.ts: the oracle shares no code with what it checks.

const GROUP_COUNT = 8;

/** "2600:1f18::a" -> 128-bit bigint; throws on anything that is not an IPv6 address. */
export function ip6ToBigint(text: string): bigint {
  const bad = () => new Error(`oracle: not an IPv6 address: ${text}`);
  const pieces = text.split('::');
  if (pieces.length > 2) throw bad();
  const groupsOf = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const head = groupsOf(pieces[0]!);
  const tail = pieces.length === 2 ? groupsOf(pieces[1]!) : [];
  // a dotted quad may close the address (::ffff:192.0.2.1): it stands for two groups
  const last = tail.length > 0 ? tail[tail.length - 1]! : head[head.length - 1];
  const quad = last !== undefined && last.includes('.') ? last.split('.') : undefined;
  if (quad) {
    if (quad.length !== 4 || quad.some((q) => !/^\d{1,3}$/.test(q) || Number(q) > 255)) throw bad();
    const list = tail.length > 0 ? tail : head;
    list.pop();
    const [a, b, c, d] = quad.map(Number) as [number, number, number, number];
    list.push(((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
  }
  const missing = GROUP_COUNT - head.length - tail.length;
  if (pieces.length === 2 ? missing < 1 : missing !== 0) throw bad();
  let value = 0n;
  for (const group of [...head, ...Array<string>(pieces.length === 2 ? missing : 0).fill('0'), ...tail]) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) throw bad();
    value = value * 65536n + BigInt(parseInt(group, 16));
  }
  return value;
}

export function isIp6Text(text: string): boolean {
  try {
    ip6ToBigint(text);
    return true;
  } catch {
    return false;
  }
}

/** Full form, every group written out ("2600:1f18:0:0:0:0:0:a"): only for traces, so no compression. */
export function bigintToIp6(value: bigint): string {
  const groups: string[] = [];
  for (let i = 0; i < GROUP_COUNT; i++) groups.unshift(((value >> BigInt(16 * i)) & 0xffffn).toString(16));
  return groups.join(':');
}

export function isIp6Cidr(cidr: string | undefined): cidr is string {
  return typeof cidr === 'string' && cidr.includes(':');
}

/** Is `address` inside "prefix/n"? The block is [base, base + 2^(128-n)). */
export function cidr6Contains(cidr: string, address: bigint): boolean {
  const [base, bits] = cidr.split('/');
  const size = 2n ** BigInt(128 - Number(bits));
  const start = (ip6ToBigint(base!) / size) * size;
  return address >= start && address < start + size;
}

export function prefix6Length(cidr: string): number {
  return Number(cidr.split('/')[1]);
}

/**
 * Space the internet never routes (RFC 4291, RFC 4193, RFC 6890): the
 * unspecified and loopback addresses, IPv4-mapped ::ffff:0:0/96, unique local
 * fc00::/7, link-local fe80::/10, multicast ff00::/8. The documentation range
 * 2001:db8::/32 stands for internet hosts here, as 198.51.100.0/24 does for IPv4.
 */
export function isNonGlobal6(address: bigint): boolean {
  return ['::/127', '::ffff:0:0/96', 'fc00::/7', 'fe80::/10', 'ff00::/8'].some((block) => cidr6Contains(block, address));
}
