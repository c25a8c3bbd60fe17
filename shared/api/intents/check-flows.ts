// Evaluates every flow intent against one model: the engine's indexes, built
// with the model, serve all of them; tag selectors are expanded once.
import { analyzeFlow } from '../../engine/analyze.js';
import { resolveEndpoint } from '../../engine/endpoints.js';
import type { NetworkModel } from '../../model/types.js';
import type { AnalyzeResult } from '../analysis-types.js';
import { InputError } from '../errors.js';
import type { FlowRequest } from '../reachmap-api.js';
import type { FlowCheckResult, FlowIntentEcho } from './check-types.js';
import type { FlowIntent } from './document.js';
import { createEndpointExpander } from './flow-endpoints.js';
import { isTagSelector } from './tag-selector.js';

export function checkFlows(model: NetworkModel, flows: readonly FlowIntent[], file: string): FlowCheckResult[] {
  const expand = createEndpointExpander(model);
  const results: FlowCheckResult[] = [];
  for (const flow of flows) {
    const where = `${file}: flows[${flow.index}]`;
    const echo = echoOf(flow);
    const sources = expand(flow.from, `${where}.from`);
    const destinations = expand(flow.to, `${where}.to`);
    const expanded = isTagSelector(flow.from) || isTagSelector(flow.to);
    const before = results.length;
    for (const from of sources) {
      for (const to of destinations) {
        // an instance picked by a selector on both sides is not a flow to itself
        if (expanded && from === to) continue;
        const request: FlowRequest = { from, to, protocol: flow.protocol };
        if (flow.port !== undefined) request.port = flow.port;
        if (flow.sourcePort !== undefined) request.sourcePort = flow.sourcePort;
        if (flow.family !== undefined) request.family = flow.family;
        const result = analyzeOrExplain(model, request, where);
        // the engine's object is ours to extend: no copy of its hops per flow
        results.push(Object.assign(result, { kind: 'flow' as const, intent: echo, passed: result.verdict === flow.expect }));
      }
    }
    if (results.length === before) throw new InputError(`${where}: the selectors match only one instance on both sides: no flow to check`);
  }
  return results;
}

function analyzeOrExplain(model: NetworkModel, request: FlowRequest, where: string): AnalyzeResult {
  try {
    return analyzeFlow(model, request);
  } catch (error) {
    if (error instanceof InputError) throw new InputError(`${where}${fieldOf(model, request)}: ${error.message}`);
    throw error;
  }
}

/** ".from" / ".to" when that endpoint alone is what the engine refused (asked again only on this error path) */
function fieldOf(model: NetworkModel, request: FlowRequest): string {
  const refuses = (text: string, role: 'source' | 'destination') => {
    try {
      resolveEndpoint(model, text, role);
      return false;
    } catch {
      return true;
    }
  };
  if (refuses(request.from, 'source')) return '.from';
  if (refuses(request.to, 'destination')) return '.to';
  return '';
}

function echoOf(flow: FlowIntent): FlowIntentEcho {
  return {
    id: `flows[${flow.index}]`,
    index: flow.index,
    name: flow.name ?? null,
    from: flow.from,
    to: flow.to,
    protocol: flow.protocol,
    port: flow.port ?? null,
    sourcePort: flow.sourcePort ?? null,
    // only where the file says it: an IPv4 intent's echo is as it was
    ...(flow.family !== undefined ? { family: flow.family } : {}),
    expect: flow.expect,
  };
}
