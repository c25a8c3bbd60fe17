// What each AWS action answers, read from a raw snapshot (one account and
// region at a time): the list it returns, or the per-resource list that the
// collector-built keys (TransitGatewayPropagations, LoadBalancerListeners,
// ManagedPrefixLists[].Entries, ...) were made from.
import type { RawRegion } from '../../shared/aws/raw.js';

export type ServiceName = 'ec2' | 'elbv2' | 'sts' | 'organizations' | 'logs';

export interface RequestContext {
  readonly account: string;
  readonly region: string;
  /** every region the account has in the snapshot */
  readonly regions: readonly string[];
  readonly data: RawRegion;
  readonly params: URLSearchParams;
  /** STS AssumeRole: the temporary credentials' key for the role's account, or an AwsFault as AWS refuses */
  readonly assumeRole?: (roleArn: string) => { accessKeyId: string; account: string; expiration: Date } | undefined;
}

/** An AWS error response: code and message as AWS words them. */
export class AwsFault extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** The whole (unpaginated) list an action answers with, or the complete output for actions without a list. */
export type Answer = { readonly list: readonly unknown[] } | { readonly output: Readonly<Record<string, unknown>> };

export interface OperationSpec {
  readonly service: ServiceName;
  answer(ctx: RequestContext): Answer;
}

type Row = Readonly<Record<string, unknown>>;

function rows(data: RawRegion, key: string): readonly Row[] {
  const value = data[key];
  return Array.isArray(value) ? (value as Row[]) : [];
}

function requiredParam(ctx: RequestContext, name: string): string {
  const value = ctx.params.get(name);
  if (!value) throw new AwsFault('MissingParameter', `The request must contain the parameter ${name}`);
  return value;
}

/** A list the snapshot stores per parent resource (`{ParentId, Child: [...]}`); a known parent without an entry has none. */
function childList(
  ctx: RequestContext,
  options: { param: string; parentKey: string; entryKey: string; childKey: string; notFound: string },
): readonly unknown[] {
  const id = requiredParam(ctx, options.param);
  const entry = rows(ctx.data, options.entryKey).find((row) => row[options.param] === id);
  if (entry) return (entry[options.childKey] as unknown[] | undefined) ?? [];
  if (rows(ctx.data, options.parentKey).some((row) => row[options.param] === id)) return [];
  throw new AwsFault(options.notFound, `The ${options.param} '${id}' does not exist`);
}

/** EC2 filters as the Query API sends them: Filter.N.Name, Filter.N.Value.M. */
function filters(params: URLSearchParams): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const [name, value] of params) {
    const match = /^Filter\.(\d+)\.Name$/.exec(name);
    if (!match) continue;
    const values: string[] = [];
    for (let m = 1; params.has(`Filter.${match[1]}.Value.${m}`); m++) values.push(params.get(`Filter.${match[1]}.Value.${m}`)!);
    result.set(value, values);
  }
  return result;
}

/** Describe calls that return one snapshot key as it is: the key is the output member's name. */
const EC2_LISTS: Readonly<Record<string, string>> = {
  DescribeVpcs: 'Vpcs',
  DescribeSubnets: 'Subnets',
  DescribeRouteTables: 'RouteTables',
  DescribeSecurityGroups: 'SecurityGroups',
  DescribeNetworkAcls: 'NetworkAcls',
  DescribeNetworkInterfaces: 'NetworkInterfaces',
  DescribeInstances: 'Reservations',
  DescribeInternetGateways: 'InternetGateways',
  DescribeEgressOnlyInternetGateways: 'EgressOnlyInternetGateways',
  DescribeNatGateways: 'NatGateways',
  DescribeVpcPeeringConnections: 'VpcPeeringConnections',
  DescribeTransitGateways: 'TransitGateways',
  DescribeTransitGatewayAttachments: 'TransitGatewayAttachments',
  DescribeTransitGatewayVpcAttachments: 'TransitGatewayVpcAttachments',
  DescribeTransitGatewayRouteTables: 'TransitGatewayRouteTables',
  DescribePrefixLists: 'PrefixLists',
  DescribeManagedPrefixLists: 'ManagedPrefixLists',
  DescribeVpcEndpoints: 'VpcEndpoints',
  DescribeVpnGateways: 'VpnGateways',
  DescribeVpnConnections: 'VpnConnections',
  DescribeCustomerGateways: 'CustomerGateways',
  DescribeAddresses: 'Addresses',
  DescribeFlowLogs: 'FlowLogs',
};

const ELB_LISTS: Readonly<Record<string, string>> = {
  DescribeLoadBalancers: 'LoadBalancers',
  DescribeTargetGroups: 'TargetGroups',
};

const PER_RESOURCE: Readonly<Record<string, OperationSpec>> = {
  GetTransitGatewayRouteTablePropagations: {
    service: 'ec2',
    answer: (ctx) => ({
      list: childList(ctx, {
        param: 'TransitGatewayRouteTableId',
        parentKey: 'TransitGatewayRouteTables',
        entryKey: 'TransitGatewayPropagations',
        childKey: 'TransitGatewayRouteTablePropagations',
        notFound: 'InvalidRouteTableID.NotFound',
      }),
    }),
  },
  SearchTransitGatewayRoutes: {
    service: 'ec2',
    answer: (ctx) => {
      const routes = childList(ctx, {
        param: 'TransitGatewayRouteTableId',
        parentKey: 'TransitGatewayRouteTables',
        entryKey: 'TransitGatewayStaticRoutes',
        childKey: 'Routes',
        notFound: 'InvalidRouteTableID.NotFound',
      }) as Row[];
      const wanted = filters(ctx.params);
      if (wanted.size === 0) throw new AwsFault('MissingParameter', 'The request must contain the parameter Filter');
      const matching = routes.filter((route) =>
        [...wanted].every(([name, values]) => {
          const field = name === 'type' ? route.Type : name === 'state' ? route.State : undefined;
          return field === undefined || values.includes(String(field));
        }),
      );
      // No NextToken in this model's version of the API: at most MaxResults routes, and a flag for the rest.
      const max = Number(ctx.params.get('MaxResults') ?? 1000);
      return { output: { Routes: matching.slice(0, max), AdditionalRoutesAvailable: matching.length > max } };
    },
  },
  GetManagedPrefixListEntries: {
    service: 'ec2',
    answer: (ctx) => {
      const id = requiredParam(ctx, 'PrefixListId');
      const list = rows(ctx.data, 'ManagedPrefixLists').find((row) => row.PrefixListId === id);
      if (!list) throw new AwsFault('InvalidPrefixListID.NotFound', `The prefix list ID '${id}' does not exist`);
      return { list: (list.Entries as unknown[] | undefined) ?? [] };
    },
  },
  DescribeRegions: {
    service: 'ec2',
    answer: (ctx) => ({
      output: {
        Regions: ctx.regions.map((name) => ({
          RegionName: name,
          Endpoint: `ec2.${name}.amazonaws.com`,
          OptInStatus: 'opt-in-not-required',
        })),
      },
    }),
  },
  DescribeListeners: {
    service: 'elbv2',
    answer: (ctx) => ({
      list: childList(ctx, {
        param: 'LoadBalancerArn',
        parentKey: 'LoadBalancers',
        entryKey: 'LoadBalancerListeners',
        childKey: 'Listeners',
        notFound: 'LoadBalancerNotFound',
      }),
    }),
  },
  DescribeLoadBalancerAttributes: {
    service: 'elbv2',
    answer: (ctx) => ({
      output: {
        Attributes: childList(ctx, {
          param: 'LoadBalancerArn',
          parentKey: 'LoadBalancers',
          entryKey: 'LoadBalancerAttributes',
          childKey: 'Attributes',
          notFound: 'LoadBalancerNotFound',
        }),
      },
    }),
  },
  DescribeTargetHealth: {
    service: 'elbv2',
    answer: (ctx) => ({
      output: {
        TargetHealthDescriptions: childList(ctx, {
          param: 'TargetGroupArn',
          parentKey: 'TargetGroups',
          entryKey: 'LoadBalancerTargetHealth',
          childKey: 'TargetHealthDescriptions',
          notFound: 'TargetGroupNotFound',
        }),
      },
    }),
  },
  DescribeTargetGroupAttributes: {
    service: 'elbv2',
    answer: (ctx) => ({
      output: {
        Attributes: childList(ctx, {
          param: 'TargetGroupArn',
          parentKey: 'TargetGroups',
          entryKey: 'TargetGroupAttributes',
          childKey: 'Attributes',
          notFound: 'TargetGroupNotFound',
        }),
      },
    }),
  },
  DescribeRules: {
    service: 'elbv2',
    answer: (ctx) => {
      // the listeners are inside LoadBalancerListeners[].Listeners: a listener no entry names does not exist
      const id = requiredParam(ctx, 'ListenerArn');
      const entry = rows(ctx.data, 'LoadBalancerRules').find((row) => row.ListenerArn === id);
      if (entry) return { list: (entry.Rules as unknown[] | undefined) ?? [] };
      const known = rows(ctx.data, 'LoadBalancerListeners').some((row) => ((row.Listeners as Row[] | undefined) ?? []).some((listener) => listener.ListenerArn === id));
      if (!known) throw new AwsFault('ListenerNotFound', `The ListenerArn '${id}' does not exist`);
      return { list: [] };
    },
  },
  AssumeRole: {
    service: 'sts',
    answer: (ctx) => {
      const roleArn = requiredParam(ctx, 'RoleArn');
      const sessionName = requiredParam(ctx, 'RoleSessionName');
      const granted = ctx.assumeRole?.(roleArn);
      if (!granted) throw new AwsFault('AccessDenied', `User: arn:aws:iam::${ctx.account}:user/reachmap-test is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
      const roleName = roleArn.split('/').pop()!;
      return {
        output: {
          Credentials: {
            AccessKeyId: granted.accessKeyId,
            SecretAccessKey: 'reachmap-test-assumed-secret',
            SessionToken: `reachmap-test-session-${granted.accessKeyId}`,
            Expiration: granted.expiration.toISOString(),
          },
          AssumedRoleUser: {
            AssumedRoleId: `AROAREACHMAPTEST:${sessionName}`,
            Arn: `arn:aws:sts::${granted.account}:assumed-role/${roleName}/${sessionName}`,
          },
        },
      };
    },
  },
  GetCallerIdentity: {
    service: 'sts',
    answer: (ctx) => ({
      output: {
        Account: ctx.account,
        Arn: `arn:aws:iam::${ctx.account}:user/reachmap-test`,
        UserId: 'AIDAREACHMAPTESTUSER',
      },
    }),
  },
};

export function operationSpec(action: string): OperationSpec | undefined {
  const ec2Key = EC2_LISTS[action];
  if (ec2Key) return { service: 'ec2', answer: (ctx) => ({ list: rows(ctx.data, ec2Key) }) };
  const elbKey = ELB_LISTS[action];
  if (elbKey) return { service: 'elbv2', answer: (ctx) => ({ list: rows(ctx.data, elbKey) }) };
  return PER_RESOURCE[action];
}
