// Two snapshots compared: the component changes (shared/aws/diff), then,
// unless only those are asked for, what the internet reaches and what a
// review flags that changed (shared/engine/diff), and the intents or flow
// whose verdict changed (flips.ts). Exposure and problems are compared only
// in the regions whose every list was compared: a list one side could not
// read would otherwise show up as exposure closed or problems solved.
import { diffRawSnapshots } from '../../aws/diff/compare.js';
import type { RawSnapshot } from '../../aws/raw.js';
import { exposureDelta } from '../../engine/diff/exposure-delta.js';
import { problemsDelta } from '../../engine/diff/problems-delta.js';
import { exposureOf } from '../../engine/exposure.js';
import { problemsOf } from '../../engine/problems/index.js';
import type { NetworkModel } from '../../model/types.js';
import { InputError } from '../errors.js';
import type { IntentsDocument } from '../intents/document.js';
import type { FlowRequest } from '../reachmap-api.js';
import { flowFlip, intentFlips } from './flips.js';
import type { DiffReport, DiffSide } from './types.js';

export interface DiffInput {
  raw: RawSnapshot;
  /** needed unless only the component changes are asked for */
  model?: NetworkModel;
  label: string;
}

export interface DiffOptions {
  /** the component changes alone: no exposure, problems, intents or flow */
  changesOnly?: boolean;
  intents?: IntentsDocument;
  flow?: FlowRequest;
}

function sideOf(input: DiffInput): DiffSide {
  const accounts = Object.keys(input.raw.accounts);
  return {
    label: input.label,
    createdAt: input.raw.createdAt ?? null,
    accounts,
    regions: accounts.flatMap((account) => Object.keys(input.raw.accounts[account]!).map((region) => ({ account, region }))),
  };
}

/** where a component of the model lives: any of its maps that holds the id */
function placeIn(model: NetworkModel, id: string): { account: string; region: string } | undefined {
  for (const value of Object.values(model)) {
    if (!(value instanceof Map)) continue;
    const found = value.get(id) as { account?: unknown; region?: unknown } | undefined;
    if (found && typeof found.account === 'string' && typeof found.region === 'string') return { account: found.account, region: found.region };
  }
  return undefined;
}

function requireModel(input: DiffInput, side: string): NetworkModel {
  if (!input.model) throw new InputError(`the ${side} snapshot's model is needed for more than --changes-only`);
  return input.model;
}

export function diffSnapshots(before: DiffInput, after: DiffInput, options: DiffOptions = {}): DiffReport {
  const components = diffRawSnapshots(before.raw, after.raw);
  const { changes, notCompared } = components;
  const count = (kind: string) => changes.filter((change) => change.change === kind).length;
  const report: DiffReport = {
    format: 'reachmap-diff/1',
    old: sideOf(before),
    new: sideOf(after),
    changed: changes.length > 0,
    summary: { added: count('added'), removed: count('removed'), modified: count('modified'), compared: components.compared, notCompared: notCompared.length },
    changes,
    notCompared,
    warnings: [],
  };
  if (options.changesOnly) return report;
  const oldModel = requireModel(before, 'old');
  const newModel = requireModel(after, 'new');
  const partial = new Set(notCompared.map((entry) => `${entry.account}\u0000${entry.region ?? '*'}`));
  const whole = (place: { account: string; region: string } | undefined) =>
    place !== undefined && !partial.has(`${place.account}\u0000${place.region}`) && !partial.has(`${place.account}\u0000*`);
  const compared = (id: string) => whole(placeIn(newModel, id) ?? placeIn(oldModel, id));
  if (notCompared.length > 0) report.warnings.push('exposure and problems are compared only in the regions whose every describe list was compared on both sides');
  const exposure = exposureDelta(exposureOf(oldModel), exposureOf(newModel), compared);
  const problems = problemsDelta(problemsOf(oldModel), problemsOf(newModel), (problem) => compared(problem.component.id));
  report.exposure = exposure;
  report.problems = problems;
  Object.assign(report.summary, {
    exposureOpened: exposure.opened.length,
    exposureClosed: exposure.closed.length,
    newProblems: problems.new.length,
    resolvedProblems: problems.resolved.length,
  });
  report.changed ||= exposure.opened.length + exposure.closed.length + problems.new.length + problems.resolved.length > 0;
  if (options.intents) {
    report.intents = intentFlips(options.intents, oldModel, newModel, changes);
    report.summary.intentsFlipped = report.intents.flipped.length;
    report.changed ||= report.intents.flipped.length > 0;
  }
  if (options.flow) {
    report.flow = flowFlip(options.flow, oldModel, newModel, changes);
    report.changed ||= report.flow.effect !== 'unchanged';
  }
  return report;
}
