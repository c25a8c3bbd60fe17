// Two raw snapshots compared component by component, over the describe lists
// as they are: each list's records are matched by their id member (ID_MEMBERS),
// so a list added to the snapshot format is compared without a word here.
// Only what both sides read is compared; the rest is listed as not compared.
import { ID_MEMBERS, regionKeys, silentlyIgnoredKeys, type RawRegion, type RawSnapshot } from '../raw.js';
import { canonicalJson } from '../canonical.js';
import { kindOfKey, kindWords, recordName } from './kinds.js';
import { recordEdits } from './members.js';
import { resourceKey, unreadableOf, type Unreadable } from './scope.js';
import type { ComponentChange, ComponentDiff, ComponentEdit, NotCompared } from './types.js';

type Json = Record<string, unknown>;

/** Lists whose records carry no id member of ID_MEMBERS: the members that identify them, first present wins. */
const OTHER_ID_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  Addresses: ['AllocationId', 'PublicIp'],
};

const KNOWN_KEYS: readonly string[] = regionKeys;

/** The list whose kind names the component: the first list (in the format's order) with the same id member. */
function primaryKeyOf(key: string): string {
  const member = (ID_MEMBERS as Record<string, string | undefined>)[key];
  if (member === undefined) return key;
  return Object.entries(ID_MEMBERS).find(([, m]) => m === member)?.[0] ?? key;
}

/** true when every record has `member` as a string, once each */
function identifies(member: string, records: readonly Json[]): boolean {
  const seen = new Set<unknown>();
  return records.every((record) => {
    const value = record[member];
    if (typeof value !== 'string' || seen.has(value)) return false;
    seen.add(value);
    return true;
  });
}

/** An unknown list's id member: one ending in Id or Arn that identifies the records of both sides (FlowLogs: FlowLogId first). */
function guessedIdMember(key: string, mine: readonly Json[], theirs: readonly Json[]): string | undefined {
  const own = key.replace(/ies$/, 'y').replace(/s$/, '');
  const candidates = [...new Set([...Object.keys(mine[0] ?? {}), ...Object.keys(theirs[0] ?? {})])]
    .filter((member) => /(Id|Arn)$/.test(member))
    .sort((a, b) => Number(b.startsWith(own)) - Number(a.startsWith(own)) || (a < b ? -1 : a > b ? 1 : 0));
  return candidates.find((member) => identifies(member, mine) && identifies(member, theirs));
}

/** Each record of one list with its id (Reservations: each instance). Records without an id are keyed by their content. */
function recordsOf(key: string, items: readonly unknown[], other: readonly unknown[]): [string, Json][] {
  const objects = (list: readonly unknown[]) => list.filter((item): item is Json => item !== null && typeof item === 'object' && !Array.isArray(item));
  if (key === 'Reservations') {
    return objects(items).flatMap((reservation) => objects((reservation.Instances as unknown[] | undefined) ?? []).map((instance): [string, Json] => [String(instance.InstanceId), instance]));
  }
  const records = objects(items);
  const known = (ID_MEMBERS as Record<string, string | undefined>)[key];
  const guessed = () => [guessedIdMember(key, records, objects(other))].filter((m): m is string => m !== undefined);
  const members = known ? [known] : (OTHER_ID_MEMBERS[key] ?? guessed());
  return records.map((record): [string, Json] => {
    const member = members.find((m) => typeof record[m] === 'string' && record[m] !== '');
    return [member ? String(record[member]) : canonicalJson(record), record];
  });
}

interface Part {
  before?: Json;
  after?: Json;
}

interface Component {
  primary: string;
  id: string;
  parts: Map<string, Part>;
}

function isList(value: unknown): value is unknown[] {
  return Array.isArray(value);
}

/** The lists of a region worth comparing, in the format's order, then any others in the order read. */
function listKeys(before: RawRegion, after: RawRegion): string[] {
  const present = new Set([...Object.keys(before), ...Object.keys(after)].filter((key) => !silentlyIgnoredKeys.has(key)));
  return [...KNOWN_KEYS.filter((key) => present.has(key)), ...[...present].filter((key) => !KNOWN_KEYS.includes(key))];
}

function changeText(change: ComponentChange['change'], kind: string, id: string, name: string | null, edits: readonly ComponentEdit[]): string {
  const who = `${kindWords(kind)} ${id}${name ? ` (${name})` : ''}`;
  if (change === 'added') return `${who} created`;
  if (change === 'removed') return `${who} deleted`;
  return edits.length === 1 ? `${who}: ${edits[0]!.text}` : `${who}: ${edits.length} edits`;
}

class RegionComparer {
  readonly changes: ComponentChange[] = [];
  readonly notCompared: NotCompared[] = [];
  compared = 0;

  compare(account: string, region: string, before: RawRegion, after: RawRegion, unreadableBefore: Unreadable, unreadableAfter: Unreadable): void {
    const components = new Map<string, Component>();
    for (const key of listKeys(before, after)) {
      const old = before[key];
      const now = after[key];
      if (!isList(old) || !isList(now)) {
        if (isList(old) || isList(now)) this.skip(account, region, key, null, `${key} is missing from the ${isList(old) ? 'new' : 'old'} snapshot`);
        continue;
      }
      const failed = unreadableBefore.keys.get(key) ?? unreadableAfter.keys.get(key);
      if (failed !== undefined) {
        const side = unreadableBefore.keys.has(key) ? 'old' : 'new';
        this.skip(account, region, key, null, `${key} was unreadable in the ${side} snapshot (${failed})`);
        continue;
      }
      const primary = primaryKeyOf(key);
      const add = (records: [string, Json][], side: 'before' | 'after') => {
        for (const [id, record] of records) {
          const failedHere = (side === 'before' ? unreadableBefore : unreadableAfter).resources.get(resourceKey(key, id));
          if (failedHere !== undefined) continue;
          const componentKey = `${primary}\u0000${id}`;
          let component = components.get(componentKey);
          if (!component) components.set(componentKey, (component = { primary, id, parts: new Map() }));
          let part = component.parts.get(key);
          if (!part) component.parts.set(key, (part = {}));
          // the same id twice in one list (a file given twice): the first copy, as the importer keeps it
          if (part[side] === undefined) part[side] = record;
        }
      };
      add(recordsOf(key, old, now), 'before');
      add(recordsOf(key, now, old), 'after');
      for (const [which, unreadable] of [['old', unreadableBefore], ['new', unreadableAfter]] as const) {
        for (const [resource, code] of unreadable.resources) {
          const [errorKey, id] = resource.split('\u0000') as [string, string];
          if (errorKey !== key) continue;
          this.skip(account, region, key, id, `${key} of ${id} was unreadable in the ${which} snapshot (${code})`);
          for (const component of components.values()) if (component.id === id) component.parts.delete(key);
        }
      }
    }
    for (const component of components.values()) this.judge(account, region, component);
  }

  private skip(account: string, region: string | null, key: string | null, resourceId: string | null, reason: string): void {
    this.notCompared.push({ account, region, key, resourceId, reason });
  }

  private judge(account: string, region: string, component: Component): void {
    const mainKey = component.parts.has(component.primary) ? component.primary : component.parts.keys().next().value;
    if (mainKey === undefined) return;
    const main = component.parts.get(mainKey)!;
    const kind = kindOfKey(component.primary);
    const name = recordName(main.after) ?? recordName(main.before) ?? null;
    const base = { kind, key: mainKey, id: component.id, name, account, region };
    if (main.before && !main.after) {
      this.changes.push({ change: 'removed', ...base, edits: [], text: changeText('removed', kind, component.id, name, []) });
      return;
    }
    if (!main.before && main.after) {
      this.changes.push({ change: 'added', ...base, edits: [], text: changeText('added', kind, component.id, name, []) });
      return;
    }
    this.compared++;
    const edits = recordEdits(main.before!, main.after!);
    for (const [key, part] of component.parts) {
      if (key === mainKey) continue;
      const stub = { [(ID_MEMBERS as Record<string, string | undefined>)[key] ?? 'id']: component.id };
      for (const edit of recordEdits(part.before ?? stub, part.after ?? stub)) edits.push({ ...edit, path: `${key}.${edit.path}`, text: `${key}: ${edit.text}` });
    }
    if (edits.length > 0) this.changes.push({ change: 'modified', ...base, edits, text: changeText('modified', kind, component.id, name, edits) });
  }

  skipPlace(account: string, region: string | null, reason: string): void {
    this.skip(account, region, null, null, reason);
  }
}

/** What changed from `before` to `after`, component by component, and what could not be compared. */
export function diffRawSnapshots(before: RawSnapshot, after: RawSnapshot): ComponentDiff {
  const comparer = new RegionComparer();
  const unreadableBefore = unreadableOf(before);
  const unreadableAfter = unreadableOf(after);
  const accounts = [...new Set([...Object.keys(before.accounts), ...Object.keys(after.accounts)])];
  for (const account of accounts) {
    const oldRegions = before.accounts[account];
    const newRegions = after.accounts[account];
    if (!oldRegions || !newRegions) {
      // an account whose role could not be assumed is absent, with an error for all its regions ("*")
      const missingSide = oldRegions ? after : before;
      const failed = missingSide.errors.find((error) => error.account === account && (error.region === '*' || error.region === ''));
      const reason = failed
        ? `account ${account} was unreadable in the ${oldRegions ? 'new' : 'old'} snapshot (${failed.api}: ${failed.code})`
        : `account ${account} is only in the ${oldRegions ? 'old' : 'new'} snapshot`;
      comparer.skipPlace(account, null, reason);
      continue;
    }
    for (const region of [...new Set([...Object.keys(oldRegions), ...Object.keys(newRegions)])]) {
      const old = oldRegions[region];
      const now = newRegions[region];
      if (!old || !now) {
        comparer.skipPlace(account, region, `region ${region} of account ${account} is only in the ${old ? 'old' : 'new'} snapshot`);
        continue;
      }
      comparer.compare(account, region, old, now, unreadableBefore(account, region), unreadableAfter(account, region));
    }
  }
  return { changes: comparer.changes, notCompared: comparer.notCompared, compared: comparer.compared };
}

