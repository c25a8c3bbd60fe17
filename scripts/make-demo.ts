// Writes the bundled demo network, assets/demo/demo-snapshot.json: "Acme", a
// workload account with three VPCs in two regions and a network account with
// one VPC peered with prod (across accounts), with the classic faults of
// PLAYBOOK.md planted where a user would stumble on them. Every planted fault
// is explained, with the flow that shows it, in assets/demo/README.md; a change
// here must keep that file true.
//
//   node --import tsx scripts/make-demo.ts [OUT]
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  RegionBuilder,
  allowAllEntries,
  awsPrefixList,
  defaultSecurityGroup,
  egressOnlyInternetGateway,
  instance,
  internetGateway,
  managedPrefixList,
  natGateway,
  networkAcl,
  networkInterface,
  peeringConnection,
  reservation,
  routeTable,
  securityGroup,
  snapshotOf,
  subnet,
  transitGateway,
  tgwAttachment,
  tgwPropagations,
  tgwRouteTable,
  tgwStaticRoutes,
  tgwVpcAttachment,
  vpc,
  type AclEntrySpec,
  type EniSpec,
  type Json,
  type PermissionSpec,
  type RouteSpec,
} from '../test/bench/describe-shapes.js';
import { addLoadBalancer, loadBalancerArn, nodeDescription, targetGroupArn, type DemoBalancer, type DemoTargetGroup } from './demo-load-balancers.js';

const ACCOUNT = '111122223333';
/** Acme's network account: its own VPC, peered with prod (F12) */
const NETWORK_ACCOUNT = '444455556666';

/** Demo ids: the prefix, "0de", then a number whose first hex digit names the VPC (1 prod, 2 shared, 3 analytics). */
export function demoId(prefix: string, n: number): string {
  return `${prefix}-0de${n.toString(16).padStart(14, '0')}`;
}

interface VpcDef {
  region: RegionBuilder;
  id: string;
  cidr: string;
  /** the VPC's IPv6 block (Amazon-provided /56), when it has one */
  ipv6Cidr?: string;
  name: string;
}

/** Writes one VPC's subnets, tables, ACLs, groups and instances into its region. */
class VpcWriter {
  private readonly groupNames = new Map<string, string>();
  private readonly subnetAz = new Map<string, string>();
  private readonly reservations: Json[] = [];

  constructor(readonly def: VpcDef) {
    def.region.add('Vpcs', vpc({ id: def.id, cidr: def.cidr, ...(def.ipv6Cidr ? { ipv6Cidr: def.ipv6Cidr } : {}), name: def.name, owner: this.region.account }));
  }

  private get region(): RegionBuilder {
    return this.def.region;
  }

  /** A subnet; with an IPv6 block (a /64 of the VPC's), a dual-stack one. */
  subnet(n: number, name: string, cidr: string, az: string, mapPublicIpOnLaunch = false, ipv6Cidr?: string): string {
    const id = demoId('subnet', n);
    this.subnetAz.set(id, az);
    this.region.add('Subnets', subnet({ id, vpcId: this.def.id, cidr, az, region: this.region.region, owner: this.region.account, name, mapPublicIpOnLaunch, ...(ipv6Cidr ? { ipv6Cidr } : {}) }));
    return id;
  }

  routeTable(n: number, name: string, subnetIds: string[], routes: RouteSpec[], main = false): string {
    const id = demoId('rtb', n);
    // AWS adds a local route for each of the VPC's blocks, its IPv6 block included, to every table
    const vpcIpv6Cidrs = this.def.ipv6Cidr ? [this.def.ipv6Cidr] : [];
    this.region.add('RouteTables', routeTable({ id, vpcId: this.def.id, owner: this.region.account, name, main, subnetIds, vpcCidrs: [this.def.cidr], vpcIpv6Cidrs, routes }));
    return id;
  }

  acl(n: number, name: string | undefined, subnetIds: string[], entries: AclEntrySpec[] | 'default'): string {
    const id = demoId('acl', n);
    const isDefault = entries === 'default';
    // in a VPC with an IPv6 block, AWS's entries include IPv6's (the default ACL allows all IPv6 as rule 101; every ACL ends in 32768)
    const ipv6 = this.def.ipv6Cidr !== undefined;
    const base = networkAcl({ id, vpcId: this.def.id, owner: this.region.account, name, isDefault, subnetIds, entries: isDefault ? [] : entries, ipv6 });
    this.region.add('NetworkAcls', isDefault ? { ...base, Entries: allowAllEntries(ipv6) } : base);
    return id;
  }

  defaultGroup(n: number): string {
    const id = demoId('sg', n);
    this.groupNames.set(id, 'default');
    this.region.add('SecurityGroups', defaultSecurityGroup(id, this.def.id, this.region.account));
    return id;
  }

  group(n: number, name: string, description: string, ingress: PermissionSpec[], egress?: PermissionSpec[]): string {
    const id = demoId('sg', n);
    this.groupNames.set(id, name);
    this.region.add('SecurityGroups', securityGroup({ id, name, description, vpcId: this.def.id, owner: this.region.account, ingress, ...(egress ? { egress } : {}) }));
    return id;
  }

  private eni(n: number, subnetId: string, ip: string, groups: string[], extra: Partial<EniSpec>): EniSpec {
    const az = this.subnetAz.get(subnetId);
    if (!az) throw new Error(`unknown subnet ${subnetId}`);
    return {
      id: demoId('eni', n),
      subnetId,
      vpcId: this.def.id,
      az,
      region: this.region.region,
      owner: this.region.account,
      privateIps: [ip],
      groups: groups.map((g) => [g, this.groupNames.get(g) ?? g] as const),
      ...extra,
    };
  }

  /** An instance with one ENI (same number as the instance). */
  instance(
    n: number,
    name: string,
    subnetId: string,
    ip: string,
    groups: string[],
    opts: { type?: string; publicIp?: string; eip?: boolean; state?: 'running' | 'stopped'; role?: string; ipv6?: string[] } = {},
  ): string {
    const instanceId = demoId('i', n);
    const spec = this.eni(n, subnetId, ip, groups, {
      instanceId,
      deviceIndex: 0,
      description: opts.role ? `Primary network interface (${opts.role})` : '',
      ...(opts.publicIp && opts.state !== 'stopped' ? { publicIp: opts.publicIp } : {}),
      ...(opts.eip ? { elasticIpAllocationId: demoId('eipalloc', n) } : {}),
      ...(opts.ipv6 ? { ipv6Ips: opts.ipv6 } : {}),
    });
    this.region.add('NetworkInterfaces', networkInterface(spec));
    const inst = instance({
      id: instanceId,
      name,
      state: opts.state ?? 'running',
      instanceType: opts.type ?? 't3.medium',
      keyName: 'acme-ops',
      enis: [spec],
      tags: { Environment: this.def.name.replace('acme-', ''), Owner: 'platform-team', ...(opts.role ? { Role: opts.role } : {}) },
    });
    this.reservations.push(reservation(demoId('r', n), this.region.account, [inst]));
    return instanceId;
  }

  /** The ENI a NAT gateway or transit gateway attachment owns in a subnet. */
  serviceEni(n: number, subnetId: string, ip: string, kind: 'nat_gateway' | 'transit_gateway', owner: string, publicIp?: string, allocation?: string): string {
    const description = kind === 'nat_gateway' ? `Interface for NAT Gateway ${owner}` : `Network Interface for Transit Gateway Attachment ${owner}`;
    const spec = this.eni(n, subnetId, ip, [], {
      interfaceType: kind,
      description,
      requesterManaged: kind === 'nat_gateway',
      sourceDestCheck: false,
      ...(publicIp ? { publicIp } : {}),
      ...(allocation ? { elasticIpAllocationId: allocation } : {}),
    });
    this.region.add('NetworkInterfaces', networkInterface(spec));
    return spec.id;
  }

  /** A load balancer node's network interface (requester-managed by ELB; an internet-facing one has a public address). */
  loadBalancerNode(n: number, subnetId: string, ip: string, groups: string[], description: string, kind: 'interface' | 'network_load_balancer', publicIp?: string): string {
    const spec = this.eni(n, subnetId, ip, groups, { interfaceType: kind, description, requesterManaged: true, ...(publicIp ? { publicIp } : {}) });
    this.region.add('NetworkInterfaces', networkInterface(spec));
    return spec.id;
  }

  internetGateway(n: number, name: string): string {
    const id = demoId('igw', n);
    this.region.add('InternetGateways', internetGateway(id, this.def.id, this.region.account, name));
    return id;
  }

  /** An egress-only internet gateway (IPv6 out and its replies back in; nothing started from the internet). */
  egressOnlyGateway(n: number, name: string): string {
    const id = demoId('eigw', n);
    this.region.add('EgressOnlyInternetGateways', egressOnlyInternetGateway(id, this.def.id, name));
    return id;
  }

  /** An available NAT gateway with its ENI (number eniN) and Elastic IP in a public subnet. */
  natGateway(n: number, eniN: number, subnetId: string, name: string, privateIp: string, publicIp: string): string {
    const id = demoId('nat', n);
    const allocationId = demoId('eipalloc', eniN);
    const eniId = this.serviceEni(eniN, subnetId, privateIp, 'nat_gateway', id, publicIp, allocationId);
    this.region.add('NatGateways', natGateway({ id, vpcId: this.def.id, subnetId, name, eniId, privateIp, publicIp, allocationId }));
    return id;
  }

  finish(): void {
    this.region.add('Reservations', ...this.reservations);
  }
}

/**
 * acme-prod-alb (internet-facing, us-east-1a and 1b): HTTPS:443 forwards to
 * acme-prod-api-tg (HTTP 8080: prod-api-1, -2 and the stopped -3), whose
 * health check asks /health on port 8081, which acme-prod-api does not admit
 * (F10): both running targets time out, and the ALB fails open.
 */
function addProdLoadBalancer(prod: VpcWriter, vpcId: string, subnets: [string, string], sgAlb: string, region: RegionBuilder): void {
  const lb: DemoBalancer = {
    account: ACCOUNT, name: 'acme-prod-alb', id: '0de5a1b0c0de0101', type: 'application', scheme: 'internet-facing', vpcId,
    zones: [[subnets[0], 'us-east-1a'], [subnets[1], 'us-east-1b']],
    securityGroups: [sgAlb],
    attributes: [['deletion_protection.enabled', 'true'], ['idle_timeout.timeout_seconds', '60'], ['routing.http2.enabled', 'true'], ['load_balancing.cross_zone.enabled', 'true']],
  };
  prod.loadBalancerNode(0x1f2, subnets[0], '10.0.0.100', [sgAlb], nodeDescription(lb), 'interface', '203.0.113.21');
  prod.loadBalancerNode(0x1f3, subnets[1], '10.0.1.100', [sgAlb], nodeDescription(lb), 'interface', '203.0.113.22');
  const api: DemoTargetGroup = {
    account: ACCOUNT, name: 'acme-prod-api-tg', id: '0de5a1b0c0de0102', protocol: 'HTTP', port: 8080, vpcId,
    loadBalancerArns: [loadBalancerArn(lb)],
    healthCheck: { protocol: 'HTTP', port: '8081', path: '/health' },
    targets: [
      [demoId('i', 0x105), 'unhealthy', 'Target.Timeout'],
      [demoId('i', 0x106), 'unhealthy', 'Target.Timeout'],
      [demoId('i', 0x107), 'unused', 'Target.InvalidState'],
    ],
    attributes: [['deregistration_delay.timeout_seconds', '300'], ['stickiness.enabled', 'false'], ['load_balancing.algorithm.type', 'round_robin'], ['load_balancing.cross_zone.enabled', 'use_load_balancer_configuration']],
  };
  addLoadBalancer(region, lb, [{ id: '0de5a1b0c0de0103', protocol: 'HTTPS', port: 443, targetGroupArn: targetGroupArn(api), rules: [['10', '/api/*', targetGroupArn(api)]] }], [api]);
}

/**
 * acme-shared-logs-nlb (internal, no security groups, cross-zone off):
 * TCP:6514 forwards to acme-shared-logs-tg (the log collector, us-east-1a,
 * healthy); client IP preservation (the default for instance targets) lets
 * acme-shared-logs judge the senders' own addresses.
 */
function addSharedLoadBalancer(shared: VpcWriter, vpcId: string, subnets: [string, string], region: RegionBuilder): void {
  const lb: DemoBalancer = {
    account: ACCOUNT, name: 'acme-shared-logs-nlb', id: '0de5a1b0c0de0201', type: 'network', scheme: 'internal', vpcId,
    zones: [[subnets[0], 'us-east-1a'], [subnets[1], 'us-east-1b']],
    securityGroups: [],
    attributes: [['deletion_protection.enabled', 'false'], ['load_balancing.cross_zone.enabled', 'false']],
  };
  shared.loadBalancerNode(0x2f3, subnets[0], '10.1.0.200', [], nodeDescription(lb), 'network_load_balancer');
  shared.loadBalancerNode(0x2f4, subnets[1], '10.1.1.200', [], nodeDescription(lb), 'network_load_balancer');
  const logs: DemoTargetGroup = {
    account: ACCOUNT, name: 'acme-shared-logs-tg', id: '0de5a1b0c0de0202', protocol: 'TCP', port: 6514, vpcId,
    loadBalancerArns: [loadBalancerArn(lb)],
    healthCheck: { protocol: 'TCP', port: 'traffic-port' },
    targets: [[demoId('i', 0x205), 'healthy']],
    attributes: [['deregistration_delay.timeout_seconds', '300'], ['preserve_client_ip.enabled', 'true'], ['load_balancing.cross_zone.enabled', 'use_load_balancer_configuration']],
  };
  addLoadBalancer(region, lb, [{ id: '0de5a1b0c0de0203', protocol: 'TCP', port: 6514, targetGroupArn: targetGroupArn(logs), rules: [] }], [logs]);
}

const tcp = (from: number, to: number, peer: Omit<PermissionSpec, 'protocol' | 'ports'>): PermissionSpec => ({ protocol: 'tcp', ports: [from, to], ...peer });
const acl = (rule: number, egress: boolean, protocol: AclEntrySpec['protocol'], cidr: string, ports?: [number, number], allow = true): AclEntrySpec =>
  ({ rule, egress, allow, protocol, cidr, ...(ports ? { ports } : {}) });

export function buildDemo(): ReturnType<typeof snapshotOf> {
  const use1 = new RegionBuilder(ACCOUNT, 'us-east-1');
  const euw1 = new RegionBuilder(ACCOUNT, 'eu-west-1');

  const prodVpc = demoId('vpc', 0x100);
  const sharedVpc = demoId('vpc', 0x200);
  const analyticsVpc = demoId('vpc', 0x300);
  const tgw = demoId('tgw', 0x100);
  const tgwRtb = demoId('tgw-rtb', 0x100);
  const prodAttach = demoId('tgw-attach', 0x101);
  const pcxProdNetwork = demoId('pcx', 0x501);
  const networkVpc = demoId('vpc', 0x500);
  const sgNetworkMonitor = demoId('sg', 0x501);
  const sharedAttach = demoId('tgw-attach', 0x102);
  const pcxProdAnalytics = demoId('pcx', 0x101);
  const pcxSharedAnalytics = demoId('pcx', 0x201);
  const officeList = demoId('pl', 0x101);
  const s3List = 'pl-63a5400a';

  // ---- us-east-1: acme-prod, 10.0.0.0/16 --------------------------------
  // IPv6 was enabled on prod for the status page's dual-stack subnet only (F11)
  const prod = new VpcWriter({ region: use1, id: prodVpc, cidr: '10.0.0.0/16', ipv6Cidr: '2600:1f18:4de0:100::/56', name: 'acme-prod' });
  const prodPublicA = prod.subnet(0x111, 'prod-public-a', '10.0.0.0/24', 'us-east-1a', true);
  // Created by hand without auto-assign: prod-web-3 was launched here and got no public IP.
  const prodPublicB = prod.subnet(0x112, 'prod-public-b', '10.0.1.0/24', 'us-east-1b', false);
  const prodAppA = prod.subnet(0x113, 'prod-app-a', '10.0.10.0/24', 'us-east-1a');
  const prodAppB = prod.subnet(0x114, 'prod-app-b', '10.0.11.0/24', 'us-east-1b');
  const prodDataA = prod.subnet(0x115, 'prod-data-a', '10.0.20.0/24', 'us-east-1a');
  const prodDataB = prod.subnet(0x116, 'prod-data-b', '10.0.21.0/24', 'us-east-1b');
  const prodBatchA = prod.subnet(0x117, 'prod-batch-a', '10.0.30.0/24', 'us-east-1a');
  // The transit gateway attachment covers us-east-1a only.
  const prodTgwA = prod.subnet(0x118, 'prod-tgw-a', '10.0.254.0/28', 'us-east-1a');
  // The dual-stack subnet of the public status page: IPv4 and IPv6 to the internet gateway.
  const prodEdgeA = prod.subnet(0x119, 'prod-edge-a', '10.0.40.0/24', 'us-east-1a', true, '2600:1f18:4de0:119::/64');

  const prodIgw = prod.internetGateway(0x100, 'acme-prod-igw');
  const prodNat = prod.natGateway(0x100, 0x1f0, prodPublicA, 'acme-prod-nat-a', '10.0.0.87', '203.0.113.20');
  prod.serviceEni(0x1f1, prodTgwA, '10.0.254.5', 'transit_gateway', prodAttach);

  prod.routeTable(0x101, 'acme-prod-main', [], [], true);
  prod.routeTable(0x102, 'acme-prod-public', [prodPublicA, prodPublicB], [
    { dest: '0.0.0.0/0', to: { igw: prodIgw } },
    { dest: '10.1.0.0/16', to: { tgw } },
  ]);
  prod.routeTable(0x103, 'acme-prod-private', [prodAppA, prodAppB], [
    { dest: '0.0.0.0/0', to: { nat: prodNat } },
    { dest: '10.1.0.0/16', to: { tgw } },
    { dest: '10.20.0.0/16', to: { pcx: pcxProdAnalytics } },
    { dest: '192.168.0.0/16', to: { tgw } },
    { dest: '10.50.0.0/16', to: { pcx: pcxProdNetwork } },
  ]);
  prod.routeTable(0x104, 'acme-prod-data', [prodDataA, prodDataB], [
    { dest: '10.1.0.0/16', to: { tgw } },
    { dest: '10.50.0.0/16', to: { pcx: pcxProdNetwork } },
  ]);
  // No default route: the batch workers cannot reach the internet.
  prod.routeTable(0x105, 'acme-prod-batch', [prodBatchA], [{ dest: '10.1.0.0/16', to: { tgw } }]);
  prod.routeTable(0x106, 'acme-prod-edge', [prodEdgeA], [
    { dest: '0.0.0.0/0', to: { igw: prodIgw } },
    { dest: '::/0', to: { igw: prodIgw } },
  ]);

  prod.acl(0x101, undefined, [prodBatchA, prodTgwA, prodEdgeA], 'default');
  prod.acl(0x102, 'acme-prod-public-acl', [prodPublicA, prodPublicB], [
    acl(100, false, 'tcp', '0.0.0.0/0', [443, 443]),
    acl(110, false, 'tcp', '0.0.0.0/0', [80, 80]),
    acl(120, false, 'tcp', '0.0.0.0/0', [22, 22]),
    acl(130, false, '-1', '10.0.0.0/8'),
    acl(140, false, 'tcp', '0.0.0.0/0', [1024, 65535]),
    acl(100, true, '-1', '0.0.0.0/0'),
  ]);
  prod.acl(0x103, 'acme-prod-private-acl', [prodAppA, prodAppB], [
    acl(100, false, '-1', '10.0.0.0/8'),
    acl(200, false, 'tcp', '0.0.0.0/0', [1024, 65535]),
    acl(100, true, '-1', '0.0.0.0/0'),
  ]);
  prod.acl(0x104, 'acme-prod-data-acl', [prodDataA, prodDataB], [
    acl(100, false, 'tcp', '10.0.0.0/16', [5432, 5432]),
    acl(110, false, 'tcp', '10.0.0.0/16', [6379, 6380]),
    acl(120, false, 'tcp', '10.1.0.0/16', [9100, 9100]),
    acl(130, false, 'tcp', '10.50.0.0/16', [9100, 9100]),
    acl(100, true, 'tcp', '10.0.0.0/8', [1024, 65535]),
  ]);

  prod.defaultGroup(0x100);
  const sgBastion = prod.group(0x101, 'acme-prod-bastion', 'SSH from the Acme offices', [
    tcp(22, 22, { prefixLists: [officeList], description: 'Acme offices' }),
  ]);
  const sgWeb = prod.group(0x102, 'acme-prod-web', 'Public web tier', [
    tcp(443, 443, { cidrs: ['0.0.0.0/0'], description: 'HTTPS' }),
    tcp(80, 80, { cidrs: ['0.0.0.0/0'], description: 'HTTP redirect' }),
    tcp(22, 22, { groups: [sgBastion], description: 'SSH from bastion' }),
  ]);
  const sgAlb = prod.group(0x107, 'acme-prod-alb', 'Public API load balancer', [tcp(443, 443, { cidrs: ['0.0.0.0/0'], description: 'HTTPS' })]);
  // F10: the load balancer's traffic port 8080 is admitted, its health-check port 8081 is not.
  const sgApi = prod.group(0x103, 'acme-prod-api', 'Internal API tier', [
    tcp(8080, 8080, { groups: [sgWeb], description: 'API from web tier' }),
    tcp(8080, 8080, { groups: [sgAlb], description: 'API from the load balancer' }),
    tcp(22, 22, { groups: [sgBastion], description: 'SSH from bastion' }),
    tcp(9100, 9100, { cidrs: ['10.1.0.0/16'], description: 'node exporter, scraped from shared-services' }),
  ]);
  const sgWorker = prod.group(0x106, 'acme-prod-worker', 'Batch workers', [tcp(22, 22, { groups: [sgBastion], description: 'SSH from bastion' })]);
  const sgDb = demoId('sg', 0x104);
  prod.group(0x104, 'acme-prod-db', 'PostgreSQL', [
    tcp(5432, 5432, { groups: [sgApi, sgWorker, sgDb], description: 'PostgreSQL clients and replication' }),
    tcp(22, 22, { groups: [sgBastion], description: 'SSH from bastion' }),
    // F12: the network account's monitor, referenced across the peering; its VPC has no route back to prod's data subnets
    tcp(9100, 9100, { groups: [{ id: sgNetworkMonitor, vpcId: networkVpc, peeringId: pcxProdNetwork, userId: NETWORK_ACCOUNT }], description: 'node exporter, scraped by the network account' }),
  ]);
  // The cache listens on 6379; the group opens only the TLS port 6380.
  const sgCache = prod.group(0x105, 'acme-prod-cache', 'Redis', [tcp(6380, 6380, { groups: [sgApi], description: 'Redis (TLS)' })]);
  // F11: SSH from ::/0, opened "for a minute" while IPv6 was set up and never closed: the whole IPv6 internet may SSH in
  const sgStatus = prod.group(
    0x108,
    'acme-prod-status',
    'Public status page (dual-stack)',
    [tcp(443, 443, { cidrs: ['0.0.0.0/0'], ipv6Cidrs: ['::/0'], description: 'HTTPS' }), tcp(22, 22, { ipv6Cidrs: ['::/0'], description: 'SSH (temporary)' })],
    [{ protocol: '-1', cidrs: ['0.0.0.0/0'], ipv6Cidrs: ['::/0'] }],
  );

  prod.instance(0x101, 'prod-bastion', prodPublicA, '10.0.0.10', [sgBastion], { type: 't3.micro', publicIp: '203.0.113.10', role: 'bastion' });
  prod.instance(0x102, 'prod-web-1', prodPublicA, '10.0.0.21', [sgWeb], { publicIp: '203.0.113.11', eip: true, role: 'web' });
  prod.instance(0x103, 'prod-web-2', prodPublicB, '10.0.1.21', [sgWeb], { publicIp: '203.0.113.12', eip: true, role: 'web' });
  prod.instance(0x104, 'prod-web-3', prodPublicB, '10.0.1.22', [sgWeb], { role: 'web' });
  prod.instance(0x105, 'prod-api-1', prodAppA, '10.0.10.11', [sgApi], { type: 'm6i.large', role: 'api' });
  prod.instance(0x106, 'prod-api-2', prodAppB, '10.0.11.11', [sgApi], { type: 'm6i.large', role: 'api' });
  prod.instance(0x107, 'prod-api-3', prodAppA, '10.0.10.12', [sgApi], { type: 'm6i.large', role: 'api', state: 'stopped' });
  prod.instance(0x108, 'prod-db-primary', prodDataA, '10.0.20.11', [sgDb], { type: 'r6i.xlarge', role: 'db' });
  prod.instance(0x109, 'prod-db-replica', prodDataB, '10.0.21.11', [sgDb], { type: 'r6i.xlarge', role: 'db' });
  prod.instance(0x10a, 'prod-cache', prodDataA, '10.0.20.21', [sgCache], { type: 'r6g.large', role: 'cache' });
  prod.instance(0x10b, 'prod-worker-1', prodBatchA, '10.0.30.11', [sgWorker], { type: 'c6i.xlarge', role: 'worker' });
  prod.instance(0x10c, 'prod-worker-2', prodBatchA, '10.0.30.12', [sgWorker], { type: 'c6i.xlarge', role: 'worker' });
  prod.instance(0x10d, 'prod-status', prodEdgeA, '10.0.40.10', [sgStatus], { type: 't3.small', publicIp: '203.0.113.13', role: 'status', ipv6: ['2600:1f18:4de0:119::10'] });
  addProdLoadBalancer(prod, prodVpc, [prodPublicA, prodPublicB], sgAlb, use1);
  prod.finish();

  // ---- us-east-1: acme-shared-services, 10.1.0.0/16 ---------------------
  const shared = new VpcWriter({ region: use1, id: sharedVpc, cidr: '10.1.0.0/16', name: 'acme-shared-services' });
  const sharedPublicA = shared.subnet(0x211, 'shared-public-a', '10.1.100.0/24', 'us-east-1a', true);
  const sharedPrivateA = shared.subnet(0x212, 'shared-private-a', '10.1.0.0/24', 'us-east-1a');
  const sharedPrivateB = shared.subnet(0x213, 'shared-private-b', '10.1.1.0/24', 'us-east-1b');
  const sharedTgwA = shared.subnet(0x214, 'shared-tgw-a', '10.1.254.0/28', 'us-east-1a');
  const sharedTgwB = shared.subnet(0x215, 'shared-tgw-b', '10.1.254.16/28', 'us-east-1b');

  const sharedIgw = shared.internetGateway(0x200, 'acme-shared-igw');
  // Deleted in a cost clean-up; the private route table still points at it (a blackhole route).
  const sharedNat = demoId('nat', 0x200);
  use1.add(
    'NatGateways',
    natGateway({ id: sharedNat, vpcId: sharedVpc, subnetId: sharedPublicA, name: 'acme-shared-nat-a', state: 'deleted', privateIp: '10.1.100.45', publicIp: '203.0.113.30', allocationId: demoId('eipalloc', 0x2f0) }),
  );
  shared.serviceEni(0x2f1, sharedTgwA, '10.1.254.6', 'transit_gateway', sharedAttach);
  shared.serviceEni(0x2f2, sharedTgwB, '10.1.254.22', 'transit_gateway', sharedAttach);

  shared.routeTable(0x201, 'acme-shared-main', [], [], true);
  shared.routeTable(0x202, 'acme-shared-public', [sharedPublicA], [{ dest: '0.0.0.0/0', to: { igw: sharedIgw } }]);
  shared.routeTable(0x203, 'acme-shared-private', [sharedPrivateA, sharedPrivateB], [
    { dest: '0.0.0.0/0', to: { nat: sharedNat }, blackhole: true },
    { dest: '10.0.0.0/16', to: { tgw } },
    { dest: '10.20.0.0/16', to: { pcx: pcxSharedAnalytics } },
  ]);
  shared.acl(0x201, undefined, [sharedPublicA, sharedPrivateA, sharedPrivateB, sharedTgwA, sharedTgwB], 'default');

  shared.defaultGroup(0x200);
  const sgLdap = shared.group(0x201, 'acme-shared-ldap', 'LDAP over TLS', [tcp(636, 636, { cidrs: ['10.0.0.0/8'], description: 'LDAPS from Acme networks' })]);
  const sgMonitoring = shared.group(0x202, 'acme-shared-monitoring', 'Prometheus and Grafana', [
    tcp(3000, 3000, { cidrs: ['10.0.0.0/8'], description: 'Grafana' }),
  ]);
  const sgCi = shared.group(0x203, 'acme-shared-ci', 'CI runners: no inbound', [], [
    tcp(443, 443, { cidrs: ['0.0.0.0/0'], description: 'HTTPS out' }),
    tcp(443, 443, { prefixLists: [s3List], description: 'S3 build cache' }),
    tcp(22, 22, { cidrs: ['10.0.0.0/16'], description: 'deploys to prod' }),
  ]);
  const sgArtifacts = shared.group(0x204, 'acme-shared-artifacts', 'Artifact repository', [
    tcp(443, 443, { cidrs: ['10.0.0.0/16'], description: 'prod' }),
    tcp(443, 443, { groups: [sgCi], description: 'CI uploads' }),
  ]);
  const sgLogs = shared.group(0x205, 'acme-shared-logs', 'Syslog collector', [
    { protocol: 'udp', ports: [514, 514], cidrs: ['10.0.0.0/8'], description: 'syslog' },
    tcp(6514, 6514, { cidrs: ['10.0.0.0/8'], description: 'syslog over TLS' }),
  ]);

  shared.instance(0x201, 'shared-ldap', sharedPrivateA, '10.1.0.11', [sgLdap], { role: 'ldap' });
  shared.instance(0x202, 'shared-monitoring', sharedPrivateA, '10.1.0.21', [sgMonitoring], { type: 'm6i.large', role: 'monitoring' });
  shared.instance(0x203, 'shared-ci-runner', sharedPrivateB, '10.1.1.11', [sgCi], { type: 'c6i.2xlarge', role: 'ci' });
  shared.instance(0x204, 'shared-artifacts', sharedPrivateB, '10.1.1.21', [sgArtifacts], { role: 'artifacts' });
  shared.instance(0x205, 'shared-log-collector', sharedPrivateA, '10.1.0.31', [sgLogs], { role: 'logs' });
  addSharedLoadBalancer(shared, sharedVpc, [sharedPrivateA, sharedPrivateB], use1);
  shared.finish();

  // ---- us-east-1: the transit gateway between prod and shared-services -----
  use1.add('TransitGateways', transitGateway({ id: tgw, region: 'us-east-1', owner: ACCOUNT, name: 'acme-tgw', defaultRouteTableId: tgwRtb }));
  use1.add('TransitGatewayRouteTables', tgwRouteTable(tgwRtb, tgw, true, 'acme-tgw-main'));
  const attachments = [
    { id: prodAttach, tgwId: tgw, vpcId: prodVpc, owner: ACCOUNT, subnetIds: [prodTgwA], routeTableId: tgwRtb, name: 'acme-tgw-prod' },
    { id: sharedAttach, tgwId: tgw, vpcId: sharedVpc, owner: ACCOUNT, subnetIds: [sharedTgwA, sharedTgwB], routeTableId: tgwRtb, name: 'acme-tgw-shared' },
  ];
  use1.add('TransitGatewayAttachments', ...attachments.map(tgwAttachment));
  use1.add('TransitGatewayVpcAttachments', ...attachments.map(tgwVpcAttachment));
  use1.add('TransitGatewayPropagations', tgwPropagations(tgwRtb, attachments));
  // The old data-centre range: its VPN is gone, the static route now drops.
  use1.add('TransitGatewayStaticRoutes', tgwStaticRoutes(tgwRtb, [{ dest: '192.168.0.0/16' }]));

  use1.add(
    'ManagedPrefixLists',
    managedPrefixList(officeList, 'acme-office-cidrs', 'us-east-1', ACCOUNT, [
      ['192.0.2.0/26', 'HQ'],
      ['192.0.2.128/26', 'Branch office'],
    ]),
  );
  use1.add('PrefixLists', awsPrefixList(s3List, 'com.amazonaws.us-east-1.s3', ['3.5.0.0/19', '16.182.0.0/16', '52.216.0.0/15', '54.231.0.0/16']));

  // ---- eu-west-1: acme-analytics, 10.20.0.0/16 --------------------------
  const analytics = new VpcWriter({ region: euw1, id: analyticsVpc, cidr: '10.20.0.0/16', name: 'acme-analytics' });
  const anPublicA = analytics.subnet(0x311, 'analytics-public-a', '10.20.0.0/24', 'eu-west-1a', true);
  const anPrivateA = analytics.subnet(0x312, 'analytics-private-a', '10.20.10.0/24', 'eu-west-1a');
  const anPrivateB = analytics.subnet(0x313, 'analytics-private-b', '10.20.11.0/24', 'eu-west-1b');
  const anDataA = analytics.subnet(0x314, 'analytics-data-a', '10.20.20.0/24', 'eu-west-1a');

  const anIgw = analytics.internetGateway(0x300, 'acme-analytics-igw');
  const anNat = analytics.natGateway(0x300, 0x3f0, anPublicA, 'acme-analytics-nat-a', '10.20.0.50', '203.0.113.140');

  // The private subnets have no association: they use the main table.
  analytics.routeTable(0x301, 'acme-analytics-main', [], [
    { dest: '0.0.0.0/0', to: { nat: anNat } },
    { dest: '10.0.0.0/16', to: { pcx: pcxProdAnalytics } },
  ], true);
  analytics.routeTable(0x302, 'acme-analytics-public', [anPublicA], [{ dest: '0.0.0.0/0', to: { igw: anIgw } }]);
  // Routes back to prod over its peering, but none to shared-services (10.1.0.0/16) over the other one.
  analytics.routeTable(0x303, 'acme-analytics-data', [anDataA], [{ dest: '10.0.0.0/16', to: { pcx: pcxProdAnalytics } }]);

  analytics.acl(0x301, undefined, [anPrivateA, anPrivateB], 'default');
  // Outbound allows only web ports and the VPC: replies to internet clients' ephemeral ports are denied.
  analytics.acl(0x302, 'acme-analytics-public-acl', [anPublicA], [
    acl(100, false, 'tcp', '0.0.0.0/0', [443, 443]),
    acl(110, false, 'tcp', '0.0.0.0/0', [1024, 65535]),
    acl(120, false, '-1', '10.20.0.0/16'),
    acl(100, true, 'tcp', '0.0.0.0/0', [443, 443]),
    acl(110, true, 'tcp', '0.0.0.0/0', [80, 80]),
    acl(120, true, '-1', '10.20.0.0/16'),
  ]);
  analytics.acl(0x303, 'acme-analytics-data-acl', [anDataA], [acl(100, false, '-1', '10.0.0.0/8'), acl(100, true, '-1', '10.0.0.0/8')]);

  analytics.defaultGroup(0x300);
  const sgDashboard = analytics.group(0x301, 'acme-analytics-dashboard', 'Public BI dashboard', [tcp(443, 443, { cidrs: ['0.0.0.0/0'], description: 'HTTPS' })]);
  const sgEtl = analytics.group(0x302, 'acme-analytics-etl', 'ETL jobs', [tcp(22, 22, { cidrs: ['10.0.0.0/16'], description: 'SSH from prod bastion' })]);
  const sgWarehouse = analytics.group(0x303, 'acme-analytics-warehouse', 'Data warehouse', [
    tcp(5432, 5432, { groups: [sgEtl], description: 'ETL loads' }),
    tcp(5432, 5432, { cidrs: ['10.0.10.0/23'], description: 'prod API (peering)' }),
    tcp(9100, 9100, { cidrs: ['10.1.0.0/24'], description: 'Prometheus (shared-services)' }),
  ]);
  const sgNotebooks = analytics.group(0x304, 'acme-analytics-notebooks', 'Jupyter', [tcp(8888, 8888, { cidrs: ['10.20.0.0/16'], description: 'Jupyter' })]);

  analytics.instance(0x301, 'analytics-dashboard', anPublicA, '10.20.0.11', [sgDashboard], { publicIp: '203.0.113.141', role: 'dashboard' });
  analytics.instance(0x302, 'analytics-etl-1', anPrivateA, '10.20.10.11', [sgEtl], { type: 'c6i.xlarge', role: 'etl' });
  analytics.instance(0x303, 'analytics-etl-2', anPrivateB, '10.20.11.11', [sgEtl], { type: 'c6i.xlarge', role: 'etl' });
  analytics.instance(0x304, 'analytics-warehouse', anDataA, '10.20.20.11', [sgWarehouse], { type: 'r6i.2xlarge', role: 'warehouse' });
  analytics.instance(0x305, 'analytics-jupyter', anPrivateA, '10.20.10.21', [sgNotebooks], { role: 'notebooks' });
  analytics.finish();

  // ---- peerings: inter-region, so each appears in both regions' answers ----
  const prodSide = { vpcId: prodVpc, cidrs: ['10.0.0.0/16'], owner: ACCOUNT, region: 'us-east-1' };
  const sharedSide = { vpcId: sharedVpc, cidrs: ['10.1.0.0/16'], owner: ACCOUNT, region: 'us-east-1' };
  const analyticsSide = { vpcId: analyticsVpc, cidrs: ['10.20.0.0/16'], owner: ACCOUNT, region: 'eu-west-1' };
  for (const region of [use1, euw1]) {
    region.add(
      'VpcPeeringConnections',
      peeringConnection(pcxProdAnalytics, prodSide, analyticsSide, 'prod-analytics'),
      peeringConnection(pcxSharedAnalytics, sharedSide, analyticsSide, 'shared-analytics'),
    );
  }

  // ---- network account 444455556666, us-east-1: acme-network, 10.50.0.0/16 ----
  const netUse1 = new RegionBuilder(NETWORK_ACCOUNT, 'us-east-1');
  // Dual-stack, with no internet gateway: the resolvers reach upstream DNS over IPv6 through an egress-only gateway.
  const network = new VpcWriter({ region: netUse1, id: networkVpc, cidr: '10.50.0.0/16', ipv6Cidr: '2600:1f18:4de0:500::/56', name: 'acme-network' });
  const networkCoreA = network.subnet(0x511, 'network-core-a', '10.50.1.0/24', 'us-east-1a', false, '2600:1f18:4de0:511::/64');
  const networkEigw = network.egressOnlyGateway(0x500, 'acme-network-eigw');
  // Routes back only to prod's app subnets: the route to prod's data subnets (10.0.20.0/23) was never added (F12).
  network.routeTable(0x501, 'acme-network-main', [], [
    { dest: '10.0.10.0/23', to: { pcx: pcxProdNetwork } },
    { dest: '::/0', to: { eigw: networkEigw } },
  ], true);
  network.acl(0x501, undefined, [networkCoreA], 'default');
  network.defaultGroup(0x500);
  network.group(0x501, 'acme-network-monitor', 'Prometheus of the network team', []);
  const sgDns = network.group(
    0x502,
    'acme-network-dns',
    'DNS resolvers',
    [{ protocol: 'udp', ports: [53, 53], cidrs: ['10.0.0.0/16'], description: 'DNS from prod' }],
    [{ protocol: '-1', cidrs: ['0.0.0.0/0'], ipv6Cidrs: ['::/0'] }],
  );
  network.instance(0x501, 'network-dns', networkCoreA, '10.50.1.10', [sgDns], { type: 't3.small', role: 'dns', ipv6: ['2600:1f18:4de0:511::10'] });
  network.instance(0x502, 'network-monitor', networkCoreA, '10.50.1.20', [sgNetworkMonitor], { type: 't3.medium', role: 'monitoring' });
  network.finish();
  // a peering across accounts in one region: each account lists it
  const prodPeerSide = { vpcId: prodVpc, cidrs: ['10.0.0.0/16'], owner: ACCOUNT, region: 'us-east-1' };
  const networkSide = { vpcId: networkVpc, cidrs: ['10.50.0.0/16'], owner: NETWORK_ACCOUNT, region: 'us-east-1' };
  for (const region of [use1, netUse1]) region.add('VpcPeeringConnections', peeringConnection(pcxProdNetwork, networkSide, prodPeerSide, 'network-prod'));

  return snapshotOf([use1, euw1, netUse1], '2026-11-29T12:00:00Z', { kind: 'demo', partition: 'aws' });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const out = process.argv[2] ?? path.join(repoRoot, 'assets/demo/demo-snapshot.json');
  writeFileSync(out, JSON.stringify(buildDemo(), null, 2) + '\n');
  console.log(`wrote ${out}`);
}
