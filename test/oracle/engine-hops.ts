// The engine's hops of one answer, one line each, to print beside the
// oracle's trace when the two disagree (differential runs).
import type { AnalyzeResult } from '../../shared/api/analysis-types.js';

export function hopsOf(result: AnalyzeResult | undefined): string[] {
  if (!result) return [];
  const legs = [
    ['forward', result.forward.hops],
    ['return', result.return?.hops ?? []],
  ] as const;
  return legs.flatMap(([leg, hops]) => hops.map((h) => `[${leg}] ${h.kind} ${h.id} ${h.direction} ${h.action}${h.code ? ` ${h.code}` : ''}: ${h.detail}`));
}
