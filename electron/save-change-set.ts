// Save change set…: the edits tried on the map, as the service holds them
// (never text from the page), written where the user says as a
// `reachmap-changes/1` file that `reachmap ... --apply FILE` reads.
import path from 'node:path';
import { changeSetText } from '../shared/api/changes.js';
import { InputError } from '../shared/api/errors.js';
import type { ReachmapApi } from '../shared/api/reachmap-api.js';
import type { SaveChangeSetResult } from './bridge-types.js';
import type { ShowSaveDialog } from './export-report.js';
import { writePrivateFile } from './private-files.js';

export async function saveChangeSet(api: Pick<ReachmapApi, 'changes'>, showSaveDialog: ShowSaveDialog, defaultDir: string): Promise<SaveChangeSetResult> {
  const changeSet = await api.changes();
  if (!changeSet) throw new InputError('saveChangeSet: no edits have been tried on this snapshot');
  const answer = await showSaveDialog({
    title: 'Save change set',
    defaultPath: path.join(defaultDir, 'reachmap-changes.json'),
    filters: [{ name: 'Change set (JSON)', extensions: ['json'] }],
  });
  if (answer.canceled || !answer.filePath) return { saved: false, fileName: null };
  await writePrivateFile(answer.filePath, changeSetText(changeSet));
  return { saved: true, fileName: path.basename(answer.filePath) };
}
