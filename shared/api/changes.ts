// Change sets as the shells see them: the format, its types, and reading one
// (browser-safe: the model's schema only). Applying them is the service's.
import { parseChangeSet } from '../model/change-set-parse.js';
import type { ChangeSet } from '../model/change-set.js';
import { InputError } from '../model/errors.js';
import { parseJsonGuarded } from '../model/json-text.js';

export { CHANGE_SET_FORMAT, EDIT_ACTIONS, type ChangeSet, type Edit, type EditAction } from '../model/change-set.js';
export { parseChangeSet };

/** A change set from a file's text; errors name the file, the JSON path and the problem, never the text. */
export function readChangeSetText(text: string, file: string): ChangeSet {
  const parsed = parseJsonGuarded(text);
  if ('error' in parsed) throw new InputError(`${file}: ${parsed.error.path ? `${parsed.error.path}: ` : ''}${parsed.error.problem}`);
  return parseChangeSet(parsed.value, file);
}

/** A change set as a `reachmap-changes/1` file holds it (what Save change set writes; readChangeSetText reads it back). */
export function changeSetText(changeSet: ChangeSet): string {
  const { format, description, changes } = changeSet;
  return `${JSON.stringify({ format, ...(description !== undefined ? { description } : {}), changes }, null, 2)}\n`;
}

/** A change set as the AWS CLI commands that make it, in order (the engine's fixes render theirs with the same function). */
export { changeSetCommands, type CommandContext } from '../model/change-set-commands.js';
