/* eslint-disable @typescript-eslint/no-explicit-any -- describe JSON as AWS returns it */
// A seeded generator of random AWS networks as raw describe JSON
// (reachmap-snapshot/1), and of random flows over them, for the differential
// run. Random but biased toward what real networks look like (public and
// private subnets, NAT egress, peerings with routes on both sides, a transit
// gateway with propagations), with the usual faults sprinkled in: narrow
// security groups, ACL denies and narrow ephemeral ranges, missing or
// blackholed routes, routes to absent gateways, stopped instances, unavailable
// gateways, transitive peering, a transit gateway attachment missing an AZ,
// a route to a virtual private gateway.
import type { OracleFlow } from './oracle.js';

const ACCOUNT = '111122223333';
const OTHER_ACCOUNT = '444455556666';
const REGION = 'us-east-1';
const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }
  /** mulberry32 */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }
  subset<T>(items: readonly T[], p: number): T[] {
    return items.filter(() => this.chance(p));
  }
}

/** What the flow generator needs to know about a generated network. */
export interface NetworkFacts {
  hosts: { instanceId: string; eniId: string; vpcId: string; privateIp: string; publicIp: string | undefined }[];
  instanceIds: string[];
  /** interfaces of instances and detached ones (not NAT gateways') */
  eniIds: string[];
  privateIps: string[];
  publicIps: string[];
  /** public IPs of NAT gateways: asking for them is a connection toward the NAT */
  natPublicIps: string[];
  natIds: string[];
  /** private addresses nobody holds, in subnets and in VPCs outside any subnet */
  unheldPrivate: string[];
  /** private addresses beyond the VPCs: behind an external peering, the TGW, the VGW, blackholes, nowhere */
  unheldElsewhere: string[];
  /** addresses behind the VPN and gateway endpoints: on-premises hosts, an S3 address */
  exits: string[];
}

export interface RandomNetwork {
  seed: number;
  snapshot: any;
  facts: NetworkFacts;
}

interface VpcPlan {
  index: number;
  id: string;
  cidrs: string[];
  azs: string[];
  igwId: string | undefined;
  natId: string | undefined;
  natAvailable: boolean;
  subnets: { id: string; cidr: string; az: string; role: 'public' | 'private' | 'tgw'; hostBase: string }[];
  groups: string[];
  tgwAttachmentId: string | undefined;
  /** the routes of the VPC's private table, for routes added once the interfaces exist */
  privateRoutes: any[];
}

export function randomNetwork(seed: number): RandomNetwork {
  const rng = new Rng(seed);
  let counter = 0;
  const id = (prefix: string) => `${prefix}-${(seed % 65536).toString(16).padStart(4, '0')}${(counter++).toString(16).padStart(5, '0')}`;

  const region: Record<string, any[]> = {
    Vpcs: [],
    Subnets: [],
    RouteTables: [],
    NetworkAcls: [],
    SecurityGroups: [],
    NetworkInterfaces: [],
    Reservations: [],
    InternetGateways: [],
    NatGateways: [],
    VpcPeeringConnections: [],
    TransitGateways: [],
    TransitGatewayAttachments: [],
    TransitGatewayVpcAttachments: [],
    TransitGatewayRouteTables: [],
    TransitGatewayStaticRoutes: [],
    TransitGatewayPropagations: [],
    VpnGateways: [],
    ManagedPrefixLists: [],
  };
  const facts: NetworkFacts = { hosts: [], instanceIds: [], eniIds: [], privateIps: [], publicIps: [], natPublicIps: [], natIds: [], unheldPrivate: [], unheldElsewhere: [], exits: [] };

  // ---------------------------------------------------------------- VPCs, subnets, gateways
  const vpcs: VpcPlan[] = [];
  const vpcCount = rng.int(2, 4);
  for (let v = 0; v < vpcCount; v++) {
    const cidrs = [`10.${v}.0.0/16`];
    if (rng.chance(0.25)) cidrs.push(`10.${100 + v}.0.0/16`);
    const azs = rng.chance(0.5) ? AZS.slice(0, 2) : [...AZS];
    const plan: VpcPlan = { index: v, id: id('vpc'), cidrs, azs, igwId: undefined, natId: undefined, natAvailable: false, subnets: [], groups: [], tgwAttachmentId: undefined, privateRoutes: [] };
    vpcs.push(plan);
    region.Vpcs!.push({
      VpcId: plan.id,
      OwnerId: ACCOUNT,
      State: 'available',
      CidrBlock: cidrs[0],
      CidrBlockAssociationSet: cidrs.map((c, i) => ({ AssociationId: `vpc-cidr-assoc-${v}${i}`, CidrBlock: c, CidrBlockState: { State: 'associated' } })),
      IsDefault: false,
      Tags: [{ Key: 'Name', Value: `vpc-${v}` }],
    });
    const hasIgw = rng.chance(0.8);
    const subnetCount = rng.int(2, 4);
    for (let j = 0; j < subnetCount; j++) {
      const role: 'public' | 'private' = j === 0 && hasIgw ? 'public' : hasIgw && rng.chance(0.35) ? 'public' : 'private';
      const inSecondary = cidrs.length > 1 && j === subnetCount - 1;
      const base = inSecondary ? `10.${100 + v}.${j + 1}` : `10.${v}.${j + 1}`;
      plan.subnets.push({ id: id('subnet'), cidr: `${base}.0/24`, az: rng.pick(plan.azs), role, hostBase: base });
    }
    if (hasIgw) {
      plan.igwId = id('igw');
      region.InternetGateways!.push({ InternetGatewayId: plan.igwId, OwnerId: ACCOUNT, Attachments: [{ VpcId: plan.id, State: 'available' }], Tags: [] });
      if (rng.chance(0.7)) {
        plan.natId = id('nat');
        plan.natAvailable = rng.chance(0.85);
      }
    }
    facts.unheldPrivate.push(`10.${v}.200.${rng.int(1, 250)}`);
  }

  // ---------------------------------------------------------------- peerings
  interface PeeringPlan { id: string; a: VpcPlan; b: VpcPlan | undefined; externalCidr?: string; active: boolean }
  const peerings: PeeringPlan[] = [];
  for (let i = 0; i < vpcs.length; i++) {
    for (let j = i + 1; j < vpcs.length; j++) {
      if (!rng.chance(0.45)) continue;
      const active = rng.chance(0.8);
      const p: PeeringPlan = { id: id('pcx'), a: vpcs[i]!, b: vpcs[j]!, active };
      peerings.push(p);
      region.VpcPeeringConnections!.push({
        VpcPeeringConnectionId: p.id,
        Status: active ? { Code: 'active', Message: 'Active' } : rng.pick([{ Code: 'pending-acceptance', Message: 'Pending Acceptance' }, { Code: 'deleted', Message: 'Deleted' }]),
        RequesterVpcInfo: peerSide(p.a.id, ACCOUNT, p.a.cidrs),
        AccepterVpcInfo: peerSide(p.b!.id, ACCOUNT, p.b!.cidrs),
        Tags: [],
      });
    }
  }
  if (rng.chance(0.4)) {
    // a peering to a VPC of another account, which the snapshot does not hold
    const a = rng.pick(vpcs);
    const p: PeeringPlan = { id: id('pcx'), a, b: undefined, externalCidr: '10.250.0.0/16', active: true };
    peerings.push(p);
    region.VpcPeeringConnections!.push({
      VpcPeeringConnectionId: p.id,
      Status: { Code: 'active', Message: 'Active' },
      RequesterVpcInfo: peerSide(a.id, ACCOUNT, a.cidrs),
      AccepterVpcInfo: peerSide('vpc-0e0e0e0e0e0e0e0e0', OTHER_ACCOUNT, ['10.250.0.0/16']),
      Tags: [],
    });
    facts.unheldElsewhere.push(`10.250.1.${rng.int(1, 250)}`);
  }

  // ---------------------------------------------------------------- transit gateway
  const tgwId = rng.chance(0.7) ? id('tgw') : undefined;
  const tgwTables: string[] = [];
  const attached: VpcPlan[] = [];
  if (tgwId) {
    tgwTables.push(id('tgw-rtb'));
    if (rng.chance(0.3)) tgwTables.push(id('tgw-rtb'));
    region.TransitGateways!.push({
      TransitGatewayId: tgwId,
      State: 'available',
      OwnerId: ACCOUNT,
      Options: { AssociationDefaultRouteTableId: tgwTables[0], PropagationDefaultRouteTableId: tgwTables[0], DefaultRouteTableAssociation: 'enable', DefaultRouteTablePropagation: 'enable' },
      Tags: [],
    });
    for (const t of tgwTables) {
      region.TransitGatewayRouteTables!.push({ TransitGatewayRouteTableId: t, TransitGatewayId: tgwId, State: 'available', DefaultAssociationRouteTable: t === tgwTables[0], DefaultPropagationRouteTable: t === tgwTables[0], Tags: [] });
    }
    const propagations = new Map<string, any[]>(tgwTables.map((t) => [t, []]));
    const associationOf = new Map<VpcPlan, string>();
    for (const plan of vpcs) {
      if (!rng.chance(0.8)) continue;
      attached.push(plan);
      plan.tgwAttachmentId = id('tgw-attach');
      // one small subnet per AZ for the attachment; sometimes an AZ is left out
      let azs = [...plan.azs];
      if (azs.length > 1 && rng.chance(0.35)) azs = azs.slice(0, azs.length - 1);
      const subnetIds: string[] = [];
      azs.forEach((az, k) => {
        const s = { id: id('subnet'), cidr: `10.${plan.index}.${250 + k}.0/28`, az, role: 'tgw' as const, hostBase: `10.${plan.index}.${250 + k}` };
        plan.subnets.push(s);
        subnetIds.push(s.id);
      });
      const state = rng.chance(0.9) ? 'available' : rng.pick(['pending', 'pendingAcceptance', 'rejected']);
      const table = rng.pick(tgwTables);
      associationOf.set(plan, table);
      region.TransitGatewayAttachments!.push({
        TransitGatewayAttachmentId: plan.tgwAttachmentId,
        TransitGatewayId: tgwId,
        TransitGatewayOwnerId: ACCOUNT,
        ResourceOwnerId: ACCOUNT,
        ResourceType: 'vpc',
        ResourceId: plan.id,
        State: state,
        Association: { TransitGatewayRouteTableId: table, State: 'associated' },
        Tags: [],
      });
      region.TransitGatewayVpcAttachments!.push({
        TransitGatewayAttachmentId: plan.tgwAttachmentId,
        TransitGatewayId: tgwId,
        VpcId: plan.id,
        VpcOwnerId: ACCOUNT,
        State: state,
        SubnetIds: subnetIds,
        Options: { DnsSupport: 'enable', Ipv6Support: 'disable' },
        Tags: [],
      });
      for (const t of tgwTables) {
        if (t === tgwTables[0] ? rng.chance(0.9) : rng.chance(0.5)) {
          propagations.get(t)!.push({ TransitGatewayAttachmentId: plan.tgwAttachmentId, ResourceId: plan.id, ResourceType: 'vpc', State: rng.chance(0.9) ? 'enabled' : 'disabled' });
        }
      }
    }
    const egressVpc = attached.find((p) => p.natId !== undefined && p.natAvailable);
    for (const t of tgwTables) {
      region.TransitGatewayPropagations!.push({ TransitGatewayRouteTableId: t, TransitGatewayRouteTablePropagations: propagations.get(t) });
      const routes: any[] = [];
      if (rng.chance(0.5)) routes.push({ DestinationCidrBlock: '10.30.0.0/16', State: 'blackhole', Type: 'static' });
      if (attached.length > 0 && rng.chance(0.2)) {
        // a static blackhole over an attached VPC's CIDR: beats the propagated route
        routes.push({ DestinationCidrBlock: rng.pick(attached).cidrs[0], State: 'blackhole', Type: 'static' });
      }
      // centralised egress; never in the egress attachment's own table, which would loop
      if (egressVpc && associationOf.get(egressVpc) !== t && rng.chance(0.7)) {
        routes.push({
          DestinationCidrBlock: '0.0.0.0/0',
          State: 'active',
          Type: 'static',
          TransitGatewayAttachments: [{ TransitGatewayAttachmentId: egressVpc.tgwAttachmentId, ResourceId: egressVpc.id, ResourceType: 'vpc' }],
        });
      }
      region.TransitGatewayStaticRoutes!.push({ TransitGatewayRouteTableId: t, Routes: routes, AdditionalRoutesAvailable: false });
    }
    facts.unheldElsewhere.push(`10.30.0.${rng.int(1, 250)}`, `10.40.0.${rng.int(1, 250)}`);
  }

  // ---------------------------------------------------------------- virtual private gateway
  const vgwVpc = rng.chance(0.5) ? rng.pick(vpcs) : undefined;
  const vgwId = vgwVpc ? id('vgw') : undefined;
  if (vgwVpc && vgwId) {
    region.VpnGateways!.push({ VpnGatewayId: vgwId, State: 'available', Type: 'ipsec.1', VpcAttachments: [{ VpcId: vgwVpc.id, State: 'attached' }], Tags: [] });
    facts.unheldElsewhere.push(`172.16.${rng.int(0, 255)}.${rng.int(1, 250)}`);
  }
  facts.unheldElsewhere.push(`192.168.${rng.int(0, 255)}.${rng.int(1, 250)}`, `10.200.0.${rng.int(1, 250)}`);

  // ---------------------------------------------------------------- security groups
  const prefixListId = id('pl');
  region.ManagedPrefixLists!.push({
    PrefixListId: prefixListId,
    PrefixListName: 'offices',
    AddressFamily: 'IPv4',
    State: 'create-complete',
    OwnerId: ACCOUNT,
    Entries: [{ Cidr: '198.51.100.0/24' }, { Cidr: rng.pick(vpcs).cidrs[0] }],
  });
  const partnersListId = id('pl');
  region.ManagedPrefixLists!.push({
    PrefixListId: partnersListId,
    PrefixListName: 'partners',
    AddressFamily: 'IPv4',
    State: 'create-complete',
    OwnerId: ACCOUNT,
    Entries: [{ Cidr: '198.51.100.0/24' }, { Cidr: '203.0.113.0/24' }],
  });
  for (const plan of vpcs) {
    const web = id('sg');
    const app = id('sg');
    const db = id('sg');
    const open = id('sg');
    plan.groups = [web, app, db, open];
    const egressAll = () => (rng.chance(0.92) ? [allowAllPermission()] : [tcpFrom(443, 443, '0.0.0.0/0'), { IpProtocol: 'udp', FromPort: 53, ToPort: 53, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }]);
    const webIngress: any[] = [tcpFrom(80, 80, '0.0.0.0/0'), tcpFrom(443, 443, '0.0.0.0/0')];
    if (rng.chance(0.7)) webIngress.push(tcpFrom(22, 22, '10.0.0.0/8'));
    if (rng.chance(0.8)) webIngress.push({ IpProtocol: 'icmp', FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: '0.0.0.0/0' }] });
    if (rng.chance(0.3)) webIngress.push({ IpProtocol: 'icmp', FromPort: 8, ToPort: 0, IpRanges: [{ CidrIp: '10.0.0.0/8' }] });
    const appIngress: any[] = [
      { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: web, UserId: ACCOUNT }] },
      tcpFrom(22, 22, '10.0.0.0/8'),
      { IpProtocol: 'udp', FromPort: 53, ToPort: 53, IpRanges: [{ CidrIp: '10.0.0.0/8' }] },
    ];
    if (rng.chance(0.5)) appIngress.push({ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: app, UserId: ACCOUNT }] });
    if (rng.chance(0.3)) appIngress.push({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, PrefixListIds: [{ PrefixListId: prefixListId }] });
    const dbIngress: any[] = [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: app, UserId: ACCOUNT }] }];
    if (rng.chance(0.5)) dbIngress.push({ IpProtocol: 'tcp', FromPort: 3306, ToPort: 3306, IpRanges: [{ CidrIp: '10.0.0.0/8' }] });
    if (rng.chance(0.6)) appIngress.push({ IpProtocol: '-1', IpRanges: [{ CidrIp: '10.0.0.0/8' }] });
    if (rng.chance(0.5)) dbIngress.push({ IpProtocol: '-1', IpRanges: [{ CidrIp: plan.cidrs[0] }] });
    if (rng.chance(0.4)) webIngress.push({ IpProtocol: 'tcp', FromPort: 0, ToPort: 65535, IpRanges: [{ CidrIp: '10.0.0.0/8' }] });
    region.SecurityGroups!.push(
      group(web, 'web', plan.id, webIngress, egressAll()),
      group(app, 'app', plan.id, appIngress, egressAll()),
      group(db, 'db', plan.id, dbIngress, rng.chance(0.9) ? [allowAllPermission()] : []),
      group(open, 'open', plan.id, [allowAllPermission()], [allowAllPermission()]),
    );
  }
  // references to a peer VPC's group, as AWS allows across a peering
  for (const p of peerings) {
    if (!p.b || !rng.chance(0.6)) continue;
    const owner = region.SecurityGroups!.find((g) => g.GroupId === p.b!.groups[2]);
    owner.IpPermissions.push({
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      UserIdGroupPairs: [{ GroupId: p.a.groups[1], UserId: ACCOUNT, VpcId: p.a.id, VpcPeeringConnectionId: p.id }],
    });
    owner.IpPermissions.push({ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: p.a.groups[0], UserId: ACCOUNT, VpcId: p.a.id, VpcPeeringConnectionId: p.id }] });
  }

  // ---------------------------------------------------------------- NAT gateways
  for (const plan of vpcs) {
    if (!plan.natId) continue;
    const home = plan.subnets.find((s) => s.role === 'public')!;
    const privateIp = `${home.hostBase}.5`;
    const publicIp = `3.${plan.index + 10}.${rng.int(0, 255)}.${rng.int(1, 250)}`;
    if (plan.natAvailable) {
      const eniId = id('eni');
      region.NatGateways!.push({
        NatGatewayId: plan.natId,
        VpcId: plan.id,
        SubnetId: home.id,
        State: 'available',
        ConnectivityType: 'public',
        NatGatewayAddresses: [{ AllocationId: id('eipalloc'), NetworkInterfaceId: eniId, PrivateIp: privateIp, PublicIp: publicIp }],
        Tags: [],
      });
      region.NetworkInterfaces!.push({
        NetworkInterfaceId: eniId,
        SubnetId: home.id,
        VpcId: plan.id,
        AvailabilityZone: home.az,
        Status: 'in-use',
        InterfaceType: 'nat_gateway',
        Description: `Interface for NAT Gateway ${plan.natId}`,
        RequesterManaged: true,
        SourceDestCheck: false,
        Groups: [],
        PrivateIpAddress: privateIp,
        Association: { PublicIp: publicIp, IpOwnerId: ACCOUNT },
        PrivateIpAddresses: [{ PrivateIpAddress: privateIp, Primary: true, Association: { PublicIp: publicIp, IpOwnerId: ACCOUNT } }],
        Attachment: { AttachmentId: id('ela-attach'), DeviceIndex: 1, Status: 'attached', InstanceOwnerId: 'amazon-aws' },
        TagSet: [],
      });
      facts.natIds.push(plan.natId);
      facts.natPublicIps.push(publicIp);
    } else {
      region.NatGateways!.push({
        NatGatewayId: plan.natId,
        VpcId: plan.id,
        SubnetId: home.id,
        State: rng.pick(['failed', 'pending', 'deleted']),
        ConnectivityType: 'public',
        NatGatewayAddresses: [],
        Tags: [],
      });
    }
  }

  // ---------------------------------------------------------------- route tables
  for (const plan of vpcs) {
    const local = plan.cidrs.map((c) => ({ DestinationCidrBlock: c, GatewayId: 'local', State: 'active', Origin: 'CreateRouteTable' }));
    const others = (routes: any[], routeChance = 0.85) => addSharedRoutes(rng, plan, vpcs, peerings, tgwId, vgwVpc === plan ? vgwId : undefined, routes, routeChance);
    const tables: { id: string; routes: any[]; subnets: string[]; main: boolean }[] = [{ id: id('rtb'), routes: others([...local]), subnets: [], main: true }];
    let publicTable: (typeof tables)[number] | undefined;
    if (plan.igwId || rng.chance(0.15)) {
      const target = plan.igwId && !rng.chance(0.05) ? plan.igwId : id('igw'); // sometimes an igw the snapshot lacks
      publicTable = { id: id('rtb'), routes: others([...local, { DestinationCidrBlock: '0.0.0.0/0', GatewayId: target, State: 'active', Origin: 'CreateRoute' }]), subnets: [], main: false };
      tables.push(publicTable);
    }
    const privateRoutes: any[] = [...local];
    const foreignNat = vpcs.find((o) => o !== plan && o.natId && o.natAvailable);
    if (plan.natId && rng.chance(0.92)) privateRoutes.push({ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: plan.natId, State: 'active', Origin: 'CreateRoute' });
    else if (foreignNat && rng.chance(0.4)) privateRoutes.push({ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: foreignNat.natId, State: 'active', Origin: 'CreateRoute' });
    else if (rng.chance(0.15)) privateRoutes.push({ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: id('nat'), State: 'active', Origin: 'CreateRoute' });
    else if (plan.tgwAttachmentId && rng.chance(0.6)) privateRoutes.push({ DestinationCidrBlock: '0.0.0.0/0', TransitGatewayId: tgwId, State: 'active', Origin: 'CreateRoute' });
    if (plan.igwId && rng.chance(0.15)) {
      // a prefix list (partner internet ranges) sent straight to the internet gateway
      privateRoutes.push({ DestinationPrefixListId: partnersListId, GatewayId: plan.igwId, State: 'active', Origin: 'CreateRoute' });
    }
    // the private table is where a return route to a peer or the TGW is most often forgotten
    const privateTable = { id: id('rtb'), routes: others(privateRoutes, 0.65), subnets: [] as string[], main: false };
    plan.privateRoutes = privateTable.routes;
    tables.push(privateTable);
    // the attachment subnets' own table: local, and the NAT for centralised egress
    const tgwTable = { id: id('rtb'), routes: [...local] as any[], subnets: [] as string[], main: false };
    if (plan.natId && rng.chance(0.7)) tgwTable.routes.push({ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: plan.natId, State: 'active', Origin: 'CreateRoute' });
    if (plan.tgwAttachmentId) tables.push(tgwTable);
    plan.subnets.forEach((s, k) => {
      if (s.role === 'tgw') tgwTable.subnets.push(s.id);
      else if (publicTable && (s.role === 'public' || (!plan.igwId && k === 0))) publicTable.subnets.push(s.id);
      else if (rng.chance(0.7)) privateTable.subnets.push(s.id);
      // else: no explicit association, the main table applies
    });
    for (const t of tables) {
      const associations: any[] = t.subnets.map((s) => ({ Main: false, RouteTableAssociationId: id('rtbassoc'), RouteTableId: t.id, SubnetId: s, AssociationState: { State: 'associated' } }));
      if (t.main) associations.push({ Main: true, RouteTableAssociationId: id('rtbassoc'), RouteTableId: t.id, AssociationState: { State: 'associated' } });
      region.RouteTables!.push({ RouteTableId: t.id, VpcId: plan.id, OwnerId: ACCOUNT, Associations: associations, Routes: t.routes, PropagatingVgws: [], Tags: [] });
    }
  }

  // ---------------------------------------------------------------- subnets, ACLs, instances
  for (const plan of vpcs) {
    for (const s of plan.subnets) {
      region.Subnets!.push({
        SubnetId: s.id,
        VpcId: plan.id,
        CidrBlock: s.cidr,
        AvailabilityZone: s.az,
        AvailabilityZoneId: `use1-az${AZS.indexOf(s.az) + 1}`,
        State: 'available',
        MapPublicIpOnLaunch: s.role === 'public',
        OwnerId: ACCOUNT,
        Tags: [{ Key: 'Name', Value: `${s.role}-${s.cidr}` }],
      });
    }
    addAcls(rng, id, plan, vpcs, region);
    for (const s of plan.subnets) {
      if (s.role === 'tgw') continue;
      const count = rng.int(1, 3);
      for (let n = 0; n < count; n++) {
        const privateIp = `${s.hostBase}.${10 + n}`;
        const publicChance = s.role === 'public' ? 0.85 : 0.12;
        const publicIp = rng.chance(publicChance) ? `54.${plan.index}.${plan.subnets.indexOf(s)}.${10 + n}` : undefined;
        const instanceId = id('i');
        const eniId = id('eni');
        const groups = rng.chance(0.5) ? [rng.pick(plan.groups)] : rng.subset(plan.groups, 0.5).slice(0, 2);
        if (groups.length === 0) groups.push(plan.groups[0]!);
        const state = rng.chance(0.95) ? 'running' : 'stopped';
        region.NetworkInterfaces!.push(instanceEni(eniId, s.id, plan.id, s.az, privateIp, publicIp, groups, instanceId, region.SecurityGroups!));
        region.Reservations!.push({
          ReservationId: id('r'),
          OwnerId: ACCOUNT,
          Instances: [
            {
              InstanceId: instanceId,
              InstanceType: 't3.micro',
              State: { Name: state, Code: state === 'running' ? 16 : 80 },
              SubnetId: s.id,
              VpcId: plan.id,
              Placement: { AvailabilityZone: s.az },
              PrivateIpAddress: privateIp,
              ...(publicIp && state === 'running' ? { PublicIpAddress: publicIp } : {}),
              SecurityGroups: groups.map((g) => ({ GroupId: g, GroupName: g })),
              // DescribeInstances repeats the interface in full
              NetworkInterfaces: [instanceEni(eniId, s.id, plan.id, s.az, privateIp, publicIp, groups, instanceId, region.SecurityGroups!)],
              Tags: [{ Key: 'Name', Value: `host-${privateIp}` }],
            },
          ],
        });
        facts.hosts.push({ instanceId, eniId, vpcId: plan.id, privateIp, publicIp });
        facts.instanceIds.push(instanceId);
        facts.eniIds.push(eniId);
        facts.privateIps.push(privateIp);
        if (publicIp) facts.publicIps.push(publicIp);
      }
      facts.unheldPrivate.push(`${s.hostBase}.${rng.int(100, 200)}`);
    }
    if (rng.chance(0.15)) {
      // an interface nobody attached: status "available", it carries no traffic
      const s = rng.pick(plan.subnets.filter((x) => x.role !== 'tgw'));
      const eniId = id('eni');
      const privateIp = `${s.hostBase}.50`;
      region.NetworkInterfaces!.push({ ...instanceEni(eniId, s.id, plan.id, s.az, privateIp, undefined, [plan.groups[3]!], undefined, region.SecurityGroups!), Status: 'available' });
      facts.eniIds.push(eniId);
      facts.privateIps.push(privateIp);
    }
  }

  for (const plan of vpcs) {
    const appliance = facts.hosts.find((h) => h.vpcId === plan.id);
    if (appliance && rng.chance(0.4)) {
      // an appliance route to an instance's interface: not modelled, the answer is unknown
      plan.privateRoutes.push({ DestinationCidrBlock: '10.199.0.0/16', NetworkInterfaceId: appliance.eniId, InstanceId: appliance.instanceId, State: 'active', Origin: 'CreateRoute' });
      facts.unheldElsewhere.push(`10.199.0.${rng.int(1, 250)}`);
    }
  }

  // ---------------------------------------------------------------- VPN connections and gateway endpoints
  // Their own dice, so that everything above is the network it was before they existed.
  const extra = new Rng(seed * 104729 + 3);
  if (vgwId && extra.chance(0.85)) {
    const bgp = extra.chance(0.4);
    const tunnels = extra.chance(0.9) ? [0, 1].map((i) => ({ OutsideIpAddress: `203.0.113.${200 + i}`, Status: extra.chance(0.6) ? 'UP' : 'DOWN', AcceptedRouteCount: 0 })) : undefined;
    region.VpnConnections = [
      {
        VpnConnectionId: id('vpn'),
        State: extra.chance(0.9) ? 'available' : 'pending',
        VpnGatewayId: vgwId,
        CustomerGatewayId: id('cgw'),
        Type: 'ipsec.1',
        Options: { StaticRoutesOnly: !bgp },
        // the on-premises addresses of the flows are in 172.16.0.0/16; 172.31.0.0/16 covers none of them
        Routes: bgp ? [] : [{ DestinationCidrBlock: extra.chance(0.75) ? '172.16.0.0/16' : '172.31.0.0/16', State: 'available' }],
        ...(tunnels ? { VgwTelemetry: tunnels } : {}),
        Tags: [],
      },
    ];
    // a BGP VPN's routes, propagated into the tables (or routed statically, which says nothing of what it advertises)
    if (bgp && extra.chance(0.5)) for (const table of region.RouteTables!) for (const route of table.Routes) if (route.GatewayId === vgwId) route.Origin = 'EnableVgwRoutePropagation';
  }
  region.PrefixLists = [{ PrefixListId: 'pl-63a5400a', PrefixListName: 'com.amazonaws.us-east-1.s3', Cidrs: ['52.216.0.0/15', '54.231.0.0/17'] }];
  region.VpcEndpoints = [];
  for (const plan of vpcs) {
    if (!extra.chance(0.5)) continue;
    const endpointId = id('vpce');
    region.VpcEndpoints.push({ VpcEndpointId: endpointId, VpcId: plan.id, VpcEndpointType: 'Gateway', ServiceName: 'com.amazonaws.us-east-1.s3', State: extra.chance(0.9) ? 'available' : 'pending', RouteTableIds: [], Tags: [] });
    plan.privateRoutes.push({ DestinationPrefixListId: 'pl-63a5400a', GatewayId: endpointId, State: 'active', Origin: 'CreateRoute' });
  }
  const s3Address = `52.216.${extra.int(0, 255)}.${extra.int(1, 250)}`;
  facts.unheldElsewhere.push(s3Address);
  facts.exits.push(...facts.unheldElsewhere.filter((address) => address.startsWith('172.16.')), s3Address);

  const snapshot = {
    format: 'reachmap-snapshot/1',
    createdAt: '2026-11-29T12:00:00Z',
    source: { kind: 'import' },
    accounts: { [ACCOUNT]: { [REGION]: region } },
    errors: [],
  };
  return { seed, snapshot, facts };
}

function peerSide(vpcId: string, owner: string, cidrs: string[]): any {
  return { VpcId: vpcId, OwnerId: owner, Region: REGION, CidrBlock: cidrs[0], CidrBlockSet: cidrs.map((c) => ({ CidrBlock: c })) };
}

function allowAllPermission(): any {
  return { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] };
}

function tcpFrom(from: number, to: number, cidr: string): any {
  return { IpProtocol: 'tcp', FromPort: from, ToPort: to, IpRanges: [{ CidrIp: cidr }] };
}

function group(id: string, name: string, vpcId: string, ingress: any[], egress: any[]): any {
  return { GroupId: id, GroupName: `${name}-${id}`, Description: name, VpcId: vpcId, OwnerId: ACCOUNT, IpPermissions: ingress, IpPermissionsEgress: egress, Tags: [] };
}

export function instanceEni(eniId: string, subnetId: string, vpcId: string, az: string, privateIp: string, publicIp: string | undefined, groups: string[], instanceId: string | undefined, allGroups: any[]): any {
  const association = publicIp ? { Association: { PublicIp: publicIp, IpOwnerId: 'amazon' } } : {};
  return {
    NetworkInterfaceId: eniId,
    SubnetId: subnetId,
    VpcId: vpcId,
    AvailabilityZone: az,
    Status: 'in-use',
    InterfaceType: 'interface',
    OwnerId: ACCOUNT,
    RequesterManaged: false,
    SourceDestCheck: true,
    Groups: groups.map((g) => ({ GroupId: g, GroupName: allGroups.find((x) => x.GroupId === g)?.GroupName ?? g })),
    PrivateIpAddress: privateIp,
    ...association,
    PrivateIpAddresses: [{ PrivateIpAddress: privateIp, Primary: true, ...association }],
    ...(instanceId ? { Attachment: { AttachmentId: `eni-attach-${eniId.slice(4)}`, DeviceIndex: 0, InstanceId: instanceId, InstanceOwnerId: ACCOUNT, Status: 'attached' } } : {}),
    TagSet: [],
  };
}

/** Routes every table of a VPC may carry: peerings (sometimes transitive), the transit gateway, blackholes, absent gateways, the VGW. */
function addSharedRoutes(
  rng: Rng,
  plan: VpcPlan,
  vpcs: VpcPlan[],
  peerings: { id: string; a: VpcPlan; b: VpcPlan | undefined; externalCidr?: string }[],
  tgwId: string | undefined,
  vgwId: string | undefined,
  routes: any[],
  routeChance: number,
): any[] {
  const taken = new Set<string>(routes.map((r) => r.DestinationCidrBlock));
  const add = (route: any) => {
    if (taken.has(route.DestinationCidrBlock)) return;
    taken.add(route.DestinationCidrBlock);
    routes.push({ Origin: 'CreateRoute', ...route });
  };
  for (const p of peerings) {
    const other = p.a === plan ? p.b : p.b === plan ? p.a : undefined;
    const otherCidrs = other ? other.cidrs : p.a === plan && p.externalCidr ? [p.externalCidr] : [];
    if (otherCidrs.length === 0 || !rng.chance(routeChance)) continue;
    for (const c of otherCidrs) add({ DestinationCidrBlock: c, VpcPeeringConnectionId: p.id, State: 'active' });
    if (rng.chance(0.2)) {
      // transitive use: a third VPC's CIDR sent into this peering
      const third = vpcs.find((v) => v !== plan && v !== other);
      if (third) add({ DestinationCidrBlock: third.cidrs[0], VpcPeeringConnectionId: p.id, State: 'active' });
    }
  }
  if (tgwId && plan.tgwAttachmentId) {
    if (rng.chance(0.4)) add({ DestinationCidrBlock: '10.0.0.0/8', TransitGatewayId: tgwId, State: 'active' });
    for (const v of vpcs) {
      if (v !== plan && v.tgwAttachmentId && rng.chance(routeChance)) for (const c of v.cidrs) add({ DestinationCidrBlock: c, TransitGatewayId: tgwId, State: 'active' });
    }
  }
  if (rng.chance(0.2)) add({ DestinationCidrBlock: '10.200.0.0/16', VpcPeeringConnectionId: 'pcx-0dead0000000000', State: 'blackhole' });
  if (vgwId && rng.chance(0.8)) add({ DestinationCidrBlock: '172.16.0.0/12', GatewayId: vgwId, State: 'active' });
  if (rng.chance(0.15)) add({ DestinationCidrBlock: '192.168.0.0/16', GatewayId: 'igw-0absent00000000', State: 'active' });
  return routes;
}

const ALLOW_ALL_ENTRIES = (rule: number) => [
  { RuleNumber: rule, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' },
  { RuleNumber: rule, Protocol: '-1', RuleAction: 'allow', Egress: true, CidrBlock: '0.0.0.0/0' },
];

const IMPLICIT_DENY = [
  { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' },
  { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: true, CidrBlock: '0.0.0.0/0' },
];

/** One direction of a hand-rolled ACL: what a careful (or careless) admin writes. */
function customEntries(rng: Rng, egress: boolean, vpcs: VpcPlan[]): any[] {
  const entries: any[] = [];
  const entry = (rule: number, protocol: string, action: string, cidr: string, extra: any = {}) =>
    entries.push({ RuleNumber: rule, Protocol: protocol, RuleAction: action, Egress: egress, CidrBlock: cidr, ...extra });
  if (rng.chance(0.35)) entry(50, '6', 'deny', '0.0.0.0/0', { PortRange: portRange(rng.pick([22, 3306, 8080, 443])) });
  if (rng.chance(0.15)) entry(60, '-1', 'deny', rng.pick(vpcs).cidrs[0]!);
  if (rng.chance(0.1)) entry(70, '1', 'deny', '0.0.0.0/0', { IcmpTypeCode: { Type: -1, Code: -1 } });
  if (rng.chance(0.65)) {
    entry(100, '-1', 'allow', '0.0.0.0/0');
  } else {
    entry(100, '6', 'allow', '0.0.0.0/0', { PortRange: { From: 80, To: 80 } });
    entry(110, '6', 'allow', '0.0.0.0/0', { PortRange: { From: 443, To: 443 } });
    entry(120, '6', 'allow', '10.0.0.0/8', { PortRange: { From: 22, To: 22 } });
    const ephemeral = rng.pick([
      { From: 1024, To: 65535 },
      { From: 1024, To: 65535 },
      { From: 32768, To: 65535 },
      { From: 1024, To: 49151 },
    ]);
    entry(130, '6', 'allow', '0.0.0.0/0', { PortRange: ephemeral });
    if (rng.chance(0.6)) entry(140, '17', 'allow', '0.0.0.0/0', { PortRange: rng.chance(0.8) ? { From: 1024, To: 65535 } : { From: 53, To: 53 } });
    if (rng.chance(0.5)) entry(150, '17', 'allow', '0.0.0.0/0', { PortRange: { From: 53, To: 53 } });
    if (rng.chance(0.6)) entry(160, '1', 'allow', '0.0.0.0/0', { IcmpTypeCode: rng.pick([{ Type: -1, Code: -1 }, { Type: 0, Code: -1 }, { Type: 8, Code: 0 }]) });
    if (rng.chance(0.4)) entry(170, '6', 'allow', '10.0.0.0/8', { PortRange: { From: 3306, To: 8080 } });
  }
  return entries;
}

function portRange(port: number): any {
  return { From: port, To: port };
}

function addAcls(rng: Rng, id: (prefix: string) => string, plan: VpcPlan, vpcs: VpcPlan[], region: Record<string, any[]>): void {
  if (rng.chance(0.08)) return; // no ACL at all in the snapshot: AWS's default (allow all) is assumed
  const defaultId = id('acl');
  const defaultAcl: any = {
    NetworkAclId: defaultId,
    VpcId: plan.id,
    IsDefault: true,
    OwnerId: ACCOUNT,
    Associations: [],
    Entries: rng.chance(0.85) ? [...ALLOW_ALL_ENTRIES(100), ...IMPLICIT_DENY] : [...customEntries(rng, false, vpcs), ...customEntries(rng, true, vpcs), ...IMPLICIT_DENY],
    Tags: [],
  };
  const customs: any[] = [];
  const customCount = rng.int(0, 2);
  for (let c = 0; c < customCount; c++) {
    customs.push({
      NetworkAclId: id('acl'),
      VpcId: plan.id,
      IsDefault: false,
      OwnerId: ACCOUNT,
      Associations: [],
      Entries: [...customEntries(rng, false, vpcs), ...customEntries(rng, true, vpcs), ...IMPLICIT_DENY],
      Tags: [],
    });
  }
  for (const s of plan.subnets) {
    const roll = rng.next();
    const acl = customs.length > 0 && roll < 0.4 ? rng.pick(customs) : roll < 0.95 ? defaultAcl : undefined;
    if (acl) acl.Associations.push({ NetworkAclAssociationId: id('aclassoc'), NetworkAclId: acl.NetworkAclId, SubnetId: s.id });
  }
  region.NetworkAcls!.push(defaultAcl, ...customs);
}

// ---------------------------------------------------------------- flows

/** A question toward what lies beyond a VPN or a gateway endpoint, from an instance. */
export function exitFlow(rng: Rng, facts: NetworkFacts): OracleFlow {
  const from = rng.pick(facts.hosts).instanceId;
  const to = rng.pick(facts.exits);
  const roll = rng.next();
  if (roll < 0.7) return { from, to, protocol: 'tcp', port: rng.pick([443, 22, 5432]) };
  if (roll < 0.85) return { from, to, protocol: 'udp', port: 53 };
  return { from, to, protocol: 'icmp' };
}

const INTERNET_ADDRESSES = ['internet', 'internet', '203.0.113.7', '8.8.8.8'];

/** A random question over a network: source and destination among instances, ENIs, addresses and the internet. */
export function randomFlow(rng: Rng, facts: NetworkFacts): OracleFlow {
  const host = () => rng.pick(facts.hosts);
  const asEndpoint = (h: NetworkFacts['hosts'][number]) => (rng.chance(0.75) ? h.instanceId : rng.chance(0.6) ? h.eniId : h.privateIp);
  const internet = () => rng.pick(INTERNET_ADDRESSES);
  const withPublic = facts.hosts.filter((h) => h.publicIp);
  let from: string;
  let to: string;
  let ports = [22, 80, 443, 8080, 5432, 3306];
  const mode = rng.next();
  if (mode < 0.42) {
    // host to host, often in the same VPC
    const a = host();
    const sameVpc = facts.hosts.filter((h) => h.vpcId === a.vpcId && h !== a);
    const b = sameVpc.length > 0 && rng.chance(0.7) ? rng.pick(sameVpc) : host();
    from = asEndpoint(a);
    to = b === a ? rng.pick(facts.unheldPrivate) : asEndpoint(b);
  } else if (mode < 0.62) {
    from = asEndpoint(host());
    to = internet();
    ports = [443, 443, 80, 22];
  } else if (mode < 0.83) {
    from = rng.chance(0.85) ? 'internet' : '203.0.113.9';
    const h = withPublic.length > 0 && rng.chance(0.9) ? rng.pick(withPublic) : host();
    to = rng.chance(0.4) && h.publicIp ? h.publicIp : rng.chance(0.8) ? h.instanceId : h.eniId;
    if (facts.natPublicIps.length > 0 && rng.chance(0.04)) to = rng.pick(facts.natPublicIps);
    ports = [80, 443, 443, 22];
  } else {
    // the odd questions: unheld addresses, NAT gateways, public IPs from inside, detached interfaces
    from = rng.chance(0.9) ? asEndpoint(host()) : rng.pick(facts.eniIds);
    const roll = rng.next();
    if (roll < 0.18) to = rng.pick(facts.unheldPrivate);
    else if (roll < 0.42) to = rng.pick(facts.unheldElsewhere);
    else if (roll < 0.55 && facts.natIds.length > 0) to = rng.pick(facts.natIds);
    else if (roll < 0.55 && facts.natPublicIps.length > 0) to = rng.pick(facts.natPublicIps);
    else if (roll < 0.8 && withPublic.length > 0) to = rng.pick(withPublic).publicIp!;
    else to = rng.pick(facts.eniIds);
    if (rng.chance(0.1) && withPublic.length > 0) from = rng.pick(withPublic).publicIp!;
  }
  if (to === from) to = rng.pick(facts.unheldPrivate);
  const protocolRoll = rng.next();
  const protocol = protocolRoll < 0.62 ? 'tcp' : protocolRoll < 0.75 ? 'udp' : protocolRoll < 0.9 ? 'icmp' : 'all';
  const flow: OracleFlow = { from, to, protocol };
  if (protocol === 'tcp') flow.port = rng.chance(0.9) ? rng.pick(ports) : rng.int(1, 65535);
  if (protocol === 'udp') flow.port = rng.chance(0.75) ? 53 : rng.chance(0.5) ? 123 : rng.int(1, 65535);
  if (flow.port !== undefined && rng.chance(0.12)) flow.sourcePort = rng.pick([1024, 32768, 40000, 60000, rng.int(1024, 65535)]);
  return flow;
}
