// The one typed API every shell offers: Electron IPC (preload bridge), HTTP
// for the web face (`reachmap serve`), and direct calls in the CLI. The
// renderer only ever sees `window.reachmap: ReachmapApi`.
import type { AllowedBetweenResult } from './allowed-types.js';
import type { AnalyzeResult } from './analysis-types.js';
import type { DiagnoseReport } from './diagnose-types.js';
import type { ExposureReport } from './exposure-types.js';
import type { ProblemsReport } from './problems-types.js';
import type { Inspection } from './inspect-types.js';
import type { ChangeSet } from '../model/change-set.js';
import type { FlowLogsReport } from './flowlogs/report-types.js';
import type { DiffReport } from './diff/types.js';

export interface GraphNode {
  id: string;
  kind: string;
  name: string;
  parent: string | null;
  /** small facts shown by the inspector and used by search (ips, state, cidr ...) */
  data?: Record<string, unknown>;
}

export interface GraphEdge {
  source: string;
  target: string;
  kind: string;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface SnapshotSummary {
  /** an id for this opened snapshot (its content hash) */
  hash: string;
  /** where it came from: a path, "demo", or a live profile */
  label: string;
  createdAt: string | null;
  source: { kind: string; profile?: string; path?: string };
  accounts: string[];
  regions: { account: string; region: string }[];
  errors: { account: string; region: string; api: string; code: string; message: string }[];
  warnings: string[];
  counts: { vpcs: number; subnets: number; enis: number; instances: number };
  /** edits answers are made with (change sets applied over the snapshot, which itself is unchanged); absent or null when none */
  changes?: { count: number; sources: string[] } | null;
}

export interface FlowRequest {
  from: string;
  to: string;
  protocol?: string;
  port?: number;
  sourcePort?: number;
  /** where fixes admit internet clients from, when an end is "the internet" (default 0.0.0.0/0; --client-cidr) */
  clientCidr?: string;
  /** through a load balancer: the one target to follow, by id, address, ENI or Name (--target) */
  target?: string;
  /** "ipv4" (default) or "ipv6" (--family); an IPv6 address at either end makes the flow IPv6 */
  family?: string;
}

/** `allowed`: what A can send to B */
export interface AllowedRequest {
  from: string;
  to: string;
  /** the source port every trace uses (default 49152) */
  sourcePort?: number;
  /** the address family (--family, as analyze's); a literal address decides it */
  family?: string;
}

export interface ProfileInfo {
  name: string;
  region: string | null;
}

export interface LiveSnapshotRequest {
  profile?: string;
  /** several profiles, one account each, collected into one snapshot (as `snapshot --profile a --profile b`) */
  profiles?: string[];
  /** assume this role in every active account of the organization (as `snapshot --org-role`), from `profile` */
  orgRole?: string;
  /** with orgRole: only these account ids */
  accounts?: string[];
  regions?: string[] | 'all';
  endpointUrl?: string;
}

export interface CollectProgress {
  callsDone: number;
  callsTotal: number;
  resources: number;
  region?: string;
  api?: string;
}

/** Errors cross every shell as this shape; `kind: "input"` is the user's to fix (exit 2 in the CLI). */
export interface ApiError {
  kind: 'input' | 'internal';
  message: string;
}

/** Compare with…: the open snapshot and another one */
export interface CompareRequest {
  /** the other snapshot, a file or folder (in the desktop app, one the user chose) */
  path?: string;
  /** or an earlier live snapshot of the desktop app's history (HistoryEntry.id) */
  historyId?: string;
  /** the other snapshot is the earlier one (default: what it was against what is open) or the later one */
  otherIs?: 'old' | 'new';
  /** an intents file (docs/intents.md): the intents whose verdict changed are listed */
  intents?: string;
  /** a flow to compare too (the one on screen) */
  flow?: FlowRequest;
}

/** VPC flow logs set against the open snapshot (`reachmap flowlogs`) */
export interface FlowLogsRequest {
  /** flow log files or folders (plain or .gz) */
  paths: string[];
  /** how many top talkers and rejects (default 10) */
  top?: number;
  /** hours the records may be from the snapshot's createdAt before a warning (default 24) */
  maxSkewHours?: number;
  /** an intents file: accepted traffic no intent allows, rejected traffic one expects */
  intents?: string;
  /** only the records whose capture window overlaps this one (ISO 8601 times; the map's time filter) */
  window?: { start: string; end: string };
}

/** One live snapshot the desktop app kept (under its user-data folder). */
export interface HistoryEntry {
  /** its file's name, e.g. "live-prod-20261129T120000Z.json" */
  id: string;
  takenAt: string;
  profile: string | null;
  accounts: string[];
  regions: { account: string; region: string }[];
}

export interface HistoryList {
  /** newest first */
  entries: HistoryEntry[];
  /** how many are kept: older ones are deleted when a new one is taken */
  keep: number;
}

export interface ReachmapApi {
  /** open a snapshot (a path to a folder or file; undefined = the bundled demo) and make it current */
  openSnapshot(path?: string): Promise<SnapshotSummary>;
  currentSnapshot(): Promise<SnapshotSummary | null>;
  graph(): Promise<Graph>;
  analyze(request: FlowRequest): Promise<AnalyzeResult>;
  /** every protocol and port range that gets from A to B and back (the engine's allowedBetween) */
  allowed(request: AllowedRequest): Promise<AllowedBetweenResult>;
  exposure(): Promise<ExposureReport>;
  /** what a careful reviewer flags without being asked: severity, component, explanation, fix */
  problems(): Promise<ProblemsReport>;
  diagnose(target: string, options?: { port?: number; family?: string }): Promise<DiagnoseReport>;
  /** the inspector's view of one component (ENI, subnet, security group, ACL, route table, gateway ...) */
  inspect(id: string): Promise<Inspection>;
  listProfiles(): Promise<ProfileInfo[]>;
  /** take a live snapshot; progress arrives through onProgress; returns the summary of the opened result */
  takeSnapshot(request: LiveSnapshotRequest, onProgress?: (progress: CollectProgress) => void): Promise<SnapshotSummary>;
  cancelSnapshot(): Promise<void>;
  /** answer on the snapshot with these edits applied over those applied so far (a fix tried on the map); the snapshot itself is never changed */
  applyChanges(changeSet: ChangeSet, source: string): Promise<SnapshotSummary>;
  /** take back the last `count` change sets applied (all when count is undefined) */
  undoChanges(count?: number): Promise<SnapshotSummary>;
  /** the edits applied so far, as one change set; null when none */
  changes(): Promise<ChangeSet | null>;
  /** what changed between the open snapshot (with its edits) and another: components, exposure, problems, and the intents or flow whose verdict changed */
  compareWith(request: CompareRequest): Promise<DiffReport>;
  /** flow log records read from files and set against the open snapshot: rejects explained, disagreements, top talkers */
  flowLogs(request: FlowLogsRequest): Promise<FlowLogsReport>;
  /** the live snapshots the desktop app kept (not available in the web face) */
  history(): Promise<HistoryList>;
  /** keep only the `keep` newest live snapshots, now and from now on */
  pruneHistory(keep: number): Promise<HistoryList>;
}
