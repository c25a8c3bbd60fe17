// Builders of EC2 describe-API response objects (exact AWS member names and
// nesting, as in test/fixtures/batfish/*), shared by the synthetic
// network generator and the demo network's script, so that both write what
// a server speaking the EC2 API could serve.

export type Json = Record<string, unknown>;
export type Tag = { Key: string; Value: string };

/** One region of a reachmap-snapshot/1 file: describe-API keys to lists. */
export type RegionData = Record<string, Json[]>;

export interface SnapshotFile {
  format: 'reachmap-snapshot/1';
  createdAt: string;
  source: { kind: 'aws-live' | 'import' | 'demo'; profile?: string; partition?: string };
  accounts: Record<string, Record<string, RegionData>>;
  errors: Json[];
}

/** Collects the describe lists of one account and region. */
export class RegionBuilder {
  readonly data: RegionData = {};
  constructor(
    readonly account: string,
    readonly region: string,
  ) {}

  add(key: string, ...items: Json[]): void {
    (this.data[key] ??= []).push(...items);
  }
}

export function snapshotOf(
  regions: readonly RegionBuilder[],
  createdAt: string,
  source: SnapshotFile['source'],
): SnapshotFile {
  const accounts: SnapshotFile['accounts'] = {};
  for (const r of regions) (accounts[r.account] ??= {})[r.region] = r.data;
  return { format: 'reachmap-snapshot/1', createdAt, source, accounts, errors: [] };
}

export function nameTags(name: string | undefined, extra: Record<string, string> = {}): Tag[] {
  const tags: Tag[] = name === undefined ? [] : [{ Key: 'Name', Value: name }];
  for (const [Key, Value] of Object.entries(extra)) tags.push({ Key, Value });
  return tags;
}

/** "us-east-1b" -> "use1-az2": the zone id AWS shows next to the zone name. */
export function availabilityZoneId(az: string): string {
  const m = /^([a-z]+)-([a-z]+)-(\d+)([a-z])$/.exec(az);
  if (!m) return az;
  const [, geo = '', dir = '', n = '', letter = 'a'] = m;
  return `${geo}${dir[0] ?? ''}${n}-az${letter.charCodeAt(0) - 96}`;
}

function privateDnsName(ip: string, region: string): string {
  const host = `ip-${ip.replaceAll('.', '-')}`;
  return region === 'us-east-1' ? `${host}.ec2.internal` : `${host}.${region}.compute.internal`;
}

function publicDnsName(ip: string, region: string): string {
  const host = `ec2-${ip.replaceAll('.', '-')}`;
  return region === 'us-east-1' ? `${host}.compute-1.amazonaws.com` : `${host}.${region}.compute.amazonaws.com`;
}

/** A MAC address derived from an id, so that the same ENI always gets the same one. */
function macFor(id: string): string {
  const hex = id.replace(/[^0-9a-f]/g, '').padStart(12, '0').slice(-10);
  return `0a:${hex.match(/../g)?.join(':') ?? ''}`;
}

/** "10.0.0.0/24" -> AWS's count of free addresses (5 reserved per subnet), minus those in use. */
function availableAddresses(cidr: string, used: number): number {
  const bits = Number(cidr.split('/')[1] ?? 32);
  return Math.max(0, 2 ** (32 - bits) - 5 - used);
}

/** 17 hex digits for the n-th association of a resource: unique per (id, n). */
function associationSuffix(id: string, n: number): string {
  return `${id.replace(/^.*-/, '').slice(-13).padStart(13, '0')}${n.toString(16).padStart(4, '0')}`;
}

/** "::/0", "2600:1f18::/56": an IPv6 block (its member names differ from IPv4's) */
const isIpv6Cidr = (cidr: string): boolean => cidr.includes(':');

export interface VpcSpec {
  id: string;
  cidr: string;
  /** further IPv4 blocks (secondary CIDRs) */
  secondaryCidrs?: readonly string[];
  /** an associated IPv6 block (Amazon-provided, a /56) */
  ipv6Cidr?: string;
  name?: string;
  owner: string;
  isDefault?: boolean;
  dhcpOptionsId?: string;
}

/** An IPv6 block association as DescribeVpcs/DescribeSubnets list it (the association ids are per resource: 0x100 + n). */
function ipv6Associations(prefix: 'vpc-cidr-assoc' | 'subnet-cidr-assoc', id: string, cidr: string | undefined, pool: boolean): Json[] {
  if (cidr === undefined) return [];
  const association: Json = { AssociationId: `${prefix}-${associationSuffix(id, 0x100)}`, Ipv6CidrBlock: cidr, Ipv6CidrBlockState: { State: 'associated' } };
  if (pool) association['Ipv6Pool'] = 'Amazon';
  return [association];
}

export function vpc(s: VpcSpec): Json {
  const blocks = [s.cidr, ...(s.secondaryCidrs ?? [])];
  return {
    CidrBlock: s.cidr,
    CidrBlockAssociationSet: blocks.map((cidr, i) => ({
      AssociationId: `vpc-cidr-assoc-${associationSuffix(s.id, i)}`,
      CidrBlock: cidr,
      CidrBlockState: { State: 'associated' },
    })),
    DhcpOptionsId: s.dhcpOptionsId ?? 'dopt-0c1e1d0a2b3c4d5e6',
    InstanceTenancy: 'default',
    ...(s.ipv6Cidr !== undefined ? { Ipv6CidrBlockAssociationSet: ipv6Associations('vpc-cidr-assoc', s.id, s.ipv6Cidr, true) } : {}),
    IsDefault: s.isDefault ?? false,
    OwnerId: s.owner,
    State: 'available',
    Tags: nameTags(s.name),
    VpcId: s.id,
  };
}

export interface SubnetSpec {
  id: string;
  vpcId: string;
  cidr: string;
  az: string;
  region: string;
  owner: string;
  name?: string;
  mapPublicIpOnLaunch?: boolean;
  /** the subnet's IPv6 block (a /64 of its VPC's), for a dual-stack subnet */
  ipv6Cidr?: string;
  /** addresses in use, for AvailableIpAddressCount */
  used?: number;
}

export function subnet(s: SubnetSpec): Json {
  return {
    AssignIpv6AddressOnCreation: false,
    AvailabilityZone: s.az,
    AvailabilityZoneId: availabilityZoneId(s.az),
    AvailableIpAddressCount: availableAddresses(s.cidr, s.used ?? 0),
    CidrBlock: s.cidr,
    DefaultForAz: false,
    Ipv6CidrBlockAssociationSet: ipv6Associations('subnet-cidr-assoc', s.id, s.ipv6Cidr, false),
    MapPublicIpOnLaunch: s.mapPublicIpOnLaunch ?? false,
    OwnerId: s.owner,
    State: 'available',
    SubnetArn: `arn:aws:ec2:${s.region}:${s.owner}:subnet/${s.id}`,
    SubnetId: s.id,
    Tags: nameTags(s.name),
    VpcId: s.vpcId,
  };
}

export type RouteTargetSpec =
  | { local: true }
  | { igw: string }
  | { eigw: string }
  | { nat: string }
  | { pcx: string }
  | { tgw: string }
  | { vgw: string }
  | { eni: string };

export interface RouteSpec {
  /** an IPv4 or IPv6 CIDR, or a prefix list id ("pl-...") */
  dest: string;
  to: RouteTargetSpec;
  blackhole?: boolean;
}

export function route(r: RouteSpec): Json {
  const out: Json = r.dest.startsWith('pl-') ? { DestinationPrefixListId: r.dest } : isIpv6Cidr(r.dest) ? { DestinationIpv6CidrBlock: r.dest } : { DestinationCidrBlock: r.dest };
  const t = r.to;
  if ('local' in t) out['GatewayId'] = 'local';
  else if ('igw' in t) out['GatewayId'] = t.igw;
  else if ('eigw' in t) out['EgressOnlyInternetGatewayId'] = t.eigw;
  else if ('vgw' in t) out['GatewayId'] = t.vgw;
  else if ('nat' in t) out['NatGatewayId'] = t.nat;
  else if ('pcx' in t) out['VpcPeeringConnectionId'] = t.pcx;
  else if ('tgw' in t) out['TransitGatewayId'] = t.tgw;
  else out['NetworkInterfaceId'] = t.eni;
  out['Origin'] = 'local' in t ? 'CreateRouteTable' : 'CreateRoute';
  out['State'] = r.blackhole ? 'blackhole' : 'active';
  return out;
}

export interface RouteTableSpec {
  id: string;
  vpcId: string;
  owner: string;
  name?: string;
  main?: boolean;
  /** explicitly associated subnets */
  subnetIds?: readonly string[];
  /** the local routes (one per VPC CIDR block, IPv4 then IPv6) are added first */
  vpcCidrs: readonly string[];
  vpcIpv6Cidrs?: readonly string[];
  routes?: readonly RouteSpec[];
}

export function routeTable(s: RouteTableSpec): Json {
  const assoc = (n: number): string => `rtbassoc-${associationSuffix(s.id, n)}`;
  const associations: Json[] = [];
  if (s.main) associations.push({ Main: true, RouteTableAssociationId: assoc(0), RouteTableId: s.id, AssociationState: { State: 'associated' } });
  (s.subnetIds ?? []).forEach((subnetId, i) =>
    associations.push({
      Main: false,
      RouteTableAssociationId: assoc(i + 1),
      RouteTableId: s.id,
      SubnetId: subnetId,
      AssociationState: { State: 'associated' },
    }),
  );
  return {
    Associations: associations,
    OwnerId: s.owner,
    PropagatingVgws: [],
    RouteTableId: s.id,
    Routes: [...[...s.vpcCidrs, ...(s.vpcIpv6Cidrs ?? [])].map((cidr) => route({ dest: cidr, to: { local: true } })), ...(s.routes ?? []).map(route)],
    Tags: nameTags(s.name),
    VpcId: s.vpcId,
  };
}

export type Protocol = 'tcp' | 'udp' | 'icmp' | '-1';
const protocolNumbers: Record<Protocol, string> = { tcp: '6', udp: '17', icmp: '1', '-1': '-1' };

export interface AclEntrySpec {
  rule: number;
  egress: boolean;
  allow: boolean;
  protocol: Protocol;
  cidr: string;
  /** tcp/udp port range; omitted = all */
  ports?: readonly [number, number];
  /** icmp type and code; omitted = any */
  icmp?: readonly [number, number];
}

export function aclEntry(e: AclEntrySpec): Json {
  const out: Json = {
    ...(isIpv6Cidr(e.cidr) ? {} : { CidrBlock: e.cidr }),
    Egress: e.egress,
    ...(isIpv6Cidr(e.cidr) ? { Ipv6CidrBlock: e.cidr } : {}),
    Protocol: protocolNumbers[e.protocol],
    RuleAction: e.allow ? 'allow' : 'deny',
    RuleNumber: e.rule,
  };
  if (e.protocol === 'icmp') out['IcmpTypeCode'] = { Code: e.icmp?.[1] ?? -1, Type: e.icmp?.[0] ?? -1 };
  if (e.ports && (e.protocol === 'tcp' || e.protocol === 'udp')) out['PortRange'] = { From: e.ports[0], To: e.ports[1] };
  return out;
}

/** The catch-all deny (rule 32767) that AWS lists at the end of each direction; in a VPC with an IPv6 block also IPv6's (32768). */
export function implicitDenies(ipv6 = false): Json[] {
  const denies = [true, false].map((egress) => aclEntry({ rule: 32767, egress, allow: false, protocol: '-1', cidr: '0.0.0.0/0' }));
  if (ipv6) denies.push(...[true, false].map((egress) => aclEntry({ rule: 32768, egress, allow: false, protocol: '-1', cidr: '::/0' })));
  return denies;
}

/**
 * AWS's default ACL: allow everything both ways (rule 100), then the catch-all deny; in a VPC with an
 * IPv6 block, all IPv6 both ways too (rule 101) and its catch-all deny (32768).
 */
export function allowAllEntries(ipv6 = false): Json[] {
  const allows = [aclEntry({ rule: 100, egress: true, allow: true, protocol: '-1', cidr: '0.0.0.0/0' }), aclEntry({ rule: 100, egress: false, allow: true, protocol: '-1', cidr: '0.0.0.0/0' })];
  if (ipv6) allows.push(aclEntry({ rule: 101, egress: true, allow: true, protocol: '-1', cidr: '::/0' }), aclEntry({ rule: 101, egress: false, allow: true, protocol: '-1', cidr: '::/0' }));
  return [...allows, ...implicitDenies(ipv6)];
}

export interface NetworkAclSpec {
  id: string;
  vpcId: string;
  owner: string;
  name?: string;
  isDefault?: boolean;
  subnetIds: readonly string[];
  /** without the 32767 entries, which are appended */
  entries: readonly AclEntrySpec[];
  /** the ACL's VPC has an IPv6 block: AWS appends IPv6's catch-all deny (32768) too */
  ipv6?: boolean;
}

export function networkAcl(s: NetworkAclSpec): Json {
  return {
    Associations: s.subnetIds.map((subnetId, i) => ({
      NetworkAclAssociationId: `aclassoc-${associationSuffix(s.id, i)}`,
      NetworkAclId: s.id,
      SubnetId: subnetId,
    })),
    Entries: [...s.entries.map(aclEntry), ...implicitDenies(s.ipv6)],
    IsDefault: s.isDefault ?? false,
    NetworkAclId: s.id,
    OwnerId: s.owner,
    Tags: nameTags(s.name),
    VpcId: s.vpcId,
  };
}

export interface GroupPeer {
  id: string;
  vpcId: string;
  peeringId: string;
  /** the peer group's account, when it is not the group owner's (a cross-account peering) */
  userId?: string;
}

export interface PermissionSpec {
  protocol: Protocol;
  /** tcp/udp: port range; icmp: [type, code]; omitted for '-1' */
  ports?: readonly [number, number];
  cidrs?: readonly string[];
  ipv6Cidrs?: readonly string[];
  prefixLists?: readonly string[];
  /** security group ids (same account); a peer VPC's group names its VPC and the peering */
  groups?: readonly (string | GroupPeer)[];
  description?: string;
}

export function permission(p: PermissionSpec, owner: string): Json {
  const withDescription = <T extends Json>(o: T): T => (p.description ? { ...o, Description: p.description } : o);
  const out: Json = { IpProtocol: p.protocol };
  if (p.protocol !== '-1') {
    out['FromPort'] = p.ports?.[0] ?? -1;
    out['ToPort'] = p.ports?.[1] ?? -1;
  }
  out['IpRanges'] = (p.cidrs ?? []).map((CidrIp) => withDescription({ CidrIp }));
  out['Ipv6Ranges'] = (p.ipv6Cidrs ?? []).map((CidrIpv6) => withDescription({ CidrIpv6 }));
  out['PrefixListIds'] = (p.prefixLists ?? []).map((PrefixListId) => withDescription({ PrefixListId }));
  out['UserIdGroupPairs'] = (p.groups ?? []).map((g) =>
    withDescription(
      typeof g === 'string'
        ? { GroupId: g, UserId: owner }
        : { GroupId: g.id, PeeringStatus: 'active', UserId: g.userId ?? owner, VpcId: g.vpcId, VpcPeeringConnectionId: g.peeringId },
    ),
  );
  return out;
}

export interface SecurityGroupSpec {
  id: string;
  name: string;
  description?: string;
  vpcId: string;
  owner: string;
  ingress: readonly PermissionSpec[];
  /** default: AWS's allow-all egress rule */
  egress?: readonly PermissionSpec[];
  tags?: Record<string, string>;
}

export const allowAllEgress: readonly PermissionSpec[] = [{ protocol: '-1', cidrs: ['0.0.0.0/0'] }];

export function securityGroup(s: SecurityGroupSpec): Json {
  return {
    Description: s.description ?? s.name,
    GroupId: s.id,
    GroupName: s.name,
    IpPermissions: s.ingress.map((p) => permission(p, s.owner)),
    IpPermissionsEgress: (s.egress ?? allowAllEgress).map((p) => permission(p, s.owner)),
    OwnerId: s.owner,
    Tags: nameTags(s.name === 'default' ? undefined : s.name, s.tags),
    VpcId: s.vpcId,
  };
}

/** A VPC's "default" group: members talk to each other, egress open. */
export function defaultSecurityGroup(id: string, vpcId: string, owner: string): Json {
  return securityGroup({
    id,
    name: 'default',
    description: 'default VPC security group',
    vpcId,
    owner,
    ingress: [{ protocol: '-1', groups: [id] }],
  });
}

export interface EniSpec {
  id: string;
  subnetId: string;
  vpcId: string;
  az: string;
  region: string;
  owner: string;
  privateIps: readonly string[];
  /** IPv6 addresses (from its subnet's IPv6 block) */
  ipv6Ips?: readonly string[];
  /** associated with the primary private IP */
  publicIp?: string;
  /** an Elastic IP (allocation id) rather than an auto-assigned public IP */
  elasticIpAllocationId?: string;
  /** [id, name] in the ENI's Groups order */
  groups: readonly (readonly [string, string])[];
  instanceId?: string;
  deviceIndex?: number;
  interfaceType?: 'interface' | 'nat_gateway' | 'transit_gateway' | 'vpc_endpoint' | 'network_load_balancer';
  description?: string;
  requesterManaged?: boolean;
  sourceDestCheck?: boolean;
  status?: 'in-use' | 'available';
  name?: string;
}

function eniAssociation(s: EniSpec): Json | undefined {
  if (!s.publicIp) return undefined;
  const base = { IpOwnerId: s.elasticIpAllocationId ? s.owner : 'amazon', PublicDnsName: publicDnsName(s.publicIp, s.region), PublicIp: s.publicIp };
  if (!s.elasticIpAllocationId) return base;
  return { AllocationId: s.elasticIpAllocationId, AssociationId: `eipassoc-${s.elasticIpAllocationId.slice(9)}`, ...base };
}

/** DescribeInstances' copy of the association carries no Elastic IP ids. */
function instanceEniAssociation(s: EniSpec): Json | undefined {
  const assoc = eniAssociation(s);
  if (!assoc) return undefined;
  const { AllocationId: _allocation, AssociationId: _association, ...rest } = assoc;
  return rest;
}

function eniPrivateAddresses(s: EniSpec, withDns: boolean, forInstanceList = false): Json[] {
  const assoc = forInstanceList ? instanceEniAssociation(s) : eniAssociation(s);
  return s.privateIps.map((ip, i) => {
    const a: Json = {};
    if (i === 0 && assoc) a['Association'] = assoc;
    a['Primary'] = i === 0;
    if (withDns) a['PrivateDnsName'] = privateDnsName(ip, s.region);
    a['PrivateIpAddress'] = ip;
    return a;
  });
}

function eniAttachment(s: EniSpec, forInstanceList: boolean): Json | undefined {
  if (s.status === 'available') return undefined;
  const managed = s.interfaceType === 'nat_gateway' || s.interfaceType === 'transit_gateway' || s.interfaceType === 'vpc_endpoint' || s.interfaceType === 'network_load_balancer' || (s.requesterManaged === true && !s.instanceId);
  const attachmentId = `${managed ? 'ela-attach-' : 'eni-attach-'}${s.id.slice(4)}`;
  if (managed) return { AttachmentId: attachmentId, DeleteOnTermination: false, DeviceIndex: 1, InstanceOwnerId: 'amazon-aws', Status: 'attached' };
  const a: Json = {
    AttachTime: '2026-09-14 08:30:12+00:00',
    AttachmentId: attachmentId,
    DeleteOnTermination: true,
    DeviceIndex: s.deviceIndex ?? 0,
  };
  if (!forInstanceList && s.instanceId) {
    a['InstanceId'] = s.instanceId;
    a['InstanceOwnerId'] = s.owner;
  }
  a['NetworkCardIndex'] = 0;
  a['Status'] = 'attached';
  return a;
}

/** The ENI as DescribeNetworkInterfaces returns it. */
export function networkInterface(s: EniSpec): Json {
  const primary = s.privateIps[0] ?? '';
  const assoc = eniAssociation(s);
  const attachment = eniAttachment(s, false);
  const hasDns = s.interfaceType !== 'transit_gateway';
  const out: Json = {};
  if (assoc) out['Association'] = assoc;
  if (attachment) out['Attachment'] = attachment;
  Object.assign(out, {
    AvailabilityZone: s.az,
    Description: s.description ?? '',
    Groups: s.groups.map(([GroupId, GroupName]) => ({ GroupId, GroupName })),
    InterfaceType: s.interfaceType ?? 'interface',
    Ipv6Addresses: (s.ipv6Ips ?? []).map((Ipv6Address) => ({ Ipv6Address })),
    MacAddress: macFor(s.id),
    NetworkInterfaceId: s.id,
    OwnerId: s.owner,
  });
  if (hasDns) out['PrivateDnsName'] = privateDnsName(primary, s.region);
  Object.assign(out, {
    PrivateIpAddress: primary,
    PrivateIpAddresses: eniPrivateAddresses(s, hasDns),
  });
  if (s.requesterManaged || s.interfaceType === 'nat_gateway' || s.interfaceType === 'transit_gateway') out['RequesterId'] = 'AIDAEXAMPLEREQUESTER';
  Object.assign(out, {
    RequesterManaged: s.requesterManaged ?? false,
    SourceDestCheck: s.sourceDestCheck ?? true,
    Status: s.status ?? 'in-use',
    SubnetId: s.subnetId,
    TagSet: nameTags(s.name),
    VpcId: s.vpcId,
  });
  return out;
}

/** The ENI as it appears inside DescribeInstances' Instances[].NetworkInterfaces. */
function instanceNetworkInterface(s: EniSpec): Json {
  const primary = s.privateIps[0] ?? '';
  const assoc = instanceEniAssociation(s);
  const out: Json = {};
  if (assoc) out['Association'] = assoc;
  Object.assign(out, {
    Attachment: eniAttachment(s, true),
    Description: s.description ?? '',
    Groups: s.groups.map(([GroupId, GroupName]) => ({ GroupId, GroupName })),
    InterfaceType: 'interface',
    Ipv6Addresses: (s.ipv6Ips ?? []).map((Ipv6Address) => ({ Ipv6Address })),
    MacAddress: macFor(s.id),
    NetworkInterfaceId: s.id,
    OwnerId: s.owner,
    PrivateDnsName: privateDnsName(primary, s.region),
    PrivateIpAddress: primary,
    PrivateIpAddresses: eniPrivateAddresses(s, true, true),
    SourceDestCheck: s.sourceDestCheck ?? true,
    Status: 'in-use',
    SubnetId: s.subnetId,
    VpcId: s.vpcId,
  });
  return out;
}

export interface InstanceSpec {
  id: string;
  name: string;
  state?: 'running' | 'stopped';
  instanceType?: string;
  imageId?: string;
  keyName?: string;
  /** device index order: the primary ENI first; every ENI's instanceId is this instance */
  enis: readonly EniSpec[];
  tags?: Record<string, string>;
  launchTime?: string;
}

const stateCodes = { running: 16, stopped: 80 } as const;

export function instance(s: InstanceSpec): Json {
  const primary = s.enis[0];
  if (!primary) throw new Error(`instance ${s.id} needs an ENI`);
  const state = s.state ?? 'running';
  const ip = primary.privateIps[0] ?? '';
  const out: Json = {
    AmiLaunchIndex: 0,
    Architecture: 'x86_64',
    ImageId: s.imageId ?? 'ami-0a7d80731ae1b2435',
    InstanceId: s.id,
    InstanceType: s.instanceType ?? 't3.medium',
  };
  if (s.keyName) out['KeyName'] = s.keyName;
  Object.assign(out, {
    LaunchTime: s.launchTime ?? '2026-09-14 08:30:11+00:00',
    Monitoring: { State: 'disabled' },
    NetworkInterfaces: s.enis.map(instanceNetworkInterface),
    Placement: { AvailabilityZone: primary.az, GroupName: '', Tenancy: 'default' },
    PrivateDnsName: privateDnsName(ip, primary.region),
    PrivateIpAddress: ip,
    ProductCodes: [],
    PublicDnsName: primary.publicIp && state === 'running' ? publicDnsName(primary.publicIp, primary.region) : '',
  });
  if (primary.publicIp) out['PublicIpAddress'] = primary.publicIp;
  Object.assign(out, {
    RootDeviceName: '/dev/xvda',
    RootDeviceType: 'ebs',
    SecurityGroups: primary.groups.map(([GroupId, GroupName]) => ({ GroupId, GroupName })),
    SourceDestCheck: primary.sourceDestCheck ?? true,
    State: { Code: stateCodes[state], Name: state },
    StateTransitionReason: state === 'stopped' ? 'User initiated (2026-11-20 09:12:44 GMT)' : '',
  });
  if (state === 'stopped') out['StateReason'] = { Code: 'Client.UserInitiatedShutdown', Message: 'Client.UserInitiatedShutdown: User initiated shutdown' };
  Object.assign(out, {
    SubnetId: primary.subnetId,
    Tags: nameTags(s.name, s.tags),
    VirtualizationType: 'hvm',
    VpcId: primary.vpcId,
  });
  return out;
}

export function reservation(id: string, owner: string, instances: readonly Json[]): Json {
  return { Groups: [], Instances: instances, OwnerId: owner, ReservationId: id };
}

export function internetGateway(id: string, vpcId: string | undefined, owner: string, name?: string): Json {
  return {
    Attachments: vpcId ? [{ State: 'available', VpcId: vpcId }] : [],
    InternetGatewayId: id,
    OwnerId: owner,
    Tags: nameTags(name),
  };
}

/** An egress-only internet gateway (IPv6 out, replies in) as DescribeEgressOnlyInternetGateways returns it. */
export function egressOnlyInternetGateway(id: string, vpcId: string, name?: string): Json {
  return { Attachments: [{ State: 'attached', VpcId: vpcId }], EgressOnlyInternetGatewayId: id, Tags: nameTags(name) };
}

export interface NatGatewaySpec {
  id: string;
  vpcId: string;
  subnetId: string;
  name?: string;
  state?: 'available' | 'deleted';
  /** omitted for a deleted gateway, whose ENI is gone */
  eniId?: string;
  privateIp: string;
  publicIp: string;
  allocationId: string;
  createTime?: string;
}

export function natGateway(s: NatGatewaySpec): Json {
  const address: Json = { AllocationId: s.allocationId };
  if (s.eniId) address['NetworkInterfaceId'] = s.eniId;
  address['PrivateIp'] = s.privateIp;
  address['PublicIp'] = s.publicIp;
  const out: Json = { ConnectivityType: 'public', CreateTime: s.createTime ?? '2026-09-14 08:21:40+00:00' };
  if (s.state === 'deleted') out['DeleteTime'] = '2026-11-28 17:02:13+00:00';
  Object.assign(out, {
    NatGatewayAddresses: [address],
    NatGatewayId: s.id,
    State: s.state ?? 'available',
    SubnetId: s.subnetId,
    Tags: nameTags(s.name),
    VpcId: s.vpcId,
  });
  return out;
}

export interface PeeringSideSpec {
  vpcId: string;
  cidrs: readonly string[];
  owner: string;
  region: string;
}

export function peeringConnection(id: string, requester: PeeringSideSpec, accepter: PeeringSideSpec, name?: string, status = 'active'): Json {
  const side = (p: PeeringSideSpec): Json => ({
    CidrBlock: p.cidrs[0],
    CidrBlockSet: p.cidrs.map((CidrBlock) => ({ CidrBlock })),
    OwnerId: p.owner,
    PeeringOptions: {
      AllowDnsResolutionFromRemoteVpc: false,
      AllowEgressFromLocalClassicLinkToRemoteVpc: false,
      AllowEgressFromLocalVpcToRemoteClassicLink: false,
    },
    Region: p.region,
    VpcId: p.vpcId,
  });
  const messages: Record<string, string> = { active: 'Active', deleted: 'Deleted by 123456789012', 'pending-acceptance': 'Pending Acceptance by ' + accepter.owner };
  return {
    AccepterVpcInfo: side(accepter),
    RequesterVpcInfo: side(requester),
    Status: { Code: status, Message: messages[status] ?? status },
    Tags: nameTags(name),
    VpcPeeringConnectionId: id,
  };
}

export interface TransitGatewaySpec {
  id: string;
  region: string;
  owner: string;
  name?: string;
  /** the default association and propagation table */
  defaultRouteTableId: string;
}

export function transitGateway(s: TransitGatewaySpec): Json {
  return {
    CreationTime: '2026-09-14 08:10:02+00:00',
    Description: s.name ?? '',
    Options: {
      AmazonSideAsn: 64512,
      AssociationDefaultRouteTableId: s.defaultRouteTableId,
      AutoAcceptSharedAttachments: 'disable',
      DefaultRouteTableAssociation: 'enable',
      DefaultRouteTablePropagation: 'enable',
      DnsSupport: 'enable',
      MulticastSupport: 'disable',
      PropagationDefaultRouteTableId: s.defaultRouteTableId,
      VpnEcmpSupport: 'enable',
    },
    OwnerId: s.owner,
    State: 'available',
    Tags: nameTags(s.name),
    TransitGatewayArn: `arn:aws:ec2:${s.region}:${s.owner}:transit-gateway/${s.id}`,
    TransitGatewayId: s.id,
  };
}

export interface TgwVpcAttachmentSpec {
  id: string;
  tgwId: string;
  vpcId: string;
  owner: string;
  /** one subnet per AZ the attachment covers */
  subnetIds: readonly string[];
  routeTableId: string;
  name?: string;
}

/** DescribeTransitGatewayAttachments' entry. */
export function tgwAttachment(s: TgwVpcAttachmentSpec): Json {
  return {
    Association: { State: 'associated', TransitGatewayRouteTableId: s.routeTableId },
    CreationTime: '2026-09-14 08:12:45+00:00',
    ResourceId: s.vpcId,
    ResourceOwnerId: s.owner,
    ResourceType: 'vpc',
    State: 'available',
    Tags: nameTags(s.name),
    TransitGatewayAttachmentId: s.id,
    TransitGatewayId: s.tgwId,
    TransitGatewayOwnerId: s.owner,
  };
}

/** DescribeTransitGatewayVpcAttachments' entry. */
export function tgwVpcAttachment(s: TgwVpcAttachmentSpec): Json {
  return {
    CreationTime: '2026-09-14 08:12:45+00:00',
    Options: { ApplianceModeSupport: 'disable', DnsSupport: 'enable', Ipv6Support: 'disable' },
    State: 'available',
    SubnetIds: [...s.subnetIds],
    Tags: nameTags(s.name),
    TransitGatewayAttachmentId: s.id,
    TransitGatewayId: s.tgwId,
    VpcId: s.vpcId,
    VpcOwnerId: s.owner,
  };
}

export function tgwRouteTable(id: string, tgwId: string, isDefault: boolean, name?: string): Json {
  return {
    CreationTime: '2026-09-14 08:10:20+00:00',
    DefaultAssociationRouteTable: isDefault,
    DefaultPropagationRouteTable: isDefault,
    State: 'available',
    Tags: nameTags(name),
    TransitGatewayId: tgwId,
    TransitGatewayRouteTableId: id,
  };
}

/** The collector's TransitGatewayPropagations entry (GetTransitGatewayRouteTablePropagations, per table). */
export function tgwPropagations(routeTableId: string, attachments: readonly { id: string; vpcId: string }[]): Json {
  return {
    TransitGatewayRouteTableId: routeTableId,
    TransitGatewayRouteTablePropagations: attachments.map((a) => ({
      ResourceId: a.vpcId,
      ResourceType: 'vpc',
      State: 'enabled',
      TransitGatewayAttachmentId: a.id,
    })),
  };
}

export interface TgwStaticRouteSpec {
  dest: string;
  /** omitted for a blackhole route */
  attachment?: { id: string; vpcId: string };
}

/** The collector's TransitGatewayStaticRoutes entry (SearchTransitGatewayRoutes type=static, per table). */
export function tgwStaticRoutes(routeTableId: string, routes: readonly TgwStaticRouteSpec[]): Json {
  return {
    AdditionalRoutesAvailable: false,
    Routes: routes.map((r) => {
      const out: Json = { DestinationCidrBlock: r.dest };
      if (r.attachment) {
        out['TransitGatewayAttachments'] = [{ ResourceId: r.attachment.vpcId, ResourceType: 'vpc', TransitGatewayAttachmentId: r.attachment.id }];
      }
      out['Type'] = 'static';
      out['State'] = r.attachment ? 'active' : 'blackhole';
      return out;
    }),
    TransitGatewayRouteTableId: routeTableId,
  };
}

/** DescribeManagedPrefixLists' entry plus the collector's `Entries` (GetManagedPrefixListEntries). */
export function managedPrefixList(id: string, name: string, region: string, owner: string, entries: readonly [string, string][]): Json {
  return {
    AddressFamily: 'IPv4',
    Entries: entries.map(([Cidr, Description]) => ({ Cidr, Description })),
    MaxEntries: Math.max(10, entries.length),
    OwnerId: owner,
    PrefixListArn: `arn:aws:ec2:${region}:${owner}:prefix-list/${id}`,
    PrefixListId: id,
    PrefixListName: name,
    State: 'create-complete',
    Tags: nameTags(name),
    Version: 1,
  };
}

/** DescribePrefixLists' entry (AWS-managed service prefix lists). */
export function awsPrefixList(id: string, name: string, cidrs: readonly string[]): Json {
  return { Cidrs: [...cidrs], PrefixListId: id, PrefixListName: name };
}
