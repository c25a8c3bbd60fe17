// Which intents (or the one --flow) changed verdict between two snapshots,
// each with the component changes that explain it (causes.ts). Each intent is
// checked on its own on each side: an endpoint deleted in one snapshot makes
// that intent's side untraceable (said so), not the whole check a failure.
import type { ComponentChange } from '../../aws/diff/types.js';
import { analyzeFlow } from '../../engine/analyze.js';
import { exposureOf } from '../../engine/exposure.js';
import type { NetworkModel } from '../../model/types.js';
import type { AnalyzeResult } from '../analysis-types.js';
import { InputError } from '../errors.js';
import { checkFlows } from '../intents/check-flows.js';
import type { FlowCheckResult } from '../intents/check-types.js';
import type { FlowIntent, IntentsDocument } from '../intents/document.js';
import { checkExposure } from '../intents/exposure-rules.js';
import type { FlowRequest } from '../reachmap-api.js';
import { causesOf, sideOf } from './causes.js';
import type { FlowFlip, FlowSide } from './types.js';

type Checked = { results: FlowCheckResult[] } | { error: string };

function checkOne(model: NetworkModel, flow: FlowIntent, file: string): Checked {
  try {
    return { results: checkFlows(model, [flow], file) };
  } catch (error) {
    if (error instanceof InputError) return { error: error.message };
    throw error;
  }
}

function verdictWords(side: FlowSide): string {
  if (side.verdict === null) return 'not traceable';
  return side.blocked ? `${side.verdict} (dropped at ${side.blocked.kind} ${side.blocked.id}, ${side.blocked.code})` : side.verdict;
}

function effectOf(before: FlowSide, after: FlowSide): FlowFlip['effect'] {
  if (before.verdict === after.verdict) return 'unchanged';
  // an intent that held and can no longer be traced (its endpoint is gone) broke; the other way round, it was fixed
  if (before.passed === true && after.verdict === null) return 'broke';
  if (before.verdict === null && after.passed === true) return 'fixed';
  if (before.passed !== null && after.passed !== null && before.passed !== after.passed) return after.passed ? 'fixed' : 'broke';
  if (before.passed === null && after.passed === null) {
    if (after.verdict === 'reachable') return 'fixed';
    if (before.verdict === 'reachable') return 'broke';
  }
  if (after.passed === false) return 'broke';
  return 'changed';
}

function flipOf(
  head: Pick<FlowFlip, 'id' | 'name' | 'from' | 'to' | 'protocol' | 'port'>,
  before: { result?: AnalyzeResult; model: NetworkModel; passed: boolean | null; error?: string },
  after: { result?: AnalyzeResult; model: NetworkModel; passed: boolean | null; error?: string },
  changes: readonly ComponentChange[],
): FlowFlip {
  const old = sideOf(before.result, before.passed, before.error);
  const now = sideOf(after.result, after.passed, after.error);
  const effect = effectOf(old, now);
  const causes = effect === 'unchanged' ? [] : causesOf(changes, { result: before.result, model: before.model }, { result: after.result, model: after.model });
  const what = `${head.from} -> ${head.to} ${head.protocol}${head.port === null ? '' : ` ${head.port}`}`;
  const first = causes[0];
  const causeText = first ? (first.edits.length === 1 || first.change.edits.length === 0 ? `${first.change.text.replace(/: [^]*$/, '')}${first.edits[0] ? `: ${first.edits[0].text}` : ''}` : first.change.text) : '';
  const cause = first ? `; ${first.where === 'path' ? 'on its path' : `at the ${first.where}`}: ${causeText}` : effect === 'unchanged' ? '' : '; no compared change is on its path';
  const text = `${head.name ? `${head.name}: ` : ''}${what}: ${verdictWords(old)} -> ${verdictWords(now)}${cause}`;
  return { ...head, before: old, after: now, effect, causes, text };
}

/** Every intent of the document on both sides; those whose verdict (or pass) changed, with their causes. */
export function intentFlips(document: IntentsDocument, before: NetworkModel, after: NetworkModel, changes: readonly ComponentChange[]): { file: string; total: number; flipped: FlowFlip[] } {
  const flipped: FlowFlip[] = [];
  let total = 0;
  for (const flow of document.flows) {
    const old = checkOne(before, flow, document.file);
    const now = checkOne(after, flow, document.file);
    // an intent neither side can check is the file's error, as `check` reports it
    if ('error' in old && 'error' in now) throw new InputError(now.error);
    // paired by the endpoints as asked (a selector's expansion, an address): an address the new snapshot no
    // longer gives to an interface is still the same question
    const key = (result: FlowCheckResult) => `${result.query.from}>${result.query.to}`;
    const oldByKey = new Map('results' in old ? old.results.map((r) => [key(r), r]) : []);
    const newByKey = new Map('results' in now ? now.results.map((r) => [key(r), r]) : []);
    const keys = [...new Set([...oldByKey.keys(), ...newByKey.keys()])];
    for (const k of keys) {
      total++;
      const was = oldByKey.get(k);
      const is = newByKey.get(k);
      const sample = (is ?? was)!;
      const head = { id: `flows[${flow.index}]`, name: flow.name ?? null, from: sample.resolved.from.id, to: sample.resolved.to.id, protocol: flow.protocol, port: flow.port ?? null };
      const missing = (checked: Checked) => ('error' in checked ? checked.error : 'not among the endpoints its selectors match here');
      const flip = flipOf(
        head,
        { ...(was ? { result: was } : { error: missing(old) }), model: before, passed: was?.passed ?? null },
        { ...(is ? { result: is } : { error: missing(now) }), model: after, passed: is?.passed ?? null },
        changes,
      );
      if (flip.effect !== 'unchanged' || (was?.passed ?? null) !== (is?.passed ?? null)) flipped.push(flip);
    }
  }
  if (document.exposure) {
    total++;
    const old = checkExposure(before, document.exposure, exposureOf(before), document.file);
    const now = checkExposure(after, document.exposure, exposureOf(after), document.file);
    if (old.passed !== now.passed) {
      const interfaces = new Set([...old.unexpected, ...now.unexpected].map((u) => u.eni));
      const ids = new Set<string>();
      for (const eni of interfaces) {
        const model = before.networkInterfaces.has(eni) ? before : after;
        const record = model.networkInterfaces.get(eni);
        for (const id of [eni, record?.instanceId, ...(record?.securityGroupIds ?? [])]) if (id) ids.add(id);
      }
      const causes = changes.filter((change) => ids.has(change.id)).map((change) => ({ where: 'path' as const, component: { id: change.id, kind: change.kind }, change, edits: change.edits }));
      const side = (passed: boolean): FlowSide => ({ verdict: null, passed, blocked: null });
      const effect = now.passed ? 'fixed' : 'broke';
      flipped.push({
        id: 'exposure',
        name: 'exposure rules',
        from: 'internet',
        to: '*',
        protocol: 'all',
        port: null,
        before: side(old.passed),
        after: side(now.passed),
        effect,
        causes,
        text: `exposure rules: ${old.passed ? 'passed' : 'failed'} -> ${now.passed ? 'passed' : 'failed'} (${now.unexpected.length} unexpected service${now.unexpected.length === 1 ? '' : 's'} now)${causes[0] ? `; ${causes[0].change.text}` : ''}`,
      });
    }
  }
  return { file: document.file, total, flipped };
}

function traced(model: NetworkModel, request: FlowRequest): { result?: AnalyzeResult; error?: string } {
  try {
    return { result: analyzeFlow(model, request) };
  } catch (error) {
    if (error instanceof InputError) return { error: error.message };
    throw error;
  }
}

/** One flow on both sides (--flow), changed or not, with the causes of a change. */
export function flowFlip(request: FlowRequest, before: NetworkModel, after: NetworkModel, changes: readonly ComponentChange[]): FlowFlip {
  const old = traced(before, request);
  const now = traced(after, request);
  if (old.error !== undefined && now.error !== undefined) throw new InputError(now.error);
  const head = { id: 'flow', name: null, from: request.from, to: request.to, protocol: request.protocol ?? 'tcp', port: request.port ?? null };
  return flipOf(head, { ...old, model: before, passed: null }, { ...now, model: after, passed: null }, changes);
}
