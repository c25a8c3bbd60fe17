// Transit gateways, their attachments and route tables. A route table holds
// the static routes read with SearchTransitGatewayRoutes plus the routes
// its propagations imply: a VPC attachment propagates its VPC's CIDRs; what
// a VPN, Direct Connect or peering attachment propagates is not in any
// describe call, so those attachments are listed in `unknownPropagations`.
import { parseCidr, type Cidr } from '../model/ipv4.js';
import { parseCidr6, type Cidr6 } from '../model/ipv6.js';
import type {
  Placement,
  RouteDestination,
  RouteDestination6,
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
      ...(vpc?.Options?.Ipv6Support ? { ipv6Support: vpc.Options.Ipv6Support } : {}),
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
      ...(vpc.Options?.Ipv6Support ? { ipv6Support: vpc.Options.Ipv6Support } : {}),
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
  /** the VPC's blocks of both families, undefined when the VPC is not in the snapshot */
  readonly vpcCidrs: (vpcId: string) => { readonly cidrs: readonly Cidr[]; readonly ipv6Cidrs: readonly Cidr6[] } | undefined;
}

const GONE_STATES = new Set(['deleted', 'deleting', 'failed', 'rejected']);

/** TGW routes carry both families in DestinationCidrBlock. */
function staticRouteOf(raw: RawStaticRoute): TransitGatewayRoute | TransitGatewayRoute<RouteDestination6> | undefined {
  let destination: RouteDestination | RouteDestination6;
  const cidr = raw.DestinationCidrBlock ? parseCidr(raw.DestinationCidrBlock) : undefined;
  if (cidr) destination = { kind: 'cidr', cidr };
  else if (raw.DestinationCidrBlock) destination = { kind: 'cidr', cidr: parseCidr6(raw.DestinationCidrBlock)! };
  else if (raw.PrefixListId) destination = { kind: 'prefix-list', prefixListId: raw.PrefixListId };
  else return undefined;
  return {
    destination: destination as RouteDestination,
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

function destinationKey(destination: RouteDestination | RouteDestination6): string {
  return destination.kind === 'cidr' ? `${destination.cidr.network}/${destination.cidr.prefix}` : destination.prefixListId;
}

function isIpv6Route(route: TransitGatewayRoute | TransitGatewayRoute<RouteDestination6>): route is TransitGatewayRoute<RouteDestination6> {
  return route.destination.kind === 'cidr' && typeof route.destination.cidr.network === 'bigint';
}

/** A VPC attachment's propagated route to one of its VPC's blocks. */
function propagatedRoute<C extends Cidr | Cidr6>(cidr: C, attachmentId: string, vpcId: string) {
  const target = { attachmentId, resourceType: 'vpc', resourceId: vpcId };
  return {
    destination: { kind: 'cidr' as const, cidr },
    type: 'propagated',
    state: 'active',
    targets: [target],
    raw: { DestinationCidrBlock: cidr.text, Type: 'propagated', State: 'active', TransitGatewayAttachments: [{ TransitGatewayAttachmentId: attachmentId, ResourceType: 'vpc', ResourceId: vpcId }] },
  };
}

export function transitGatewayRouteTableOf(
  raw: RawOf<'TransitGatewayRouteTables'>,
  place: Placement,
  inputs: TgwRouteTableInputs,
  notes: ImportNotes,
): TransitGatewayRouteTable {
  const routes: TransitGatewayRoute[] = [];
  const ipv6Routes: TransitGatewayRoute<RouteDestination6>[] = [];
  for (const rawRoute of inputs.staticRoutes) {
    const route = staticRouteOf(rawRoute);
    if (!route) notes.warnGrouped('transit gateway routes without a destination', raw.TransitGatewayRouteTableId);
    else if (isIpv6Route(route)) ipv6Routes.push(route);
    else routes.push(route as TransitGatewayRoute);
  }
  const present = new Set([...routes, ...ipv6Routes].map((route) => destinationKey(route.destination)));
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
    const blocks = resourceType === 'vpc' && vpcId ? inputs.vpcCidrs(vpcId) : undefined;
    if (!blocks || !vpcId) {
      unknownPropagations.push(attachmentId);
      continue;
    }
    const fresh = (cidr: Cidr | Cidr6) => {
      const key = destinationKey({ kind: 'cidr', cidr } as RouteDestination);
      if (present.has(key)) return false;
      present.add(key);
      return true;
    };
    for (const cidr of blocks.cidrs) if (fresh(cidr)) routes.push(propagatedRoute(cidr, attachmentId, vpcId));
    // EC2 API, TransitGatewayVpcAttachmentOptions: with Ipv6Support disabled (the default) "IPv6 routes do not propagate"
    if (attachment?.ipv6Support !== 'enable') continue;
    for (const cidr of blocks.ipv6Cidrs) if (fresh(cidr)) ipv6Routes.push(propagatedRoute(cidr, attachmentId, vpcId));
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
    ipv6Routes,
    propagatingAttachmentIds: propagating,
    unknownPropagations,
  };
}
