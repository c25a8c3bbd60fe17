// The fix for a drop: the smallest change that lets this flow through at the
// component that dropped it, in words and as one AWS CLI command; null where
// no single change can. Commands are pasted into a shell, and the ids in them
// come from a snapshot someone else may have written: every value goes in
// through shellQuote, and no command holds a `<placeholder>` (a shell reads
// `<` as a redirection). What the user must fill in is a quoted shell
// variable whose unset value stops the command with a sentence.
import type { Fix } from './analysis-types.js';
import type { NetworkAcl, NetworkAclEntry, NetworkModel, PortRange, Route, RouteTable, Vpc } from '../model/types.js';
import { cidrContains, formatIpv4, isPrivateIpv4 } from '../model/ipv4.js';
import { ANY_PROTOCOL, EPHEMERAL_RANGE, formatPorts, hasPorts, ICMP, protocolLabel, type Packet } from './packet.js';
import type { LegName } from './trace.js';
import { commandLine, shellQuote } from '../model/shell.js';

export { shellQuote };

/** Command words joined by spaces, each value quoted; `raw` words (our own flags and fixed text) go in as they are. */
const commandOf = commandLine;
const raw = (text: string) => ({ raw: text });
const aws = (...verb: readonly string[]) => raw(['aws', ...verb].join(' '));

interface Traffic {
  readonly protocol: number;
  readonly peerIp: number;
  readonly ports: PortRange | undefined;
  readonly icmp: { readonly type: number; readonly code: number } | undefined;
}

function host(ip: number): string {
  return `${formatIpv4(ip)}/32`;
}

function trafficWords(protocol: number, ports: PortRange | undefined, icmp: Traffic['icmp']): string {
  if (protocol === ANY_PROTOCOL) return 'all traffic';
  if (hasPorts(protocol)) return `${protocolLabel(protocol)} ${formatPorts(ports)}`;
  if (protocol === ICMP && icmp) return `icmp type ${icmp.type} code ${icmp.code}`;
  return `protocol ${protocol}`;
}

function portText(ports: PortRange): string {
  return ports.from === ports.to ? String(ports.from) : `${ports.from}-${ports.to}`;
}

export function securityGroupFix(groupId: string, egress: boolean, traffic: Traffic): Fix {
  const verb = egress ? 'authorize-security-group-egress' : 'authorize-security-group-ingress';
  const peer = host(traffic.peerIp);
  const base = [aws('ec2', verb), raw('--group-id'), groupId] as const;
  let command: string;
  if (traffic.protocol === ICMP && traffic.icmp) {
    command = commandOf(...base, raw('--ip-permissions'), `IpProtocol=icmp,FromPort=${traffic.icmp.type},ToPort=${traffic.icmp.code},IpRanges=[{CidrIp=${peer}}]`);
  } else if (hasPorts(traffic.protocol) && traffic.ports) {
    command = commandOf(...base, raw('--protocol'), protocolLabel(traffic.protocol), raw('--port'), portText(traffic.ports), raw('--cidr'), peer);
  } else {
    command = commandOf(...base, raw('--protocol'), String(traffic.protocol), raw('--cidr'), peer);
  }
  const what = trafficWords(traffic.protocol, traffic.ports, traffic.icmp);
  return { text: `Add an ${egress ? 'outbound' : 'inbound'} rule to ${groupId} allowing ${what} ${egress ? 'to' : 'from'} ${peer}.`, command };
}

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

function aclProtocolArgs(protocol: number, ports: PortRange | undefined, icmp: Traffic['icmp']): string {
  if (hasPorts(protocol) && ports) return commandOf(raw('--protocol'), protocolLabel(protocol), raw('--port-range'), `From=${ports.from},To=${ports.to}`);
  if (protocol === ICMP && icmp) return commandOf(raw('--protocol icmp --icmp-type-code'), `Type=${icmp.type},Code=${icmp.code}`);
  return commandOf(raw('--protocol'), String(protocol));
}

export function aclFix(acl: NetworkAcl, egress: boolean, traffic: Traffic, decision: { entry: NetworkAclEntry | undefined; ruleNumber: number }, leg: LegName): Fix {
  // Replies go to a port the client (or a NAT gateway) picks: open the ephemeral range, not one port.
  const ports = leg === 'return' && hasPorts(traffic.protocol) ? EPHEMERAL_RANGE : traffic.ports;
  const entries = egress ? acl.outbound : acl.inbound;
  const way = egress ? '--egress' : '--ingress';
  const args = aclProtocolArgs(traffic.protocol, ports, traffic.icmp);
  const what = trafficWords(traffic.protocol, ports, traffic.icmp);
  const peer = host(traffic.peerIp);
  const direction = egress ? 'outbound' : 'inbound';
  // The `*` rule (32767) denies only what nothing else matched: any free number after the last entry will do.
  const deniedAt = decision.entry && decision.ruleNumber < 32767 ? decision.ruleNumber : undefined;
  const number = freeRuleNumber(entries, deniedAt);
  if (number !== undefined) {
    const before = deniedAt !== undefined ? ` (before the deny rule ${deniedAt})` : '';
    return {
      text: `Add ${direction} rule ${number} to ${acl.id} allowing ${what} ${egress ? 'to' : 'from'} ${peer}${before}.`,
      command: commandOf(aws('ec2', 'create-network-acl-entry'), raw('--network-acl-id'), acl.id, raw(way), raw('--rule-number'), String(number), raw(args), raw('--cidr-block'), peer, raw('--rule-action allow')),
    };
  }
  return {
    text: `No rule number is free before deny rule ${decision.ruleNumber} of ${acl.id}: change it to allow ${what} ${egress ? 'to' : 'from'} ${peer}.`,
    command: commandOf(aws('ec2', 'replace-network-acl-entry'), raw('--network-acl-id'), acl.id, raw(way), raw('--rule-number'), String(decision.ruleNumber), raw(args), raw('--cidr-block'), peer, raw('--rule-action allow')),
  };
}

/** A target that would carry this packet out of the VPC, guessed from what the VPC has. */
function plausibleTarget(model: NetworkModel, vpc: Vpc, packet: Packet): { arg: string; id: string; destination: string } | undefined {
  const dst = packet.dstIp;
  if (!isPrivateIpv4(dst)) {
    const publicSource = (model.indexes.enisByPrivateIp.get(packet.srcIp) ?? []).some((eni) => eni.vpcId === vpc.id && eni.privateAddresses.some((a) => a.ip === packet.srcIp && a.publicIp !== undefined));
    const igw = vpc.internetGatewayIds.find((id) => model.internetGateways.has(id));
    if (publicSource && igw) return { arg: '--gateway-id', id: igw, destination: '0.0.0.0/0' };
    const nat = [...model.natGateways.values()].find((n) => n.vpcId === vpc.id && n.state === 'available' && n.connectivityType !== 'private');
    if (nat) return { arg: '--nat-gateway-id', id: nat.id, destination: '0.0.0.0/0' };
    if (igw) return { arg: '--gateway-id', id: igw, destination: '0.0.0.0/0' };
    return undefined;
  }
  for (const pcx of model.indexes.peeringsByVpc.get(vpc.id) ?? []) {
    if (pcx.status !== 'active') continue;
    const other = pcx.requester.vpcId === vpc.id ? pcx.accepter : pcx.requester;
    const cidrs = model.vpcs.get(other.vpcId)?.cidrs ?? other.cidrs;
    const cidr = cidrs.find((block) => cidrContains(block, dst));
    if (cidr) return { arg: '--vpc-peering-connection-id', id: pcx.id, destination: cidr.text };
  }
  const attachment = (model.indexes.tgwAttachmentsByVpc.get(vpc.id) ?? []).find((a) => a.state === 'available');
  if (attachment) {
    const remote = [...model.vpcs.values()].find((other) => other.id !== vpc.id && other.cidrs.some((block) => cidrContains(block, dst)));
    const cidr = remote?.cidrs.find((block) => cidrContains(block, dst));
    return { arg: '--transit-gateway-id', id: attachment.transitGatewayId, destination: cidr?.text ?? host(dst) };
  }
  return undefined;
}

export function noRouteFix(model: NetworkModel, table: RouteTable, vpc: Vpc, packet: Packet): Fix | null {
  const target = plausibleTarget(model, vpc, packet);
  if (!target) return null;
  return {
    text: `Add a route for ${target.destination} to ${target.id} in ${table.id}.`,
    command: commandOf(aws('ec2', 'create-route'), raw('--route-table-id'), table.id, raw('--destination-cidr-block'), target.destination, raw(target.arg), target.id),
  };
}

/** The return route a reply lacks, where its table sends it into a gateway that translated nothing; never a translator. */
export function returnRouteFix(model: NetworkModel, table: RouteTable, vpc: Vpc, packet: Packet): Fix | null {
  return isPrivateIpv4(packet.dstIp) ? noRouteFix(model, table, vpc, packet) : null;
}

export function blackholeFix(model: NetworkModel, table: RouteTable, vpc: Vpc, route: Route, destination: string, packet: Packet): Fix | null {
  const target = plausibleTarget(model, vpc, packet);
  if (!target || route.destination.kind !== 'cidr') return null;
  return {
    text: `Route ${destination} of ${table.id} points at ${route.target.id}, which no longer exists or is down: point it at ${target.id}.`,
    command: commandOf(aws('ec2', 'replace-route'), raw('--route-table-id'), table.id, raw('--destination-cidr-block'), destination, raw(target.arg), target.id),
  };
}

export function returnViaGatewayFix(table: RouteTable, dstIp: number, igwId: string): Fix {
  return {
    text: `Replies must leave through ${igwId}, which translated the request: add a route for ${host(dstIp)} to ${igwId} in ${table.id}.`,
    command: commandOf(aws('ec2', 'create-route'), raw('--route-table-id'), table.id, raw('--destination-cidr-block'), host(dstIp), raw('--gateway-id'), igwId),
  };
}

/** The shell variable the user sets to the Elastic IP to associate; unset, the command stops with this sentence. */
export const ALLOCATION_ID_VARIABLE = 'ALLOC_ID';

export function publicIpFix(eniId: string): Fix {
  return {
    text: `Associate an Elastic IP address with ${eniId}: set ${ALLOCATION_ID_VARIABLE} to the allocation id (eipalloc-...) of a free one first.`,
    command: commandOf(
      aws('ec2', 'associate-address'),
      raw('--network-interface-id'),
      eniId,
      raw(`--allocation-id "\${${ALLOCATION_ID_VARIABLE}:?set ${ALLOCATION_ID_VARIABLE} to the allocation id of a free Elastic IP}"`),
    ),
  };
}

export function startInstanceFix(instanceId: string): Fix {
  return { text: `Start ${instanceId}.`, command: commandOf(aws('ec2', 'start-instances'), raw('--instance-ids'), instanceId) };
}

export function acceptPeeringFix(pcxId: string): Fix {
  return { text: `Accept the peering connection ${pcxId}.`, command: commandOf(aws('ec2', 'accept-vpc-peering-connection'), raw('--vpc-peering-connection-id'), pcxId) };
}

export function acceptAttachmentFix(attachmentId: string): Fix {
  return { text: `Accept the transit gateway attachment ${attachmentId}.`, command: commandOf(aws('ec2', 'accept-transit-gateway-vpc-attachment'), raw('--transit-gateway-attachment-id'), attachmentId) };
}

export function tgwAzFix(attachmentId: string, subnetId: string, az: string): Fix {
  return {
    text: `Add a subnet in ${az} (e.g. ${subnetId}) to the transit gateway attachment ${attachmentId}.`,
    command: commandOf(aws('ec2', 'modify-transit-gateway-vpc-attachment'), raw('--transit-gateway-attachment-id'), attachmentId, raw('--add-subnet-ids'), subnetId),
  };
}

export function tgwRouteFix(tableId: string, destination: string, attachmentId: string, replace: boolean): Fix {
  const verb = replace ? 'replace-transit-gateway-route' : 'create-transit-gateway-route';
  return {
    text: `${replace ? 'Point' : 'Add'} a route for ${destination} in ${tableId} ${replace ? 'at' : 'to'} ${attachmentId}.`,
    command: commandOf(aws('ec2', verb), raw('--transit-gateway-route-table-id'), tableId, raw('--destination-cidr-block'), destination, raw('--transit-gateway-attachment-id'), attachmentId),
  };
}
