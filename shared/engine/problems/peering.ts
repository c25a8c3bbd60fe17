// Peering routes on one side only: one VPC routes into an active peering and
// the other VPC routes nothing back into it, so every connection across it
// dies on the reply (or never starts the other way). The fix is the trace's
// missing-route fix (noRouteFix), once per table on the silent side that the
// routed traffic lands in.
import { cidrRange, parseCidr } from '../../model/ipv4.js';
import type { Edit } from '../../model/change-set.js';
import type { NetworkModel, RouteTable, Subnet, VpcPeeringConnection } from '../../model/types.js';
import { fixOf, noRouteFix } from '../fixes.js';
import { TCP } from '../packet.js';
import type { Problem } from '../problems-types.js';
import { busySubnets, componentOf, named } from './problem.js';
import { subnetsUsing } from './routes.js';

function routesInto(model: NetworkModel, vpcId: string, pcxId: string): { table: RouteTable; destinations: string[] }[] {
  return [...model.routeTables.values()]
    .filter((table) => table.vpcId === vpcId)
    .map((table) => ({ table, destinations: table.routes.filter((r) => r.target.kind === 'peering' && r.target.id === pcxId && r.state === 'active').map((r) => (r.destination.kind === 'cidr' ? r.destination.cidr.text : r.destination.prefixListId)) }))
    .filter((entry) => entry.destinations.length > 0);
}

/** Does the subnet lie (partly) in the destination? A prefix-list destination is taken to cover it. */
function overlaps(subnet: Subnet, destination: string): boolean {
  const cidr = parseCidr(destination);
  if (!cidr) return true;
  // an IPv6-only subnet holds no IPv4 address the route could carry
  if (subnet.cidr === undefined) return false;
  const a = cidrRange(cidr);
  const b = cidrRange(subnet.cidr);
  return a.first <= b.last && b.first <= a.last;
}

function oneSided(model: NetworkModel, pcx: VpcPeeringConnection, fromVpc: string, toVpc: string): Problem | undefined {
  const there = routesInto(model, fromVpc, pcx.id);
  if (there.length === 0 || routesInto(model, toVpc, pcx.id).length > 0) return undefined;
  const from = model.vpcs.get(fromVpc);
  const to = model.vpcs.get(toVpc);
  if (!from || !to) return undefined;
  // the silent side's tables that the routed traffic lands in
  const destinations = [...new Set(there.flatMap((e) => e.destinations))];
  const landing = (model.indexes.subnetsByVpc.get(toVpc) ?? []).filter((subnet) => destinations.some((d) => overlaps(subnet, d)));
  const tables = [...new Map(landing.flatMap((s) => (s.routeTableId ? [[s.routeTableId, model.routeTables.get(s.routeTableId)] as const] : [])).filter(([, t]) => t !== undefined) as [string, RouteTable][]).values()].sort((a, b) => a.id.localeCompare(b.id));
  const sender = there.flatMap((e) => subnetsUsing(model, e.table)).find((subnet) => subnet.cidr !== undefined);
  const edits: Edit[] = [];
  if (sender) {
    const probe = { srcIp: cidrRange(landing[0]?.cidr ?? to.cidrs[0]!).first + 4, dstIp: cidrRange(sender.cidr!).first + 4, protocol: TCP, srcPorts: { from: 49152, to: 49152 }, dstPorts: { from: 443, to: 443 }, icmp: undefined };
    for (const table of tables) {
      const zone = subnetsUsing(model, table)[0]?.availabilityZone ?? '';
      edits.push(...(noRouteFix(model, table, to, probe, zone)?.changes?.changes ?? []));
    }
  }
  const component = componentOf(model, pcx.id, 'peering');
  const fromWords = named(componentOf(model, fromVpc, 'vpc'));
  const toWords = named(componentOf(model, toVpc, 'vpc'));
  const routers = there.map((e) => named(componentOf(model, e.table.id, 'route-table'))).join(', ');
  const fix = edits.length > 0 ? fixOf(model, `Add the return routes to ${pcx.id} in ${tables.map((t) => named(componentOf(model, t.id, 'route-table'))).join(', ')}.`, edits) : null;
  return {
    id: `one-sided-peering-route:${pcx.id}:${toVpc}`,
    kind: 'one-sided-peering-route',
    severity: busySubnets(model, landing.map((s) => s.id)) ? 'high' : 'medium',
    component,
    title: `Peering ${named(component)} is routed from ${fromWords} only`,
    explanation: `${routers} send ${destinations.join(', ')} into ${named(component)}, but no route table of ${toWords} routes anything back into it: every connection across the peering loses its reply, and ${toWords} cannot open one the other way.`,
    fix,
    related: [...there.map((e) => e.table.id), ...tables.map((t) => t.id)],
  };
}

export function peeringProblems(model: NetworkModel): Problem[] {
  const problems: Problem[] = [];
  for (const pcx of model.peeringConnections.values()) {
    if (pcx.status !== 'active') continue;
    const a = pcx.requester.vpcId;
    const b = pcx.accepter.vpcId;
    for (const [from, to] of [[a, b], [b, a]] as const) {
      const found = oneSided(model, pcx, from, to);
      if (found) problems.push(found);
    }
  }
  return problems;
}
