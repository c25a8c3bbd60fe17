// Runs analyzeFlow and checks the output contract of DESIGN.md section 5 on
// every answer, so that each rule test also checks the shape of its result.
import { expect } from 'vitest';
import type { AnalyzeResult } from '../../../shared/api/analysis-types.js';
import { analyzeFlow, type FlowRequest } from '../../../shared/engine/index.js';
import type { NetworkModel } from '../../../shared/model/types.js';

export function analyze(model: NetworkModel, request: FlowRequest): AnalyzeResult {
  const result = analyzeFlow(model, request);
  expect(result.forward.hops.length).toBeGreaterThan(0);
  if (!result.forward.delivered) expect(result.return).toBeNull();
  if (result.verdict === 'reachable') {
    expect(result.blocked).toBeNull();
    expect(result.return?.delivered).toBe(true);
  } else {
    const blocked = result.blocked!;
    const leg = blocked.direction === 'forward' ? result.forward : result.return!;
    const last = leg.hops[leg.hops.length - 1]!;
    expect({ id: last.id, kind: last.kind, code: last.code }).toEqual({ id: blocked.id, kind: blocked.kind, code: blocked.code });
    expect(last.action === 'unknown').toBe(result.verdict === 'unknown');
    expect(leg.delivered).toBe(false);
  }
  return result;
}

/** The blocking component, code and leg: what most rule tests assert. */
export function drop(result: AnalyzeResult): { verdict: string; kind?: string; id?: string; code?: string; leg?: string } {
  if (!result.blocked) return { verdict: result.verdict };
  return { verdict: result.verdict, kind: result.blocked.kind, id: result.blocked.id, code: result.blocked.code, leg: result.blocked.direction };
}

export function hopIds(result: AnalyzeResult, leg: 'forward' | 'return' = 'forward'): string[] {
  return (leg === 'forward' ? result.forward : result.return!).hops.map((hop) => `${hop.kind}:${hop.id}:${hop.direction}`);
}
