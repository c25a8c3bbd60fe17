// The security-group fix: one rule added to the group named at the drop,
// admitting exactly the asked traffic from a right-sized peer (fixes/peers.ts).
import type { Edit, EditOf } from '../../model/change-set.js';
import { isPrivateIpv4 } from '../../model/ipv4.js';
import { formatIpv6, INTERNET_HOST_IPV6 } from '../../model/ipv6.js';
import { enisHolding } from '../addresses.js';
import type { NetworkInterface, NetworkModel } from '../../model/types.js';
import type { Fix } from '../analysis-types.js';
import { ANY_PROTOCOL, hasPorts, ICMP, protocolLabel } from '../packet.js';
import type { FixContext } from '../trace.js';
import { fixOf } from './make-fix.js';
import { fixPeerFor, type FixPeer } from './peers.js';
import { nameAndId, trafficWords, type FixTraffic } from './words.js';

type Permission = EditOf<'AuthorizeSecurityGroupIngress'>['IpPermissions'][number];

/** The IpPermission that admits exactly this traffic, from or to `peer`. */
export function permissionFor(traffic: Omit<FixTraffic, 'peerIp'>, peer: Pick<Permission, 'IpRanges' | 'Ipv6Ranges' | 'UserIdGroupPairs'>): Permission {
  if (traffic.protocol === ANY_PROTOCOL) return { IpProtocol: '-1', ...peer };
  if (hasPorts(traffic.protocol) && traffic.ports) return { IpProtocol: protocolLabel(traffic.protocol), FromPort: traffic.ports.from, ToPort: traffic.ports.to, ...peer };
  if (traffic.protocol === ICMP && traffic.icmp) return { IpProtocol: 'icmp', FromPort: traffic.icmp.type, ToPort: traffic.icmp.code, ...peer };
  return { IpProtocol: String(traffic.protocol), ...peer };
}

function memberWords(model: NetworkModel, members: readonly NetworkInterface[], peer: NetworkInterface): string {
  const others = members.filter((eni) => eni.id !== peer.id).length;
  return `${nameAndId(model, peer)}${others > 0 ? ` and ${others} other network interface${others === 1 ? '' : 's'}` : ''}`;
}

/** The active peering a rule of a group in `vpcA` names a group of `vpcB` across, if they are peered. */
function peeringBetween(model: NetworkModel, vpcA: string | undefined, vpcB: string | undefined): string | undefined {
  if (vpcA === undefined || vpcB === undefined || vpcA === vpcB) return undefined;
  return (model.indexes.peeringsByVpc.get(vpcA) ?? []).find((pcx) => pcx.status === 'active' && (pcx.requester.vpcId === vpcB || pcx.accepter.vpcId === vpcB))?.id;
}

function peerPermission(model: NetworkModel, peer: FixPeer, owner: { account: string; vpcId: string | undefined }): Pick<Permission, 'IpRanges' | 'UserIdGroupPairs'> {
  if (peer.kind !== 'group') return { IpRanges: [{ CidrIp: peer.cidr }] };
  const account = peer.group.account !== owner.account && peer.group.account !== 'unknown' ? { UserId: peer.group.account } : {};
  // a peer VPC's group: the pair names the peering too, as AWS writes such a rule
  const pcx = peeringBetween(model, owner.vpcId, peer.group.vpcId);
  return { UserIdGroupPairs: [{ GroupId: peer.group.id, ...account, ...(pcx ? { VpcPeeringConnectionId: pcx } : {}) }] };
}

function peerWords(model: NetworkModel, peer: FixPeer): string {
  switch (peer.kind) {
    case 'internet':
      return peer.cidr === '0.0.0.0/0' ? 'internet clients (0.0.0.0/0)' : `internet clients (${peer.cidr}, --client-cidr)`;
    case 'address':
      return peer.cidr;
    case 'group':
      return `the security group ${nameAndId(model, peer.group)}, carried by ${memberWords(model, peer.members, peer.peer)}`;
    case 'block':
      return `${peer.cidr}, the narrowest block holding ${memberWords(model, peer.members, peer.peer)}${peer.group ? ` of ${nameAndId(model, peer.group)}` : ''} (${peer.why})`;
  }
}

/** ENIs carrying `groupId`: a rule added to the group changes what all of them admit. */
function carriers(model: NetworkModel, groupId: string): readonly NetworkInterface[] {
  return model.indexes.enisBySecurityGroup.get(groupId) ?? [];
}

export function securityGroupFix(model: NetworkModel, context: FixContext, groupId: string, eni: NetworkInterface, egress: boolean, traffic: FixTraffic): Fix {
  const group = model.securityGroups.get(groupId);
  const peer = fixPeerFor(model, context, group, traffic.peerIp, eni.vpcId);
  const permission = permissionFor(traffic, peerPermission(model, peer, { account: group?.account ?? eni.account, vpcId: group?.vpcId ?? eni.vpcId }));
  const edit: Edit = egress
    ? { action: 'AuthorizeSecurityGroupEgress', GroupId: groupId, IpPermissions: [permission] }
    : { action: 'AuthorizeSecurityGroupIngress', GroupId: groupId, IpPermissions: [permission] };
  const groupWords = group ? nameAndId(model, group) : groupId;
  let text = `Add an ${egress ? 'outbound' : 'inbound'} rule to ${groupWords} allowing ${trafficWords(traffic.protocol, traffic.ports, traffic.icmp)} ${egress ? 'to' : 'from'} ${peerWords(model, peer)}.`;
  // An internet peer named by its address is the internet too: the rule opens the port to it on every carrier.
  if ((peer.kind === 'internet' || (peer.kind === 'address' && !isPrivateIpv4(traffic.peerIp))) && !egress) {
    const opened = carriers(model, groupId);
    const to = peer.kind === 'internet' ? 'the internet' : peer.cidr;
    text += ` It opens that port to ${to} on every network interface carrying the group: ${opened.map((e) => nameAndId(model, e)).join(', ')}.`;
  }
  return fixOf(model, text, [edit]);
}


/** The traffic of an IPv6 drop: its peer is an IPv6 address. */
export type FixTraffic6 = Omit<FixTraffic, 'peerIp'> & { readonly peerIp: bigint };

/**
 * The security-group fix of an IPv6 drop: one rule with the peer of the IPv6 flow. The internet's stand-in
 * (2001:db8::1) is every internet client (::/0, as `internet` means); a machine of the same VPC holding the
 * address is named by its group, which matches its members by any of their addresses, IPv6 ones included;
 * any other address by itself (/128).
 */
export function securityGroupFix6(model: NetworkModel, groupId: string, eni: NetworkInterface, egress: boolean, traffic: FixTraffic6): Fix {
  const group = model.securityGroups.get(groupId);
  const holder = enisHolding(model, traffic.peerIp).find((other) => other.vpcId === eni.vpcId && other.id !== eni.id && other.securityGroupIds.length > 0);
  const internet = traffic.peerIp === INTERNET_HOST_IPV6;
  const peerGroup = holder && !internet ? model.securityGroups.get(holder.securityGroupIds[0]!) : undefined;
  const cidr = internet ? '::/0' : `${formatIpv6(traffic.peerIp)}/128`;
  const peer = peerGroup ? { UserIdGroupPairs: [{ GroupId: peerGroup.id }] } : { Ipv6Ranges: [{ CidrIpv6: cidr }] };
  const permission = permissionFor(traffic, peer);
  const edit: Edit = egress
    ? { action: 'AuthorizeSecurityGroupEgress', GroupId: groupId, IpPermissions: [permission] }
    : { action: 'AuthorizeSecurityGroupIngress', GroupId: groupId, IpPermissions: [permission] };
  const peerText = peerGroup ? `the security group ${nameAndId(model, peerGroup)}, carried by ${nameAndId(model, holder!)}` : internet ? 'internet clients over IPv6 (::/0)' : cidr;
  let text = `Add an ${egress ? 'outbound' : 'inbound'} rule to ${group ? nameAndId(model, group) : groupId} allowing ${trafficWords(traffic.protocol, traffic.ports, traffic.icmp)} ${egress ? 'to' : 'from'} ${peerText}.`;
  if (!egress && !peerGroup && enisHolding(model, traffic.peerIp).length === 0) {
    // an IPv6 address outside the snapshot is an internet host: the rule opens the port to it on every carrier
    text += ` It opens that port to ${internet ? 'the IPv6 internet' : cidr} on every network interface carrying the group: ${carriers(model, groupId).map((e) => nameAndId(model, e)).join(', ')}.`;
  }
  return fixOf(model, text, [edit]);
}
