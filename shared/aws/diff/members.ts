// The edits between two records of one component: members AWS gives a
// meaning to are compared by that meaning (rules as sets, ACL entries by
// number, routes by destination, tags by key); any other member, including
// those of describe lists this file has never heard of, by a generic walk in
// which lists are sets (of ids where their items carry one).
import { canonicalJson } from '../canonical.js';
import { deepEqual } from './deep-equal.js';
import { aclEntryEdits, securityGroupRuleEdits } from './rules.js';
import { routeEdits } from './routes.js';
import type { ComponentEdit, EditSubject } from './types.js';

type Json = Record<string, unknown>;

/** Members that move with time alone (launch, attach, create times): no change to the network. */
const TIME_MEMBER = /(Time|Timestamp|Date)$|^LastStatusChange$/;

/** Members that identify a list's items, tried in order: the first every item has, once each, keys the list. */
const ITEM_KEYS = [
  'Key',
  'NetworkInterfaceId',
  'SubnetId',
  'GroupId',
  'VpcId',
  'TransitGatewayAttachmentId',
  'PrivateIpAddress',
  'OutsideIpAddress',
  'AllocationId',
  'ListenerArn',
  'TargetGroupArn',
  'CidrBlock',
  'Cidr',
  'Port',
  'ZoneName',
  'AssociationId',
];

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const absent = (value: unknown) => value === undefined || value === null;

/** Short, one line: strings as they are, anything else as compact JSON, cut at 160 characters. */
export function valueText(value: unknown): string {
  if (absent(value)) return '(none)';
  const text = typeof value === 'string' ? value : canonicalJson(value);
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

function subjectOf(path: string): EditSubject {
  const last = path.slice(path.lastIndexOf('.') + 1);
  if (/^(State|Status|Code|Name)$/.test(last) && /State|Status/.test(path)) return 'state';
  if (/Association/.test(path)) return 'association';
  return 'field';
}

function tagEdits(path: string, before: unknown, after: unknown): ComponentEdit[] {
  const map = (tags: unknown) => {
    const out = new Map<string, string>();
    if (Array.isArray(tags)) for (const tag of tags) if (isObject(tag) && typeof tag.Key === 'string') out.set(tag.Key, String(tag.Value ?? ''));
    return out;
  };
  const old = map(before);
  const now = map(after);
  const edits: ComponentEdit[] = [];
  const subject = (key: string): EditSubject => (key === 'Name' ? 'name' : 'tag');
  for (const [key, value] of old) {
    const kept = now.get(key);
    if (kept === undefined) edits.push({ subject: subject(key), change: 'removed', path: `${path}.${key}`, before: value, after: null, text: `tag ${key}=${value} removed` });
    else if (kept !== value) edits.push({ subject: subject(key), change: 'changed', path: `${path}.${key}`, before: value, after: kept, text: `tag ${key}: ${value} -> ${kept}` });
  }
  for (const [key, value] of now) {
    if (!old.has(key)) edits.push({ subject: subject(key), change: 'added', path: `${path}.${key}`, before: null, after: value, text: `tag ${key}=${value} added` });
  }
  return edits;
}

/** The member every item has, once each, among ITEM_KEYS; undefined when none does. */
function itemKeyOf(items: readonly unknown[]): string | undefined {
  if (items.length === 0 || !items.every(isObject)) return undefined;
  return ITEM_KEYS.find((key) => {
    const seen = new Set<unknown>();
    for (const item of items as Json[]) {
      const value = item[key];
      if (absent(value) || typeof value === 'object' || seen.has(value)) return false;
      seen.add(value);
    }
    return true;
  });
}

function listEdits(path: string, before: readonly unknown[], after: readonly unknown[]): ComponentEdit[] {
  const keyBefore = before.length > 0 ? itemKeyOf(before) : undefined;
  const keyAfter = after.length > 0 ? itemKeyOf(after) : undefined;
  const member = before.length === 0 ? keyAfter : after.length === 0 ? keyBefore : keyBefore === keyAfter ? keyBefore : undefined;
  if (member !== undefined) {
    const old = new Map((before as Json[]).map((item) => [item[member], item]));
    const now = new Map((after as Json[]).map((item) => [item[member], item]));
    const edits: ComponentEdit[] = [];
    for (const [id, item] of old) {
      const at = `${path}[${member}=${String(id)}]`;
      const kept = now.get(id);
      if (!kept) edits.push({ subject: subjectOf(path) === 'association' ? 'association' : 'member', change: 'removed', path: at, before: item, after: null, text: `${at} removed` });
      else edits.push(...valueEdits(at, item, kept));
    }
    for (const [id, item] of now) {
      const at = `${path}[${member}=${String(id)}]`;
      if (!old.has(id)) edits.push({ subject: subjectOf(path) === 'association' ? 'association' : 'member', change: 'added', path: at, before: null, after: item, text: `${at} added` });
    }
    return edits;
  }
  // a set of values (or of whole items, where none carries an id): counted, so duplicates are seen too
  const counts = new Map<string, { value: unknown; count: number }>();
  for (const value of before) {
    const text = canonicalJson(value);
    const entry = counts.get(text) ?? { value, count: 0 };
    entry.count++;
    counts.set(text, entry);
  }
  for (const value of after) {
    const text = canonicalJson(value);
    const entry = counts.get(text) ?? { value, count: 0 };
    entry.count--;
    counts.set(text, entry);
  }
  const edits: ComponentEdit[] = [];
  const subject: EditSubject = subjectOf(path) === 'association' ? 'association' : 'member';
  for (const { value, count } of counts.values()) {
    for (let i = 0; i < count; i++) edits.push({ subject, change: 'removed', path, before: value, after: null, text: `${path}: ${valueText(value)} removed` });
    for (let i = 0; i < -count; i++) edits.push({ subject, change: 'added', path, before: null, after: value, text: `${path}: ${valueText(value)} added` });
  }
  return edits;
}

/** The generic walk: objects member by member, lists as sets, anything else compared as it is. */
export function valueEdits(path: string, before: unknown, after: unknown): ComponentEdit[] {
  if (deepEqual(before, after) || (absent(before) && absent(after))) return [];
  if (isObject(before) && isObject(after)) {
    const edits: ComponentEdit[] = [];
    for (const member of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (TIME_MEMBER.test(member)) continue;
      edits.push(...memberEdits(path === '' ? member : `${path}.${member}`, member, before[member], after[member], after));
    }
    return edits;
  }
  if ((Array.isArray(before) || absent(before)) && (Array.isArray(after) || absent(after))) {
    return listEdits(path, (before as unknown[] | undefined) ?? [], (after as unknown[] | undefined) ?? []);
  }
  const subject = subjectOf(path);
  return [{ subject, change: 'changed', path, before: before ?? null, after: after ?? null, text: `${path}: ${valueText(before)} -> ${valueText(after)}` }];
}

function memberEdits(path: string, member: string, before: unknown, after: unknown, record: Json): ComponentEdit[] {
  const owner = typeof record.OwnerId === 'string' ? record.OwnerId : undefined;
  if (deepEqual(before, after)) return [];
  switch (member) {
    case 'Tags':
    case 'TagSet':
      return tagEdits(path, before, after);
    case 'IpPermissions':
      return securityGroupRuleEdits(path, before, after, 'ingress', owner);
    case 'IpPermissionsEgress':
      return securityGroupRuleEdits(path, before, after, 'egress', owner);
    case 'Entries':
      // network ACL entries carry RuleNumber; a prefix list's entries are a set of CIDRs (the generic walk)
      return isAclEntryList(before) || isAclEntryList(after) ? aclEntryEdits(path, before, after) : valueEdits(path, before, after);
    case 'Routes':
      return routeEdits(path, before, after);
    case 'Associations':
      return associationEdits(path, before, after);
    default:
      return valueEdits(path, before, after);
  }
}

/** a route table's or ACL's associations, by what they associate: a subnet, a gateway, or "main" */
function associationEdits(path: string, before: unknown, after: unknown): ComponentEdit[] {
  const keyed = (list: unknown) => {
    const out = new Map<string, Json>();
    if (!Array.isArray(list)) return out;
    for (const item of list) {
      if (!isObject(item)) continue;
      const key = typeof item.SubnetId === 'string' ? item.SubnetId : typeof item.GatewayId === 'string' ? item.GatewayId : item.Main === true ? 'main' : canonicalJson(item);
      if (!out.has(key)) out.set(key, item);
    }
    return out;
  };
  const words = (key: string) => (key === 'main' ? 'main association (the VPC\'s main table)' : `association with ${key}`);
  const old = keyed(before);
  const now = keyed(after);
  const edits: ComponentEdit[] = [];
  for (const [key, item] of old) {
    const kept = now.get(key);
    if (!kept) edits.push({ subject: 'association', change: 'removed', path: `${path}[${key}]`, before: item, after: null, text: `${words(key)} removed` });
    else {
      // a new association id for the same subnet is the same association, made again
      const strip = (value: Json) => Object.fromEntries(Object.entries(value).filter(([member]) => !member.endsWith('AssociationId')));
      edits.push(...valueEdits(`${path}[${key}]`, strip(item), strip(kept)));
    }
  }
  for (const [key, item] of now) {
    if (!old.has(key)) edits.push({ subject: 'association', change: 'added', path: `${path}[${key}]`, before: null, after: item, text: `${words(key)} added` });
  }
  return edits;
}

const isAclEntryList = (value: unknown) => Array.isArray(value) && value.some((entry) => isObject(entry) && 'RuleNumber' in entry);

/** The edits between two records of one component (empty when they differ only in times or in order). */
export function recordEdits(before: Json, after: Json): ComponentEdit[] {
  if (deepEqual(before, after)) return [];
  return valueEdits('', before, after);
}
