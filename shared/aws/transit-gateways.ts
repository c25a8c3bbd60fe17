// Transit gateways, their attachments and route tables. A route table holds
// the static routes read with SearchTransitGatewayRoutes plus the routes
// its propagations imply: a VPC attachment propagates its VPC's CIDRs; what
// a VPN, Direct Connect or peering attachment propagates is not in any
// describe call, so those attachments are listed in `unknownPropagations`.
import { parseCidr, type Cidr } from '../model/ipv4.js';
import type {
  Placement,
  RouteDestination,
  TransitGateway,
  TransitGatewayAttachment,
  TransitGatewayRoute,
  TransitGatewayRouteTable,
} from '../model/types.js';
import type { ImportNotes } from './import-notes.js';
import type { RawOf } from './raw.js';
import { placeText } from './origins.js';
import type { RedundantFields } from './redundant-fields.js';
import { itemsOf, placeOf, type RegionInput } from './region-input.js';
import { nameOf, tagsOf } from './tags.js';

export function transitGatewayOf(raw: RawOf<'TransitGateways'>, place: Placement): TransitGateway {
  const tags = tagsOf(raw.Tags);
  return {
    account: place.account, region: place.region,
    id: raw.TransitGatewayId,
    name: nameOf(tags),
    tags,
    state: raw.State ?? 'available',
    ownerId: raw.OwnerId ?? undefined,
    associationDefaultRouteTableId: raw.Options?.AssociationDefaultRouteTableId ?? undefined,
    propagationDefaultRouteTableId: raw.Options?.PropagationDefaultRouteTableId ?? undefined,
    ...(raw.Options?.SecurityGroupReferencingSupport ? { securityGroupReferencingSupport: raw.Options.SecurityGroupReferencingSupport } : {}),
  };
}

/**
 * A VPC attachment record's TransitGatewayId or VpcId: its own, or else its
 * TransitGatewayAttachments record's (TransitGatewayId, ResourceId), said; or
 * a refusal when neither gives it.
 */
function vpcAttachmentMember(
  region: RegionInput,
  vpc: RawOf<'TransitGatewayVpcAttachments'>,
  member: 'TransitGatewayId' | 'VpcId',
  record: RawOf<'TransitGatewayAttachments'> | undefined,
  fields: RedundantFields,
): string {
  const own = vpc[member];
  if (own) return own;
  const recordMember = member === 'VpcId' ? 'ResourceId' : 'TransitGatewayId';
  const value = record?.[recordMember];
  const where = fields.where(region, 'TransitGatewayVpcAttachments', vpc, [member]);
  if (!record || !value) return fields.cannotFill(where, `no TransitGatewayAttachments record of ${vpc.TransitGatewayAttachmentId} in its region gives its ${recordMember}`);
  fields.filledIn(where, value, `the ${recordMember} of its TransitGatewayAttachments record (${placeText(fields.where(region, 'TransitGatewayAttachments', record, []))})`);
  return value;
}

/**
 * DescribeTransitGatewayAttachments says which table each attachment is
 * associated with; DescribeTransitGatewayVpcAttachments says which subnets a
 * VPC attachment uses. Either alone still yields the attachment.
 */
export function transitGatewayAttachmentsOf(region: RegionInput, fields: RedundantFields): TransitGatewayAttachment[] {
  const place = placeOf(region);
  const vpcAttachments = new Map(itemsOf(region, 'TransitGatewayVpcAttachments').map((raw) => [raw.TransitGatewayAttachmentId, raw]));
  const out: TransitGatewayAttachment[] = [];
  const seen = new Set<string>();
  for (const raw of itemsOf(region, 'TransitGatewayAttachments')) {
    if (seen.has(raw.TransitGatewayAttachmentId)) continue;
    seen.add(raw.TransitGatewayAttachmentId);
    const vpc = vpcAttachments.get(raw.TransitGatewayAttachmentId);
    if (vpc) {
      // the attachment is built from this record's members; the VPC attachment's missing ones are only said
      for (const member of ['TransitGatewayId', 'VpcId'] as const) if (!vpc[member]) vpcAttachmentMember(region, vpc, member, raw, fields);
    }
    const tags = tagsOf(raw.Tags);
    out.push({
      account: place.account, region: place.region,
      id: raw.TransitGatewayAttachmentId,
      name: nameOf(tags),
      tags,
      transitGatewayId: raw.TransitGatewayId,
      resourceType: raw.ResourceType ?? (vpc ? 'vpc' : 'unknown'),
      resourceId: raw.ResourceId ?? vpc?.VpcId ?? '',
      resourceOwnerId: raw.ResourceOwnerId ?? vpc?.VpcOwnerId ?? undefined,
      state: raw.State ?? vpc?.State ?? 'available',
      associatedRouteTableId: raw.Association?.State === 'associated' ? (raw.Association.TransitGatewayRouteTableId ?? undefined) : undefined,
      subnetIds: vpc?.SubnetIds ?? [],
      ...(raw.TransitGatewayOwnerId ? { transitGatewayOwnerId: raw.TransitGatewayOwnerId } : {}),
      ...(vpc?.Options?.SecurityGroupReferencingSupport ? { securityGroupReferencingSupport: vpc.Options.SecurityGroupReferencingSupport } : {}),
    });
  }
  for (const vpc of vpcAttachments.values()) {
    if (seen.has(vpc.TransitGatewayAttachmentId)) continue;
    seen.add(vpc.TransitGatewayAttachmentId);
    const tags = tagsOf(vpc.Tags);
    out.push({
      account: place.account, region: place.region,
      id: vpc.TransitGatewayAttachmentId,
      name: nameOf(tags),
      tags,
      transitGatewayId: vpcAttachmentMember(region, vpc, 'TransitGatewayId', undefined, fields),
      resourceType: 'vpc',
      resourceId: vpcAttachmentMember(region, vpc, 'VpcId', undefined, fields),
      resourceOwnerId: vpc.VpcOwnerId ?? undefined,
      state: vpc.State ?? 'available',
      associatedRouteTableId: undefined,
      subnetIds: vpc.SubnetIds ?? [],
      ...(vpc.Options?.SecurityGroupReferencingSupport ? { securityGroupReferencingSupport: vpc.Options.SecurityGroupReferencingSupport } : {}),
    });
  }
  return out;
}

type RawStaticRoute = NonNullable<RawOf<'TransitGatewayStaticRoutes'>['Routes']>[number];
type RawPropagation = NonNullable<RawOf<'TransitGatewayPropagations'>['TransitGatewayRouteTablePropagations']>[number];

/** What a route table needs from the rest of the snapshot. */
export interface TgwRouteTableInputs {
  readonly staticRoutes: readonly RawStaticRoute[];
  readonly propagations: readonly RawPropagation[];
  readonly attachment: (id: string) => TransitGatewayAttachment | undefined;
  /** the VPC's CIDRs, undefined when the VPC is not in the snapshot */
  readonly vpcCidrs: (vpcId: string) => readonly Cidr[] | undefined;
}

const GONE_STATES = new Set(['deleted', 'deleting', 'failed', 'rejected']);

function staticRouteOf(raw: RawStaticRoute): TransitGatewayRoute | undefined {
  let destination: RouteDestination;
  if (raw.DestinationCidrBlock) destination = { kind: 'cidr', cidr: parseCidr(raw.DestinationCidrBlock)! };
  else if (raw.PrefixListId) destination = { kind: 'prefix-list', prefixListId: raw.PrefixListId };
  else return undefined;
  return {
    destination,
    type: raw.Type ?? 'static',
    state: raw.State ?? 'active',
    targets: (raw.TransitGatewayAttachments ?? []).map((target) => ({
      attachmentId: target.TransitGatewayAttachmentId,
      resourceType: target.ResourceType ?? undefined,
      resourceId: target.ResourceId ?? undefined,
    })),
    raw,
  };
}

function destinationKey(destination: RouteDestination): string {
  return destination.kind === 'cidr' ? `${destination.cidr.network}/${destination.cidr.prefix}` : destination.prefixListId;
}

export function transitGatewayRouteTableOf(
  raw: RawOf<'TransitGatewayRouteTables'>,
  place: Placement,
  inputs: TgwRouteTableInputs,
  notes: ImportNotes,
): TransitGatewayRouteTable {
  const routes: TransitGatewayRoute[] = [];
  for (const rawRoute of inputs.staticRoutes) {
    const route = staticRouteOf(rawRoute);
    if (route) routes.push(route);
    else notes.warnGrouped('IPv6 transit gateway routes', raw.TransitGatewayRouteTableId);
  }
  const present = new Set(routes.map((route) => destinationKey(route.destination)));
  const propagating: string[] = [];
  const unknownPropagations: string[] = [];
  for (const propagation of inputs.propagations) {
    if (propagation.State && propagation.State !== 'enabled') continue;
    const attachmentId = propagation.TransitGatewayAttachmentId;
    propagating.push(attachmentId);
    const attachment = inputs.attachment(attachmentId);
    if (attachment && GONE_STATES.has(attachment.state)) continue;
    const resourceType = propagation.ResourceType ?? attachment?.resourceType;
    const vpcId = propagation.ResourceId ?? attachment?.resourceId;
    const cidrs = resourceType === 'vpc' && vpcId ? inputs.vpcCidrs(vpcId) : undefined;
    if (!cidrs) {
      unknownPropagations.push(attachmentId);
      continue;
    }
    for (const cidr of cidrs) {
      const destination: RouteDestination = { kind: 'cidr', cidr };
      if (present.has(destinationKey(destination))) continue;
      present.add(destinationKey(destination));
      const target = { attachmentId, resourceType: 'vpc', resourceId: vpcId };
      routes.push({
        destination,
        type: 'propagated',
        state: 'active',
        targets: [target],
        raw: { DestinationCidrBlock: cidr.text, Type: 'propagated', State: 'active', TransitGatewayAttachments: [{ TransitGatewayAttachmentId: attachmentId, ResourceType: 'vpc', ResourceId: vpcId }] },
      });
    }
  }
  const tags = tagsOf(raw.Tags);
  return {
    account: place.account, region: place.region,
    id: raw.TransitGatewayRouteTableId,
    name: nameOf(tags),
    tags,
    transitGatewayId: raw.TransitGatewayId,
    state: raw.State ?? 'available',
    routes,
    propagatingAttachmentIds: propagating,
    unknownPropagations,
  };
}
