// Turns describe-API JSON into the raw form, or into one SnapshotError line
// that names the file, the JSON path and the offending value.
import { z } from 'zod';
import { describeValue, kindOfValue } from '../model/json-text.js';
import { SnapshotError } from '../model/errors.js';
import {
  regionKeySchemas,
  snapshotHeaderSchema,
  SNAPSHOT_FORMAT,
  type RawRegion,
  type RawSnapshot,
} from './raw.js';
import { joinPath, recordParsedAt, type JsonLocation } from './origins.js';
import { compileCheck, type Check } from './schema-check.js';

export { joinPath, type JsonLocation } from './origins.js';

type PathKey = PropertyKey;

function valueAt(root: unknown, keys: readonly PathKey[]): unknown {
  let value = root;
  for (const key of keys) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

export { describeValue, kindOfValue } from '../model/json-text.js';

function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

function problemOf(issue: z.core.$ZodIssue, value: unknown): string {
  if (value === undefined) return 'is missing';
  const shown = describeValue(value);
  switch (issue.code) {
    case 'invalid_type':
      return `${shown} is not ${article(issue.expected)}`;
    case 'invalid_value':
      return `${shown} is not one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      return `${shown} is not a string or a number`;
    case 'custom':
      return `${shown} ${issue.message}`;
    default:
      return `${shown}: ${issue.message}`;
  }
}

function fail(error: z.ZodError, root: unknown, where: JsonLocation, basePath: readonly PathKey[]): never {
  const issue = error.issues[0]!;
  const keys = [...basePath, ...issue.path];
  throw new SnapshotError(where.file, joinPath(where.path, keys), problemOf(issue, valueAt(root, issue.path)));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const arraySchemas = new Map<string, z.ZodType>(
  Object.entries(regionKeySchemas).map(([key, schema]): [string, z.ZodType] => [key, z.array(schema as z.ZodType)]),
);
/** zod's verdict without zod's copy; zod is asked again only for the issue to report */
const arrayChecks = new Map<string, Check>([...arraySchemas].map(([key, schema]) => [key, compileCheck(schema)]));

/** Regions that went through parseRegionObject: buildModel need not check them again. */
const validatedRegions = new WeakSet<object>();

/**
 * Validates one object of describe-API responses (a file of a folder, or a
 * region of a snapshot file). Keys we read are checked; others are kept as they are.
 */
export function parseRegionObject(value: unknown, where: JsonLocation): RawRegion {
  if (!isPlainObject(value)) {
    throw new SnapshotError(
      where.file,
      where.path,
      `${kindOfValue(value)} is not an object of describe-API responses (e.g. {"Vpcs": [...]})`,
    );
  }
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    const schema = arraySchemas.get(key);
    if (!schema) {
      // defined, not assigned: "__proto__" stays a key (warned about as unknown), never the object's prototype
      Object.defineProperty(out, key, { value: member, enumerable: true, writable: true, configurable: true });
      continue;
    }
    if (member === null || member === undefined) {
      out[key] = [];
      continue;
    }
    if (!arrayChecks.get(key)!(member)) {
      const result = schema.safeParse(member);
      if (!result.success) fail(result.error, member, where, [key]);
    }
    // the JSON as read, not zod's copy: it keeps every member (the schemas transform nothing)
    out[key] = member;
  }
  validatedRegions.add(out);
  recordParsedAt(out, value, where);
  return out as RawRegion;
}

/** A region built in memory (collector, generator, tests) is validated here; one read from disk already was. */
export function ensureValidRegion(value: RawRegion, where: JsonLocation): RawRegion {
  return validatedRegions.has(value) ? value : parseRegionObject(value, where);
}

/** Validates a whole `reachmap-snapshot/1` document. */
export function parseSnapshotDocument(value: unknown, file: string): RawSnapshot {
  if (!isPlainObject(value)) {
    throw new SnapshotError(file, '', `${kindOfValue(value)} is not a snapshot object (expected {"format": "${SNAPSHOT_FORMAT}", ...})`);
  }
  if (value.format === undefined && Object.keys(value).some((key) => arraySchemas.has(key))) {
    // e.g. the output of `aws ec2 describe-vpcs` saved to a file
    throw new SnapshotError(file, '', `holds describe-API responses, not a ${SNAPSHOT_FORMAT} file: give the folder that holds it instead`);
  }
  if (value.format !== SNAPSHOT_FORMAT) {
    const problem = value.format === undefined ? `is missing (expected "${SNAPSHOT_FORMAT}")` : `${kindOfValue(value.format)} other than "${SNAPSHOT_FORMAT}"`;
    throw new SnapshotError(file, 'format', problem);
  }
  const header = snapshotHeaderSchema.safeParse(value);
  if (!header.success) fail(header.error, value, { file, path: '' }, []);
  // Keyed by names from the file: no prototype, so that an account or region named "__proto__" is kept
  // like any other. Read from the JSON as parsed: zod's copy of a record drops such a key.
  const accounts: Record<string, Record<string, RawRegion>> = Object.create(null);
  const read = value.accounts as Record<string, Record<string, unknown>>;
  for (const [account, regions] of Object.entries(read)) {
    // zod checked every other account; this one only when it is named "__proto__"
    if (!isPlainObject(regions)) throw new SnapshotError(file, joinPath('accounts', [account]), `${kindOfValue(regions)} is not an object of regions`);
    const parsedRegions: Record<string, RawRegion> = Object.create(null);
    for (const [region, data] of Object.entries(regions)) {
      parsedRegions[region] = parseRegionObject(data, { file, path: joinPath('accounts', [account, region]) });
    }
    accounts[account] = parsedRegions;
  }
  const source = header.data.source;
  return {
    format: SNAPSHOT_FORMAT,
    createdAt: header.data.createdAt ?? undefined,
    source: {
      kind: source?.kind ?? 'import',
      profile: source?.profile ?? undefined,
      partition: source?.partition ?? undefined,
      ...(source?.profiles ? { profiles: source.profiles } : {}),
      ...(source?.mergedFrom ? { mergedFrom: source.mergedFrom } : {}),
      ...(source?.accountNames ? { accountNames: { ...source.accountNames } } : {}),
    },
    accounts,
    errors: header.data.errors ?? [],
  };
}
