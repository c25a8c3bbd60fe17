// Routes that lead nowhere: VPC routes in state blackhole, routes whose target
// is gone or down (a deleted NAT gateway, a missing gateway), and transit
// gateway blackhole routes that some VPC still sends traffic into. The fix of
// a VPC route is the trace's (blackholeFix): the same gap, the same change.
import { cidrRange, INTERNET_HOST_IP, type Cidr } from '../../model/ipv4.js';
import type { NetworkModel, Route, RouteTable, Subnet } from '../../model/types.js';
import { blackholeFix } from '../fixes.js';
import { TCP, type Packet4 } from '../packet.js';
import type { Problem, ProblemSeverity } from '../problems-types.js';
import { busySubnets, componentOf, named } from './problem.js';

/** The subnets that use this table (explicitly, or as their VPC's main table). */
export function subnetsUsing(model: NetworkModel, table: RouteTable): Subnet[] {
  return (model.indexes.subnetsByVpc.get(table.vpcId) ?? []).filter((subnet) => subnet.routeTableId === table.id);
}

/** Why the route's target cannot carry traffic, or undefined when it can (or the snapshot cannot tell). */
function targetGone(model: NetworkModel, route: Route): string | undefined {
  const { kind, id } = route.target;
  switch (kind) {
    case 'nat-gateway': {
      const nat = model.natGateways.get(id);
      if (!nat) return `NAT gateway ${id} is not in the snapshot`;
      return ['deleted', 'deleting', 'failed'].includes(nat.state) ? `NAT gateway ${id} is ${nat.state}` : undefined;
    }
    case 'internet-gateway':
      return model.internetGateways.has(id) ? undefined : `internet gateway ${id} is not in the snapshot`;
    case 'peering': {
      const pcx = model.peeringConnections.get(id);
      if (!pcx) return `peering connection ${id} is not in the snapshot`;
      return ['deleted', 'rejected', 'failed', 'expired'].includes(pcx.status) ? `peering connection ${id} is ${pcx.status}` : undefined;
    }
    case 'transit-gateway':
      return model.transitGateways.has(id) ? undefined : `transit gateway ${id} is not in the snapshot`;
    case 'network-interface':
      return model.networkInterfaces.has(id) ? undefined : `network interface ${id} is not in the snapshot`;
    case 'instance':
      return model.instances.has(id) ? undefined : `instance ${id} is not in the snapshot`;
    default:
      return undefined;
  }
}

/** A representative packet the route carries: to the internet for a default route, else to the block's first host. */
function packetFor(subnet: Subnet | undefined, cidr: Cidr): Packet4 {
  const { first } = cidrRange(cidr);
  const dstIp = cidr.prefix === 0 ? INTERNET_HOST_IP : cidr.prefix < 31 ? first + 1 : first;
  const srcIp = subnet?.cidr ? cidrRange(subnet.cidr).first + 4 : 0;
  return { srcIp, dstIp, protocol: TCP, srcPorts: { from: 49152, to: 49152 }, dstPorts: { from: 443, to: 443 }, icmp: undefined };
}

function severityFor(model: NetworkModel, subnets: readonly Subnet[]): ProblemSeverity {
  if (subnets.length === 0) return 'low';
  return busySubnets(model, subnets.map((s) => s.id)) ? 'high' : 'medium';
}

export function routeProblems(model: NetworkModel): Problem[] {
  const problems: Problem[] = [];
  for (const table of model.routeTables.values()) {
    const vpc = model.vpcs.get(table.vpcId);
    const subnets = subnetsUsing(model, table);
    const component = componentOf(model, table.id, 'route-table');
    for (const route of table.routes) {
      if (route.target.kind === 'local') continue;
      const blackhole = route.state === 'blackhole';
      const gone = blackhole ? undefined : targetGone(model, route);
      if (!blackhole && gone === undefined) continue;
      const destination = route.destination.kind === 'cidr' ? route.destination.cidr.text : route.destination.prefixListId;
      const kind = blackhole ? 'blackhole-route' : 'missing-route-target';
      const users = subnets.length > 0 ? `It is the route table of ${subnets.map((s) => (s.name ? `${s.name} (${s.id})` : s.id)).join(', ')}: their traffic to ${destination} is dropped.` : 'No subnet uses the table, so nothing is dropped yet.';
      const why = blackhole ? `The route for ${destination} of ${named(component)} is a blackhole: its target ${route.target.id} no longer exists or is down.` : `The route for ${destination} of ${named(component)} points at ${route.target.id}, but ${gone}.`;
      const fix = vpc && route.destination.kind === 'cidr' ? blackholeFix(model, table, vpc, route, destination, packetFor(subnets[0], route.destination.cidr), subnets[0]?.availabilityZone ?? '') : null;
      problems.push({
        id: `${kind}:${table.id}:${destination}`,
        kind,
        severity: severityFor(model, subnets),
        component,
        title: blackhole ? `Blackhole route ${destination} -> ${route.target.id} in ${named(component)}` : `Route ${destination} -> ${route.target.id} in ${named(component)} leads to a missing target`,
        explanation: `${why} ${users}`,
        fix,
        related: [route.target.id, ...subnets.map((s) => s.id)],
      });
    }
  }
  return [...problems, ...tgwBlackholes(model)];
}

/** VPC route tables that send some of `cidr` into transit gateway `tgwId` from a VPC whose attachment uses `tgwTableId`. */
function sendersInto(model: NetworkModel, tgwId: string, tgwTableId: string, cidr: Cidr): RouteTable[] {
  const { first, last } = cidrRange(cidr);
  return [...model.routeTables.values()].filter((table) => {
    const attached = (model.indexes.tgwAttachmentsByVpc.get(table.vpcId) ?? []).some((a) => a.transitGatewayId === tgwId && a.associatedRouteTableId === tgwTableId);
    if (!attached) return false;
    return table.routes.some((route) => {
      if (route.state !== 'active' || route.target.kind !== 'transit-gateway' || route.target.id !== tgwId || route.destination.kind !== 'cidr') return false;
      const range = cidrRange(route.destination.cidr);
      return range.first <= last && first <= range.last;
    });
  });
}

function tgwBlackholes(model: NetworkModel): Problem[] {
  const problems: Problem[] = [];
  for (const table of model.transitGatewayRouteTables.values()) {
    const component = componentOf(model, table.id, 'tgw-route-table');
    for (const route of table.routes) {
      if (route.state !== 'blackhole' || route.destination.kind !== 'cidr') continue;
      const cidr = route.destination.cidr;
      const senders = sendersInto(model, table.transitGatewayId, table.id, cidr);
      const subnets = senders.flatMap((t) => subnetsUsing(model, t));
      const sent = senders.length > 0;
      problems.push({
        id: `tgw-blackhole-route:${table.id}:${cidr.text}`,
        kind: 'tgw-blackhole-route',
        severity: sent ? (busySubnets(model, subnets.map((s) => s.id)) ? 'high' : 'medium') : 'low',
        component,
        title: `Transit gateway blackhole route ${cidr.text} in ${named(component)}`,
        explanation: sent
          ? `${named(component)} drops everything for ${cidr.text} (a ${route.type} blackhole route), yet ${senders.map((t) => named(componentOf(model, t.id, 'route-table'))).join(', ')} still send${senders.length === 1 ? 's' : ''} ${cidr.text} to the transit gateway: that traffic is lost there. Point the route at a working attachment, or remove the VPC routes if the destination is gone.`
          : `${named(component)} drops everything for ${cidr.text} (a ${route.type} blackhole route). No VPC route sends that range to the transit gateway, so it may be a deliberate drop: check it is still wanted.`,
        fix: null,
        related: [...senders.map((t) => t.id), ...subnets.map((s) => s.id)],
      });
    }
  }
  return problems;
}

