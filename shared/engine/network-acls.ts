// Network ACLs: stateless, per subnet, first match in ascending rule number,
// the `*` rule (32767) denies. Inbound entries match the source address,
// outbound entries the destination; port ranges match the destination port.
// An IPv6 packet is judged by the IPv6 entries (Ipv6CidrBlock) only, an IPv4
// one by the IPv4 entries only, each in rule-number order
// (https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html).
import type { IcmpTypeCode, NetworkAcl, NetworkAclEntry, PortRange, Subnet } from '../model/types.js';
import { cidrContains, type Cidr } from '../model/ipv4.js';
import { cidr6Contains, type Cidr6 } from '../model/ipv6.js';
import { formatIp, type Ip } from '../model/ip.js';
import { ANY_PROTOCOL, describeTraffic, hasPorts, isIcmp, type Packet } from './packet.js';
import { intersects, subtract } from './port-ranges.js';
import type { LegTrace } from './trace.js';
import { aclFix, aclFix6 } from './fixes.js';
import { ipv4Traffic } from './addresses.js';
import { describeError, unreadable } from './snapshot-gaps.js';
import { accountMissing, notCollected } from './missing-accounts.js';
import { warn } from './warnings.js';

export const IMPLICIT_DENY_RULE = 32767;

/** What an ACL direction is asked about: one protocol, one peer address, a set of destination ports. */
export interface AclTraffic {
  readonly protocol: number;
  /** the source address for inbound entries, the destination for outbound (a bigint for IPv6) */
  readonly peerIp: Ip;
  /** destination ports (TCP/UDP); every port of the range must be allowed */
  readonly ports: PortRange | undefined;
  readonly icmp: IcmpTypeCode | undefined;
}

export interface AclDecision<C = Cidr> {
  readonly allowed: boolean;
  /** the entry that decided; undefined for the implicit `*` deny */
  readonly entry: NetworkAclEntry<C> | undefined;
  readonly ruleNumber: number;
}

function icmpMatches(entry: IcmpTypeCode | undefined, packet: IcmpTypeCode | undefined): boolean {
  if (entry === undefined) return true;
  if (packet === undefined) return entry.type === -1;
  return (entry.type === -1 || entry.type === packet.type) && (entry.code === -1 || entry.code === packet.code);
}

/** Does the entry apply to this traffic, ports aside? (`all` traffic is matched only by protocol -1 entries.) */
export function aclEntryMatchesPeer(entry: NetworkAclEntry<Cidr | Cidr6>, traffic: AclTraffic): boolean {
  if (entry.protocol !== ANY_PROTOCOL && entry.protocol !== traffic.protocol) return false;
  // the entries given are of the packet's family (entriesFor)
  const ip = traffic.peerIp;
  if (typeof ip === 'number' ? !cidrContains(entry.cidr as Cidr, ip) : !cidr6Contains(entry.cidr as Cidr6, ip)) return false;
  if (isIcmp(entry.protocol)) return icmpMatches(entry.icmp, traffic.icmp);
  return true;
}

/** The ports the entry restricts to, or undefined when it applies to every port. */
function entryPorts(entry: NetworkAclEntry<Cidr | Cidr6>): PortRange | undefined {
  return hasPorts(entry.protocol) ? entry.ports : undefined;
}

/**
 * First-match evaluation over a range of destination ports: allowed only when
 * every port of the range is allowed; a deny entry that takes any port of the
 * range before an allow does decides (it is the entry that narrows the range).
 */
export function evaluateAclEntries<C extends Cidr | Cidr6>(entries: readonly NetworkAclEntry<C>[], traffic: AclTraffic): AclDecision<C> {
  let remaining: PortRange[] | undefined = traffic.ports ? [traffic.ports] : undefined;
  for (const entry of entries) {
    if (!aclEntryMatchesPeer(entry, traffic)) continue;
    const ports = entryPorts(entry);
    if (ports === undefined || remaining === undefined) {
      return { allowed: entry.action === 'allow', entry, ruleNumber: entry.ruleNumber };
    }
    if (!remaining.some((range) => intersects(range, ports))) continue;
    if (entry.action === 'deny') return { allowed: false, entry, ruleNumber: entry.ruleNumber };
    remaining = subtract(remaining, ports);
    if (remaining.length === 0) return { allowed: true, entry, ruleNumber: entry.ruleNumber };
  }
  return { allowed: false, entry: undefined, ruleNumber: IMPLICIT_DENY_RULE };
}

/** The entries that judge a packet of this family, in that direction. */
export function entriesFor(acl: NetworkAcl, inbound: boolean, ip: Ip): readonly NetworkAclEntry<Cidr | Cidr6>[] {
  if (typeof ip === 'number') return inbound ? acl.inbound : acl.outbound;
  return inbound ? acl.inboundIpv6 : acl.outboundIpv6;
}

export function aclTraffic(packet: Packet, inbound: boolean): AclTraffic {
  return { protocol: packet.protocol, peerIp: inbound ? packet.srcIp : packet.dstIp, ports: packet.dstPorts, icmp: packet.icmp };
}

/**
 * The subnet's ACL for traffic crossing its boundary (`inbound` = entering
 * the subnet). Records the hop; false when the walk stops here.
 */
export function checkSubnetAcl(t: LegTrace, subnet: Subnet, inbound: boolean, packet: Packet): boolean {
  const direction = inbound ? 'ingress' : 'egress';
  const way = inbound ? 'inbound' : 'outbound';
  const aclId = subnet.networkAclId;
  if (aclId === undefined) {
    const error = unreadable(t.model, subnet, 'NetworkAcls');
    if (error) {
      t.notes.add(warn.unreadable('The network ACLs', error.account, error.region));
      return t.unknown({ id: subnet.id, kind: 'subnet', direction, detail: `The network ACL of ${subnet.id} is unknown: ${describeError(error)}.` }, 'UNKNOWN_RESOURCE');
    }
    const owner = t.model.vpcs.get(subnet.vpcId)?.ownerId;
    if (owner !== undefined && accountMissing(t.model, owner)) {
      // a subnet shared with this snapshot's account: the ACL is its owner's, which the snapshot could not read
      t.notes.add(warn.missingResource(`the network ACL of ${subnet.id}`, subnet.id));
      return t.unknown({ id: subnet.id, kind: 'subnet', direction, detail: `The network ACL of ${subnet.id} is unknown: ${notCollected(t.model, `the network ACL of ${subnet.id}`, owner)}.` }, 'UNKNOWN_RESOURCE');
    }
    t.notes.add(warn.defaultAclAssumed(subnet.vpcId, subnet.id));
    return t.pass({ id: subnet.id, kind: 'subnet', direction, detail: `No network ACL for ${subnet.id} in the snapshot: AWS's default ACL (allow all) assumed, ${way}.`, rule: { networkAclId: null, assumed: 'default ACL: allow all' } }, 'allow');
  }
  const acl = t.model.networkAcls.get(aclId);
  if (acl === undefined) {
    t.notes.add(warn.missingResource(aclId, subnet.id));
    return t.unknown({ id: subnet.id, kind: 'subnet', direction, detail: `${subnet.id} uses network ACL ${aclId}, which is not in the snapshot.`, rule: { missing: aclId } }, 'UNKNOWN_RESOURCE');
  }
  return judgeAcl(t, acl, subnet, inbound, packet);
}

function judgeAcl(t: LegTrace, acl: NetworkAcl, subnet: Subnet, inbound: boolean, packet: Packet): boolean {
  const traffic = aclTraffic(packet, inbound);
  const decision = evaluateAclEntries(entriesFor(acl, inbound, traffic.peerIp), traffic);
  const peer = `${inbound ? 'from' : 'to'} ${formatIp(traffic.peerIp)}`;
  const rule = `rule ${decision.entry ? decision.ruleNumber : '* (32767)'}`;
  const hop = {
    id: acl.id,
    kind: 'network-acl' as const,
    direction: inbound ? ('ingress' as const) : ('egress' as const),
    detail: `${acl.id} (${subnet.id}) ${inbound ? 'inbound' : 'outbound'} ${rule} ${decision.allowed ? 'allows' : 'denies'} ${describeTraffic(packet)} ${peer}.`,
    rule: { ruleNumber: decision.ruleNumber, entry: decision.entry?.raw ?? null, subnetId: subnet.id },
  };
  if (decision.allowed) return t.pass(hop, 'allow');
  // What was asked, seen from this ACL: on the reply, the server's port is the source port.
  const asked = t.leg === 'return' ? { ...traffic, ports: packet.srcPorts } : traffic;
  const v4 = ipv4Traffic(traffic);
  const fix = v4 ? aclFix(t.model, t.fixContext, acl, !inbound, v4, decision as AclDecision, t.leg, ipv4Traffic(asked)!) : aclFix6(t.model, acl, !inbound, { ...traffic, peerIp: traffic.peerIp as bigint }, decision, t.leg);
  return t.drop(hop, 'SUBNET_ACL_RESTRICTION', fix, 'deny');
}
