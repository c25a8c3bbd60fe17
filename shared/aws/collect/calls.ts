// What the collector asks AWS for: one list call per snapshot key and region,
// then per-resource calls for the keys that Batfish's layout builds from them.
// The order of REGION_LIST_CALLS is the start order: the calls most likely to
// need many pages go first, so that the longest pagination chains never wait
// behind short calls for a slot.

export type CollectorService = 'ec2' | 'elbv2' | 'sts';

export interface ListCall {
  readonly api: string;
  readonly service: 'ec2' | 'elbv2';
  /** the snapshot key */
  readonly key: string;
  /** the response member that holds the list, when it is not named like the key */
  readonly member?: string;
  /** the largest page AWS accepts for this call; undefined: not paginated */
  readonly maxPage?: number;
}

export const REGION_LIST_CALLS: readonly ListCall[] = [
  { api: 'DescribeNetworkInterfaces', service: 'ec2', key: 'NetworkInterfaces', maxPage: 1000 },
  { api: 'DescribeInstances', service: 'ec2', key: 'Reservations', maxPage: 1000 },
  { api: 'DescribeSecurityGroups', service: 'ec2', key: 'SecurityGroups', maxPage: 1000 },
  { api: 'DescribeRouteTables', service: 'ec2', key: 'RouteTables', maxPage: 100 },
  { api: 'DescribeSubnets', service: 'ec2', key: 'Subnets', maxPage: 1000 },
  { api: 'DescribeNetworkAcls', service: 'ec2', key: 'NetworkAcls', maxPage: 1000 },
  { api: 'DescribeVpcs', service: 'ec2', key: 'Vpcs', maxPage: 1000 },
  { api: 'DescribeLoadBalancers', service: 'elbv2', key: 'LoadBalancers', maxPage: 400 },
  { api: 'DescribeTargetGroups', service: 'elbv2', key: 'TargetGroups', maxPage: 400 },
  { api: 'DescribeTransitGatewayRouteTables', service: 'ec2', key: 'TransitGatewayRouteTables', maxPage: 1000 },
  { api: 'DescribeManagedPrefixLists', service: 'ec2', key: 'ManagedPrefixLists', member: 'PrefixLists', maxPage: 100 },
  { api: 'DescribeVpcEndpoints', service: 'ec2', key: 'VpcEndpoints', maxPage: 1000 },
  { api: 'DescribeNatGateways', service: 'ec2', key: 'NatGateways', maxPage: 1000 },
  { api: 'DescribeInternetGateways', service: 'ec2', key: 'InternetGateways', maxPage: 1000 },
  { api: 'DescribeEgressOnlyInternetGateways', service: 'ec2', key: 'EgressOnlyInternetGateways', maxPage: 255 },
  { api: 'DescribeVpcPeeringConnections', service: 'ec2', key: 'VpcPeeringConnections', maxPage: 1000 },
  { api: 'DescribeTransitGateways', service: 'ec2', key: 'TransitGateways', maxPage: 1000 },
  { api: 'DescribeTransitGatewayAttachments', service: 'ec2', key: 'TransitGatewayAttachments', maxPage: 1000 },
  { api: 'DescribeTransitGatewayVpcAttachments', service: 'ec2', key: 'TransitGatewayVpcAttachments', maxPage: 1000 },
  { api: 'DescribePrefixLists', service: 'ec2', key: 'PrefixLists', maxPage: 1000 },
  { api: 'DescribeAddresses', service: 'ec2', key: 'Addresses' },
  // not read by the model: `reachmap flowlogs fetch` takes a flow log's LogFormat from it
  { api: 'DescribeFlowLogs', service: 'ec2', key: 'FlowLogs', maxPage: 1000 },
  { api: 'DescribeVpnGateways', service: 'ec2', key: 'VpnGateways' },
  { api: 'DescribeVpnConnections', service: 'ec2', key: 'VpnConnections' },
  { api: 'DescribeCustomerGateways', service: 'ec2', key: 'CustomerGateways' },
];

/** A call made once per resource of a list; its answer becomes one `{[idField]: id, [childKey]: [...]}` entry of `key`. */
export interface PerResourceCall {
  readonly api: string;
  readonly service: 'ec2' | 'elbv2';
  /** the list key whose resources the call is made for */
  readonly parentKey: string;
  readonly idField: string;
  /** the snapshot key that collects the entries */
  readonly key: string;
  /** the member of the answer, and of the entry, that holds the list */
  readonly childKey: string;
  readonly maxPage?: number;
  /** where the parents are entries of another per-resource call: the member of each that holds the resources (LoadBalancerListeners[].Listeners) */
  readonly parentList?: string;
}

export const PER_RESOURCE_CALLS: readonly PerResourceCall[] = [
  {
    api: 'GetTransitGatewayRouteTablePropagations',
    service: 'ec2',
    parentKey: 'TransitGatewayRouteTables',
    idField: 'TransitGatewayRouteTableId',
    key: 'TransitGatewayPropagations',
    childKey: 'TransitGatewayRouteTablePropagations',
    maxPage: 1000,
  },
  {
    api: 'SearchTransitGatewayRoutes',
    service: 'ec2',
    parentKey: 'TransitGatewayRouteTables',
    idField: 'TransitGatewayRouteTableId',
    key: 'TransitGatewayStaticRoutes',
    childKey: 'Routes',
    maxPage: 1000,
  },
  {
    // its entries go into the prefix list itself: ManagedPrefixLists[].Entries
    api: 'GetManagedPrefixListEntries',
    service: 'ec2',
    parentKey: 'ManagedPrefixLists',
    idField: 'PrefixListId',
    key: 'ManagedPrefixLists',
    childKey: 'Entries',
    maxPage: 100,
  },
  {
    api: 'DescribeListeners',
    service: 'elbv2',
    parentKey: 'LoadBalancers',
    idField: 'LoadBalancerArn',
    key: 'LoadBalancerListeners',
    childKey: 'Listeners',
    maxPage: 400,
  },
  {
    api: 'DescribeLoadBalancerAttributes',
    service: 'elbv2',
    parentKey: 'LoadBalancers',
    idField: 'LoadBalancerArn',
    key: 'LoadBalancerAttributes',
    childKey: 'Attributes',
  },
  {
    api: 'DescribeTargetHealth',
    service: 'elbv2',
    parentKey: 'TargetGroups',
    idField: 'TargetGroupArn',
    key: 'LoadBalancerTargetHealth',
    childKey: 'TargetHealthDescriptions',
  },
  {
    api: 'DescribeTargetGroupAttributes',
    service: 'elbv2',
    parentKey: 'TargetGroups',
    idField: 'TargetGroupArn',
    key: 'TargetGroupAttributes',
    childKey: 'Attributes',
  },
  {
    // per listener: the listeners are read per load balancer first
    api: 'DescribeRules',
    service: 'elbv2',
    parentKey: 'LoadBalancerListeners',
    parentList: 'Listeners',
    idField: 'ListenerArn',
    key: 'LoadBalancerRules',
    childKey: 'Rules',
    maxPage: 400,
  },
];

/** Account-level calls: who we are, and which regions are enabled (only for `--regions all`). */
export const ACCOUNT_CALLS = [
  { api: 'GetCallerIdentity', service: 'sts' },
  { api: 'DescribeRegions', service: 'ec2' },
] as const;
