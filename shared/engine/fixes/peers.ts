// Who a fix admits. Never the stand-in address of "the internet": a fix for
// an internet client admits internet clients (0.0.0.0/0, or --client-cidr).
// For a machine of ours, the security group it carries where AWS lets a rule
// name it, else the narrowest block that holds it and its group's siblings,
// so that the fix does not leave prod-api-2 broken after prod-api-1 works.
import { formatIpv4, isPrivateIpv4, type Cidr } from '../../model/ipv4.js';
import type { NetworkInterface, NetworkModel, SecurityGroup } from '../../model/types.js';
import { peeredInRegion } from '../security-groups.js';
import type { FixContext } from '../trace.js';

export type FixPeer =
  | { readonly kind: 'internet'; readonly cidr: string }
  | { readonly kind: 'address'; readonly cidr: string }
  | { readonly kind: 'group'; readonly group: SecurityGroup; readonly members: readonly NetworkInterface[]; readonly peer: NetworkInterface }
  | { readonly kind: 'block'; readonly cidr: string; readonly peer: NetworkInterface; readonly group: SecurityGroup | undefined; readonly members: readonly NetworkInterface[]; readonly why: string };

/** The one ENI that holds `ip`: in `preferVpc` first (overlapping VPCs), else the only holder. */
export function holderOf(model: NetworkModel, ip: number, preferVpc: string | undefined): NetworkInterface | undefined {
  const holders = model.indexes.enisByPrivateIp.get(ip) ?? [];
  return holders.find((eni) => eni.vpcId === preferVpc) ?? (holders.length === 1 ? holders[0] : undefined);
}

/** The narrowest CIDR block holding every address. */
export function coveringCidr(ips: readonly number[]): string {
  let prefix = 32;
  const first = ips[0]!;
  for (const ip of ips) {
    while (prefix > 0 && ((ip ^ first) >>> (32 - prefix)) !== 0) prefix--;
  }
  const network = prefix === 0 ? 0 : ((first >>> (32 - prefix)) << (32 - prefix)) >>> 0;
  return `${formatIpv4(network)}/${prefix}`;
}

/**
 * May a rule of `group` name `peerGroup`? AWS allows it in the same VPC, and
 * across an active VPC peering in the same region. (Across a transit gateway
 * it needs referencing turned on, which the snapshot does not show: no.)
 */
function canReference(model: NetworkModel, group: SecurityGroup, peerGroup: SecurityGroup): boolean {
  if (group.vpcId === undefined || peerGroup.vpcId === undefined) return false;
  return group.vpcId === peerGroup.vpcId || peeredInRegion(model, group.vpcId, peerGroup.vpcId);
}

/** Who a rule of `group` (on `protected_`'s side) should admit for traffic to or from `ip`. */
export function fixPeerFor(model: NetworkModel, context: FixContext, group: SecurityGroup | undefined, ip: number, vpcId: string | undefined): FixPeer {
  if (ip === context.standInIp) return { kind: 'internet', cidr: context.internetClients };
  if (!isPrivateIpv4(ip)) return { kind: 'address', cidr: `${formatIpv4(ip)}/32` };
  const peer = holderOf(model, ip, vpcId);
  if (!peer) return { kind: 'address', cidr: `${formatIpv4(ip)}/32` };
  const peerGroup = peer.securityGroupIds.map((id) => model.securityGroups.get(id)).find((g) => g !== undefined);
  const members = peerGroup ? (model.indexes.enisBySecurityGroup.get(peerGroup.id) ?? [peer]) : [peer];
  if (group && peerGroup && canReference(model, group, peerGroup)) return { kind: 'group', group: peerGroup, members, peer };
  const sameVpc = members.filter((eni) => eni.vpcId === peer.vpcId);
  const cidr = coveringCidr(sameVpc.flatMap((eni) => (eni.primaryPrivateIp === undefined ? [] : [eni.primaryPrivateIp])));
  const why = !peerGroup
    ? `${peer.id} carries no security group a rule could name`
    : `a rule of ${group?.id ?? 'this group'} cannot name ${peerGroup.id} across ${peer.vpcId === vpcId ? 'accounts' : 'VPCs that are not peered in one region'}`;
  return { kind: 'block', cidr, peer, group: peerGroup, members: sameVpc, why };
}

/** The block of the subnet `ip` is in, for ACL entries (which think in subnets), or the peer's own words. */
export function aclPeerCidr(model: NetworkModel, context: FixContext, ip: number, vpcId: string | undefined): { cidr: string; words: string } {
  if (ip === context.standInIp) return { cidr: context.internetClients, words: context.internetClients === '0.0.0.0/0' ? 'internet clients (0.0.0.0/0)' : `internet clients (${context.internetClients}, --client-cidr)` };
  if (!isPrivateIpv4(ip)) return { cidr: `${formatIpv4(ip)}/32`, words: `${formatIpv4(ip)}/32` };
  const peer = holderOf(model, ip, vpcId);
  const subnet = peer ? model.subnets.get(peer.subnetId) : undefined;
  if (!subnet?.cidr) return { cidr: `${formatIpv4(ip)}/32`, words: `${formatIpv4(ip)}/32` };
  return { cidr: subnet.cidr.text, words: `${subnet.cidr.text} (${subnet.name ? `${subnet.name}, ` : ''}${subnet.id}, where ${formatIpv4(ip)} is)` };
}

export function cidrText(cidr: Cidr): string {
  return cidr.text;
}
