// Security groups and network ACLs judging one IPv6 packet, straight from the
// describe JSON. What differs from IPv4 (filters.ts), per the VPC User Guide:
// - a security-group rule admits an IPv6 peer only through Ipv6Ranges, the
//   IPv6 entries of a prefix list, or a referenced group (whose members are
//   their network interfaces: every address of theirs, IPv6 ones included);
//   IpRanges never match IPv6 ("Security group rules", "Source or destination");
// - an ACL judges an IPv6 packet by its Ipv6CidrBlock entries only; IPv4 and
//   IPv6 entries share one rule numbering ("Network ACL rules": "the rules
//   are evaluated ... in order, starting with the lowest numbered rule", one
//   `*` per family);
// - ICMPv6 is protocol 58 ("icmpv6" in a security group); an echo request is
//   type 128, its reply 129 (RFC 4443 section 4). A rule for protocol 1 (icmp)
//   never matches ICMPv6.
import { cidr6Contains, isIp6Cidr } from './ip6.js';
import type { Raw, RawView } from './raw-view.js';

export type Protocol6 = 'tcp' | 'udp' | 'icmpv6' | 'all';

export interface Packet6 {
  src: bigint;
  dst: bigint;
  protocol: Protocol6;
  srcPort: number | null;
  dstPort: number | null;
  /** ICMPv6 type and code: echo request 128/0, echo reply 129/0 */
  icmp: { type: number; code: number } | null;
}

const NUMBER_OF: Record<Protocol6, number> = { tcp: 6, udp: 17, icmpv6: 58, all: -2 };

/** A rule's protocol as a number: "-1" every protocol; names and numbers alike. */
function protocolNumberOf(text: string | number | undefined): number {
  const t = String(text ?? '-1').toLowerCase();
  if (t === '-1' || t === 'all') return -1;
  const named: Record<string, number> = { tcp: 6, udp: 17, icmp: 1, icmpv6: 58 };
  return named[t] ?? Number(t);
}

/** `all` (any protocol) is covered by -1 rules only; otherwise the numbers must be equal. */
function covers(ruleProtocol: number, packet: Packet6): boolean {
  return ruleProtocol === -1 || ruleProtocol === NUMBER_OF[packet.protocol];
}

function typeAndCodeMatch(type: number, code: number, packet: Packet6): boolean {
  return (type === -1 || type === packet.icmp!.type) && (code === -1 || code === packet.icmp!.code);
}

// ---------------------------------------------------------------- security groups

function groupMemberHolds(view: RawView, ownerVpcId: string, groupId: string, address: bigint): boolean {
  return view.networkInterfaces.some(
    (eni) =>
      (eni.Groups ?? []).some((g: Raw) => g.GroupId === groupId) &&
      ipv6HeldBy(eni, address) &&
      (eni.VpcId === ownerVpcId || view.activePeeringBetween(eni.VpcId, ownerVpcId) !== undefined),
  );
}

/** The ENI's IPv6 addresses and the prefixes delegated to it (Ipv6Prefixes). */
export function ipv6HeldBy(eni: Raw, address: bigint): boolean {
  for (const a of eni.Ipv6Addresses ?? []) if (cidr6Contains(`${a.Ipv6Address}/128`, address)) return true;
  for (const p of eni.Ipv6Prefixes ?? []) if (cidr6Contains(p.Ipv6Prefix, address)) return true;
  return false;
}

function permissionAdmits6(view: RawView, ownerVpcId: string, permission: Raw, packet: Packet6, peer: bigint): boolean {
  const protocol = protocolNumberOf(permission.IpProtocol);
  if (!covers(protocol, packet)) return false;
  if ((protocol === 6 || protocol === 17) && permission.FromPort !== undefined && permission.FromPort !== -1) {
    if (packet.dstPort! < permission.FromPort || packet.dstPort! > permission.ToPort) return false;
  }
  if (protocol === 58 && !typeAndCodeMatch(permission.FromPort ?? -1, permission.ToPort ?? -1, packet)) return false;
  const peerIn = (cidr: string | undefined) => isIp6Cidr(cidr) && cidr6Contains(cidr, peer);
  if ((permission.Ipv6Ranges ?? []).some((r: Raw) => peerIn(r.CidrIpv6))) return true;
  if ((permission.PrefixListIds ?? []).some((ref: Raw) => (view.prefixListCidrs(ref.PrefixListId) ?? []).some(peerIn))) return true;
  return (permission.UserIdGroupPairs ?? []).some((pair: Raw) => groupMemberHolds(view, ownerVpcId, pair.GroupId, peer));
}

/** Some rule of some group of the ENI admits the packet (the groups are a union). */
export function securityGroupsAllow6(view: RawView, eni: Raw, packet: Packet6, direction: 'egress' | 'ingress'): boolean {
  const peer = direction === 'egress' ? packet.dst : packet.src;
  return (eni.Groups ?? []).some((ref: Raw) => {
    const group = view.securityGroups.find((g) => g.GroupId === ref.GroupId);
    const permissions: Raw[] = (direction === 'egress' ? group?.IpPermissionsEgress : group?.IpPermissions) ?? [];
    return permissions.some((p) => permissionAdmits6(view, group.VpcId, p, packet, peer));
  });
}

// ---------------------------------------------------------------- network ACLs

/** The first IPv6 entry in rule-number order that matches decides; none matching denies. */
export function aclAllows6(acl: Raw, packet: Packet6, egress: boolean): boolean {
  const address = egress ? packet.dst : packet.src;
  const entries = (acl.Entries ?? [])
    .filter((e: Raw) => e.Egress === egress && isIp6Cidr(e.Ipv6CidrBlock))
    .sort((a: Raw, b: Raw) => a.RuleNumber - b.RuleNumber);
  for (const entry of entries) {
    const protocol = protocolNumberOf(entry.Protocol);
    if (!covers(protocol, packet) || !cidr6Contains(entry.Ipv6CidrBlock, address)) continue;
    if ((protocol === 6 || protocol === 17) && entry.PortRange && (packet.dstPort! < entry.PortRange.From || packet.dstPort! > entry.PortRange.To)) continue;
    if (protocol === 58 && entry.IcmpTypeCode && !typeAndCodeMatch(entry.IcmpTypeCode.Type, entry.IcmpTypeCode.Code, packet)) continue;
    return entry.RuleAction === 'allow';
  }
  return false;
}
