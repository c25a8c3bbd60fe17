// The return traffic: the reply to the packet as it arrived, walked back from
// the destination with the same checks (security groups excepted: they are
// stateful). Translations are undone where they were made, and a reply must
// leave through the internet gateway that translated the request.
import type { Route } from '../model/types.js';
import { formatIpv4 } from '../model/ipv4.js';
import { replyTo, type Packet } from './packet.js';
import type { LegTrace, Place, Position, Session } from './trace.js';
import type { Endpoint } from './endpoints.js';
import { passStatefully } from './security-groups.js';
import { INTERNET_HOST } from './internet-gateway.js';

/** The session a reply from `place` must go back through, when the route chosen sends it elsewhere. */
export function bypassedTranslator(t: LegTrace, place: Place, packet: Packet, route: Route): Extract<Session, { kind: 'igw' }> | undefined {
  if (t.leg !== 'return') return undefined;
  for (const session of t.sessions) {
    if (session.kind !== 'igw' || session.vpcId !== place.vpc.id || session.privateIp !== packet.srcIp) continue;
    if (route.target.kind === 'internet-gateway' && route.target.id === session.igwId) return undefined;
    return session;
  }
  return undefined;
}

/** The first hops of the return leg, at the destination, and where the reply starts. */
export function startReturn(t: LegTrace, destination: Endpoint, arrived: Packet): Position | undefined {
  const reply = replyTo(arrived);
  if (destination.kind !== 'eni') {
    t.pass({ id: 'internet', kind: 'internet', direction: 'egress', detail: `The internet host ${formatIpv4(reply.srcIp)} replies to ${formatIpv4(reply.dstIp)}.` }, 'forward');
    return { at: 'internet', sentBy: INTERNET_HOST, entryGatewayId: undefined, packet: reply };
  }
  const eni = destination.eni;
  const vpc = t.model.vpcs.get(eni.vpcId);
  const subnet = t.model.subnets.get(eni.subnetId);
  t.pass({ id: eni.id, kind: 'eni', direction: 'egress', detail: `${eni.id} replies from ${formatIpv4(reply.srcIp)} to ${formatIpv4(reply.dstIp)}.` }, 'forward');
  passStatefully(t, eni, true);
  if (!vpc || !subnet) {
    t.unknown({ id: eni.id, kind: 'eni', direction: 'egress', detail: `The ${vpc ? 'subnet' : 'VPC'} of ${eni.id} is not in the snapshot.` }, 'UNKNOWN_RESOURCE');
    return undefined;
  }
  return { at: 'route', place: { vpc, subnet, az: subnet.availabilityZone }, packet: reply };
}
