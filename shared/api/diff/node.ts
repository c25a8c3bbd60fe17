// Two snapshot paths compared in Node (`reachmap diff OLD NEW`): each read
// with the size cap, and built into a model only when more than the component
// changes is asked for. An error names the file it came from.
import { readSnapshotPath } from '../../aws/read/node.js';
import type { RawSnapshot } from '../../aws/raw.js';
import { InputError } from '../errors.js';
import { checkSnapshotSize, openSnapshot, type OpenSnapshotOptions } from '../snapshot/node.js';
import { diffSnapshots, type DiffInput, type DiffOptions } from './diff.js';
import type { DiffReport } from './types.js';

export type { DiffOptions } from './diff.js';
export { diffAsChangeSet } from '../../aws/diff/as-change-set.js';

async function readSide(target: string, options: DiffOptions & OpenSnapshotOptions): Promise<DiffInput & { warnings: string[] }> {
  if (options.changesOnly) {
    await checkSnapshotSize(target, options.maxBytes);
    const raw: RawSnapshot = await readSnapshotPath(target);
    return { raw, label: target, warnings: [] };
  }
  const opened = await openSnapshot(target, options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {});
  return { raw: opened.raw, model: opened.model, label: target, warnings: opened.warnings };
}

/** The comparison of OLD with NEW; import warnings of each side come back beside it, named by side. */
export async function diffSnapshotPaths(oldPath: string, newPath: string, options: DiffOptions & OpenSnapshotOptions = {}): Promise<{ report: DiffReport; warnings: string[] }> {
  const read = async (target: string, side: string) => {
    try {
      return await readSide(target, options);
    } catch (error) {
      if (error instanceof InputError && !error.message.includes(target)) throw new InputError(`${side} snapshot ${target}: ${error.message}`);
      throw error;
    }
  };
  const before = await read(oldPath, 'old');
  const after = await read(newPath, 'new');
  const report = diffSnapshots(before, after, options);
  const warnings = [...before.warnings.map((w) => `old: ${w}`), ...after.warnings.map((w) => `new: ${w}`)];
  return { report, warnings };
}
