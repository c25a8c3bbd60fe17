// On-premises networks, as the snapshot shows them: the address ranges that
// a VPN leads to. AWS knows them from a VPN connection's static routes, from
// the VPC routes to a virtual private gateway (static or propagated), and
// from the transit gateway routes to a VPN attachment. An address that one
// of them covers, outside every VPC, is an on-premises host.
import type { NetworkModel, VpnConnection } from '../model/types.js';
import { cidrContains, type Cidr } from '../model/ipv4.js';
import type { VpnEntry } from './trace.js';

export interface OnPremisesRoute {
  readonly cidr: Cidr;
  readonly entry: { readonly kind: 'vgw'; readonly vgwId: string } | { readonly kind: 'tgw'; readonly attachmentId: string };
}

const byModel = new WeakMap<NetworkModel, OnPremisesRoute[]>();

/** Every route that leads to an on-premises network, most specific first. */
export function onPremisesRoutes(model: NetworkModel): readonly OnPremisesRoute[] {
  const cached = byModel.get(model);
  if (cached) return cached;
  const routes: OnPremisesRoute[] = [];
  for (const connection of model.vpnConnections.values()) {
    if (connection.state === 'deleted') continue;
    const entry = entryOfConnection(model, connection);
    if (entry) for (const route of connection.staticRoutes ?? []) routes.push({ cidr: route.cidr, entry });
  }
  for (const table of model.routeTables.values()) {
    for (const route of table.routes) {
      if (route.target.kind !== 'vpn-gateway') continue;
      const cidrs = route.destination.kind === 'cidr' ? [route.destination.cidr] : (model.prefixLists.get(route.destination.prefixListId)?.cidrs ?? []);
      for (const cidr of cidrs) routes.push({ cidr, entry: { kind: 'vgw', vgwId: route.target.id } });
    }
  }
  for (const table of model.transitGatewayRouteTables.values()) {
    for (const route of table.routes) {
      if (route.destination.kind !== 'cidr') continue;
      for (const target of route.targets) {
        if (model.transitGatewayAttachments.get(target.attachmentId)?.resourceType === 'vpn') routes.push({ cidr: route.destination.cidr, entry: { kind: 'tgw', attachmentId: target.attachmentId } });
      }
    }
  }
  routes.sort((a, b) => b.cidr.prefix - a.cidr.prefix);
  byModel.set(model, routes);
  return routes;
}

function entryOfConnection(model: NetworkModel, connection: VpnConnection): OnPremisesRoute['entry'] | undefined {
  if (connection.vpnGatewayId) return { kind: 'vgw', vgwId: connection.vpnGatewayId };
  for (const attachment of model.transitGatewayAttachments.values()) {
    if (attachment.resourceType === 'vpn' && attachment.resourceId === connection.id) return { kind: 'tgw', attachmentId: attachment.id };
  }
  return undefined;
}

/** Is this address inside a VPC of the snapshot? (Such an address is never on-premises.) */
function inAnyVpc(model: NetworkModel, ip: number): boolean {
  for (const vpc of model.vpcs.values()) if (vpc.cidrs.some((cidr) => cidrContains(cidr, ip))) return true;
  return false;
}

/** The routes that make `ip` an on-premises host; empty when it is not one. */
export function onPremisesRoutesTo(model: NetworkModel, ip: number): OnPremisesRoute[] {
  if (inAnyVpc(model, ip)) return [];
  return onPremisesRoutes(model).filter((route) => cidrContains(route.cidr, ip));
}

/**
 * Where an on-premises host's traffic to a VPC enters AWS: a virtual private
 * gateway attached to that VPC with a route to the host, else a VPN
 * attachment of a transit gateway the VPC is attached to, else wherever a
 * VPN that covers the host enters. Undefined when no such VPN is attached.
 */
export function onPremisesEntryTo(model: NetworkModel, ip: number, vpcId: string): VpnEntry | undefined {
  const routes = onPremisesRoutesTo(model, ip);
  for (const route of routes) {
    if (route.entry.kind !== 'vgw') continue;
    const vgw = model.vpnGateways.get(route.entry.vgwId);
    if (vgw?.attachments.some((a) => a.vpcId === vpcId)) return { kind: 'vgw', vgwId: vgw.id, vpcId };
  }
  const tgwIds = new Set((model.indexes.tgwAttachmentsByVpc.get(vpcId) ?? []).map((a) => a.transitGatewayId));
  for (const route of routes) {
    if (route.entry.kind !== 'tgw') continue;
    const attachment = model.transitGatewayAttachments.get(route.entry.attachmentId);
    if (attachment && tgwIds.has(attachment.transitGatewayId)) return { kind: 'tgw', attachmentId: attachment.id };
  }
  // No VPN leads into that VPC: the host's traffic enters where its VPN does, and the walk says where it stops
  // (a VGW admits only its own VPC's addresses; a TGW routes by its table).
  for (const route of routes) {
    if (route.entry.kind === 'tgw') return { kind: 'tgw', attachmentId: route.entry.attachmentId };
    const attached = model.vpnGateways.get(route.entry.vgwId)?.attachments.find((a) => a.state === 'attached');
    if (attached) return { kind: 'vgw', vgwId: route.entry.vgwId, vpcId: attached.vpcId };
  }
  return undefined;
}

/** The id of the on-premises side of a VPN connection, on the map and in hops: its customer gateway, else the connection's own. */
export function onPremisesId(connection: VpnConnection): string {
  return connection.customerGatewayId ?? `${connection.id}/on-premises`;
}

/** The VPN connections of a virtual private gateway, those not deleted. */
export function connectionsOfGateway(model: NetworkModel, vgwId: string): VpnConnection[] {
  return [...model.vpnConnections.values()].filter((c) => c.vpnGatewayId === vgwId && c.state !== 'deleted');
}

/** A connection carries traffic when it is available and at least one tunnel is up; undefined when its tunnels' status is not in the snapshot. */
export function connectionUp(connection: VpnConnection): boolean | undefined {
  if (connection.state !== 'available') return false;
  if (connection.tunnels === undefined || connection.tunnels.length === 0) return undefined;
  return connection.tunnels.some((tunnel) => tunnel.status.toUpperCase() === 'UP');
}

/** Why a connection carries nothing, in words. */
export function connectionDownDetail(connection: VpnConnection): string {
  if (connection.state !== 'available') return `${connection.id} is ${connection.state}, not available.`;
  const tunnels = (connection.tunnels ?? []).map((t) => `${t.outsideIp ?? 'tunnel'} ${t.status}${t.statusMessage ? ` (${t.statusMessage})` : ''}`).join(', ');
  return `Every tunnel of ${connection.id} is down (${tunnels}): the VPN carries nothing.`;
}

/** The up tunnel the traffic takes, in words. */
export function tunnelWords(connection: VpnConnection): string {
  const up = (connection.tunnels ?? []).find((t) => t.status.toUpperCase() === 'UP');
  return up?.outsideIp ? `its tunnel ${up.outsideIp} (UP)` : 'an up tunnel';
}
