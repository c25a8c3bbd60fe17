// A security-group rule that names another group (a UserIdGroupPair), as
// AuthorizeSecurityGroupIngress/Egress would take it, group and account
// included (VPC User Guide, "Security group rules": a rule may name a group
// of the same VPC, of a peer VPC across an active same-Region peering, whose
// account the pair's UserId names, or of a VPC attached to the same transit
// gateway). What the snapshot can check is checked; a group of an account
// the snapshot lacks is AWS's to check.
import type { Placement } from '../../model/types.js';
import type { RawOf } from '../raw.js';
import type { RawEditor } from './raw-editor.js';

export interface GroupPair {
  readonly GroupId: string;
  readonly UserId?: string | undefined;
  readonly VpcPeeringConnectionId?: string | undefined;
}

type RawGroup = RawOf<'SecurityGroups'>;
type RawPeering = RawOf<'VpcPeeringConnections'>;

/** Accounts the snapshot holds whole: listed, and not recorded unreadable (errors with region "*"). */
function collected(editor: RawEditor): Set<string> {
  const unreadable = new Set(editor.snapshot.errors.filter((error) => error.region === '*').map((error) => error.account));
  return new Set(Object.keys(editor.snapshot.accounts).filter((account) => !unreadable.has(account)));
}

const ownerOf = (group: RawGroup, place: Placement): string => group.OwnerId ?? place.account;

function joins(peering: RawPeering, vpcA: string, vpcB: string | undefined): boolean {
  const sides = [peering.RequesterVpcInfo.VpcId, peering.AccepterVpcInfo.VpcId];
  return sides.includes(vpcA) && (vpcB === undefined || (sides.includes(vpcB) && vpcA !== vpcB));
}

/** The peering's problem for a rule of a group in `ruleVpc` naming a group in `peerVpc` (undefined: not in the snapshot). */
function peeringProblem(peering: RawPeering, ruleVpc: string | undefined, peerVpc: string | undefined): string | undefined {
  const id = peering.VpcPeeringConnectionId;
  if (ruleVpc !== undefined && !joins(peering, ruleVpc, peerVpc)) return `${id} does not join ${ruleVpc}${peerVpc ? ` and ${peerVpc}` : ''}`;
  const status = peering.Status?.Code ?? 'in no known state';
  if (status !== 'active') return `${id} is ${status}, not active: a group across a peering can be named only over an active one`;
  const regions = [peering.RequesterVpcInfo.Region, peering.AccepterVpcInfo.Region];
  if (regions[0] && regions[1] && regions[0] !== regions[1]) return `${id} joins two Regions (${regions.join(', ')}): a peer VPC's group can be named only across a same-Region peering`;
  return undefined;
}

function activePeeringBetween(editor: RawEditor, vpcA: string, vpcB: string): boolean {
  for (const regions of Object.values(editor.snapshot.accounts)) {
    for (const region of Object.values(regions)) {
      for (const peering of region.VpcPeeringConnections ?? []) if (joins(peering, vpcA, vpcB) && peeringProblem(peering, vpcA, vpcB) === undefined) return true;
    }
  }
  return false;
}

function onOneTransitGateway(editor: RawEditor, vpcA: string, vpcB: string): boolean {
  const gatewaysOf = (vpc: string): string[] => {
    const found: string[] = [];
    for (const regions of Object.values(editor.snapshot.accounts)) {
      for (const region of Object.values(regions)) {
        for (const a of region.TransitGatewayAttachments ?? []) if (a.ResourceType === 'vpc' && a.ResourceId === vpc) found.push(a.TransitGatewayId);
      }
    }
    return found;
  };
  const ofB = gatewaysOf(vpcB);
  return gatewaysOf(vpcA).some((tgw) => ofB.includes(tgw));
}

/**
 * Why AWS would refuse `pair` in a rule of `ruleGroup`, or undefined when it
 * would take it. AWS's error code is named where it has one.
 */
export function groupReferenceProblem(editor: RawEditor, ruleGroup: RawGroup, pair: GroupPair): string | undefined {
  const located = editor.find('SecurityGroups', pair.GroupId);
  if (pair.VpcPeeringConnectionId !== undefined) {
    const peering = editor.find('VpcPeeringConnections', pair.VpcPeeringConnectionId);
    if (!peering) return `peering connection ${pair.VpcPeeringConnectionId} is not in the snapshot`;
    const problem = peeringProblem(peering.item, ruleGroup.VpcId ?? undefined, located?.item.VpcId ?? undefined);
    if (problem) return problem;
  }
  if (!located) {
    // a group of an account the snapshot lacks: AWS checks it
    if (pair.UserId !== undefined && !collected(editor).has(pair.UserId)) return undefined;
    const where = pair.UserId !== undefined ? ` (account ${pair.UserId} is, whole)` : '';
    return `the peer group ${pair.GroupId} is not in the snapshot${where}`;
  }
  const owner = ownerOf(located.item, located.place);
  // the account as the group's OwnerId names it, or as the snapshot files it (Batfish's folders use made-up names)
  if (pair.UserId !== undefined && pair.UserId !== owner && pair.UserId !== located.place.account) return `${pair.GroupId} belongs to account ${owner}, not ${pair.UserId} (AWS: InvalidGroup.NotFound)`;
  const ruleVpc = ruleGroup.VpcId ?? undefined;
  const peerVpc = located.item.VpcId ?? undefined;
  if (ruleVpc === undefined || peerVpc === undefined || ruleVpc === peerVpc) return undefined;
  if (activePeeringBetween(editor, ruleVpc, peerVpc) || onOneTransitGateway(editor, ruleVpc, peerVpc)) return undefined;
  return `${pair.GroupId} is in ${peerVpc}, which is neither peered (active, one Region) with ${ruleVpc} nor attached to a transit gateway with it (AWS: InvalidGroup.NotFound, "You have specified two resources that belong to different networks")`;
}
