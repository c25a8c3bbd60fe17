// Rules that almost admit a dropped flow: the same peer on another port, the
// same port from another peer, another protocol. A typo'd port (6380 for
// 6379) is the most common security-group fault, and seeing the near miss
// tells the user which rule was meant.
import { formatIpv4 } from '../../model/ipv4.js';
import type { NetworkInterface, NetworkModel, SecurityGroup, SecurityGroupRule } from '../../model/types.js';
import { ANY_PROTOCOL, hasPorts } from '../packet.js';
import { sgPeerMatches } from '../security-groups.js';
import { nameAndId, trafficWords, type FixTraffic } from './words.js';

const MOST = 3;

function peerWords(model: NetworkModel, rule: SecurityGroupRule): string {
  switch (rule.peer.kind) {
    case 'cidr':
    case 'cidr6':
      return rule.peer.cidr.text;
    case 'prefix-list': {
      const list = model.prefixLists.get(rule.peer.prefixListId);
      return list?.name ? `${list.name} (${list.id})` : rule.peer.prefixListId;
    }
    case 'group': {
      const group = model.securityGroups.get(rule.peer.groupId);
      return group ? `${group.name} (${group.id})` : rule.peer.groupId;
    }
  }
}

function portsMatch(rule: SecurityGroupRule, traffic: FixTraffic): boolean {
  if (rule.protocol === ANY_PROTOCOL || !hasPorts(rule.protocol)) return true;
  if (rule.ports === undefined || traffic.ports === undefined) return true;
  return rule.ports.from <= traffic.ports.from && rule.ports.to >= traffic.ports.to;
}

/** Up to three sentences, each naming a rule of the ENI's groups that differs from the flow in one way only. */
export function securityGroupNearMisses(model: NetworkModel, eni: NetworkInterface, egress: boolean, traffic: FixTraffic): string[] {
  const flow = `the flow is ${trafficWords(traffic.protocol, traffic.ports, traffic.icmp)} ${egress ? 'to' : 'from'} ${formatIpv4(traffic.peerIp)}`;
  const out: string[] = [];
  const say = (group: SecurityGroup, rule: SecurityGroupRule, why: string) => {
    const what = rule.protocol === ANY_PROTOCOL ? 'all traffic' : trafficWords(rule.protocol, rule.ports, rule.icmp);
    out.push(`${nameAndId(model, group)} allows ${what} ${egress ? 'to' : 'from'} ${peerWords(model, rule)}; ${flow} (${why}).`);
  };
  for (const groupId of eni.securityGroupIds) {
    const group = model.securityGroups.get(groupId);
    if (!group) continue;
    for (const rule of egress ? group.egress : group.ingress) {
      if (out.length >= MOST) return out;
      const samePeer = sgPeerMatches(model, group, rule.peer, traffic.peerIp, egress) === 'yes';
      const sameProtocol = rule.protocol === traffic.protocol;
      const samePorts = portsMatch(rule, traffic);
      if (samePeer && sameProtocol && !samePorts) say(group, rule, 'another port');
      else if (!samePeer && sameProtocol && samePorts && rule.protocol !== ANY_PROTOCOL) say(group, rule, 'another peer');
      else if (samePeer && !sameProtocol && rule.protocol !== ANY_PROTOCOL && (!hasPorts(rule.protocol) || !hasPorts(traffic.protocol) || rule.ports === undefined || traffic.ports === undefined || (rule.ports.from <= traffic.ports.from && rule.ports.to >= traffic.ports.to))) say(group, rule, 'another protocol');
    }
  }
  return out;
}
