// Gateway VPC endpoints (S3, DynamoDB): a route whose destination is the
// service's prefix list and whose target is the endpoint (AWS PrivateLink
// guide, "Gateway endpoints",
// https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html).
// Only addresses in the prefix list take that route (longest prefix match in
// routing.ts); the endpoint carries TCP and ICMP echo only (Reachability
// Analyzer's VPCE_GATEWAY_PROTOCOL_RESTRICTION), to the service, and the
// reply comes back through it into the VPC, where the subnet's network ACL
// judges it. Only traffic from the endpoint's own VPC may use it ("Gateway
// endpoints", considerations). The endpoint policy (IAM) is not a network rule: it is named in
// the warnings, not evaluated. A Gateway Load Balancer endpoint sends to an
// appliance fleet the engine does not model: unknown.
import type { VpcEndpoint } from '../model/types.js';
import { cidrContains, formatIpv4 } from '../model/ipv4.js';
import { formatIp } from '../model/ip.js';
import { ICMP, replyTo, type Packet, type Packet4 } from './packet.js';
import type { LegTrace, Place, Position, Session } from './trace.js';

const TCP = 6;
const ECHO_REQUEST = 8;

function serviceWords(endpoint: VpcEndpoint): string {
  return endpoint.serviceName === '' ? 'its service' : endpoint.serviceName;
}

/** Routed to a VPC endpoint from a subnet of its VPC. */
export function throughGatewayEndpoint(t: LegTrace, endpoint: VpcEndpoint, place: Place, packet: Packet4, destination: string): Position | undefined {
  const hop = (detail: string, direction: 'transit' | 'ingress' = 'transit') => ({ id: endpoint.id, kind: 'vpc-endpoint' as const, direction, detail });
  const dst = formatIpv4(packet.dstIp);
  if (endpoint.endpointType !== 'Gateway') {
    t.unknown(hop(`${endpoint.id} is a${endpoint.endpointType === 'GatewayLoadBalancer' ? ' Gateway Load Balancer' : `n ${endpoint.endpointType}`} endpoint: the appliances behind it are not modelled.`), 'UNSUPPORTED_COMPONENT');
    return undefined;
  }
  if (endpoint.state.toLowerCase() !== 'available') {
    t.drop(hop(`${endpoint.id} is ${endpoint.state}, not available.`), 'BAD_STATE', null);
    return undefined;
  }
  if (endpoint.vpcId !== place.vpc.id) {
    t.unknown(hop(`${endpoint.id} belongs to ${endpoint.vpcId}, not ${place.vpc.id}, whose route table names it.`), 'UNKNOWN_RESOURCE');
    return undefined;
  }
  // "Endpoint connections cannot be extended out of a VPC": what came in over a peering, VPN or transit gateway cannot use it.
  if (!place.vpc.cidrs.some((cidr) => cidrContains(cidr, packet.srcIp))) {
    t.drop(hop(`${formatIpv4(packet.srcIp)} is outside ${place.vpc.id}: a gateway endpoint carries only traffic from its own VPC, not what arrived over a peering, VPN or transit gateway.`), 'VPCE_GATEWAY_REQUIRES_SOURCE_IN_VPC', null);
    return undefined;
  }
  const echo = packet.protocol === ICMP && packet.icmp?.type === ECHO_REQUEST;
  if (packet.protocol !== TCP && !echo) {
    t.drop(hop(`${endpoint.id} (${serviceWords(endpoint)}) carries only TCP and ICMP echo.`), 'VPCE_GATEWAY_PROTOCOL_RESTRICTION', null);
    return undefined;
  }
  if (t.leg === 'return') {
    t.unknown(hop(`A reply routed into ${endpoint.id}: a gateway endpoint only carries requests from its VPC to ${serviceWords(endpoint)}.`), 'UNSUPPORTED_COMPONENT');
    return undefined;
  }
  t.notes.add(`The endpoint policy of ${endpoint.id} is not evaluated: it may refuse the request by IAM, which no network rule shows.`);
  const target = t.target;
  if (target.kind !== 'internet' || target.ip !== packet.dstIp) {
    t.unknown(hop(`${dst} is an address of ${serviceWords(endpoint)} (${destination}), reached through ${endpoint.id}: not the destination of this question.`), 'UNSUPPORTED_COMPONENT');
    return undefined;
  }
  t.sessions.push({ kind: 'vpce', endpointId: endpoint.id, vpcId: place.vpc.id, clientIp: packet.srcIp });
  t.deliver(hop(`${endpoint.id} delivers it to ${serviceWords(endpoint)} at ${dst}, an address of its prefix list ${destination}.`, 'ingress'), packet);
  return undefined;
}

/** The reply of a service reached through a gateway endpoint: it comes back through the endpoint into the VPC. */
export function returnThroughGatewayEndpoint(t: LegTrace, session: Extract<Session, { kind: 'vpce' }>, arrived: Packet): Position | undefined {
  const reply = replyTo(arrived);
  // Both were in the model when the forward leg passed them.
  const endpoint = t.model.vpcEndpoints.get(session.endpointId)!;
  const vpc = t.model.vpcs.get(session.vpcId)!;
  t.pass({ id: endpoint.id, kind: 'vpc-endpoint', direction: 'transit', detail: `${serviceWords(endpoint)} replies from ${formatIp(reply.srcIp)} through ${endpoint.id} into ${vpc.id}.` }, 'forward');
  return { at: 'arrive', vpc, fromSubnetId: undefined, packet: reply };
}
