// Who holds an address, and which blocks cover it, for either family: an
// IPv4 address (a number) through the private-IP index, an IPv6 address (a
// bigint) through the IPv6 index and the prefixes delegated to ENIs. IPv6
// addresses are global: the same address is the ENI's inside the VPC and on
// the internet, with no translation.
import { cidrContains, type Cidr } from '../model/ipv4.js';
import { cidr6Contains, type Cidr6 } from '../model/ipv6.js';
import type { Ip } from '../model/ip.js';
import type { NetworkInterface, NetworkModel, PrefixList, Subnet, Vpc } from '../model/types.js';

const NONE: readonly NetworkInterface[] = [];

export function enisHolding(model: NetworkModel, ip: Ip): readonly NetworkInterface[] {
  if (typeof ip === 'number') return model.indexes.enisByPrivateIp.get(ip) ?? NONE;
  const listed = model.indexes.enisByIpv6.get(ip) ?? NONE;
  const delegated = model.indexes.enisWithIpv6Prefixes.filter((eni) => eni.ipv6Prefixes.some((prefix) => cidr6Contains(prefix, ip)));
  return delegated.length === 0 ? listed : [...listed, ...delegated.filter((eni) => !listed.includes(eni))];
}

/** Does the ENI hold this address (private IPv4, or one of its IPv6 addresses and prefixes)? */
export function eniHolds(eni: NetworkInterface, ip: Ip): boolean {
  if (typeof ip === 'number') return eni.privateAddresses.some((a) => a.ip === ip);
  return eni.ipv6Addresses.includes(ip) || eni.ipv6Prefixes.some((prefix) => cidr6Contains(prefix, ip));
}

/** The VPC's blocks of the address's family. */
export function vpcBlocksFor(vpc: Pick<Vpc, 'cidrs' | 'ipv6Cidrs'>, ip: Ip): readonly (Cidr | Cidr6)[] {
  return typeof ip === 'number' ? vpc.cidrs : vpc.ipv6Cidrs;
}

/** The block of `blocks` (all of the address's family) that holds it. */
export function blockHolding<C extends Cidr | Cidr6>(blocks: readonly C[], ip: Ip): C | undefined {
  if (typeof ip === 'number') return blocks.find((block) => cidrContains(block as Cidr, ip));
  return blocks.find((block) => cidr6Contains(block as Cidr6, ip));
}

export function vpcHoldsAddress(vpc: Pick<Vpc, 'cidrs' | 'ipv6Cidrs'>, ip: Ip): boolean {
  return blockHolding(vpcBlocksFor(vpc, ip), ip) !== undefined;
}

export function subnetCovers(subnet: Subnet, ip: Ip): boolean {
  if (typeof ip === 'number') return subnet.cidr !== undefined && cidrContains(subnet.cidr, ip);
  return subnet.ipv6Cidrs.some((block) => cidr6Contains(block, ip));
}

/** The prefix list's entries of the address's family. */
export function listBlocksFor(list: PrefixList, ip: Ip): readonly (Cidr | Cidr6)[] {
  return typeof ip === 'number' ? list.cidrs : list.ipv6Cidrs;
}

/**
 * The traffic, when its peer is an IPv4 address. Fixes are written as IPv4
 * change sets (IpRanges, CidrBlock); an IPv6 drop is reported without a fix
 * until change sets carry IPv6 ranges.
 */
export function ipv4Traffic<T extends { readonly peerIp: Ip }>(traffic: T): (T & { readonly peerIp: number }) | undefined {
  return typeof traffic.peerIp === 'number' ? (traffic as T & { readonly peerIp: number }) : undefined;
}
