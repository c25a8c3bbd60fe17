// The VPC router delivering to an address of the VPC: the destination
// subnet's inbound ACL (when the packet comes from another subnet or from
// outside), then the ENI holding the address: the destination's security
// groups, a NAT gateway, or a component the engine does not model.
import type { NetworkInterface, Subnet } from '../model/types.js';
import { formatIp, type Ip } from '../model/ip.js';
import { enisHolding, subnetCovers } from './addresses.js';
import type { LegTrace, Position } from './trace.js';
import { checkSubnetAcl } from './network-acls.js';
import { checkSecurityGroups, passStatefully } from './security-groups.js';
import { natGatewayReceives } from './nat-gateway.js';
import { receiveAtLoadBalancer } from './load-balancer.js';
import { describeError, unreadable } from './snapshot-gaps.js';
import { warn } from './warnings.js';
import { accountMissing, notCollected } from './missing-accounts.js';

type Arrival = Extract<Position, { at: 'arrive' }>;

const LOAD_BALANCER_INTERFACES = new Set(['network_load_balancer', 'gateway_load_balancer', 'gateway_load_balancer_endpoint']);

function loadBalancerOf(t: LegTrace, eni: NetworkInterface): string | undefined {
  const owner = t.model.indexes.ownerOfNetworkInterface.get(eni.id);
  if (owner !== undefined && t.model.loadBalancers.has(owner)) return owner;
  if (LOAD_BALANCER_INTERFACES.has(eni.interfaceType) || eni.description?.startsWith('ELB ')) return owner ?? eni.id;
  return undefined;
}

export function arriveAtAddress(t: LegTrace, arrival: Arrival): Position | undefined {
  const { vpc, packet } = arrival;
  const eni = enisHolding(t.model, packet.dstIp).find((candidate) => candidate.vpcId === vpc.id);
  if (!eni) return noHolder(t, arrival);
  const subnet = t.model.subnets.get(eni.subnetId);
  if (!subnet) {
    t.notes.add(warn.missingResource(eni.subnetId, eni.id));
    t.unknown({ id: eni.id, kind: 'eni', direction: 'ingress', detail: `${eni.id} is in ${eni.subnetId}, which is not in the snapshot.` }, 'UNKNOWN_RESOURCE');
    return undefined;
  }
  if (arrival.fromSubnetId !== subnet.id && !checkSubnetAcl(t, subnet, true, packet)) return undefined;
  const owner = t.model.indexes.ownerOfNetworkInterface.get(eni.id);
  const nat = owner === undefined ? undefined : t.model.natGateways.get(owner);
  if (nat) return natGatewayReceives(t, nat, packet);
  const loadBalancer = loadBalancerOf(t, eni);
  // A node's own traffic (a health check's reply) is delivered to it like any ENI's.
  const toThisNode = t.target.kind === 'eni' && t.target.eni.id === eni.id;
  if (loadBalancer && !toThisNode && t.model.loadBalancers.has(loadBalancer)) return receiveAtLoadBalancer(t, eni, packet, loadBalancer);
  if (loadBalancer && toThisNode && t.model.loadBalancers.has(loadBalancer)) {
    passStatefully(t, eni, false);
    t.deliver({ id: eni.id, kind: 'eni', direction: 'ingress', detail: `${eni.id}, a node of ${loadBalancer}, receives it at ${formatIp(packet.dstIp)}.` }, packet);
    return undefined;
  }
  if (loadBalancer) {
    t.unknown({ id: loadBalancer, kind: 'load-balancer', direction: 'ingress', detail: `${formatIp(packet.dstIp)} belongs to load balancer ${loadBalancer}, which the engine does not model yet.` }, 'UNSUPPORTED_COMPONENT');
    return undefined;
  }
  const target = t.target;
  if (target.kind !== 'eni' || target.eni.id !== eni.id) {
    const expected = target.kind === 'eni' ? `${target.eni.id} in ${target.eni.vpcId}` : 'the destination';
    t.drop({ id: vpc.id, kind: 'vpc', direction: 'transit', detail: `${formatIp(packet.dstIp)} is local to ${vpc.id}, where ${eni.id} holds it, not ${expected}.` }, 'NO_ROUTE_TO_DESTINATION', null);
    return undefined;
  }
  if (t.leg === 'forward') {
    if (!checkSecurityGroups(t, eni, false, packet)) return undefined;
  } else {
    passStatefully(t, eni, false);
  }
  t.deliver({ id: eni.id, kind: 'eni', direction: 'ingress', detail: `${eni.id} receives it at ${formatIp(packet.dstIp)}.` }, packet);
  return undefined;
}

function coveringSubnet(t: LegTrace, vpcId: string, ip: Ip): Subnet | undefined {
  return (t.model.indexes.subnetsByVpc.get(vpcId) ?? []).find((subnet) => subnetCovers(subnet, ip));
}

/** An address of the VPC that no ENI holds: dropped in its subnet (after that subnet's inbound ACL), or by the VPC when no subnet covers it. */
function noHolder(t: LegTrace, arrival: Arrival): undefined {
  const { vpc, packet } = arrival;
  const dst = formatIp(packet.dstIp);
  const subnet = coveringSubnet(t, vpc.id, packet.dstIp);
  if (vpc.ownerId !== undefined && accountMissing(t.model, vpc.ownerId)) {
    // a VPC seen from a participant of one of its shared subnets: its owner's subnets and ENIs are not in the snapshot
    t.notes.add(warn.missingResource(`the subnets of ${vpc.id}`, vpc.id));
    t.unknown({ id: vpc.id, kind: 'vpc', direction: 'transit', detail: `Whether anything holds ${dst} is unknown: ${notCollected(t.model, `the rest of ${vpc.id}`, vpc.ownerId)}.` }, 'UNKNOWN_RESOURCE');
    return undefined;
  }
  if (!subnet) {
    t.drop({ id: vpc.id, kind: 'vpc', direction: 'transit', detail: `No subnet of ${vpc.id} covers ${dst}.` }, 'NO_ROUTE_TO_DESTINATION', null);
    return undefined;
  }
  if (arrival.fromSubnetId !== subnet.id && !checkSubnetAcl(t, subnet, true, packet)) return undefined;
  const error = unreadable(t.model, subnet, 'NetworkInterfaces');
  if (error) {
    t.unknown({ id: subnet.id, kind: 'subnet', direction: 'ingress', detail: `Whether an ENI holds ${dst} is unknown: ${describeError(error)}.` }, 'UNKNOWN_RESOURCE');
    return undefined;
  }
  t.drop({ id: subnet.id, kind: 'subnet', direction: 'ingress', detail: `No ENI in ${subnet.id} holds ${dst}.` }, 'NO_ROUTE_TO_DESTINATION', null);
  return undefined;
}
