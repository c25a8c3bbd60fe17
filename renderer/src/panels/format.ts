// Readable text for the parts of an answer that arrive as structured data.
import type { Hop } from '../../../shared/api/analysis-types.js';

function compact(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value !== 'object') return String(value);
  return Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}

function permissionText(permission: Record<string, unknown>): string {
  const protocol = permission.IpProtocol === '-1' ? 'all traffic' : String(permission.IpProtocol ?? '');
  const ports = permission.FromPort === undefined || permission.FromPort === -1 ? '' : permission.FromPort === permission.ToPort ? ` port ${String(permission.FromPort)}` : ` ports ${String(permission.FromPort)}-${String(permission.ToPort)}`;
  const peers = [
    ...((permission.IpRanges as { CidrIp?: string }[] | undefined) ?? []).map((r) => r.CidrIp),
    ...((permission.PrefixListIds as { PrefixListId?: string }[] | undefined) ?? []).map((r) => r.PrefixListId),
    ...((permission.UserIdGroupPairs as { GroupId?: string }[] | undefined) ?? []).map((r) => r.GroupId),
  ].filter(Boolean);
  return `${protocol}${ports}${peers.length ? ` · ${peers.join(', ')}` : ''}`;
}

function aclEntryText(entry: unknown): string {
  if (!entry || typeof entry !== 'object') return compact(entry);
  const e = entry as Record<string, unknown>;
  if (!('RuleAction' in e)) return compact(entry);
  const protocol = e.Protocol === '-1' ? 'all traffic' : ({ '6': 'tcp', '17': 'udp', '1': 'icmp' } as Record<string, string>)[String(e.Protocol)] ?? `protocol ${String(e.Protocol)}`;
  const range = e.PortRange as { From?: number; To?: number } | undefined;
  const ports = range ? (range.From === range.To ? ` port ${String(range.From)}` : ` ports ${String(range.From)}-${String(range.To)}`) : '';
  return `${String(e.RuleAction)} ${protocol}${ports} ${e.Egress ? 'to' : 'from'} ${String(e.CidrBlock ?? '')}`;
}

function matchedText(matched: unknown): string {
  if (!matched || typeof matched !== 'object') return 'matched: no rule';
  const m = matched as Record<string, unknown>;
  if (m.ipPermission && typeof m.ipPermission === 'object') {
    return `matched: ${typeof m.groupId === 'string' ? `${m.groupId} ` : ''}${permissionText(m.ipPermission as Record<string, unknown>)}`;
  }
  return `matched: ${compact(matched)}`;
}

/** one line per fact of a hop's `rule` (ACL rule number and entry, route, groups searched) */
export function ruleLines(rule: Hop['rule']): string[] {
  if (!rule) return [];
  const lines: string[] = [];
  if ('ruleNumber' in rule) lines.push(`rule #${rule.ruleNumber === 32767 ? '* (default deny)' : String(rule.ruleNumber)}${rule.entry ? `: ${aclEntryText(rule.entry)}` : ''}`);
  if ('route' in rule) lines.push(rule.route ? `route: ${compact(rule.route)}` : 'route: none matches');
  if ('groups' in rule && Array.isArray(rule.groups)) lines.push(`groups searched: ${rule.groups.map((g) => (typeof g === 'string' ? g : compact(g))).join(', ')}`);
  if ('matched' in rule) lines.push(matchedText(rule.matched));
  for (const [key, value] of Object.entries(rule)) {
    if (!['ruleNumber', 'entry', 'route', 'groups', 'matched', 'subnetId'].includes(key)) lines.push(`${key}: ${compact(value)}`);
  }
  return lines;
}

export const ACTION_CLASS: Record<string, string> = {
  allow: 'ok',
  forward: 'ok',
  translate: 'ok',
  deliver: 'ok',
  deny: 'bad',
  drop: 'bad',
  unknown: 'warn',
};

export const KIND_SHORT: Record<string, string> = {
  eni: 'ENI',
  'security-group': 'SG',
  'network-acl': 'ACL',
  subnet: 'Subnet',
  'route-table': 'Routes',
  vpc: 'VPC',
  'internet-gateway': 'IGW',
  'egress-only-internet-gateway': 'EIGW',
  'nat-gateway': 'NAT',
  peering: 'Peering',
  'transit-gateway': 'TGW',
  'tgw-attachment': 'TGW att.',
  'tgw-route-table': 'TGW routes',
  'vpc-endpoint': 'Endpoint',
  'vpn-gateway': 'VGW',
  'vpn-connection': 'VPN',
  'on-premises': 'On-prem',
  'load-balancer': 'LB',
  internet: 'Internet',
};
