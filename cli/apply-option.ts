// `--apply FILE`: every command that answers about a snapshot can answer on
// it with a change set's edits made (a fix to try, a planned change). The
// snapshot file itself is never changed, and the command says what it did.
import { readFile } from 'node:fs/promises';
import { InputError } from '../shared/api/errors.js';
import type { ReachmapService } from '../shared/api/service/service.js';
import { shown, writeErrorText } from './output.js';

export interface ApplyOptions {
  apply?: string;
}

export const APPLY_HELP = 'answer on the snapshot with the edits of this change set made (docs/changes.md); the snapshot itself is not changed';

async function readChangeSetFile(file: string) {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`--apply: cannot read "${file}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  // loaded only with --apply: the change-set schema (zod) is no part of every command's start-up
  const { readChangeSetText } = await import('../shared/api/changes.js');
  return readChangeSetText(text, file);
}

/** Applies --apply's change set to the open snapshot and says so on stderr. */
export async function applyChangesOption(service: ReachmapService, options: ApplyOptions): Promise<void> {
  if (options.apply === undefined) return;
  const changeSet = await readChangeSetFile(options.apply);
  await service.applyChanges(changeSet, options.apply);
  const n = changeSet.changes.length;
  writeErrorText(`note: answering with the ${n} edit${n === 1 ? '' : 's'} of ${shown(options.apply)} made; the snapshot itself is unchanged\n`);
}
