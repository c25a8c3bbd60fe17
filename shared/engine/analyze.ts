// `analyze`: one flow, hop by hop, in the order of DESIGN.md section 4: both
// endpoints' state, the source's security groups, then routing from the
// source subnet through each gateway to the destination subnet and its
// security groups; then the reply, back the same way. A load balancer as the
// destination is followed on to its targets (load-balanced-flow.ts).
import type { AnalyzeResult } from './analysis-types.js';
import { InputError } from '../model/errors.js';
import type { NetworkModel } from '../model/types.js';
import { INTERNET_HOST_IP, parseCidr } from '../model/ipv4.js';
import { INTERNET_HOST_IPV6 } from '../model/ipv6.js';
import type { Family } from '../model/ip.js';
import { checkClientCidr, DEFAULT_SOURCE_PORT, forIpv6, hasPorts, ICMP, isIcmp, shapeFlow, type FlowRequest, type FlowShape, type Packet } from './packet.js';
import { addressForSource, describeResolved, NoIpv4Address, resolveEndpoint, type Endpoint } from './endpoints.js';
import { flowFamily, literalFamily } from './family.js';
import { DEFAULT_FIX_CONTEXT, type FixContext } from './trace.js';
import { blockedOf, legOf, verdictOf, walkFlow } from './legs.js';
import { analyzeThroughLoadBalancer } from './load-balanced-flow.js';
import { placeOnPremisesSource } from './vpn-entry.js';
import { Notes, warn } from './warnings.js';

export type { FlowRequest } from './packet.js';

interface ResolvedFlow {
  readonly shape: FlowShape;
  readonly source: Endpoint;
  readonly destination: Endpoint;
}

/** "The internet" is a host of --client-cidr when one is given, so that a fix for those clients is traced from one of them. */
function withClients(endpoint: Endpoint, standInIp: number): Endpoint {
  return endpoint.kind === 'internet' && endpoint.ip === INTERNET_HOST_IP ? { ...endpoint, ip: standInIp } : endpoint;
}

/** The address that stands for the internet: a host inside --client-cidr (its first usable one), else 198.51.100.1. */
export function standInFor(clientCidr: string | undefined): number {
  const cidr = clientCidr !== undefined ? parseCidr(clientCidr) : undefined;
  if (!cidr || cidr.prefix === 0) return INTERNET_HOST_IP;
  return cidr.prefix >= 31 ? cidr.network : (cidr.network + 1) >>> 0;
}

/** The internet's stand-in host of the flow's family (an igw- end resolves to the IPv4 one). */
function onInternetFamily(endpoint: Endpoint, family: Family): Endpoint {
  return family === 'ipv6' && endpoint.kind === 'internet' && endpoint.ip === INTERNET_HOST_IP ? { ...endpoint, ip: INTERNET_HOST_IPV6 } : endpoint;
}

/**
 * The request checked and its endpoints resolved (section 5); throws
 * InputError for bad input. A flow whose family nothing decided (no
 * --family, no literal address) is IPv4, unless an end has IPv6 only: then it
 * is IPv6 (an endpoint with one family uses that family).
 */
function resolveFlow(model: NetworkModel, request: FlowRequest): ResolvedFlow {
  try {
    return resolveFlowOfFamily(model, request);
  } catch (e) {
    const undecided = request.family === undefined && literalFamily(request.from) === undefined && literalFamily(request.to) === undefined;
    if (e instanceof NoIpv4Address && undecided) return resolveFlowOfFamily(model, { ...request, family: 'ipv6' });
    throw e;
  }
}

function resolveFlowOfFamily(model: NetworkModel, request: FlowRequest): ResolvedFlow {
  const family = flowFamily(request);
  const ipv4Shape = shapeFlow(request);
  const shape = family === 'ipv6' ? { ...forIpv6(ipv4Shape), query: { ...ipv4Shape.query, family } } : { ...ipv4Shape, query: { ...ipv4Shape.query, family } };
  const standIn = standInFor(checkClientCidr(request.clientCidr));
  let source = onInternetFamily(withClients(resolveEndpoint(model, request.from, 'source', family), standIn), family);
  const namedByAddress = literalFamily(request.to) !== undefined;
  const destination = onInternetFamily(withClients(addressForSource(resolveEndpoint(model, request.to, 'destination', family), source, namedByAddress), standIn), family);
  if (source.kind === 'on-premises') source = placeOnPremisesSource(model, source, destination, request.from);
  if (source.kind === 'eni' && destination.kind === 'eni' && source.eni.id === destination.eni.id) {
    throw new InputError(`--from "${request.from}" and --to "${request.to}" are the same network interface ${source.eni.id}`);
  }
  if (request.target !== undefined && destination.kind !== 'load-balancer') throw new InputError(`--target "${request.target}": --to "${request.to}" is not a load balancer`);
  return { shape, source, destination };
}

export function analyzeFlow(model: NetworkModel, request: FlowRequest): AnalyzeResult {
  const { shape, source, destination } = resolveFlow(model, request);
  const notes = new Notes();
  if (isIcmp(shape.protocol)) notes.add(warn.icmpEcho(shape.protocol !== ICMP));
  const clients = checkClientCidr(request.clientCidr);
  const fixContext: FixContext = { internetClients: clients ?? DEFAULT_FIX_CONTEXT.internetClients, standInIp: standInFor(clients) };
  const ephemeral = hasPorts(shape.protocol) && request.sourcePort === undefined;
  if (destination.kind === 'load-balancer') {
    const result = analyzeThroughLoadBalancer(model, request, shape, source, destination, fixContext, notes.list());
    if (ephemeral && result.return) result.warnings.push(warn.ephemeralPort(DEFAULT_SOURCE_PORT));
    return result;
  }

  const srcIp = source.kind === 'eni' ? source.privateIp : source.ip;
  const packet: Packet = { srcIp, dstIp: destination.ip, protocol: shape.protocol, srcPorts: shape.srcPorts, dstPorts: shape.dstPorts, icmp: shape.icmp };
  const { forward, back } = walkFlow(model, source, destination, packet, notes, fixContext);
  if (back && ephemeral) notes.add(warn.ephemeralPort(DEFAULT_SOURCE_PORT));
  return {
    query: shape.query,
    resolved: { from: describeResolved(source), to: describeResolved(destination) },
    verdict: verdictOf(forward.blocked ?? back?.blocked),
    forward: legOf(forward),
    return: back ? legOf(back) : null,
    blocked: blockedOf(forward) ?? (back ? blockedOf(back) : null),
    warnings: notes.list(),
  };
}
