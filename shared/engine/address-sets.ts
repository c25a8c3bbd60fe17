// IPv4 address sets as uint32 interval sets: CIDRs in and out, and "the
// internet" as a source: every address outside RFC 1918 and RFC 6598, less
// the blocks of the snapshot's VPCs (an address there is a VPC's, not an
// internet host's).
import type { Cidr } from '../model/ipv4.js';
import { cidrOf, cidrRange, isPrivateIpv4, parseCidr } from '../model/ipv4.js';
import type { NetworkModel } from '../model/types.js';
import { difference, normalize, sameSet, type Interval, type IntervalSet } from './interval-sets.js';

const ALL_ADDRESSES: Interval = { from: 0, to: 0xffffffff };
const PRIVATE_BLOCKS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'].map((text) => parseCidr(text)!);

export function intervalOf(cidr: Cidr): Interval {
  const { first, last } = cidrRange(cidr);
  return { from: first, to: last };
}

/** Every non-private address not inside a VPC of the snapshot. */
export function internetSpace(model: NetworkModel): Interval[] {
  const vpcBlocks = [...model.vpcs.values()].flatMap((vpc) => vpc.cidrs).filter((cidr) => !isPrivateIpv4(cidr.network));
  return difference([ALL_ADDRESSES], [...PRIVATE_BLOCKS, ...vpcBlocks].map(intervalOf));
}

/** The fewest CIDRs whose union is exactly the set. */
export function cidrsOf(set: IntervalSet): Cidr[] {
  const cidrs: Cidr[] = [];
  for (const interval of normalize(set)) {
    let from = interval.from;
    while (from <= interval.to) {
      // the largest aligned block that starts at `from` and stays inside the interval
      let prefix = from === 0 ? 0 : Math.max(0, 32 - countTrailingZeros(from));
      while (prefix < 32 && from + 2 ** (32 - prefix) - 1 > interval.to) prefix++;
      cidrs.push(cidrOf(from, prefix));
      from += 2 ** (32 - prefix);
    }
  }
  return cidrs;
}

function countTrailingZeros(value: number): number {
  // the lowest set bit, isolated; clz32 counts the zeros above it
  return 31 - Math.clz32(value & -value);
}

/**
 * Source addresses as CIDR texts: "0.0.0.0/0" when the set is the whole
 * internet (private space aside), else the exact CIDRs.
 */
export function describeSources(set: IntervalSet, internet: IntervalSet): string[] {
  if (sameSet(normalize(set), normalize(internet))) return ['0.0.0.0/0'];
  return cidrsOf(set).map((cidr) => cidr.text);
}
