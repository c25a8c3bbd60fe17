// The independent evaluator of DESIGN.md sections 3 and 4. It reads the raw
// describe JSON (never our importer or model), follows ONE packet from hop to
// hop with linear scans, and stops at the first component that drops it or
// cannot judge it. It shares no code with shared/: its independence is the point.
//
// Choices where DESIGN.md leaves the order open are marked "ORDER:" below.
import { aclAllows, aclOfSubnet, type FlowProtocol, type Packet } from './filters.js';
import { decideSecurityGroups, subnetOwnerMissing, unseenPropagation, vpcOwnerMissing } from './oracle-accounts.js';
import { cidrContains, ipToNumber, isIpText, isPrivateAddress, numberToIp, prefixLength } from './ip.js';
import { RawView, type Raw } from './raw-view.js';
import { loadBalancerOracle } from './oracle-load-balancers.js';
import { flowIsIpv6, Oracle6InputError, Oracle6Walk } from './oracle6.js';
import { answerOf, checkEniState, mustSubnet, routeTableOf, stop } from './walk-parts.js';

export { stop };

export interface OracleFlow {
  from: string;
  to: string;
  protocol?: string;
  port?: number;
  sourcePort?: number;
  /** ipv4 (default) or ipv6; a literal address decides it (IPv6 flows: oracle6.ts) */
  family?: 'ipv4' | 'ipv6';
}

export type Leg = 'forward' | 'return';

export interface OracleBlocked {
  id: string;
  kind: string;
  code: string;
  direction: Leg;
}

export interface OracleAnswer {
  verdict: 'reachable' | 'unreachable' | 'unknown';
  blocked: OracleBlocked | null;
  /** what the oracle did, one line a hop, for replaying a disagreement */
  trace: string[];
}

/** The flow is not a valid question (unknown endpoint, missing port...): the CLI's exit 2. */
export class OracleInputError extends Error {}

const INTERNET_HOST = '198.51.100.1';
const DEFAULT_SOURCE_PORT = 49152;

type Endpoint =
  | { kind: 'eni'; eni: Raw; ip: string }
  | { kind: 'internet'; ip: string }
  | { kind: 'address'; ip: string };

interface NatSession {
  natId: string;
  originalSrc: number;
  originalSrcPort: number | 'nat-range' | null;
}

export function oracleAnalyze(snapshot: Raw, flow: OracleFlow): OracleAnswer {
  return oracleFor(snapshot)(flow);
}

/** Evaluates many flows on one snapshot without re-reading it. A flow to a load balancer goes to oracle-load-balancers.ts. */
export function oracleFor(snapshot: Raw): (flow: OracleFlow) => OracleAnswer {
  const view = new RawView(snapshot);
  const throughLoadBalancer = loadBalancerOracle(snapshot, view);
  // a load balancer first: it takes IPv4 and IPv6 clients alike (a dual-stack one)
  return (flow) => throughLoadBalancer(flow) ?? ipv6Answer(view, flow) ?? new OracleWalk(view, flow).run();
}

/** An IPv6 question goes to oracle6.ts; undefined for an IPv4 one. */
function ipv6Answer(view: RawView, flow: OracleFlow): OracleAnswer | undefined {
  try {
    return flowIsIpv6(view, flow) ? new Oracle6Walk(view, flow).run() : undefined;
  } catch (e) {
    throw e instanceof Oracle6InputError ? new OracleInputError(e.message) : e;
  }
}

/** How a load balancer (oracle-load-balancers.ts) bends one walk: the hop at its node, and its own onward connection. */
export interface WalkHooks {
  /** the first packet, instead of the flow's own (a load balancer node's connection to its target) */
  readonly packet?: Packet;
  /** false: the source's security groups do not filter (a network load balancer without any) */
  readonly sourceSecurityGroups?: boolean;
  /** the forward leg reached the destination ENI: decides in place of its security groups (stop() to drop) */
  readonly atDestination?: (eni: Raw, packet: Packet) => void;
  /** walk the forward leg only */
  readonly forwardOnly?: boolean;
  /** one trace shared by the walks of one question */
  readonly trace?: string[];
}

export class OracleWalk {
  private leg: Leg = 'forward';
  private readonly trace: string[];
  private readonly protocol: FlowProtocol;
  private readonly port: number | null;
  private readonly sourcePort: number | null;
  private readonly source: Endpoint;
  private readonly destination: Endpoint;
  /** the internet gateway that translated the forward leg's destination into the VPC: the return must leave through it */
  private ingressGateway: string | undefined;
  private mustLeaveVia: string | undefined;
  private readonly natSessions: NatSession[] = [];
  /** route lookups done so far: the same lookup twice is a routing loop, which DESIGN.md does not define */
  private readonly lookups = new Set<string>();
  /** the packet as it arrived at the destination */
  private arrived: Packet | undefined;
  /** the forward leg left over this VPN: the reply comes back through it */
  private vpnOut: { vgwId: string; vpcId: string; connectionId: string } | undefined;
  /** the forward leg reached its service through this gateway endpoint */
  private endpointOut: { endpointId: string; vpcId: string } | undefined;

  constructor(
    private readonly view: RawView,
    flow: OracleFlow,
    private readonly hooks: WalkHooks = {},
  ) {
    this.trace = hooks.trace ?? [];
    const protocol = (flow.protocol ?? 'tcp').toLowerCase();
    if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'icmp' && protocol !== 'all') {
      throw new OracleInputError(`oracle models tcp, udp, icmp and all, not ${protocol}`);
    }
    this.protocol = protocol;
    if (protocol === 'tcp' || protocol === 'udp') {
      if (flow.port === undefined) throw new OracleInputError('--port is required for tcp and udp');
      this.port = flow.port;
      this.sourcePort = flow.sourcePort ?? DEFAULT_SOURCE_PORT;
    } else {
      if (flow.port !== undefined) throw new OracleInputError('--port is refused for icmp and all');
      this.port = null;
      this.sourcePort = null;
    }
    this.source = this.resolve(flow.from, 'from', false);
    this.destination = this.resolve(flow.to, 'to', this.source.kind === 'internet');
    if (this.source.kind === 'eni' && this.destination.kind === 'eni' && this.source.eni === this.destination.eni) {
      throw new OracleInputError('source and destination are the same interface');
    }
  }

  run(): OracleAnswer {
    const walk = () => {
      this.walkForward();
      if (this.hooks.forwardOnly) return;
      this.leg = 'return';
      this.walkReturn();
    };
    return answerOf(this.trace, walk, (line) => this.note(line));
  }

  // ------------------------------------------------------------ endpoints (DESIGN.md section 5)

  private resolve(text: string, role: 'from' | 'to', sourceIsInternet: boolean): Endpoint {
    const v = this.view;
    if (text === 'internet') return { kind: 'internet', ip: INTERNET_HOST };
    if (text.startsWith('i-')) {
      const instance = v.instance(text);
      if (!instance) throw new OracleInputError(`unknown instance ${text}`);
      const primary =
        v.networkInterfaces.find((e) => e.Attachment?.InstanceId === text && e.Attachment?.DeviceIndex === 0) ??
        v.eni((instance.NetworkInterfaces ?? []).find((n: Raw) => n.Attachment?.DeviceIndex === 0)?.NetworkInterfaceId ?? '');
      if (!primary) throw new OracleInputError(`instance ${text} has no network interface`);
      return this.eniEndpoint(primary, sourceIsInternet);
    }
    if (text.startsWith('eni-')) {
      const eni = v.eni(text);
      if (!eni) throw new OracleInputError(`unknown network interface ${text}`);
      return this.eniEndpoint(eni, sourceIsInternet);
    }
    if (text.startsWith('nat-') && role === 'to') {
      const nat = v.natGateway(text);
      const eni = nat && v.eni(nat.NatGatewayAddresses?.[0]?.NetworkInterfaceId ?? '');
      if (!eni) throw new OracleInputError(`unknown NAT gateway ${text}`);
      return this.eniEndpoint(eni, sourceIsInternet);
    }
    if (isIpText(text)) {
      const holders = v.enisWithPrivateIpAnywhere(text);
      if (holders.length > 1) throw new OracleInputError(`${text} is held by several interfaces`);
      if (holders.length === 1) return { kind: 'eni', eni: holders[0], ip: text };
      const publicHolder = v.eniWithPublicIp(text);
      if (publicHolder) return { kind: 'eni', eni: publicHolder, ip: text };
      if (isPrivateAddress(ipToNumber(text))) {
        if (role === 'from') throw new OracleInputError(`no interface holds ${text}`);
        return { kind: 'address', ip: text };
      }
      return { kind: 'internet', ip: text };
    }
    throw new OracleInputError(`not an endpoint: ${text}`);
  }

  /** An ENI as an endpoint: its primary private IP, or its public IP when an internet host is asking. */
  private eniEndpoint(eni: Raw, sourceIsInternet: boolean): Endpoint {
    const primary = (eni.PrivateIpAddresses ?? []).find((p: Raw) => p.Primary)?.PrivateIpAddress ?? eni.PrivateIpAddress;
    // an IPv6-only interface (IPv6-only subnet) has no IPv4 address to be reached at
    if (!primary) throw new OracleInputError(`${eni.NetworkInterfaceId} has no IPv4 address`);
    const publicIp = this.view.publicIps(eni).find((p) => p.privateIp === primary)?.publicIp;
    return { kind: 'eni', eni, ip: sourceIsInternet && publicIp ? publicIp : primary };
  }

  /** The private address the source sends from (when given as its public IP: the private address behind it). */
  private sourceAddress(): number {
    const s = this.source;
    if (s.kind !== 'eni') return ipToNumber(s.ip);
    const behind = this.view.publicIps(s.eni).find((p) => p.publicIp === s.ip);
    return ipToNumber(behind ? behind.privateIp : s.ip);
  }

  // ------------------------------------------------------------ the two legs (DESIGN.md section 4)

  private walkForward(): void {
    // 1. the state of both endpoints, before anything else
    if (this.source.kind === 'eni') this.checkEniState(this.source.eni);
    if (this.destination.kind === 'eni') this.checkEniState(this.destination.eni);
    const packet: Packet = this.hooks.packet ? { ...this.hooks.packet } : {
      src: this.sourceAddress(),
      dst: ipToNumber(this.destination.ip),
      protocol: this.protocol,
      srcPort: this.sourcePort,
      dstPort: this.port,
      icmp: this.protocol === 'icmp' ? { type: 8, code: 0 } : null,
    };
    if (this.source.kind === 'eni') {
      const eni = this.source.eni;
      // 2. source security groups, egress
      if (this.hooks.sourceSecurityGroups !== false) this.filterBySecurityGroups(eni, packet, 'egress');
      this.note(`${eni.NetworkInterfaceId}: security groups allow egress`);
      const subnet = this.mustSubnet(eni.SubnetId);
      // 3-5: subnet ACL out, route table, gateways
      this.sendFromSubnet(subnet, packet);
    } else {
      this.internetHostSends(packet);
    }
  }

  private walkReturn(): void {
    const arrived = this.arrived!;
    const reply: Packet = {
      src: arrived.dst,
      dst: arrived.src,
      protocol: arrived.protocol,
      srcPort: arrived.dstPort,
      dstPort: arrived.srcPort,
      icmp: arrived.protocol === 'icmp' ? { type: 0, code: 0 } : null,
    };
    this.mustLeaveVia = this.ingressGateway;
    this.note(`return: ${numberToIp(reply.src)} -> ${numberToIp(reply.dst)} port ${String(reply.dstPort)}`);
    if (this.destination.kind === 'eni') {
      // security groups are stateful: the return starts at the destination subnet's ACL
      this.sendFromSubnet(this.mustSubnet(this.destination.eni.SubnetId), reply);
    } else if (this.vpnOut) {
      this.vpnGatewayIn(reply);
    } else if (this.endpointOut) {
      this.note(`${this.endpointOut.endpointId}: the service replies into ${this.endpointOut.vpcId}`);
      this.deliverInVpc(this.endpointOut.vpcId, reply, undefined);
    } else {
      this.onInternet(reply);
    }
  }

  private checkEniState(eni: Raw): void {
    checkEniState(this.view, eni);
  }

  private filterBySecurityGroups(eni: Raw, packet: Packet, direction: 'egress' | 'ingress'): void {
    const verdict = decideSecurityGroups(this.view, eni, packet, direction);
    if (verdict.kind === 'unknown') stop(verdict.id, verdict.component, 'UNKNOWN_RESOURCE', this.leg);
    if (verdict.kind === 'deny') stop(eni.Groups?.[0]?.GroupId ?? eni.NetworkInterfaceId, 'security-group', 'ENI_SG_RULES_MISMATCH', this.leg);
    if (verdict.byReferenceTo) this.note(`${eni.NetworkInterfaceId}: ${direction} allowed by a reference to ${verdict.byReferenceTo}`);
  }

  // ------------------------------------------------------------ inside a VPC

  /**
   * The packet is in `subnet` (sent by an ENI, a NAT gateway, or handed over
   * by a transit gateway attachment there). The subnet's outbound ACL applies
   * when the destination lies outside it; then its route table decides.
   */
  private sendFromSubnet(subnet: Raw, packet: Packet): void {
    if (!cidrContains(subnet.CidrBlock, packet.dst)) this.checkAcl(subnet, packet, true);
    const table = this.routeTableOf(subnet);
    const route = this.longestMatch(table, packet.dst);
    const tableId = table.RouteTableId as string;
    const lookup = `${this.leg} ${tableId} ${packet.src} ${packet.dst}`;
    if (this.lookups.has(lookup)) throw new Error(`oracle: routing loop through ${tableId} toward ${numberToIp(packet.dst)}`);
    this.lookups.add(lookup);
    if (!route) stop(tableId, 'route-table', 'NO_ROUTE_TO_DESTINATION', this.leg);
    if (route.State === 'blackhole') stop(tableId, 'route-table', 'BAD_STATE_ROUTE', this.leg);
    const target = routeTarget(route);
    this.note(`${tableId}: ${numberToIp(packet.dst)} -> ${target.kind} ${target.id}`);
    if (this.leg === 'return') this.checkReturnRoute(tableId, target);
    const vpcId = table.VpcId as string;
    switch (target.kind) {
      case 'local':
        return this.deliverInVpc(vpcId, packet, subnet);
      case 'igw':
        return this.internetGatewayOut(target.id, tableId, vpcId, packet);
      case 'nat':
        return this.natGateway(target.id, table, subnet, packet);
      case 'pcx':
        return this.peering(target.id, tableId, vpcId, packet);
      case 'tgw':
        return this.transitGateway(target.id, tableId, vpcId, subnet.AvailabilityZone, packet);
      case 'vgw':
        return this.vpnGatewayOut(target.id, tableId, vpcId, route, packet);
      case 'vpce':
        return this.gatewayEndpointOut(target.id, tableId, vpcId, packet);
      case 'eni':
        return stop(target.id, 'eni', 'UNSUPPORTED_COMPONENT', this.leg);
      default:
        return stop(tableId, 'route-table', 'UNSUPPORTED_COMPONENT', this.leg);
    }
  }

  /**
   * DESIGN.md section 3, "return through the translator": the return must
   * leave through the internet gateway that translated the forward leg into
   * the destination's VPC; a route elsewhere drops it at that route table.
   * A NAT gateway or internet gateway that translated nothing on the forward
   * leg is "elsewhere" too: it would re-translate the reply, which the client
   * could not match to its connection.
   */
  private checkReturnRoute(tableId: string, target: { kind: string; id: string }): void {
    if (this.mustLeaveVia !== undefined) {
      if (!(target.kind === 'igw' && target.id === this.mustLeaveVia)) stop(tableId, 'route-table', 'NO_ROUTE_TO_DESTINATION', 'return');
      return;
    }
    if (target.kind === 'igw' || target.kind === 'nat') stop(tableId, 'route-table', 'NO_ROUTE_TO_DESTINATION', 'return');
  }

  /** Local delivery in `vpcId`, from `fromSubnet` (undefined: arriving from a gateway or a peering). */
  private deliverInVpc(vpcId: string, packet: Packet, fromSubnet: Raw | undefined): void {
    // a VPC seen only from a participant: whether its owner's part holds the address is unknown
    if (!this.view.eniWithPrivateIp(vpcId, numberToIp(packet.dst)) && vpcOwnerMissing(this.view, vpcId)) stop(vpcId, 'vpc', 'UNKNOWN_RESOURCE', this.leg);
    const subnet = this.view.subnetOfVpcContaining(vpcId, packet.dst);
    if (!subnet) stop(vpcId, 'vpc', 'NO_ROUTE_TO_DESTINATION', this.leg);
    if (fromSubnet?.SubnetId !== subnet.SubnetId) this.checkAcl(subnet, packet, false);
    const eni = this.view.eniWithPrivateIp(vpcId, numberToIp(packet.dst));
    if (!eni) stop(subnet.SubnetId, 'subnet', 'NO_ROUTE_TO_DESTINATION', this.leg);
    this.arriveAtEni(eni, packet);
  }

  private arriveAtEni(eni: Raw, packet: Packet): void {
    const nat = this.view.natOfEni(eni.NetworkInterfaceId);
    if (nat) {
      const session = this.leg === 'return' ? this.natSessions.find((s) => s.natId === nat.NatGatewayId) : undefined;
      if (!session) stop(nat.NatGatewayId, 'nat-gateway', 'NGW_INBOUND_CONNECTION', this.leg);
      // the reply to a session the NAT gateway started: translate back, and on from the NAT's subnet
      packet.dst = session.originalSrc;
      packet.dstPort = session.originalSrcPort;
      this.note(`${nat.NatGatewayId}: translates the reply back to ${numberToIp(packet.dst)}`);
      return this.sendFromSubnet(this.mustSubnet(nat.SubnetId), packet);
    }
    if (this.leg === 'forward' && this.hooks.atDestination) {
      this.hooks.atDestination(eni, packet);
      this.arrived = { ...packet };
      return;
    }
    if (this.leg === 'forward') {
      // 7. destination security groups, ingress
      this.filterBySecurityGroups(eni, packet, 'ingress');
      this.note(`${eni.NetworkInterfaceId}: security groups allow ingress; delivered`);
      this.arrived = { ...packet };
      return;
    }
    if (this.source.kind !== 'eni' || this.source.eni !== eni) {
      throw new Error(`oracle: the reply reached ${eni.NetworkInterfaceId}, not the source`);
    }
    this.note(`${eni.NetworkInterfaceId}: reply delivered`);
  }

  private checkAcl(subnet: Raw, packet: Packet, egress: boolean): void {
    const acl = aclOfSubnet(this.view, subnet);
    // a shared subnet whose owner is missing: its ACL is the owner's, unseen
    if (!acl && subnetOwnerMissing(this.view, subnet)) stop(subnet.SubnetId, 'subnet', 'UNKNOWN_RESOURCE', this.leg);
    if (!acl) {
      this.note(`${subnet.SubnetId}: no ACL in the snapshot, AWS default (allow all) assumed`);
      return;
    }
    if (!aclAllows(acl, packet, egress)) stop(acl.NetworkAclId, 'network-acl', 'SUBNET_ACL_RESTRICTION', this.leg);
    this.note(`${acl.NetworkAclId}: ${egress ? 'outbound' : 'inbound'} allows`);
  }

  // ------------------------------------------------------------ VPNs (Site-to-Site VPN User Guide)

  /**
   * Routed to a virtual private gateway: it must be available and attached;
   * its VPN connections (not deleted) are the exits. A static-only connection
   * carries only its static routes; a BGP one what the route table shows as
   * propagated. One that is available with a tunnel UP carries it; none up:
   * BAD_STATE_VPN; tunnel status absent: unknown. No connection at all: the
   * VGW may be Direct Connect's, which is not modelled.
   */
  private vpnGatewayOut(vgwId: string, tableId: string, vpcId: string, route: Raw, packet: Packet): void {
    const vgw = this.view.vpnGateway(vgwId);
    if (!vgw) stop(tableId, 'route-table', 'UNKNOWN_RESOURCE', this.leg);
    if (vgw.State !== 'available') stop(vgwId, 'vpn-gateway', 'BAD_STATE', this.leg);
    if (!(vgw.VpcAttachments ?? []).some((a: Raw) => a.VpcId === vpcId && a.State === 'attached')) stop(vgwId, 'vpn-gateway', 'BAD_STATE', this.leg);
    const connections = this.view.vpnConnections.filter((c) => c.VpnGatewayId === vgwId && c.State !== 'deleted');
    if (connections.length === 0) stop(vgwId, 'vpn-gateway', 'UNSUPPORTED_COMPONENT', this.leg);
    const covers = (c: Raw) => (c.Routes ?? []).some((r: Raw) => (r.State ?? 'available') === 'available' && r.DestinationCidrBlock && cidrContains(r.DestinationCidrBlock, packet.dst));
    const usable = [...connections.filter(covers), ...connections.filter((c) => !covers(c) && c.Options?.StaticRoutesOnly !== true)];
    if (usable.length === 0) stop(vgwId, 'vpn-gateway', 'NO_ROUTE_TO_DESTINATION', this.leg);
    const up = usable.find((c) => c.State === 'available' && (c.VgwTelemetry ?? []).some((t: Raw) => t.Status === 'UP'));
    if (!up) {
      const unsure = usable.find((c) => c.State === 'available' && (c.VgwTelemetry ?? []).length === 0);
      if (unsure) stop(unsure.VpnConnectionId, 'vpn-connection', 'UNKNOWN_RESOURCE', this.leg);
      stop(usable[0].VpnConnectionId, 'vpn-connection', 'BAD_STATE_VPN', this.leg);
    }
    if (!covers(up) && route.Origin !== 'EnableVgwRoutePropagation') stop(up.VpnConnectionId, 'vpn-connection', 'UNKNOWN_RESOURCE', this.leg);
    const onPremises = up.CustomerGatewayId ?? `${up.VpnConnectionId}/on-premises`;
    this.note(`${vgwId}: over ${up.VpnConnectionId} to ${onPremises}`);
    const end = this.leg === 'forward' ? this.destination : this.source;
    if (end.kind !== 'address' || ipToNumber(end.ip) !== packet.dst) stop(onPremises, 'on-premises', 'UNSUPPORTED_COMPONENT', this.leg);
    if (this.leg === 'forward') {
      this.arrived = { ...packet };
      this.vpnOut = { vgwId, vpcId, connectionId: up.VpnConnectionId };
    }
  }

  /** The on-premises host's reply, back over the VPN into the VGW's VPC. */
  private vpnGatewayIn(packet: Packet): void {
    const { vgwId, vpcId } = this.vpnOut!;
    const vpc = this.view.vpc(vpcId)!;
    const inVpc = [vpc.CidrBlock, ...(vpc.CidrBlockAssociationSet ?? []).map((a: Raw) => a.CidrBlock)].some((c: string | undefined) => c !== undefined && cidrContains(c, packet.dst));
    if (!inVpc) stop(vgwId, 'vpn-gateway', 'VGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS', this.leg);
    this.note(`${vgwId}: the reply enters ${vpcId}`);
    this.deliverInVpc(vpcId, packet, undefined);
  }

  // ------------------------------------------------------------ gateway VPC endpoints (PrivateLink guide)

  /** A gateway endpoint takes TCP and ICMP echo to its service (the question's internet address), and brings the reply back. */
  private gatewayEndpointOut(endpointId: string, tableId: string, vpcId: string, packet: Packet): void {
    const endpoint = this.view.vpcEndpoints.find((e) => e.VpcEndpointId === endpointId);
    if (!endpoint) stop(tableId, 'route-table', 'UNKNOWN_RESOURCE', this.leg);
    if ((endpoint.VpcEndpointType ?? 'Gateway') !== 'Gateway') stop(endpointId, 'vpc-endpoint', 'UNSUPPORTED_COMPONENT', this.leg);
    if ((endpoint.State ?? 'available').toLowerCase() !== 'available') stop(endpointId, 'vpc-endpoint', 'BAD_STATE', this.leg);
    if (endpoint.VpcId !== vpcId) stop(endpointId, 'vpc-endpoint', 'UNKNOWN_RESOURCE', this.leg);
    const vpc = this.view.vpc(vpcId)!;
    const own = [vpc.CidrBlock, ...(vpc.CidrBlockAssociationSet ?? []).map((a: Raw) => a.CidrBlock)].some((c: string | undefined) => c !== undefined && cidrContains(c, packet.src));
    if (!own) stop(endpointId, 'vpc-endpoint', 'VPCE_GATEWAY_REQUIRES_SOURCE_IN_VPC', this.leg);
    const echo = packet.protocol === 'icmp' && packet.icmp?.type === 8;
    if (packet.protocol !== 'tcp' && !echo) stop(endpointId, 'vpc-endpoint', 'VPCE_GATEWAY_PROTOCOL_RESTRICTION', this.leg);
    if (this.leg === 'return') stop(endpointId, 'vpc-endpoint', 'UNSUPPORTED_COMPONENT', this.leg);
    if (this.destination.kind !== 'internet' || ipToNumber(this.destination.ip) !== packet.dst) stop(endpointId, 'vpc-endpoint', 'UNSUPPORTED_COMPONENT', this.leg);
    this.note(`${endpointId}: delivered to ${endpoint.ServiceName}`);
    this.arrived = { ...packet };
    this.endpointOut = { endpointId, vpcId };
  }

  // ------------------------------------------------------------ internet gateway and the internet

  private internetGatewayOut(igwId: string, tableId: string, vpcId: string, packet: Packet): void {
    const igw = this.view.internetGateway(igwId);
    if (!igw) stop(tableId, 'route-table', 'UNKNOWN_RESOURCE', this.leg);
    const attached = (igw.Attachments ?? []).some(
      (a: Raw) => a.VpcId === vpcId && (a.State === 'available' || a.State === 'attached'),
    );
    if (!attached) stop(igwId, 'internet-gateway', 'BAD_STATE', this.leg);
    const publicIp = this.publicIpBehind(vpcId, packet.src);
    if (publicIp === undefined) stop(igwId, 'internet-gateway', 'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS', this.leg);
    this.note(`${igwId}: source ${numberToIp(packet.src)} -> ${numberToIp(publicIp)}`);
    packet.src = publicIp;
    if (this.mustLeaveVia === igwId) this.mustLeaveVia = undefined;
    this.onInternet(packet);
  }

  /** The public IP associated with a private address of this VPC: an ENI's, or a NAT gateway's. */
  private publicIpBehind(vpcId: string, privateIp: number): number | undefined {
    const text = numberToIp(privateIp);
    for (const eni of this.view.networkInterfaces) {
      if (eni.VpcId !== vpcId) continue;
      const found = this.view.publicIps(eni).find((p) => p.privateIp === text);
      if (found) return ipToNumber(found.publicIp);
    }
    for (const nat of this.view.natGateways) {
      if (nat.VpcId !== vpcId) continue;
      const address = (nat.NatGatewayAddresses ?? []).find((a: Raw) => a.PrivateIp === text && a.PublicIp);
      if (address) return ipToNumber(address.PublicIp);
    }
    return undefined;
  }

  /** A packet that left through an internet gateway. */
  private onInternet(packet: Packet): void {
    if (isPrivateAddress(packet.dst)) stop('internet', 'internet', 'NO_ROUTE_TO_DESTINATION', this.leg);
    const holder = this.view.eniWithPublicIp(numberToIp(packet.dst));
    if (holder) return this.internetGatewayIn(holder, packet);
    this.note(`internet: delivered to ${numberToIp(packet.dst)}`);
    if (this.leg === 'forward') this.arrived = { ...packet };
  }

  /** The forward leg of a flow that starts at an internet host. */
  private internetHostSends(packet: Packet): void {
    if (isPrivateAddress(packet.dst)) {
      const vpc = this.view.vpcContaining(packet.dst);
      const igw = vpc && this.view.internetGatewayOfVpc(vpc.VpcId);
      if (igw) stop(igw.InternetGatewayId, 'internet-gateway', 'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS', this.leg);
      stop('internet', 'internet', 'NO_ROUTE_TO_DESTINATION', this.leg);
    }
    const holder = this.view.eniWithPublicIp(numberToIp(packet.dst));
    if (!holder) stop('internet', 'internet', 'NO_ROUTE_TO_DESTINATION', this.leg);
    this.internetGatewayIn(holder, packet);
  }

  /** Inbound through the holder's VPC's internet gateway: the public IP becomes the private one. */
  private internetGatewayIn(holder: Raw, packet: Packet): void {
    const igw = this.view.internetGatewayOfVpc(holder.VpcId);
    if (!igw) stop('internet', 'internet', 'NO_ROUTE_TO_DESTINATION', this.leg);
    const privateIp = this.view.publicIps(holder).find((p) => p.publicIp === numberToIp(packet.dst))!.privateIp;
    this.note(`${igw.InternetGatewayId}: destination ${numberToIp(packet.dst)} -> ${privateIp}`);
    packet.dst = ipToNumber(privateIp);
    if (this.leg === 'forward') this.ingressGateway = igw.InternetGatewayId;
    this.deliverInVpc(holder.VpcId, packet, undefined);
  }

  // ------------------------------------------------------------ NAT gateway

  private natGateway(natId: string, table: Raw, fromSubnet: Raw, packet: Packet): void {
    const nat = this.view.natGateway(natId);
    if (!nat) stop(table.RouteTableId, 'route-table', 'UNKNOWN_RESOURCE', this.leg);
    const natSubnet = this.mustSubnet(nat.SubnetId);
    // ORDER: the NAT's subnet ACL on the way in, then the gateway's own checks
    if (fromSubnet.SubnetId !== natSubnet.SubnetId) this.checkAcl(natSubnet, packet, false);
    if (nat.State !== 'available') stop(natId, 'nat-gateway', 'BAD_STATE', this.leg);
    if (nat.VpcId !== table.VpcId) stop(natId, 'nat-gateway', 'NGW_REQUIRES_SOURCE_IN_VPC', this.leg);
    if (packet.protocol === 'all') stop(natId, 'nat-gateway', 'PROTOCOL_RESTRICTION', this.leg);
    const natIp = ipToNumber(nat.NatGatewayAddresses[0].PrivateIp);
    this.natSessions.push({ natId, originalSrc: packet.src, originalSrcPort: packet.srcPort });
    this.note(`${natId}: source ${numberToIp(packet.src)} -> ${numberToIp(natIp)}`);
    packet.src = natIp;
    if (packet.protocol === 'tcp' || packet.protocol === 'udp') packet.srcPort = 'nat-range';
    this.sendFromSubnet(natSubnet, packet);
  }

  // ------------------------------------------------------------ VPC peering

  private peering(pcxId: string, tableId: string, fromVpcId: string, packet: Packet): void {
    const pcx = this.view.peering(pcxId);
    if (!pcx) stop(tableId, 'route-table', 'UNKNOWN_RESOURCE', this.leg);
    if (pcx.Status?.Code !== 'active') stop(pcxId, 'peering', 'BAD_STATE', this.leg);
    const requester = pcx.RequesterVpcInfo;
    const accepter = pcx.AccepterVpcInfo;
    const other = requester.VpcId === fromVpcId ? accepter : accepter.VpcId === fromVpcId ? requester : undefined;
    if (!other) throw new Error(`oracle: ${tableId} routes to ${pcxId}, which does not join its VPC`);
    const cidrs: string[] = (other.CidrBlockSet ?? []).map((c: Raw) => c.CidrBlock);
    if (cidrs.length === 0 && other.CidrBlock) cidrs.push(other.CidrBlock);
    if (!cidrs.some((c) => cidrContains(c, packet.dst))) stop(pcxId, 'peering', 'PCX_REQUIRES_ADDRESS_IN_VPC_CIDR', this.leg);
    if (!this.view.vpc(other.VpcId)) stop(pcxId, 'peering', 'UNKNOWN_RESOURCE', this.leg);
    this.note(`${pcxId}: into ${other.VpcId}`);
    this.deliverInVpc(other.VpcId, packet, undefined);
  }

  // ------------------------------------------------------------ transit gateway

  private transitGateway(tgwId: string, tableId: string, fromVpcId: string, senderAz: string, packet: Packet): void {
    const tgw = this.view.transitGateway(tgwId);
    if (!tgw) stop(tableId, 'route-table', 'UNKNOWN_RESOURCE', this.leg);
    if (tgw.State !== 'available') stop(tgwId, 'transit-gateway', 'BAD_STATE', this.leg);
    const attachment = this.view.tgwAttachments.find(
      (a) => a.TransitGatewayId === tgwId && a.ResourceType === 'vpc' && a.ResourceId === fromVpcId,
    );
    if (!attachment) throw new Error(`oracle: ${tableId} routes to ${tgwId}, which has no attachment of ${fromVpcId}`);
    const attachmentId = attachment.TransitGatewayAttachmentId as string;
    // ORDER: the attachment's state, then its AZ coverage
    if (attachment.State !== 'available') stop(attachmentId, 'tgw-attachment', 'BAD_STATE', this.leg);
    const entry = this.view
      .tgwVpcAttachmentSubnets(attachmentId)
      .map((id) => this.mustSubnet(id))
      .find((s) => s.AvailabilityZone === senderAz);
    if (!entry) stop(attachmentId, 'tgw-attachment', 'TGW_ROUTE_AZ_RESTRICTION', this.leg);
    // AWS Transit Gateway guide, "Network ACLs for transit gateways": traffic from
    // instances to the transit gateway is checked by the attachment subnet's
    // INBOUND rules (source address), not by its outbound rules.
    this.checkAcl(entry, packet, false);
    const tableOfTgw = attachment.Association?.TransitGatewayRouteTableId as string;
    // the route tables of a shared transit gateway live only in its owner's account
    if (!this.view.tgwRouteTables.some((t) => t.TransitGatewayRouteTableId === tableOfTgw)) stop(attachmentId, 'tgw-attachment', 'UNKNOWN_RESOURCE', this.leg);
    const route = this.tgwLongestMatch(tableOfTgw, packet.dst);
    // a propagation from a VPC the snapshot lacks may hold a more specific route (oracle-accounts.ts)
    if (unseenPropagation(this.view, tableOfTgw, tgwId, packet.dst)) stop(tableOfTgw, 'tgw-route-table', 'UNKNOWN_RESOURCE', this.leg);
    if (!route) stop(tableOfTgw, 'tgw-route-table', 'NO_ROUTE_TO_DESTINATION', this.leg);
    if (route.state === 'blackhole') stop(tableOfTgw, 'tgw-route-table', 'TGW_RTB_BAD_STATE_ROUTE', this.leg);
    const next = this.view.tgwAttachment(route.attachmentId ?? '');
    if (!next) stop(tableOfTgw, 'tgw-route-table', 'UNKNOWN_RESOURCE', this.leg);
    const nextId = next.TransitGatewayAttachmentId as string;
    if (next.State !== 'available') stop(nextId, 'tgw-attachment', 'BAD_STATE', this.leg);
    if (next.ResourceType !== 'vpc') stop(nextId, 'tgw-attachment', 'UNSUPPORTED_COMPONENT', this.leg);
    if (!this.view.vpc(next.ResourceId)) stop(nextId, 'tgw-attachment', 'UNKNOWN_RESOURCE', this.leg);
    // The transit gateway keeps traffic in the AZ it came from when the next attachment has a subnet there.
    const exits = this.view.tgwVpcAttachmentSubnets(nextId).map((id) => this.mustSubnet(id));
    const exit = exits.find((s) => s.AvailabilityZone === senderAz) ?? exits[0];
    if (!exit && vpcOwnerMissing(this.view, next.ResourceId)) stop(nextId, 'tgw-attachment', 'UNKNOWN_RESOURCE', this.leg);
    if (!exit) throw new Error(`oracle: ${nextId} has no subnet`);
    this.note(`${tgwId}: ${tableOfTgw} -> ${nextId}, out in ${exit.SubnetId}`);
    // ... and from the transit gateway into the VPC, the exit subnet's outbound rules and route table apply.
    this.sendFromSubnet(exit, packet);
  }

  /** Static routes as read, and each enabled VPC propagation's CIDRs unless a static route has that destination. */
  private tgwLongestMatch(tableId: string, address: number): { state: string; attachmentId: string | undefined } | undefined {
    const candidates: { cidr: string; state: string; attachmentId: string | undefined }[] = [];
    for (const block of this.view.tgwStaticRoutes) {
      if (block.TransitGatewayRouteTableId !== tableId) continue;
      for (const r of block.Routes ?? []) {
        if (!r.DestinationCidrBlock) continue;
        candidates.push({ cidr: r.DestinationCidrBlock, state: r.State, attachmentId: r.TransitGatewayAttachments?.[0]?.TransitGatewayAttachmentId });
      }
    }
    for (const block of this.view.tgwPropagations) {
      if (block.TransitGatewayRouteTableId !== tableId) continue;
      for (const p of block.TransitGatewayRouteTablePropagations ?? []) {
        if (p.State !== 'enabled' || p.ResourceType !== 'vpc') continue;
        // an attachment that is gone (deleted, failed, rejected) propagates nothing any more
        const state = this.view.tgwAttachment(p.TransitGatewayAttachmentId)?.State;
        if (['deleted', 'deleting', 'failed', 'rejected'].includes(state)) continue;
        const vpc = this.view.vpc(p.ResourceId);
        for (const cidr of vpc ? this.view.vpcCidrs(vpc) : []) {
          if (candidates.some((c) => c.cidr === cidr)) continue;
          candidates.push({ cidr, state: 'active', attachmentId: p.TransitGatewayAttachmentId });
        }
      }
    }
    let best: (typeof candidates)[number] | undefined;
    for (const c of candidates) {
      if (!cidrContains(c.cidr, address)) continue;
      if (!best || prefixLength(c.cidr) > prefixLength(best.cidr)) best = c;
    }
    return best;
  }

  // ------------------------------------------------------------ helpers

  private routeTableOf(subnet: Raw): Raw {
    return routeTableOf(this.view, subnet, this.leg);
  }

  private longestMatch(table: Raw, address: number): Raw | undefined {
    let best: Raw | undefined;
    let bestLength = -1;
    for (const route of table.Routes ?? []) {
      const cidrs: string[] = route.DestinationCidrBlock
        ? [route.DestinationCidrBlock]
        : route.DestinationPrefixListId
          ? (this.view.prefixListCidrs(route.DestinationPrefixListId) ?? [])
          : [];
      for (const cidr of cidrs) {
        if (cidrContains(cidr, address) && prefixLength(cidr) > bestLength) {
          best = route;
          bestLength = prefixLength(cidr);
        }
      }
    }
    return best;
  }

  private mustSubnet(id: string): Raw {
    return mustSubnet(this.view, id);
  }

  private note(line: string): void {
    this.trace.push(`[${this.leg}] ${line}`);
  }
}

function routeTarget(route: Raw): { kind: string; id: string } {
  const gateway: string | undefined = route.GatewayId;
  if (gateway === 'local') return { kind: 'local', id: 'local' };
  if (gateway?.startsWith('igw-')) return { kind: 'igw', id: gateway };
  if (gateway?.startsWith('vgw-')) return { kind: 'vgw', id: gateway };
  if (gateway?.startsWith('vpce-')) return { kind: 'vpce', id: gateway };
  if (route.NatGatewayId) return { kind: 'nat', id: route.NatGatewayId };
  if (route.VpcPeeringConnectionId) return { kind: 'pcx', id: route.VpcPeeringConnectionId };
  if (route.TransitGatewayId) return { kind: 'tgw', id: route.TransitGatewayId };
  if (route.NetworkInterfaceId) return { kind: 'eni', id: route.NetworkInterfaceId };
  return { kind: 'other', id: gateway ?? 'unknown' };
}
