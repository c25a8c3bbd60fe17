// Differential run (DESIGN.md section 6): the engine (analyzeFlow on the
// model buildModel makes) against the independent oracle (oracle.ts, which
// reads the raw describe JSON itself) on random networks and random flows.
// They must agree on the verdict and on the blocking component, its kind, the
// code and the leg. The run fails unless at least 30% of flows are reachable
// and every code the generator can produce occurred, so that it cannot pass by
// dropping everything early.
//
// Replay one network or one flow of a failing run:
//   ORACLE_SEED=17 npx vitest run test/oracle/differential.test.ts
//   ORACLE_SEED=17 ORACLE_FLOW=42 npx vitest run test/oracle/differential.test.ts
// (ORACLE_BASE_SEED=N shifts the whole run to other networks.)
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../shared/aws/build-model.js';
import type { RawSnapshot } from '../../shared/aws/raw.js';
import { analyzeFlow } from '../../shared/engine/analyze.js';
import { oracleFor } from './oracle.js';
import { exitFlow, randomFlow, randomNetwork, Rng } from './random-network.js';
import { agree, describeRun, engineOutcome, oracleOutcome, type Disagreement } from './differential-run.js';

const NETWORKS = 125;
const FLOWS_PER_NETWORK = 82;
/** flows toward on-premises hosts (over the VPN) and S3 (through gateway endpoints), numbered after the others */
const EXIT_FLOWS_PER_NETWORK = 8;
const MIN_FLOWS = 10_000;
const MIN_REACHABLE_SHARE = 0.3;

/** Every blocking situation the generator is built to produce: kind, code and, where it matters, the leg. */
const REQUIRED = [
  'security-group ENI_SG_RULES_MISMATCH forward',
  'network-acl SUBNET_ACL_RESTRICTION forward',
  'network-acl SUBNET_ACL_RESTRICTION return',
  'route-table NO_ROUTE_TO_DESTINATION forward',
  'route-table NO_ROUTE_TO_DESTINATION return',
  'route-table BAD_STATE_ROUTE forward',
  'route-table UNKNOWN_RESOURCE forward',
  'internet-gateway IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS forward',
  'internet-gateway IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS forward',
  'internet NO_ROUTE_TO_DESTINATION forward',
  'subnet NO_ROUTE_TO_DESTINATION forward',
  'vpc NO_ROUTE_TO_DESTINATION forward',
  'peering PCX_REQUIRES_ADDRESS_IN_VPC_CIDR forward',
  'peering BAD_STATE forward',
  'peering UNKNOWN_RESOURCE forward',
  'nat-gateway NGW_REQUIRES_SOURCE_IN_VPC forward',
  'nat-gateway NGW_INBOUND_CONNECTION forward',
  'nat-gateway PROTOCOL_RESTRICTION forward',
  'nat-gateway BAD_STATE forward',
  'tgw-attachment TGW_ROUTE_AZ_RESTRICTION forward',
  'tgw-attachment TGW_ROUTE_AZ_RESTRICTION return',
  'tgw-attachment BAD_STATE forward',
  'tgw-route-table NO_ROUTE_TO_DESTINATION forward',
  'tgw-route-table TGW_RTB_BAD_STATE_ROUTE forward',
  'eni BAD_STATE forward',
  'vpn-gateway UNSUPPORTED_COMPONENT forward',
  'eni UNSUPPORTED_COMPONENT forward',
  'vpn-connection BAD_STATE_VPN forward',
  'vpn-connection UNKNOWN_RESOURCE forward',
  'vpn-gateway NO_ROUTE_TO_DESTINATION forward',
  'vpc-endpoint VPCE_GATEWAY_PROTOCOL_RESTRICTION forward',
  'vpc-endpoint BAD_STATE forward',
];

const report = (d: Disagreement) => describeRun(d, 'ORACLE', 'test/oracle/differential.test.ts');

function seedsToRun(): number[] {
  const only = process.env.ORACLE_SEED;
  if (only !== undefined) return [Number(only)];
  const base = Number(process.env.ORACLE_BASE_SEED ?? 1);
  return Array.from({ length: NETWORKS }, (_, i) => base + i);
}

describe('differential: engine against the independent oracle on random networks', () => {
  it(`agrees on verdict, blocking component, code and leg for at least ${MIN_FLOWS} random flows`, () => {
    const onlyFlow = process.env.ORACLE_FLOW === undefined ? undefined : Number(process.env.ORACLE_FLOW);
    const replaying = process.env.ORACLE_SEED !== undefined;
    const disagreements: Disagreement[] = [];
    const occurred = new Map<string, number>();
    let answered = 0;
    let reachable = 0;
    let refused = 0;
    let reachedOnPremises = 0;
    let reachedService = 0;

    for (const seed of seedsToRun()) {
      const network = randomNetwork(seed);
      const { model } = buildModel(network.snapshot as RawSnapshot);
      const ask = oracleFor(network.snapshot);
      const rng = new Rng(seed * 7919 + 1);
      const exitRng = new Rng(seed * 7919 + 2);
      for (let index = 0; index < FLOWS_PER_NETWORK + EXIT_FLOWS_PER_NETWORK; index++) {
        const flow = index < FLOWS_PER_NETWORK ? randomFlow(rng, network.facts) : exitFlow(exitRng, network.facts);
        if (onlyFlow !== undefined && index !== onlyFlow) continue;
        const oracle = oracleOutcome(ask, flow);
        const engine = engineOutcome(() => analyzeFlow(model, { ...flow }));
        const record: Disagreement = { seed, index, flow, oracle: oracle.outcome, engine: engine.outcome, oracleTrace: oracle.answer?.trace ?? [], engineResult: engine.result };
        if (!agree(oracle.outcome, engine.outcome)) disagreements.push(record);
        else if (replaying) console.log(report(record));
        if (oracle.outcome.kind === 'input-error') {
          refused++;
          continue;
        }
        answered++;
        if (oracle.outcome.verdict === 'reachable') reachable++;
        if (oracle.outcome.verdict === 'reachable' && oracle.answer!.trace.some((line) => / over vpn-/.test(line))) reachedOnPremises++;
        if (oracle.outcome.verdict === 'reachable' && oracle.answer!.trace.some((line) => /delivered to com\.amazonaws/.test(line))) reachedService++;
        const b = oracle.answer!.blocked;
        if (b) occurred.set(`${b.kind} ${b.code} ${b.direction}`, (occurred.get(`${b.kind} ${b.code} ${b.direction}`) ?? 0) + 1);
      }
    }

    const share = answered === 0 ? 0 : reachable / answered;
    const agreed = answered + refused - disagreements.length;
    console.log(
      [
        `differential: ${answered + refused} flows (${refused} refused as bad input by the oracle), ${agreed} agree, ${disagreements.length} disagree`,
        `reachable: ${reachable} (${(share * 100).toFixed(1)}%), of which ${reachedOnPremises} on-premises over a VPN and ${reachedService} to S3 through a gateway endpoint`,
        'blocking situations (kind code leg: count):',
        ...[...occurred.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${k}: ${n}`),
      ].join('\n'),
    );
    for (const d of disagreements.slice(0, 200)) {
      console.log(`DISAGREE seed ${d.seed} flow ${d.index} ${JSON.stringify(d.flow)} oracle=${JSON.stringify(d.oracle)} engine=${JSON.stringify(d.engine)}`);
    }
    for (const d of disagreements.slice(0, 10)) console.log(report(d));

    expect(disagreements.map((d) => `seed ${d.seed} flow ${d.index}`), 'engine and oracle disagree (details above)').toEqual([]);
    if (replaying) return;
    expect(answered).toBeGreaterThanOrEqual(MIN_FLOWS);
    expect(share, 'share of reachable flows').toBeGreaterThanOrEqual(MIN_REACHABLE_SHARE);
    expect(REQUIRED.filter((r) => !occurred.has(r)), 'blocking situations that never occurred').toEqual([]);
    expect(reachedOnPremises, 'flows delivered on-premises over a VPN').toBeGreaterThan(0);
    expect(reachedService, 'flows delivered to S3 through a gateway endpoint').toBeGreaterThan(0);
  });
});
