// What each graph node kind is on the map: a container (drawn as a box
// holding others) or a leaf; the leaves' icons and colours are in icons.ts.
export type ContainerKind = 'account' | 'region' | 'vpc' | 'az' | 'subnet';

const ALIASES: Record<string, string> = {
  'availability-zone': 'az',
  'network-interface': 'eni',
  igw: 'internet-gateway',
  'nat': 'nat-gateway',
  pcx: 'peering',
  'vpc-peering-connection': 'peering',
  tgw: 'transit-gateway',
  'vpn': 'vpn-connection',
  'elb': 'load-balancer',
};

export function normalKind(kind: string): string {
  return ALIASES[kind] ?? kind;
}

const CONTAINERS = new Set<string>(['account', 'region', 'vpc', 'az', 'subnet']);

export function isContainerKind(kind: string): kind is ContainerKind {
  return CONTAINERS.has(kind);
}

/** kinds placed on their VPC's edge (or the region's), never inside a subnet grid */
const GATEWAY_KINDS = new Set([
  'internet-gateway',
  'egress-only-internet-gateway',
  'nat-gateway',
  'transit-gateway',
  'tgw-attachment',
  'peering',
  'vpc-endpoint',
  'vpn-gateway',
  'vpn-connection',
  'on-premises',
  'load-balancer',
  'internet',
]);

export function isGatewayKind(kind: string): boolean {
  return GATEWAY_KINDS.has(kind);
}

export const CONTAINER_LABELS: Record<ContainerKind, string> = {
  account: 'Account',
  region: 'Region',
  vpc: 'VPC',
  az: 'Availability zone',
  subnet: 'Subnet',
};
