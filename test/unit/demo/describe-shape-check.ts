// Checks that a snapshot's region objects are what the EC2 describe APIs
// return: every member name, nesting, type and enum value taken from botocore's
// EC2 service model, so that a server speaking the EC2 API could serve them.
// The keys the collector builds itself (DESIGN section 2) are checked against
// the per-table API results they are made of.
import { loadServiceModel, type MemberRef, type ServiceModel, type Shape } from '../../aws-server/service-model.js';

type ShapeLike = Shape & { readonly enum?: readonly string[] };

/** Region key -> the model shape of one list item. */
const ITEM_SHAPES: Record<string, string> = {
  Vpcs: 'Vpc',
  Subnets: 'Subnet',
  RouteTables: 'RouteTable',
  NetworkAcls: 'NetworkAcl',
  SecurityGroups: 'SecurityGroup',
  NetworkInterfaces: 'NetworkInterface',
  Reservations: 'Reservation',
  InternetGateways: 'InternetGateway',
  EgressOnlyInternetGateways: 'EgressOnlyInternetGateway',
  NatGateways: 'NatGateway',
  VpcPeeringConnections: 'VpcPeeringConnection',
  TransitGateways: 'TransitGateway',
  TransitGatewayAttachments: 'TransitGatewayAttachment',
  TransitGatewayVpcAttachments: 'TransitGatewayVpcAttachment',
  TransitGatewayRouteTables: 'TransitGatewayRouteTable',
  ManagedPrefixLists: 'ManagedPrefixList',
  PrefixLists: 'PrefixList',
};

/** The collector's own keys: extra members on top of a model shape (or a bare wrapper). */
const COLLECTOR_ITEMS: Record<string, { base?: string; extra: Record<string, MemberRef> }> = {
  TransitGatewayPropagations: {
    extra: {
      TransitGatewayRouteTableId: { shape: 'String' },
      TransitGatewayRouteTablePropagations: { shape: 'TransitGatewayRouteTablePropagationList' },
    },
  },
  TransitGatewayStaticRoutes: { base: 'SearchTransitGatewayRoutesResult', extra: { TransitGatewayRouteTableId: { shape: 'String' } } },
  ManagedPrefixLists: { base: 'ManagedPrefixList', extra: { Entries: { shape: 'PrefixListEntrySet' } } },
};

/** ELBv2 keys, checked against botocore's elbv2 model: list items, and the collector's per-resource wrappers. */
const ELB_ITEMS: Record<string, { base?: string; extra: Record<string, MemberRef> }> = {
  LoadBalancers: { base: 'LoadBalancer', extra: {} },
  TargetGroups: { base: 'TargetGroup', extra: {} },
  LoadBalancerListeners: { extra: { LoadBalancerArn: { shape: 'LoadBalancerArn' }, Listeners: { shape: 'Listeners' } } },
  LoadBalancerAttributes: { extra: { LoadBalancerArn: { shape: 'LoadBalancerArn' }, Attributes: { shape: 'LoadBalancerAttributes' } } },
  LoadBalancerTargetHealth: { extra: { TargetGroupArn: { shape: 'TargetGroupArn' }, TargetHealthDescriptions: { shape: 'TargetHealthDescriptions' } } },
  LoadBalancerRules: { extra: { ListenerArn: { shape: 'ListenerArn' }, Rules: { shape: 'Rules' } } },
  TargetGroupAttributes: { extra: { TargetGroupArn: { shape: 'TargetGroupArn' }, Attributes: { shape: 'TargetGroupAttributes' } } },
};

/**
 * Values AWS really returns that botocore's enums leave out, each seen in the
 * real samples: IGW attachments in state "available"
 * (batfish/test-nat-gateway/aws_configs/InternetGateways.json) and NAT gateway
 * ENIs of type "nat_gateway" (batfish/test-nat-gateway/aws_configs/NetworkInterfaces.json).
 */
const REAL_VALUES_OUTSIDE_ENUMS: Record<string, readonly string[]> = {
  AttachmentStatus: ['available'],
  NetworkInterfaceType: ['nat_gateway'],
};

class ShapeChecker {
  readonly problems: string[] = [];
  constructor(private readonly model: ServiceModel) {}

  private shape(name: string): ShapeLike {
    const s = this.model.shapes[name];
    if (!s) throw new Error(`EC2 model has no shape ${name}`);
    return s as ShapeLike;
  }

  check(value: unknown, shapeName: string, where: string, extra: Record<string, MemberRef> = {}): void {
    const s = this.shape(shapeName);
    switch (s.type) {
      case 'structure':
        return this.checkStructure(value, { ...(s.members ?? {}), ...extra }, where);
      case 'list':
        if (!Array.isArray(value)) return this.fail(where, 'a list', value);
        value.forEach((item, i) => this.check(item, s.member?.shape ?? '', `${where}[${i}]`));
        return;
      case 'string':
      case 'timestamp':
        if (typeof value !== 'string') return this.fail(where, 'a string', value);
        if (s.enum && !s.enum.includes(value) && !REAL_VALUES_OUTSIDE_ENUMS[shapeName]?.includes(value)) this.fail(where, `one of ${s.enum.join('|')}`, value);
        return;
      case 'integer':
      case 'long':
        if (!Number.isInteger(value)) this.fail(where, 'an integer', value);
        return;
      case 'double':
      case 'float':
        if (typeof value !== 'number') this.fail(where, 'a number', value);
        return;
      case 'boolean':
        if (typeof value !== 'boolean') this.fail(where, 'a boolean', value);
        return;
      default:
        this.fail(where, `a ${s.type} (not checked)`, value);
    }
  }

  private checkStructure(value: unknown, members: Record<string, MemberRef>, where: string): void {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return this.fail(where, 'an object', value);
    for (const [key, member] of Object.entries(value)) {
      const ref = members[key];
      if (!ref) this.problems.push(`${where}.${key}: not a member of the describe shape`);
      else this.check(member, ref.shape, `${where}.${key}`);
    }
  }

  private fail(where: string, expected: string, value: unknown): void {
    this.problems.push(`${where}: expected ${expected}, got ${JSON.stringify(value)?.slice(0, 80)}`);
  }
}

/** Every problem found in the snapshot's region objects (empty when they are valid describe-API output). */
export function describeShapeProblems(accounts: Record<string, Record<string, Record<string, unknown>>>): string[] {
  const checker = new ShapeChecker(loadServiceModel('ec2'));
  const elb = new ShapeChecker(loadServiceModel('elbv2'));
  for (const [account, regions] of Object.entries(accounts)) {
    for (const [region, keys] of Object.entries(regions)) {
      for (const [key, items] of Object.entries(keys)) {
        const where = `${account}/${region}/${key}`;
        if (!Array.isArray(items)) {
          checker.problems.push(`${where}: not a list`);
          continue;
        }
        const elbItem = ELB_ITEMS[key];
        if (elbItem) {
          items.forEach((item, i) => (elbItem.base ? elb.check(item, elbItem.base, `${where}[${i}]`) : checkWrapper(elb, item, elbItem.extra, `${where}[${i}]`)));
          continue;
        }
        const collector = COLLECTOR_ITEMS[key];
        const base = collector ? collector.base : ITEM_SHAPES[key];
        if (!collector && !base) {
          checker.problems.push(`${where}: not a describe-API key the importer knows`);
          continue;
        }
        items.forEach((item, i) => {
          if (base) checker.check(item, base, `${where}[${i}]`, collector?.extra);
          else if (collector) checkWrapper(checker, item, collector.extra, `${where}[${i}]`);
        });
      }
    }
  }
  return [...checker.problems, ...elb.problems];
}

function checkWrapper(checker: ShapeChecker, item: unknown, members: Record<string, MemberRef>, where: string): void {
  if (item === null || typeof item !== 'object') {
    checker.problems.push(`${where}: expected an object`);
    return;
  }
  for (const [key, value] of Object.entries(item)) {
    const ref = members[key];
    if (!ref) checker.problems.push(`${where}.${key}: not a member of the collector's shape`);
    else checker.check(value, ref.shape, `${where}.${key}`);
  }
}
