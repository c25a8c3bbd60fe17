// Gateway route tables: a route table associated with an internet gateway or
// a virtual private gateway (an edge association) routes the traffic that
// enters the VPC through that gateway, before the VPC router delivers it
// (VPC User Guide, "Gateway route tables",
// https://docs.aws.amazon.com/vpc/latest/userguide/gateway-route-tables.html).
// Its routes may keep the local target or send a subnet's (or the whole
// VPC's) traffic to a network interface or a Gateway Load Balancer endpoint:
// a middlebox appliance. The engine follows the packet to the appliance's
// interface (source/destination check, its subnet's ACL, its security groups)
// and stops there: what the appliance forwards, and where, is its own
// configuration, outside the snapshot, so the answer is `unknown`.
import type { NetworkInterface, NetworkModel, RouteTable, Vpc } from '../model/types.js';
import { formatIp } from '../model/ip.js';
import { eniHolds } from './addresses.js';
import type { Packet } from './packet.js';
import type { HopInput, LegTrace, Position } from './trace.js';
import { describeRoute, lookupRoute, targetPresent } from './routing.js';
import { checkSubnetAcl } from './network-acls.js';
import { checkSecurityGroups } from './security-groups.js';
import { warn } from './warnings.js';

const byModel = new WeakMap<NetworkModel, Map<string, RouteTable>>();

/** The route table associated with this gateway (an edge association), if any. */
export function gatewayRouteTable(model: NetworkModel, gatewayId: string): RouteTable | undefined {
  let index = byModel.get(model);
  if (!index) {
    index = new Map();
    for (const table of model.routeTables.values()) for (const id of table.gatewayIds ?? []) if (!index.has(id)) index.set(id, table);
    byModel.set(model, index);
  }
  return index.get(gatewayId);
}

/** Traffic entering `vpc` through `gatewayId`: through its gateway route table when it has one, then to the VPC router. */
export function enterVpc(t: LegTrace, gatewayId: string, vpc: Vpc, packet: Packet): Position | undefined {
  const arrive: Position = { at: 'arrive', vpc, fromSubnetId: undefined, packet };
  const table = gatewayRouteTable(t.model, gatewayId);
  if (!table || table.vpcId !== vpc.id) return arrive;
  const dst = formatIp(packet.dstIp);
  const hop = (detail: string, rule?: Record<string, unknown>): HopInput => ({ id: table.id, kind: 'route-table', direction: 'transit', detail, rule });
  const lookup = lookupRoute(t.model, table, vpc, packet.dstIp);
  if (lookup.kind === 'unknown') {
    t.notes.add(warn.missingResource(lookup.missing, table.id));
    t.unknown(hop(`${table.id}, the gateway route table of ${gatewayId}, routes to prefix list ${lookup.missing}, which is not in the snapshot.`, { route: null, missing: lookup.missing }), 'UNKNOWN_RESOURCE');
    return undefined;
  }
  if (lookup.kind === 'none') {
    t.drop(hop(`No route of ${table.id}, the gateway route table of ${gatewayId}, matches ${dst}.`, { route: null }), 'NO_ROUTE_TO_DESTINATION', null);
    return undefined;
  }
  const { route, destination } = lookup;
  const rule = { route: route.raw, gateway: gatewayId };
  if (route.state === 'blackhole') {
    t.drop(hop(`Route ${describeRoute(destination, route)} of ${table.id}, the gateway route table of ${gatewayId}, is a blackhole.`, rule), 'BAD_STATE_ROUTE', null);
    return undefined;
  }
  if (route.target.kind === 'local') {
    t.pass(hop(`${table.id}, the gateway route table of ${gatewayId}: ${describeRoute(destination, route)}.`, rule), 'forward');
    return arrive;
  }
  if (!targetPresent(t.model, route.target)) {
    t.notes.add(warn.missingResource(route.target.id, table.id));
    t.unknown(hop(`Route ${describeRoute(destination, route)} of ${table.id} points at ${route.target.id}, which is not in the snapshot.`, { ...rule, missing: route.target.id }), 'UNKNOWN_RESOURCE');
    return undefined;
  }
  t.pass(hop(`${table.id}, the gateway route table of ${gatewayId}, sends traffic entering the VPC to ${route.target.id}: ${describeRoute(destination, route)}.`, rule), 'forward');
  const appliance = applianceInterface(t.model, route.target);
  if (appliance) return toAppliance(t, appliance, packet);
  const kind = route.target.kind === 'vpc-endpoint' ? ('vpc-endpoint' as const) : ('route-table' as const);
  const what = route.target.kind === 'vpc-endpoint' ? `${route.target.id}, a Gateway Load Balancer endpoint: the appliances behind it are not modelled` : `${route.target.id} (${route.target.kind}), which the engine does not model as an ingress target`;
  t.unknown({ id: kind === 'vpc-endpoint' ? route.target.id : table.id, kind, direction: 'transit', detail: `Traffic to ${dst} entering through ${gatewayId} goes to ${what}.` }, 'UNSUPPORTED_COMPONENT');
  return undefined;
}

function applianceInterface(model: NetworkModel, target: RouteTable['routes'][number]['target']): NetworkInterface | undefined {
  if (target.kind === 'network-interface') return model.networkInterfaces.get(target.id);
  if (target.kind !== 'instance') return undefined;
  const eni = model.instances.get(target.id)?.primaryNetworkInterfaceId;
  return eni === undefined ? undefined : model.networkInterfaces.get(eni);
}

/** The appliance hop: what AWS checks on the way into the appliance, then `unknown` for what the appliance does. */
function toAppliance(t: LegTrace, eni: NetworkInterface, packet: Packet): undefined {
  const dst = formatIp(packet.dstIp);
  const holds = eniHolds(eni, packet.dstIp);
  if (eni.sourceDestCheck && !holds) {
    // EC2 User Guide, "Source and destination checks": an interface with the check on drops traffic not addressed to it.
    t.drop({ id: eni.id, kind: 'eni', direction: 'ingress', detail: `${eni.id} has its source/destination check on: it drops ${dst}, which is not its own address. An appliance needs the check off.` }, 'ENI_SOURCE_DEST_CHECK_RESTRICTION', null);
    return undefined;
  }
  const subnet = t.model.subnets.get(eni.subnetId);
  if (subnet && !checkSubnetAcl(t, subnet, true, packet)) return undefined;
  if (t.leg === 'forward' && !checkSecurityGroups(t, eni, false, packet)) return undefined;
  t.unknown({ id: eni.id, kind: 'eni', direction: 'transit', detail: `${eni.id} is a middlebox appliance: what it forwards to ${dst}, and how, is its own configuration, which the snapshot does not describe.` }, 'UNSUPPORTED_COMPONENT');
  return undefined;
}
