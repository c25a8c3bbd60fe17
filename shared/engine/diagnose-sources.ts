// The sources `diagnose` tries the target from: the internet, the target's
// own VPC, each peered VPC, each VPC behind the same transit gateway. A VPC is
// represented by one running instance of it, preferably one whose own
// security groups let the flow out (so that the answer is about the target's
// side) and, in the target's VPC, one in another subnet (so that the ACLs are
// crossed). Each check runs the real trace, so diagnose and analyze agree.
// On IPv6 a VPC's representative must hold an IPv6 address, and the trace
// runs over IPv6 (the internet is 2001:db8::1).
import type { DiagnoseCheck } from './diagnose-types.js';
import type { NetworkInterface, NetworkModel, Vpc } from '../model/types.js';
import { formatIp, type Family, type Ip } from '../model/ip.js';
import { analyzeFlow } from './analyze.js';
import { icmpOf } from './acl-port-sets.js';
import { protocolLabel } from './packet.js';
import { lookupRoute } from './routing.js';
import { evaluateSecurityGroups } from './security-groups.js';

export interface Service {
  readonly protocol: number;
  readonly port: number;
}

export type SourceKind = 'internet' | 'same-vpc' | 'peered-vpc' | 'transit-gateway';

export interface SourceGroup {
  readonly kind: SourceKind;
  /** undefined for the internet */
  readonly vpc: Vpc | undefined;
  /** the peering or transit gateway the source is behind */
  readonly via: string | undefined;
}

const SENDING_TYPES = new Set(['interface']);

const sendersByModel = new WeakMap<NetworkModel, Map<string, NetworkInterface[]>>();

/** Running instances' in-use ENIs of a VPC: the machines that can start a connection (the model never changes: kept per model). */
function senders(model: NetworkModel, vpcId: string): NetworkInterface[] {
  let byVpc = sendersByModel.get(model);
  if (!byVpc) sendersByModel.set(model, (byVpc = new Map()));
  const known = byVpc.get(vpcId);
  if (known) return known;
  const enis: NetworkInterface[] = [];
  for (const subnet of model.indexes.subnetsByVpc.get(vpcId) ?? []) {
    for (const eni of model.indexes.enisBySubnet.get(subnet.id) ?? []) {
      // diagnose tries IPv4 sources: an IPv6-only ENI is none
      if (eni.status !== 'in-use' || eni.primaryPrivateIp === undefined || !SENDING_TYPES.has(eni.interfaceType) || model.indexes.ownerOfNetworkInterface.has(eni.id)) continue;
      const instance = eni.instanceId === undefined ? undefined : model.instances.get(eni.instanceId);
      if (instance && instance.state !== 'running') continue;
      enis.push(eni);
    }
  }
  enis.sort((a, b) => (a.id < b.id ? -1 : 1));
  byVpc.set(vpcId, enis);
  return enis;
}

/** The ENI's address of the family: its primary private IPv4, or its first IPv6 address (undefined when it has none). */
export function addressOf(eni: NetworkInterface, family: Family): Ip | undefined {
  return family === 'ipv6' ? eni.ipv6Addresses[0] : eni.primaryPrivateIp;
}

function admits(model: NetworkModel, eni: NetworkInterface, egress: boolean, peerIp: Ip, service: Service): boolean {
  if (eni.securityGroupIds.length === 0) return true;
  const ports = { from: service.port, to: service.port };
  return evaluateSecurityGroups(model, eni, egress, { protocol: service.protocol, peerIp, ports, icmp: icmpOf(service.protocol, false) }).result === 'allow';
}

/** Does the sender's subnet route the target's address the way this kind of source should (locally, over the peering, into the transit gateway)? */
function routesToward(model: NetworkModel, eni: NetworkInterface, group: SourceGroup, targetIp: Ip): boolean {
  const subnet = model.subnets.get(eni.subnetId);
  const table = subnet?.routeTableId === undefined ? undefined : model.routeTables.get(subnet.routeTableId);
  if (!table || !group.vpc) return false;
  const lookup = lookupRoute(model, table, group.vpc, targetIp);
  if (lookup.kind !== 'match') return false;
  const wanted = group.kind === 'same-vpc' ? 'local' : group.kind === 'peered-vpc' ? 'peering' : 'transit-gateway';
  return lookup.route.target.kind === wanted && (group.via === undefined || lookup.route.target.id === group.via);
}

/**
 * The representative of a VPC for one service, or undefined when the VPC has
 * no running instance: preferably a client the target is meant to serve (its
 * subnet routes toward the target, the target's groups admit it, its own
 * groups let the flow out), in another subnet than the target's.
 */
export function representative(model: NetworkModel, group: SourceGroup, target: NetworkInterface, targetIp: Ip, service: Service): NetworkInterface | undefined {
  const family: Family = typeof targetIp === 'number' ? 'ipv4' : 'ipv6';
  // routing is per subnet: judged once for all the subnet's instances
  const routed = new Map<string, boolean>();
  const score = (eni: NetworkInterface, ip: Ip) => {
    if (!routed.has(eni.subnetId)) routed.set(eni.subnetId, routesToward(model, eni, group, targetIp));
    return (routed.get(eni.subnetId) ? 8 : 0) + (admits(model, target, false, ip, service) ? 4 : 0) + (admits(model, eni, true, targetIp, service) ? 2 : 0) + (eni.subnetId !== target.subnetId ? 1 : 0);
  };
  const BEST = 15;
  let best: { eni: NetworkInterface; score: number } | undefined;
  for (const eni of senders(model, group.vpc!.id)) {
    const ip = addressOf(eni, family);
    if (eni.id === target.id || ip === undefined) continue;
    const value = score(eni, ip);
    if (best === undefined || value > best.score) best = { eni, score: value };
    if (value === BEST) break;
  }
  return best?.eni;
}

export function sourceGroups(model: NetworkModel, vpc: Vpc): SourceGroup[] {
  const groups: SourceGroup[] = [{ kind: 'internet', vpc: undefined, via: undefined }, { kind: 'same-vpc', vpc, via: undefined }];
  for (const pcx of model.indexes.peeringsByVpc.get(vpc.id) ?? []) {
    const other = pcx.requester.vpcId === vpc.id ? pcx.accepter.vpcId : pcx.requester.vpcId;
    const peer = model.vpcs.get(other);
    if (peer && other !== vpc.id) groups.push({ kind: 'peered-vpc', vpc: peer, via: pcx.id });
  }
  const gateways = new Set((model.indexes.tgwAttachmentsByVpc.get(vpc.id) ?? []).map((a) => a.transitGatewayId));
  for (const attachment of model.transitGatewayAttachments.values()) {
    if (!gateways.has(attachment.transitGatewayId) || attachment.resourceType !== 'vpc' || attachment.resourceId === vpc.id) continue;
    const other = model.vpcs.get(attachment.resourceId);
    if (other && !groups.some((g) => g.kind === 'transit-gateway' && g.vpc?.id === other.id)) groups.push({ kind: 'transit-gateway', vpc: other, via: attachment.transitGatewayId });
  }
  return groups;
}

function describeGroup(group: SourceGroup): string {
  switch (group.kind) {
    case 'internet':
      return 'the internet';
    case 'same-vpc':
      return `its own VPC ${group.vpc!.id}`;
    case 'peered-vpc':
      return `the peered VPC ${group.vpc!.id} (${group.via})`;
    case 'transit-gateway':
      return `${group.vpc!.id} behind ${group.via}`;
  }
}

/** One `sources` check: the real trace from the group's representative to the target (at its address of the family). */
export function sourceCheck(model: NetworkModel, group: SourceGroup, from: string, target: NetworkInterface, targetIp: Ip, service: Service): { check: DiagnoseCheck; warnings: string[] } {
  const protocol = protocolLabel(service.protocol);
  // IPv4 names the target by its id, as before; IPv6 by the address diagnosed (an ENI may hold several)
  const ipv6 = typeof targetIp === 'bigint';
  const result = analyzeFlow(model, { from, to: ipv6 ? formatIp(targetIp) : target.id, protocol, port: service.port, ...(ipv6 ? { family: 'ipv6' } : {}) });
  const where = describeGroup(group);
  const via = from === 'internet' ? '' : ` (represented by ${from})`;
  const blocked = result.blocked;
  const verdictText = result.verdict === 'reachable' ? 'reaches it' : result.verdict === 'unknown' ? 'cannot be judged' : 'does not reach it';
  const check: DiagnoseCheck = {
    layer: 'sources',
    id: `from-${group.kind}${group.vpc && group.kind !== 'same-vpc' ? `:${group.vpc.id}` : ''}:${protocol}/${service.port}`,
    title: `${protocol} ${service.port} from ${where}`,
    status: result.verdict === 'reachable' ? 'pass' : result.verdict === 'unknown' ? 'unknown' : 'fail',
    component: blocked ? { id: blocked.id, kind: blocked.kind } : null,
    detail: blocked ? `${where}${via} ${verdictText}: ${blocked.code} at ${blocked.kind} ${blocked.id} on the ${blocked.direction} leg. ${blocked.detail}` : `${where}${via} ${verdictText}, and the reply gets back.`,
    fix: blocked?.fix ?? null,
    flow: { from, to: target.id, protocol, port: service.port, verdict: result.verdict, blocked, ...(ipv6 ? { family: 'ipv6' as const } : {}) },
  };
  return { check, warnings: result.warnings };
}
