// The oracle's IPv6 walk: one IPv6 packet followed from hop to hop through
// the raw describe JSON, with linear scans, as oracle.ts does for IPv4, and
// sharing no code with shared/. Written from DESIGN.md sections 3-4 and the
// VPC User Guide:
// - IPv6 addresses are global: no NAT, no public address; an ENI is reached
//   at its own IPv6 address from inside the VPC and from the internet alike
//   ("IPv6 addressing", "Compare IPv4 and IPv6").
// - An internet gateway carries IPv6 both ways ("Enable internet access using
//   an internet gateway": IPv6 needs no address translation).
// - An egress-only internet gateway sends IPv6 out and lets the replies back
//   in, but "prevents the internet from initiating an IPv6 connection with
//   your instances" ("Enable outbound IPv6 traffic using an egress-only
//   internet gateway"): our EIGW_INBOUND_CONNECTION. A reply routed out
//   through one that did not see the connection start: AWS does not say, unknown.
// - An IPv6 packet follows IPv6 routes (DestinationIpv6CidrBlock) and the IPv6
//   entries of prefix lists only; a transit gateway's IPv6 routes are its
//   static IPv6 routes and the IPv6 blocks of VPC attachments with
//   Ipv6Support enabled ("When disabled ... IPv6 routes do not propagate",
//   CreateTransitGatewayVpcAttachmentRequestOptions).
// - A peering carries IPv6 only to the peer VPC's IPv6 blocks.
// - A NAT gateway's IPv6 use is NAT64 (64:ff9b::/96), not modelled: unknown;
//   so are VPN gateways and gateway endpoints over IPv6.
import { aclOfSubnet } from './filters.js';
import { aclAllows6, ipv6HeldBy, securityGroupsAllow6, type Packet6, type Protocol6 } from './filters6.js';
import { bigintToIp6, cidr6Contains, ip6ToBigint, isIp6Cidr, isIp6Text, isNonGlobal6, prefix6Length } from './ip6.js';
import { isIpText } from './ip.js';
import type { Raw, RawView } from './raw-view.js';
import type { Leg, OracleAnswer, OracleFlow } from './oracle.js';
import { answerOf, checkEniState, mustSubnet, routeTableOf, stop } from './walk-parts.js';

/** What `internet` stands for on an IPv6 flow. */
export const INTERNET_HOST6 = '2001:db8::1';
const DEFAULT_SOURCE_PORT = 49152;
const ECHO_REQUEST = { type: 128, code: 0 };
const ECHO_REPLY = { type: 129, code: 0 };

/** Thrown for a question that is not valid (the CLI's exit 2): the caller turns it into its own input error. */
export class Oracle6InputError extends Error {}

/**
 * Is this an IPv6 question? `family` where given, else a literal IPv6
 * address at either end, else whether an instance or ENI named at either end
 * has IPv6 addresses only (an endpoint with one family uses it; issue 17). A
 * literal of the other family than `family` (or two literals of different
 * families) is bad input.
 */
export function flowIsIpv6(view: RawView, flow: OracleFlow): boolean {
  let family: string | undefined = flow.family;
  for (const text of [flow.from, flow.to]) {
    const literal = isIpText(text) ? 'ipv4' : isIp6Text(text) ? 'ipv6' : undefined;
    if (literal === undefined) continue;
    if (family !== undefined && literal !== family) throw new Oracle6InputError(`${text} is not an ${family} address`);
    family = literal;
  }
  if (family === undefined && [flow.from, flow.to].some((text) => ipv6OnlyEni(view, text))) return true;
  return family === 'ipv6';
}

/** An instance (its primary interface) or interface named by id that has no private IPv4 address but an IPv6 one. */
function ipv6OnlyEni(view: RawView, text: string): boolean {
  const eni = text.startsWith('i-') ? view.networkInterfaces.find((e) => e.Attachment?.InstanceId === text && e.Attachment?.DeviceIndex === 0) : text.startsWith('eni-') ? view.eni(text) : undefined;
  if (!eni) return false;
  return !eni.PrivateIpAddress && (eni.PrivateIpAddresses ?? []).length === 0 && ((eni.Ipv6Addresses ?? []).length > 0 || (eni.Ipv6Prefixes ?? []).length > 0);
}

type Endpoint6 = { kind: 'eni'; eni: Raw; ip: bigint } | { kind: 'internet'; ip: bigint } | { kind: 'address'; ip: bigint };

/** How a load balancer (oracle-load-balancers.ts) bends an IPv6 walk: the hop at its node decides in place of the node's security groups. */
export interface Walk6Hooks {
  /** the forward leg reached the destination ENI: decides in place of its security groups (stop() to drop) */
  readonly atDestination?: (eni: Raw, packet: Packet6) => void;
  /** one trace shared by the walks of one question */
  readonly trace?: string[];
}

export class Oracle6Walk {
  private leg: Leg = 'forward';
  private readonly trace: string[];
  private readonly protocol: Protocol6;
  private readonly port: number | null;
  private readonly sourcePort: number | null;
  private readonly source: Endpoint6;
  private readonly destination: Endpoint6;
  /** egress-only gateways the forward leg left through, with the inside address: their replies may come back in */
  private readonly eigwSessions: { eigwId: string; inside: bigint }[] = [];
  private readonly lookups = new Set<string>();
  private arrived: Packet6 | undefined;

  constructor(
    private readonly view: RawView,
    flow: OracleFlow,
    private readonly hooks: Walk6Hooks = {},
  ) {
    this.trace = hooks.trace ?? [];
    const protocol = (flow.protocol ?? 'tcp').toLowerCase();
    if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'icmp' && protocol !== 'all') throw new Oracle6InputError(`protocol ${protocol}`);
    // `icmp` on an IPv6 flow is ICMPv6 (protocol 58)
    this.protocol = protocol === 'icmp' ? 'icmpv6' : protocol;
    const ported = protocol === 'tcp' || protocol === 'udp';
    if (ported && flow.port === undefined) throw new Oracle6InputError('--port is required for tcp and udp');
    if (!ported && flow.port !== undefined) throw new Oracle6InputError('--port is refused for icmp and all');
    this.port = ported ? flow.port! : null;
    this.sourcePort = ported ? (flow.sourcePort ?? DEFAULT_SOURCE_PORT) : null;
    this.source = this.resolve(flow.from, 'from');
    this.destination = this.resolve(flow.to, 'to');
    if (this.source.kind === 'eni' && this.destination.kind === 'eni' && this.source.eni === this.destination.eni) {
      throw new Oracle6InputError('source and destination are the same interface');
    }
  }

  /** The source's interface, when the source is one (its state is the first check of a flow). */
  sourceEni(): Raw | undefined {
    return this.source.kind === 'eni' ? this.source.eni : undefined;
  }

  run(): OracleAnswer {
    const walk = () => {
      this.walkForward();
      this.leg = 'return';
      this.walkReturn();
    };
    return answerOf(this.trace, walk, (line) => this.note(line));
  }

  // ------------------------------------------------------------ endpoints

  private resolve(text: string, role: 'from' | 'to'): Endpoint6 {
    const v = this.view;
    if (text === 'internet') return { kind: 'internet', ip: ip6ToBigint(INTERNET_HOST6) };
    if (text.startsWith('i-')) {
      if (!v.instance(text)) throw new Oracle6InputError(`unknown instance ${text}`);
      const primary = v.networkInterfaces.find((e) => e.Attachment?.InstanceId === text && e.Attachment?.DeviceIndex === 0);
      if (!primary) throw new Oracle6InputError(`instance ${text} has no network interface`);
      return this.eniEndpoint(primary);
    }
    if (text.startsWith('eni-') || text.startsWith('nat-')) {
      const eni = text.startsWith('eni-') ? v.eni(text) : v.eni(v.natGateway(text)?.NatGatewayAddresses?.[0]?.NetworkInterfaceId ?? '');
      if (!eni || (text.startsWith('nat-') && role === 'from')) throw new Oracle6InputError(`not an endpoint: ${text}`);
      return this.eniEndpoint(eni);
    }
    if (!isIp6Text(text)) throw new Oracle6InputError(`not an IPv6 endpoint: ${text}`);
    const ip = ip6ToBigint(text);
    const holders = v.networkInterfaces.filter((e) => ipv6HeldBy(e, ip));
    if (holders.length > 1) throw new Oracle6InputError(`${text} is held by several interfaces`);
    if (holders.length === 1) return { kind: 'eni', eni: holders[0], ip };
    const inSomeVpc = v.vpcs.some((vpc) => this.vpcBlocks6(vpc).some((c) => cidr6Contains(c, ip)));
    if (!inSomeVpc && !isNonGlobal6(ip)) return { kind: 'internet', ip };
    if (role === 'from') throw new Oracle6InputError(`no interface holds ${text}`);
    return { kind: 'address', ip };
  }

  /** An ENI on IPv6: its primary IPv6 address (IsPrimaryIpv6), else the first listed; none is bad input. */
  private eniEndpoint(eni: Raw): Endpoint6 {
    const addresses: Raw[] = eni.Ipv6Addresses ?? [];
    const chosen = addresses.find((a) => a.IsPrimaryIpv6 === true) ?? addresses[0];
    if (!chosen) throw new Oracle6InputError(`${eni.NetworkInterfaceId} has no IPv6 address`);
    return { kind: 'eni', eni, ip: ip6ToBigint(chosen.Ipv6Address) };
  }

  // ------------------------------------------------------------ the two legs

  private walkForward(): void {
    for (const end of [this.source, this.destination]) if (end.kind === 'eni') checkEniState(this.view, end.eni);
    const packet: Packet6 = {
      src: this.source.ip,
      dst: this.destination.ip,
      protocol: this.protocol,
      srcPort: this.sourcePort,
      dstPort: this.port,
      icmp: this.protocol === 'icmpv6' ? ECHO_REQUEST : null,
    };
    if (this.source.kind === 'eni') {
      const eni = this.source.eni;
      if (!securityGroupsAllow6(this.view, eni, packet, 'egress')) this.blockBySecurityGroups(eni);
      this.note(`${eni.NetworkInterfaceId}: security groups allow IPv6 egress`);
      this.sendFromSubnet(mustSubnet(this.view, eni.SubnetId), packet);
    } else {
      this.onInternet(packet);
    }
  }

  private walkReturn(): void {
    const a = this.arrived!;
    const reply: Packet6 = { src: a.dst, dst: a.src, protocol: a.protocol, srcPort: a.dstPort, dstPort: a.srcPort, icmp: a.icmp ? ECHO_REPLY : null };
    this.note(`return: ${bigintToIp6(reply.src)} -> ${bigintToIp6(reply.dst)} port ${String(reply.dstPort)}`);
    // security groups are stateful: the reply starts at the destination subnet's ACL and route table
    if (this.destination.kind === 'eni') this.sendFromSubnet(mustSubnet(this.view, this.destination.eni.SubnetId), reply);
    else this.onInternet(reply);
  }

  private blockBySecurityGroups(eni: Raw): never {
    stop(eni.Groups?.[0]?.GroupId ?? eni.NetworkInterfaceId, 'security-group', 'ENI_SG_RULES_MISMATCH', this.leg);
  }

  // ------------------------------------------------------------ inside a VPC

  private subnetBlocks6(subnet: Raw): string[] {
    return (subnet.Ipv6CidrBlockAssociationSet ?? [])
      .filter((a: Raw) => (a.Ipv6CidrBlockState?.State ?? 'associated') === 'associated')
      .map((a: Raw) => a.Ipv6CidrBlock as string);
  }

  private vpcBlocks6(vpc: Raw): string[] {
    return (vpc.Ipv6CidrBlockAssociationSet ?? [])
      .filter((a: Raw) => (a.Ipv6CidrBlockState?.State ?? 'associated') === 'associated')
      .map((a: Raw) => a.Ipv6CidrBlock as string);
  }

  /** In `subnet`: its outbound ACL when the packet leaves it, then its route table. */
  private sendFromSubnet(subnet: Raw, packet: Packet6): void {
    if (!this.subnetBlocks6(subnet).some((c) => cidr6Contains(c, packet.dst))) this.checkAcl(subnet, packet, true);
    const table = routeTableOf(this.view, subnet, this.leg);
    const tableId = table.RouteTableId as string;
    const lookup = `${this.leg} ${tableId} ${packet.src} ${packet.dst}`;
    if (this.lookups.has(lookup)) throw new Error(`oracle: IPv6 routing loop through ${tableId}`);
    this.lookups.add(lookup);
    const route = this.longestMatch(table, packet.dst);
    if (!route) stop(tableId, 'route-table', 'NO_ROUTE_TO_DESTINATION', this.leg);
    if (route.State === 'blackhole') stop(tableId, 'route-table', 'BAD_STATE_ROUTE', this.leg);
    const vpcId = table.VpcId as string;
    const missing = () => stop(tableId, 'route-table', 'UNKNOWN_RESOURCE', this.leg);
    const gateway: string | undefined = route.GatewayId;
    this.note(`${tableId}: ${bigintToIp6(packet.dst)} -> ${JSON.stringify(route)}`);
    if (gateway === 'local') return this.deliverInVpc(vpcId, packet, subnet);
    if (gateway?.startsWith('igw-')) return this.internetGatewayOut(gateway, vpcId, packet, missing);
    if (route.EgressOnlyInternetGatewayId) return this.egressOnlyOut(route.EgressOnlyInternetGatewayId, vpcId, packet, missing);
    if (route.VpcPeeringConnectionId) return this.peering(route.VpcPeeringConnectionId, vpcId, packet, missing);
    if (route.TransitGatewayId) return this.transitGateway(route.TransitGatewayId, vpcId, subnet.AvailabilityZone, packet, missing);
    // NAT64, VPN and gateway endpoints over IPv6, appliance routes: not modelled
    if (route.NatGatewayId) return this.view.natGateway(route.NatGatewayId) ? stop(route.NatGatewayId, 'nat-gateway', 'UNSUPPORTED_COMPONENT', this.leg) : missing();
    if (gateway?.startsWith('vgw-')) return this.view.vpnGateway(gateway) ? stop(gateway, 'vpn-gateway', 'UNSUPPORTED_COMPONENT', this.leg) : missing();
    if (gateway?.startsWith('vpce-')) return this.view.vpcEndpoints.some((e) => e.VpcEndpointId === gateway) ? stop(gateway, 'vpc-endpoint', 'UNSUPPORTED_COMPONENT', this.leg) : missing();
    if (route.NetworkInterfaceId) return this.view.eni(route.NetworkInterfaceId) ? stop(route.NetworkInterfaceId, 'eni', 'UNSUPPORTED_COMPONENT', this.leg) : missing();
    stop(tableId, 'route-table', 'UNSUPPORTED_COMPONENT', this.leg);
  }

  /** Local delivery: the subnet whose IPv6 block holds the address (its inbound ACL when coming from elsewhere), then the ENI holding it. */
  private deliverInVpc(vpcId: string, packet: Packet6, fromSubnet: Raw | undefined): void {
    const subnet = this.view.subnets.find((s) => s.VpcId === vpcId && this.subnetBlocks6(s).some((c) => cidr6Contains(c, packet.dst)));
    if (!subnet) stop(vpcId, 'vpc', 'NO_ROUTE_TO_DESTINATION', this.leg);
    if (fromSubnet?.SubnetId !== subnet.SubnetId) this.checkAcl(subnet, packet, false);
    const eni = this.view.networkInterfaces.find((e) => e.VpcId === vpcId && ipv6HeldBy(e, packet.dst));
    if (!eni) stop(subnet.SubnetId, 'subnet', 'NO_ROUTE_TO_DESTINATION', this.leg);
    if (this.leg === 'forward' && this.hooks.atDestination) {
      this.hooks.atDestination(eni, packet);
      this.arrived = { ...packet };
      return;
    }
    if (this.leg === 'forward') {
      if (!securityGroupsAllow6(this.view, eni, packet, 'ingress')) this.blockBySecurityGroups(eni);
      this.note(`${eni.NetworkInterfaceId}: security groups allow IPv6 ingress; delivered`);
      this.arrived = { ...packet };
      return;
    }
    if (this.source.kind !== 'eni' || this.source.eni !== eni) throw new Error(`oracle: the IPv6 reply reached ${eni.NetworkInterfaceId}, not the source`);
    this.note(`${eni.NetworkInterfaceId}: reply delivered`);
  }

  private checkAcl(subnet: Raw, packet: Packet6, egress: boolean): void {
    const acl = aclOfSubnet(this.view, subnet);
    if (!acl) return this.note(`${subnet.SubnetId}: no ACL in the snapshot, AWS default (allow all) assumed`);
    if (!aclAllows6(acl, packet, egress)) stop(acl.NetworkAclId, 'network-acl', 'SUBNET_ACL_RESTRICTION', this.leg);
    this.note(`${acl.NetworkAclId}: IPv6 ${egress ? 'outbound' : 'inbound'} allows`);
  }

  // ------------------------------------------------------------ the internet

  private internetGatewayOut(igwId: string, vpcId: string, packet: Packet6, missing: () => never): void {
    const igw = this.view.internetGateway(igwId);
    if (!igw) missing();
    if (!(igw.Attachments ?? []).some((a: Raw) => a.VpcId === vpcId && (a.State === 'available' || a.State === 'attached'))) stop(igwId, 'internet-gateway', 'BAD_STATE', this.leg);
    this.note(`${igwId}: out unchanged (IPv6 is global)`);
    this.onInternet(packet);
  }

  private egressOnlyOut(eigwId: string, vpcId: string, packet: Packet6, missing: () => never): void {
    const eigw = this.view.egressOnlyInternetGateways.find((g) => g.EgressOnlyInternetGatewayId === eigwId);
    if (!eigw) missing();
    if (!eigwAttached(eigw, vpcId)) stop(eigwId, 'egress-only-internet-gateway', 'BAD_STATE', this.leg);
    if (this.leg === 'return') stop(eigwId, 'egress-only-internet-gateway', 'UNSUPPORTED_COMPONENT', this.leg);
    this.eigwSessions.push({ eigwId, inside: packet.src });
    this.note(`${eigwId}: out unchanged, outbound only`);
    this.onInternet(packet);
  }

  /** A packet on the internet: delivered to the internet host at this leg's end, or into the VPC holding the address. */
  private onInternet(packet: Packet6): void {
    const end = this.leg === 'forward' ? this.destination : this.source;
    if (end.kind === 'internet' && end.ip === packet.dst) {
      this.note(`internet: delivered to ${bigintToIp6(packet.dst)}`);
      if (this.leg === 'forward') this.arrived = { ...packet };
      return;
    }
    if (isNonGlobal6(packet.dst)) stop('internet', 'internet', 'NO_ROUTE_TO_DESTINATION', this.leg);
    const holder = this.view.networkInterfaces.find((e) => ipv6HeldBy(e, packet.dst));
    const vpc = holder ? this.view.vpc(holder.VpcId) : this.view.vpcs.find((x) => this.vpcBlocks6(x).some((c) => cidr6Contains(c, packet.dst)));
    if (!vpc) stop('internet', 'internet', 'NO_ROUTE_TO_DESTINATION', this.leg);
    const vpcId = vpc.VpcId as string;
    const eigw = this.view.egressOnlyInternetGateways.find((g) => eigwAttached(g, vpcId));
    const igw = this.view.internetGatewayOfVpc(vpcId);
    const isReply = this.leg === 'return' && this.eigwSessions.some((s) => s.eigwId === eigw?.EgressOnlyInternetGatewayId && s.inside === packet.dst);
    // a reply comes back through the egress-only gateway that let its request out; anything else needs the internet gateway
    if (eigw && (isReply || !igw)) {
      if (!isReply) stop(eigw.EgressOnlyInternetGatewayId, 'egress-only-internet-gateway', 'EIGW_INBOUND_CONNECTION', this.leg);
      this.note(`${eigw.EgressOnlyInternetGatewayId}: the reply comes back in`);
      return this.deliverInVpc(vpcId, packet, undefined);
    }
    if (!igw) {
      const listed = this.view.internetGateways.find((g) => (g.Attachments ?? []).some((a: Raw) => a.VpcId === vpcId));
      if (listed) stop(listed.InternetGatewayId, 'internet-gateway', 'BAD_STATE', this.leg);
      stop('internet', 'internet', 'NO_ROUTE_TO_DESTINATION', this.leg);
    }
    this.note(`${igw.InternetGatewayId}: in to ${vpcId}, unchanged`);
    this.deliverInVpc(vpcId, packet, undefined);
  }

  // ------------------------------------------------------------ peering and transit gateway

  private peering(pcxId: string, fromVpcId: string, packet: Packet6, missing: () => never): void {
    const pcx = this.view.peering(pcxId);
    if (!pcx) missing();
    if (pcx.Status?.Code !== 'active') stop(pcxId, 'peering', 'BAD_STATE', this.leg);
    const other = pcx.RequesterVpcInfo.VpcId === fromVpcId ? pcx.AccepterVpcInfo : pcx.RequesterVpcInfo;
    const blocks: string[] = (other.Ipv6CidrBlockSet ?? []).map((b: Raw) => b.Ipv6CidrBlock);
    if (!blocks.some((c) => cidr6Contains(c, packet.dst))) stop(pcxId, 'peering', 'PCX_REQUIRES_ADDRESS_IN_VPC_CIDR', this.leg);
    if (!this.view.vpc(other.VpcId)) stop(pcxId, 'peering', 'UNKNOWN_RESOURCE', this.leg);
    this.note(`${pcxId}: into ${other.VpcId}`);
    this.deliverInVpc(other.VpcId, packet, undefined);
  }

  private transitGateway(tgwId: string, fromVpcId: string, senderAz: string, packet: Packet6, missing: () => never): void {
    const tgw = this.view.transitGateway(tgwId);
    if (!tgw) missing();
    if (tgw.State !== 'available') stop(tgwId, 'transit-gateway', 'BAD_STATE', this.leg);
    const attachment = this.view.tgwAttachments.find((a) => a.TransitGatewayId === tgwId && a.ResourceType === 'vpc' && a.ResourceId === fromVpcId);
    if (!attachment) throw new Error(`oracle: ${tgwId} has no attachment of ${fromVpcId}`);
    const attachmentId = attachment.TransitGatewayAttachmentId as string;
    if (attachment.State !== 'available') stop(attachmentId, 'tgw-attachment', 'BAD_STATE', this.leg);
    const entry = this.view.tgwVpcAttachmentSubnets(attachmentId).map((id) => mustSubnet(this.view, id)).find((s) => s.AvailabilityZone === senderAz);
    if (!entry) stop(attachmentId, 'tgw-attachment', 'TGW_ROUTE_AZ_RESTRICTION', this.leg);
    // into the transit gateway: the attachment subnet's inbound entries (Transit Gateway guide, "Network ACLs for transit gateways")
    this.checkAcl(entry, packet, false);
    const tableId = attachment.Association?.TransitGatewayRouteTableId as string;
    const route = this.tgwLongestMatch(tableId, packet.dst);
    if (!route) stop(tableId, 'tgw-route-table', 'NO_ROUTE_TO_DESTINATION', this.leg);
    if (route.state === 'blackhole') stop(tableId, 'tgw-route-table', 'TGW_RTB_BAD_STATE_ROUTE', this.leg);
    const next = this.view.tgwAttachment(route.attachmentId ?? '');
    if (!next) stop(tableId, 'tgw-route-table', 'UNKNOWN_RESOURCE', this.leg);
    const nextId = next.TransitGatewayAttachmentId as string;
    if (next.State !== 'available') stop(nextId, 'tgw-attachment', 'BAD_STATE', this.leg);
    if (next.ResourceType !== 'vpc') stop(nextId, 'tgw-attachment', 'UNSUPPORTED_COMPONENT', this.leg);
    const exits = this.view.tgwVpcAttachmentSubnets(nextId).map((id) => mustSubnet(this.view, id));
    const exit = exits.find((s) => s.AvailabilityZone === senderAz) ?? exits[0];
    if (!exit) throw new Error(`oracle: ${nextId} has no subnet`);
    this.note(`${tgwId}: ${tableId} -> ${nextId}, out in ${exit.SubnetId}`);
    this.sendFromSubnet(exit, packet);
  }

  /** Static IPv6 routes as read; each enabled propagation of a VPC attachment with Ipv6Support enabled adds the VPC's IPv6 blocks. */
  private tgwLongestMatch(tableId: string, address: bigint): { state: string; attachmentId: string | undefined } | undefined {
    const candidates: { cidr: string; state: string; attachmentId: string | undefined }[] = [];
    for (const block of this.view.tgwStaticRoutes.filter((b) => b.TransitGatewayRouteTableId === tableId)) {
      for (const r of block.Routes ?? []) {
        if (isIp6Cidr(r.DestinationCidrBlock)) candidates.push({ cidr: r.DestinationCidrBlock, state: r.State, attachmentId: r.TransitGatewayAttachments?.[0]?.TransitGatewayAttachmentId });
      }
    }
    for (const block of this.view.tgwPropagations.filter((b) => b.TransitGatewayRouteTableId === tableId)) {
      for (const p of block.TransitGatewayRouteTablePropagations ?? []) {
        if (p.State !== 'enabled' || p.ResourceType !== 'vpc') continue;
        if (['deleted', 'deleting', 'failed', 'rejected'].includes(this.view.tgwAttachment(p.TransitGatewayAttachmentId)?.State)) continue;
        const options = this.view.tgwVpcAttachments.find((a) => a.TransitGatewayAttachmentId === p.TransitGatewayAttachmentId)?.Options;
        if (options?.Ipv6Support !== 'enable') continue;
        const vpc = this.view.vpc(p.ResourceId);
        for (const cidr of vpc ? this.vpcBlocks6(vpc) : []) {
          if (!candidates.some((c) => c.cidr === cidr)) candidates.push({ cidr, state: 'active', attachmentId: p.TransitGatewayAttachmentId });
        }
      }
    }
    let best: (typeof candidates)[number] | undefined;
    for (const c of candidates) if (cidr6Contains(c.cidr, address) && (!best || prefix6Length(c.cidr) > prefix6Length(best.cidr))) best = c;
    return best;
  }

  // ------------------------------------------------------------ helpers

  /** Longest prefix over the IPv6 routes and the IPv6 entries of prefix-list routes (the table lists its local IPv6 route). */
  private longestMatch(table: Raw, address: bigint): Raw | undefined {
    let best: Raw | undefined;
    let bestLength = -1;
    for (const route of table.Routes ?? []) {
      const cidrs: string[] = route.DestinationIpv6CidrBlock ? [route.DestinationIpv6CidrBlock] : route.DestinationPrefixListId ? (this.view.prefixListCidrs(route.DestinationPrefixListId) ?? []) : [];
      for (const cidr of cidrs.filter(isIp6Cidr)) {
        if (cidr6Contains(cidr, address) && prefix6Length(cidr) > bestLength) {
          best = route;
          bestLength = prefix6Length(cidr);
        }
      }
    }
    return best;
  }

  private note(line: string): void {
    this.trace.push(`[${this.leg}] ${line}`);
  }
}

function eigwAttached(eigw: Raw, vpcId: string): boolean {
  return (eigw.Attachments ?? []).some((a: Raw) => a.VpcId === vpcId && a.State === 'attached');
}
