// What each describe list's records are on the map, and how a record is named.
// A list not in the table (a key another engineer adds) gets a kind made from
// its name ("LoadBalancers" -> "load-balancer"), so it is compared as is.

const KIND_OF_KEY: Readonly<Record<string, string>> = {
  Vpcs: 'vpc',
  Subnets: 'subnet',
  RouteTables: 'route-table',
  NetworkAcls: 'network-acl',
  SecurityGroups: 'security-group',
  NetworkInterfaces: 'eni',
  Reservations: 'instance',
  InternetGateways: 'internet-gateway',
  EgressOnlyInternetGateways: 'egress-only-internet-gateway',
  NatGateways: 'nat-gateway',
  VpcPeeringConnections: 'peering',
  TransitGateways: 'transit-gateway',
  TransitGatewayAttachments: 'tgw-attachment',
  TransitGatewayVpcAttachments: 'tgw-attachment',
  TransitGatewayRouteTables: 'tgw-route-table',
  TransitGatewayPropagations: 'tgw-route-table',
  TransitGatewayStaticRoutes: 'tgw-route-table',
  PrefixLists: 'prefix-list',
  ManagedPrefixLists: 'prefix-list',
  VpcEndpoints: 'vpc-endpoint',
  VpnGateways: 'vpn-gateway',
  VpnConnections: 'vpn-connection',
  LoadBalancers: 'load-balancer',
  LoadBalancerListeners: 'load-balancer',
  LoadBalancerAttributes: 'load-balancer',
  TargetGroups: 'target-group',
  LoadBalancerTargetHealth: 'target-group',
  Addresses: 'elastic-ip',
};

/** The kind of a describe list's records: "SecurityGroups" -> "security-group". */
export function kindOfKey(key: string): string {
  const known = KIND_OF_KEY[key];
  if (known) return known;
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return words.replace(/ies$/, 'y').replace(/(?<!s)s$/, '');
}

/** "security-group" -> "security group"; "eni" and the like stay as written. */
export function kindWords(kind: string): string {
  if (kind === 'eni') return 'ENI';
  if (kind === 'tgw-attachment') return 'transit gateway attachment';
  if (kind === 'tgw-route-table') return 'transit gateway route table';
  return kind.replace(/-/g, ' ');
}

const NAME_MEMBERS = ['GroupName', 'LoadBalancerName', 'TargetGroupName', 'PrefixListName'];

function nameTag(record: Record<string, unknown>): string | undefined {
  for (const member of ['Tags', 'TagSet']) {
    const tags = record[member];
    if (!Array.isArray(tags)) continue;
    for (const tag of tags) {
      if (tag && typeof tag === 'object' && (tag as { Key?: unknown }).Key === 'Name') {
        const value = (tag as { Value?: unknown }).Value;
        if (typeof value === 'string' && value !== '') return value;
      }
    }
  }
  return undefined;
}

/** A record's Name tag, else its group, load balancer, target group or prefix list name. */
export function recordName(record: Record<string, unknown> | undefined): string | undefined {
  if (!record) return undefined;
  const tag = nameTag(record);
  if (tag !== undefined) return tag;
  for (const member of NAME_MEMBERS) {
    const value = record[member];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}
