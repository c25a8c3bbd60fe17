// The shape of `reachmap check --json` (docs/schemas/check.schema.json): one
// result per evaluated intent, then a summary.
import type { AnalyzeResult } from '../analysis-types.js';
import type { PortInterval } from '../exposure-types.js';
import type { Expectation } from './document.js';

/** the flow intent as written, with the endpoints this result used when a tag selector expanded */
export interface FlowIntentEcho {
  /** "flows[3]" */
  id: string;
  index: number;
  name: string | null;
  /** as written in the file (may be a tag selector) */
  from: string;
  to: string;
  protocol: string;
  port: number | null;
  sourcePort: number | null;
  /** present where the intent names one */
  family?: 'ipv4' | 'ipv6';
  expect: Expectation;
}

/** the object `analyze --json` prints, plus the intent and whether the verdict met it */
export type FlowCheckResult = AnalyzeResult & {
  kind: 'flow';
  intent: FlowIntentEcho;
  passed: boolean;
};

export interface ExposureAllowEcho {
  to: string;
  protocol: string;
  ports: PortInterval[] | null;
  from: string[] | null;
}

/** a service reachable from the internet that no allow rule covers */
export interface UnexpectedExposure {
  eni: string;
  instance: string | null;
  name: string | null;
  publicIp: string;
  protocol: string;
  /** the ports not allowed (tcp/udp); null for protocols without ports */
  ports: PortInterval[] | null;
  /** the internet sources that reach them */
  sources: string[];
  /** the family of the exposure entry (exposure rules cover IPv4 and IPv6 alike) */
  family?: 'ipv4' | 'ipv6';
}

export interface ExposureCheckResult {
  kind: 'exposure';
  intent: { id: 'exposure'; allow: ExposureAllowEcho[]; otherwise: 'deny' };
  passed: boolean;
  /** how many ENIs the internet reaches at all */
  exposedEnis: number;
  unexpected: UnexpectedExposure[];
  warnings: string[];
}

export type CheckResult = FlowCheckResult | ExposureCheckResult;

export interface CheckSummary {
  total: number;
  passed: number;
  failed: number;
}

export interface CheckReport {
  /** the intents file as named on the command line */
  intents: string;
  results: CheckResult[];
  summary: CheckSummary;
}
