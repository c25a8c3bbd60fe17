// Several snapshots as one: snapshots of different accounts (one profile or
// role each), or of different regions of one account, joined into one
// reachmap-snapshot/1. `reachmap snapshot merge` writes the result; every
// command's repeated `--snapshot` opens the same result without writing it.
//
// The same resource seen from two accounts (a shared subnet, an accepted
// peering, a RAM-shared transit gateway) is kept once, by duplicates.ts's
// rules: the owner account's copy wins (the requester's side for a
// peering), identical copies merge silently, copies that differ give one
// warning naming both places and the copy kept. The importer applies the same
// rules to a single file, so a merged file and the snapshots it was merged
// from open to the same model.
import { keepOneCopyEach } from './duplicates.js';
import { ImportNotes } from './import-notes.js';
import { mergeRegionObjects } from './layout.js';
import { joinPath } from './origins.js';
import { SNAPSHOT_FORMAT, type RawError, type RawRegion, type RawSnapshot } from './raw.js';
import type { RegionInput } from './region-input.js';
import { ensureValidRegion } from './validate.js';
import { canonicalJson } from './canonical.js';

export interface MergeInput {
  readonly raw: RawSnapshot;
  /** how the user named it (the path given), recorded in `mergedFrom` */
  readonly label: string;
}

export interface MergedSnapshot {
  readonly raw: RawSnapshot;
  /** copies that differed, and which was kept: for stderr or the UI */
  readonly warnings: string[];
}

function sourceOf(inputs: readonly MergeInput[]): RawSnapshot['source'] {
  const sources = inputs.map((input) => input.raw.source);
  const kinds = new Set(sources.map((source) => source.kind));
  const profiles = [...new Set(sources.flatMap((source) => source.profiles ?? (source.profile ? [source.profile] : [])))];
  const partitions = [...new Set(sources.map((source) => source.partition).filter((p): p is string => !!p))];
  const accountNames: Record<string, string> = {};
  for (const source of sources) Object.assign(accountNames, source.accountNames ?? {});
  return {
    // a demo merged with anything else is no longer the demo
    kind: kinds.size === 1 ? sources[0]!.kind : kinds.has('aws-live') && !kinds.has('demo') ? 'aws-live' : 'import',
    ...(profiles.length === 1 ? { profile: profiles[0] } : {}),
    ...(profiles.length > 0 ? { profiles } : {}),
    ...(partitions.length === 1 ? { partition: partitions[0] } : {}),
    mergedFrom: inputs.flatMap((input) => input.raw.source.mergedFrom ?? [input.label]),
    ...(Object.keys(accountNames).length > 0 ? { accountNames } : {}),
  };
}

/** The oldest of the inputs' times: the merged data is as old as its oldest part. */
function createdAtOf(inputs: readonly MergeInput[]): string | undefined {
  const times = inputs.map((input) => input.raw.createdAt).filter((time): time is string => !!time);
  return times.length === 0 ? undefined : [...times].sort()[0];
}

/** Each error once: two snapshots of one account may both record the same refused call. */
function errorsOf(inputs: readonly MergeInput[]): RawError[] {
  const seen = new Set<string>();
  const out: RawError[] = [];
  for (const error of inputs.flatMap((input) => input.raw.errors)) {
    const key = canonicalJson(error);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(error);
  }
  return out;
}

export function mergeSnapshots(inputs: readonly MergeInput[]): MergedSnapshot {
  // one region object per account and region: the parts' lists concatenated (each part keeps its file for messages)
  const parts = new Map<string, { account: string; region: string; data: RawRegion[] }>();
  for (const { raw, label } of inputs) {
    for (const [account, regions] of Object.entries(raw.accounts)) {
      for (const [region, data] of Object.entries(regions)) {
        const valid = ensureValidRegion(data, { file: label, path: joinPath('accounts', [account, region]) });
        const key = JSON.stringify([account, region]);
        const entry = parts.get(key);
        if (entry) entry.data.push(valid);
        else parts.set(key, { account, region, data: [valid] });
      }
    }
  }
  const regions: RegionInput[] = [...parts.values()].map(({ account, region, data }) => ({
    place: { account, region },
    data: data.length === 1 ? data[0]! : mergeRegionObjects(data),
  }));
  const notes = new ImportNotes();
  const kept = keepOneCopyEach(regions, notes, inputs.map((input) => input.label).join(' + '));
  // no prototype: an account or region named "__proto__" is kept like any other
  const accounts: Record<string, Record<string, RawRegion>> = Object.create(null);
  for (const { place, data } of kept) {
    const byRegion = (accounts[place.account] ??= Object.create(null) as Record<string, RawRegion>);
    byRegion[place.region] = data;
  }
  const createdAt = createdAtOf(inputs);
  return {
    raw: {
      format: SNAPSHOT_FORMAT,
      ...(createdAt ? { createdAt } : {}),
      source: sourceOf(inputs),
      accounts,
      errors: errorsOf(inputs),
    },
    warnings: notes.allWarnings(),
  };
}
