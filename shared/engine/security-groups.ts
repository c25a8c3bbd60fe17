// Security groups: stateful allow-lists on each ENI, the union of its groups.
// A rule matches protocol (-1 = all), ports (ICMP: type/code, -1 = any) and a
// peer: a CIDR, a prefix list, or a group (the private IPs of every ENI that
// carries it, in the group's VPC or across an active same-region peering,
// that peer VPC's account included; and for inbound rules only, across a
// transit gateway whose SecurityGroupReferencingSupport is enabled, and on
// both VPC attachments: AWS Transit Gateway guide, "Security group
// referencing", https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html).
// A group of an account the snapshot lacks has members nobody can list: a
// private address no known ENI holds may be one of them, so that is unknown.
import type { IcmpTypeCode, NetworkInterface, NetworkModel, PortRange, SecurityGroup, SecurityGroupPeer, SecurityGroupRule } from '../model/types.js';
import { cidrContains, isPrivateIpv4 } from '../model/ipv4.js';
import { cidr6Contains } from '../model/ipv6.js';
import { formatIp, type Ip } from '../model/ip.js';
import { accountMissing, notCollected } from './missing-accounts.js';
import { ANY_PROTOCOL, describeTraffic, isIcmp, type Packet } from './packet.js';
import { blockHolding, enisHolding, ipv4Traffic, listBlocksFor } from './addresses.js';
import { intersects, subtract } from './port-ranges.js';
import type { LegTrace } from './trace.js';
import { securityGroupFix, securityGroupFix6 } from './fixes/security-group-fix.js';
import { securityGroupNearMisses } from './fixes/near-misses.js';
import { describeError, unreadable } from './snapshot-gaps.js';
import { warn } from './warnings.js';

export interface SgTraffic {
  readonly protocol: number;
  /** the destination for egress rules, the source for ingress rules (a bigint for IPv6) */
  readonly peerIp: Ip;
  readonly ports: PortRange | undefined;
  readonly icmp: IcmpTypeCode | undefined;
}

type Match = 'yes' | 'no' | 'unknown';

export type SgDecision =
  | { readonly result: 'allow'; readonly group: SecurityGroup; readonly rule: SecurityGroupRule | undefined }
  | { readonly result: 'deny' }
  | { readonly result: 'unknown'; readonly holder: { id: string; kind: 'eni' | 'security-group' }; readonly missing: string; readonly why: string };

function icmpMatches(rule: IcmpTypeCode | undefined, packet: IcmpTypeCode | undefined): boolean {
  if (rule === undefined || rule.type === -1) return true;
  if (packet === undefined) return false;
  return rule.type === packet.type && (rule.code === -1 || rule.code === packet.code);
}

/** Protocol and ICMP type/code; ports are judged by the caller over the whole range. */
export function sgRuleMatchesProtocol(rule: SecurityGroupRule, traffic: SgTraffic): boolean {
  if (rule.protocol === ANY_PROTOCOL) return true;
  if (rule.protocol !== traffic.protocol) return false;
  return isIcmp(rule.protocol) ? icmpMatches(rule.icmp, traffic.icmp) : true;
}

/** True when the two VPCs are joined by an active peering within one region. */
export function peeredInRegion(model: NetworkModel, vpcA: string, vpcB: string): boolean {
  for (const pcx of model.indexes.peeringsByVpc.get(vpcA) ?? []) {
    if (pcx.status !== 'active') continue;
    const other = pcx.requester.vpcId === vpcA ? pcx.accepter : pcx.requester;
    if (other.vpcId !== vpcB) continue;
    const regionA = pcx.requester.region ?? pcx.region;
    const regionB = pcx.accepter.region ?? pcx.region;
    if (regionA === regionB) return true;
  }
  return false;
}

/** AWS's defaults: disabled on a transit gateway, enabled on a VPC attachment. */
const referencingOn = (option: string | undefined, byDefault: boolean): boolean => (option === undefined ? byDefault : option === 'enable');

/**
 * Whether an inbound rule of a group in `vpcA` may reference a group whose
 * member is in `vpcB` across a transit gateway both VPCs are attached to:
 * the option on the transit gateway and on both VPC attachments. Unknown when
 * the only shared transit gateway is not in the snapshot (its option unseen).
 */
function referencedAcrossTransitGateway(model: NetworkModel, vpcA: string, vpcB: string): Match {
  const usable = (vpc: string) =>
    (model.indexes.tgwAttachmentsByVpc.get(vpc) ?? []).filter(
      (a) => a.resourceType === 'vpc' && a.state === 'available' && referencingOn(a.securityGroupReferencingSupport, true),
    );
  const fromB = new Set(usable(vpcB).map((a) => a.transitGatewayId));
  let answer: Match = 'no';
  for (const attachment of usable(vpcA)) {
    if (!fromB.has(attachment.transitGatewayId)) continue;
    const tgw = model.transitGateways.get(attachment.transitGatewayId);
    if (!tgw) answer = 'unknown';
    else if (referencingOn(tgw.securityGroupReferencingSupport, false)) return 'yes';
  }
  return answer;
}

/** Why a group reference could not be judged, for the hop's detail. */
export function unjudgedGroupReference(model: NetworkModel, owner: SecurityGroup, peer: SecurityGroupPeer): string {
  if (peer.kind !== 'group') return `a rule of ${owner.id} names ${peer.kind === 'prefix-list' ? `prefix list ${peer.prefixListId}` : 'a peer'}, which is not in the snapshot`;
  if (peer.userId !== undefined && accountMissing(model, peer.userId)) return `a rule of ${owner.id} names ${notCollected(model, peer.groupId, peer.userId)}`;
  return `a rule of ${owner.id} names ${peer.groupId} across a transit gateway that is not in the snapshot (its SecurityGroupReferencingSupport is unknown)`;
}

/**
 * An IPv4 rule (IpRanges) matches only IPv4 addresses, an IPv6 rule
 * (Ipv6Ranges) only IPv6 ones; a prefix list matches with its entries of the
 * packet's family; a group reference matches the group's members by any of
 * their addresses, IPv6 ones included.
 * `egress`: the rule is an outbound one (references across a transit gateway match inbound only).
 */
export function sgPeerMatches(model: NetworkModel, owner: SecurityGroup, peer: SecurityGroupPeer, ip: Ip, egress: boolean): Match {
  switch (peer.kind) {
    case 'cidr':
      return typeof ip === 'number' && cidrContains(peer.cidr, ip) ? 'yes' : 'no';
    case 'cidr6':
      return typeof ip === 'bigint' && cidr6Contains(peer.cidr, ip) ? 'yes' : 'no';
    case 'prefix-list': {
      const list = model.prefixLists.get(peer.prefixListId);
      if (list === undefined) return 'unknown';
      return blockHolding(listBlocksFor(list, ip), ip) !== undefined ? 'yes' : 'no';
    }
    case 'group': {
      const holders = enisHolding(model, ip);
      let answer: Match = 'no';
      for (const eni of holders) {
        if (!eni.securityGroupIds.includes(peer.groupId)) continue;
        if (owner.vpcId === undefined || eni.vpcId === owner.vpcId || peeredInRegion(model, owner.vpcId, eni.vpcId)) return 'yes';
        if (egress) continue;
        const across = referencedAcrossTransitGateway(model, owner.vpcId, eni.vpcId);
        if (across === 'yes') return 'yes';
        if (across === 'unknown') answer = 'unknown';
      }
      // a member in an account the snapshot lacks holds an address no ENI of the snapshot holds
      if (holders.length === 0 && typeof ip === 'number' && isPrivateIpv4(ip) && !model.securityGroups.has(peer.groupId) && accountMissing(model, peer.userId)) return 'unknown';
      return answer;
    }
  }
}

/** The union of the ENI's groups in one direction. */
export function evaluateSecurityGroups(model: NetworkModel, eni: NetworkInterface, egress: boolean, traffic: SgTraffic): SgDecision {
  let unknown: SgDecision | undefined;
  let uncovered: PortRange[] | undefined = traffic.ports ? [traffic.ports] : undefined;
  for (const groupId of eni.securityGroupIds) {
    const group = model.securityGroups.get(groupId);
    if (group === undefined) {
      unknown ??= { result: 'unknown', holder: { id: eni.id, kind: 'eni' }, missing: groupId, why: `security group ${groupId} of ${eni.id} is not in the snapshot` };
      continue;
    }
    for (const rule of egress ? group.egress : group.ingress) {
      if (!sgRuleMatchesProtocol(rule, traffic)) continue;
      // a rule for other ports decides nothing, not even when its peer cannot be judged
      const ports = rule.ports;
      if (ports !== undefined && uncovered !== undefined && !uncovered.some((range) => intersects(range, ports))) continue;
      const peer = sgPeerMatches(model, group, rule.peer, traffic.peerIp, egress);
      if (peer === 'unknown') {
        const missing = rule.peer.kind === 'prefix-list' ? rule.peer.prefixListId : rule.peer.kind === 'group' ? rule.peer.groupId : '?';
        unknown ??= { result: 'unknown', holder: { id: group.id, kind: 'security-group' }, missing, why: unjudgedGroupReference(model, group, rule.peer) };
        continue;
      }
      if (peer === 'no') continue;
      if (uncovered === undefined || rule.ports === undefined || rule.protocol === ANY_PROTOCOL) return { result: 'allow', group, rule };
      uncovered = subtract(uncovered, rule.ports);
      if (uncovered.length === 0) return { result: 'allow', group, rule };
    }
  }
  return unknown ?? { result: 'deny' };
}

function ruleSummary(group: SecurityGroup, rule: SecurityGroupRule | undefined): Record<string, unknown> | null {
  if (rule === undefined) return null;
  return { groupId: group.id, ipPermission: rule.raw, description: rule.description ?? null };
}

/** Egress at the source ENI or ingress at the destination ENI. False when the walk stops here. */
export function checkSecurityGroups(t: LegTrace, eni: NetworkInterface, egress: boolean, packet: Packet): boolean {
  const direction = egress ? 'egress' : 'ingress';
  const groups = [...eni.securityGroupIds];
  if (groups.length === 0) {
    return t.pass({ id: eni.id, kind: 'eni', direction, detail: `${eni.id} has no security groups: nothing filters it.`, rule: { groups } }, 'allow');
  }
  const traffic: SgTraffic = { protocol: packet.protocol, peerIp: egress ? packet.dstIp : packet.srcIp, ports: packet.dstPorts, icmp: packet.icmp };
  const peerText = `${egress ? 'to' : 'from'} ${formatIp(traffic.peerIp)}`;
  const decision = evaluateSecurityGroups(t.model, eni, egress, traffic);
  if (decision.result === 'allow') {
    return t.pass({ id: decision.group.id, kind: 'security-group', direction, detail: `${decision.group.id} (${eni.id}) ${direction} rule allows ${describeTraffic(packet)} ${peerText}.`, rule: { groups, matched: ruleSummary(decision.group, decision.rule) } }, 'allow');
  }
  if (decision.result === 'unknown') {
    const error = unreadable(t.model, eni, 'SecurityGroups');
    if (error) t.notes.add(warn.unreadable('The security groups', error.account, error.region));
    else t.notes.add(warn.missingResource(decision.missing, decision.holder.id));
    const why = error ? `${decision.why}: ${describeError(error)}` : decision.why;
    return t.unknown({ id: decision.holder.id, kind: decision.holder.kind, direction, detail: `Cannot judge ${describeTraffic(packet)} ${peerText}: ${why}.`, rule: { groups, missing: decision.missing } }, 'UNKNOWN_RESOURCE');
  }
  const first = groups[0]!;
  const v4 = ipv4Traffic(traffic);
  const nearMisses = v4 ? securityGroupNearMisses(t.model, eni, egress, v4) : undefined;
  t.drop(
    { id: first, kind: 'security-group', direction, detail: `No ${direction} rule of ${groups.join(', ')} (${eni.id}) allows ${describeTraffic(packet)} ${peerText}.`, rule: { groups, matched: null } },
    'ENI_SG_RULES_MISMATCH',
    v4 ? securityGroupFix(t.model, t.fixContext, first, eni, egress, v4) : securityGroupFix6(t.model, first, eni, egress, { ...traffic, peerIp: traffic.peerIp as bigint }),
    'deny',
  );
  t.annotate({ nearMisses });
  return false;
}

/** Return traffic: security groups are stateful, the reply to an allowed request passes. */
export function passStatefully(t: LegTrace, eni: NetworkInterface, egress: boolean): true {
  const groups = [...eni.securityGroupIds];
  const id = groups[0] ?? eni.id;
  return t.pass({ id, kind: groups.length ? 'security-group' : 'eni', direction: egress ? 'egress' : 'ingress', detail: `Security groups of ${eni.id} are stateful: the reply to an allowed request passes.`, rule: { groups, stateful: true } }, 'allow');
}
