// What the service needs from the rest of the core. The Node wiring
// (service/node.ts) fills it with the importer, the engine and the collector;
// a part that does not exist yet is simply absent and answers "not available".
import type { AllowedBetweenResult } from '../allowed-types.js';
import type { AnalyzeResult } from '../analysis-types.js';
import type { DiagnoseReport } from '../diagnose-types.js';
import type { ExposureReport } from '../exposure-types.js';
import type { ProblemsReport } from '../problems-types.js';
import type { NetworkModel } from '../../model/types.js';
import type { FlowLogReading } from '../flowlogs/reading-types.js';
import type { RawSnapshot } from '../../aws/raw.js';
import type { CollectProgress, FlowRequest, Graph, LiveSnapshotRequest, ProfileInfo } from '../reachmap-api.js';
import type { DiffInput, DiffOptions } from '../diff/diff.js';
import type { DiffReport } from '../diff/types.js';
import type { IntentsDocument } from '../intents/document.js';

export interface OpenedSnapshot {
  model: NetworkModel;
  /** the describe JSON the model was built from: what change sets edit */
  raw?: RawSnapshot;
  warnings: string[];
  /** how the shells name it: a path, "demo", or "profile NAME" */
  label?: string;
}

export interface ReachmapBackend {
  /** several paths: opened as one, as `snapshot merge` joins them */
  openSnapshot(path?: string | readonly string[]): Promise<OpenedSnapshot>;
  graphOf?(model: NetworkModel): Graph;
  analyzeFlow?(model: NetworkModel, request: FlowRequest): AnalyzeResult;
  allowedBetween?(model: NetworkModel, from: string, to: string, options: { sourcePort?: number; family?: string }): AllowedBetweenResult;
  exposure(model: NetworkModel): ExposureReport;
  problems?(model: NetworkModel): ProblemsReport;
  diagnose(model: NetworkModel, target: string, options?: { port?: number; family?: string }): DiagnoseReport;
  listProfiles?(): Promise<ProfileInfo[]>;
  /** two snapshots compared (shared/api/diff) */
  diff?(before: DiffInput, after: DiffInput, options: DiffOptions): Promise<DiffReport>;
  /** flow log files read into conversations; `quoteValues: false` keeps file content out of bad-line reasons (a page asks) */
  readFlowLogs?(paths: readonly string[], options: { quoteValues: boolean; window?: { start: number; end: number } }): Promise<FlowLogReading>;
  /** an intents file read and parsed (its errors name the file and field) */
  readIntents?(path: string): Promise<IntentsDocument>;
  collect?(request: LiveSnapshotRequest, onProgress: (progress: CollectProgress) => void, signal: AbortSignal): Promise<OpenedSnapshot>;
}
