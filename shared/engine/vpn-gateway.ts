// Virtual private gateways and their site-to-site VPN connections: the exits
// to on-premises networks (AWS Site-to-Site VPN User Guide, "How AWS
// Site-to-Site VPN works" and "Route tables and VPN route priority",
// https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html).
// A route to a VGW leads to the VPN connections on it. A connection carries
// traffic only when it is available and at least one of its two tunnels is
// UP (`VgwTelemetry`); when every candidate is down the flow drops with
// Reachability Analyzer's BAD_STATE_VPN. A static connection carries only
// what its static routes cover; a BGP connection carries what the customer
// gateway advertises, which the snapshot shows only as routes propagated
// into the VPC's route table: any other destination is unknown.
import type { NetworkModel, Route, VpnConnection, VpnGateway } from '../model/types.js';
import { cidrContains, formatIpv4 } from '../model/ipv4.js';
import type { Packet4 } from './packet.js';
import type { HopInput, LegTrace, Place, Position, VpnEntry } from './trace.js';
import { connectionDownDetail, connectionsOfGateway, connectionUp, onPremisesId, tunnelWords } from './on-premises.js';
import { enterVpc } from './ingress-routing.js';
import { describeError, unreadable } from './snapshot-gaps.js';
import { warn } from './warnings.js';

const gatewayHop = (vgw: VpnGateway, detail: string): HopInput => ({ id: vgw.id, kind: 'vpn-gateway', direction: 'transit', detail });
const connectionHop = (connection: VpnConnection, detail: string): HopInput => ({ id: connection.id, kind: 'vpn-connection', direction: 'transit', detail });

function staticallyCovers(connection: VpnConnection, ip: number): boolean {
  return (connection.staticRoutes ?? []).some((route) => route.state === 'available' && cidrContains(route.cidr, ip));
}

/** A VGW that is available and attached to the VPC; false (recorded) otherwise. */
function gatewayUsable(t: LegTrace, vgw: VpnGateway, vpcId: string): boolean {
  if (vgw.state !== 'available') return t.drop(gatewayHop(vgw, `${vgw.id} is ${vgw.state}, not available.`), 'BAD_STATE', null);
  const attachment = vgw.attachments.find((a) => a.vpcId === vpcId);
  if (attachment?.state !== 'attached') return t.drop(gatewayHop(vgw, `${vgw.id} is ${attachment?.state ?? 'not attached'} to ${vpcId}.`), 'BAD_STATE', null);
  return true;
}

/** The VGW has no connection to judge: unknown, because the snapshot is missing them or because Direct Connect may carry the traffic. */
function noConnection(t: LegTrace, vgw: VpnGateway): undefined {
  const error = unreadable(t.model, vgw, 'VpnConnections');
  if (error) {
    t.notes.add(warn.unreadable('The VPN connections', error.account, error.region));
    t.unknown(gatewayHop(vgw, `The VPN connections of ${vgw.id} are unknown: ${describeError(error)}.`), 'UNKNOWN_RESOURCE');
    return undefined;
  }
  t.unknown(gatewayHop(vgw, `No VPN connection of the snapshot uses ${vgw.id}; what else may carry its traffic (a Direct Connect virtual interface) is not modelled.`), 'UNSUPPORTED_COMPONENT');
  return undefined;
}

/** Of the connections that could carry the traffic, one that is up; undefined (recorded) when none is. */
export function upConnection(t: LegTrace, candidates: readonly VpnConnection[], badState: 'BAD_STATE_VPN' | 'TGW_BAD_STATE_VPN'): VpnConnection | undefined {
  const up = candidates.find((c) => connectionUp(c) === true);
  if (up) return up;
  const unsure = candidates.find((c) => connectionUp(c) === undefined);
  if (unsure) {
    t.unknown(connectionHop(unsure, `The tunnel status of ${unsure.id} (VgwTelemetry) is not in the snapshot: whether it carries traffic is unknown.`), 'UNKNOWN_RESOURCE');
    return undefined;
  }
  t.drop(connectionHop(candidates[0]!, candidates.map(connectionDownDetail).join(' ')), badState, null);
  return undefined;
}

/** Routed to a VGW from a subnet: on over a VPN connection to the on-premises network. */
export function throughVpnGateway(t: LegTrace, vgw: VpnGateway, place: Place, packet: Packet4, route: Route): Position | undefined {
  if (!gatewayUsable(t, vgw, place.vpc.id)) return undefined;
  const connections = connectionsOfGateway(t.model, vgw.id);
  if (connections.length === 0) return noConnection(t, vgw);
  const dst = formatIpv4(packet.dstIp);
  // A connection whose static routes cover the address first: what a BGP one carries is known only from propagated routes.
  const covering = connections.filter((c) => staticallyCovers(c, packet.dstIp));
  const candidates = [...covering, ...connections.filter((c) => c.staticRoutesOnly !== true && !covering.includes(c))];
  if (candidates.length === 0) {
    t.drop(gatewayHop(vgw, `No VPN connection of ${vgw.id} has a route to ${dst}: ${connections.map((c) => c.id).join(', ')} use static routes only, and none covers it.`), 'NO_ROUTE_TO_DESTINATION', null);
    return undefined;
  }
  const connection = upConnection(t, candidates, 'BAD_STATE_VPN');
  if (!connection) return undefined;
  // A propagated route is the VGW's own: the customer gateway advertised it over BGP.
  if (!staticallyCovers(connection, packet.dstIp) && route.origin !== 'EnableVgwRoutePropagation') {
    const accepted = (connection.tunnels ?? []).map((tunnel) => tunnel.acceptedRouteCount ?? 0).reduce((a, b) => Math.max(a, b), 0);
    t.unknown(connectionHop(connection, `${connection.id} learns its routes over BGP (${accepted} accepted), which the snapshot does not list, and no route propagated into the VPC covers ${dst}: whether the on-premises network advertises it is unknown.`), 'UNKNOWN_RESOURCE');
    return undefined;
  }
  t.pass(gatewayHop(vgw, `${vgw.id} sends ${dst} over ${connection.id}.`), 'forward');
  return reachOnPremises(t, connection, packet, { kind: 'vgw', vgwId: vgw.id, vpcId: place.vpc.id });
}

/** Over the VPN connection to the customer gateway: delivered when the question's end is that on-premises host. */
export function reachOnPremises(t: LegTrace, connection: VpnConnection, packet: Packet4, entry: VpnEntry): undefined {
  const dst = formatIpv4(packet.dstIp);
  const customer = connection.customerGatewayId ?? 'the customer gateway';
  t.pass(connectionHop(connection, `${connection.id} carries it over ${tunnelWords(connection)} to ${customer}.`), 'forward');
  const target = t.target;
  const node = onPremisesId(connection);
  if ((target.kind === 'on-premises' || target.kind === 'address') && target.ip === packet.dstIp) {
    if (t.leg === 'forward') t.sessions.push({ kind: 'vpn', entry, onPremisesIp: packet.dstIp });
    t.deliver({ id: node, kind: 'on-premises', direction: 'ingress', detail: `The on-premises host ${dst} receives it, behind ${customer}.` }, packet);
    return undefined;
  }
  t.unknown({ id: node, kind: 'on-premises', direction: 'transit', detail: `${dst} is not the on-premises end of this question: what the on-premises network does with it is outside the snapshot.` }, 'UNSUPPORTED_COMPONENT');
  return undefined;
}

/** The connection an on-premises host's traffic would take into this VGW: one that is up, else the first (to say why it is not). */
export function entryConnection(model: NetworkModel, entry: VpnEntry): VpnConnection | undefined {
  if (entry.kind === 'tgw') {
    const attachment = model.transitGatewayAttachments.get(entry.attachmentId);
    return attachment ? model.vpnConnections.get(attachment.resourceId) : undefined;
  }
  const connections = connectionsOfGateway(model, entry.vgwId);
  return connections.find((c) => connectionUp(c) === true) ?? connections.find((c) => connectionUp(c) === undefined) ?? connections[0];
}

/** From an on-premises host over a VPN connection into the VGW's VPC (the gateway route table, if any, routes it there). */
export function enterThroughVpnGateway(t: LegTrace, entry: Extract<VpnEntry, { kind: 'vgw' }>, packet: Packet4): Position | undefined {
  const model = t.model;
  const vgw = model.vpnGateways.get(entry.vgwId);
  const vpc = model.vpcs.get(entry.vpcId);
  if (!vgw || !vpc) {
    const missing = vgw ? entry.vpcId : entry.vgwId;
    t.unknown({ id: missing, kind: vgw ? 'vpc' : 'vpn-gateway', direction: 'transit', detail: `${missing} is not in the snapshot.` }, 'UNKNOWN_RESOURCE');
    return undefined;
  }
  const connections = connectionsOfGateway(model, vgw.id);
  if (connections.length === 0) return noConnection(t, vgw);
  const connection = upConnection(t, connections, 'BAD_STATE_VPN');
  if (!connection) return undefined;
  t.pass(connectionHop(connection, `${connection.id} carries it from ${connection.customerGatewayId ?? 'the customer gateway'} over ${tunnelWords(connection)} to ${vgw.id}.`), 'forward');
  if (!gatewayUsable(t, vgw, vpc.id)) return undefined;
  const dst = formatIpv4(packet.dstIp);
  if (!vpc.cidrs.some((cidr) => cidrContains(cidr, packet.dstIp))) {
    t.drop(gatewayHop(vgw, `${dst} is outside ${vpc.id} (${vpc.cidrs.map((c) => c.text).join(', ')}): ${vgw.id} admits only traffic to addresses of its VPC.`), 'VGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS', null);
    return undefined;
  }
  t.pass(gatewayHop(vgw, `${vgw.id} takes it into ${vpc.id}.`), 'forward');
  return enterVpc(t, vgw.id, vpc, packet);
}
