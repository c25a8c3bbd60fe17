// VPCs (DescribeVpcs): every associated IPv4 block, primary first, and every
// associated IPv6 block (Ipv6CidrBlockAssociationSet).
import { parseCidr, type Cidr } from '../model/ipv4.js';
import { parseCidr6, type Cidr6 } from '../model/ipv6.js';
import type { Placement, Vpc } from '../model/types.js';
import type { RawOf } from './raw.js';
import { nameOf, tagsOf } from './tags.js';

/** What other concepts contribute to a VPC: worked out before the VPC is assembled. */
export interface VpcLinks {
  readonly subnetIds: readonly string[];
  readonly mainRouteTableId: string | undefined;
  readonly defaultNetworkAclId: string | undefined;
  readonly internetGatewayIds: readonly string[];
  readonly egressOnlyInternetGatewayIds: readonly string[];
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

/** The IPv6 blocks in use: an association being removed or that failed routes nothing. */
export function ipv6CidrsOf(associations: readonly { Ipv6CidrBlock: string; Ipv6CidrBlockState?: { State?: string | null } | null }[] | null | undefined): Cidr6[] {
  const out: Cidr6[] = [];
  for (const association of associations ?? []) {
    const state = association.Ipv6CidrBlockState?.State;
    if (state && !LIVE_CIDR_STATES.has(state)) continue;
    if (!out.some((cidr) => cidr.text === association.Ipv6CidrBlock)) out.push(parseCidr6(association.Ipv6CidrBlock)!);
  }
  return out;
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
    ipv6Cidrs: ipv6CidrsOf(raw.Ipv6CidrBlockAssociationSet),
    ...links,
    ...(raw.OwnerId ? { ownerId: raw.OwnerId } : {}),
  };
}
