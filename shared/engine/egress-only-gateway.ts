// Egress-only internet gateways: IPv6 only, outbound only. A packet routed to
// one from its VPC goes out to the internet unchanged (IPv6 addresses are
// global); replies to connections started that way come back in, but a
// connection started from the internet is refused
// (https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html).
// AWS has no Reachability Analyzer code for that refusal: ours is
// EIGW_INBOUND_CONNECTION, in the style of NGW_INBOUND_CONNECTION.
import type { EgressOnlyInternetGateway, NetworkModel, Vpc } from '../model/types.js';
import { formatIp } from '../model/ip.js';
import type { Packet } from './packet.js';
import type { LegTrace, Place, Position } from './trace.js';

const ATTACHED = new Set(['attached', 'available']);

export function eigwAttachedTo(eigw: EgressOnlyInternetGateway, vpcId: string): boolean {
  return eigw.attachments.some((a) => a.vpcId === vpcId && ATTACHED.has(a.state));
}

/** The VPC's attached egress-only internet gateway, if the snapshot holds one. */
export function egressOnlyGatewayOf(model: NetworkModel, vpc: Vpc): EgressOnlyInternetGateway | undefined {
  for (const id of vpc.egressOnlyInternetGatewayIds) {
    const eigw = model.egressOnlyInternetGateways.get(id);
    if (eigw && eigwAttachedTo(eigw, vpc.id)) return eigw;
  }
  return undefined;
}

const eigwHop = (eigw: EgressOnlyInternetGateway, detail: string) => ({ id: eigw.id, kind: 'egress-only-internet-gateway' as const, direction: 'transit' as const, detail });

/** Routed to the egress-only gateway from inside its VPC: out to the internet, unchanged. */
export function throughEgressOnlyGateway(t: LegTrace, eigw: EgressOnlyInternetGateway, place: Place, packet: Packet): Position | undefined {
  if (!eigwAttachedTo(eigw, place.vpc.id)) {
    const state = eigw.attachments.find((a) => a.vpcId === place.vpc.id)?.state ?? 'not attached';
    t.drop(eigwHop(eigw, `${eigw.id} is ${state} to ${place.vpc.id}.`), 'BAD_STATE', null);
    return undefined;
  }
  if (typeof packet.srcIp !== 'bigint') {
    // AWS accepts only IPv6 destinations for an egress-only gateway route; an IPv4 packet here comes from a prefix-list route
    t.unknown(eigwHop(eigw, `${eigw.id} carries only IPv6, not the IPv4 packet to ${formatIp(packet.dstIp)}.`), 'UNSUPPORTED_COMPONENT');
    return undefined;
  }
  if (t.leg === 'return') {
    // the request came in another way (the VPC's internet gateway): whether the stateful egress-only
    // gateway forwards replies of a connection it did not see start, AWS does not say
    t.unknown(eigwHop(eigw, `The reply from ${formatIp(packet.srcIp)} is routed out through ${eigw.id}, which did not see the connection start (it came in another way): whether it forwards such replies is not documented.`), 'UNSUPPORTED_COMPONENT');
    return undefined;
  }
  t.sessions.push({ kind: 'eigw', eigwId: eigw.id, vpcId: place.vpc.id, insideIp: packet.srcIp });
  t.pass(eigwHop(eigw, `${eigw.id} sends it from ${formatIp(packet.srcIp)} to the internet unchanged (outbound only).`), 'forward');
  return { at: 'internet', sentBy: eigw.id, entryGatewayId: undefined, packet };
}

/** An IPv6 packet from the internet at an egress-only gateway: a reply to a connection it let out passes; anything else is refused. */
export function intoVpcByEgressOnlyGateway(t: LegTrace, eigw: EgressOnlyInternetGateway, vpc: Vpc, packet: Packet): Position | undefined {
  const reply = t.leg === 'return' && t.sessions.some((s) => s.kind === 'eigw' && s.eigwId === eigw.id && s.insideIp === packet.dstIp);
  if (!reply) {
    t.drop(eigwHop(eigw, `${eigw.id} is egress-only: it lets replies in, but refuses connections started from the internet toward ${formatIp(packet.dstIp)}.`), 'EIGW_INBOUND_CONNECTION', null);
    return undefined;
  }
  t.pass(eigwHop(eigw, `${eigw.id} lets the reply to ${formatIp(packet.dstIp)} back in.`), 'forward');
  return { at: 'arrive', vpc, fromSubnetId: undefined, packet };
}
