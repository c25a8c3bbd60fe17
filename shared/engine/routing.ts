// Route tables: a subnet uses its explicitly associated table, else the VPC's
// main table (the importer resolves that into Subnet.routeTableId). Longest
// prefix over CIDR and prefix-list destinations; the local route covers every
// CIDR block of the VPC; a blackhole route drops. An IPv6 packet is matched
// only by the IPv6 routes (DestinationIpv6CidrBlock), the IPv6 entries of
// prefix-list routes and the VPC's IPv6 blocks (its local route).
import type { NetworkModel, Route, RouteDestination6, RouteTable, RouteTarget, Subnet, Vpc } from '../model/types.js';
import type { ComponentKind } from './analysis-types.js';
import { cidrContains } from '../model/ipv4.js';
import { cidr6Contains } from '../model/ipv6.js';
import type { Ip } from '../model/ip.js';
import type { LegTrace } from './trace.js';
import { describeError, unreadable } from './snapshot-gaps.js';
import { warn } from './warnings.js';

/** A route of either family (IPv6 routes have an IPv6 block as destination). */
export type AnyRoute = Route | Route<RouteDestination6>;

export type RouteLookup =
  | { readonly kind: 'match'; readonly route: Route; readonly destination: string }
  /** an IPv6 packet's match */
  | { readonly kind: 'match'; readonly route: Route<RouteDestination6>; readonly destination: string; readonly family: 'ipv6' }
  | { readonly kind: 'none' }
  /** a prefix list this table routes to is missing, and it might hold the best match */
  | { readonly kind: 'unknown'; readonly missing: string };

// On equal prefix length the local route wins, then CIDR routes, then prefix
// lists, then routes propagated from a virtual private gateway (VPC User
// Guide, "Route priority": a static route beats a propagated one).
const LOCAL_RANK = 2;
const CIDR_RANK = 1;
const LIST_RANK = 0;
const PROPAGATED_RANK = -1;

const PROPAGATED = 'EnableVgwRoutePropagation';
const propagatedByTable = new WeakMap<RouteTable, readonly Route[]>();

/**
 * The table's routes, with the static routes of the VPN connections of each
 * propagating VGW (`PropagatingVgws`) that the describe output does not list
 * already: AWS propagates them into the table.
 */
function routesOf(model: NetworkModel, table: RouteTable): readonly Route[] {
  if (!table.propagatingVgwIds || table.propagatingVgwIds.length === 0) return table.routes;
  const cached = propagatedByTable.get(table);
  if (cached) return cached;
  const listed = new Set(table.routes.flatMap((route) => (route.destination.kind === 'cidr' ? [route.destination.cidr.text] : [])));
  const extra: Route[] = [];
  for (const vgwId of table.propagatingVgwIds) {
    for (const connection of model.vpnConnections.values()) {
      if (connection.vpnGatewayId !== vgwId || connection.state === 'deleted') continue;
      for (const vpnRoute of connection.staticRoutes ?? []) {
        if (vpnRoute.state !== 'available' || listed.has(vpnRoute.cidr.text)) continue;
        listed.add(vpnRoute.cidr.text);
        const raw = { DestinationCidrBlock: vpnRoute.cidr.text, GatewayId: vgwId, State: 'active', Origin: PROPAGATED };
        extra.push({ destination: { kind: 'cidr', cidr: vpnRoute.cidr }, target: { kind: 'vpn-gateway', id: vgwId }, state: 'active', origin: PROPAGATED, raw });
      }
    }
  }
  const routes = extra.length === 0 ? table.routes : [...table.routes, ...extra];
  propagatedByTable.set(table, routes);
  return routes;
}

function implicitLocalRoute(vpc: Vpc, ip: number): { route: Route; prefix: number; text: string } | undefined {
  const cidr = vpc.cidrs.find((block) => cidrContains(block, ip));
  if (cidr === undefined) return undefined;
  return {
    route: { destination: { kind: 'cidr', cidr }, target: { kind: 'local', id: 'local' }, state: 'active', origin: 'CreateRouteTable', raw: { DestinationCidrBlock: cidr.text, GatewayId: 'local', State: 'active' } },
    prefix: cidr.prefix,
    text: cidr.text,
  };
}

export function lookupRoute(model: NetworkModel, table: RouteTable, vpc: Vpc, ip: Ip): RouteLookup {
  if (typeof ip === 'bigint') return lookupRoute6(model, table, vpc, ip);
  let best: { route: Route; prefix: number; rank: number; text: string } | undefined;
  let missingList: string | undefined;
  const consider = (route: Route, prefix: number, rank: number, text: string): void => {
    if (best === undefined || prefix > best.prefix || (prefix === best.prefix && rank > best.rank)) best = { route, prefix, rank, text };
  };
  for (const route of routesOf(model, table)) {
    const rank = route.target.kind === 'local' ? LOCAL_RANK : route.origin === PROPAGATED ? PROPAGATED_RANK : CIDR_RANK;
    if (route.destination.kind === 'cidr') {
      if (cidrContains(route.destination.cidr, ip)) consider(route, route.destination.cidr.prefix, rank, route.destination.cidr.text);
      continue;
    }
    const list = model.prefixLists.get(route.destination.prefixListId);
    if (list === undefined) {
      missingList ??= route.destination.prefixListId;
      continue;
    }
    for (const cidr of list.cidrs) if (cidrContains(cidr, ip)) consider(route, cidr.prefix, route.origin === PROPAGATED ? PROPAGATED_RANK : LIST_RANK, list.id);
  }
  // AWS always routes the VPC's own blocks locally, whether or not the dump lists the route.
  const local = implicitLocalRoute(vpc, ip);
  if (local && best?.route.target.kind !== 'local') consider(local.route, local.prefix, LOCAL_RANK, local.text);
  if (missingList !== undefined && best?.route.target.kind !== 'local') return { kind: 'unknown', missing: missingList };
  return best ? { kind: 'match', route: best.route, destination: best.text } : { kind: 'none' };
}

/** The same lookup for an IPv6 packet: kept apart so that the IPv4 one stays plain number arithmetic. */
function lookupRoute6(model: NetworkModel, table: RouteTable, vpc: Vpc, ip: bigint): RouteLookup {
  let best: { route: AnyRoute; prefix: number; rank: number; text: string } | undefined;
  let missingList: string | undefined;
  const consider = (route: AnyRoute, prefix: number, rank: number, text: string): void => {
    if (best === undefined || prefix > best.prefix || (prefix === best.prefix && rank > best.rank)) best = { route, prefix, rank, text };
  };
  for (const route of table.ipv6Routes) {
    if (route.destination.kind !== 'cidr' || !cidr6Contains(route.destination.cidr, ip)) continue;
    consider(route, route.destination.cidr.prefix, route.target.kind === 'local' ? LOCAL_RANK : CIDR_RANK, route.destination.cidr.text);
  }
  for (const route of table.routes) {
    if (route.destination.kind !== 'prefix-list') continue;
    const list = model.prefixLists.get(route.destination.prefixListId);
    if (list === undefined) {
      missingList ??= route.destination.prefixListId;
      continue;
    }
    for (const cidr of list.ipv6Cidrs) if (cidr6Contains(cidr, ip)) consider(route, cidr.prefix, LIST_RANK, list.id);
  }
  const block = vpc.ipv6Cidrs.find((cidr) => cidr6Contains(cidr, ip));
  if (block && best?.route.target.kind !== 'local') {
    const local: Route<RouteDestination6> = { destination: { kind: 'cidr', cidr: block }, target: { kind: 'local', id: 'local' }, state: 'active', origin: 'CreateRouteTable', raw: { DestinationIpv6CidrBlock: block.text, GatewayId: 'local', State: 'active' } };
    consider(local, block.prefix, LOCAL_RANK, block.text);
  }
  if (missingList !== undefined && best?.route.target.kind !== 'local') return { kind: 'unknown', missing: missingList };
  if (!best) return { kind: 'none' };
  const found: { route: AnyRoute; text: string } = best;
  return { kind: 'match', route: found.route as Route<RouteDestination6>, destination: found.text, family: 'ipv6' };
}

/** The subnet's route table, or a recorded `unknown` hop (false) when the snapshot lacks it. */
export function routeTableOf(t: LegTrace, subnet: Subnet): RouteTable | false {
  const id = subnet.routeTableId;
  const table = id === undefined ? undefined : t.model.routeTables.get(id);
  if (table) return table;
  const error = unreadable(t.model, subnet, 'RouteTables');
  if (error) t.notes.add(warn.unreadable('The route tables', error.account, error.region));
  else if (id !== undefined) t.notes.add(warn.missingResource(id, subnet.id));
  const why = error ? describeError(error) : id === undefined ? 'the snapshot holds neither an associated nor a main route table' : `route table ${id} is not in the snapshot`;
  return t.unknown({ id: subnet.id, kind: 'subnet', direction: 'transit', detail: `The route table of ${subnet.id} is unknown: ${why}.`, rule: { missing: id ?? 'route table' } }, 'UNKNOWN_RESOURCE');
}

export function describeRoute(destination: string, route: AnyRoute): string {
  return `${destination} -> ${route.target.id}`;
}

/** Is the route's target in the snapshot? (Targets the engine does not model are judged later, as unsupported.) */
export function targetPresent(model: NetworkModel, target: RouteTarget): boolean {
  const maps: Partial<Record<RouteTarget['kind'], ReadonlyMap<string, unknown>>> = {
    'internet-gateway': model.internetGateways,
    'egress-only-internet-gateway': model.egressOnlyInternetGateways,
    'nat-gateway': model.natGateways,
    peering: model.peeringConnections,
    'transit-gateway': model.transitGateways,
    'vpn-gateway': model.vpnGateways,
    'vpc-endpoint': model.vpcEndpoints,
    'network-interface': model.networkInterfaces,
    instance: model.instances,
  };
  const map = maps[target.kind];
  return map === undefined || map.has(target.id);
}

/** The component a target the engine does not model is reported as. */
export function unsupportedTarget(model: NetworkModel, target: RouteTarget): { id: string; kind: ComponentKind } | undefined {
  switch (target.kind) {
    case 'vpn-gateway':
      return { id: target.id, kind: 'vpn-gateway' };
    case 'vpc-endpoint':
      return { id: target.id, kind: 'vpc-endpoint' };
    case 'egress-only-internet-gateway':
      return { id: target.id, kind: 'egress-only-internet-gateway' };
    case 'network-interface':
      return { id: target.id, kind: 'eni' };
    case 'instance': {
      const eni = model.instances.get(target.id)?.primaryNetworkInterfaceId;
      return eni ? { id: eni, kind: 'eni' } : undefined;
    }
    default:
      return undefined;
  }
}
