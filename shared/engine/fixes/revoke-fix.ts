// Revoking a security-group rule: the fix for a rule that admits too much
// (an administration port open to the world) or names what no longer exists
// (a deleted group or prefix list). The rule is revoked exactly as it stands.
import type { EditOf } from '../../model/change-set.js';
import type { NetworkModel, SecurityGroup, SecurityGroupRule } from '../../model/types.js';
import type { Fix } from '../analysis-types.js';
import { ANY_PROTOCOL, hasPorts, ICMP, protocolLabel } from '../packet.js';
import { fixOf } from './make-fix.js';
import { nameAndId, trafficWords } from './words.js';

type Permission = EditOf<'RevokeSecurityGroupIngress'>['IpPermissions'][number];

function permissionOf(rule: SecurityGroupRule): Permission {
  const peer: Pick<Permission, 'IpRanges' | 'Ipv6Ranges' | 'UserIdGroupPairs' | 'PrefixListIds'> =
    rule.peer.kind === 'cidr'
      ? { IpRanges: [{ CidrIp: rule.peer.cidr.text }] }
      : rule.peer.kind === 'cidr6'
      ? { Ipv6Ranges: [{ CidrIpv6: rule.peer.cidr.text }] }
      : rule.peer.kind === 'group'
        ? { UserIdGroupPairs: [{ GroupId: rule.peer.groupId, ...(rule.peer.userId ? { UserId: rule.peer.userId } : {}) }] }
        : { PrefixListIds: [{ PrefixListId: rule.peer.prefixListId }] };
  if (rule.protocol === ANY_PROTOCOL) return { IpProtocol: '-1', ...peer };
  if (hasPorts(rule.protocol) && rule.ports) return { IpProtocol: protocolLabel(rule.protocol), FromPort: rule.ports.from, ToPort: rule.ports.to, ...peer };
  if (rule.protocol === ICMP && rule.icmp) return { IpProtocol: 'icmp', FromPort: rule.icmp.type, ToPort: rule.icmp.code, ...peer };
  return { IpProtocol: String(rule.protocol), ...peer };
}

export function ruleWords(rule: SecurityGroupRule): string {
  const peer = rule.peer.kind === 'cidr' || rule.peer.kind === 'cidr6' ? rule.peer.cidr.text : rule.peer.kind === 'group' ? rule.peer.groupId : rule.peer.prefixListId;
  return `${trafficWords(rule.protocol, rule.ports, rule.icmp)} ${peer}`;
}

/** Revoke `rule` of `group`; `then` says what to do instead. */
export function revokeRuleFix(model: NetworkModel, group: SecurityGroup, rule: SecurityGroupRule, egress: boolean, then: string): Fix {
  const action = egress ? 'RevokeSecurityGroupEgress' : 'RevokeSecurityGroupIngress';
  const text = `Revoke the ${egress ? 'outbound' : 'inbound'} rule ${ruleWords(rule)} of ${nameAndId(model, group)}.${then ? ` ${then}` : ''}`;
  return fixOf(model, text, [{ action, GroupId: group.id, IpPermissions: [permissionOf(rule)] }]);
}
