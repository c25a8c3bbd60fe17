// Each collector call bound to its SDK v3 paginator (or, for the calls AWS
// does not paginate, to a single command), as a stream of answer pages.
import {
  DescribeAddressesCommand,
  DescribeCustomerGatewaysCommand,
  DescribeVpnConnectionsCommand,
  DescribeVpnGatewaysCommand,
  type EC2Client,
  paginateDescribeEgressOnlyInternetGateways,
  paginateDescribeFlowLogs,
  paginateDescribeInstances,
  paginateDescribeInternetGateways,
  paginateDescribeManagedPrefixLists,
  paginateDescribeNatGateways,
  paginateDescribeNetworkAcls,
  paginateDescribeNetworkInterfaces,
  paginateDescribePrefixLists,
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  paginateDescribeTransitGatewayAttachments,
  paginateDescribeTransitGatewayRouteTables,
  paginateDescribeTransitGateways,
  paginateDescribeTransitGatewayVpcAttachments,
  paginateDescribeVpcEndpoints,
  paginateDescribeVpcPeeringConnections,
  paginateDescribeVpcs,
  paginateGetManagedPrefixListEntries,
  paginateGetTransitGatewayRouteTablePropagations,
  paginateSearchTransitGatewayRoutes,
} from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancerAttributesCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetHealthCommand,
  type ElasticLoadBalancingV2Client,
  paginateDescribeListeners,
  paginateDescribeLoadBalancers,
  paginateDescribeRules,
  paginateDescribeTargetGroups,
} from '@aws-sdk/client-elastic-load-balancing-v2';

export interface RegionClients {
  readonly ec2: EC2Client;
  readonly elbv2: ElasticLoadBalancingV2Client;
}

/** Answer pages; each `next()` sends exactly one request (retries aside). */
export type Pages = AsyncIterator<object>;

interface PageRequest {
  readonly clients: RegionClients;
  readonly pageSize: number | undefined;
  readonly signal: AbortSignal | undefined;
}

type ListPages = (request: PageRequest) => Pages;
type ResourcePages = (request: PageRequest, id: string) => Pages;

async function* single(answer: () => Promise<object>): AsyncGenerator<object> {
  yield await answer();
}

const options = (signal: AbortSignal | undefined) => ({ abortSignal: signal });
const ec2 = ({ clients, pageSize }: PageRequest) => ({ client: clients.ec2, pageSize });
const elb = ({ clients, pageSize }: PageRequest) => ({ client: clients.elbv2, pageSize });

export const LIST_PAGES: Readonly<Record<string, ListPages>> = {
  DescribeNetworkInterfaces: (r) => paginateDescribeNetworkInterfaces(ec2(r), {}, options(r.signal)),
  DescribeInstances: (r) => paginateDescribeInstances(ec2(r), {}, options(r.signal)),
  DescribeSecurityGroups: (r) => paginateDescribeSecurityGroups(ec2(r), {}, options(r.signal)),
  DescribeRouteTables: (r) => paginateDescribeRouteTables(ec2(r), {}, options(r.signal)),
  DescribeSubnets: (r) => paginateDescribeSubnets(ec2(r), {}, options(r.signal)),
  DescribeNetworkAcls: (r) => paginateDescribeNetworkAcls(ec2(r), {}, options(r.signal)),
  DescribeVpcs: (r) => paginateDescribeVpcs(ec2(r), {}, options(r.signal)),
  DescribeLoadBalancers: (r) => paginateDescribeLoadBalancers(elb(r), {}, options(r.signal)),
  DescribeTargetGroups: (r) => paginateDescribeTargetGroups(elb(r), {}, options(r.signal)),
  DescribeTransitGatewayRouteTables: (r) => paginateDescribeTransitGatewayRouteTables(ec2(r), {}, options(r.signal)),
  DescribeManagedPrefixLists: (r) => paginateDescribeManagedPrefixLists(ec2(r), {}, options(r.signal)),
  DescribeVpcEndpoints: (r) => paginateDescribeVpcEndpoints(ec2(r), {}, options(r.signal)),
  DescribeNatGateways: (r) => paginateDescribeNatGateways(ec2(r), {}, options(r.signal)),
  DescribeInternetGateways: (r) => paginateDescribeInternetGateways(ec2(r), {}, options(r.signal)),
  DescribeEgressOnlyInternetGateways: (r) => paginateDescribeEgressOnlyInternetGateways(ec2(r), {}, options(r.signal)),
  DescribeVpcPeeringConnections: (r) => paginateDescribeVpcPeeringConnections(ec2(r), {}, options(r.signal)),
  DescribeTransitGateways: (r) => paginateDescribeTransitGateways(ec2(r), {}, options(r.signal)),
  DescribeTransitGatewayAttachments: (r) => paginateDescribeTransitGatewayAttachments(ec2(r), {}, options(r.signal)),
  DescribeTransitGatewayVpcAttachments: (r) =>
    paginateDescribeTransitGatewayVpcAttachments(ec2(r), {}, options(r.signal)),
  DescribePrefixLists: (r) => paginateDescribePrefixLists(ec2(r), {}, options(r.signal)),
  DescribeFlowLogs: (r) => paginateDescribeFlowLogs(ec2(r), {}, options(r.signal)),
  DescribeAddresses: (r) => single(() => r.clients.ec2.send(new DescribeAddressesCommand({}), options(r.signal))),
  DescribeVpnGateways: (r) => single(() => r.clients.ec2.send(new DescribeVpnGatewaysCommand({}), options(r.signal))),
  DescribeVpnConnections: (r) =>
    single(() => r.clients.ec2.send(new DescribeVpnConnectionsCommand({}), options(r.signal))),
  DescribeCustomerGateways: (r) =>
    single(() => r.clients.ec2.send(new DescribeCustomerGatewaysCommand({}), options(r.signal))),
};

export const RESOURCE_PAGES: Readonly<Record<string, ResourcePages>> = {
  GetTransitGatewayRouteTablePropagations: (r, id) =>
    paginateGetTransitGatewayRouteTablePropagations(ec2(r), { TransitGatewayRouteTableId: id }, options(r.signal)),
  SearchTransitGatewayRoutes: (r, id) =>
    paginateSearchTransitGatewayRoutes(
      ec2(r),
      // the propagated routes follow from the propagations; only static ones need reading
      { TransitGatewayRouteTableId: id, Filters: [{ Name: 'type', Values: ['static'] }] },
      options(r.signal),
    ),
  GetManagedPrefixListEntries: (r, id) => paginateGetManagedPrefixListEntries(ec2(r), { PrefixListId: id }, options(r.signal)),
  DescribeListeners: (r, id) => paginateDescribeListeners(elb(r), { LoadBalancerArn: id }, options(r.signal)),
  DescribeLoadBalancerAttributes: (r, id) =>
    single(() => r.clients.elbv2.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: id }), options(r.signal))),
  DescribeTargetHealth: (r, id) =>
    single(() => r.clients.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: id }), options(r.signal))),
  DescribeTargetGroupAttributes: (r, id) =>
    single(() => r.clients.elbv2.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: id }), options(r.signal))),
  DescribeRules: (r, id) => paginateDescribeRules(elb(r), { ListenerArn: id }, options(r.signal)),
};

/** Page-token members, which belong to the transport and not to the snapshot. */
export const TOKEN_MEMBERS: ReadonlySet<string> = new Set(['NextToken', 'NextMarker']);
