// The return traffic: the reply to the packet as it arrived, walked back from
// the destination with the same checks (security groups excepted: they are
// stateful). Translations are undone where they were made: a reply must
// leave through the internet gateway that translated the request, and a
// route into any other NAT or internet gateway drops it.
import { formatIp } from '../model/ip.js';
import type { AnyRoute } from './routing.js';
import { replyTo, type Packet } from './packet.js';
import type { LegTrace, Place, Position, Session } from './trace.js';
import { enterFromOnPremises, onPremisesNodeOf } from './vpn-entry.js';
import { returnThroughGatewayEndpoint } from './gateway-endpoint.js';
import type { Endpoint } from './endpoints.js';
import { passStatefully } from './security-groups.js';
import { INTERNET_HOST } from './internet-gateway.js';

/**
 * Why the route chosen on the return leg does not take the reply back the way
 * the request came (section 3, "Return through the translator").
 */
export type Bypass =
  /** the reply must leave through this internet gateway, which translated the request's destination into the replying address */
  | { readonly kind: 'leave-via'; readonly igwId: string }
  /**
   * the route sends the reply into a NAT or internet gateway that translated
   * nothing of the request: it would rewrite the reply's source, and the
   * client could not match the reply to its connection
   */
  | { readonly kind: 'other-translator'; readonly gatewayId: string };

/** The NAT gateway that translated the request's source, routed to from its own VPC: the reply goes back through it. */
function isTranslatingNat(t: LegTrace, place: Place, packet: Packet, natId: string): boolean {
  if (t.model.natGateways.get(natId)?.vpcId !== place.vpc.id) return false;
  return t.sessions.some((s) => s.kind === 'nat' && s.natId === natId && s.natIp === packet.dstIp);
}

/**
 * On the return leg, the bypass a route would make, or undefined when it is
 * the way back. It needs no more than the target's kind and id: every gateway
 * that translated the request is in the snapshot, so a route to an absent one
 * is certainly a bypass.
 */
/** On the return leg, the internet gateway that translated the request, which the reply must leave through; undefined elsewhere. */
export function replyGatewayOf(t: LegTrace, place: Place, packet: Packet): string | undefined {
  if (t.leg !== 'return') return undefined;
  // only a destination it translated binds the reply: a client that is also the load balancer's target answers the node locally
  const session = t.sessions.find((s) => s.kind === 'igw' && s.translated === 'destination' && s.vpcId === place.vpc.id && s.privateIp === packet.srcIp);
  return session?.kind === 'igw' ? session.igwId : undefined;
}

export function returnRouteBypass(t: LegTrace, place: Place, packet: Packet, route: AnyRoute): Bypass | undefined {
  // IPv6 is translated nowhere: a reply may leave by any gateway its routes name
  if (t.leg !== 'return' || typeof packet.dstIp === 'bigint') return undefined;
  const { target } = route;
  const igwId = replyGatewayOf(t, place, packet);
  if (igwId !== undefined) {
    return target.kind === 'internet-gateway' && target.id === igwId ? undefined : { kind: 'leave-via', igwId };
  }
  if (target.kind === 'internet-gateway' || (target.kind === 'nat-gateway' && !isTranslatingNat(t, place, packet, target.id))) {
    return { kind: 'other-translator', gatewayId: target.id };
  }
  return undefined;
}

/** The first hops of the return leg, at the destination, and where the reply starts. */
export function startReturn(t: LegTrace, destination: Endpoint, arrived: Packet): Position | undefined {
  const reply = replyTo(arrived);
  const vpn = t.sessions.find((s): s is Extract<Session, { kind: 'vpn' }> => s.kind === 'vpn' && s.onPremisesIp === reply.srcIp);
  if (destination.kind !== 'eni' && vpn) {
    t.pass({ id: onPremisesNodeOf(t.model, vpn.entry), kind: 'on-premises', direction: 'egress', detail: `The on-premises host ${formatIp(reply.srcIp)} replies to ${formatIp(reply.dstIp)}.` }, 'forward');
    return enterFromOnPremises(t, vpn.entry, reply);
  }
  const vpce = t.sessions.find((s): s is Extract<Session, { kind: 'vpce' }> => s.kind === 'vpce' && s.clientIp === reply.dstIp);
  if (destination.kind === 'internet' && vpce) return returnThroughGatewayEndpoint(t, vpce, arrived);
  if (destination.kind !== 'eni') {
    t.pass({ id: 'internet', kind: 'internet', direction: 'egress', detail: `The internet host ${formatIp(reply.srcIp)} replies to ${formatIp(reply.dstIp)}.` }, 'forward');
    return { at: 'internet', sentBy: INTERNET_HOST, entryGatewayId: undefined, packet: reply };
  }
  const eni = destination.eni;
  const vpc = t.model.vpcs.get(eni.vpcId);
  const subnet = t.model.subnets.get(eni.subnetId);
  t.pass({ id: eni.id, kind: 'eni', direction: 'egress', detail: `${eni.id} replies from ${formatIp(reply.srcIp)} to ${formatIp(reply.dstIp)}.` }, 'forward');
  passStatefully(t, eni, true);
  if (!vpc || !subnet) {
    t.unknown({ id: eni.id, kind: 'eni', direction: 'egress', detail: `The ${vpc ? 'subnet' : 'VPC'} of ${eni.id} is not in the snapshot.` }, 'UNKNOWN_RESOURCE');
    return undefined;
  }
  return { at: 'route', place: { vpc, subnet, az: subnet.availabilityZone }, packet: reply };
}
