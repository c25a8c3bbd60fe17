// Security-group rules that name what no longer exists: a deleted (or
// unreadable) security group or prefix list. AWS keeps such a rule when the
// group was in a peered VPC or another account ("stale"); it admits nothing.
// The fix revokes it (revokeRuleFix).
import type { NetworkModel } from '../../model/types.js';
import { revokeRuleFix, ruleWords } from '../fixes.js';
import type { Problem } from '../problems-types.js';
import { componentOf, named } from './problem.js';

export function securityGroupProblems(model: NetworkModel): Problem[] {
  const problems: Problem[] = [];
  const unreadable = new Set(model.errors.map((e) => `${e.account} ${e.region}`));
  for (const group of model.securityGroups.values()) {
    for (const [egress, rules] of [[false, group.ingress], [true, group.egress]] as const) {
      for (const rule of rules) {
        const peer = rule.peer;
        let missing: string | undefined;
        if (peer.kind === 'group' && !model.securityGroups.has(peer.groupId)) {
          // a group of another account, not in the snapshot: not known to be deleted
          if (peer.userId !== undefined && peer.userId !== group.account && !model.meta.accounts.includes(peer.userId)) continue;
          missing = `security group ${peer.groupId}`;
        } else if (peer.kind === 'prefix-list' && !model.prefixLists.has(peer.prefixListId)) {
          missing = `prefix list ${peer.prefixListId}`;
        }
        if (!missing || unreadable.has(`${group.account} ${group.region}`)) continue;
        const component = { ...componentOf(model, group.id, 'security-group'), name: group.name };
        const peerId = peer.kind === 'group' ? peer.groupId : peer.kind === 'prefix-list' ? peer.prefixListId : '';
        const id = `stale-security-group-reference:${group.id}:${egress ? 'egress' : 'ingress'}:${peerId}`;
        if (problems.some((p) => p.id === id)) continue;
        problems.push({
          id,
          kind: 'stale-security-group-reference',
          severity: 'medium',
          component,
          title: `${named(component)} has a${egress ? 'n outbound' : 'n inbound'} rule naming ${missing}, which does not exist`,
          explanation: `The ${egress ? 'outbound' : 'inbound'} rule ${ruleWords(rule)} of ${named(component)} names ${missing}, which is not in the snapshot (deleted, or in a VPC or account no longer peered): it admits nothing, so whatever it was meant for is refused. ${(model.indexes.enisBySecurityGroup.get(group.id) ?? []).length} network interface(s) carry the group.`,
          fix: revokeRuleFix(model, group, rule, egress, 'If the traffic is still wanted, admit the new group or prefix list that took its place.'),
          related: [peerId],
        });
      }
    }
  }
  return problems;
}
