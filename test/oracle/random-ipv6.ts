/* eslint-disable @typescript-eslint/no-explicit-any -- describe JSON as AWS returns it */
// Makes a random network of random-network.ts dual-stack, with its own dice
// (the IPv4 network stays exactly what it was), and asks IPv6 questions over
// it. What AWS's describe calls return for IPv6 is added where it lives:
// Ipv6CidrBlockAssociationSet on VPCs and subnets, Ipv6Addresses and
// Ipv6Prefixes on interfaces, Ipv6Ranges and icmpv6 rules in security groups,
// Ipv6CidrBlock ACL entries (numbered among the IPv4 ones, with their own `*`
// at 32768), DestinationIpv6CidrBlock routes to the internet gateway, an
// egress-only internet gateway, peerings, the transit gateway, a NAT gateway
// (NAT64), a VGW and an appliance, IPv6 prefix lists, Ipv6CidrBlockSet on
// peerings, Ipv6Support on transit gateway attachments and IPv6 static TGW routes.
// The usual faults come along: no IPv6 route, blackholes, a detached
// egress-only gateway, one that is absent, transitive peering, an attachment
// without IPv6 support (its VPC's IPv6 blocks do not propagate), narrow ACLs.
import type { OracleFlow } from './oracle.js';
import { instanceEni, Rng, type RandomNetwork } from './random-network.js';

export interface Ipv6Host {
  instanceId: string;
  eniId: string;
  vpcId: string;
  ip: string;
}

export interface Ipv6Facts {
  /** running or not, interfaces of instances that have an IPv6 address */
  hosts: Ipv6Host[];
  /** instances whose interface has no IPv6 address: an IPv6 question about them is bad input */
  ipv4Only: string[];
  /** instances in IPv6-only subnets, with no IPv4 address: named alone they make a flow IPv6; an IPv4 question about them is bad input */
  ipv6Only: string[];
  /** addresses inside prefixes delegated to interfaces (Ipv6Prefixes) */
  delegated: string[];
  /** addresses of the VPCs' IPv6 blocks that nobody holds, in a subnet or outside every subnet */
  unheld: string[];
  /** addresses beyond the VPCs: blackholes, an appliance, a VGW, NAT64, an external peer, nowhere */
  elsewhere: string[];
}

/** The documentation and public ranges the IPv6 flows name as internet hosts. */
const INTERNET6 = ['internet', 'internet', '2001:db8::7', '2606:4700::1111', '2a00:1450::200e'];
const ALL_VPCS6 = '2600:1f18::/32';
const hex = (n: number) => n.toString(16);

interface Vpc6 {
  index: number;
  raw: any;
  block: string | undefined;
  /** the /64s of the VPC's subnets by subnet id */
  subnets: Map<string, string>;
  eigwId: string | undefined;
  tgwIpv6: boolean;
}

/** "2600:1f18:0:102::/64" -> "2600:1f18:0:102:" (then add "...:a" for an address). */
const stem = (block64: string) => block64.slice(0, block64.indexOf('::'));

export function addIpv6(network: RandomNetwork): Ipv6Facts {
  const rng = new Rng(network.seed * 15485863 + 5);
  const region: Record<string, any[]> = Object.values<any>(Object.values<any>(network.snapshot.accounts)[0])[0];
  const facts: Ipv6Facts = { hosts: [], ipv4Only: [], ipv6Only: [], delegated: [], unheld: [], elsewhere: [] };
  let counter = 0;
  const id = (prefix: string) => `${prefix}-6${(network.seed % 65536).toString(16).padStart(4, '0')}${(counter++).toString(16).padStart(4, '0')}`;
  const subnetRole = (subnet: any): string => String(subnet.Tags?.[0]?.Value ?? '').split('-')[0]!;

  // ---------------------------------------------------------------- VPC and subnet blocks
  const vpcs = new Map<string, Vpc6>();
  region.Vpcs!.forEach((raw, index) => {
    const dual = rng.chance(0.8);
    const block = dual ? `2600:1f18:0:${hex(index << 8)}::/56` : undefined;
    if (block) raw.Ipv6CidrBlockAssociationSet = [{ AssociationId: id('vpc-cidr-assoc'), Ipv6CidrBlock: block, Ipv6CidrBlockState: { State: 'associated' }, Ipv6Pool: 'Amazon', NetworkBorderGroup: 'us-east-1' }];
    vpcs.set(raw.VpcId, { index, raw, block, subnets: new Map(), eigwId: undefined, tgwIpv6: dual && rng.chance(0.8) });
    if (block) facts.unheld.push(`2600:1f18:0:${hex((index << 8) | 0xff)}::1`);
  });
  for (const subnet of region.Subnets!) {
    const vpc = vpcs.get(subnet.VpcId)!;
    const role = subnetRole(subnet);
    if (!vpc.block || !(role === 'tgw' ? vpc.tgwIpv6 : rng.chance(0.85))) continue;
    const block = `2600:1f18:0:${hex((vpc.index << 8) | (vpc.subnets.size + 1))}::/64`;
    vpc.subnets.set(subnet.SubnetId, block);
    subnet.Ipv6CidrBlockAssociationSet = [{ AssociationId: id('subnet-cidr-assoc'), Ipv6CidrBlock: block, Ipv6CidrBlockState: { State: 'associated' } }];
    subnet.AssignIpv6AddressOnCreation = false;
    if (role !== 'tgw') facts.unheld.push(`${stem(block)}::c8`);
  }

  // ---------------------------------------------------------------- interfaces
  const ipv6Of = new Map<string, { addresses: any[]; prefixes: any[] }>();
  for (const eni of region.NetworkInterfaces!) {
    const block = vpcs.get(eni.VpcId)!.subnets.get(eni.SubnetId);
    if (eni.InterfaceType !== 'interface') continue;
    const instanceId: string | undefined = eni.Attachment?.InstanceId;
    if (!block || !rng.chance(0.85)) {
      if (instanceId) facts.ipv4Only.push(instanceId);
      continue;
    }
    const octet = Number(String(eni.PrivateIpAddress).split('.')[3]);
    const address = `${stem(block)}::${hex(octet)}`;
    const ipv6 = { addresses: [{ Ipv6Address: address, IsPrimaryIpv6: false }], prefixes: [] as any[] };
    if (rng.chance(0.12)) {
      const prefix = `${stem(block)}:${hex(0x100 + octet)}::/80`;
      ipv6.prefixes.push({ Ipv6Prefix: prefix });
      facts.delegated.push(`${stem(block)}:${hex(0x100 + octet)}::${hex(rng.int(1, 4000))}`);
    }
    eni.Ipv6Addresses = ipv6.addresses;
    if (ipv6.prefixes.length > 0) eni.Ipv6Prefixes = ipv6.prefixes;
    ipv6Of.set(eni.NetworkInterfaceId, ipv6);
    if (instanceId) facts.hosts.push({ instanceId, eniId: eni.NetworkInterfaceId, vpcId: eni.VpcId, ip: address });
  }
  // DescribeInstances repeats each interface in full
  for (const reservation of region.Reservations!) {
    for (const instance of reservation.Instances) {
      for (const copy of instance.NetworkInterfaces ?? []) {
        const ipv6 = ipv6Of.get(copy.NetworkInterfaceId);
        if (!ipv6) continue;
        copy.Ipv6Addresses = ipv6.addresses;
        if (ipv6.prefixes.length > 0) copy.Ipv6Prefixes = ipv6.prefixes;
      }
    }
  }

  addIpv6OnlySubnets(rng, id, region, vpcs, facts);

  // ---------------------------------------------------------------- gateways, prefix list, peerings
  region.EgressOnlyInternetGateways = [];
  for (const vpc of vpcs.values()) {
    if (!vpc.block || !rng.chance(0.6)) continue;
    vpc.eigwId = id('eigw');
    region.EgressOnlyInternetGateways.push({ EgressOnlyInternetGatewayId: vpc.eigwId, Attachments: [{ State: rng.chance(0.9) ? 'attached' : 'detached', VpcId: vpc.raw.VpcId }], Tags: [] });
  }
  const partners6 = id('pl');
  region.ManagedPrefixLists!.push({ PrefixListId: partners6, PrefixListName: 'partners-v6', AddressFamily: 'IPv6', State: 'create-complete', OwnerId: Object.keys(network.snapshot.accounts)[0], Entries: [{ Cidr: '2606:4700::/32' }, { Cidr: '2001:db8:1000::/36' }] });
  const EXTERNAL6 = '2600:1f18:0:ee00::/56';
  for (const pcx of region.VpcPeeringConnections!) {
    for (const side of [pcx.RequesterVpcInfo, pcx.AccepterVpcInfo]) {
      const vpc = vpcs.get(side.VpcId);
      const block = vpc ? vpc.block : rng.chance(0.7) ? EXTERNAL6 : undefined;
      side.Ipv6CidrBlockSet = block ? [{ Ipv6CidrBlock: block }] : [];
    }
  }
  facts.elsewhere.push('2600:1f18:0:ee01::5', '2600:1f18:dead::5', '2600:1f18:ffff::5', '2001:db8:f000::5', '64:ff9b::808:808', 'fd00::1', '2001:db8:e000::9');

  // ---------------------------------------------------------------- transit gateway
  const attachmentOf = new Map<string, any>();
  for (const attachment of region.TransitGatewayVpcAttachments ?? []) {
    const vpc = vpcs.get(attachment.VpcId)!;
    attachment.Options = { ...attachment.Options, Ipv6Support: vpc.tgwIpv6 ? 'enable' : 'disable' };
    attachmentOf.set(attachment.VpcId, attachment);
  }
  const tgwId: string | undefined = region.TransitGateways?.[0]?.TransitGatewayId;
  const attached = [...vpcs.values()].filter((v) => v.block && attachmentOf.has(v.raw.VpcId));
  for (const block of region.TransitGatewayStaticRoutes ?? []) {
    if (rng.chance(0.4)) block.Routes.push({ DestinationCidrBlock: '2600:1f18:dead::/48', State: 'blackhole', Type: 'static' });
    if (attached.length > 0 && rng.chance(0.15)) block.Routes.push({ DestinationCidrBlock: rng.pick(attached).block, State: 'blackhole', Type: 'static' });
    if (attached.length > 0 && rng.chance(0.3)) {
      // a static route where the propagation is missing (an attachment without IPv6 support)
      const to = rng.pick(attached);
      const attachment = attachmentOf.get(to.raw.VpcId);
      block.Routes.push({ DestinationCidrBlock: to.block, State: 'active', Type: 'static', TransitGatewayAttachments: [{ TransitGatewayAttachmentId: attachment.TransitGatewayAttachmentId, ResourceId: to.raw.VpcId, ResourceType: 'vpc' }] });
    }
  }

  // ---------------------------------------------------------------- route tables
  for (const table of region.RouteTables!) {
    const vpc = vpcs.get(table.VpcId)!;
    if (!vpc.block) continue;
    const routes: any[] = table.Routes;
    const add = (destination: string, target: any, state = 'active') => {
      if (routes.some((r) => r.DestinationIpv6CidrBlock === destination)) return;
      routes.push({ DestinationIpv6CidrBlock: destination, ...target, State: state, Origin: 'CreateRoute' });
    };
    routes.push({ DestinationIpv6CidrBlock: vpc.block, GatewayId: 'local', State: 'active', Origin: 'CreateRouteTable' });
    const igwId: string | undefined = routes.find((r) => r.DestinationCidrBlock === '0.0.0.0/0' && String(r.GatewayId).startsWith('igw-'))?.GatewayId;
    const vpcIgw: string | undefined = region.InternetGateways!.find((g) => g.Attachments.some((a: any) => a.VpcId === vpc.raw.VpcId))?.InternetGatewayId;
    const tgwTable = table.Associations.some((a: any) => a.SubnetId && subnetRole(region.Subnets!.find((s) => s.SubnetId === a.SubnetId)) === 'tgw');
    if (igwId) {
      if (rng.chance(0.85)) add('::/0', { GatewayId: igwId });
      else if (vpc.eigwId) add('::/0', { EgressOnlyInternetGatewayId: vpc.eigwId });
    } else if (!tgwTable) {
      if (vpc.eigwId && rng.chance(0.65)) add('::/0', { EgressOnlyInternetGatewayId: vpc.eigwId });
      else if (vpcIgw && rng.chance(0.4)) add('::/0', { GatewayId: vpcIgw });
      const nat = region.NatGateways!.find((n) => n.VpcId === vpc.raw.VpcId);
      if (nat && rng.chance(0.3)) add('64:ff9b::/96', { NatGatewayId: nat.NatGatewayId });
      if (vpcIgw && rng.chance(0.2)) routes.push({ DestinationPrefixListId: partners6, GatewayId: vpcIgw, State: 'active', Origin: 'CreateRoute' });
    }
    for (const pcx of region.VpcPeeringConnections!) {
      const mine = pcx.RequesterVpcInfo.VpcId === vpc.raw.VpcId ? pcx.AccepterVpcInfo : pcx.AccepterVpcInfo.VpcId === vpc.raw.VpcId ? pcx.RequesterVpcInfo : undefined;
      const theirs: string | undefined = mine?.Ipv6CidrBlockSet?.[0]?.Ipv6CidrBlock;
      if (!theirs || !rng.chance(tgwTable ? 0.4 : 0.75)) continue;
      add(theirs, { VpcPeeringConnectionId: pcx.VpcPeeringConnectionId });
      const third = [...vpcs.values()].find((v) => v.block && v.raw.VpcId !== vpc.raw.VpcId && v.raw.VpcId !== mine.VpcId);
      if (third && rng.chance(0.2)) add(third.block!, { VpcPeeringConnectionId: pcx.VpcPeeringConnectionId });
    }
    if (tgwId && attachmentOf.has(vpc.raw.VpcId)) {
      if (rng.chance(0.25)) add(ALL_VPCS6, { TransitGatewayId: tgwId });
      for (const other of attached) if (other !== vpc && rng.chance(0.7)) add(other.block!, { TransitGatewayId: tgwId });
    }
    if (rng.chance(0.2)) add('2600:1f18:dead::/48', { VpcPeeringConnectionId: 'pcx-0dead0000000000' }, 'blackhole');
    if (rng.chance(0.1)) add('2001:db8:e000::/36', { EgressOnlyInternetGatewayId: 'eigw-0absent00000000' });
    const vgwRoute = routes.find((r) => String(r.GatewayId).startsWith('vgw-'));
    if (vgwRoute && rng.chance(0.7)) add('2001:db8:f000::/36', { GatewayId: vgwRoute.GatewayId });
    const appliance = routes.find((r) => r.NetworkInterfaceId);
    if (appliance) add('2600:1f18:ffff::/48', { NetworkInterfaceId: appliance.NetworkInterfaceId, InstanceId: appliance.InstanceId });
  }

  // ---------------------------------------------------------------- security groups
  const v6 = (cidr: string) => [{ CidrIpv6: cidr }];
  for (const group of region.SecurityGroups!) {
    const vpc = vpcs.get(group.VpcId)!;
    const name = String(group.GroupName).split('-')[0];
    const everyone = (p: any) => (p.IpRanges ?? []).some((r: any) => r.CidrIp === '0.0.0.0/0');
    for (const p of [...group.IpPermissions, ...group.IpPermissionsEgress]) {
      if (p.IpProtocol === '-1' && everyone(p) && rng.chance(0.85)) p.Ipv6Ranges = v6('::/0');
      else if (p.IpProtocol !== '-1' && everyone(p) && rng.chance(0.65)) p.Ipv6Ranges = v6('::/0');
    }
    const ingress: any[] = group.IpPermissions;
    if (name === 'web') {
      if (rng.chance(0.2)) ingress.push({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, Ipv6Ranges: v6('::/0') });
      if (rng.chance(0.5)) ingress.push({ IpProtocol: 'icmpv6', FromPort: rng.chance(0.5) ? -1 : 128, ToPort: -1, Ipv6Ranges: v6('::/0') });
      if (rng.chance(0.15)) ingress.push({ IpProtocol: 'icmp', FromPort: -1, ToPort: -1, Ipv6Ranges: v6('::/0') });
    }
    if (name === 'app') {
      if (rng.chance(0.6)) ingress.push({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, Ipv6Ranges: v6(ALL_VPCS6) });
      if (rng.chance(0.35)) ingress.push({ IpProtocol: '-1', Ipv6Ranges: v6(ALL_VPCS6) });
      if (rng.chance(0.5)) ingress.push({ IpProtocol: 'udp', FromPort: 53, ToPort: 53, Ipv6Ranges: v6(ALL_VPCS6) });
      if (rng.chance(0.3)) ingress.push({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, PrefixListIds: [{ PrefixListId: partners6 }] });
    }
    if (name === 'db' && vpc.block) {
      if (rng.chance(0.5)) ingress.push({ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, Ipv6Ranges: v6(vpc.block) });
      if (rng.chance(0.3)) ingress.push({ IpProtocol: '-1', Ipv6Ranges: v6(vpc.block) });
    }
  }

  // ---------------------------------------------------------------- network ACLs
  for (const acl of region.NetworkAcls!) {
    const allowAll = (acl.Entries as any[]).filter((e) => e.RuleNumber !== 32767).every((e) => e.RuleNumber === 100 && e.Protocol === '-1' && e.RuleAction === 'allow');
    const entries: any[] = [];
    if (rng.chance(allowAll ? 0.85 : 0.45)) {
      for (const egress of [false, true]) entries.push({ RuleNumber: 101, Protocol: '-1', RuleAction: 'allow', Egress: egress, Ipv6CidrBlock: '::/0' });
    } else if (rng.chance(0.85)) {
      for (const egress of [false, true]) entries.push(...customEntries6(rng, egress, vpcs));
    }
    for (const egress of [false, true]) entries.push({ RuleNumber: 32768, Protocol: '-1', RuleAction: 'deny', Egress: egress, Ipv6CidrBlock: '::/0' });
    acl.Entries.push(...entries);
  }
  return facts;
}

/**
 * IPv6-only subnets (VPC User Guide, "Subnets for your VPC": an IPv6 block
 * only) in some dual-stack VPCs, using one of the VPC's route tables and its
 * default ACL, each with instances that have IPv6 addresses and no IPv4 one.
 * They get their own dice before anything else reads the subnets, so that
 * the IPv4 network stays what it was.
 */
function addIpv6OnlySubnets(rng: Rng, id: (prefix: string) => string, region: Record<string, any[]>, vpcs: Map<string, Vpc6>, facts: Ipv6Facts): void {
  for (const vpc of vpcs.values()) {
    if (!vpc.block || !rng.chance(0.5)) continue;
    const vpcId = vpc.raw.VpcId as string;
    const block = `2600:1f18:0:${hex((vpc.index << 8) | 0x80)}::/64`;
    const subnetId = id('subnet');
    const az = rng.pick(region.Subnets!.filter((s) => s.VpcId === vpcId).map((s) => s.AvailabilityZone as string));
    region.Subnets!.push({ SubnetId: subnetId, VpcId: vpcId, Ipv6Native: true, Ipv6CidrBlockAssociationSet: [{ AssociationId: id('subnet-cidr-assoc'), Ipv6CidrBlock: block, Ipv6CidrBlockState: { State: 'associated' } }], AvailabilityZone: az, State: 'available', OwnerId: vpc.raw.OwnerId, Tags: [{ Key: 'Name', Value: `v6only-${block}` }] });
    vpc.subnets.set(subnetId, block);
    const tables = region.RouteTables!.filter((t) => t.VpcId === vpcId && !(t.Associations as any[]).some((a) => a.SubnetId && String(region.Subnets!.find((x) => x.SubnetId === a.SubnetId)?.Tags?.[0]?.Value).startsWith('tgw-')));
    const table = rng.pick(tables);
    table.Associations.push({ Main: false, RouteTableAssociationId: id('rtbassoc'), RouteTableId: table.RouteTableId, SubnetId: subnetId, AssociationState: { State: 'associated' } });
    const acl = region.NetworkAcls!.find((a) => a.VpcId === vpcId && a.IsDefault);
    if (acl) acl.Associations.push({ NetworkAclAssociationId: id('aclassoc'), NetworkAclId: acl.NetworkAclId, SubnetId: subnetId });
    const groups = region.SecurityGroups!.filter((g) => g.VpcId === vpcId).map((g) => g.GroupId as string);
    facts.unheld.push(`${stem(block)}::c8`);
    for (let n = 0; n < rng.int(1, 2); n++) {
      const instanceId = id('i');
      const eniId = id('eni');
      const address = `${stem(block)}::${hex(0x10 + n)}`;
      const state = rng.chance(0.95) ? 'running' : 'stopped';
      const chosen = rng.subset(groups, 0.4).slice(0, 2);
      // an interface of an IPv6-only subnet: IPv6 addresses, no private IPv4 one
      const eni = {
        ...instanceEni(eniId, subnetId, vpcId, az, '', undefined, chosen.length > 0 ? chosen : [groups[0]!], instanceId, region.SecurityGroups!),
        PrivateIpAddress: undefined,
        PrivateIpAddresses: [],
        Ipv6Addresses: [{ Ipv6Address: address, IsPrimaryIpv6: true }],
        Ipv6Native: true,
      };
      region.NetworkInterfaces!.push(eni);
      region.Reservations!.push({ ReservationId: id('r'), Instances: [{ InstanceId: instanceId, InstanceType: 't3.micro', State: { Name: state, Code: state === 'running' ? 16 : 80 }, SubnetId: subnetId, VpcId: vpcId, Placement: { AvailabilityZone: az }, Ipv6Address: address, NetworkInterfaces: [eni], Tags: [] }] });
      facts.hosts.push({ instanceId, eniId, vpcId, ip: address });
      facts.ipv6Only.push(instanceId);
    }
  }
}

/** One direction of hand-written IPv6 entries, numbered between the IPv4 ones (rule numbers are one sequence). */
function customEntries6(rng: Rng, egress: boolean, vpcs: Map<string, Vpc6>): any[] {
  const out: any[] = [];
  const entry = (rule: number, protocol: string, action: string, cidr: string, extra: any = {}) => out.push({ RuleNumber: rule, Protocol: protocol, RuleAction: action, Egress: egress, Ipv6CidrBlock: cidr, ...extra });
  const blocks = [...vpcs.values()].flatMap((v) => (v.block ? [v.block] : []));
  if (rng.chance(0.3)) entry(55, '6', 'deny', '::/0', { PortRange: { From: 22, To: 22 } });
  if (blocks.length > 0 && rng.chance(0.15)) entry(65, '-1', 'deny', rng.pick(blocks));
  if (rng.chance(0.1)) entry(75, '58', 'deny', '::/0', { IcmpTypeCode: { Type: -1, Code: -1 } });
  entry(101, '6', 'allow', '::/0', { PortRange: { From: 80, To: 80 } });
  entry(111, '6', 'allow', '::/0', { PortRange: { From: 443, To: 443 } });
  entry(121, '6', 'allow', ALL_VPCS6, { PortRange: { From: 22, To: 22 } });
  entry(131, '6', 'allow', '::/0', { PortRange: rng.pick([{ From: 1024, To: 65535 }, { From: 1024, To: 65535 }, { From: 32768, To: 65535 }, { From: 1024, To: 49151 }]) });
  if (rng.chance(0.6)) entry(141, '17', 'allow', '::/0', { PortRange: rng.chance(0.8) ? { From: 1024, To: 65535 } : { From: 53, To: 53 } });
  if (rng.chance(0.5)) entry(151, '17', 'allow', '::/0', { PortRange: { From: 53, To: 53 } });
  if (rng.chance(0.6)) entry(161, '58', 'allow', '::/0', { IcmpTypeCode: rng.pick([{ Type: -1, Code: -1 }, { Type: 128, Code: 0 }, { Type: 129, Code: -1 }]) });
  if (rng.chance(0.4)) entry(171, '6', 'allow', ALL_VPCS6, { PortRange: { From: 3306, To: 8080 } });
  return out;
}

// ---------------------------------------------------------------- flows

/** An IPv6 question: between dual-stack hosts, to and from the internet, and the odd ones. */
export function randomFlow6(rng: Rng, facts: Ipv6Facts): OracleFlow {
  const hosts = facts.hosts;
  const asEndpoint = (h: Ipv6Host) => (rng.chance(0.55) ? h.instanceId : rng.chance(0.3) ? h.eniId : h.ip);
  let from: string;
  let to: string;
  let ports = [22, 80, 443, 8080, 5432, 3306];
  const mode = hosts.length === 0 ? 0.99 : rng.next();
  if (mode < 0.4) {
    const a = rng.pick(hosts);
    const same = hosts.filter((h) => h.vpcId === a.vpcId && h !== a);
    const b = same.length > 0 && rng.chance(0.6) ? rng.pick(same) : rng.pick(hosts);
    from = asEndpoint(a);
    to = b === a ? rng.pick(facts.unheld.length > 0 ? facts.unheld : facts.elsewhere) : asEndpoint(b);
  } else if (mode < 0.6) {
    from = asEndpoint(rng.pick(hosts));
    to = rng.pick(INTERNET6);
    ports = [443, 443, 80, 22];
  } else if (mode < 0.82) {
    from = rng.chance(0.8) ? 'internet' : '2001:db8::9';
    to = asEndpoint(rng.pick(hosts));
    ports = [80, 443, 443, 22];
  } else {
    from = hosts.length > 0 ? asEndpoint(rng.pick(hosts)) : 'internet';
    const roll = rng.next();
    const pool = roll < 0.25 ? facts.unheld : roll < 0.65 ? facts.elsewhere : roll < 0.8 ? facts.delegated : facts.ipv4Only;
    to = pool.length > 0 ? rng.pick(pool) : rng.pick(facts.elsewhere);
  }
  const protocolRoll = rng.next();
  const protocol = protocolRoll < 0.62 ? 'tcp' : protocolRoll < 0.75 ? 'udp' : protocolRoll < 0.9 ? 'icmp' : 'all';
  // a literal IPv6 address decides the family by itself, and so does an IPv6-only instance; other names need it said
  const decided = [from, to].some((e) => e.includes(':') || facts.ipv6Only.includes(e));
  const flow: OracleFlow = { from, to, protocol, ...(decided && rng.chance(0.5) ? {} : { family: 'ipv6' as const }) };
  // now and then an IPv4 question about an IPv6-only instance: bad input
  if (facts.ipv6Only.includes(to) && rng.chance(0.1)) flow.family = 'ipv4';
  if (protocol === 'tcp') flow.port = rng.chance(0.9) ? rng.pick(ports) : rng.int(1, 65535);
  if (protocol === 'udp') flow.port = rng.chance(0.75) ? 53 : rng.int(1, 65535);
  if (flow.port !== undefined && rng.chance(0.12)) flow.sourcePort = rng.pick([1024, 32768, 40000, 60000]);
  return flow;
}
