// VPC endpoints (DescribeVpcEndpoints): gateway endpoints live in route
// tables, interface endpoints in subnets through their ENIs.
import type { Placement, VpcEndpoint } from '../model/types.js';
import type { RawOf } from './raw.js';
import { nameOf, tagsOf } from './tags.js';

export function vpcEndpointOf(raw: RawOf<'VpcEndpoints'>, place: Placement): VpcEndpoint {
  const tags = tagsOf(raw.Tags);
  return {
    account: place.account, region: place.region,
    id: raw.VpcEndpointId,
    name: nameOf(tags),
    tags,
    vpcId: raw.VpcId,
    endpointType: raw.VpcEndpointType ?? 'Gateway',
    serviceName: raw.ServiceName ?? '',
    state: raw.State ?? 'available',
    routeTableIds: raw.RouteTableIds ?? [],
    subnetIds: raw.SubnetIds ?? [],
    networkInterfaceIds: raw.NetworkInterfaceIds ?? [],
    securityGroupIds: (raw.Groups ?? []).map((group) => group.GroupId),
  };
}
