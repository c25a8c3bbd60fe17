// NAT gateways (DescribeNatGateways).
import { parseIpv4 } from '../model/ipv4.js';
import type { NatGateway, Placement } from '../model/types.js';
import type { RawOf } from './raw.js';
import { nameOf, tagsOf } from './tags.js';

/** `vpcId`: the record's, or its subnet's when it lacks one (redundant-fields.ts). */
export function natGatewayOf(raw: RawOf<'NatGateways'>, place: Placement, vpcId: string): NatGateway {
  const tags = tagsOf(raw.Tags);
  return {
    account: place.account, region: place.region,
    id: raw.NatGatewayId,
    name: nameOf(tags),
    tags,
    vpcId,
    subnetId: raw.SubnetId,
    state: raw.State ?? 'available',
    connectivityType: raw.ConnectivityType ?? 'public',
    addresses: (raw.NatGatewayAddresses ?? []).map((address) => ({
      privateIp: address.PrivateIp ? parseIpv4(address.PrivateIp) : undefined,
      publicIp: address.PublicIp ? parseIpv4(address.PublicIp) : undefined,
      networkInterfaceId: address.NetworkInterfaceId ?? undefined,
    })),
  };
}
