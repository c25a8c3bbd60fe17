// The oracle's rules for networks that span accounts (DESIGN.md sections 2-4),
// read from the raw describe JSON like the rest of the oracle, sharing no code
// with shared/:
//
// - an account is missing when the snapshot does not hold it, or when
//   `errors` records it with region "*" (its role could not be assumed);
//   what it owns is unknown, and a path that needs it ends `unknown`
//   (UNKNOWN_RESOURCE) at the component that names it;
// - a security-group rule may name a group of another account (UserId): it
//   matches that group's members in the rule's VPC or across a same-region
//   active peering, and, for inbound rules only, across a transit gateway
//   when SecurityGroupReferencingSupport is enabled on the gateway (default
//   off) and on both VPC attachments (default on) (Transit Gateway guide,
//   "Security group referencing");
// - a RAM-shared transit gateway's route tables live only in its owner's
//   account; a participant sees the gateway and its own attachments.
import { permissionAdmits, type Packet } from './filters.js';
import { cidrContains, isPrivateAddress, numberToIp } from './ip.js';
import type { Raw, RawView } from './raw-view.js';

/** Accounts whose whole data could not be read: `errors` entries of region "*". */
function unreadableAccounts(view: RawView): Set<string> {
  return new Set(view.errors.filter((e) => e.region === '*').map((e) => String(e.account)));
}

/**
 * Is `account` one the snapshot cannot show? Undefined or empty: the data
 * does not say, so no. A snapshot whose only account is "unknown" (a folder
 * without the accounts/ layout) cannot tell either.
 */
export function accountMissing(view: RawView, account: string | undefined): boolean {
  if (account === undefined || account === '') return false;
  const unreadable = unreadableAccounts(view);
  if (unreadable.has(account)) return true;
  const collected = view.accountIds.filter((a) => !unreadable.has(a));
  if (collected.length === 0 || collected.includes('unknown')) return false;
  return !collected.includes(account);
}

/** The ENI's instance is not in the snapshot because its account is missing: its state is unknown. */
export function instanceUnseen(view: RawView, eni: Raw): boolean {
  const instanceId = eni.Attachment?.InstanceId;
  if (!instanceId || view.instance(instanceId)) return false;
  return accountMissing(view, eni.Attachment?.InstanceOwnerId ?? eni.OwnerId);
}

/** A VPC seen only from a participant of one of its shared subnets: its owner's subnets and ENIs are unseen. */
export function vpcOwnerMissing(view: RawView, vpcId: string): boolean {
  return accountMissing(view, view.vpc(vpcId)?.OwnerId);
}

/** The owner of a shared subnet is missing: its route table and network ACL are the owner's, unseen. */
export function subnetOwnerMissing(view: RawView, subnet: Raw): boolean {
  return accountMissing(view, subnet.OwnerId) || vpcOwnerMissing(view, subnet.VpcId);
}

const GONE_STATES = ['deleted', 'deleting', 'failed', 'rejected'];

/**
 * An enabled VPC propagation into this transit gateway route table whose
 * VPC (and so its CIDRs) the snapshot lacks: the routes it adds are unknown,
 * and one of them may be the most specific for `address`. Unless `address`
 * lies in a VPC of the snapshot attached to the same gateway: AWS does not
 * propagate a CIDR that overlaps an attached VPC's (Transit Gateway guide,
 * "Amazon VPC attachments", Limits).
 */
export function unseenPropagation(view: RawView, tableId: string, tgwId: string, address: number): Raw | undefined {
  const inAttachedVpc = view.tgwAttachments.some((a) => {
    if (a.TransitGatewayId !== tgwId || a.ResourceType !== 'vpc' || GONE_STATES.includes(a.State)) return false;
    const vpc = view.vpc(a.ResourceId);
    return vpc !== undefined && view.vpcCidrs(vpc).some((c) => cidrContains(c, address));
  });
  if (inAttachedVpc) return undefined;
  for (const block of view.tgwPropagations) {
    if (block.TransitGatewayRouteTableId !== tableId) continue;
    for (const p of block.TransitGatewayRouteTablePropagations ?? []) {
      if (p.State !== 'enabled' || p.ResourceType !== 'vpc') continue;
      const state = view.tgwAttachment(p.TransitGatewayAttachmentId)?.State;
      if (GONE_STATES.includes(state)) continue;
      if (!view.vpc(p.ResourceId)) return p;
    }
  }
  return undefined;
}

const optionOn = (value: string | undefined, byDefault: boolean) => (value === undefined ? byDefault : value === 'enable');

/** Both VPCs attached (available) to one transit gateway whose option, and both attachments' options, enable group referencing. */
export function referencedAcrossTransitGateway(view: RawView, vpcA: string, vpcB: string): boolean {
  const usable = (vpcId: string) =>
    view.tgwAttachments.filter((a) => {
      if (a.ResourceType !== 'vpc' || a.ResourceId !== vpcId || a.State !== 'available') return false;
      const options = view.tgwVpcAttachments.find((v) => v.TransitGatewayAttachmentId === a.TransitGatewayAttachmentId)?.Options;
      return optionOn(options?.SecurityGroupReferencingSupport, true);
    });
  const gatewaysOfB = usable(vpcB).map((a) => a.TransitGatewayId);
  return usable(vpcA).some((a) => gatewaysOfB.includes(a.TransitGatewayId) && optionOn(view.transitGateway(a.TransitGatewayId)?.Options?.SecurityGroupReferencingSupport, false));
}

export type GroupsVerdict = { kind: 'allow'; byReferenceTo: string | undefined } | { kind: 'deny' } | { kind: 'unknown'; id: string; component: 'eni' | 'security-group' };

/**
 * The union of the ENI's groups, where some data may be unseen: a group of
 * the ENI that the snapshot lacks (a participant's, its account missing), or
 * a rule naming a group of a missing account whose members could hold the
 * peer address (a private address no ENI of the snapshot holds). Any rule
 * that admits decides; otherwise the first unseen piece makes it unknown.
 */
export function decideSecurityGroups(view: RawView, eni: Raw, packet: Packet, direction: 'egress' | 'ingress'): GroupsVerdict {
  const peer = direction === 'egress' ? packet.dst : packet.src;
  let unknown: GroupsVerdict | undefined;
  for (const ref of eni.Groups ?? []) {
    const group = view.securityGroups.find((g) => g.GroupId === ref.GroupId);
    if (!group) {
      unknown ??= { kind: 'unknown', id: eni.NetworkInterfaceId, component: 'eni' };
      continue;
    }
    for (const permission of (direction === 'egress' ? group.IpPermissionsEgress : group.IpPermissions) ?? []) {
      if (permissionAdmits(view, group.VpcId, permission, packet, peer, direction === 'ingress')) {
        return { kind: 'allow', byReferenceTo: referenceThatAdmits(view, group, permission, packet, peer, direction === 'ingress') };
      }
      if (namesUnseenHolder(view, permission, packet, peer)) unknown ??= { kind: 'unknown', id: group.GroupId, component: 'security-group' };
    }
  }
  return unknown ?? { kind: 'deny' };
}

/** A rule whose protocol and ports fit, naming a group of a missing account, toward a private address no ENI of the snapshot holds. */
function namesUnseenHolder(view: RawView, permission: Raw, packet: Packet, peer: number): boolean {
  const pairs: Raw[] = permission.UserIdGroupPairs ?? [];
  const unseen = pairs.some((pair) => !view.securityGroups.some((g) => g.GroupId === pair.GroupId) && accountMissing(view, pair.UserId));
  if (!unseen) return false;
  if (!isPrivateAddress(peer) || view.enisWithPrivateIpAnywhere(numberToIp(peer)).length > 0) return false;
  // the protocol and ports alone: the same rule with any peer
  const anyPeer = { ...permission, IpRanges: [{ CidrIp: '0.0.0.0/0' }], PrefixListIds: [], UserIdGroupPairs: [] };
  return permissionAdmits(view, '', anyPeer, packet, peer, false);
}

/**
 * What two accounts both list (a peering, a shared subnet, a participant's
 * ENI, a shared transit gateway and its attachments) is one resource: keep
 * one copy, the owner's where the copies come from several accounts.
 */
export function keepOneCopy(into: Raw[], items: Raw[], idKey: string, account: string): void {
  for (const item of items) {
    const at = into.findIndex((x) => x[idKey] === item[idKey]);
    if (at < 0) into.push(item);
    else if (ownerOf(item) === account) into[at] = item;
  }
}

function ownerOf(item: Raw): string | undefined {
  return item.OwnerId ?? item.VpcOwnerId ?? item.ResourceOwnerId ?? item.AccepterVpcInfo?.OwnerId;
}

/** "sg-x of account N" when the permission admits the packet through a group reference alone (for the trace). */
function referenceThatAdmits(view: RawView, group: Raw, permission: Raw, packet: Packet, peer: number, inbound: boolean): string | undefined {
  for (const pair of permission.UserIdGroupPairs ?? []) {
    const only = { ...permission, IpRanges: [], PrefixListIds: [], UserIdGroupPairs: [pair] };
    if (permissionAdmits(view, group.VpcId, only, packet, peer, inbound)) return `${pair.GroupId} of account ${pair.UserId ?? group.OwnerId}`;
  }
  return undefined;
}
