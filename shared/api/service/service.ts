// The one implementation of ReachmapApi: holds the current snapshot and its
// model, and answers every shell (web face, Electron IPC) the same way.
import type { NetworkModel } from '../../model/types.js';
import { InputError } from '../errors.js';
import { inspectComponent } from '../inspect.js';
import type { Inspection } from '../inspect-types.js';
import type { AllowedRequest, FlowLogsRequest, CollectProgress, CompareRequest, FlowRequest, Graph, LiveSnapshotRequest, ReachmapApi, SnapshotSummary } from '../reachmap-api.js';
import type { AnalyzeResult } from '../analysis-types.js';
import type { CheckReport, IntentsDocument } from '../intents.js';
import type { OpenedSnapshot, ReachmapBackend } from './backend.js';
import { enrichGraph } from './enrich-graph.js';
import { FixVerifier, verifiedAnalysis } from '../fixes/verify.js';
import type { ChangeSet } from '../../model/change-set.js';
import type { FlowLogReading } from '../flowlogs/reading-types.js';
import type { FlowLogsReport } from '../flowlogs/report-types.js';
import type { ReconcileOptions } from '../flowlogs/reconcile.js';
import { timeWindowOf } from '../flowlogs/time-window.js';
import { addChanges, currentChangeSet, editedNote, undoChanges, unedited, type EditedSnapshot } from './edited-snapshot.js';
import { liveSourceText } from '../live/request.js';

/** A feature whose module has not landed: the user's request is fine, the product cannot answer it yet. */
export class NotAvailableError extends InputError {
  override readonly name: string = 'NotAvailableError';
  constructor(feature: string) {
    super(`${feature} is not available yet in this build of Reachmap`);
  }
}

interface Current {
  opened: OpenedSnapshot;
  /** the snapshot as opened, and with the edits applied so far (the same when none): only where the raw form is known */
  base: EditedSnapshot | undefined;
  edited: EditedSnapshot | undefined;
  summary: SnapshotSummary;
  graph: Graph | undefined;
}

function summarize(opened: OpenedSnapshot, fallbackLabel: string): SnapshotSummary {
  const { model } = opened;
  const source = model.meta.source;
  return {
    // taken on first read (0.2-0.6 s at 10k ENIs): the web face shows it, the CLI's answers never read it
    get hash() {
      return model.meta.hash;
    },
    label: opened.label ?? fallbackLabel,
    createdAt: model.meta.createdAt ?? null,
    source: {
      kind: source.kind,
      ...(source.profile ? { profile: source.profile } : {}),
      ...(source.path ? { path: source.path } : {}),
    },
    accounts: [...model.meta.accounts],
    regions: model.meta.regions.map((r) => ({ account: r.account, region: r.region })),
    errors: model.errors.map((e) => ({ account: e.account, region: e.region, api: e.api, code: e.code, message: e.message })),
    warnings: [...opened.warnings],
    counts: {
      vpcs: model.vpcs.size,
      subnets: model.subnets.size,
      enis: model.networkInterfaces.size,
      instances: model.instances.size,
    },
  };
}

export interface ReachmapService extends ReachmapApi {
  /** as the API's, and several paths opened as one (the CLI's repeated --snapshot) */
  openSnapshot(path?: string | readonly string[]): Promise<SnapshotSummary>;
  /** the model of the current snapshot, for shells that need more than the API (the report) */
  currentModel(): NetworkModel | null;
  /** the topology as `reachmap graph` prints it: without the facts the map adds for drawing paths */
  topology(): Promise<Graph>;
  /** a file of intended flows and exposure rules checked against the current snapshot (`reachmap check`) */
  check(document: IntentsDocument): Promise<CheckReport>;
  /** flow log records (read by the shell) set against the current snapshot (`reachmap flowlogs`) */
  reconcileFlowLogs(reading: FlowLogReading, options?: Omit<ReconcileOptions, 'label'>): Promise<FlowLogsReport>;
}

export function createReachmapService(backend: ReachmapBackend): ReachmapService {
  let current: Current | null = null;
  let collecting: AbortController | null = null;
  // The last open that failed while nothing was open: a page that connects later must still learn why (file and field).
  let failedOpen: unknown = null;

  function requireCurrent(): Current {
    if (!current) throw new InputError('no snapshot is open');
    return current;
  }

  function use(opened: OpenedSnapshot, label: string): SnapshotSummary {
    const base = opened.raw ? unedited(opened.model, opened.raw) : undefined;
    current = { opened, base, edited: base, summary: summarize(opened, label), graph: undefined };
    return current.summary;
  }

  /** The model answers come from: the opened snapshot with the edits applied so far. */
  function model(): NetworkModel {
    const state = requireCurrent();
    return state.edited?.model ?? state.opened.model;
  }

  /** An answer's warnings, with the sentence that says it is on an edited snapshot. */
  function noted<T extends { warnings: string[] }>(answer: T): T {
    const note = current?.edited ? editedNote(current.edited) : undefined;
    return note ? { ...answer, warnings: [...answer.warnings, note] } : answer;
  }

  function useEdits(edited: EditedSnapshot): SnapshotSummary {
    const state = requireCurrent();
    state.edited = edited;
    state.graph = undefined;
    const sources = edited.sources.map((s) => s.source);
    state.summary = { ...state.summary, changes: edited.edits.length === 0 ? null : { count: edited.edits.length, sources } };
    return state.summary;
  }

  function requireEditable(): { base: EditedSnapshot; edited: EditedSnapshot } {
    const state = requireCurrent();
    if (!state.base || !state.edited) throw new NotAvailableError('editing this snapshot');
    return { base: state.base, edited: state.edited };
  }

  return {
    async openSnapshot(path?: string | readonly string[]) {
      try {
        const opened = await backend.openSnapshot(path);
        failedOpen = null;
        return use(opened, typeof path === 'object' ? path.join(' + ') : (path ?? 'demo'));
      } catch (error) {
        if (!current) failedOpen = error;
        throw error;
      }
    },
    async currentSnapshot() {
      if (!current && failedOpen) throw failedOpen;
      return current?.summary ?? null;
    },
    async graph() {
      const state = requireCurrent();
      state.graph ??= enrichGraph(await this.topology(), model());
      return state.graph;
    },
    async topology() {
      const state = requireCurrent();
      if (!backend.graphOf) throw new NotAvailableError('the topology graph');
      return backend.graphOf(state.edited?.model ?? state.opened.model);
    },
    async check(document: IntentsDocument) {
      // loaded on use: only `check` and the intents panel need the YAML readers and the intents checker
      const { checkIntents } = await import('../intents.js');
      const report = checkIntents(model(), document);
      const edited = current?.edited;
      if (!edited) return report;
      // The fixes of dropped flows are tried too, as analyze's are. Each flow is its own question, so its
      // tier is not re-checked (flowsRepaired counts the flow itself); fixes met again are tried once.
      const verifier = new FixVerifier(edited, 0);
      const results = report.results.map((result) => {
        if (result.kind !== 'flow' || !result.blocked?.fix?.changes) return result;
        const { query } = result;
        const request = { from: query.from, to: query.to, protocol: query.protocol, ...(query.port !== null ? { port: query.port } : {}), sourcePort: query.sourcePort };
        return { ...verifier.verify(request, result), kind: result.kind, intent: result.intent, passed: result.passed };
      });
      return { ...report, results };
    },
    async flowLogs(request: FlowLogsRequest) {
      requireCurrent();
      if (!backend.readFlowLogs) throw new NotAvailableError('reading flow logs');
      const intents = request.intents === undefined ? undefined : await requireIntentsReader()(request.intents);
      const window = request.window ? timeWindowOf(request.window) : undefined;
      const reading = await backend.readFlowLogs(request.paths, { quoteValues: false, ...(window ? { window } : {}) });
      return this.reconcileFlowLogs(reading, {
        ...(request.top !== undefined ? { top: request.top } : {}),
        ...(request.maxSkewHours !== undefined ? { maxSkewHours: request.maxSkewHours } : {}),
        ...(intents ? { intents } : {}),
      });
    },
    async reconcileFlowLogs(reading: FlowLogReading, options: Omit<ReconcileOptions, 'label'> = {}) {
      // loaded on use: only the flow-log answers need it
      const { reconcileFlowLogs } = await import('../flowlogs/reconcile.js');
      const report = reconcileFlowLogs(model(), reading, { ...options, label: requireCurrent().summary.label });
      return noted(report);
    },
    async analyze(request: FlowRequest): Promise<AnalyzeResult> {
      if (!backend.analyzeFlow) throw new NotAvailableError('flow analysis');
      const result = backend.analyzeFlow(model(), request);
      // Fixes are tried before they are offered, where the describe JSON is known to edit.
      const edited = current?.edited;
      return noted(edited ? verifiedAnalysis(edited, request, result) : result);
    },
    async allowed(request: AllowedRequest) {
      if (!backend.allowedBetween) throw new NotAvailableError('what one end can send to the other');
      return noted(backend.allowedBetween(model(), request.from, request.to, { ...(request.sourcePort === undefined ? {} : { sourcePort: request.sourcePort }), ...(request.family === undefined ? {} : { family: request.family }) }));
    },
    async exposure() {
      return noted(backend.exposure(model()));
    },
    async problems() {
      if (!backend.problems) throw new NotAvailableError('the list of problems');
      return noted(backend.problems(model()));
    },
    async diagnose(target: string, options?: { port?: number; family?: string }) {
      return noted(backend.diagnose(model(), target, options));
    },
    async inspect(id: string): Promise<Inspection> {
      return inspectComponent(model(), id);
    },
    async listProfiles() {
      if (!backend.listProfiles) throw new NotAvailableError('listing AWS profiles');
      return backend.listProfiles();
    },
    async takeSnapshot(request: LiveSnapshotRequest, onProgress?: (progress: CollectProgress) => void) {
      if (!backend.collect) throw new NotAvailableError('live snapshots');
      if (collecting) throw new InputError('a live snapshot is already being taken');
      const controller = new AbortController();
      collecting = controller;
      try {
        const opened = await backend.collect(request, (progress) => onProgress?.(progress), controller.signal);
        return use(opened, liveSourceText(request));
      } finally {
        collecting = null;
      }
    },
    async cancelSnapshot() {
      collecting?.abort();
    },
    async applyChanges(changeSet: ChangeSet, source: string) {
      const { base, edited } = requireEditable();
      return useEdits(addChanges(base, edited, changeSet, source));
    },
    async undoChanges(count?: number) {
      const { base, edited } = requireEditable();
      return useEdits(undoChanges(base, edited, count));
    },
    async changes() {
      const edited = requireCurrent().edited;
      return edited ? currentChangeSet(edited) : null;
    },
    async compareWith(request: CompareRequest) {
      const state = requireCurrent();
      if (!backend.diff) throw new NotAvailableError('comparing snapshots');
      if (request.path === undefined) throw new NotAvailableError('the history of live snapshots outside the desktop app');
      const raw = state.edited?.raw ?? state.opened.raw;
      if (!raw) throw new NotAvailableError('comparing this snapshot');
      // the other snapshot is opened beside the current one, which stays open and current
      const other = await backend.openSnapshot(request.path);
      if (!other.raw) throw new NotAvailableError('comparing that snapshot');
      const intents = request.intents === undefined ? undefined : await requireIntentsReader()(request.intents);
      const here = { raw, model: model(), label: state.summary.label + (state.edited && state.edited.edits.length > 0 ? ' (with the edits tried)' : '') };
      const there = { raw: other.raw, model: other.model, label: other.label ?? request.path };
      const [before, after] = request.otherIs === 'new' ? [here, there] : [there, here];
      const report = await backend.diff(before, after, { ...(intents ? { intents } : {}), ...(request.flow ? { flow: request.flow } : {}) });
      return { ...report, warnings: [...report.warnings, ...other.warnings.map((w) => `${request.otherIs === 'new' ? 'new' : 'old'}: ${w}`)] };
    },
    async history() {
      throw new NotAvailableError('the history of live snapshots (kept by the desktop app)');
    },
    async pruneHistory() {
      throw new NotAvailableError('the history of live snapshots (kept by the desktop app)');
    },
    currentModel() {
      return current ? model() : null;
    },
  };

  function requireIntentsReader(): (path: string) => ReturnType<NonNullable<ReachmapBackend['readIntents']>> {
    if (!backend.readIntents) throw new NotAvailableError('reading an intents file');
    return backend.readIntents;
  }
}
