// Transit gateways. A VPC attachment is associated with one TGW route table,
// where the lookup happens (static and propagated routes, longest prefix,
// blackhole). An ENI can send into the TGW only if the attachment has a
// subnet in the sender's AZ, on either leg.
//
// Network ACLs follow AWS's Transit Gateway guide, "Network ACLs for transit
// gateways" (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-nacls.html), which
// is not symmetric: traffic from instances to the TGW meets the instance
// subnet's outbound rules and the attachment subnet's inbound rules (also
// when they are the same subnet), never the attachment subnet's outbound
// rules; traffic from the TGW to instances meets the attachment subnet's
// outbound rules and the instance subnet's inbound rules, and none at all
// when the instance is in the attachment subnet. The walk gets the second
// half for free: the TGW delivers into the attachment subnet, which then
// routes like any other subnet.
import type { NetworkModel, RouteDestination6, Subnet, TransitGateway, TransitGatewayAttachment, TransitGatewayRoute, TransitGatewayRouteTable, VpnConnection } from '../model/types.js';
import { cidrContains } from '../model/ipv4.js';
import { cidr6Contains } from '../model/ipv6.js';
import { formatIp, type Ip } from '../model/ip.js';
import { blockHolding, vpcBlocksFor } from './addresses.js';
import { isIpv4Packet, type Packet } from './packet.js';
import type { LegTrace, Place, Position } from './trace.js';
import { checkSubnetAcl } from './network-acls.js';
import { acceptAttachmentFix, tgwAzFix, tgwRouteFix } from './fixes.js';
import { describeError, unreadable } from './snapshot-gaps.js';
import { warn } from './warnings.js';
import { accountMissing, notCollected } from './missing-accounts.js';
import { reachOnPremises, upConnection } from './vpn-gateway.js';

const isUp = (state: string): boolean => state === 'available';

const attachmentHop = (a: TransitGatewayAttachment, detail: string) => ({ id: a.id, kind: 'tgw-attachment' as const, direction: 'transit' as const, detail });
const tableHop = (table: TransitGatewayRouteTable, detail: string, rule?: Record<string, unknown>) => ({ id: table.id, kind: 'tgw-route-table' as const, direction: 'transit' as const, detail, rule });

type AnyTgwRoute = TransitGatewayRoute | TransitGatewayRoute<RouteDestination6>;

export type TgwLookup = { readonly kind: 'match'; readonly route: AnyTgwRoute; readonly destination: string } | { readonly kind: 'none' };

/** An IPv6 packet: the IPv6 routes and the IPv6 entries of prefix-list routes only. */
function lookupTgwRoute6(model: NetworkModel, table: TransitGatewayRouteTable, ip: bigint): TgwLookup {
  let best: { route: AnyTgwRoute; prefix: number; rank: number; text: string } | undefined;
  const consider = (route: AnyTgwRoute, prefix: number, text: string) => {
    const rank = route.type === 'static' ? 1 : 0;
    if (!best || prefix > best.prefix || (prefix === best.prefix && rank > best.rank)) best = { route, prefix, rank, text };
  };
  for (const route of table.ipv6Routes) if (route.destination.kind === 'cidr' && cidr6Contains(route.destination.cidr, ip)) consider(route, route.destination.cidr.prefix, route.destination.cidr.text);
  for (const route of table.routes) {
    if (route.destination.kind !== 'prefix-list') continue;
    for (const cidr of model.prefixLists.get(route.destination.prefixListId)?.ipv6Cidrs ?? []) if (cidr6Contains(cidr, ip)) consider(route, cidr.prefix, cidr.text);
  }
  const found = best as { route: AnyTgwRoute; text: string } | undefined;
  return found ? { kind: 'match', route: found.route, destination: found.text } : { kind: 'none' };
}

/** Longest prefix; on equal length a static route wins over a propagated one. */
export function lookupTgwRoute(model: NetworkModel, table: TransitGatewayRouteTable, ip: Ip): TgwLookup {
  if (typeof ip === 'bigint') return lookupTgwRoute6(model, table, ip);
  let best: { route: TransitGatewayRoute; prefix: number; rank: number; text: string } | undefined;
  for (const route of table.routes) {
    const rank = route.type === 'static' ? 1 : 0;
    const cidrs = route.destination.kind === 'cidr' ? [route.destination.cidr] : (model.prefixLists.get(route.destination.prefixListId)?.cidrs ?? []);
    for (const cidr of cidrs) {
      if (!cidrContains(cidr, ip)) continue;
      if (!best || cidr.prefix > best.prefix || (cidr.prefix === best.prefix && rank > best.rank)) best = { route, prefix: cidr.prefix, rank, text: cidr.text };
    }
  }
  return best ? { kind: 'match', route: best.route, destination: best.text } : { kind: 'none' };
}

function subnetsOf(model: NetworkModel, attachment: TransitGatewayAttachment): (Subnet | undefined)[] {
  return attachment.subnetIds.map((id) => model.subnets.get(id));
}

/** The VPC attachment (of this TGW) of a VPC other than `except` whose CIDRs hold the address: where a missing route should point. */
function attachmentFor(model: NetworkModel, tgwId: string, ip: Ip): { attachment: TransitGatewayAttachment; cidr: string } | undefined {
  for (const vpc of model.vpcs.values()) {
    const cidr = blockHolding(vpcBlocksFor(vpc, ip), ip);
    if (!cidr) continue;
    const attachment = (model.indexes.tgwAttachmentsByVpc.get(vpc.id) ?? []).find((a) => a.transitGatewayId === tgwId);
    if (attachment) return { attachment, cidr: cidr.text };
  }
  return undefined;
}

const GONE = new Set(['deleted', 'deleting', 'failed', 'rejected']);

/**
 * A VPC propagation into `table` whose VPC, and so its CIDRs, the snapshot
 * lacks (its account missing) may hold the address, unless the address lies
 * in a VPC the snapshot holds that is attached to this gateway: AWS does not
 * propagate a VPC's CIDR that overlaps an attached VPC's (Transit Gateway
 * guide, "Amazon VPC attachments", Limits), so an unseen VPC cannot hold it.
 */
function unseenPropagationFor(model: NetworkModel, tgwId: string, table: TransitGatewayRouteTable, ip: Ip): string | undefined {
  const unseen = table.unknownPropagations?.[0];
  if (unseen === undefined) return undefined;
  for (const attachment of model.transitGatewayAttachments.values()) {
    if (attachment.transitGatewayId !== tgwId || attachment.resourceType !== 'vpc' || GONE.has(attachment.state)) continue;
    const vpc = model.vpcs.get(attachment.resourceId);
    if (vpc && blockHolding(vpcBlocksFor(vpc, ip), ip) !== undefined) return undefined;
  }
  return unseen;
}

/** Routed to a transit gateway from a subnet of an attached VPC. */
export function throughTransitGateway(t: LegTrace, tgw: TransitGateway, from: Place, packet: Packet): Position | undefined {
  const model = t.model;
  const attachment = (model.indexes.tgwAttachmentsByVpc.get(from.vpc.id) ?? []).find((a) => a.transitGatewayId === tgw.id && a.resourceType === 'vpc');
  if (!attachment) {
    const error = unreadable(model, from.vpc, 'TransitGatewayAttachments') ?? unreadable(model, from.vpc, 'TransitGatewayVpcAttachments');
    t.unknown({ id: tgw.id, kind: 'transit-gateway', direction: 'transit', detail: `The snapshot holds no attachment of ${from.vpc.id} to ${tgw.id}${error ? `: ${describeError(error)}` : ''}.` }, 'UNKNOWN_RESOURCE');
    return undefined;
  }
  if (!isUp(attachment.state)) {
    t.drop(attachmentHop(attachment, `${attachment.id} is ${attachment.state}, not available.`), 'BAD_STATE', attachment.state === 'pendingAcceptance' ? acceptAttachmentFix(t.model, attachment.id) : null);
    return undefined;
  }
  const subnets = subnetsOf(model, attachment);
  const entry = subnets.find((s) => s?.availabilityZone === from.az);
  if (!entry) {
    if (subnets.some((s) => s === undefined)) {
      t.unknown(attachmentHop(attachment, `Some subnets of ${attachment.id} are not in the snapshot; none of the others is in ${from.az}.`), 'UNKNOWN_RESOURCE');
      return undefined;
    }
    t.drop(attachmentHop(attachment, `${attachment.id} has no subnet in ${from.az}, the AZ of the sender: it cannot send into ${tgw.id} from there.`), 'TGW_ROUTE_AZ_RESTRICTION', tgwAzFix(t.model, attachment, from.az));
    return undefined;
  }
  t.pass(attachmentHop(attachment, `${attachment.id} takes it into ${tgw.id} through ${entry.id} (${entry.availabilityZone}).`), 'forward');
  // Into the TGW: the attachment subnet's inbound rules apply, even when the sender is in that subnet.
  if (!checkSubnetAcl(t, entry, true, packet)) return undefined;
  if (!isUp(tgw.state)) {
    t.drop({ id: tgw.id, kind: 'transit-gateway', direction: 'transit', detail: `${tgw.id} is ${tgw.state}, not available.` }, 'BAD_STATE', null);
    return undefined;
  }
  t.pass({ id: tgw.id, kind: 'transit-gateway', direction: 'transit', detail: `${tgw.id} looks up ${formatIp(packet.dstIp)} in the route table of ${attachment.id}.` }, 'forward');
  return routeInTgw(t, tgw, attachment, entry, packet);
}

function associatedTable(t: LegTrace, attachment: TransitGatewayAttachment): TransitGatewayRouteTable | undefined {
  const tableId = attachment.associatedRouteTableId;
  if (tableId === undefined) {
    t.drop(attachmentHop(attachment, `${attachment.id} is associated with no transit gateway route table.`), 'NO_ROUTE_TO_DESTINATION', null);
    return undefined;
  }
  const table = t.model.transitGatewayRouteTables.get(tableId);
  if (!table) {
    t.notes.add(warn.missingResource(tableId, attachment.id));
    // the route tables live only in the transit gateway's account, which the attachment (seen in its VPC's account) names
    const owner = attachment.transitGatewayOwnerId ?? t.model.transitGateways.get(attachment.transitGatewayId)?.ownerId;
    const what = owner && accountMissing(t.model, owner) ? notCollected(t.model, tableId, owner) : `${tableId}, which is not in the snapshot`;
    t.unknown(attachmentHop(attachment, `${attachment.id} is associated with ${what}.`), 'UNKNOWN_RESOURCE');
    return undefined;
  }
  const error = unreadable(t.model, table, 'TransitGatewayStaticRoutes', table.id) ?? unreadable(t.model, table, 'TransitGatewayPropagations', table.id);
  if (error) {
    t.notes.add(warn.unreadable('The transit gateway routes', error.account, error.region));
    t.unknown(tableHop(table, `The routes of ${table.id} are unknown: ${describeError(error)}.`), 'UNKNOWN_RESOURCE');
    return undefined;
  }
  return table;
}

/** The lookup in the entry attachment's TGW route table, and on; `entry` is the subnet it came in by (none from a VPN). */
function routeInTgw(t: LegTrace, tgw: TransitGateway, attachment: TransitGatewayAttachment, entry: Subnet | undefined, packet: Packet): Position | undefined {
  const model = t.model;
  const table = associatedTable(t, attachment);
  if (!table) return undefined;
  const lookup = lookupTgwRoute(model, table, packet.dstIp);
  const dst = formatIp(packet.dstIp);
  // the fix's change set takes IPv4 blocks only (change-set.ts)
  const wanted = typeof packet.dstIp === 'number' ? attachmentFor(model, tgw.id, packet.dstIp) : undefined;
  if (lookup.kind === 'none') {
    const opaque = table.propagatingAttachmentIds.map((id) => model.transitGatewayAttachments.get(id)).find((a) => a && a.resourceType !== 'vpc');
    if (opaque) {
      t.unknown(attachmentHop(opaque, `No route of ${table.id} matches ${dst}; ${opaque.id} (${opaque.resourceType}) propagates routes the engine does not model.`), 'UNSUPPORTED_COMPONENT');
      return undefined;
    }
  }
  const unseen = unseenPropagationFor(model, tgw.id, table, packet.dstIp);
  if (unseen !== undefined) {
    const owner = model.transitGatewayAttachments.get(unseen)?.resourceOwnerId;
    const what = owner && accountMissing(model, owner) ? notCollected(model, `the VPC behind ${unseen}`, owner) : `the VPC behind ${unseen} is not in this snapshot`;
    t.notes.add(warn.missingResource(`the CIDRs propagated by ${unseen}`, table.id));
    const known = lookup.kind === 'none' ? `No known route of ${table.id} matches ${dst}` : `Route ${lookup.destination} of ${table.id} matches ${dst}`;
    t.unknown(tableHop(table, `${known}, but ${unseen} propagates routes the snapshot cannot see (${what}): a more specific one may hold it.`, { route: null, missing: unseen }), 'UNKNOWN_RESOURCE');
    return undefined;
  }
  if (lookup.kind === 'none') {
    t.drop(tableHop(table, `No route of ${table.id} matches ${dst}.`, { route: null }), 'NO_ROUTE_TO_DESTINATION', wanted ? tgwRouteFix(model, table.id, wanted.cidr, wanted.attachment.id, false) : null);
    return undefined;
  }
  const { route, destination } = lookup;
  if (route.state === 'blackhole') {
    t.drop(tableHop(table, `Route ${destination} of ${table.id} is a blackhole.`, { route: route.raw }), 'TGW_RTB_BAD_STATE_ROUTE', wanted && route.destination.kind === 'cidr' ? tgwRouteFix(model, table.id, destination, wanted.attachment.id, true) : null);
    return undefined;
  }
  const targetId = route.targets[0]?.attachmentId;
  const next = targetId === undefined ? undefined : model.transitGatewayAttachments.get(targetId);
  if (!next) {
    if (targetId) t.notes.add(warn.missingResource(targetId, table.id));
    t.unknown(tableHop(table, `Route ${destination} of ${table.id} leads to ${targetId ?? 'no attachment'}, which is not in the snapshot.`, { route: route.raw, missing: targetId ?? null }), 'UNKNOWN_RESOURCE');
    return undefined;
  }
  t.pass(tableHop(table, `${table.id}: ${destination} -> ${next.id} (${route.type}).`, { route: route.raw }), 'forward');
  return intoVpc(t, next, entry, packet);
}

/** Out of the TGW into the attached VPC, through the attachment's subnet in the AZ the packet came from where it has one. */
function intoVpc(t: LegTrace, attachment: TransitGatewayAttachment, entry: Subnet | undefined, packet: Packet): Position | undefined {
  if (attachment.resourceType === 'vpn') return outOverVpn(t, attachment, packet);
  if (attachment.resourceType !== 'vpc') {
    t.unknown(attachmentHop(attachment, `${attachment.id} is a ${attachment.resourceType} attachment, which the engine does not model yet.`), 'UNSUPPORTED_COMPONENT');
    return undefined;
  }
  if (!isUp(attachment.state)) {
    t.drop(attachmentHop(attachment, `${attachment.id} is ${attachment.state}, not available.`), 'BAD_STATE', attachment.state === 'pendingAcceptance' ? acceptAttachmentFix(t.model, attachment.id) : null);
    return undefined;
  }
  const vpc = t.model.vpcs.get(attachment.resourceId);
  const subnets = subnetsOf(t.model, attachment).filter((s): s is Subnet => s !== undefined);
  const exit = subnets.find((s) => s.availabilityZone === entry?.availabilityZone) ?? subnets[0];
  if (!vpc || !exit) {
    const missing = vpc ? attachment.subnetIds.join(', ') || 'its subnets' : attachment.resourceId;
    t.notes.add(warn.missingResource(missing, attachment.id));
    const owner = attachment.resourceOwnerId ?? vpc?.ownerId;
    const what = owner && accountMissing(t.model, owner) ? notCollected(t.model, missing, owner) : `${missing}, which is not in the snapshot`;
    t.unknown(attachmentHop(attachment, `${attachment.id} leads to ${what}.`), 'UNKNOWN_RESOURCE');
    return undefined;
  }
  t.pass(attachmentHop(attachment, `${attachment.id} delivers it into ${vpc.id} through ${exit.id} (${exit.availabilityZone}).`), 'forward');
  return { at: 'route', place: { vpc, subnet: exit, az: exit.availabilityZone }, packet };
}

/** The VPN connection behind a TGW VPN attachment; undefined (recorded) when it is not in the snapshot or carries nothing. */
function attachedConnection(t: LegTrace, attachment: TransitGatewayAttachment): VpnConnection | undefined {
  if (!isUp(attachment.state)) {
    t.drop(attachmentHop(attachment, `${attachment.id} is ${attachment.state}, not available.`), 'BAD_STATE', null);
    return undefined;
  }
  const connection = t.model.vpnConnections.get(attachment.resourceId);
  if (!connection) {
    t.notes.add(warn.missingResource(attachment.resourceId, attachment.id));
    t.unknown(attachmentHop(attachment, `${attachment.id} leads to ${attachment.resourceId}, which is not in the snapshot.`), 'UNKNOWN_RESOURCE');
    return undefined;
  }
  return upConnection(t, [connection], 'TGW_BAD_STATE_VPN');
}

/** Out of the TGW over a VPN attachment: to the on-premises network behind its connection. */
function outOverVpn(t: LegTrace, attachment: TransitGatewayAttachment, packet: Packet): Position | undefined {
  const connection = attachedConnection(t, attachment);
  if (!connection) return undefined;
  if (!isIpv4Packet(packet)) {
    t.unknown(attachmentHop(attachment, `${attachment.id} would send the IPv6 packet to ${formatIp(packet.dstIp)} over ${connection.id}: VPN is traced over IPv4 only.`), 'UNSUPPORTED_COMPONENT');
    return undefined;
  }
  t.pass(attachmentHop(attachment, `${attachment.id} sends it over ${connection.id}.`), 'forward');
  return reachOnPremises(t, connection, packet, { kind: 'tgw', attachmentId: attachment.id });
}

/** From an on-premises host over a TGW VPN attachment: the lookup in the attachment's TGW route table, then on into a VPC. */
export function enterThroughTgwVpn(t: LegTrace, attachmentId: string, packet: Packet): Position | undefined {
  const attachment = t.model.transitGatewayAttachments.get(attachmentId);
  const tgw = attachment ? t.model.transitGateways.get(attachment.transitGatewayId) : undefined;
  if (!attachment || !tgw) {
    const missing = attachment ? attachment.transitGatewayId : attachmentId;
    t.unknown({ id: missing, kind: attachment ? 'transit-gateway' : 'tgw-attachment', direction: 'transit', detail: `${missing} is not in the snapshot.` }, 'UNKNOWN_RESOURCE');
    return undefined;
  }
  const connection = attachedConnection(t, attachment);
  if (!connection) return undefined;
  t.pass({ id: connection.id, kind: 'vpn-connection', direction: 'transit', detail: `${connection.id} carries it from ${connection.customerGatewayId ?? 'the customer gateway'} to ${attachment.id}.` }, 'forward');
  t.pass(attachmentHop(attachment, `${attachment.id} takes it into ${tgw.id}.`), 'forward');
  if (!isUp(tgw.state)) {
    t.drop({ id: tgw.id, kind: 'transit-gateway', direction: 'transit', detail: `${tgw.id} is ${tgw.state}, not available.` }, 'BAD_STATE', null);
    return undefined;
  }
  return routeInTgw(t, tgw, attachment, undefined, packet);
}
