// Public NAT gateways: carry TCP, UDP and ICMP routed to them within their
// VPC, translate the source to their own address (and a port of their
// choosing, 1024-65535), then follow their subnet's route table. They answer
// only sessions they started: replies are translated back, anything else
// addressed to them is dropped. Their subnet's ACL applies on the way in and
// on the way out.
import type { NatGateway, Subnet } from '../model/types.js';
import { formatIpv4 } from '../model/ipv4.js';
import { describeTraffic, EPHEMERAL_RANGE, hasPorts, ICMP, TCP, UDP, type Packet } from './packet.js';
import type { LegTrace, Place, Position } from './trace.js';
import { checkSubnetAcl } from './network-acls.js';
import { warn } from './warnings.js';

const CARRIED = new Set([TCP, UDP, ICMP]);

const natHop = (nat: NatGateway, detail: string) => ({ id: nat.id, kind: 'nat-gateway' as const, direction: 'transit' as const, detail });

function natSubnet(t: LegTrace, nat: NatGateway): Subnet | undefined {
  const subnet = t.model.subnets.get(nat.subnetId);
  if (!subnet) {
    t.notes.add(warn.missingResource(nat.subnetId, nat.id));
    t.unknown(natHop(nat, `${nat.id} is in ${nat.subnetId}, which is not in the snapshot.`), 'UNKNOWN_RESOURCE');
  }
  return subnet;
}

function natAddress(nat: NatGateway): number | undefined {
  return nat.addresses.find((a) => a.privateIp !== undefined)?.privateIp;
}

/** Routed to the NAT gateway from `from` (a subnet of its VPC). */
export function throughNatGateway(t: LegTrace, nat: NatGateway, from: Place, packet: Packet): Position | undefined {
  if (typeof packet.srcIp !== 'number') {
    // an IPv6 packet routed to a NAT gateway (64:ff9b::/96) asks for NAT64, which the engine does not model
    t.unknown(natHop(nat, `${nat.id} would translate IPv6 to IPv4 (NAT64), which the engine does not model yet.`), 'UNSUPPORTED_COMPONENT');
    return undefined;
  }
  const srcIp = packet.srcIp;
  const subnet = natSubnet(t, nat);
  if (!subnet) return undefined;
  if (subnet.id !== from.subnet.id && !checkSubnetAcl(t, subnet, true, packet)) return undefined;
  if (nat.state !== 'available') {
    t.drop(natHop(nat, `${nat.id} is ${nat.state}, not available.`), 'BAD_STATE', null);
    return undefined;
  }
  if (nat.connectivityType === 'private') {
    t.unknown(natHop(nat, `${nat.id} is a private NAT gateway, which the engine does not model yet.`), 'UNSUPPORTED_COMPONENT');
    return undefined;
  }
  // Traffic from outside the VPC gets here only through a route table of another VPC that
  // names this NAT gateway (a snapshot can hold one): traffic over a peering never reaches a
  // NAT (the peering admits only its VPC's own addresses), traffic from a transit gateway is
  // routed from a subnet of this VPC (served: centralised egress), and on the return leg a
  // route into a NAT gateway other than the translator drops at the route table first.
  if (nat.vpcId !== from.vpc.id) {
    t.drop(natHop(nat, `${nat.id} serves only traffic from its own VPC ${nat.vpcId}.`), 'NGW_REQUIRES_SOURCE_IN_VPC', null);
    return undefined;
  }
  if (!CARRIED.has(packet.protocol)) {
    t.drop(natHop(nat, `${nat.id} carries only TCP, UDP and ICMP, not ${describeTraffic(packet)}.`), 'PROTOCOL_RESTRICTION', null);
    return undefined;
  }
  const natIp = natAddress(nat);
  if (natIp === undefined) {
    t.unknown(natHop(nat, `The snapshot gives no private address for ${nat.id}.`), 'UNKNOWN_RESOURCE');
    return undefined;
  }
  const srcPorts = hasPorts(packet.protocol) ? EPHEMERAL_RANGE : undefined;
  if (srcPorts) t.notes.add(warn.translatorPorts(nat.id, srcPorts));
  t.sessions.push({ kind: 'nat', natId: nat.id, natIp, clientIp: srcIp, clientPorts: packet.srcPorts });
  t.pass(natHop(nat, `${nat.id} translates the source ${formatIpv4(srcIp)} to ${formatIpv4(natIp)}${srcPorts ? ' (source port picked from 1024-65535)' : ''}.`), 'translate');
  return { at: 'route', place: { vpc: from.vpc, subnet, az: subnet.availabilityZone }, packet: { ...packet, srcIp: natIp, srcPorts } };
}

/** A packet addressed to the NAT gateway's own address (its subnet's inbound ACL already passed). */
export function natGatewayReceives(t: LegTrace, nat: NatGateway, packet: Packet): Position | undefined {
  const session = t.leg === 'return' ? t.sessions.find((s) => s.kind === 'nat' && s.natId === nat.id && s.natIp === packet.dstIp) : undefined;
  if (session?.kind !== 'nat') {
    t.drop(natHop(nat, `${nat.id} accepts no connections started toward it; it answers only sessions it started.`), 'NGW_INBOUND_CONNECTION', null);
    return undefined;
  }
  const subnet = natSubnet(t, nat);
  const vpc = t.model.vpcs.get(nat.vpcId);
  if (!subnet || !vpc) {
    if (subnet) t.unknown(natHop(nat, `${nat.vpcId} of ${nat.id} is not in the snapshot.`), 'UNKNOWN_RESOURCE');
    return undefined;
  }
  t.pass(natHop(nat, `${nat.id} translates the reply's destination back to ${formatIpv4(session.clientIp)}.`), 'translate');
  return { at: 'route', place: { vpc, subnet, az: subnet.availabilityZone }, packet: { ...packet, dstIp: session.clientIp, dstPorts: session.clientPorts } };
}
