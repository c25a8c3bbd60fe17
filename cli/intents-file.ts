// The `--intents FILE` of check, diff and flowlogs: read and validated before
// any snapshot is, so a typo fails fast; the YAML readers load only then.
import { readFileSync } from 'node:fs';
import { InputError } from '../shared/api/errors.js';
import type { IntentsDocument } from '../shared/api/intents.js';

export async function readIntentsOption(file: string): Promise<IntentsDocument> {
  const { parseIntents } = await import('../shared/api/intents.js');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`--intents: cannot read "${file}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseIntents(text, file);
}
