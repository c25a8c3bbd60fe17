// Where each describe-API object was read: the file as the user sees it and
// the JSON path inside it, so that a warning about one object (a duplicate,
// a field filled in from another object) names the place to look. Nothing
// is copied or stored per object: a region object remembers the file it was
// parsed from, a merged one the parts it was concatenated from, and an
// object is found in them by identity, only when a message needs it.
import type { Placement } from '../model/types.js';
import type { RawRegion } from './raw.js';

/** Where a JSON value came from: the file as the user sees it and the path of the value inside it. */
export interface JsonLocation {
  readonly file: string;
  /** JSON path prefix inside the file, e.g. "accounts.111.us-east-1" ('' at the top of a file) */
  readonly path: string;
}

type PathKey = PropertyKey;

export function joinPath(prefix: string, keys: readonly PathKey[]): string {
  let out = prefix;
  for (const key of keys) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** "file: path", as SnapshotError writes it. */
export function placeText(where: JsonLocation): string {
  return where.path ? `${where.file}: ${where.path}` : where.file;
}

/** A region's own place in a snapshot file, for a region no file was recorded for. */
export function regionFallback(file: string, place: Placement): JsonLocation {
  return { file, path: joinPath('accounts', [place.account, place.region]) };
}

const parsedAt = new WeakMap<object, JsonLocation>();
const mergedFrom = new WeakMap<object, readonly object[]>();
/** a region object rebuilt from another (validated again, some lists filtered): its objects are found in the original */
const madeFrom = new WeakMap<object, object>();

function originalOf(region: object): object {
  return madeFrom.get(region) ?? region;
}

/** Called when a region object is rebuilt from another one whose objects it keeps. */
export function recordMadeFrom(copy: object, original: object): void {
  madeFrom.set(copy, originalOf(original));
}

/**
 * Called by the validator for each region object it returns: `source` is the
 * value it validated, which may itself be a region already read (a merged
 * folder validated again), whose places are kept.
 */
export function recordParsedAt(region: object, source: object, where: JsonLocation): void {
  if (parsedAt.has(source) || mergedFrom.has(source) || madeFrom.has(source)) recordMadeFrom(region, source);
  else parsedAt.set(region, where);
}

/** Called when several region objects are concatenated into one. */
export function recordMergedFrom(merged: object, parts: readonly object[]): void {
  mergedFrom.set(merged, parts);
}

function listOf(region: object, key: string): readonly unknown[] {
  const list = (region as Record<string, unknown>)[key];
  return Array.isArray(list) ? list : [];
}

function locateIndex(copy: object, key: string, index: number, fallback: JsonLocation): JsonLocation {
  const region = originalOf(copy);
  const parts = mergedFrom.get(region);
  if (parts) {
    let rest = index;
    for (const part of parts) {
      const length = listOf(part, key).length;
      if (rest < length) return locateIndex(part, key, rest, fallback);
      rest -= length;
    }
  }
  const where = parsedAt.get(region) ?? fallback;
  return { file: where.file, path: joinPath(where.path, [key, index]) };
}

/**
 * The place of `item`, an element of `region[key]` (found by identity), with
 * `inner` appended to its path. `fallback` is the region's own place, for a
 * region no file was recorded for.
 */
export function locate(region: RawRegion, key: string, item: unknown, fallback: JsonLocation, inner: readonly PathKey[] = []): JsonLocation {
  const original = originalOf(region);
  const index = listOf(original, key).indexOf(item);
  if (index < 0) return { file: fallback.file, path: joinPath(fallback.path, [key, ...inner]) };
  const where = locateIndex(original, key, index, fallback);
  return { file: where.file, path: joinPath(where.path, inner) };
}

/** The place of an instance, which DescribeInstances nests in a reservation. */
export function locateInstance(region: RawRegion, instance: unknown, fallback: JsonLocation, inner: readonly PathKey[] = []): JsonLocation {
  const original = originalOf(region);
  for (const reservation of listOf(original, 'Reservations')) {
    const index = listOf(reservation as object, 'Instances').indexOf(instance);
    if (index >= 0) return locate(original as RawRegion, 'Reservations', reservation, fallback, ['Instances', index, ...inner]);
  }
  return { file: fallback.file, path: joinPath(fallback.path, ['Reservations', ...inner]) };
}
