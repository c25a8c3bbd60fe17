// `reachmap flowlogs --json` (docs/schemas/flowlogs.schema.json): what the
// records say the network did, set against what the configuration says.
import type { Blocked, ExplanationCode, Verdict } from '../../engine/analysis-types.js';
import type { BadLine, InterfaceWindows, ObservedConversation, RecordPlace, Traffic } from './reading-types.js';

/** Where the recording interface stands in the conversation. */
export type InterfaceSide = 'client' | 'server' | 'transit' | 'unknown';

/** What one conversation's records tell, set against the model. */
export type FindingKind =
  /** REJECT records the configuration explains: it drops the flow */
  | 'reject-explained'
  /** REJECT records, yet the configuration lets the flow through: a disagreement */
  | 'reject-not-explained'
  /** REJECT records where the model cannot judge the flow (unknown, or not traceable) */
  | 'reject-unjudged'
  /** ACCEPT records where the configuration says a rule drops the flow: a disagreement */
  | 'accept-contradicts-model';

export interface Finding {
  kind: FindingKind;
  /** the leg the records are on: the request (forward) or the reply (return) */
  leg: 'forward' | 'return';
  disagreement: boolean;
  text: string;
}

export interface ModelAnswer {
  /** the flow as `reachmap analyze` takes it */
  /** `family: "ipv6"` for an IPv6 flow (absent for IPv4, as `analyze` takes it without --family) */
  flow: { from: string; to: string; protocol: string; port: number | null; sourcePort: number | null; family?: 'ipv6' };
  verdict: Verdict;
  /** the component and rule that drop it, where one does */
  blocked: Pick<Blocked, 'id' | 'kind' | 'direction' | 'code' | 'detail' | 'rule'> | null;
}

export interface ReconciledConversation extends ObservedConversation {
  /** the Name of the interface's instance (or the interface), where it has one */
  interfaceName: string | null;
  side: InterfaceSide;
  /** the model's answer for the flow; null where it could not be traced (see note) */
  model: ModelAnswer | null;
  /** why the flow was not traced, where it was not */
  note: string | null;
  findings: Finding[];
}

/** A conversation in a top list: its place in `conversations` and the figures it is ranked by. */
export interface RankedConversation {
  index: number;
  interfaceId: string;
  client: string;
  server: string;
  protocol: number;
  port: number | null;
  packets: number;
  bytes: number;
}

export interface IntentMismatch {
  /** the conversation's place in `conversations` */
  index: number;
  /** the intent that expects it (rejected traffic); null for accepted traffic no intent allows */
  intent: string | null;
  text: string;
}

export interface FlowLogsReport {
  snapshot: { label: string; createdAt: string | null };
  /** the records' time window (ISO 8601), null when no record has times */
  window: { start: string; end: string } | null;
  /** the time filter asked for (ISO 8601) and the records it left out (or that had no times); null without one */
  timeFilter?: { start: string; end: string; recordsOutside: number } | null;
  /** hours between the window and the snapshot's createdAt (0 inside it), and whether it passes --max-skew */
  skew: { hours: number; maxHours: number; exceeded: boolean } | null;
  summary: {
    files: number;
    records: number;
    badLines: number;
    conversations: number;
    accepted: Traffic & { conversations: number };
    rejected: Traffic & { conversations: number };
    explained: number;
    disagreements: number;
    unjudged: number;
    noDataWindows: number;
    skipDataWindows: number;
  };
  topTalkers: RankedConversation[];
  topRejects: RankedConversation[];
  /** with --intents: accepted traffic no intent allows, and rejected traffic an intent expects */
  intents: { file: string; acceptedNotAllowed: IntentMismatch[]; rejectedExpected: IntentMismatch[] } | null;
  conversations: ReconciledConversation[];
  noData: InterfaceWindows[];
  skipData: InterfaceWindows[];
  badLines: { count: number; first: BadLine[] };
  warnings: string[];
}

export type { BadLine, InterfaceWindows, ObservedConversation, RecordPlace, Traffic, ExplanationCode };
