// Route fixes. Toward the internet a private subnet gets a NAT gateway, never
// a route to the internet gateway (that would make it public): an existing
// healthy one in a public subnet of the VPC, else a new one, then the route.
// Toward private addresses, the peering or transit gateway that reaches them.
import type { Edit } from '../../model/change-set.js';
import { cidrContains, formatIpv4, isPrivateIpv4 } from '../../model/ipv4.js';
import type { NatGateway, NetworkModel, Route, RouteTable, Subnet, Vpc } from '../../model/types.js';
import type { Fix, FixOption } from '../analysis-types.js';
import type { Packet4 } from '../packet.js';
import type { FixContext, LegName } from '../trace.js';
import { cidr6Contains } from '../../model/ipv6.js';
import { egressOnlyGatewayOf } from '../egress-only-gateway.js';
import { fixOf, noSafeFix } from './make-fix.js';
import { nameAndId } from './words.js';

type RouteTarget = { readonly key: 'NatGatewayId' | 'VpcPeeringConnectionId' | 'TransitGatewayId' | 'GatewayId'; readonly id: string; readonly destination: string; readonly words: string };

/** The route table a subnet uses (its own, else the VPC's main table). */
function tableOf(model: NetworkModel, subnet: Subnet): RouteTable | undefined {
  return subnet.routeTableId ? model.routeTables.get(subnet.routeTableId) : undefined;
}

/** Public as AWS means it: the subnet's table sends 0.0.0.0/0 to an internet gateway. */
export function isPublicSubnet(model: NetworkModel, subnet: Subnet): boolean {
  return (tableOf(model, subnet)?.routes ?? []).some(
    (r) => r.state !== 'blackhole' && r.target.kind === 'internet-gateway' && r.destination.kind === 'cidr' && r.destination.cidr.prefix === 0 && model.internetGateways.has(r.target.id),
  );
}

/** The zones the subnets using `table` are in. */
function zonesServed(model: NetworkModel, table: RouteTable, vpc: Vpc): string[] {
  const zones = new Set<string>();
  for (const subnet of model.indexes.subnetsByVpc.get(vpc.id) ?? []) if (subnet.routeTableId === table.id) zones.add(subnet.availabilityZone);
  return [...zones].sort();
}

/** A healthy public NAT gateway of the VPC in a public subnet, the sender's zone first. */
function existingNat(model: NetworkModel, vpc: Vpc, zone: string): NatGateway | undefined {
  const candidates = [...model.natGateways.values()].filter((nat) => {
    const subnet = model.subnets.get(nat.subnetId);
    return nat.vpcId === vpc.id && nat.state === 'available' && nat.connectivityType !== 'private' && subnet !== undefined && isPublicSubnet(model, subnet);
  });
  const zoneOf = (nat: NatGateway) => model.subnets.get(nat.subnetId)!.availabilityZone;
  return candidates.sort((a, b) => Number(zoneOf(b) === zone) - Number(zoneOf(a) === zone) || a.id.localeCompare(b.id))[0];
}

/** A public subnet of the VPC to put a new NAT gateway in, the sender's zone first. */
function publicSubnetFor(model: NetworkModel, vpc: Vpc, zone: string): Subnet | undefined {
  const publics = (model.indexes.subnetsByVpc.get(vpc.id) ?? []).filter((subnet) => isPublicSubnet(model, subnet));
  return publics.sort((a, b) => Number(b.availabilityZone === zone) - Number(a.availabilityZone === zone) || a.id.localeCompare(b.id))[0];
}

/** The NAT gateway edits and words for reaching the internet from a private table. */
function natRoute(model: NetworkModel, table: RouteTable, vpc: Vpc, zone: string, replace: boolean, lead: string): Fix {
  const zones = zonesServed(model, table, vpc);
  const nat = existingNat(model, vpc, zone);
  const tableWords = nameAndId(model, table);
  const routeEdit = (natId: string): Edit =>
    replace ? { action: 'ReplaceRoute', RouteTableId: table.id, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: natId } : { action: 'CreateRoute', RouteTableId: table.id, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: natId };
  const crossZone = (natZone: string) => {
    const others = zones.filter((z) => z !== natZone);
    return others.length > 0
      ? ` ${tableWords} also serves ${others.join(', ')}: their traffic crosses zones to reach it (charged per GB, and lost if ${natZone} fails); one NAT gateway per zone, each with its own route table, avoids both.`
      : '';
  };
  if (nat) {
    const natZone = model.subnets.get(nat.subnetId)!.availabilityZone;
    const natWords = `${nameAndId(model, nat)}, the NAT gateway in ${natZone}`;
    const sentence = replace ? `Point the route for 0.0.0.0/0 of ${tableWords} at ${natWords}.` : `Add a route for 0.0.0.0/0 to ${natWords}, in ${tableWords}.`;
    return fixOf(model, `${lead}${sentence}${crossZone(natZone)}`, [routeEdit(nat.id)]);
  }
  const subnet = publicSubnetFor(model, vpc, zone);
  if (!subnet) {
    return noSafeFix(
      `${lead}${nameAndId(model, vpc)} has no public subnet (one whose table routes 0.0.0.0/0 to an attached internet gateway) to put a NAT gateway in. Routing ${tableWords} to an internet gateway would make its subnets public; instead attach an internet gateway, create a public subnet, then a NAT gateway in it.`,
    );
  }
  const edits: Edit[] = [{ action: 'CreateNatGateway', NewId: 'nat-new-1', SubnetId: subnet.id }, routeEdit('nat-new-1')];
  return fixOf(
    model,
    `${lead}Create a NAT gateway (with a new Elastic IP) in ${nameAndId(model, subnet)}, a public subnet in ${subnet.availabilityZone}, then ${replace ? `point the route for 0.0.0.0/0 of ${tableWords} at it` : `add a route for 0.0.0.0/0 to it in ${tableWords}`}.${crossZone(subnet.availabilityZone)}`,
    edits,
  );
}

/** A private destination: the active peering or transit gateway attachment that reaches it. */
function privateTarget(model: NetworkModel, vpc: Vpc, dst: number): RouteTarget | undefined {
  for (const pcx of model.indexes.peeringsByVpc.get(vpc.id) ?? []) {
    if (pcx.status !== 'active') continue;
    const other = pcx.requester.vpcId === vpc.id ? pcx.accepter : pcx.requester;
    const cidrs = model.vpcs.get(other.vpcId)?.cidrs ?? other.cidrs;
    const cidr = cidrs.find((block) => cidrContains(block, dst));
    if (cidr) return { key: 'VpcPeeringConnectionId', id: pcx.id, destination: cidr.text, words: nameAndId(model, pcx) };
  }
  const attachment = (model.indexes.tgwAttachmentsByVpc.get(vpc.id) ?? []).find((a) => a.state === 'available');
  if (attachment) {
    const remote = [...model.vpcs.values()].find((other) => other.id !== vpc.id && other.cidrs.some((block) => cidrContains(block, dst)));
    const cidr = remote?.cidrs.find((block) => cidrContains(block, dst));
    return { key: 'TransitGatewayId', id: attachment.transitGatewayId, destination: cidr?.text ?? `${formatIpv4(dst)}/32`, words: nameAndId(model, model.transitGateways.get(attachment.transitGatewayId) ?? { id: attachment.transitGatewayId }) };
  }
  return undefined;
}

function privateRoute(model: NetworkModel, table: RouteTable, vpc: Vpc, dst: number, replace: { destination: string } | undefined, lead: string): Fix | null {
  const target = privateTarget(model, vpc, dst);
  if (!target) return null;
  const destination = replace?.destination ?? target.destination;
  const edit: Edit = replace
    ? { action: 'ReplaceRoute', RouteTableId: table.id, DestinationCidrBlock: destination, [target.key]: target.id }
    : { action: 'CreateRoute', RouteTableId: table.id, DestinationCidrBlock: destination, [target.key]: target.id };
  const text = replace
    ? `${lead}Point the route for ${destination} of ${nameAndId(model, table)} at ${target.words}.`
    : `${lead}Add a route for ${destination} to ${target.words} in ${nameAndId(model, table)}.`;
  return fixOf(model, text, [edit]);
}

/** No route matched: to the internet through a NAT gateway, elsewhere through what reaches the address. */
export function noRouteFix(model: NetworkModel, table: RouteTable, vpc: Vpc, packet: Packet4, zone: string): Fix | null {
  if (!isPrivateIpv4(packet.dstIp)) return natRoute(model, table, vpc, zone, false, '');
  return privateRoute(model, table, vpc, packet.dstIp, undefined, '');
}

/** The return route a reply lacks, where its table sends it into a gateway that translated nothing; never a translator. */
export function returnRouteFix(model: NetworkModel, table: RouteTable, vpc: Vpc, packet: Packet4, zone: string): Fix | null {
  return isPrivateIpv4(packet.dstIp) ? noRouteFix(model, table, vpc, packet, zone) : null;
}

/** A blackhole: the route's target is gone. Toward the internet a NAT gateway takes its place; elsewhere what reaches the address. */
export function blackholeFix(model: NetworkModel, table: RouteTable, vpc: Vpc, route: Route, destination: string, packet: Packet4, zone: string): Fix | null {
  if (route.destination.kind !== 'cidr') return null;
  const lead = `Route ${destination} of ${nameAndId(model, table)} points at ${route.target.id}, which no longer exists or is down. `;
  const toInternet = !isPrivateIpv4(packet.dstIp);
  if (toInternet && (route.target.kind === 'nat-gateway' || route.destination.cidr.prefix === 0)) return natRoute(model, table, vpc, zone, true, lead);
  return privateRoute(model, table, vpc, packet.dstIp, { destination }, lead);
}

/** The reply must leave through the internet gateway that translated the request. */
export function returnViaGatewayFix(model: NetworkModel, context: FixContext, table: RouteTable, clientIp: number, igwId: string): { fix: Fix; options?: FixOption[] } {
  const tableWords = nameAndId(model, table);
  const lead = `Replies must leave through ${igwId}, which translated the request, but ${tableWords} sends them elsewhere.`;
  const standIn = clientIp === context.standInIp;
  const clients = standIn ? context.internetClients : `${formatIpv4(clientIp)}/32`;
  const route = (destination: string): Edit => ({ action: 'CreateRoute', RouteTableId: table.id, DestinationCidrBlock: destination, GatewayId: igwId });
  if (clients !== '0.0.0.0/0') {
    return { fix: fixOf(model, `${lead} Add a route for ${clients}${standIn ? ' (--client-cidr)' : ''} to ${igwId} in ${tableWords}.`, [route(clients)]) };
  }
  // Every internet client: the table's default route would have to change, which makes its subnets public.
  const replace: Edit = { action: 'ReplaceRoute', RouteTableId: table.id, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId };
  const hasDefault = table.routes.some((r) => r.destination.kind === 'cidr' && r.destination.cidr.prefix === 0);
  const option = fixOf(model, `Point 0.0.0.0/0 of ${tableWords} at ${igwId}.`, [hasDefault ? replace : route('0.0.0.0/0')]);
  return {
    fix: noSafeFix(`${lead} For every internet client that takes the table's default route, which would make its subnets public. Name the clients with --client-cidr for a narrower route, move the server to a public subnet, or put a load balancer in front of it.`),
    options: [{ text: option.text, tradeOff: `Makes every subnet using ${tableWords} public: each network interface there with a public IP becomes reachable from the internet on whatever its security groups admit, and the others lose their way out through the NAT gateway.`, fix: option }],
  };
}

/**
 * The IPv6 route an internet-bound IPv6 packet lacks (no NAT on IPv6: the address is global): ::/0 to the VPC's
 * egress-only gateway for a connection the machine starts, where the VPC has one (outbound only, nothing
 * exposed); else to its internet gateway (which replies to internet clients need). Toward an address of a VPC
 * block of the snapshot nothing is offered: which peering or gateway should carry it is the owner's choice.
 */
export function noRouteFix6(model: NetworkModel, table: RouteTable, vpc: Vpc, dstIp: bigint, leg: LegName): Fix | null {
  if ([...model.vpcs.values()].some((other) => other.ipv6Cidrs.some((cidr) => cidr6Contains(cidr, dstIp)))) return null;
  const eigw = leg === 'forward' ? egressOnlyGatewayOf(model, vpc) : undefined;
  const igw = vpc.internetGatewayIds.find((id) => model.internetGateways.get(id)?.attachments.some((a) => a.vpcId === vpc.id && (a.state === 'available' || a.state === 'attached')));
  const tableWords = nameAndId(model, table);
  if (eigw) {
    return fixOf(model, `Add the IPv6 route ::/0 to the egress-only gateway ${eigw.id} in ${tableWords}: the machine reaches the internet over IPv6, and nothing from the internet can start a connection to it.`, [
      { action: 'CreateRoute', RouteTableId: table.id, DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: eigw.id },
    ]);
  }
  if (!igw) return null;
  return fixOf(model, `Add the IPv6 route ::/0 to ${igw} in ${tableWords}: IPv6 addresses are global, so its subnets become reachable from the internet over IPv6 wherever their groups and ACLs admit it.`, [
    { action: 'CreateRoute', RouteTableId: table.id, DestinationIpv6CidrBlock: '::/0', GatewayId: igw },
  ]);
}
