// Virtual private gateways and site-to-site VPN connections.
import type { Placement, VpnConnection, VpnGateway } from '../model/types.js';
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
  };
}
