// The sources `diagnose` tries the target from: the internet, the target's
// own VPC, each peered VPC, each VPC behind the same transit gateway. A VPC is
// represented by one running instance of it, preferably one whose own
// security groups let the flow out (so that the answer is about the target's
// side) and, in the target's VPC, one in another subnet (so that the ACLs are
// crossed). Each check runs the real trace, so diagnose and analyze agree.
import type { DiagnoseCheck } from './diagnose-types.js';
import type { NetworkInterface, NetworkModel, Vpc } from '../model/types.js';
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

function admits(model: NetworkModel, eni: NetworkInterface, egress: boolean, peerIp: number, service: Service): boolean {
  if (eni.securityGroupIds.length === 0) return true;
  const ports = { from: service.port, to: service.port };
  return evaluateSecurityGroups(model, eni, egress, { protocol: service.protocol, peerIp, ports, icmp: icmpOf(service.protocol, false) }).result === 'allow';
}

/** Does the sender's subnet route the target's address the way this kind of source should (locally, over the peering, into the transit gateway)? */
function routesToward(model: NetworkModel, eni: NetworkInterface, group: SourceGroup, target: NetworkInterface): boolean {
  const subnet = model.subnets.get(eni.subnetId);
  const table = subnet?.routeTableId === undefined ? undefined : model.routeTables.get(subnet.routeTableId);
  if (!table || !group.vpc) return false;
  const lookup = lookupRoute(model, table, group.vpc, target.primaryPrivateIp!);
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
export function representative(model: NetworkModel, group: SourceGroup, target: NetworkInterface, service: Service): NetworkInterface | undefined {
  // routing is per subnet: judged once for all the subnet's instances
  const routed = new Map<string, boolean>();
  const score = (eni: NetworkInterface) => {
    if (!routed.has(eni.subnetId)) routed.set(eni.subnetId, routesToward(model, eni, group, target));
    return (routed.get(eni.subnetId) ? 8 : 0) + (admits(model, target, false, eni.primaryPrivateIp!, service) ? 4 : 0) + (admits(model, eni, true, target.primaryPrivateIp!, service) ? 2 : 0) + (eni.subnetId !== target.subnetId ? 1 : 0);
  };
  const BEST = 15;
  let best: { eni: NetworkInterface; score: number } | undefined;
  for (const eni of senders(model, group.vpc!.id)) {
    if (eni.id === target.id) continue;
    const value = score(eni);
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

/** One `sources` check: the real trace from the group's representative to the target. */
export function sourceCheck(model: NetworkModel, group: SourceGroup, from: string, target: NetworkInterface, service: Service): { check: DiagnoseCheck; warnings: string[] } {
  const protocol = protocolLabel(service.protocol);
  const result = analyzeFlow(model, { from, to: target.id, protocol, port: service.port });
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
    flow: { from, to: target.id, protocol, port: service.port, verdict: result.verdict, blocked },
  };
  return { check, warnings: result.warnings };
}
