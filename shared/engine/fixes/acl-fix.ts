// The network-ACL fix: an allow entry placed before the entry that denied
// (or after the last one, for the `*` rule), for the asked traffic, or for
// the ephemeral ports of the reply. An ACL entry is subnet-wide: for an
// internet peer the fix names every network interface it therefore opens.
import type { Edit } from '../../model/change-set.js';
import { isPrivateIpv4 } from '../../model/ipv4.js';
import { cidr6Contains, formatIpv6, INTERNET_HOST_IPV6 } from '../../model/ipv6.js';
import type { NetworkAcl, NetworkAclEntry, NetworkModel } from '../../model/types.js';
import type { Fix } from '../analysis-types.js';
import { EPHEMERAL_RANGE, hasPorts, ICMP, protocolLabel } from '../packet.js';
import type { FixContext, LegName } from '../trace.js';
import { fixOf } from './make-fix.js';
import { aclPeerCidr } from './peers.js';
import { admittedFromInternet } from './internet-exposure.js';
import { nameAndId, trafficWords, type FixTraffic } from './words.js';
import type { FixTraffic6 } from './security-group-fix.js';

/** A rule number for a new allow entry: just below the entry that denied, or after the last entry for the `*` rule. */
function freeRuleNumber(entries: readonly NetworkAclEntry[], deniedAt: number | undefined): number | undefined {
  const used = new Set(entries.map((entry) => entry.ruleNumber));
  if (deniedAt !== undefined) {
    for (let n = deniedAt - 1; n >= 1; n--) if (!used.has(n)) return n;
    return undefined;
  }
  const highest = Math.max(0, ...entries.filter((entry) => entry.ruleNumber < 32767).map((entry) => entry.ruleNumber));
  for (let n = Math.floor(highest / 10) * 10 + 10; n < 32767; n++) if (!used.has(n)) return n;
  for (let n = highest; n >= 1; n--) if (!used.has(n)) return n;
  return undefined;
}

export interface AclDecision {
  readonly entry: NetworkAclEntry | undefined;
  readonly ruleNumber: number;
}

export function aclFix(model: NetworkModel, context: FixContext, acl: NetworkAcl, egress: boolean, traffic: FixTraffic, decision: AclDecision, leg: LegName, asked: FixTraffic): Fix {
  // Replies go to a port the client (or a NAT gateway) picks: open the ephemeral range, not one port.
  const ports = leg === 'return' && hasPorts(traffic.protocol) ? EPHEMERAL_RANGE : traffic.ports;
  const entries = egress ? acl.outbound : acl.inbound;
  const peer = aclPeerCidr(model, context, traffic.peerIp, acl.vpcId);
  const what = trafficWords(traffic.protocol, ports, traffic.icmp);
  const direction = egress ? 'outbound' : 'inbound';
  // The `*` rule (32767) denies only what nothing else matched: any free number after the last entry will do.
  const deniedAt = decision.entry && decision.ruleNumber < 32767 ? decision.ruleNumber : undefined;
  const number = freeRuleNumber(entries, deniedAt);
  const protocol = hasPorts(traffic.protocol) ? protocolLabel(traffic.protocol) : traffic.protocol === ICMP ? 'icmp' : String(traffic.protocol);
  const entry = {
    NetworkAclId: acl.id,
    RuleNumber: number ?? decision.ruleNumber,
    Egress: egress,
    Protocol: protocol,
    RuleAction: 'allow' as const,
    CidrBlock: peer.cidr,
    ...(hasPorts(traffic.protocol) && ports ? { PortRange: { From: ports.from, To: ports.to } } : {}),
    ...(traffic.protocol === ICMP && traffic.icmp ? { IcmpTypeCode: { Type: traffic.icmp.type, Code: traffic.icmp.code } } : {}),
  };
  const aclWords = nameAndId(model, acl);
  let text: string;
  let edit: Edit;
  if (number !== undefined) {
    const before = deniedAt !== undefined ? ` (before the deny rule ${deniedAt})` : '';
    text = `Add ${direction} rule ${number} to ${aclWords} allowing ${what} ${egress ? 'to' : 'from'} ${peer.words}${before}.`;
    edit = { action: 'CreateNetworkAclEntry', ...entry };
  } else {
    text = `No rule number is free before deny rule ${decision.ruleNumber} of ${aclWords}: change it to allow ${what} ${egress ? 'to' : 'from'} ${peer.words}.`;
    edit = { action: 'ReplaceNetworkAclEntry', ...entry };
  }
  // An internet peer, the stand-in or an address given: the entry opens the asked traffic to it subnet-wide.
  if (traffic.peerIp === context.standInIp || !isPrivateIpv4(traffic.peerIp)) {
    // the subnets the ACL holds, with those that use it as their VPC's default without an association
    const subnets = [...new Set([...acl.subnetIds, ...[...model.subnets.values()].filter((s) => s.networkAclId === acl.id).map((s) => s.id)])];
    const opened = admittedFromInternet(model, subnets, asked, traffic.peerIp);
    if (opened.length > 0) text += ` The entry covers every subnet of the ACL: it lets ${trafficWords(asked.protocol, asked.ports, asked.icmp)} through for ${opened.map((eni) => nameAndId(model, eni)).join(', ')}, whose security groups already admit it from the internet.`;
  }
  return fixOf(model, text, [edit]);
}

/** The block an IPv6 ACL entry names: every IPv6 internet client (::/0) for the stand-in, the VPC block holding a VPC address, else the address itself. */
function aclPeerCidr6(model: NetworkModel, peerIp: bigint): { cidr: string; words: string } {
  if (peerIp === INTERNET_HOST_IPV6) return { cidr: '::/0', words: 'internet clients over IPv6 (::/0)' };
  for (const vpc of model.vpcs.values()) {
    const block = vpc.ipv6Cidrs.find((cidr) => cidr6Contains(cidr, peerIp));
    if (block) return { cidr: block.text, words: `${block.text} (${nameAndId(model, vpc)}, holding ${formatIpv6(peerIp)})` };
  }
  return { cidr: `${formatIpv6(peerIp)}/128`, words: `${formatIpv6(peerIp)}/128` };
}

/**
 * The network-ACL fix of an IPv6 drop: an allow entry with Ipv6CidrBlock, numbered in the ACL's one numbering
 * (its IPv4 and IPv6 entries share it), before the entry that denied or after the last one for the `*` rules
 * (32767, 32768); replies get the ephemeral range, as on IPv4.
 */
export function aclFix6(model: NetworkModel, acl: NetworkAcl, egress: boolean, traffic: FixTraffic6, decision: AclDecision | { readonly entry: NetworkAclEntry<unknown> | undefined; readonly ruleNumber: number }, leg: LegName): Fix {
  const ports = leg === 'return' && hasPorts(traffic.protocol) ? EPHEMERAL_RANGE : traffic.ports;
  const numbered: readonly NetworkAclEntry<unknown>[] = egress ? [...acl.outbound, ...acl.outboundIpv6] : [...acl.inbound, ...acl.inboundIpv6];
  const peer = aclPeerCidr6(model, traffic.peerIp);
  const what = trafficWords(traffic.protocol, ports, traffic.icmp);
  const direction = egress ? 'outbound' : 'inbound';
  const deniedAt = decision.entry && decision.ruleNumber < 32767 ? decision.ruleNumber : undefined;
  const number = freeRuleNumber(numbered as readonly NetworkAclEntry[], deniedAt);
  const protocol = hasPorts(traffic.protocol) ? protocolLabel(traffic.protocol) : String(traffic.protocol);
  const entry = {
    NetworkAclId: acl.id,
    RuleNumber: number ?? decision.ruleNumber,
    Egress: egress,
    Protocol: protocol,
    RuleAction: 'allow' as const,
    Ipv6CidrBlock: peer.cidr,
    ...(hasPorts(traffic.protocol) && ports ? { PortRange: { From: ports.from, To: ports.to } } : {}),
    ...(traffic.icmp ? { IcmpTypeCode: { Type: traffic.icmp.type, Code: traffic.icmp.code } } : {}),
  };
  const aclWords = nameAndId(model, acl);
  if (number !== undefined) {
    const before = deniedAt !== undefined ? ` (before the deny rule ${deniedAt})` : '';
    return fixOf(model, `Add ${direction} IPv6 rule ${number} to ${aclWords} allowing ${what} ${egress ? 'to' : 'from'} ${peer.words}${before}.`, [{ action: 'CreateNetworkAclEntry', ...entry }]);
  }
  return fixOf(model, `No rule number is free before deny rule ${decision.ruleNumber} of ${aclWords}: change it to allow ${what} ${egress ? 'to' : 'from'} ${peer.words}.`, [{ action: 'ReplaceNetworkAclEntry', ...entry }]);
}
