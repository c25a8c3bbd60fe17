// Route tables (DescribeRouteTables): IPv4 routes (DestinationCidrBlock,
// DestinationPrefixListId) and IPv6 routes (DestinationIpv6CidrBlock) apart,
// with their target kind.
import { parseCidr } from '../model/ipv4.js';
import { parseCidr6 } from '../model/ipv6.js';
import type { Placement, Route, RouteDestination, RouteDestination6, RouteTable, RouteTarget } from '../model/types.js';
import type { ImportNotes } from './import-notes.js';
import type { RawOf } from './raw.js';
import { nameOf, tagsOf } from './tags.js';

type RawRoute = NonNullable<RawOf<'RouteTables'>['Routes']>[number];

const gatewayKinds: readonly (readonly [string, RouteTarget['kind']])[] = [
  ['igw-', 'internet-gateway'],
  ['vgw-', 'vpn-gateway'],
  ['vpce-', 'vpc-endpoint'],
  ['eigw-', 'egress-only-internet-gateway'],
  ['nat-', 'nat-gateway'],
  ['tgw-', 'transit-gateway'],
];

function gatewayTarget(id: string): RouteTarget {
  if (id === 'local') return { kind: 'local', id };
  const kind = gatewayKinds.find(([prefix]) => id.startsWith(prefix))?.[1] ?? 'other';
  return { kind, id };
}

/** The route's next hop; an instance route names both the instance and its ENI: the ENI is where packets go. */
export function routeTargetOf(route: RawRoute): RouteTarget {
  if (route.GatewayId) return gatewayTarget(route.GatewayId);
  if (route.NatGatewayId) return { kind: 'nat-gateway', id: route.NatGatewayId };
  if (route.VpcPeeringConnectionId) return { kind: 'peering', id: route.VpcPeeringConnectionId };
  if (route.TransitGatewayId) return { kind: 'transit-gateway', id: route.TransitGatewayId };
  if (route.EgressOnlyInternetGatewayId) return { kind: 'egress-only-internet-gateway', id: route.EgressOnlyInternetGatewayId };
  if (route.NetworkInterfaceId) return { kind: 'network-interface', id: route.NetworkInterfaceId };
  if (route.InstanceId) return { kind: 'instance', id: route.InstanceId };
  if (route.VpcEndpointId) return { kind: 'vpc-endpoint', id: route.VpcEndpointId };
  if (route.LocalGatewayId) return { kind: 'local-gateway', id: route.LocalGatewayId };
  if (route.CarrierGatewayId) return { kind: 'carrier-gateway', id: route.CarrierGatewayId };
  if (route.CoreNetworkArn) return { kind: 'core-network', id: route.CoreNetworkArn };
  return { kind: 'other', id: '' };
}

function destinationOf(route: RawRoute): RouteDestination | undefined {
  if (route.DestinationCidrBlock) return { kind: 'cidr', cidr: parseCidr(route.DestinationCidrBlock)! };
  if (route.DestinationPrefixListId) return { kind: 'prefix-list', prefixListId: route.DestinationPrefixListId };
  return undefined;
}

export function routeTableOf(raw: RawOf<'RouteTables'>, place: Placement, notes: ImportNotes): RouteTable {
  const tags = tagsOf(raw.Tags);
  const routes: Route[] = [];
  const ipv6Routes: Route<RouteDestination6>[] = [];
  for (const route of raw.Routes ?? []) {
    if (route.DestinationIpv6CidrBlock) {
      const destination: RouteDestination6 = { kind: 'cidr', cidr: parseCidr6(route.DestinationIpv6CidrBlock)! };
      ipv6Routes.push({ destination, target: routeTargetOf(route), state: route.State ?? 'active', origin: route.Origin ?? undefined, raw: route });
      continue;
    }
    const destination = destinationOf(route);
    if (!destination) {
      notes.warnGrouped('routes without a destination', raw.RouteTableId);
      continue;
    }
    routes.push({ destination, target: routeTargetOf(route), state: route.State ?? 'active', origin: route.Origin ?? undefined, raw: route });
  }
  const associations = raw.Associations ?? [];
  return {
    account: place.account, region: place.region,
    id: raw.RouteTableId,
    vpcId: raw.VpcId,
    name: nameOf(tags),
    tags,
    isMain: associations.some((association) => association.Main === true),
    subnetIds: associations.flatMap((association) => (association.SubnetId ? [association.SubnetId] : [])),
    gatewayIds: associations.flatMap((association) => (association.GatewayId ? [association.GatewayId] : [])),
    propagatingVgwIds: (raw.PropagatingVgws ?? []).map((propagation) => propagation.GatewayId),
    routes,
    ipv6Routes,
  };
}
