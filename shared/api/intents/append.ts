// "Save as intent": an analyzed flow appended to an intents file, keeping the
// file's comments and layout (YAML) so that a hand-kept file stays the
// user's. Pure: the caller reads and writes the file.
import { Document, isSeq, parseDocument } from 'yaml';
import type { AnalyzeResult } from '../analysis-types.js';
import { parseJsonGuarded } from '../../model/json-text.js';
import { InputError } from '../errors.js';
import type { Expectation } from './document.js';
import { jsonProblemText, parseIntents } from './document.js';
import { intentOfQuery, type FlowIntentEntry } from './entry.js';

export { intentOfQuery, intentSnippet, type FlowIntentEntry, type FlowQueryLike } from './entry.js';

/** The intent that pins down an analyzed flow: by default, that it keeps its verdict. */
export function intentOfAnalysis(result: AnalyzeResult, options: { expect?: Expectation; name?: string } = {}): FlowIntentEntry {
  const expect = options.expect ?? (result.verdict === 'unknown' ? undefined : result.verdict);
  if (expect === undefined) throw new InputError('the verdict is unknown: say whether the flow should be reachable or unreachable');
  return intentOfQuery(result.query, expect, options.name);
}

/**
 * Returns the intents file with the flow appended to `flows` (created when
 * absent). `existing` is the file's text, or undefined for a new file. Throws
 * InputError when the file, or the file with the new flow, is not a valid
 * intents document, naming the file and the field.
 */
export function appendFlowIntent(existing: string | undefined, file: string, entry: FlowIntentEntry): string {
  const text = existing !== undefined && existing.trim() !== '' ? existing : undefined;
  const updated = file.toLowerCase().endsWith('.json') ? appendToJson(text, file, entry) : appendToYaml(text, file, entry);
  parseIntents(updated, file);
  return updated;
}

function appendToJson(text: string | undefined, file: string, entry: FlowIntentEntry): string {
  let data: unknown = {};
  if (text !== undefined) {
    const parsed = parseJsonGuarded(text);
    if ('error' in parsed) throw new InputError(jsonProblemText(file, parsed.error));
    data = parsed.value;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new InputError(`${file}: the document must be a mapping with \`flows\` and/or \`exposure\``);
  const document = data as { flows?: unknown };
  if (document.flows === undefined) document.flows = [];
  if (!Array.isArray(document.flows)) throw new InputError(`${file}: flows: is not a list`);
  document.flows.push(entry);
  return `${JSON.stringify(document, null, 2)}\n`;
}

function appendToYaml(text: string | undefined, file: string, entry: FlowIntentEntry): string {
  if (text === undefined) return new Document({ flows: [entry] }).toString();
  const document = parseDocument(text);
  const problem = document.errors[0];
  if (problem) throw new InputError(`${file}: not valid YAML: ${problem.message.split('\n')[0]!.replace(/:$/, '')}`);
  const flows = document.get('flows');
  if (flows === undefined || flows === null) document.set('flows', document.createNode([entry]));
  else if (isSeq(flows)) flows.add(document.createNode(entry));
  else throw new InputError(`${file}: flows: is not a list`);
  return document.toString();
}
