// Internet gateways and the internet beyond them. Outbound, the sender's
// private address must have a public or Elastic IP (a NAT gateway's address
// has one), which replaces it; inbound, the destination must be the public IP
// of an ENI in the attached VPC, and is translated to its private IP. Private
// addresses are not routed on the internet.
//
// IPv6 is global: an internet gateway carries it both ways unchanged (no
// public address is needed), and an egress-only internet gateway lets only
// replies in (https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html,
// egress-only-gateway.ts).
import type { InternetGateway, NetworkModel, Vpc } from '../model/types.js';
import { cidrContains, formatIpv4, isPrivateIpv4 } from '../model/ipv4.js';
import { isNonGlobalIpv6 } from '../model/ipv6.js';
import { formatIp } from '../model/ip.js';
import type { Packet } from './packet.js';
import { enisHolding, vpcHoldsAddress } from './addresses.js';
import { egressOnlyGatewayOf, intoVpcByEgressOnlyGateway } from './egress-only-gateway.js';
import type { LegTrace, Place, Position } from './trace.js';
import { publicIpFix } from './fixes.js';
import { enterVpc } from './ingress-routing.js';

/** The on-internet position's sender: a gateway id, or "host" when an internet host sent it. */
export const INTERNET_HOST = 'host';

function attachedTo(igw: InternetGateway, vpcId: string): boolean {
  return igw.attachments.some((a) => a.vpcId === vpcId && (a.state === 'available' || a.state === 'attached'));
}

/** The attached internet gateway of a VPC, if the snapshot holds one. */
function gatewayOf(model: NetworkModel, vpc: Vpc): InternetGateway | undefined {
  for (const id of vpc.internetGatewayIds) {
    const igw = model.internetGateways.get(id);
    if (igw && attachedTo(igw, vpc.id)) return igw;
  }
  return undefined;
}

const internetHop = (detail: string) => ({ id: 'internet', kind: 'internet' as const, direction: 'transit' as const, detail });

/** Routed to an internet gateway from inside the VPC. */
export function throughInternetGateway(t: LegTrace, igw: InternetGateway, place: Place, packet: Packet): Position | undefined {
  const hop = (detail: string) => ({ id: igw.id, kind: 'internet-gateway' as const, direction: 'transit' as const, detail });
  if (!attachedTo(igw, place.vpc.id)) {
    const state = igw.attachments.find((a) => a.vpcId === place.vpc.id)?.state ?? 'not attached';
    t.drop(hop(`${igw.id} is ${state} to ${place.vpc.id}.`), 'BAD_STATE', null);
    return undefined;
  }
  if (typeof packet.srcIp === 'bigint') {
    t.pass(hop(`${igw.id} sends it from ${formatIp(packet.srcIp)} to the internet unchanged: IPv6 addresses are global.`), 'forward');
    return { at: 'internet', sentBy: igw.id, entryGatewayId: undefined, packet };
  }
  const sender = (t.model.indexes.enisByPrivateIp.get(packet.srcIp) ?? []).find((eni) => eni.vpcId === place.vpc.id);
  const publicIp = sender?.privateAddresses.find((a) => a.ip === packet.srcIp)?.publicIp;
  if (publicIp === undefined) {
    const who = sender ? `${sender.id} (${formatIpv4(packet.srcIp)})` : formatIpv4(packet.srcIp);
    // The sender going out: any exposure an Elastic IP adds is more than was asked.
    const answer = sender ? publicIpFix(t.model, sender, undefined) : undefined;
    t.drop(hop(`${who} has no public or Elastic IP: ${igw.id} cannot send it to the internet.`), 'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS', answer?.fix ?? null);
    t.annotate({ options: answer?.options });
    return undefined;
  }
  if (t.leg === 'forward') t.sessions.push({ kind: 'igw', igwId: igw.id, vpcId: place.vpc.id, privateIp: packet.srcIp, publicIp, translated: 'source' });
  t.pass(hop(`${igw.id} translates the source ${formatIpv4(packet.srcIp)} to its public IP ${formatIpv4(publicIp)}.`), 'translate');
  return { at: 'internet', sentBy: igw.id, entryGatewayId: undefined, packet: { ...packet, srcIp: publicIp } };
}

/** Which VPC a private address belongs to, for explaining why the internet cannot reach it. */
function vpcHolding(t: LegTrace, ip: number): { vpc: Vpc; eniId: string | undefined } | undefined {
  const model = t.model;
  const eni = t.target.kind === 'eni' && t.target.eni.privateAddresses.some((a) => a.ip === ip) ? t.target.eni : model.indexes.enisByPrivateIp.get(ip)?.[0];
  if (eni) {
    const vpc = model.vpcs.get(eni.vpcId);
    return vpc ? { vpc, eniId: eni.id } : undefined;
  }
  for (const vpc of model.vpcs.values()) if (vpc.cidrs.some((cidr) => cidrContains(cidr, ip))) return { vpc, eniId: undefined };
  return undefined;
}

type Packet4 = Packet & { readonly srcIp: number; readonly dstIp: number };

function privateFromInternet(t: LegTrace, packet: Packet4): undefined {
  const holder = vpcHolding(t, packet.dstIp);
  const igw = holder ? gatewayOf(t.model, holder.vpc) : undefined;
  if (holder && igw) {
    const what = holder.eniId ? `${holder.eniId} has no public IP` : `${formatIpv4(packet.dstIp)} is not a public IP of an ENI in ${holder.vpc.id}`;
    const eni = holder.eniId ? t.model.networkInterfaces.get(holder.eniId) : undefined;
    // The question comes from the internet: the one exposure a fix may add is the asked traffic.
    const asked = t.leg === 'forward' ? { protocol: packet.protocol, peerIp: packet.srcIp, ports: packet.dstPorts, icmp: packet.icmp } : undefined;
    const answer = eni ? publicIpFix(t.model, eni, asked) : undefined;
    t.drop({ id: igw.id, kind: 'internet-gateway', direction: 'transit', detail: `${what}: ${igw.id} admits only traffic to public IPs associated with ENIs of ${holder.vpc.id}.` }, 'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS', answer?.fix ?? null);
    t.annotate({ options: answer?.options });
    return undefined;
  }
  const where = holder ? `${holder.vpc.id} has no internet gateway` : 'no VPC of the snapshot holds it';
  t.drop(internetHop(`${formatIpv4(packet.dstIp)} is a private address and ${where}: the internet cannot reach it.`), 'NO_ROUTE_TO_DESTINATION', null);
  return undefined;
}

/** An IPv6 packet on the internet, toward a VPC: in through the VPC's internet gateway, or its egress-only gateway for a reply. */
function acrossInternet6(t: LegTrace, position: Extract<Position, { at: 'internet' }>, dstIp: bigint): Position | undefined {
  const { packet } = position;
  const dst = formatIp(dstIp);
  if (isNonGlobalIpv6(dstIp)) {
    t.drop(internetHop(`${dst} is not a global IPv6 address: it is not routed on the internet.`), 'NO_ROUTE_TO_DESTINATION', null);
    return undefined;
  }
  const holder = enisHolding(t.model, dstIp)[0];
  const vpc = holder ? t.model.vpcs.get(holder.vpcId) : [...t.model.vpcs.values()].find((candidate) => vpcHoldsAddress(candidate, dstIp));
  if (!vpc) {
    t.drop(internetHop(`${dst}: no VPC of the snapshot holds it.`), 'NO_ROUTE_TO_DESTINATION', null);
    return undefined;
  }
  const eigw = egressOnlyGatewayOf(t.model, vpc);
  const replyByEigw = eigw && t.leg === 'return' && t.sessions.some((s) => s.kind === 'eigw' && s.eigwId === eigw.id && s.insideIp === dstIp);
  const igw = gatewayOf(t.model, vpc);
  if (eigw && (replyByEigw || !igw)) return intoVpcByEgressOnlyGateway(t, eigw, vpc, packet);
  if (!igw) {
    const down = vpc.internetGatewayIds.map((id) => t.model.internetGateways.get(id)).find((g) => g !== undefined);
    if (down) {
      const state = down.attachments.find((a) => a.vpcId === vpc.id)?.state ?? 'not attached';
      t.drop({ id: down.id, kind: 'internet-gateway', direction: 'transit', detail: `${down.id} is ${state} to ${vpc.id}.` }, 'BAD_STATE', null);
      return undefined;
    }
    t.drop(internetHop(`${dst} is in ${vpc.id}, which has no attached internet gateway in the snapshot.`), 'NO_ROUTE_TO_DESTINATION', null);
    return undefined;
  }
  if (position.entryGatewayId !== undefined && position.entryGatewayId !== igw.id) {
    t.drop(internetHop(`${dst} is behind ${igw.id}, not ${position.entryGatewayId}.`), 'NO_ROUTE_TO_DESTINATION', null);
    return undefined;
  }
  t.pass({ id: igw.id, kind: 'internet-gateway', direction: 'transit', detail: `${igw.id} carries it to ${dst} in ${vpc.id} unchanged: IPv6 addresses are global.` }, 'forward');
  return enterVpc(t, igw.id, vpc, packet);
}

/** On the internet: delivered to the internet host, or carried to the internet gateway of the VPC that holds the public address. */
export function acrossInternet(t: LegTrace, position: Extract<Position, { at: 'internet' }>): Position | undefined {
  const { packet, sentBy } = position;
  const target = t.target;
  if (target.kind === 'internet' && packet.dstIp === target.ip) {
    if (target.gatewayId !== undefined && sentBy !== INTERNET_HOST && sentBy !== target.gatewayId) {
      t.drop(internetHop(`The flow leaves through ${sentBy}, not through ${target.gatewayId}.`), 'NO_ROUTE_TO_DESTINATION', null);
      return undefined;
    }
    t.deliver({ id: 'internet', kind: 'internet', direction: 'ingress', detail: `The internet host ${formatIp(packet.dstIp)} receives it.` }, packet);
    return undefined;
  }
  if (typeof packet.dstIp === 'bigint') return acrossInternet6(t, position, packet.dstIp);
  const v4 = packet as Packet4;
  if (isPrivateIpv4(v4.dstIp)) {
    if (sentBy === INTERNET_HOST) return privateFromInternet(t, v4);
    t.drop(internetHop(`${formatIpv4(v4.dstIp)} is a private address: it is not routed on the internet.`), 'NO_ROUTE_TO_DESTINATION', null);
    return undefined;
  }
  const holder = t.model.indexes.eniByPublicIp.get(v4.dstIp);
  const vpc = holder ? t.model.vpcs.get(holder.vpcId) : undefined;
  const igw = vpc ? gatewayOf(t.model, vpc) : undefined;
  const down = vpc && !igw ? vpc.internetGatewayIds.map((id) => t.model.internetGateways.get(id)).find((g) => g !== undefined) : undefined;
  if (down) {
    const state = down.attachments.find((a) => a.vpcId === vpc!.id)?.state ?? 'not attached';
    t.drop({ id: down.id, kind: 'internet-gateway', direction: 'transit', detail: `${down.id} is ${state} to ${vpc!.id}.` }, 'BAD_STATE', null);
    return undefined;
  }
  if (!holder || !vpc || !igw) {
    const why = holder ? `${holder.vpcId} has no attached internet gateway in the snapshot` : 'no ENI of the snapshot holds it';
    t.drop(internetHop(`${formatIpv4(v4.dstIp)}: ${why}.`), 'NO_ROUTE_TO_DESTINATION', null);
    return undefined;
  }
  if (position.entryGatewayId !== undefined && position.entryGatewayId !== igw.id) {
    t.drop(internetHop(`${formatIpv4(v4.dstIp)} is behind ${igw.id}, not ${position.entryGatewayId}.`), 'NO_ROUTE_TO_DESTINATION', null);
    return undefined;
  }
  // the holder of a public IPv4 address has the private one it is associated with
  const privateIp = holder.privateAddresses.find((a) => a.publicIp === v4.dstIp)?.ip ?? holder.primaryPrivateIp!;
  if (t.leg === 'forward') t.sessions.push({ kind: 'igw', igwId: igw.id, vpcId: vpc.id, privateIp, publicIp: v4.dstIp, translated: 'destination' });
  t.pass({ id: igw.id, kind: 'internet-gateway', direction: 'transit', detail: `${igw.id} translates the destination ${formatIpv4(v4.dstIp)} to ${holder.id}'s private IP ${formatIpv4(privateIp)}.` }, 'translate');
  // A gateway route table (edge association) routes what enters before the VPC router does.
  return enterVpc(t, igw.id, vpc, { ...v4, dstIp: privateIp });
}
