// What reading flow logs gives: the conversations and what was met on the
// way (bad lines, NODATA and SKIPDATA windows, files). Plain JSON, so that it
// crosses every shell as it is.
import type { BadLine } from './parser.js';
import type { RecordPlace } from './conversations.js';

export type { BadLine } from './parser.js';
export type { RecordPlace } from './conversations.js';

export interface Traffic {
  records: number;
  packets: number;
  bytes: number;
}

export interface LegTraffic {
  accepted: Traffic;
  rejected: Traffic;
}

export interface ObservedConversation {
  /** the network interface whose flow log recorded it */
  interfaceId: string;
  accountId: string | null;
  /** the request's direction at the interface, as the records' flow-direction says; null where they do not say */
  direction: 'ingress' | 'egress' | null;
  /** who asked (pkt-srcaddr where the format has it, else srcaddr) */
  client: string;
  /** who answered */
  server: string;
  /** IANA protocol number */
  protocol: number;
  /** the server's port; null for protocols without ports */
  port: number | null;
  /** the first client port seen */
  clientPort: number | null;
  /** the request's records, and the replies' */
  forward: LegTraffic;
  return: LegTraffic;
  /** Unix seconds */
  firstStart: number | null;
  lastEnd: number | null;
  /** traffic-path of the egress records (version 5 formats), where given */
  trafficPath: number | null;
  /** the first records of each kind, by file and line */
  records: { forwardAccepted: RecordPlace[]; forwardRejected: RecordPlace[]; returnAccepted: RecordPlace[]; returnRejected: RecordPlace[] };
}

export interface FlowLogFileSummary {
  path: string;
  /** records read (lines that parsed, NODATA and SKIPDATA included) */
  records: number;
  badLines: number;
  gzip: boolean;
}

export interface InterfaceWindows {
  interfaceId: string;
  windows: number;
}

export interface FlowLogReading {
  files: FlowLogFileSummary[];
  /** records grouped into conversations */
  records: number;
  /** OK records without an action, interface, address or protocol (`-`): not grouped */
  recordsWithoutFlow: number;
  /** Unix seconds: the earliest start and the latest end of the records; null when none */
  window: { start: number; end: number } | null;
  /** the time window asked for (Unix seconds) and how many records fell outside it (or had no times); null when none was asked */
  timeFilter?: { start: number; end: number; recordsOutside: number } | null;
  /** capture windows with no traffic (NODATA), per interface */
  noData: InterfaceWindows[];
  /** capture windows whose records AWS skipped (SKIPDATA: over its internal capacity), per interface: traffic is missing there */
  skipData: InterfaceWindows[];
  badLines: { count: number; first: BadLine[] };
  warnings: string[];
  conversations: ObservedConversation[];
}
