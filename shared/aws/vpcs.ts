// VPCs (DescribeVpcs): every associated IPv4 block, primary first.
import { parseCidr, type Cidr } from '../model/ipv4.js';
import type { Placement, Vpc } from '../model/types.js';
import type { RawOf } from './raw.js';
import { nameOf, tagsOf } from './tags.js';

/** What other concepts contribute to a VPC: worked out before the VPC is assembled. */
export interface VpcLinks {
  readonly subnetIds: readonly string[];
  readonly mainRouteTableId: string | undefined;
  readonly defaultNetworkAclId: string | undefined;
  readonly internetGatewayIds: readonly string[];
}

const LIVE_CIDR_STATES = new Set(['associated', 'associating']);

export function vpcCidrs(raw: RawOf<'Vpcs'>): Cidr[] {
  const texts: string[] = [];
  if (raw.CidrBlock) texts.push(raw.CidrBlock);
  for (const association of raw.CidrBlockAssociationSet ?? []) {
    const state = association.CidrBlockState?.State;
    if (state && !LIVE_CIDR_STATES.has(state)) continue;
    if (!texts.includes(association.CidrBlock)) texts.push(association.CidrBlock);
  }
  return texts.map((text) => parseCidr(text)!);
}

export function vpcOf(raw: RawOf<'Vpcs'>, place: Placement, links: VpcLinks): Vpc {
  const tags = tagsOf(raw.Tags);
  return {
    account: place.account, region: place.region,
    id: raw.VpcId,
    name: nameOf(tags),
    tags,
    state: raw.State ?? 'available',
    isDefault: raw.IsDefault ?? false,
    cidrs: vpcCidrs(raw),
    ...links,
    ...(raw.OwnerId ? { ownerId: raw.OwnerId } : {}),
  };
}
