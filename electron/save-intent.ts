// Save as intent…: the renderer hands over an analyzed flow and what it
// should keep doing; main asks which intents file to add it to and appends it
// there (docs/intents.md), keeping that file's comments and other intents.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writePrivateFile } from '../shared/api/files/node.js';
import { parseIntents } from '../shared/api/intents.js';
import { appendFlowIntent, intentOfQuery } from '../shared/api/intents/append.js';
import type { SaveIntentRequest, SaveIntentResult } from './bridge-types.js';
import type { ShowSaveDialog } from './export-report.js';

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export async function saveIntent(request: SaveIntentRequest, showSaveDialog: ShowSaveDialog, defaultDir: string): Promise<SaveIntentResult> {
  const answer = await showSaveDialog({
    title: 'Save as intent: the intents file to add this flow to',
    defaultPath: path.join(defaultDir, 'intents.yaml'),
    filters: [
      { name: 'Intents (YAML)', extensions: ['yaml', 'yml'] },
      { name: 'Intents (JSON)', extensions: ['json'] },
    ],
  });
  if (answer.canceled || !answer.filePath) return { saved: false, fileName: null, intent: null };
  const file = answer.filePath;
  const fileName = path.basename(file);
  const updated = appendFlowIntent(await readIfPresent(file), fileName, intentOfQuery(request.flow, request.expect, request.name));
  // its owner's only, as every file the app writes: a new file replaces the old one (or a symlink there) in one step
  await writePrivateFile(file, updated);
  return { saved: true, fileName, intent: `flows[${parseIntents(updated, fileName).flows.length - 1}]` };
}
