// Security-group rules and network ACL entries compared as AWS applies them:
// a group's rules are a set (their order and how they are grouped into
// IpPermissions mean nothing), ACL entries are keyed by direction and number
// (the number is the order; where they stand in the list means nothing).
import type { ComponentEdit } from './types.js';
import { ALL_PROTOCOLS, ICMP, protocolNumber } from '../protocol.js';

type Json = Record<string, unknown>;

const PROTOCOL_NAMES: Readonly<Record<number, string>> = { [-1]: 'all', 1: 'icmp', 6: 'tcp', 17: 'udp', 58: 'icmpv6' };

function protocolName(value: unknown): string {
  const number = typeof value === 'string' || typeof value === 'number' ? protocolNumber(value) : undefined;
  if (number === undefined) return String(value);
  return PROTOCOL_NAMES[number] ?? String(number);
}

const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const list = (value: unknown): Json[] => (Array.isArray(value) ? (value.filter((v) => v && typeof v === 'object') as Json[]) : []);

/** "tcp 22", "tcp 1024-65535", "all traffic", "icmp type 8 code 0", "udp all ports" */
export function trafficText(protocol: string, from: number | null, to: number | null): string {
  if (protocol === 'all') return 'all traffic';
  if (protocol === 'icmp' || protocol === 'icmpv6') {
    if (from === null || from === -1) return `${protocol} (all types)`;
    return `${protocol} type ${from}${to !== null && to !== -1 ? ` code ${to}` : ''}`;
  }
  if (protocol !== 'tcp' && protocol !== 'udp') return `protocol ${protocol}`;
  if (from === null || (from <= 0 && (to === null || to >= 65535)) || from === -1) return `${protocol} all ports`;
  return from === to || to === null ? `${protocol} ${from}` : `${protocol} ${from}-${to}`;
}

/** One rule of one peer: the unit AWS authorizes and revokes. */
export interface SecurityGroupRule {
  direction: 'ingress' | 'egress';
  protocol: string;
  fromPort: number | null;
  toPort: number | null;
  /** a CIDR, an IPv6 CIDR, a prefix list id, or a group id ("sg-1", "123456789012/sg-1" across accounts) */
  peer: string;
  description: string | null;
}

function peersOf(permission: Json, ownerId: string | undefined): { peer: string; description: string | null }[] {
  const out: { peer: string; description: string | null }[] = [];
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  for (const range of list(permission.IpRanges)) out.push({ peer: String(range.CidrIp), description: text(range.Description) });
  for (const range of list(permission.Ipv6Ranges)) out.push({ peer: String(range.CidrIpv6), description: text(range.Description) });
  for (const prefix of list(permission.PrefixListIds)) out.push({ peer: String(prefix.PrefixListId), description: text(prefix.Description) });
  for (const pair of list(permission.UserIdGroupPairs)) {
    const group = text(pair.GroupId) ?? text(pair.GroupName) ?? '?';
    const peering = text(pair.VpcPeeringConnectionId);
    // the group's own account is the usual case: named only when the peer is another account's
    const owner = text(pair.UserId) === (ownerId ?? null) ? null : text(pair.UserId);
    out.push({ peer: `${owner ? `${owner}/` : ''}${group}${peering ? ` via ${peering}` : ''}`, description: text(pair.Description) });
  }
  return out;
}

/** Every (protocol, ports, peer) of a group's permissions in one direction. */
export function rulesOf(permissions: unknown, direction: 'ingress' | 'egress', ownerId?: string): SecurityGroupRule[] {
  const rules: SecurityGroupRule[] = [];
  for (const permission of list(permissions)) {
    const protocol = protocolName(permission.IpProtocol);
    const ports = protocolNumber(permission.IpProtocol as string) === ALL_PROTOCOLS;
    const fromPort = ports ? null : num(permission.FromPort);
    const toPort = ports ? null : num(permission.ToPort);
    for (const { peer, description } of peersOf(permission, ownerId)) rules.push({ direction, protocol, fromPort, toPort, peer, description });
  }
  return rules;
}

const ruleIdentity = (rule: SecurityGroupRule) => `${rule.protocol}|${rule.fromPort}|${rule.toPort}|${rule.peer}`;

export function ruleText(rule: SecurityGroupRule): string {
  const side = rule.direction === 'ingress' ? 'from' : 'to';
  return `${rule.direction} ${trafficText(rule.protocol, rule.fromPort, rule.toPort)} ${side} ${rule.peer}`;
}

/** The rules added and removed (and descriptions changed) between two permission lists of one direction. */
export function securityGroupRuleEdits(path: string, before: unknown, after: unknown, direction: 'ingress' | 'egress', ownerId?: string): ComponentEdit[] {
  const old = new Map(rulesOf(before, direction, ownerId).map((rule) => [ruleIdentity(rule), rule]));
  const now = new Map(rulesOf(after, direction, ownerId).map((rule) => [ruleIdentity(rule), rule]));
  const edits: ComponentEdit[] = [];
  for (const [identity, rule] of old) {
    const kept = now.get(identity);
    if (!kept) edits.push({ subject: 'rule', change: 'removed', path, before: rule, after: null, text: `${ruleText(rule)} removed` });
    else if (kept.description !== rule.description) {
      edits.push({ subject: 'rule', change: 'changed', path, before: rule, after: kept, text: `${ruleText(rule)}: description ${JSON.stringify(rule.description ?? '')} -> ${JSON.stringify(kept.description ?? '')}` });
    }
  }
  for (const [identity, rule] of now) {
    if (!old.has(identity)) edits.push({ subject: 'rule', change: 'added', path, before: null, after: rule, text: `${ruleText(rule)} added` });
  }
  return edits;
}

/** One network ACL entry as compared: its number and direction are its identity. */
export interface AclEntry {
  direction: 'ingress' | 'egress';
  number: number;
  action: string;
  protocol: string;
  fromPort: number | null;
  toPort: number | null;
  cidr: string;
}

function aclEntryOf(entry: Json): AclEntry {
  const protocol = protocolName(entry.Protocol);
  const isIcmp = protocolNumber(entry.Protocol as string) === ICMP;
  const ports = (entry.PortRange ?? {}) as Json;
  const icmp = (entry.IcmpTypeCode ?? {}) as Json;
  return {
    direction: entry.Egress === true ? 'egress' : 'ingress',
    number: typeof entry.RuleNumber === 'number' ? entry.RuleNumber : NaN,
    action: String(entry.RuleAction),
    protocol,
    fromPort: isIcmp ? num(icmp.Type) : protocol === 'all' ? null : num(ports.From),
    toPort: isIcmp ? num(icmp.Code) : protocol === 'all' ? null : num(ports.To),
    cidr: String(entry.CidrBlock ?? entry.Ipv6CidrBlock ?? '?'),
  };
}

const entryLabel = (entry: AclEntry) => `${entry.direction} entry ${entry.number === 32767 ? '*' : entry.number}`;
const entryWhat = (entry: AclEntry) =>
  `${entry.action} ${trafficText(entry.protocol, entry.fromPort, entry.toPort)} ${entry.direction === 'ingress' ? 'from' : 'to'} ${entry.cidr}`;

/** Entries added, removed and replaced, by direction and number (reordering the list is no change). */
export function aclEntryEdits(path: string, before: unknown, after: unknown): ComponentEdit[] {
  const keyed = (entries: unknown) => new Map(list(entries).map((raw) => aclEntryOf(raw)).map((entry) => [`${entry.direction}|${entry.number}`, entry]));
  const old = keyed(before);
  const now = keyed(after);
  const edits: ComponentEdit[] = [];
  const same = (a: AclEntry, b: AclEntry) => entryWhat(a) === entryWhat(b);
  for (const [key, entry] of old) {
    const kept = now.get(key);
    if (!kept) edits.push({ subject: 'acl-entry', change: 'removed', path, before: entry, after: null, text: `${entryLabel(entry)} (${entryWhat(entry)}) removed` });
    else if (!same(entry, kept)) edits.push({ subject: 'acl-entry', change: 'changed', path, before: entry, after: kept, text: `${entryLabel(entry)}: ${entryWhat(entry)} -> ${entryWhat(kept)}` });
  }
  for (const [key, entry] of now) {
    if (!old.has(key)) edits.push({ subject: 'acl-entry', change: 'added', path, before: null, after: entry, text: `${entryLabel(entry)} (${entryWhat(entry)}) added` });
  }
  return edits.sort((a, b) => orderOf(a) - orderOf(b));
}

function orderOf(edit: ComponentEdit): number {
  const entry = (edit.before ?? edit.after) as AclEntry;
  return (entry.direction === 'egress' ? 100_000 : 0) + entry.number;
}
