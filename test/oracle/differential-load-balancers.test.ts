// Differential run through load balancers (issue 16, "the oracle of Engine
// extended with load balancers"): random networks of random-network.ts with
// random ALBs and NLBs added (random-load-balancers.ts), random flows toward
// them, answered by the engine (analyzeFlow) and by the independent oracle
// (oracle-load-balancers.ts over oracle.ts, reading the raw describe JSON).
// They must agree on the verdict, the blocking component, kind, code and leg,
// the node address the client used, and on every target's own answer in the
// stated order, with its computed health check (some flows pin one target
// with --target, as analyze does). The run fails unless a real share of flows is delivered
// through a load balancer and every blocking situation the generator is built
// to produce occurred.
//
// Replay one network or one flow of a failing run (LB_DUAL=1 for a dual-stack one, seeds from 1001):
//   LB_SEED=17 npx vitest run test/oracle/differential-load-balancers.test.ts
//   LB_SEED=17 LB_FLOW=4 npx vitest run test/oracle/differential-load-balancers.test.ts
//   LB_DUAL=1 LB_SEED=1003 npx vitest run test/oracle/differential-load-balancers.test.ts
import { describe, expect, it } from 'vitest';
import { InputError } from '../../shared/api/errors.js';
import type { AnalyzeResult } from '../../shared/api/analysis-types.js';
import { buildModel } from '../../shared/aws/build-model.js';
import type { RawSnapshot } from '../../shared/aws/raw.js';
import { analyzeFlow } from '../../shared/engine/analyze.js';
import { hopsOf } from './engine-hops.js';
import { OracleInputError, oracleFor, type OracleAnswer, type OracleBlocked, type OracleFlow } from './oracle.js';
import type { OracleLoadBalancerAnswer } from './oracle-load-balancers.js';
import { loadBalancerFlow, randomLoadBalancedNetwork, type LoadBalancedNetwork } from './random-load-balancers.js';
import { randomFlow, Rng } from './random-network.js';

const NETWORKS = 100;
const FLOWS_PER_NETWORK = 24;
const MIN_FLOWS = 2_000;
const MIN_REACHABLE_SHARE = 0.12;

/** Every load-balancer situation the generator is built to produce: kind, code and leg, at the top or for one target. */
const REQUIRED = [
  'load-balancer BAD_STATE forward',
  'load-balancer ELBV2_LISTENERS_MISMATCH forward',
  'listener ELBV2_LISTENER_PORT_RESTRICTION forward',
  'listener ELBV2_LISTENER_REQUIRES_TG_ACCEPT forward',
  'listener UNKNOWN_RESOURCE forward',
  'target-group UNKNOWN_RESOURCE forward',
  'target-group ELBV2_LISTENER_HAS_NO_TG forward',
  'target-group ELBV2_TARGET_NOT_IN_SERVICE forward',
  'target-group ELB_INSTALLED_AZ_RESTRICTION forward',
  'load-balancer ELB_NOT_CROSSZONE forward',
  'load-balancer ELBV2_NO_TARGETS_IN_AZ forward',
  'eni BAD_STATE forward',
  'security-group ENI_SG_RULES_MISMATCH forward',
  'network-acl SUBNET_ACL_RESTRICTION forward',
  'network-acl SUBNET_ACL_RESTRICTION return',
  'internet-gateway IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS forward',
  'listener ELBV2_RULE_SOURCE_IP_MISMATCH forward',
  'target-group UNSUPPORTED_COMPONENT forward',
  'load-balancer UNSUPPORTED_COMPONENT forward',
  'target-group ELBV2_LOOPBACK_WITH_CLIENT_IP return',
];

const DUAL_NETWORKS = 100;
/** What dual-stack load balancers and IPv6 clients add (issue 17). */
const REQUIRED_DUAL = [
  'load-balancer ELBV2_IPV4_ONLY forward',
  'load-balancer UNKNOWN_RESOURCE forward',
  'target-group UNSUPPORTED_COMPONENT forward',
  'security-group ENI_SG_RULES_MISMATCH forward',
  'listener ELBV2_RULE_SOURCE_IP_MISMATCH forward',
];

const line = (b: OracleBlocked | { id: string; kind: string; code: string; direction: string } | null) => (b ? `${b.kind} ${b.id} ${b.code} ${b.direction}` : null);

interface Outcome {
  kind: 'answer' | 'input-error';
  verdict?: string;
  blocked?: string | null;
  nodeAddress?: string;
  targets?: string[];
}

function fromOracle(ask: (flow: OracleFlow) => OracleAnswer, flow: OracleFlow): { outcome: Outcome; answer?: OracleLoadBalancerAnswer } {
  try {
    const answer = ask(flow) as OracleLoadBalancerAnswer;
    if (!answer.loadBalancer) throw new Error(`the oracle did not take ${flow.to} as a load balancer`);
    const lb = answer.loadBalancer;
    return {
      outcome: { kind: 'answer', verdict: answer.verdict, blocked: line(answer.blocked), nodeAddress: lb.nodeAddress, targets: lb.targets.map((t) => `${t.id}:${t.port} ${t.verdict} ${line(t.blocked) ?? '-'} health ${t.health.verdict} ${line(t.health.blocked) ?? '-'}`) },
      answer,
    };
  } catch (e) {
    if (e instanceof OracleInputError) return { outcome: { kind: 'input-error' } };
    throw e;
  }
}

function fromEngine(run: () => AnalyzeResult): { outcome: Outcome; result?: AnalyzeResult } {
  try {
    const result = run();
    return {
      outcome: {
        kind: 'answer',
        verdict: result.verdict,
        blocked: line(result.blocked),
        nodeAddress: result.resolved.to.ip ?? undefined,
        targets: (result.targets ?? []).map((t) => `${t.target.id}:${t.target.port} ${t.verdict} ${line(t.blocked) ?? '-'} health ${t.health.computed?.verdict ?? '-'} ${line(t.health.computed?.blocked ?? null) ?? '-'}`),
      },
      result,
    };
  } catch (e) {
    if (e instanceof InputError) return { outcome: { kind: 'input-error' } };
    throw e;
  }
}

interface Run {
  answered: number;
  refused: number;
  reachable: number;
  pinned: number;
  disagreements: string[];
  occurred: Map<string, number>;
  delivered: { alb: number; nlbPreserved: number; nlbNodeAddress: number; failOpen: number };
  /** flows delivered to an IPv6 client, by load balancer type */
  deliveredIpv6: { alb: number; nlb: number };
  healthChecks: { reachable: number; unreachable: number; unknown: number };
}

/** Asks engine and oracle every flow of the networks of `seeds` (dual-stack ones when `dualStack`), and prints what it saw. */
function compareOn(seeds: number[], dualStack: boolean, onlySeed: number | undefined, onlyFlow: number | undefined): Run {
  const run: Run = { answered: 0, refused: 0, reachable: 0, pinned: 0, disagreements: [], occurred: new Map(), delivered: { alb: 0, nlbPreserved: 0, nlbNodeAddress: 0, failOpen: 0 }, deliveredIpv6: { alb: 0, nlb: 0 }, healthChecks: { reachable: 0, unreachable: 0, unknown: 0 } };
  const { disagreements, occurred, delivered, healthChecks } = run;
  const details: string[] = [];
  let targetsCompared = 0;
  let ipv6Flows = 0;
  for (const seed of seeds) {
    const network = randomLoadBalancedNetwork(seed, dualStack);
    const { model } = buildModel(network.snapshot as RawSnapshot);
    const ask = oracleFor(network.snapshot);
    const rng = new Rng(seed * 6007 + 5);
    for (let index = 0; index < FLOWS_PER_NETWORK; index++) {
      const flow = loadBalancerFlow(rng, network);
      if (onlyFlow !== undefined && index !== onlyFlow) continue;
      const oracle = fromOracle(ask, flow);
      const engine = fromEngine(() => analyzeFlow(model, { ...flow }));
      const same = JSON.stringify(oracle.outcome) === JSON.stringify(engine.outcome);
      if (!same || onlySeed !== undefined) {
        if (!same) disagreements.push(`seed ${seed} flow ${index}`);
        details.push(
          [
            `${same ? 'AGREE' : 'DISAGREE'} seed ${seed} flow ${index}: ${JSON.stringify(flow)}`,
            `  oracle: ${JSON.stringify(oracle.outcome)}`,
            `  engine: ${JSON.stringify(engine.outcome)}`,
            ...(onlyFlow !== undefined || disagreements.length <= 3 ? ['  oracle trace:', ...(oracle.answer?.trace ?? []).map((l) => `    ${l}`), '  engine hops:', ...hopsOf(engine.result).map((l) => `    ${l}`)] : []),
          ].join('\n'),
        );
      }
      if (oracle.outcome.kind === 'input-error') {
        run.refused++;
        continue;
      }
      run.answered++;
      const overIpv6 = engine.result?.query.family === 'ipv6';
      if (overIpv6) ipv6Flows++;
      if (flow.target !== undefined) run.pinned++;
      const answer = oracle.answer!;
      if (answer.verdict === 'reachable') {
        run.reachable++;
        const { type, top } = answer.loadBalancer;
        if (type === 'application') delivered.alb++;
        else if (top?.preserved) delivered.nlbPreserved++;
        else delivered.nlbNodeAddress++;
        if (top?.failOpen) delivered.failOpen++;
        if (overIpv6) run.deliveredIpv6[type === 'application' ? 'alb' : 'nlb']++;
      }
      const seen = [answer.blocked, ...answer.loadBalancer.targets.map((t) => t.blocked)];
      targetsCompared += answer.loadBalancer.targets.length;
      for (const t of answer.loadBalancer.targets) healthChecks[t.health.verdict]++;
      for (const b of seen) if (b) occurred.set(`${b.kind} ${b.code} ${b.direction}`, (occurred.get(`${b.kind} ${b.code} ${b.direction}`) ?? 0) + 1);
    }
  }
  const share = run.answered === 0 ? 0 : run.reachable / run.answered;
  console.log(
    [
      `differential through ${dualStack ? 'dual-stack ' : ''}load balancers: ${run.answered + run.refused} flows (${run.refused} refused as bad input, ${run.pinned} answered with --target${dualStack ? `, ${ipv6Flows} answered over IPv6` : ''}), ${targetsCompared} target answers compared, ${disagreements.length} disagree`,
      `reachable through a load balancer: ${run.reachable} (${(share * 100).toFixed(1)}%): ${delivered.alb} through an ALB, ${delivered.nlbPreserved} through an NLB keeping the client's address, ${delivered.nlbNodeAddress} through an NLB from its node address; ${delivered.failOpen} to a target of a group failing open${dualStack ? `; to IPv6 clients: ${run.deliveredIpv6.alb} through an ALB, ${run.deliveredIpv6.nlb} through an NLB` : ''}`,
      `health checks computed: ${healthChecks.reachable} cross the network, ${healthChecks.unreachable} are blocked, ${healthChecks.unknown} unknown`,
      'blocking situations (kind code leg: count, top-level and per target):',
      ...[...occurred.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${k}: ${n}`),
      ...details.slice(0, Number(process.env.LB_DETAILS ?? 40)),
    ].join('\n'),
  );
  return run;
}

describe('differential through load balancers: engine against the independent oracle', () => {
  it(`agrees on verdict, blocking component, code, leg, node and every target's answer for at least ${MIN_FLOWS} flows to random ALBs and NLBs`, () => {
    const onlySeed = process.env.LB_SEED === undefined ? undefined : Number(process.env.LB_SEED);
    const onlyFlow = process.env.LB_FLOW === undefined ? undefined : Number(process.env.LB_FLOW);
    if (process.env.LB_DUAL !== undefined) return;
    const seeds = onlySeed !== undefined ? [onlySeed] : Array.from({ length: NETWORKS }, (_, i) => i + 1);
    const run = compareOn(seeds, false, onlySeed, onlyFlow);
    expect(run.disagreements, 'engine and oracle disagree (details above)').toEqual([]);
    if (onlySeed !== undefined) return;
    const share = run.reachable / run.answered;
    expect(run.answered).toBeGreaterThanOrEqual(MIN_FLOWS);
    expect(share, 'share of flows delivered through a load balancer').toBeGreaterThanOrEqual(MIN_REACHABLE_SHARE);
    expect(REQUIRED.filter((r) => !run.occurred.has(r)), 'situations that never occurred').toEqual([]);
    for (const [how, count] of Object.entries(run.delivered)) expect(count, `flows delivered ${how}`).toBeGreaterThan(0);
    expect(run.healthChecks.unreachable, 'health checks the network blocks').toBeGreaterThan(0);
    expect(run.pinned, 'flows answered with --target').toBeGreaterThan(0);
    expect(run.refused, 'flows refused as bad input (a --target that is no target)').toBeGreaterThan(0);
  });

  it(`dual-stack networks and load balancers, IPv6 clients included (${DUAL_NETWORKS} networks): the same agreement, with IPv6 deliveries through ALBs and NLBs`, () => {
    const onlySeed = process.env.LB_SEED === undefined ? undefined : Number(process.env.LB_SEED);
    const onlyFlow = process.env.LB_FLOW === undefined ? undefined : Number(process.env.LB_FLOW);
    if (onlySeed !== undefined && process.env.LB_DUAL === undefined) return;
    const seeds = onlySeed !== undefined ? [onlySeed] : Array.from({ length: DUAL_NETWORKS }, (_, i) => 1001 + i);
    const run = compareOn(seeds, true, onlySeed, onlyFlow);
    expect(run.disagreements, 'engine and oracle disagree (details above)').toEqual([]);
    if (onlySeed !== undefined) return;
    expect(run.deliveredIpv6.alb, 'IPv6 clients delivered through an ALB').toBeGreaterThanOrEqual(20);
    expect(run.deliveredIpv6.nlb, 'IPv6 clients delivered through an NLB').toBeGreaterThanOrEqual(10);
    expect(REQUIRED_DUAL.filter((r) => !run.occurred.has(r)), 'situations that never occurred').toEqual([]);
  });

  it('on the same networks, flows that are not to a load balancer agree too: between machines, and from a node as a health check does', () => {
    const disagreements: string[] = [];
    let compared = 0;
    let fromNodes = 0;
    const verdicts = new Map<string, number>();
    for (let seed = 1; seed <= NETWORKS; seed++) {
      const network = randomLoadBalancedNetwork(seed);
      const { model } = buildModel(network.snapshot as RawSnapshot);
      const ask = oracleFor(network.snapshot);
      const rng = new Rng(seed * 6007 + 7);
      for (let index = 0; index < PLAIN_FLOWS_PER_NETWORK; index++) {
        const flow: OracleFlow = rng.chance(0.25) ? fromNodeFlow(rng, network) : randomFlow(rng, network.facts);
        const oracle = plainOutcome(() => ask(flow));
        const engine = plainOutcome(() => analyzeFlow(model, { ...flow }));
        compared++;
        if (flow.from.startsWith('eni-') && network.balancers.some((b) => b.nodeEnis.includes(flow.from))) fromNodes++;
        verdicts.set(oracle, (verdicts.get(oracle) ?? 0) + 1);
        if (oracle !== engine) disagreements.push(`seed ${seed} flow ${index} ${JSON.stringify(flow)}: oracle ${oracle}, engine ${engine}`);
      }
    }
    const reachableCount = [...verdicts].filter(([k]) => k.startsWith('reachable')).reduce((n, [, c]) => n + c, 0);
    console.log(`plain flows on networks with load balancers: ${compared} (${fromNodes} from a node's interface), ${reachableCount} reachable, ${disagreements.length} disagree\n${disagreements.slice(0, 20).join('\n')}`);
    expect(disagreements).toEqual([]);
    expect(fromNodes).toBeGreaterThan(0);
    expect(reachableCount).toBeGreaterThan(0);
  });
});

const PLAIN_FLOWS_PER_NETWORK = 12;

/** A node's own connection to a machine of the network (what a health check is), on a port targets often serve. */
function fromNodeFlow(rng: Rng, network: LoadBalancedNetwork): OracleFlow {
  const b = rng.pick(network.balancers);
  return { from: rng.pick(b.nodeEnis), to: rng.pick(network.facts.hosts).instanceId, protocol: 'tcp', port: rng.pick([80, 8080, 443, 22, 8081]) };
}

/** verdict and blocking component, or "input-error", of either side */
function plainOutcome(run: () => { verdict: string; blocked: { kind: string; id: string; code: string; direction: string } | null }): string {
  try {
    const answer = run();
    return `${answer.verdict} ${line(answer.blocked) ?? '-'}`;
  } catch (e) {
    if (e instanceof OracleInputError || e instanceof InputError) return 'input-error';
    throw e;
  }
}
