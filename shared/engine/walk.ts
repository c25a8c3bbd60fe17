// Walks one leg from position to position until it is delivered, dropped or
// cannot be judged. Routing from a subnet is here: the subnet's outbound ACL
// when the packet leaves it, the route table, then the target's own module.
import type { Route, RouteTable } from '../model/types.js';
import { formatIp, type Ip } from '../model/ip.js';
import { isIpv4Packet, type Packet } from './packet.js';
import { enisHolding, subnetCovers } from './addresses.js';
import { throughEgressOnlyGateway } from './egress-only-gateway.js';
import type { HopInput, LegTrace, Place, Position } from './trace.js';
import { checkSubnetAcl } from './network-acls.js';
import { describeRoute, lookupRoute, routeTableOf, targetPresent, unsupportedTarget, type AnyRoute, type RouteLookup } from './routing.js';
import { arriveAtAddress } from './delivery.js';
import { acrossInternet, throughInternetGateway } from './internet-gateway.js';
import { throughNatGateway } from './nat-gateway.js';
import { throughPeering } from './peering.js';
import { throughTransitGateway } from './transit-gateway.js';
import { throughVpnGateway } from './vpn-gateway.js';
import { throughGatewayEndpoint } from './gateway-endpoint.js';
import { replyGatewayOf, returnRouteBypass, type Bypass } from './return-leg.js';
import { blackholeFix, noRouteFix, noRouteFix6, returnRouteFix, returnViaGatewayFix } from './fixes.js';
import { warn } from './warnings.js';

/** More gateway crossings than any real path has: a routing loop. */
const MAX_STEPS = 32;

export function walkLeg(t: LegTrace, start: Position | undefined): void {
  let position = start;
  for (let steps = 0; position !== undefined; steps++) {
    if (steps === MAX_STEPS) {
      const table = [...t.hops].reverse().find((hop) => hop.kind === 'route-table' || hop.kind === 'tgw-route-table');
      const where = table ? { id: table.id, kind: table.kind } : { id: 'internet', kind: 'internet' as const };
      t.drop({ ...where, direction: 'transit', detail: 'The packet loops between gateways without reaching its destination.' }, 'NO_ROUTE_TO_DESTINATION', null);
      return;
    }
    position = step(t, position);
  }
  if (!t.delivered && !t.blocked) throw new Error(`internal: the ${t.leg} leg ended without an outcome`);
}

function step(t: LegTrace, position: Position): Position | undefined {
  switch (position.at) {
    case 'route':
      return routeFromSubnet(t, position.place, position.packet);
    case 'arrive':
      return arriveAtAddress(t, position);
    case 'internet':
      return acrossInternet(t, position);
  }
}

/** The subnet the next hop lives in, when it stays inside the VPC; undefined when the packet leaves through a gateway. */
function nextSubnetId(t: LegTrace, place: Place, lookup: RouteLookup, dstIp: Ip): string | undefined {
  if (lookup.kind !== 'match' || lookup.route.state === 'blackhole') return undefined;
  const target = lookup.route.target;
  if (target.kind === 'nat-gateway') return t.model.natGateways.get(target.id)?.subnetId;
  if (target.kind !== 'local') return undefined;
  const holder = enisHolding(t.model, dstIp).find((eni) => eni.vpcId === place.vpc.id);
  if (holder) return holder.subnetId;
  return (t.model.indexes.subnetsByVpc.get(place.vpc.id) ?? []).find((subnet) => subnetCovers(subnet, dstIp))?.id;
}

function routeFromSubnet(t: LegTrace, place: Place, packet: Packet): Position | undefined {
  const table = routeTableOf(t, place.subnet);
  if (!table) return undefined;
  const lookup = lookupRoute(t.model, table, place.vpc, packet.dstIp);
  if (nextSubnetId(t, place, lookup, packet.dstIp) !== place.subnet.id && !checkSubnetAcl(t, place.subnet, false, packet)) return undefined;
  const route = judgeRoute(t, table, place, lookup, packet);
  return route ? towardTarget(t, route, table, place, packet) : undefined;
}

/** Records the route table's hop; the route to follow, or undefined when the table drops the packet. */
function judgeRoute(t: LegTrace, table: RouteTable, place: Place, lookup: RouteLookup, packet: Packet): AnyRoute | undefined {
  const hop = (detail: string, rule: Record<string, unknown>) => ({ id: table.id, kind: 'route-table' as const, direction: 'transit' as const, detail, rule });
  const dst = formatIp(packet.dstIp);
  // fixes are IPv4 route edits; an IPv6 drop is reported without one (see addresses.ts ipv4Traffic)
  const v4 = isIpv4Packet(packet) ? packet : undefined;
  if (lookup.kind === 'unknown') {
    t.notes.add(warn.missingResource(lookup.missing, table.id));
    t.unknown(hop(`${table.id} routes to prefix list ${lookup.missing}, which is not in the snapshot: whether it matches ${dst} is unknown.`, { route: null, missing: lookup.missing }), 'UNKNOWN_RESOURCE');
    return undefined;
  }
  if (lookup.kind === 'none') {
    const none = hop(`No route of ${table.id} (${place.subnet.id}) matches ${dst}.`, { route: null });
    // A reply to a request the internet gateway translated must leave through it: a NAT gateway would not do.
    const igwId = replyGatewayOf(t, place, packet);
    if (igwId !== undefined && typeof packet.dstIp === 'number') {
      const answer = returnViaGatewayFix(t.model, t.fixContext, table, packet.dstIp, igwId);
      t.drop(none, 'NO_ROUTE_TO_DESTINATION', answer.fix);
      t.annotate({ options: answer.options });
      return undefined;
    }
    t.drop(none, 'NO_ROUTE_TO_DESTINATION', v4 ? noRouteFix(t.model, table, place.vpc, v4, place.az) : noRouteFix6(t.model, table, place.vpc, packet.dstIp as bigint, t.leg));
    return undefined;
  }
  const { route, destination } = lookup;
  const rule = { route: route.raw };
  if (route.state === 'blackhole') {
    t.drop(hop(`Route ${describeRoute(destination, route)} of ${table.id} is a blackhole.`, rule), 'BAD_STATE_ROUTE', v4 ? blackholeFix(t.model, table, place.vpc, route as Route, destination, v4, place.az) : null);
    return undefined;
  }
  // Before the target's presence: a route that bypasses the translator drops the reply whatever the target is.
  const bypass = returnRouteBypass(t, place, packet, route);
  if (bypass) {
    const present = targetPresent(t.model, route.target);
    if (!present) t.notes.add(warn.missingResource(route.target.id, table.id));
    dropBypass(t, hop(bypassDetail(bypass, table, route, dst, present), rule), bypass, table, place, packet);
    return undefined;
  }
  if (!targetPresent(t.model, route.target)) {
    t.notes.add(warn.missingResource(route.target.id, table.id));
    t.unknown(hop(`Route ${describeRoute(destination, route)} of ${table.id} points at ${route.target.id}, which is not in the snapshot.`, { ...rule, missing: route.target.id }), 'UNKNOWN_RESOURCE');
    return undefined;
  }
  t.pass(hop(`${table.id} (${place.subnet.id}): ${describeRoute(destination, route)}.`, rule), 'forward');
  return route;
}

function bypassDetail(bypass: Bypass, table: RouteTable, route: AnyRoute, dst: string, present: boolean): string {
  const target = present ? route.target.id : `${route.target.id} (not in the snapshot)`;
  if (bypass.kind === 'leave-via') return `The reply must leave through ${bypass.igwId}, which translated the request, but ${table.id} sends ${dst} to ${target}.`;
  const gateway = route.target.kind === 'nat-gateway' ? 'a NAT gateway' : 'an internet gateway';
  return `The reply to ${dst} must go back the way the request came, but ${table.id} sends it to ${target}, ${gateway} that translated nothing of the request: it would rewrite the reply, which the client could not match to its connection.`;
}

function dropBypass(t: LegTrace, hop: HopInput, bypass: Bypass, table: RouteTable, place: Place, packet: Packet): void {
  if (!isIpv4Packet(packet)) {
    t.drop(hop, 'NO_ROUTE_TO_DESTINATION', null);
    return;
  }
  if (bypass.kind === 'leave-via') {
    const answer = returnViaGatewayFix(t.model, t.fixContext, table, packet.dstIp, bypass.igwId);
    t.drop(hop, 'NO_ROUTE_TO_DESTINATION', answer.fix);
    t.annotate({ options: answer.options });
    return;
  }
  t.drop(hop, 'NO_ROUTE_TO_DESTINATION', returnRouteFix(t.model, table, place.vpc, packet, place.az));
}

/**
 * An IPv6 packet routed to a virtual private gateway or a gateway endpoint
 * cannot be judged. A VGW's Site-to-Site VPN connections carry IPv4 only
 * ("Virtual private gateways do not support IPv6 for Site-to-Site VPN
 * connections", Site-to-Site VPN User Guide, "How AWS Site-to-Site VPN
 * works"), but a Direct Connect virtual interface on the same VGW may carry
 * IPv6, and Direct Connect is not in the snapshot; what a gateway endpoint
 * does with IPv6, AWS's pages do not say clearly. Unknown, never a guess.
 */
const IPV6_UNJUDGED: Record<'vpn-gateway' | 'vpc-endpoint', string> = {
  'vpn-gateway': 'its VPN connections carry IPv4 only (a virtual private gateway does not support IPv6 for Site-to-Site VPN), and whether Direct Connect carries it is not modelled',
  'vpc-endpoint': 'the engine traces gateway endpoints over IPv4 only',
};

function ipv6NotModelled(t: LegTrace, id: string, kind: 'vpn-gateway' | 'vpc-endpoint', table: RouteTable, packet: Packet): undefined {
  t.unknown({ id, kind, direction: 'transit', detail: `${table.id} sends the IPv6 packet to ${formatIp(packet.dstIp)} to ${id}: ${IPV6_UNJUDGED[kind]}.` }, 'UNSUPPORTED_COMPONENT');
  return undefined;
}

function towardTarget(t: LegTrace, route: AnyRoute, table: RouteTable, place: Place, packet: Packet): Position | undefined {
  const model = t.model;
  const { target } = route;
  switch (target.kind) {
    case 'local':
      return { at: 'arrive', vpc: place.vpc, fromSubnetId: place.subnet.id, packet };
    case 'internet-gateway':
      return throughInternetGateway(t, model.internetGateways.get(target.id)!, place, packet);
    case 'egress-only-internet-gateway':
      return throughEgressOnlyGateway(t, model.egressOnlyInternetGateways.get(target.id)!, place, packet);
    case 'nat-gateway':
      // On the return leg only the NAT gateway that translated the request passes judgeRoute: the reply is addressed to it.
      if (t.leg === 'return') return { at: 'arrive', vpc: place.vpc, fromSubnetId: place.subnet.id, packet };
      return throughNatGateway(t, model.natGateways.get(target.id)!, place, packet);
    case 'peering':
      return throughPeering(t, model.peeringConnections.get(target.id)!, place.vpc, packet);
    case 'transit-gateway':
      return throughTransitGateway(t, model.transitGateways.get(target.id)!, place, packet);
    case 'vpn-gateway':
      if (!isIpv4Packet(packet)) return ipv6NotModelled(t, target.id, 'vpn-gateway', table, packet);
      return throughVpnGateway(t, model.vpnGateways.get(target.id)!, place, packet, route as Route);
    case 'vpc-endpoint': {
      if (!isIpv4Packet(packet)) return ipv6NotModelled(t, target.id, 'vpc-endpoint', table, packet);
      const destination = route.destination.kind === 'prefix-list' ? route.destination.prefixListId : route.destination.cidr.text;
      return throughGatewayEndpoint(t, model.vpcEndpoints.get(target.id)!, place, packet, destination);
    }
    default: {
      const component = unsupportedTarget(model, target) ?? { id: table.id, kind: 'route-table' as const };
      t.unknown({ id: component.id, kind: component.kind, direction: 'transit', detail: `${table.id} sends ${formatIp(packet.dstIp)} to ${target.id} (${target.kind}), which the engine does not model yet.` }, 'UNSUPPORTED_COMPONENT');
      return undefined;
    }
  }
}
