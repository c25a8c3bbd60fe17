// Subnets (DescribeSubnets), with the route table and network ACL each one
// actually uses resolved here, once, instead of at every query.
import { parseCidr } from '../model/ipv4.js';
import { ipv6CidrsOf } from './vpcs.js';
import type { Placement, Subnet } from '../model/types.js';
import type { ImportNotes } from './import-notes.js';
import type { RawOf } from './raw.js';
import { nameOf, tagsOf } from './tags.js';

export interface SubnetLinks {
  readonly routeTableId: string | undefined;
  readonly routeTableIsExplicit: boolean;
  readonly networkAclId: string | undefined;
}

/** undefined for an IPv6-only subnet, which the model does not hold yet. */
export function subnetOf(raw: RawOf<'Subnets'>, place: Placement, links: SubnetLinks, notes: ImportNotes): Subnet | undefined {
  if (!raw.CidrBlock) {
    notes.warnGrouped('subnets without an IPv4 block (IPv6-only subnets are not modelled yet)', raw.SubnetId);
    return undefined;
  }
  const tags = tagsOf(raw.Tags);
  return {
    account: place.account, region: place.region,
    id: raw.SubnetId,
    vpcId: raw.VpcId,
    name: nameOf(tags),
    tags,
    availabilityZone: raw.AvailabilityZone ?? '',
    cidr: parseCidr(raw.CidrBlock)!,
    ipv6Cidrs: ipv6CidrsOf(raw.Ipv6CidrBlockAssociationSet),
    state: raw.State ?? 'available',
    mapPublicIpOnLaunch: raw.MapPublicIpOnLaunch ?? false,
    ...links,
  };
}
