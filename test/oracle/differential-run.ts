// What a differential run compares: each side's answer to one flow as an
// outcome (a verdict and the blocking component, or bad input), and the
// report of a disagreement with both sides' steps.
import { InputError } from '../../shared/api/errors.js';
import type { AnalyzeResult } from '../../shared/api/analysis-types.js';
import { hopsOf } from './engine-hops.js';
import { OracleInputError, type OracleAnswer, type OracleFlow } from './oracle.js';

export type Outcome = { kind: 'answer'; verdict: string; blocked: string | null } | { kind: 'input-error'; message: string };

type Blocked = { id: string; kind: string; code: string; direction: string } | null;

const blockedText = (b: Blocked) => (b ? `${b.kind} ${b.id} ${b.code} ${b.direction}` : null);

export function oracleOutcome(ask: (flow: OracleFlow) => OracleAnswer, flow: OracleFlow): { outcome: Outcome; answer?: OracleAnswer } {
  try {
    const answer = ask(flow);
    return { outcome: { kind: 'answer', verdict: answer.verdict, blocked: blockedText(answer.blocked) }, answer };
  } catch (e) {
    if (e instanceof OracleInputError) return { outcome: { kind: 'input-error', message: e.message } };
    throw e;
  }
}

export function engineOutcome(run: () => AnalyzeResult): { outcome: Outcome; result?: AnalyzeResult } {
  try {
    const result = run();
    return { outcome: { kind: 'answer', verdict: result.verdict, blocked: blockedText(result.blocked) }, result };
  } catch (e) {
    if (e instanceof InputError) return { outcome: { kind: 'input-error', message: e.message } };
    throw e;
  }
}

/** Both refuse the question, or both give the same verdict and blocking component. */
export function agree(a: Outcome, b: Outcome): boolean {
  if (a.kind === 'input-error' || b.kind === 'input-error') return a.kind === b.kind;
  return a.verdict === b.verdict && a.blocked === b.blocked;
}

export interface Disagreement {
  seed: number;
  index: number;
  flow: OracleFlow;
  oracle: Outcome;
  engine: Outcome;
  oracleTrace: string[];
  engineResult: AnalyzeResult | undefined;
}

/** One flow of a run with both answers and both sides' steps; `envPrefix` names the replay variables (ORACLE6 -> ORACLE6_SEED) of `testFile`. */
export function describeRun(d: Disagreement, envPrefix: string, testFile: string): string {
  return [
    `seed ${d.seed} flow ${d.index}: ${JSON.stringify(d.flow)}`,
    `  replay: ${envPrefix}_SEED=${d.seed} ${envPrefix}_FLOW=${d.index} npx vitest run ${testFile}`,
    `  oracle: ${JSON.stringify(d.oracle)}`,
    `  engine: ${JSON.stringify(d.engine)}`,
    '  oracle trace:',
    ...d.oracleTrace.map((l) => `    ${l}`),
    '  engine hops:',
    ...hopsOf(d.engineResult).map((l) => `    ${l}`),
  ].join('\n');
}
