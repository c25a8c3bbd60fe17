// Security groups and network ACLs, evaluated rule by rule on one packet
// (DESIGN.md section 3), straight from the describe JSON.
import { cidrContains, numberToIp } from './ip.js';
import type { Raw, RawView } from './raw-view.js';
import { referencedAcrossTransitGateway } from './oracle-accounts.js';

export type FlowProtocol = 'tcp' | 'udp' | 'icmp' | 'all';

/** One packet as seen at one point of its path. `nat-range`: a port a NAT gateway picked anywhere in 1024-65535. */
export interface Packet {
  src: number;
  dst: number;
  protocol: FlowProtocol;
  srcPort: number | 'nat-range' | null;
  dstPort: number | 'nat-range' | null;
  /** ICMP type and code (echo request 8/0, echo reply 0/0) */
  icmp: { type: number; code: number } | null;
}

const PROTOCOL_NUMBERS: Record<string, number> = { tcp: 6, udp: 17, icmp: 1 };

/** "-1" = every protocol; otherwise the IP protocol number ("tcp" and "6" alike). */
function ruleProtocolNumber(text: string | number): number {
  const t = String(text).toLowerCase();
  if (t === '-1' || t === 'all') return -1;
  return PROTOCOL_NUMBERS[t] ?? Number(t);
}

/**
 * Does a rule's protocol cover the packet's? `all` (Batfish's "any protocol"
 * flow) is covered only by -1 rules.
 */
function protocolCovers(ruleProtocol: number, packet: Packet): boolean {
  if (ruleProtocol === -1) return true;
  if (packet.protocol === 'all') return false;
  return ruleProtocol === PROTOCOL_NUMBERS[packet.protocol];
}

// ---------------------------------------------------------------- security groups

/** Does one IpPermission admit the packet, the peer being `peer` (the destination for egress, the source for ingress)? */
export function permissionAdmits(view: RawView, ownerVpcId: string, permission: Raw, packet: Packet, peer: number, inbound = false): boolean {
  const protocol = ruleProtocolNumber(permission.IpProtocol);
  if (!protocolCovers(protocol, packet)) return false;
  if (protocol === 6 || protocol === 17) {
    const port = packet.dstPort as number;
    const from = permission.FromPort;
    const to = permission.ToPort;
    if (from !== undefined && from !== -1 && !(port >= from && port <= to)) return false;
  }
  if (protocol === 1) {
    const icmp = packet.icmp!;
    const type = permission.FromPort ?? -1;
    const code = permission.ToPort ?? -1;
    if (type !== -1 && type !== icmp.type) return false;
    if (code !== -1 && code !== icmp.code) return false;
  }
  for (const range of permission.IpRanges ?? []) {
    if (range.CidrIp && cidrContains(range.CidrIp, peer)) return true;
  }
  for (const ref of permission.PrefixListIds ?? []) {
    const cidrs = view.prefixListCidrs(ref.PrefixListId) ?? [];
    if (cidrs.some((c) => cidrContains(c, peer))) return true;
  }
  for (const pair of permission.UserIdGroupPairs ?? []) {
    if (groupHoldsAddress(view, ownerVpcId, pair.GroupId, peer, inbound)) return true;
  }
  return false;
}

/**
 * A group as a peer = the private IPs of every ENI carrying it, in the
 * rule's own VPC or across an active peering (one region here), and for an
 * inbound rule across a transit gateway that allows it (oracle-accounts.ts).
 */
function groupHoldsAddress(view: RawView, ownerVpcId: string, groupId: string, address: number, inbound: boolean): boolean {
  const text = numberToIp(address);
  for (const eni of view.networkInterfaces) {
    if (!(eni.Groups ?? []).some((g: Raw) => g.GroupId === groupId)) continue;
    if (!view.privateIps(eni).includes(text)) continue;
    if (eni.VpcId === ownerVpcId || view.activePeeringBetween(eni.VpcId, ownerVpcId)) return true;
    if (inbound && referencedAcrossTransitGateway(view, ownerVpcId, eni.VpcId)) return true;
  }
  return false;
}

/** The union of the ENI's groups: some rule of some group must admit the packet. */
export function securityGroupsAllow(view: RawView, eni: Raw, packet: Packet, direction: 'egress' | 'ingress'): boolean {
  const peer = direction === 'egress' ? packet.dst : packet.src;
  for (const ref of eni.Groups ?? []) {
    const group = view.securityGroups.find((g) => g.GroupId === ref.GroupId);
    if (!group) continue;
    const permissions = direction === 'egress' ? group.IpPermissionsEgress : group.IpPermissions;
    for (const permission of permissions ?? []) {
      if (permissionAdmits(view, group.VpcId, permission, packet, peer)) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------- network ACLs

/** The ACL a subnet uses: its association, else its VPC's default; undefined = none in the snapshot (AWS default: allow all). */
export function aclOfSubnet(view: RawView, subnet: Raw): Raw | undefined {
  const associated = view.networkAcls.find((acl) => (acl.Associations ?? []).some((a: Raw) => a.SubnetId === subnet.SubnetId));
  if (associated) return associated;
  return view.networkAcls.find((acl) => acl.VpcId === subnet.VpcId && acl.IsDefault === true);
}

function entryMatches(entry: Raw, packet: Packet, dstPort: number | null, egress: boolean): boolean {
  if (!entry.CidrBlock) return false; // IPv6 entries are ignored
  if (!protocolCovers(ruleProtocolNumber(entry.Protocol), packet)) return false;
  if (!cidrContains(entry.CidrBlock, egress ? packet.dst : packet.src)) return false;
  const protocol = ruleProtocolNumber(entry.Protocol);
  if ((protocol === 6 || protocol === 17) && entry.PortRange) {
    if (!(dstPort! >= entry.PortRange.From && dstPort! <= entry.PortRange.To)) return false;
  }
  if (protocol === 1 && entry.IcmpTypeCode) {
    const { Type: type, Code: code } = entry.IcmpTypeCode;
    if (type !== -1 && type !== packet.icmp!.type) return false;
    if (code !== -1 && code !== packet.icmp!.code) return false;
  }
  return true;
}

/** First match in ascending rule number decides; nothing matching denies (the `*` rule). */
function firstMatchAllows(acl: Raw, packet: Packet, dstPort: number | null, egress: boolean): boolean {
  const entries = (acl.Entries ?? [])
    .filter((e: Raw) => e.Egress === egress)
    .sort((a: Raw, b: Raw) => a.RuleNumber - b.RuleNumber);
  for (const entry of entries) {
    if (entryMatches(entry, packet, dstPort, egress)) return entry.RuleAction === 'allow';
  }
  return false;
}

/**
 * A NAT gateway's port is any of 1024-65535: the ACL must allow every one of
 * them. The first-match answer only changes at a rule's From or To+1, so
 * trying 1024 and every such boundary inside the range tries every case.
 */
function portsToTry(acl: Raw, port: number | 'nat-range' | null): (number | null)[] {
  if (port !== 'nat-range') return [port];
  const ports = new Set<number>([1024, 65535]);
  for (const entry of acl.Entries ?? []) {
    if (!entry.PortRange) continue;
    for (const p of [entry.PortRange.From, entry.PortRange.To, entry.PortRange.From - 1, entry.PortRange.To + 1]) {
      if (p >= 1024 && p <= 65535) ports.add(p);
    }
  }
  return [...ports];
}

export function aclAllows(acl: Raw, packet: Packet, egress: boolean): boolean {
  const ports = packet.protocol === 'tcp' || packet.protocol === 'udp' ? portsToTry(acl, packet.dstPort) : [null];
  return ports.every((port) => firstMatchAllows(acl, packet, port, egress));
}
