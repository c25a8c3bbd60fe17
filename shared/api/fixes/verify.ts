// A fix is offered only once tried: its change set is applied to the snapshot
// (never the file), the flow traced again, and the fix says what it achieves.
// Where the flow then drops further on, that drop's fix is chained, up to five
// steps, into one repair. A step that would widen the internet's reach beyond
// the question asked is not offered as the fix: it becomes an option with
// that cost named.
import { applyChangeSet, ChangeSetError } from '../../aws/changes/apply.js';
import { buildModel } from '../../aws/build-model.js';
import { modelWithChanges } from '../../aws/changes/overlay.js';
import type { RawSnapshot } from '../../aws/raw.js';
import { analyzeFlow } from '../../engine/analyze.js';
import type { AnalyzeResult, Blocked, Fix, Repair } from '../../engine/analysis-types.js';
import { commandsOf, noSafeFix } from '../../engine/fixes.js';
import type { FlowRequest } from '../../engine/packet.js';
import { CHANGE_SET_FORMAT, type ChangeSet, type Edit } from '../../model/change-set.js';
import type { NetworkInterface, NetworkModel } from '../../model/types.js';
import { exposureGained, type ExposureGain } from './exposure-gain.js';

export const MOST_STEPS = 5;
/** Siblings re-checked at most: enough to say "the whole tier", cheap on a 10k-ENI network. */
export const MOST_SIBLINGS = 100;

export interface Snapshot {
  readonly model: NetworkModel;
  readonly raw: RawSnapshot;
}

function changeSetOf(edits: readonly Edit[], description: string): ChangeSet {
  return { format: CHANGE_SET_FORMAT, description, changes: [...edits] };
}

type Tried = { model: NetworkModel } | { refused: string };

/** The snapshot with these edits made; undefined where AWS would refuse one (the fix is then not offered as tried). */
function tryEdits(base: Snapshot, edits: readonly Edit[]): Tried {
  try {
    const applied = applyChangeSet(base.raw, changeSetOf(edits, ''));
    return { model: modelWithChanges(base.model, applied) ?? buildModel(applied.raw, { hash: base.model.meta.hash }).model };
  } catch (error) {
    if (error instanceof ChangeSetError) return { refused: error.problem };
    throw error;
  }
}

function flowWords(result: AnalyzeResult): string {
  const { query } = result;
  return `${query.from} -> ${query.to} ${query.protocol}${query.port === null ? '' : `/${query.port}`}`;
}

function dropWords(blocked: Blocked): string {
  return `${blocked.kind} ${blocked.id} (${blocked.code}, ${blocked.direction} leg)`;
}

/** Exposure the question allows a fix to add: from the internet, on the asked protocol and port only. */
function allowedGain(result: AnalyzeResult, gain: ExposureGain): boolean {
  if (result.resolved.from.kind !== 'internet') return false;
  const { query } = result;
  if (gain.protocol !== query.protocol) return false;
  if (query.port === null) return gain.ports === null;
  return (gain.ports ?? []).every((p) => p.from === query.port && p.to === query.port);
}

function gainWords(model: NetworkModel, gains: readonly ExposureGain[]): string {
  const byEni = new Map<string, string[]>();
  for (const gain of gains) byEni.set(gain.eni, [...(byEni.get(gain.eni) ?? []), gain.what]);
  return [...byEni].map(([eni, what]) => `${what.join(', ')} on ${model.networkInterfaces.get(eni)?.name ? `${model.networkInterfaces.get(eni)!.name} (${eni})` : eni}`).join('; ');
}

/** The source's security-group siblings: the same tier, whose flows a right-sized fix repairs too. */
function siblingsOf(model: NetworkModel, result: AnalyzeResult, most: number): NetworkInterface[] {
  if (result.resolved.from.kind !== 'eni') return [];
  const source = model.networkInterfaces.get(result.resolved.from.id);
  const group = source?.securityGroupIds[0];
  if (!source || !group) return [];
  if (most === 0) return [];
  return (model.indexes.enisBySecurityGroup.get(group) ?? []).filter((eni) => eni.id !== source.id && eni.vpcId === source.vpcId).slice(0, most);
}

function verdictOf(model: NetworkModel, request: FlowRequest): AnalyzeResult['verdict'] | undefined {
  try {
    return analyzeFlow(model, request).verdict;
  } catch {
    return undefined;
  }
}

/** Flows from the source and its siblings to the same destination that the repair turns reachable. */
function flowsRepaired(before: NetworkModel, after: NetworkModel, request: FlowRequest, result: AnalyzeResult, most: number): number {
  let repaired = result.verdict !== 'reachable' && verdictOf(after, request) === 'reachable' ? 1 : 0;
  for (const sibling of siblingsOf(before, result, most)) {
    const flow = { ...request, from: sibling.id };
    if (verdictOf(before, flow) !== 'reachable' && verdictOf(after, flow) === 'reachable') repaired++;
  }
  return repaired;
}

function demoted(fix: Fix, model: NetworkModel, gains: readonly ExposureGain[]): { fix: Fix; option: { text: string; tradeOff: string; fix: Fix } } {
  const cost = `It would also let the internet reach ${gainWords(model, gains)}.`;
  return {
    fix: noSafeFix(`No single change here is safe: ${fix.text.replace(/\.$/, '')} would also let the internet reach ${gainWords(model, gains)}. Narrow the rules that admit it first, or see the options.`),
    option: { text: fix.text, tradeOff: cost, fix },
  };
}

/**
 * Tries fixes on one snapshot, remembering what each change set gives (the
 * edited model, the exposure it adds): a check of a thousand flows meets the
 * same few fixes again and again.
 */
export class FixVerifier {
  private readonly tried = new Map<string, Tried>();
  private readonly gained = new Map<string, ExposureGain[]>();

  /** `siblings`: how many of the source's security-group siblings to re-check for `flowsRepaired` (0: the flow alone) */
  constructor(
    readonly snapshot: Snapshot,
    readonly siblings: number = MOST_SIBLINGS,
  ) {}

  tryEdits(edits: readonly Edit[]): Tried {
    const key = JSON.stringify(edits);
    let tried = this.tried.get(key);
    if (!tried) this.tried.set(key, (tried = tryEdits(this.snapshot, edits)));
    return tried;
  }

  gains(edits: readonly Edit[], model: NetworkModel): ExposureGain[] {
    const key = JSON.stringify(edits);
    let gains = this.gained.get(key);
    if (!gains) this.gained.set(key, (gains = exposureGained(this.snapshot.model, model, changeSetOf(edits, ''))));
    return gains;
  }

  verify(request: FlowRequest, result: AnalyzeResult): AnalyzeResult {
    return verifyWith(this, request, result);
  }
}

/**
 * The analysis with its fix tried: what it achieves (in the fix's text and in
 * `repair`), the chained repair, how many flows of the source's tier it
 * repairs, and an unsafe fix turned into an option.
 */
export function verifiedAnalysis(snapshot: Snapshot, request: FlowRequest, result: AnalyzeResult): AnalyzeResult {
  return new FixVerifier(snapshot).verify(request, result);
}

function verifyWith(verifier: FixVerifier, request: FlowRequest, result: AnalyzeResult): AnalyzeResult {
  const snapshot = verifier.snapshot;
  const blocked = result.blocked;
  const first = blocked?.fix;
  if (!blocked || !first?.changes) return result;
  const edits: Edit[] = [];
  let current = result;
  let model = snapshot.model;
  let steps = 0;
  let stop: string | undefined;
  let afterFirst: AnalyzeResult | undefined;
  const stepTexts: string[] = [];
  while (current.blocked?.fix?.changes && steps < MOST_STEPS) {
    const step = current.blocked.fix.changes.changes;
    const tried = verifier.tryEdits([...edits, ...step]);
    if ('refused' in tried) {
      stop = `AWS would refuse it: ${tried.refused}`;
      break;
    }
    const unsafe = verifier.gains([...edits, ...step], tried.model).filter((gain) => !allowedGain(result, gain));
    if (unsafe.length > 0) {
      if (steps === 0) {
        const { fix, option } = demoted(first, snapshot.model, unsafe);
        return { ...result, blocked: { ...blocked, fix, options: [option, ...(blocked.options ?? [])] } };
      }
      stop = `the next fix (${current.blocked.fix.text}) would widen the internet's reach: ${gainWords(snapshot.model, unsafe)}`;
      break;
    }
    let next: AnalyzeResult;
    try {
      next = analyzeFlow(tried.model, request);
    } catch (error) {
      // the edited snapshot cannot answer the question (an endpoint it no longer resolves): say so, offer what was tried
      stop = `the flow cannot be traced after it: ${error instanceof Error ? error.message : String(error)}`;
      break;
    }
    // One ACL or group often guards both ends: a drop at the same component is progress when it is another check there.
    const progressed =
      next.verdict === 'reachable' || !next.blocked || next.blocked.id !== current.blocked.id || next.blocked.code !== current.blocked.code || next.blocked.direction !== current.blocked.direction || next.blocked.detail !== current.blocked.detail;
    stepTexts.push(current.blocked.fix.text);
    edits.push(...step);
    steps++;
    model = tried.model;
    current = next;
    afterFirst ??= next;
    if (!progressed || next.verdict === 'reachable') break;
  }
  if (steps === 0) {
    return { ...result, blocked: { ...blocked, fix: { ...first, text: `${first.text} (Not tried: ${stop ?? 'it could not be applied'}.)` } } };
  }
  const outcome =
    current.verdict === 'reachable'
      ? `After ${steps === 1 ? 'this' : `these ${steps} changes`}, ${flowWords(result)} is reachable.`
      : `After ${steps === 1 ? 'this' : `these ${steps} changes`}, ${flowWords(result)} still drops at ${current.blocked ? dropWords(current.blocked) : 'an unknown component'}${current.blocked?.fix ? `, whose fix is: ${current.blocked.fix.text}` : ''}${stop ? ` (the chain stops: ${stop})` : ''}.`;
  const changes = changeSetOf(edits, steps === 1 ? first.text : `Repair of ${flowWords(result)} in ${steps} steps`);
  // Every step's words, so that what a later step opens is said too.
  const stepsWords = steps > 1 ? ` The steps: ${stepTexts.map((text, i) => `${i + 1}. ${text}`).join(' ')}` : '';
  const repair: Repair = {
    changes,
    script: commandsOf(snapshot.model, edits).join('\n'),
    outcome: `${outcome}${stepsWords}`,
    steps,
    flowsRepaired: flowsRepaired(snapshot.model, model, request, result, verifier.siblings),
    verdict: current.verdict,
  };
  // What the first fix alone achieves, in its own words.
  const firstOutcome =
    steps === 1 || !afterFirst?.blocked
      ? outcome
      : `After this, ${flowWords(result)} still drops at ${dropWords(afterFirst.blocked)}, whose fix follows: the repair chains ${steps} fixes. ${outcome}`;
  return { ...result, blocked: { ...blocked, fix: { ...first, text: `${first.text} ${firstOutcome}`, repair } } };
}
