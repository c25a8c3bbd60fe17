// VPC peering connections (DescribeVpcPeeringConnections).
import { parseCidr } from '../model/ipv4.js';
import { parseCidr6 } from '../model/ipv6.js';
import type { PeeringSide, Placement, VpcPeeringConnection } from '../model/types.js';
import type { RawOf } from './raw.js';
import { nameOf, tagsOf } from './tags.js';

function sideOf(raw: RawOf<'VpcPeeringConnections'>['RequesterVpcInfo']): PeeringSide {
  const texts = (raw.CidrBlockSet ?? []).map((block) => block.CidrBlock);
  if (raw.CidrBlock && !texts.includes(raw.CidrBlock)) texts.unshift(raw.CidrBlock);
  return {
    vpcId: raw.VpcId,
    account: raw.OwnerId ?? undefined,
    region: raw.Region ?? undefined,
    cidrs: texts.map((text) => parseCidr(text)!),
    ipv6Cidrs: (raw.Ipv6CidrBlockSet ?? []).map((block) => parseCidr6(block.Ipv6CidrBlock)!),
  };
}

export function peeringConnectionOf(raw: RawOf<'VpcPeeringConnections'>, place: Placement): VpcPeeringConnection {
  const tags = tagsOf(raw.Tags);
  return {
    account: place.account, region: place.region,
    id: raw.VpcPeeringConnectionId,
    name: nameOf(tags),
    tags,
    status: raw.Status?.Code ?? 'active',
    requester: sideOf(raw.RequesterVpcInfo),
    accepter: sideOf(raw.AccepterVpcInfo),
  };
}
