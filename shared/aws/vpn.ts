// Virtual private gateways and site-to-site VPN connections.
import { parseCidr } from '../model/ipv4.js';
import type { Placement, VpnConnection, VpnGateway, VpnStaticRoute, VpnTunnel } from '../model/types.js';
import { attachmentsOf } from './internet-gateways.js';
import type { RawOf } from './raw.js';
import { nameOf, tagsOf } from './tags.js';

export function vpnGatewayOf(raw: RawOf<'VpnGateways'>, place: Placement): VpnGateway {
  const tags = tagsOf(raw.Tags);
  return { account: place.account, region: place.region, id: raw.VpnGatewayId, name: nameOf(tags), tags, state: raw.State ?? 'available', attachments: attachmentsOf(raw.VpcAttachments) };
}

export function vpnConnectionOf(raw: RawOf<'VpnConnections'>, place: Placement): VpnConnection {
  const tags = tagsOf(raw.Tags);
  return {
    account: place.account, region: place.region,
    id: raw.VpnConnectionId,
    name: nameOf(tags),
    tags,
    state: raw.State ?? 'available',
    vpnGatewayId: raw.VpnGatewayId ?? undefined,
    transitGatewayId: raw.TransitGatewayId ?? undefined,
    customerGatewayId: raw.CustomerGatewayId ?? undefined,
    staticRoutesOnly: raw.Options?.StaticRoutesOnly ?? undefined,
    staticRoutes: staticRoutesOf(raw.Routes ?? []),
    tunnels: raw.VgwTelemetry?.map(tunnelOf),
  };
}

/** Deleted routes carry nothing; IPv6 ones are outside the model. */
function staticRoutesOf(routes: NonNullable<RawOf<'VpnConnections'>['Routes']>): VpnStaticRoute[] {
  const out: VpnStaticRoute[] = [];
  for (const route of routes) {
    const cidr = route.DestinationCidrBlock ? parseCidr(route.DestinationCidrBlock) : undefined;
    const state = route.State ?? 'available';
    if (cidr && state !== 'deleted') out.push({ cidr, state });
  }
  return out;
}

function tunnelOf(raw: NonNullable<RawOf<'VpnConnections'>['VgwTelemetry']>[number]): VpnTunnel {
  return { outsideIp: raw.OutsideIpAddress ?? undefined, status: raw.Status ?? 'DOWN', statusMessage: raw.StatusMessage ?? undefined, acceptedRouteCount: raw.AcceptedRouteCount ?? undefined };
}
