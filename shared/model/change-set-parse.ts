// Reading a change set: each edit checked against the parameters its AWS call
// takes, with an error that names the file, the edit and the field.
import type { z } from 'zod';
import { InputError } from './errors.js';
import { describeValue } from './json-text.js';
import { CHANGE_SET_FORMAT, EDIT_ACTIONS, EDIT_SCHEMAS, type ChangeSet, type Edit, type EditAction } from './change-set.js';

/** A bad value as the error shows it: never a file's text (describeValue). */
const shown = describeValue;

function issuePath(issue: z.core.$ZodIssue): string {
  return issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = root;
  for (const part of path) at = at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[part] : undefined;
  return at;
}

/** A change set from parsed JSON; `file` names where it came from in errors. */
export function parseChangeSet(value: unknown, file: string): ChangeSet {
  const fail = (where: string, problem: string): never => {
    throw new InputError(`${file}: ${where}${where ? ': ' : ''}${problem}`);
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail('', `is not a change set (a JSON object with "format": "${CHANGE_SET_FORMAT}" and "changes")`);
  const document = value as Record<string, unknown>;
  if (document.format !== CHANGE_SET_FORMAT) fail('format', `${shown(document.format)} is not "${CHANGE_SET_FORMAT}"`);
  if (!Array.isArray(document.changes)) fail('changes', 'is not a list of edits');
  if (document.description !== undefined && typeof document.description !== 'string') fail('description', 'is not text');
  const changes = (document.changes as unknown[]).map((raw, index): Edit => {
    const where = `changes[${index}]`;
    if (raw === null || typeof raw !== 'object') fail(where, 'is not an edit object');
    const action = (raw as Record<string, unknown>).action;
    if (typeof action !== 'string' || !(EDIT_ACTIONS as string[]).includes(action)) {
      fail(`${where}.action`, `${shown(action)} is not an edit Reachmap knows (${EDIT_ACTIONS.join(', ')})`);
    }
    const parsed = EDIT_SCHEMAS[action as EditAction].safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const path = issuePath(issue);
      const problem = issue.code === 'unrecognized_keys' ? `${issue.keys.join(', ')}: not a parameter of ${action}` : `${shown(valueAt(raw, issue.path))} ${issue.message}`;
      fail(`${where} (${action})${path}`, problem);
    }
    return parsed.data as Edit;
  });
  return { format: CHANGE_SET_FORMAT, ...(typeof document.description === 'string' ? { description: document.description } : {}), changes };
}
