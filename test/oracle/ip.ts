// The oracle's own IPv4 arithmetic. Deliberately not shared/model/ipv4.ts:
// the oracle must share no code with what it checks.

export function ipToNumber(text: string): number {
  const parts = text.split('.');
  if (parts.length !== 4) throw new Error(`oracle: not an IPv4 address: ${text}`);
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) throw new Error(`oracle: not an IPv4 address: ${text}`);
    value = value * 256 + Number(part);
  }
  return value;
}

export function numberToIp(value: number): string {
  return [Math.floor(value / 16777216) % 256, Math.floor(value / 65536) % 256, Math.floor(value / 256) % 256, value % 256].join('.');
}

export function isIpText(text: string): boolean {
  try {
    ipToNumber(text);
    return true;
  } catch {
    return false;
  }
}

/** Is `address` inside "a.b.c.d/n"? Plain arithmetic: the block is [base, base + size). */
export function cidrContains(cidr: string | undefined, address: number): boolean {
  // an IPv6 block (a prefix list's, a TGW route's) or none (an IPv6-only subnet) holds no IPv4 address
  if (cidr === undefined || cidr.includes(':')) return false;
  const [base, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  const start = Math.floor(ipToNumber(base!) / size) * size;
  return address >= start && address < start + size;
}

export function prefixLength(cidr: string): number {
  return Number(cidr.split('/')[1]);
}

/** RFC 1918 and RFC 6598 (carrier-grade NAT) space: never routed on the internet. */
export function isPrivateAddress(address: number): boolean {
  return (
    cidrContains('10.0.0.0/8', address) ||
    cidrContains('172.16.0.0/12', address) ||
    cidrContains('192.168.0.0/16', address) ||
    cidrContains('100.64.0.0/10', address)
  );
}
