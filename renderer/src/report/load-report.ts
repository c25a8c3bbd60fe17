// Everything a report shows, fetched through the one API (the same calls the
// main screen makes) and redacted once, in a fixed order, before anything is
// drawn: summary, answer, then the graph, so masks are numbered the same way
// every time.
import type { AnalyzeResult } from '../../../shared/api/analysis-types.js';
import type { DiagnoseReport } from '../../../shared/api/diagnose-types.js';
import type { ExposureReport } from '../../../shared/api/exposure-types.js';
import type { Graph, ReachmapApi, SnapshotSummary } from '../../../shared/api/reachmap-api.js';
import type { ReportQuestion } from './question.js';
import type { Edit } from '../../../shared/api/changes.js';
import { createRedactor, NO_REDACTION } from './redact.js';
import type { DiffReport } from '../../../shared/api/diff/types.js';
import type { FlowLogsReport } from '../../../shared/api/flowlogs/report-types.js';
import { loadBalancerTargetsOf, type ReportLbTarget } from './lb-targets.js';

export type ReportAnswer =
  | { kind: 'flow'; result: AnalyzeResult }
  | { kind: 'exposure'; report: ExposureReport }
  | { kind: 'diagnose'; target: string; result: DiagnoseReport }
  | { kind: 'compare'; report: DiffReport }
  | { kind: 'flowlogs'; report: FlowLogsReport };

export interface ReportData {
  summary: SnapshotSummary;
  graph: Graph;
  answer: ReportAnswer;
  /** the question as the reader sees it (redacted like the rest) */
  question: ReportQuestion;
  redacted: boolean;
  /** on a snapshot with edits tried: the flow's answer before them (the snapshot as opened), when the screen kept it */
  before?: AnalyzeResult | null;
  /** the edits tried, in order (their components are marked on the map) */
  edits?: readonly Edit[];
  /** through a load balancer, or to a machine behind one: each target with its health (the report's target section) */
  loadBalancerTargets?: readonly ReportLbTarget[];
}

async function answerOf(api: ReachmapApi, question: ReportQuestion): Promise<ReportAnswer> {
  if (question.kind === 'exposure') return { kind: 'exposure', report: await api.exposure() };
  if (question.kind === 'flowlogs') return { kind: 'flowlogs', report: await api.flowLogs({ paths: question.paths }) };
  if (question.kind === 'compare') {
    const other = question.path !== undefined ? { path: question.path } : { historyId: question.historyId ?? '' };
    return { kind: 'compare', report: await api.compareWith({ ...other, otherIs: question.otherIs, ...(question.intents !== undefined ? { intents: question.intents } : {}) }) };
  }
  if (question.kind === 'diagnose') {
    const options = { ...(question.port !== undefined ? { port: question.port } : {}), ...(question.family !== undefined ? { family: question.family } : {}) };
    return { kind: 'diagnose', target: question.target, result: await api.diagnose(question.target, Object.keys(options).length > 0 ? options : undefined) };
  }
  const { from, to, protocol, port, family } = question;
  return { kind: 'flow', result: await api.analyze({ from, to, ...(protocol ? { protocol } : {}), ...(port !== undefined ? { port } : {}), ...(family ? { family } : {}) }) };
}

export async function loadReport(api: ReachmapApi, question: ReportQuestion, redact: boolean, before: AnalyzeResult | null = null): Promise<ReportData> {
  const summary = (await api.currentSnapshot()) ?? (await api.openSnapshot(undefined));
  const answer = await answerOf(api, question);
  const graph = await api.graph();
  const pile = summary.changes ? await api.changes() : null;
  const targets = await loadBalancerTargetsOf(api, answer, graph);
  const redactor = redact ? createRedactor() : NO_REDACTION;
  return {
    summary: redactor.deep(summary),
    question: redactor.deep(question),
    answer: redactor.deep(answer),
    graph: redactor.deep(graph),
    redacted: redact,
    // redacted after the rest, so that the masks already given keep their numbers
    before: summary.changes && before && answer.kind === 'flow' ? redactor.deep(before) : null,
    edits: pile ? redactor.deep([...pile.changes]) : [],
    // last, for the same reason
    loadBalancerTargets: redactor.deep(targets),
  };
}
