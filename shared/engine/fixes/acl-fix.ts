// The network-ACL fix: an allow entry placed before the entry that denied
// (or after the last one, for the `*` rule), for the asked traffic, or for
// the ephemeral ports of the reply. An ACL entry is subnet-wide: for an
// internet peer the fix names every network interface it therefore opens.
import type { Edit } from '../../model/change-set.js';
import { isPrivateIpv4 } from '../../model/ipv4.js';
import { cidr6Contains, formatIpv6, INTERNET_HOST_IPV6 } from '../../model/ipv6.js';
import type { IcmpTypeCode, NetworkAcl, NetworkAclEntry, NetworkModel, PortRange } from '../../model/types.js';
import type { Fix } from '../analysis-types.js';
import { EPHEMERAL_RANGE, hasPorts, ICMP, protocolLabel } from '../packet.js';
import type { FixContext, LegName } from '../trace.js';
import { fixOf } from './make-fix.js';
import { aclPeerCidr } from './peers.js';
import { admittedFromInternet } from './internet-exposure.js';
import { nameAndId, trafficWords, type FixTraffic } from './words.js';
import type { FixTraffic6 } from './security-group-fix.js';

/** A rule number for a new allow entry: just below the entry that denied, or after the last entry for the `*` rule. */
function freeRuleNumber(entries: readonly { readonly ruleNumber: number }[], deniedAt: number | undefined): number | undefined {
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

/** What one allow entry names, in either family. */
interface AllowEntry {
  /** the describe member naming the peer's block: CidrBlock (IPv4) or Ipv6CidrBlock */
  readonly block: { readonly CidrBlock: string } | { readonly Ipv6CidrBlock: string };
  readonly peerWords: string;
  readonly protocol: string;
  /** undefined for a protocol without ports */
  readonly ports: PortRange | undefined;
  /** only for ICMP and ICMPv6 */
  readonly icmp: IcmpTypeCode | undefined;
  /** the traffic in words */
  readonly what: string;
  /** '' or ' IPv6', in "Add inbound IPv6 rule 90" */
  readonly family: string;
}

/**
 * The allow entry and its words: a free number before the entry that denied (or after the last one, for the
 * `*` rules 32767 and 32768), else the denying entry replaced. IPv4 and IPv6 entries share one numbering, so
 * the free number is looked for among both.
 */
function allowEntryEdit(model: NetworkModel, acl: NetworkAcl, egress: boolean, decision: { readonly entry: unknown; readonly ruleNumber: number }, allow: AllowEntry): { text: string; edit: Edit } {
  const numbered = egress ? [...acl.outbound, ...acl.outboundIpv6] : [...acl.inbound, ...acl.inboundIpv6];
  // The `*` rule denies only what nothing else matched: any free number after the last entry will do.
  const deniedAt = decision.entry && decision.ruleNumber < 32767 ? decision.ruleNumber : undefined;
  const number = freeRuleNumber(numbered, deniedAt);
  const entry = {
    NetworkAclId: acl.id,
    RuleNumber: number ?? decision.ruleNumber,
    Egress: egress,
    Protocol: allow.protocol,
    RuleAction: 'allow' as const,
    ...allow.block,
    ...(allow.ports ? { PortRange: { From: allow.ports.from, To: allow.ports.to } } : {}),
    ...(allow.icmp ? { IcmpTypeCode: { Type: allow.icmp.type, Code: allow.icmp.code } } : {}),
  };
  const aclWords = nameAndId(model, acl);
  const direction = egress ? 'outbound' : 'inbound';
  const toOrFrom = egress ? 'to' : 'from';
  if (number !== undefined) {
    const before = deniedAt !== undefined ? ` (before the deny rule ${deniedAt})` : '';
    return { text: `Add ${direction}${allow.family} rule ${number} to ${aclWords} allowing ${allow.what} ${toOrFrom} ${allow.peerWords}${before}.`, edit: { action: 'CreateNetworkAclEntry', ...entry } };
  }
  return { text: `No rule number is free before deny rule ${decision.ruleNumber} of ${aclWords}: change it to allow ${allow.what} ${toOrFrom} ${allow.peerWords}.`, edit: { action: 'ReplaceNetworkAclEntry', ...entry } };
}

export function aclFix(model: NetworkModel, context: FixContext, acl: NetworkAcl, egress: boolean, traffic: FixTraffic, decision: AclDecision, leg: LegName, asked: FixTraffic): Fix {
  // Replies go to a port the client (or a NAT gateway) picks: open the ephemeral range, not one port.
  const ports = leg === 'return' && hasPorts(traffic.protocol) ? EPHEMERAL_RANGE : traffic.ports;
  const peer = aclPeerCidr(model, context, traffic.peerIp, acl.vpcId);
  const protocol = hasPorts(traffic.protocol) ? protocolLabel(traffic.protocol) : traffic.protocol === ICMP ? 'icmp' : String(traffic.protocol);
  const allowed = allowEntryEdit(model, acl, egress, decision, {
    block: { CidrBlock: peer.cidr },
    peerWords: peer.words,
    protocol,
    ports: hasPorts(traffic.protocol) ? ports : undefined,
    icmp: traffic.protocol === ICMP ? traffic.icmp : undefined,
    what: trafficWords(traffic.protocol, ports, traffic.icmp),
    family: '',
  });
  let text = allowed.text;
  // An internet peer, the stand-in or an address given: the entry opens the asked traffic to it subnet-wide.
  if (traffic.peerIp === context.standInIp || !isPrivateIpv4(traffic.peerIp)) {
    // the subnets the ACL holds, with those that use it as their VPC's default without an association
    const subnets = [...new Set([...acl.subnetIds, ...[...model.subnets.values()].filter((s) => s.networkAclId === acl.id).map((s) => s.id)])];
    const opened = admittedFromInternet(model, subnets, asked, traffic.peerIp);
    if (opened.length > 0) text += ` The entry covers every subnet of the ACL: it lets ${trafficWords(asked.protocol, asked.ports, asked.icmp)} through for ${opened.map((eni) => nameAndId(model, eni)).join(', ')}, whose security groups already admit it from the internet.`;
  }
  return fixOf(model, text, [allowed.edit]);
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
  const peer = aclPeerCidr6(model, traffic.peerIp);
  const { text, edit } = allowEntryEdit(model, acl, egress, decision, {
    block: { Ipv6CidrBlock: peer.cidr },
    peerWords: peer.words,
    protocol: hasPorts(traffic.protocol) ? protocolLabel(traffic.protocol) : String(traffic.protocol),
    ports: hasPorts(traffic.protocol) ? ports : undefined,
    icmp: traffic.icmp,
    what: trafficWords(traffic.protocol, ports, traffic.icmp),
    family: ' IPv6',
  });
  return fixOf(model, text, [edit]);
}
