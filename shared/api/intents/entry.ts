// One flow intent as it is written in an intents file, from an analyzed flow.
// Kept apart from the parser so that the renderer can use it without zod or yaml.
import { DEFAULT_SOURCE_PORT } from '../../model/flows.js';

export type Expectation = 'reachable' | 'unreachable';

/** a flow intent as it is written in the file */
export interface FlowIntentEntry {
  name?: string;
  from: string;
  to: string;
  protocol: string;
  port?: number;
  sourcePort?: number;
  family?: 'ipv6';
  expect: Expectation;
}

/** a flow as `analyze` echoes it in `query` (port null or absent for protocols without ports) */
export interface FlowQueryLike {
  from: string;
  to: string;
  protocol: string;
  port?: number | null;
  sourcePort?: number;
  family?: 'ipv4' | 'ipv6';
}

/** The intent for a flow, in the order the file reads best: the name first, the expectation last; the default source port left out. */
export function intentOfQuery(query: FlowQueryLike, expect: Expectation, name?: string): FlowIntentEntry {
  const label = name?.trim();
  return {
    ...(label ? { name: label } : {}),
    from: query.from,
    to: query.to,
    protocol: query.protocol,
    ...(query.port !== null && query.port !== undefined ? { port: query.port } : {}),
    ...(query.sourcePort !== undefined && query.sourcePort !== DEFAULT_SOURCE_PORT ? { sourcePort: query.sourcePort } : {}),
    // IPv4 is the default: only an IPv6 flow says its family
    ...(query.family === 'ipv6' ? { family: 'ipv6' as const } : {}),
    expect,
  };
}

/** the entry as one YAML list item, to paste under `flows:` (a JSON mapping is YAML) */
export function intentSnippet(entry: FlowIntentEntry): string {
  return `  - ${JSON.stringify(entry)}`;
}
