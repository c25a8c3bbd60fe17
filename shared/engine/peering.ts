// VPC peering: only an active peering carries traffic, and it is not
// transitive: what crosses it may only go to the peer VPC's own CIDRs (never
// on through its gateways or peerings). Arriving traffic is delivered by the
// peer VPC's router; the return needs a route on the peer's side too.
import type { Vpc, VpcPeeringConnection } from '../model/types.js';
import { formatIp } from '../model/ip.js';
import type { Cidr } from '../model/ipv4.js';
import type { Cidr6 } from '../model/ipv6.js';
import { blockHolding } from './addresses.js';
import type { Packet } from './packet.js';
import type { LegTrace, Position } from './trace.js';
import { acceptPeeringFix } from './fixes.js';
import { warn } from './warnings.js';
import { accountMissing, notCollected } from './missing-accounts.js';

export function throughPeering(t: LegTrace, pcx: VpcPeeringConnection, from: Vpc, packet: Packet): Position | undefined {
  const hop = (detail: string) => ({ id: pcx.id, kind: 'peering' as const, direction: 'transit' as const, detail });
  if (pcx.status !== 'active') {
    t.drop(hop(`${pcx.id} is ${pcx.status}, not active.`), 'BAD_STATE', pcx.status === 'pending-acceptance' ? acceptPeeringFix(t.model, pcx.id) : null);
    return undefined;
  }
  const other = pcx.requester.vpcId === from.id ? pcx.accepter : pcx.accepter.vpcId === from.id ? pcx.requester : undefined;
  if (!other) {
    t.unknown(hop(`${pcx.id} joins ${pcx.requester.vpcId} and ${pcx.accepter.vpcId}, not ${from.id}.`), 'UNKNOWN_RESOURCE');
    return undefined;
  }
  const peer = t.model.vpcs.get(other.vpcId);
  // an IPv6 packet crosses only to the peer's IPv6 blocks (AWS: IPv6 over a peering needs both VPCs' IPv6 blocks and routes)
  const side = peer ?? other;
  const cidrs: readonly (Cidr | Cidr6)[] = typeof packet.dstIp === 'number' ? side.cidrs : side.ipv6Cidrs;
  if (blockHolding(cidrs, packet.dstIp) === undefined) {
    t.drop(hop(`${formatIp(packet.dstIp)} is outside ${other.vpcId}'s CIDRs (${cidrs.map((c) => c.text).join(', ')}): a peering carries traffic only to the peer VPC itself.`), 'PCX_REQUIRES_ADDRESS_IN_VPC_CIDR', null);
    return undefined;
  }
  if (!peer) {
    t.notes.add(warn.missingResource(other.vpcId, pcx.id));
    // the peer side's account is named by the side that is present: the peering's own record
    const what = other.account && accountMissing(t.model, other.account) ? notCollected(t.model, other.vpcId, other.account) : `${other.vpcId}${other.account ? ` (account ${other.account})` : ''}, which is not in the snapshot`;
    t.unknown(hop(`${pcx.id} leads to ${what}.`), 'UNKNOWN_RESOURCE');
    return undefined;
  }
  t.pass(hop(`${pcx.id} carries it from ${from.id} to ${peer.id}.`), 'forward');
  return { at: 'arrive', vpc: peer, fromSubnetId: undefined, packet };
}
