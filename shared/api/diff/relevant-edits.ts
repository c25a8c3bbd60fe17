// Which edits of a component bear on one flow: a rule or ACL entry that
// matches its protocol and port and one of its ends, a route toward one of
// its ends. A change of twenty rules then names the one rule a flow needed.
import type { AclEntry, SecurityGroupRule } from '../../aws/diff/rules.js';
import type { RouteSummary } from '../../aws/diff/routes.js';
import type { ComponentEdit } from '../../aws/diff/types.js';
import type { AnalyzeResult } from '../../engine/analysis-types.js';
import { cidrContains, parseCidr, parseIpv4 } from '../../model/ipv4.js';
import type { NetworkModel } from '../../model/types.js';

interface End {
  ip: number | undefined;
  groups: Set<string>;
}

interface FlowFacts {
  protocol: string;
  port: number | null;
  ips: number[];
  from: End;
  to: End;
}

function factsOf(result: AnalyzeResult, model: NetworkModel | undefined): FlowFacts {
  const end = (resolved: AnalyzeResult['resolved']['from']): End => ({ ip: parseIpv4(resolved.ip), groups: new Set(model?.networkInterfaces.get(resolved.id)?.securityGroupIds ?? []) });
  const from = end(result.resolved.from);
  const to = end(result.resolved.to);
  return { protocol: String(result.query.protocol).toLowerCase(), port: result.query.port, ips: [from.ip, to.ip].filter((ip): ip is number => ip !== undefined), from, to };
}

function protocolMatches(protocol: string, from: number | null, to: number | null, facts: FlowFacts): boolean {
  if (protocol !== 'all' && protocol !== facts.protocol) return false;
  if (facts.port === null || from === null || protocol === 'all' || (protocol !== 'tcp' && protocol !== 'udp')) return true;
  return facts.port >= from && facts.port <= (to ?? from);
}

function holdsAnEnd(cidrText: string, facts: FlowFacts): boolean {
  const cidr = parseCidr(cidrText);
  return cidr === undefined || facts.ips.some((ip) => cidrContains(cidr, ip));
}

/** an ingress rule's peer is the flow's source, an egress rule's its destination */
function peerMatches(peer: string, end: End): boolean {
  const group = /(sg-[0-9a-z]+)/.exec(peer)?.[1];
  if (group) return end.groups.has(group);
  const cidr = parseCidr(peer);
  if (peer.startsWith('pl-') || cidr === undefined || end.ip === undefined) return true;
  return cidrContains(cidr, end.ip);
}

function bears(edit: ComponentEdit, facts: FlowFacts): boolean {
  const value = (edit.before ?? edit.after) as Record<string, unknown> | null;
  if (!value || typeof value !== 'object') return true;
  if (edit.subject === 'rule') {
    const rule = value as unknown as SecurityGroupRule;
    return protocolMatches(rule.protocol, rule.fromPort, rule.toPort, facts) && peerMatches(rule.peer, rule.direction === 'ingress' ? facts.from : facts.to);
  }
  if (edit.subject === 'acl-entry') {
    const entries = [edit.before, edit.after].filter(Boolean) as AclEntry[];
    return entries.some((entry) => protocolMatches(entry.protocol, entry.fromPort, entry.toPort, facts) && holdsAnEnd(entry.cidr, facts));
  }
  if (edit.subject === 'route') return holdsAnEnd((value as unknown as RouteSummary).destination, facts);
  return true;
}

/** The edits that bear on the flow traced in `result`; all of them when none can be told apart. */
export function relevantEdits(edits: readonly ComponentEdit[], result: AnalyzeResult | undefined, model: NetworkModel | undefined): ComponentEdit[] {
  if (!result) return [...edits];
  const facts = factsOf(result, model);
  const kept = edits.filter((edit) => bears(edit, facts));
  return kept.length > 0 ? kept : [...edits];
}
