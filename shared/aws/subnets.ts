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

/** An IPv6-only subnet (VPC User Guide, "Subnets for your VPC": only an IPv6 block, Ipv6Native) has no `cidr`. */
export function subnetOf(raw: RawOf<'Subnets'>, place: Placement, links: SubnetLinks, notes: ImportNotes): Subnet | undefined {
  const ipv6Cidrs = ipv6CidrsOf(raw.Ipv6CidrBlockAssociationSet);
  if (!raw.CidrBlock && ipv6Cidrs.length === 0) {
    notes.warnGrouped('subnets with neither an IPv4 nor an IPv6 block', raw.SubnetId);
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
    cidr: raw.CidrBlock ? parseCidr(raw.CidrBlock)! : undefined,
    ipv6Cidrs,
    state: raw.State ?? 'available',
    mapPublicIpOnLaunch: raw.MapPublicIpOnLaunch ?? false,
    ...links,
  };
}
