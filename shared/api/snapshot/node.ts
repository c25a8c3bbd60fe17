// Opening a snapshot in Node: read it, validate it, build the model. Every
// shell (CLI, web face, Electron main) opens snapshots through this.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildModel } from '../../aws/build-model.js';
import { canonicalJson } from '../../aws/canonical.js';
import type { RawSnapshot } from '../../aws/raw.js';
import { readSnapshotPath } from '../../aws/read/node.js';
import type { NetworkModel, SnapshotMeta } from '../../model/types.js';
import { InputError } from '../errors.js';

export interface OpenedSnapshot {
  readonly raw: RawSnapshot;
  readonly model: NetworkModel;
  /** import warnings (unknown keys, missing references, IPv6 ignored): for stderr or the UI, not for answers */
  readonly warnings: string[];
  /** how shells name it: the path given, or "demo" */
  readonly label: string;
}

/** The package root: the nearest folder above this module that holds package.json (works from the sources and from dist/). */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return dir;
}

export const DEMO_SNAPSHOT = 'assets/demo/demo-snapshot.json';

export function demoSnapshotPath(): string {
  return path.join(packageRoot(), DEMO_SNAPSHOT);
}

/** sha-256 of the content (not of where it was read from): ties a report to its data. */
export function snapshotHash(raw: RawSnapshot): string {
  const content = { format: raw.format, createdAt: raw.createdAt, accounts: raw.accounts, errors: raw.errors };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** Opens a folder or snapshot file; without a path, the bundled demo network. */
export async function openSnapshot(snapshotPath?: string): Promise<OpenedSnapshot> {
  const isDemo = snapshotPath === undefined;
  const target = snapshotPath ?? demoSnapshotPath();
  if (isDemo && !existsSync(target)) {
    throw new InputError(`the bundled demo snapshot (${DEMO_SNAPSHOT}) is not in this build; give --snapshot PATH`);
  }
  const read = await readSnapshotPath(target);
  const raw: RawSnapshot = isDemo ? { ...read, source: { ...read.source, kind: 'demo' } } : read;
  const { model, warnings } = buildModel(raw);
  hashOnFirstRead(model.meta, raw);
  return { raw, model, warnings, label: isDemo ? 'demo' : target };
}

/**
 * `meta.hash` as a getter that hashes on first read and keeps the answer:
 * hashing costs about 0.6 s at 10k ENIs, and `check` or `analyze` never show
 * it. Nothing changes `raw` after it is read, so the hash is the same whenever
 * it is taken; `raw` is let go once it is.
 */
function hashOnFirstRead(meta: SnapshotMeta, raw: RawSnapshot): void {
  let source: RawSnapshot | undefined = raw;
  let hash: string | undefined;
  Object.defineProperty(meta, 'hash', {
    enumerable: true,
    configurable: true,
    get: () => {
      if (hash === undefined) {
        hash = snapshotHash(source!);
        source = undefined;
      }
      return hash;
    },
  });
}

// Snapshot files as the shells see them: the raw describe-JSON form, read
// from a folder or file, and written 0600 in one step.
export type { RawError, RawRegion, RawSnapshot } from '../../aws/raw.js';
export { readSnapshotPath } from '../../aws/read/node.js';
export { writeSnapshotFile } from '../../aws/write/node.js';
