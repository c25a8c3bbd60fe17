// The shape of `reachmap diff --json` (docs/schemas/diff.schema.json) and of
// the app's comparison: the component changes, what could not be compared,
// and, where asked, the exposure, problems, intents and flow that changed.
import type { ComponentChange, ComponentEdit, NotCompared } from '../../aws/diff/types.js';
import type { ExposureChange } from '../../engine/diff/exposure-delta.js';
import type { Problem } from '../../engine/problems-types.js';
import type { AnalyzeResult, Verdict } from '../../engine/analysis-types.js';

export type { ComponentChange, ComponentEdit, ComponentChangeKind, EditSubject, NotCompared } from '../../aws/diff/types.js';
export type { ExposureChange } from '../../engine/diff/exposure-delta.js';

export interface DiffSide {
  /** the path given, "demo", or "live: profile NAME" */
  label: string;
  createdAt: string | null;
  accounts: string[];
  regions: { account: string; region: string }[];
}

/** One side of a flow compared: its verdict (null when the snapshot cannot trace it: `error` says why) and where it is dropped. */
export interface FlowSide {
  verdict: Verdict | null;
  /** whether the intent's expectation held; null for --flow, which expects nothing */
  passed: boolean | null;
  blocked: { id: string; kind: string; code: string; detail: string } | null;
  error?: string;
}

/** Why a flow's verdict changed: a component change at the drop point (new or old) or elsewhere on its path. */
export interface FlipCause {
  /** "new drop": where the flow is dropped now; "old drop": where it was dropped before; "path": a component it crosses */
  where: 'new drop' | 'old drop' | 'path';
  /** the component's id and kind as the trace names it */
  component: { id: string; kind: string };
  /** the change of that component (or of the instance or groups of an interface named there) */
  change: ComponentChange;
  /** the edits of that change that bear on this flow (rules, entries and routes that match its protocol, port and ends); all of them when none is told apart */
  edits: ComponentEdit[];
}

export interface FlowFlip {
  /** "flows[3]" for an intent, "flow" for --flow */
  id: string;
  name: string | null;
  from: string;
  to: string;
  protocol: string;
  port: number | null;
  before: FlowSide;
  after: FlowSide;
  /** "broke", "fixed", or "changed" (another verdict, same pass or fail) */
  effect: 'broke' | 'fixed' | 'changed' | 'unchanged';
  /** the changes that explain it, the drop point first; empty when none of the compared changes is on its path */
  causes: FlipCause[];
  /** one line */
  text: string;
}

export interface DiffReport {
  format: 'reachmap-diff/1';
  old: DiffSide;
  new: DiffSide;
  /** true when any component, exposure, problem, intent or flow verdict changed */
  changed: boolean;
  summary: {
    added: number;
    removed: number;
    modified: number;
    /** components found on both sides and compared */
    compared: number;
    notCompared: number;
    exposureOpened?: number;
    exposureClosed?: number;
    newProblems?: number;
    resolvedProblems?: number;
    intentsFlipped?: number;
  };
  changes: ComponentChange[];
  notCompared: NotCompared[];
  /** without --changes-only: what the internet reaches now and did not, or no longer reaches */
  exposure?: { opened: ExposureChange[]; closed: ExposureChange[] };
  /** without --changes-only: problems the new snapshot has that the old did not, and those gone */
  problems?: { new: Problem[]; resolved: Problem[] };
  /** with --intents: the intents whose verdict changed */
  intents?: { file: string; total: number; flipped: FlowFlip[] };
  /** with --flow: the one flow, changed or not */
  flow?: FlowFlip;
  /** with --as-changes FILE: the change set written (the edits that turn the old snapshot into the new), and the changes no edit of the format makes */
  asChanges?: { file: string; edits: number; notWritten: string[] };
  warnings: string[];
}

export type { AnalyzeResult };
