// Opening a snapshot in Node: read it, validate it, build the model. Every
// shell (CLI, web face, Electron main) opens snapshots through this.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { buildModel } from '../../aws/build-model.js';
import { canonicalJson } from '../../aws/canonical.js';
import type { RawSnapshot } from '../../aws/raw.js';
import { readSnapshotPath } from '../../aws/read/node.js';
import { mergeSnapshots } from '../../aws/merge.js';
import { writeSnapshotFile } from '../../aws/write/node.js';
import type { NetworkModel, SnapshotMeta } from '../../model/types.js';
import { InputError } from '../errors.js';
import { packageRoot } from '../package-root/node.js';
import { DEFAULT_MAX_SNAPSHOT_BYTES, formatBytes } from './size.js';

export { packageRoot } from '../package-root/node.js';
export { DEFAULT_MAX_SNAPSHOT_BYTES, formatBytes } from './size.js';

export interface OpenedSnapshot {
  readonly raw: RawSnapshot;
  readonly model: NetworkModel;
  /** import warnings (unknown keys, missing references, IPv6 ignored): for stderr or the UI, not for answers */
  readonly warnings: string[];
  /** how shells name it: the path given, or "demo" */
  readonly label: string;
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

export interface OpenSnapshotOptions {
  /** the size cap in bytes (default DEFAULT_MAX_SNAPSHOT_BYTES) */
  readonly maxBytes?: number;
}

/** the aws_configs layout is root/aws_configs/accounts/<account>/<region>/*.json at its deepest */
const MAX_FOLDER_DEPTH = 6;

/**
 * Refuses, before anything is read, what the reader must not read: a path
 * that is neither a regular file nor a folder (a FIFO, a device, a socket),
 * and a file, or a folder whose JSON files together, over the cap.
 */
export async function checkSnapshotSize(target: string, maxBytes: number = DEFAULT_MAX_SNAPSHOT_BYTES): Promise<void> {
  let info;
  try {
    info = await stat(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputError(`${target}: no such file or folder`);
    throw new InputError(`${target}: cannot be read (${code ?? 'error'})`);
  }
  const over = (size: number, what: string) =>
    new InputError(`${target}: ${what} ${formatBytes(size)}, over the snapshot size cap of ${formatBytes(maxBytes)}`);
  if (info.isFile()) {
    if (info.size > maxBytes) throw over(info.size, 'is');
    return;
  }
  if (!info.isDirectory()) throw new InputError(`${target}: is neither a regular file nor a folder`);
  let total = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      // a symbolic link counts as what it points at, as the reader sees it
      const what = entry.isSymbolicLink() ? await stat(full).catch(() => undefined) : entry;
      if (what?.isDirectory()) {
        if (depth < MAX_FOLDER_DEPTH) await walk(full, depth + 1);
      } else if (what?.isFile() && entry.name.toLowerCase().endsWith('.json')) {
        total += 'size' in what ? what.size : (await stat(full)).size;
        if (total > maxBytes) throw over(total, 'holds JSON files of');
      }
    }
  };
  await walk(target, 0);
}

/** Opens a folder or snapshot file; without a path, the bundled demo network. */
export async function openSnapshot(snapshotPath?: string, options: OpenSnapshotOptions = {}): Promise<OpenedSnapshot> {
  const isDemo = snapshotPath === undefined;
  const target = snapshotPath ?? demoSnapshotPath();
  if (isDemo && !existsSync(target)) {
    throw new InputError(`the bundled demo snapshot (${DEMO_SNAPSHOT}) is not in this build; give --snapshot PATH`);
  }
  await checkSnapshotSize(target, options.maxBytes);
  const read = await readSnapshotPath(target);
  const raw: RawSnapshot = isDemo ? { ...read, source: { ...read.source, kind: 'demo' } } : read;
  const { model, warnings } = buildModel(raw);
  hashOnFirstRead(model.meta, raw);
  return { raw, model, warnings, label: isDemo ? 'demo' : target };
}

/** Reads several snapshots (each under the size cap) and joins them as `snapshot merge` does. */
async function readMerged(paths: readonly string[], options: OpenSnapshotOptions): Promise<{ raw: RawSnapshot; warnings: string[] }> {
  const inputs = [];
  for (const target of paths) {
    await checkSnapshotSize(target, options.maxBytes);
    inputs.push({ raw: await readSnapshotPath(target), label: target });
  }
  return mergeSnapshots(inputs);
}

/**
 * Opens several snapshots as one (every command's repeated --snapshot): the
 * same model as the file `snapshot merge` would write. One path is opened as
 * openSnapshot opens it, with no merge at all.
 */
export async function openSnapshots(paths: readonly string[], options: OpenSnapshotOptions = {}): Promise<OpenedSnapshot> {
  if (paths.length === 1) return openSnapshot(paths[0], options);
  const merged = await readMerged(paths, options);
  const { model, warnings } = buildModel(merged.raw);
  hashOnFirstRead(model.meta, merged.raw);
  return { raw: merged.raw, model, warnings: [...merged.warnings, ...warnings], label: paths.join(' + ') };
}

/** `reachmap snapshot merge A B ... --out FILE`: the joined snapshot, written 0600; its warnings returned. */
export async function mergeSnapshotFiles(paths: readonly string[], out: string, options: OpenSnapshotOptions = {}): Promise<{ raw: RawSnapshot; warnings: string[] }> {
  if (paths.length < 2) throw new InputError('snapshot merge: give at least two snapshots to merge');
  const merged = await readMerged(paths, options);
  // the merged file must open: the same validation and model building as any snapshot
  buildModel(merged.raw);
  await writeSnapshotFile(out, merged.raw);
  return merged;
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
