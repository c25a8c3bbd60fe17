// A flow as the engine walks it: one packet, its addresses as uint32 and its
// ports as ranges (a single port is a range of one), so that the same checks
// serve a NAT gateway's "any port in 1024-65535" and, later, set-based
// evaluation.
import { InputError } from '../model/errors.js';
import { isPrivateIpv4, parseCidr } from '../model/ipv4.js';
import { DEFAULT_SOURCE_PORT } from '../model/flows.js';
import type { FlowQuery } from './analysis-types.js';
import type { IcmpTypeCode, PortRange } from '../model/types.js';
import type { Ip } from '../model/ip.js';

export const TCP = 6;
export const UDP = 17;
export const ICMP = 1;
/** ICMPv6 (RFC 4443); `--protocol icmp` on an IPv6 flow means it */
export const ICMPV6 = 58;
/** `--protocol all`: a protocol no rule names, so only protocol -1 entries match it */
export const ANY_PROTOCOL = -1;

export { DEFAULT_SOURCE_PORT };
/** the ports a NAT gateway or load balancer may pick for its side of a connection */
export const EPHEMERAL_RANGE: PortRange = { from: 1024, to: 65535 };
export const ECHO_REQUEST: IcmpTypeCode = { type: 8, code: 0 };
export const ECHO_REPLY: IcmpTypeCode = { type: 0, code: 0 };
/** ICMPv6 echo request and reply (RFC 4443 section 4) */
export const ECHO_REQUEST_V6: IcmpTypeCode = { type: 128, code: 0 };
export const ECHO_REPLY_V6: IcmpTypeCode = { type: 129, code: 0 };

/** ICMP and ICMPv6 rules match on type and code rather than ports. */
export function isIcmp(protocol: number): boolean {
  return protocol === ICMP || protocol === ICMPV6;
}

/** An IPv6 flow carries ICMPv6 where the question says icmp: its echo request. */
export function forIpv6<T extends { protocol: number; icmp: IcmpTypeCode | undefined }>(shape: T): T {
  if (shape.protocol !== ICMP) return shape;
  return { ...shape, protocol: ICMPV6, icmp: shape.icmp?.type === ECHO_REQUEST.type ? ECHO_REQUEST_V6 : shape.icmp };
}

export interface Packet {
  /** a number for IPv4, a bigint for IPv6 (model/ip.ts): both ends are of one family */
  readonly srcIp: Ip;
  readonly dstIp: Ip;
  /** IP protocol number; ANY_PROTOCOL for `all` */
  readonly protocol: number;
  /** TCP/UDP only */
  readonly srcPorts: PortRange | undefined;
  readonly dstPorts: PortRange | undefined;
  /** ICMP only */
  readonly icmp: IcmpTypeCode | undefined;
}

/** An IPv4 packet: where IPv4-only work (translation, IPv4 fixes) needs the addresses as numbers. */
export type Packet4 = Packet & { readonly srcIp: number; readonly dstIp: number };

export function isIpv4Packet(packet: Packet): packet is Packet4 {
  return typeof packet.dstIp === 'number' && typeof packet.srcIp === 'number';
}

export interface FlowRequest {
  from: string;
  to: string;
  protocol?: string | undefined;
  port?: number | undefined;
  sourcePort?: number | undefined;
  /** where fixes admit internet clients from, when an end is "the internet" (default 0.0.0.0/0) */
  clientCidr?: string | undefined;
  /** the address family: "ipv4" (default) or "ipv6"; a literal address decides it, and one that contradicts it is bad input */
  family?: string | undefined;
  /** through a load balancer: the one target to follow (its id, address, ENI or Name) */
  target?: string | undefined;
}

/** The protocol as the query names it, and everything of the packet that does not depend on the endpoints. */
export interface FlowShape {
  readonly query: FlowQuery;
  readonly protocol: number;
  readonly srcPorts: PortRange | undefined;
  readonly dstPorts: PortRange | undefined;
  readonly icmp: IcmpTypeCode | undefined;
}

const protocolNames: Readonly<Record<string, number>> = { tcp: TCP, udp: UDP, icmp: ICMP, all: ANY_PROTOCOL };
const nameOfNumber: Readonly<Record<number, string>> = { [TCP]: 'tcp', [UDP]: 'udp', [ICMP]: 'icmp', [ICMPV6]: 'icmpv6' };

/** "tcp" | "udp" | "icmp" | "all" | "0".."255" -> protocol number; the numbers of tcp, udp and icmp mean those protocols. */
export function parseProtocol(text: string): number {
  const lower = text.trim().toLowerCase();
  if (Object.hasOwn(protocolNames, lower)) return protocolNames[lower]!;
  if (/^\d{1,3}$/.test(lower) && Number(lower) <= 255) return Number(lower);
  throw new InputError(`--protocol: "${text}" is not tcp, udp, icmp, all or an IP protocol number (0-255)`);
}

export function protocolLabel(protocol: number): string {
  if (protocol === ANY_PROTOCOL) return 'all';
  return nameOfNumber[protocol] ?? String(protocol);
}

export function hasPorts(protocol: number): boolean {
  return protocol === TCP || protocol === UDP;
}

function checkPort(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new InputError(`${name}: "${value}" is not a port number (0-65535)`);
  return value;
}

/** --client-cidr: the internet clients a fix should admit; an IPv4 CIDR outside the private ranges. */
export function checkClientCidr(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const cidr = parseCidr(text.trim());
  if (!cidr) throw new InputError(`--client-cidr: "${text}" is not an IPv4 CIDR (e.g. 203.0.113.0/24)`);
  if (cidr.prefix >= 8 && isPrivateIpv4(cidr.network)) throw new InputError(`--client-cidr: ${cidr.text} is a private range; it names internet clients`);
  return cidr.text;
}

export function shapeFlow(request: FlowRequest): FlowShape {
  checkClientCidr(request.clientCidr);
  const protocol = parseProtocol(request.protocol ?? 'tcp');
  const label = protocolLabel(protocol);
  const sourcePort = checkPort('--source-port', request.sourcePort ?? DEFAULT_SOURCE_PORT);
  if (hasPorts(protocol)) {
    if (request.port === undefined) throw new InputError(`--port is required for --protocol ${label}`);
    const port = checkPort('--port', request.port);
    return {
      query: { from: request.from, to: request.to, protocol: label, port, sourcePort },
      protocol,
      srcPorts: { from: sourcePort, to: sourcePort },
      dstPorts: { from: port, to: port },
      icmp: undefined,
    };
  }
  if (request.port !== undefined) throw new InputError(`--port is not accepted for --protocol ${label} (only tcp and udp have ports)`);
  return {
    query: { from: request.from, to: request.to, protocol: label, port: null, sourcePort },
    protocol,
    srcPorts: undefined,
    dstPorts: undefined,
    icmp: protocol === ICMP ? ECHO_REQUEST : undefined,
  };
}

/** The reply to a packet as it arrived: addresses and ports swapped, an echo request answered by an echo reply. */
export function replyTo(packet: Packet): Packet {
  return {
    srcIp: packet.dstIp,
    dstIp: packet.srcIp,
    protocol: packet.protocol,
    srcPorts: packet.dstPorts,
    dstPorts: packet.srcPorts,
    icmp: packet.icmp === undefined ? undefined : echoReplyTo(packet.protocol, packet.icmp),
  };
}

function echoReplyTo(protocol: number, icmp: IcmpTypeCode): IcmpTypeCode {
  if (protocol === ICMPV6) return icmp.type === ECHO_REQUEST_V6.type ? ECHO_REPLY_V6 : icmp;
  return icmp.type === ECHO_REQUEST.type ? ECHO_REPLY : icmp;
}

export function formatPorts(ports: PortRange | undefined): string {
  if (ports === undefined) return 'all ports';
  return ports.from === ports.to ? `port ${ports.from}` : `ports ${ports.from}-${ports.to}`;
}

/** "tcp port 443", "icmp echo-request", "all traffic", "protocol 47" */
export function describeTraffic(packet: Pick<Packet, 'protocol' | 'dstPorts' | 'icmp'>): string {
  if (packet.protocol === ANY_PROTOCOL) return 'traffic of any protocol';
  if (hasPorts(packet.protocol)) return `${protocolLabel(packet.protocol)} ${formatPorts(packet.dstPorts)}`;
  if (packet.protocol === ICMP && packet.icmp) {
    if (packet.icmp.type === ECHO_REQUEST.type) return 'icmp echo request';
    if (packet.icmp.type === ECHO_REPLY.type) return 'icmp echo reply';
    return `icmp type ${packet.icmp.type} code ${packet.icmp.code}`;
  }
  if (packet.protocol === ICMPV6 && packet.icmp) {
    if (packet.icmp.type === ECHO_REQUEST_V6.type) return 'icmpv6 echo request';
    if (packet.icmp.type === ECHO_REPLY_V6.type) return 'icmpv6 echo reply';
    return `icmpv6 type ${packet.icmp.type} code ${packet.icmp.code}`;
  }
  return `protocol ${protocolLabel(packet.protocol)}`;
}
