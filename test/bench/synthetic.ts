// A seeded generator of reachmap-snapshot/1 networks of any size, in valid
// describe-API shapes: the input of every benchmark (import, engine, collector,
// UI). The same options and seed always give the same snapshot.
//
//   node --import tsx test/bench/synthetic.ts --enis 10000 --out FILE [--seed N]
//     [--vpcs N] [--subnets N] [--security-groups N] [--rules-per-group N]
//     [--regions N] [--peerings N] [--no-faults]
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  RegionBuilder,
  allowAllEntries,
  awsPrefixList,
  defaultSecurityGroup,
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
  subnet as subnetShape,
  transitGateway,
  tgwAttachment,
  tgwPropagations,
  tgwRouteTable,
  tgwStaticRoutes,
  tgwVpcAttachment,
  vpc as vpcShape,
  type AclEntrySpec,
  type EniSpec,
  type GroupPeer,
  type PermissionSpec,
  type RouteSpec,
  type SnapshotFile,
} from './describe-shapes.js';

export interface SyntheticOptions {
  /** network interfaces in all (instances' ENIs plus NAT and transit gateway ENIs) */
  enis: number;
  vpcs?: number;
  subnets?: number;
  /** security groups in all, each VPC's "default" group included */
  securityGroups?: number;
  /** ingress rules (one peer each) per non-default group */
  rulesPerGroup?: number;
  regions?: number;
  peerings?: number;
  seed?: number;
  account?: string;
  /**
   * Plant the classic faults here and there (stopped instances, public-subnet
   * instances without a public IP, blackhole routes, one-sided peerings,
   * transit gateway attachments missing an AZ, ACLs without the ephemeral
   * range), so that analyses meet every verdict. Default true.
   */
  faults?: boolean;
}

export type ResolvedOptions = Required<SyntheticOptions>;

const REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2', 'eu-central-1', 'ap-southeast-2', 'ap-northeast-1', 'ca-central-1', 'sa-east-1'];
const AZ_LETTERS = ['a', 'b', 'c'];
/** Where the VPCs' /16 blocks come from, in order. */
const VPC_POOLS: readonly [number, number][] = [
  [ipToInt('10.0.0.0'), 256],
  [ipToInt('172.16.0.0'), 16],
  [ipToInt('100.64.0.0'), 64],
];
const MAX_VPCS = VPC_POOLS.reduce((n, [, count]) => n + count, 0);
/** RFC 2544's benchmarking range: public (not RFC 1918/6598) and owned by no one. */
const PUBLIC_BASE = ipToInt('198.18.0.0');

function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Sizes that match a network of `enis` interfaces: ~10 ENIs a subnet, ~5 a group, ~200 a VPC. */
export function resolveOptions(o: SyntheticOptions): ResolvedOptions {
  const enis = o.enis;
  const vpcs = o.vpcs ?? Math.min(MAX_VPCS, Math.max(2, Math.round(enis / 200)));
  const r: ResolvedOptions = {
    enis,
    vpcs,
    subnets: o.subnets ?? Math.max(2 * vpcs, Math.round(enis / 10)),
    securityGroups: o.securityGroups ?? Math.max(2 * vpcs, Math.round(enis / 5)),
    rulesPerGroup: o.rulesPerGroup ?? 10,
    regions: o.regions ?? Math.min(2, vpcs),
    peerings: o.peerings ?? (vpcs >= 2 ? Math.max(1, Math.floor(vpcs / 4)) : 0),
    seed: o.seed ?? 1,
    account: o.account ?? '210987654321',
    faults: o.faults ?? true,
  };
  const bad = (what: string): never => {
    throw new RangeError(`synthetic network: ${what}`);
  };
  for (const [key, value] of Object.entries(r)) if (typeof value === 'number' && (!Number.isInteger(value) || value < 0)) bad(`${key} must be a whole number >= 0, not ${value}`);
  if (r.vpcs < 1 || r.vpcs > MAX_VPCS) bad(`vpcs must be 1-${MAX_VPCS}`);
  if (r.subnets < r.vpcs) bad('subnets must be at least vpcs');
  if (r.securityGroups < r.vpcs) bad('securityGroups must be at least vpcs (each VPC has a default group)');
  if (r.regions < 1 || r.regions > Math.min(REGIONS.length, r.vpcs)) bad(`regions must be 1-${Math.min(REGIONS.length, r.vpcs)}`);
  if (r.peerings > (r.vpcs * (r.vpcs - 1)) / 2) bad('more peerings than VPC pairs');
  return r;
}

/** mulberry32: small, fast, and the same sequence on every platform. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

interface SubnetPlan {
  id: string;
  vpc: VpcPlan;
  cidr: string;
  base: number;
  az: string;
  isPublic: boolean;
  /** next host address to hand out */
  nextHost: number;
  routeTableId: string | undefined;
  aclId: string | undefined;
  used: number;
}

interface VpcPlan {
  index: number;
  id: string;
  region: RegionBuilder;
  cidr: string;
  subnets: SubnetPlan[];
  groups: { id: string; name: string }[];
  igwId: string;
  natId: string | undefined;
  natEniSubnet: SubnetPlan | undefined;
  deletedNatId: string | undefined;
  tgwAttachmentId: string | undefined;
  tgwSubnets: SubnetPlan[];
  /** routes every non-main table of this VPC gets (peerings) */
  peerRoutes: RouteSpec[];
  /** same-region peered groups that rules may reference */
  peerGroups: GroupPeer[];
}

const COMMON_PORTS = [22, 80, 443, 3306, 5432, 6379, 8080, 8443, 9090, 9100, 27017, 11211, 5672, 9200];
const ROLES = ['api', 'worker', 'db', 'cache', 'queue', 'search', 'batch', 'app'];

/** Writes the network; every choice comes from the seeded generator. */
class Generator {
  private readonly rng: Rng;
  private readonly regions: RegionBuilder[];
  private readonly vpcs: VpcPlan[] = [];
  private readonly counters = new Map<string, number>();
  private readonly tag: string;
  private publicNext = 0;
  private readonly officeLists = new Map<string, string>();
  private readonly s3Lists = new Map<string, string>();

  constructor(private readonly o: ResolvedOptions) {
    this.rng = new Rng(o.seed);
    this.tag = (o.seed % 0x1000).toString(16).padStart(3, '0');
    this.regions = REGIONS.slice(0, o.regions).map((name) => new RegionBuilder(o.account, name));
  }

  /** AWS-like ids: the prefix, then 17 hex digits (3 from the seed, 14 a counter per prefix). */
  private id(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}-${this.tag}${n.toString(16).padStart(14, '0')}`;
  }

  private nextPublicIp(): string {
    return intToIp(PUBLIC_BASE + 256 + this.publicNext++);
  }

  run(): SnapshotFile {
    this.planVpcs();
    this.writePrefixLists();
    this.planPeerings();
    const serviceEnis = this.planGateways();
    const instanceEnis = this.o.enis - serviceEnis;
    if (instanceEnis < 0) throw new RangeError(`synthetic network: enis must be at least ${serviceEnis} (the NAT and transit gateway interfaces)`);
    this.writeSecurityGroups();
    this.writeTransitGateways();
    for (const v of this.vpcs) {
      this.writeRouteTables(v);
      this.writeAcls(v);
    }
    this.writeInstances(instanceEnis);
    for (const v of this.vpcs) for (const s of v.subnets) v.region.add('Subnets', this.subnetShape(s));
    return snapshotOf(this.regions, '2026-01-01T00:00:00Z', { kind: 'import', partition: 'aws' });
  }

  private planVpcs(): void {
    const { vpcs, subnets } = this.o;
    // Room for the average share plus second interfaces, secondary addresses and gateway ENIs.
    const perSubnet = Math.ceil((this.o.enis / subnets) * 1.25) + 8;
    const hostBits = Math.max(8, Math.ceil(Math.log2(perSubnet + 5)));
    const maxPerVpc = Math.ceil(subnets / vpcs);
    if (maxPerVpc * 2 ** hostBits > 65536) throw new RangeError('synthetic network: too many subnets or interfaces per VPC for a /16');
    let pool = 0;
    let inPool = 0;
    for (let v = 0; v < vpcs; v++) {
      const [poolBase, poolSize] = VPC_POOLS[pool] ?? [0, 0];
      const base = poolBase + inPool * 65536;
      if (++inPool === poolSize) [pool, inPool] = [pool + 1, 0];
      const region = this.regions[v % this.regions.length];
      if (!region) throw new Error('no region');
      const plan: VpcPlan = {
        index: v,
        id: this.id('vpc'),
        region,
        cidr: `${intToIp(base)}/16`,
        subnets: [],
        groups: [],
        igwId: this.id('igw'),
        natId: undefined,
        natEniSubnet: undefined,
        deletedNatId: undefined,
        tgwAttachmentId: undefined,
        tgwSubnets: [],
        peerRoutes: [],
        peerGroups: [],
      };
      const count = Math.floor(subnets / vpcs) + (v < subnets % vpcs ? 1 : 0);
      for (let k = 0; k < count; k++) {
        const sbase = base + k * 2 ** hostBits;
        plan.subnets.push({
          id: this.id('subnet'),
          vpc: plan,
          cidr: `${intToIp(sbase)}/${32 - hostBits}`,
          base: sbase,
          az: `${region.region}${AZ_LETTERS[k % AZ_LETTERS.length]}`,
          isPublic: k === 0 || (k === 1 && count >= 8),
          nextHost: 4,
          routeTableId: undefined,
          aclId: undefined,
          used: 0,
        });
      }
      region.add('Vpcs', vpcShape({ id: plan.id, cidr: plan.cidr, name: `vpc-${v}`, owner: this.o.account }));
      region.add('InternetGateways', internetGateway(plan.igwId, plan.id, this.o.account, `igw-vpc-${v}`));
      this.vpcs.push(plan);
    }
  }

  private writePrefixLists(): void {
    for (const [i, r] of this.regions.entries()) {
      const office = this.id('pl');
      this.officeLists.set(r.region, office);
      r.add('ManagedPrefixLists', managedPrefixList(office, 'corp-offices', r.region, this.o.account, [
        [`192.0.2.${(i % 4) * 64}/27`, 'HQ'],
        [`203.0.113.${(i % 4) * 64}/28`, 'branch'],
      ]));
      const s3 = `pl-${(0x63a5400a + i).toString(16)}`;
      this.s3Lists.set(r.region, s3);
      r.add('PrefixLists', awsPrefixList(s3, `com.amazonaws.${r.region}.s3`, ['3.5.0.0/19', '52.216.0.0/15', '54.231.0.0/16']));
    }
  }

  private planPeerings(): void {
    const taken = new Set<string>();
    for (let p = 0; p < this.o.peerings; p++) {
      let a: VpcPlan;
      let b: VpcPlan;
      do {
        a = this.rng.pick(this.vpcs);
        b = this.rng.pick(this.vpcs);
      } while (a === b || taken.has(`${a.index}:${b.index}`) || taken.has(`${b.index}:${a.index}`));
      taken.add(`${a.index}:${b.index}`);
      const id = this.id('pcx');
      const side = (v: VpcPlan) => ({ vpcId: v.id, cidrs: [v.cidr], owner: this.o.account, region: v.region.region });
      const shape = peeringConnection(id, side(a), side(b), `peer-${a.index}-${b.index}`);
      a.region.add('VpcPeeringConnections', shape);
      if (b.region !== a.region) b.region.add('VpcPeeringConnections', shape);
      a.peerRoutes.push({ dest: b.cidr, to: { pcx: id } });
      // Fault: the accepter forgot its route back.
      if (!(this.o.faults && p % 5 === 4)) b.peerRoutes.push({ dest: a.cidr, to: { pcx: id } });
      if (a.region === b.region) {
        a.peerGroups.push({ id: `@${b.index}`, vpcId: b.id, peeringId: id });
        b.peerGroups.push({ id: `@${a.index}`, vpcId: a.id, peeringId: id });
      }
    }
  }

  /** NAT and transit gateway placement; returns the number of ENIs they own. */
  private planGateways(): number {
    let enis = 0;
    const vpcsPerRegion = new Map<RegionBuilder, number>();
    for (const v of this.vpcs) vpcsPerRegion.set(v.region, (vpcsPerRegion.get(v.region) ?? 0) + 1);
    for (const v of this.vpcs) {
      const privates = v.subnets.filter((s) => !s.isPublic);
      if (privates.length > 0) {
        v.natId = this.id('nat');
        v.natEniSubnet = v.subnets[0];
        enis++;
        if (this.o.faults && v.index % 7 === 3) v.deletedNatId = this.id('nat');
      }
      if ((vpcsPerRegion.get(v.region) ?? 0) >= 2 && privates.length > 0) {
        v.tgwAttachmentId = this.id('tgw-attach');
        const byAz = new Map<string, SubnetPlan>();
        for (const s of privates) if (!byAz.has(s.az)) byAz.set(s.az, s);
        // Fault: every eighth attachment covers only its first AZ.
        v.tgwSubnets = this.o.faults && v.index % 8 === 1 ? [...byAz.values()].slice(0, 1) : [...byAz.values()];
        enis += v.tgwSubnets.length;
      }
    }
    return enis;
  }

  private writeSecurityGroups(): void {
    const extra = this.o.securityGroups - this.vpcs.length;
    for (const v of this.vpcs) {
      const own = Math.floor(extra / this.vpcs.length) + (v.index < extra % this.vpcs.length ? 1 : 0);
      v.groups.push({ id: this.id('sg'), name: 'default' });
      for (let g = 0; g < own; g++) v.groups.push({ id: this.id('sg'), name: `sg-${v.index}-${g}` });
    }
    // Peer group references were planned by VPC index; now that groups exist, name a real one.
    for (const v of this.vpcs) {
      v.peerGroups = v.peerGroups.map((p) => {
        const peer = this.vpcs[Number(p.id.slice(1))];
        return { ...p, id: peer ? this.rng.pick(peer.groups).id : p.id };
      });
    }
    for (const v of this.vpcs) {
      const [dflt, ...rest] = v.groups;
      if (dflt) v.region.add('SecurityGroups', defaultSecurityGroup(dflt.id, v.id, this.o.account));
      for (const g of rest) {
        const ingress = Array.from({ length: this.o.rulesPerGroup }, () => this.randomIngress(v));
        const egress = this.rng.chance(0.85) ? undefined : this.restrictedEgress(v);
        v.region.add('SecurityGroups', securityGroup({ id: g.id, name: g.name, description: `synthetic group ${g.name}`, vpcId: v.id, owner: this.o.account, ingress, ...(egress ? { egress } : {}) }));
      }
    }
  }

  private randomIngress(v: VpcPlan): PermissionSpec {
    const roll = this.rng.next();
    const port = this.rng.pick(COMMON_PORTS);
    const ports: [number, number] = this.rng.chance(0.1) ? [port, port + this.rng.int(100)] : [port, port];
    if (roll < 0.05) return { protocol: 'icmp', ports: this.rng.chance(0.5) ? [8, 0] : [-1, -1], cidrs: [v.cidr] };
    if (roll < 0.1) return { protocol: '-1', cidrs: [this.rng.chance(0.5) ? v.cidr : '10.0.0.0/8'] };
    if (roll < 0.15) return { protocol: 'udp', ports: this.rng.pick([[53, 53], [514, 514], [123, 123]] as [number, number][]), cidrs: ['10.0.0.0/8'] };
    if (roll < 0.45) {
      const peer = v.peerGroups.length > 0 && this.rng.chance(0.1) ? this.rng.pick(v.peerGroups) : this.rng.pick(v.groups).id;
      return { protocol: 'tcp', ports, groups: [peer] };
    }
    if (roll < 0.6) {
      const list = this.rng.chance(0.7) ? this.officeLists.get(v.region.region) : this.s3Lists.get(v.region.region);
      return { protocol: 'tcp', ports: [22, 22], prefixLists: list ? [list] : [] };
    }
    if (roll < 0.7) return { protocol: 'tcp', ports: this.rng.pick([[443, 443], [80, 80]] as [number, number][]), cidrs: ['0.0.0.0/0'] };
    const s = this.rng.pick(v.subnets);
    return { protocol: 'tcp', ports, cidrs: [this.rng.chance(0.5) ? s.cidr : v.cidr] };
  }

  private restrictedEgress(v: VpcPlan): PermissionSpec[] {
    return [
      { protocol: 'tcp', ports: [443, 443], cidrs: ['0.0.0.0/0'] },
      { protocol: 'tcp', ports: [5432, 5432], cidrs: [v.cidr] },
      { protocol: '-1', cidrs: ['10.0.0.0/8'] },
    ];
  }

  private writeTransitGateways(): void {
    for (const r of this.regions) {
      const attached = this.vpcs.filter((v) => v.region === r && v.tgwAttachmentId);
      if (attached.length === 0) continue;
      const tgw = this.id('tgw');
      const rtb = this.id('tgw-rtb');
      r.add('TransitGateways', transitGateway({ id: tgw, region: r.region, owner: this.o.account, name: `tgw-${r.region}`, defaultRouteTableId: rtb }));
      r.add('TransitGatewayRouteTables', tgwRouteTable(rtb, tgw, true, `tgw-rtb-${r.region}`));
      const specs = attached.map((v) => ({
        id: v.tgwAttachmentId ?? '',
        tgwId: tgw,
        vpcId: v.id,
        owner: this.o.account,
        subnetIds: v.tgwSubnets.map((s) => s.id),
        routeTableId: rtb,
        name: `attach-vpc-${v.index}`,
      }));
      r.add('TransitGatewayAttachments', ...specs.map(tgwAttachment));
      r.add('TransitGatewayVpcAttachments', ...specs.map(tgwVpcAttachment));
      r.add('TransitGatewayPropagations', tgwPropagations(rtb, specs));
      const first = specs[0];
      const statics = [{ dest: '192.168.0.0/16' }, ...(first ? [{ dest: '10.255.0.0/16', attachment: { id: first.id, vpcId: first.vpcId } }] : [])];
      r.add('TransitGatewayStaticRoutes', tgwStaticRoutes(rtb, this.o.faults ? statics : statics.slice(1)));
      for (const v of attached) {
        v.peerRoutes.push({ dest: '10.0.0.0/8', to: { tgw } });
        for (const s of v.tgwSubnets) {
          this.addEni(s, { interfaceType: 'transit_gateway', description: `Network Interface for Transit Gateway Attachment ${v.tgwAttachmentId ?? ''}`, sourceDestCheck: false, groups: [] });
        }
      }
    }
  }

  private writeRouteTables(v: VpcPlan): void {
    const owner = this.o.account;
    const table = (routes: RouteSpec[], subnets: SubnetPlan[], name: string, main = false): void => {
      const id = this.id('rtb');
      for (const s of subnets) s.routeTableId = id;
      v.region.add('RouteTables', routeTable({ id, vpcId: v.id, owner, name, main, subnetIds: subnets.map((s) => s.id), vpcCidrs: [v.cidr], routes }));
    };
    const privates = v.subnets.filter((s) => !s.isPublic);
    // Fault: some private subnets have no association and fall back to the main table, which has no default route.
    const onMain = this.o.faults ? privates.filter(() => this.rng.chance(0.15)) : [];
    const explicit = privates.filter((s) => !onMain.includes(s));
    table([...v.peerRoutes], [], `main-vpc-${v.index}`, true);
    table([{ dest: '0.0.0.0/0', to: { igw: v.igwId } }, ...v.peerRoutes], v.subnets.filter((s) => s.isPublic), `public-vpc-${v.index}`);
    if (explicit.length > 0 && v.natId) {
      const routes: RouteSpec[] = [{ dest: '0.0.0.0/0', to: { nat: v.natId } }, ...v.peerRoutes];
      if (v.deletedNatId) routes.push({ dest: `192.168.${v.index % 256}.0/24`, to: { nat: v.deletedNatId }, blackhole: true });
      table(routes, explicit, `private-vpc-${v.index}`);
    }
    if (v.natId && v.natEniSubnet) {
      const eni = this.addEni(v.natEniSubnet, { interfaceType: 'nat_gateway', requesterManaged: true, sourceDestCheck: false, groups: [], publicIp: this.nextPublicIp(), elasticIpAllocationId: this.id('eipalloc') });
      v.region.add('NatGateways', natGateway({ id: v.natId, vpcId: v.id, subnetId: v.natEniSubnet.id, eniId: eni.id, privateIp: eni.privateIps[0] ?? '', publicIp: eni.publicIp ?? '', allocationId: eni.elasticIpAllocationId ?? '', name: `nat-vpc-${v.index}` }));
    }
    if (v.deletedNatId && v.natEniSubnet) {
      v.region.add('NatGateways', natGateway({ id: v.deletedNatId, vpcId: v.id, subnetId: v.natEniSubnet.id, state: 'deleted', privateIp: intToIp(v.natEniSubnet.base + 250), publicIp: this.nextPublicIp(), allocationId: this.id('eipalloc') }));
    }
  }

  private writeAcls(v: VpcPlan): void {
    const owner = this.o.account;
    const entry = (rule: number, egress: boolean, protocol: AclEntrySpec['protocol'], cidr: string, ports?: [number, number], allow = true): AclEntrySpec => ({ rule, egress, allow, protocol, cidr, ...(ports ? { ports } : {}) });
    const publics = v.subnets.filter((s) => s.isPublic);
    const customPrivate = v.subnets.filter((s, k) => !s.isPublic && k % 3 === 2);
    const onDefault = v.subnets.filter((s) => !publics.includes(s) && !customPrivate.includes(s));
    const dflt = networkAcl({ id: this.id('acl'), vpcId: v.id, owner, isDefault: true, subnetIds: onDefault.map((s) => s.id), entries: [] });
    v.region.add('NetworkAcls', { ...dflt, Entries: allowAllEntries() });
    // Fault: some VPCs' ACLs leave out the ephemeral range that replies come back on.
    const noEphemeral = this.o.faults && v.index % 6 === 5;
    if (publics.length > 0) {
      const entries = [
        entry(100, false, 'tcp', '0.0.0.0/0', [443, 443]),
        entry(110, false, 'tcp', '0.0.0.0/0', [80, 80]),
        entry(120, false, '-1', '10.0.0.0/8'),
        entry(130, false, 'tcp', '0.0.0.0/0', [22, 22], false),
        ...(noEphemeral ? [] : [entry(140, false, 'tcp', '0.0.0.0/0', [1024, 65535])]),
        entry(100, true, '-1', '0.0.0.0/0'),
      ];
      v.region.add('NetworkAcls', networkAcl({ id: this.id('acl'), vpcId: v.id, owner, name: `public-acl-${v.index}`, subnetIds: publics.map((s) => s.id), entries }));
    }
    if (customPrivate.length > 0) {
      const entries = [
        entry(90, false, 'tcp', '10.0.0.0/8', [23, 23], false),
        entry(100, false, '-1', '10.0.0.0/8'),
        ...(noEphemeral ? [] : [entry(200, false, 'tcp', '0.0.0.0/0', [1024, 65535]), entry(210, false, 'udp', '0.0.0.0/0', [1024, 65535])]),
        entry(100, true, '-1', '0.0.0.0/0'),
      ];
      v.region.add('NetworkAcls', networkAcl({ id: this.id('acl'), vpcId: v.id, owner, name: `private-acl-${v.index}`, subnetIds: customPrivate.map((s) => s.id), entries }));
    }
  }

  private addEni(s: SubnetPlan, extra: Partial<EniSpec> & { groups: EniSpec['groups'] }): EniSpec {
    const spec: EniSpec = {
      id: this.id('eni'),
      subnetId: s.id,
      vpcId: s.vpc.id,
      az: s.az,
      region: s.vpc.region.region,
      owner: this.o.account,
      privateIps: [intToIp(s.base + s.nextHost++)],
      ...extra,
    };
    s.used++;
    s.vpc.region.add('NetworkInterfaces', networkInterface(spec));
    return spec;
  }

  private writeInstances(count: number): void {
    const subnets = this.vpcs.flatMap((v) => v.subnets);
    let made = 0;
    for (let n = 0; made < count; n++) {
      const s = subnets[n % subnets.length];
      if (!s) break;
      const v = s.vpc;
      const instanceId = this.id('i');
      const enisHere = made + 2 <= count && this.rng.chance(0.05) ? 2 : 1;
      const own = v.groups.length > 1 ? v.groups.slice(1) : v.groups;
      const role = s.isPublic ? 'web' : this.rng.pick(ROLES);
      const enis: EniSpec[] = [];
      for (let d = 0; d < enisHere; d++) {
        const groups = [this.rng.pick(own), ...(this.rng.chance(0.3) ? [this.rng.pick(own)] : [])];
        const unique = [...new Map(groups.map((g) => [g.id, g])).values()];
        const wantsPublic = s.isPublic && d === 0 && !(this.o.faults && this.rng.chance(0.1));
        const publicIp = wantsPublic ? this.nextPublicIp() : undefined;
        const spec: EniSpec = {
          id: this.id('eni'),
          subnetId: s.id,
          vpcId: v.id,
          az: s.az,
          region: v.region.region,
          owner: this.o.account,
          privateIps: [intToIp(s.base + s.nextHost++), ...(this.rng.chance(0.05) ? [intToIp(s.base + s.nextHost++)] : [])],
          groups: unique.map((g) => [g.id, g.name] as const),
          instanceId,
          deviceIndex: d,
          ...(publicIp ? { publicIp } : {}),
          ...(publicIp && this.rng.chance(0.3) ? { elasticIpAllocationId: this.id('eipalloc') } : {}),
        };
        s.used += spec.privateIps.length;
        enis.push(spec);
        v.region.add('NetworkInterfaces', networkInterface(spec));
      }
      made += enisHere;
      const stopped = this.o.faults && this.rng.chance(0.03);
      const inst = instance({ id: instanceId, name: `${role}-${v.index}-${n}`, state: stopped ? 'stopped' : 'running', instanceType: 't3.medium', enis, tags: { Role: role } });
      v.region.add('Reservations', reservation(this.id('r'), this.o.account, [inst]));
      if (s.nextHost > 2 ** (32 - Number(s.cidr.split('/')[1])) - 2) throw new RangeError(`synthetic network: subnet ${s.cidr} is full`);
    }
  }

  private subnetShape(s: SubnetPlan) {
    return subnetShape({ id: s.id, vpcId: s.vpc.id, cidr: s.cidr, az: s.az, region: s.vpc.region.region, owner: this.o.account, name: `${s.isPublic ? 'public' : 'private'}-${s.vpc.index}-${s.cidr}`, mapPublicIpOnLaunch: s.isPublic, used: s.used });
  }
}

export function generateSnapshot(options: SyntheticOptions): SnapshotFile {
  return new Generator(resolveOptions(options)).run();
}

function main(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: {
      enis: { type: 'string' },
      vpcs: { type: 'string' },
      subnets: { type: 'string' },
      'security-groups': { type: 'string' },
      'rules-per-group': { type: 'string' },
      regions: { type: 'string' },
      peerings: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      'no-faults': { type: 'boolean' },
    },
  });
  const num = (text: string | undefined): number | undefined => (text === undefined ? undefined : Number(text));
  if (!values.enis || !values.out) throw new RangeError('usage: synthetic.ts --enis N --out FILE [--seed N] [--vpcs N] [--subnets N] [--security-groups N] [--rules-per-group N] [--regions N] [--peerings N] [--no-faults]');
  const options: SyntheticOptions = { enis: Number(values.enis), faults: !values['no-faults'] };
  const optional = { vpcs: values.vpcs, subnets: values.subnets, securityGroups: values['security-groups'], rulesPerGroup: values['rules-per-group'], regions: values.regions, peerings: values.peerings, seed: values.seed };
  for (const [key, text] of Object.entries(optional)) if (text !== undefined) Object.assign(options, { [key]: num(text) });
  const snapshot = generateSnapshot(options);
  writeFileSync(values.out, JSON.stringify(snapshot), { mode: 0o600 });
  console.log(`wrote ${values.out}: ${JSON.stringify(resolveOptions(options))}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
}
