// A public IP for a network interface. It exposes to the internet every port
// the interface's groups admit from it, so it is the fix only when that adds
// nothing beyond the question asked from the internet; otherwise it is one
// option among others, with what it would open spelled out. Never for a
// server in a private subnet: that is what a load balancer is for.
import { formatIpv4, isPrivateIpv4, parseIpv4 } from '../../model/ipv4.js';
import type { NetworkInterface, NetworkModel, SecurityGroupRule } from '../../model/types.js';
import type { Fix, FixOption } from '../analysis-types.js';
import { ANY_PROTOCOL, hasPorts } from '../packet.js';
import { fixOf, noSafeFix } from './make-fix.js';
import { isPublicSubnet } from './route-fixes.js';
import { nameAndId, trafficWords, type FixTraffic } from './words.js';

/** 198.18.0.0/15 is reserved for tests (RFC 2544): the stand-in for an Elastic IP yet to be allocated. */
const PLANNED_BASE = parseIpv4('198.18.0.0')!;

export function plannedPublicIp(model: NetworkModel): string {
  for (let offset = 1; ; offset++) if (!model.indexes.eniByPublicIp.has(PLANNED_BASE + offset)) return formatIpv4(PLANNED_BASE + offset);
}

/** Does the rule admit some internet address? (any CIDR reaching outside RFC 1918/6598, or a prefix list with one) */
function admitsInternet(model: NetworkModel, rule: SecurityGroupRule): boolean {
  const reachesOut = (cidr: { network: number; prefix: number }) => cidr.prefix < 8 || !isPrivateIpv4(cidr.network) || !isPrivateIpv4((cidr.network + 2 ** (32 - cidr.prefix) - 1) >>> 0);
  if (rule.peer.kind === 'cidr') return reachesOut(rule.peer.cidr);
  if (rule.peer.kind === 'prefix-list') return (model.prefixLists.get(rule.peer.prefixListId)?.cidrs ?? []).some(reachesOut);
  return false;
}

/** What the interface's groups admit from the internet that the asked traffic does not cover, in words. */
export function exposureBeyond(model: NetworkModel, eni: NetworkInterface, asked: FixTraffic | undefined): string[] {
  const beyond = new Set<string>();
  for (const groupId of eni.securityGroupIds) {
    for (const rule of model.securityGroups.get(groupId)?.ingress ?? []) {
      if (!admitsInternet(model, rule)) continue;
      const covered =
        asked !== undefined &&
        rule.protocol === asked.protocol &&
        (!hasPorts(rule.protocol) || (rule.ports !== undefined && asked.ports !== undefined && rule.ports.from >= asked.ports.from && rule.ports.to <= asked.ports.to));
      if (!covered) beyond.add(rule.protocol === ANY_PROTOCOL ? 'all traffic' : trafficWords(rule.protocol, rule.ports, rule.icmp));
    }
  }
  return [...beyond].sort();
}


export interface PublicIpAnswer {
  readonly fix: Fix;
  readonly options?: FixOption[];
}

/**
 * `asked`: the question's traffic when it comes from the internet (the one
 * exposure a fix may add); undefined when the interface itself goes out.
 */
export function publicIpFix(model: NetworkModel, eni: NetworkInterface, asked: FixTraffic | undefined): PublicIpAnswer {
  const who = nameAndId(model, eni);
  const subnet = model.subnets.get(eni.subnetId);
  if (!subnet || !isPublicSubnet(model, subnet)) {
    return {
      fix: noSafeFix(
        `${who} is in a private subnet: giving it a public IP would not be enough, and making its subnet public would expose it and its neighbours. ${asked ? 'Put a load balancer in a public subnet in front of it.' : 'Route its subnet to a NAT gateway instead.'}`,
      ),
    };
  }
  const publicIp = plannedPublicIp(model);
  const candidate = fixOf(model, `Associate a new Elastic IP with ${who} (traced as ${publicIp}, a stand-in until AWS allocates one).`, [
    { action: 'AssociateAddress', NetworkInterfaceId: eni.id, AllocationId: 'eipalloc-new-1', PublicIp: publicIp },
  ]);
  const beyond = exposureBeyond(model, eni, asked);
  if (beyond.length === 0) return { fix: candidate };
  const opens = `it would also expose ${beyond.join(', ')} to the internet, which ${who}'s security groups admit from it`;
  return {
    fix: noSafeFix(`${who} has no public IP, and no single change is safe: an Elastic IP would reach it, but ${opens}. Narrow those rules first, or put a load balancer in front of it.`),
    options: [{ text: candidate.text, tradeOff: `${opens.charAt(0).toUpperCase()}${opens.slice(1)}.`, fix: candidate }],
  };
}

