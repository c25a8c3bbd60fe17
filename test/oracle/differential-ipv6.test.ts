// Differential run over dual-stack networks (issue 17): the engine against the
// independent oracle (oracle6.ts for IPv6 flows, oracle.ts for IPv4 ones) on
// the random networks of random-network.ts made dual-stack by random-ipv6.ts.
// Both families are asked on every network, so that the IPv6 data must leave
// the IPv4 answers alone. The run fails unless they agree on the verdict and
// on the blocking component, its kind, the code and the leg; unless a quarter
// of the IPv6 flows are reachable; and unless every IPv6 situation the
// generator is built to produce occurred.
//
// Replay: ORACLE6_SEED=17 [ORACLE6_FLOW=42] npx vitest run test/oracle/differential-ipv6.test.ts
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../shared/aws/build-model.js';
import type { RawSnapshot } from '../../shared/aws/raw.js';
import { analyzeFlow } from '../../shared/engine/analyze.js';
import { oracleFor } from './oracle.js';
import { randomFlow, randomNetwork, Rng } from './random-network.js';
import { addIpv6, randomFlow6 } from './random-ipv6.js';
import { agree, describeRun, engineOutcome, oracleOutcome, type Disagreement } from './differential-run.js';

const NETWORKS = 120;
const IPV6_FLOWS_PER_NETWORK = 60;
const IPV4_FLOWS_PER_NETWORK = 20;
const MIN_IPV6_FLOWS = 6_000;
const MIN_IPV6_REACHABLE_SHARE = 0.25;

/** Every IPv6 blocking situation the generator is built to produce: kind, code and leg. */
const REQUIRED_IPV6 = [
  'security-group ENI_SG_RULES_MISMATCH forward',
  'network-acl SUBNET_ACL_RESTRICTION forward',
  'network-acl SUBNET_ACL_RESTRICTION return',
  'route-table NO_ROUTE_TO_DESTINATION forward',
  'route-table NO_ROUTE_TO_DESTINATION return',
  'route-table BAD_STATE_ROUTE forward',
  'route-table UNKNOWN_RESOURCE forward',
  'internet NO_ROUTE_TO_DESTINATION forward',
  'subnet NO_ROUTE_TO_DESTINATION forward',
  'vpc NO_ROUTE_TO_DESTINATION forward',
  'egress-only-internet-gateway EIGW_INBOUND_CONNECTION forward',
  'egress-only-internet-gateway BAD_STATE forward',
  'egress-only-internet-gateway UNSUPPORTED_COMPONENT return',
  'peering PCX_REQUIRES_ADDRESS_IN_VPC_CIDR forward',
  'peering BAD_STATE forward',
  'peering UNKNOWN_RESOURCE forward',
  'nat-gateway UNSUPPORTED_COMPONENT forward',
  'tgw-attachment TGW_ROUTE_AZ_RESTRICTION forward',
  'tgw-attachment BAD_STATE forward',
  'tgw-route-table NO_ROUTE_TO_DESTINATION forward',
  'tgw-route-table TGW_RTB_BAD_STATE_ROUTE forward',
  'eni BAD_STATE forward',
  'eni UNSUPPORTED_COMPONENT forward',
  'vpn-gateway UNSUPPORTED_COMPONENT forward',
];

const report = (d: Disagreement) => describeRun(d, 'ORACLE6', 'test/oracle/differential-ipv6.test.ts');

function seedsToRun(): number[] {
  const only = process.env.ORACLE6_SEED;
  if (only !== undefined) return [Number(only)];
  return Array.from({ length: NETWORKS }, (_, i) => 1 + i);
}

describe('differential over dual-stack networks: engine against the independent oracle, IPv6 and IPv4 flows', () => {
  it(`agrees on ${MIN_IPV6_FLOWS}+ random IPv6 flows (a quarter reachable) and on IPv4 flows over the same networks`, () => {
    const onlyFlow = process.env.ORACLE6_FLOW === undefined ? undefined : Number(process.env.ORACLE6_FLOW);
    const replaying = process.env.ORACLE6_SEED !== undefined;
    const disagreements: Disagreement[] = [];
    const occurred = new Map<string, number>();
    const counts = { ipv6: 0, ipv6Reachable: 0, ipv6Refused: 0, ipv4: 0, ipv4Reachable: 0, reachedByEigw: 0, acrossTgw: 0, acrossPeering: 0, delegated: 0, ipv6Only: 0, familyFromEndpoint: 0, ipv4ToIpv6Only: 0 };

    for (const seed of seedsToRun()) {
      const network = randomNetwork(seed);
      const facts6 = addIpv6(network);
      const { model } = buildModel(network.snapshot as RawSnapshot);
      const ask = oracleFor(network.snapshot);
      const rng = new Rng(seed * 6151 + 7);
      const rng4 = new Rng(seed * 7919 + 1);
      for (let index = 0; index < IPV6_FLOWS_PER_NETWORK + IPV4_FLOWS_PER_NETWORK; index++) {
        const ipv6 = index < IPV6_FLOWS_PER_NETWORK;
        const flow = ipv6 ? randomFlow6(rng, facts6) : randomFlow(rng4, network.facts);
        if (onlyFlow !== undefined && index !== onlyFlow) continue;
        const oracle = oracleOutcome(ask, flow);
        const engine = engineOutcome(() => analyzeFlow(model, { ...flow }));
        const record: Disagreement = { seed, index, flow, oracle: oracle.outcome, engine: engine.outcome, oracleTrace: oracle.answer?.trace ?? [], engineResult: engine.result };
        if (!agree(oracle.outcome, engine.outcome)) disagreements.push(record);
        else if (replaying) console.log(report(record));
        if (oracle.outcome.kind === 'input-error') {
          if (ipv6) counts.ipv6Refused++;
          if (flow.family === 'ipv4' && facts6.ipv6Only.includes(flow.to)) counts.ipv4ToIpv6Only++;
          continue;
        }
        const reachable = oracle.outcome.verdict === 'reachable';
        const trace = oracle.answer!.trace.join('\n');
        if (!ipv6) {
          counts.ipv4++;
          if (reachable) counts.ipv4Reachable++;
          continue;
        }
        counts.ipv6++;
        if (reachable) {
          counts.ipv6Reachable++;
          if (/eigw-\S+: the reply comes back in/.test(trace)) counts.reachedByEigw++;
          if (/tgw-\S+: tgw-rtb/.test(trace)) counts.acrossTgw++;
          if (/pcx-\S+: into/.test(trace)) counts.acrossPeering++;
          if (facts6.delegated.includes(flow.to)) counts.delegated++;
          if ([flow.from, flow.to].some((end) => facts6.ipv6Only.includes(end))) counts.ipv6Only++;
          // named, no --family, no literal: the IPv6-only end made it IPv6
          if (flow.family === undefined && ![flow.from, flow.to].some((end) => end.includes(':'))) counts.familyFromEndpoint++;
        }
        const b = oracle.answer!.blocked;
        if (b) occurred.set(`${b.kind} ${b.code} ${b.direction}`, (occurred.get(`${b.kind} ${b.code} ${b.direction}`) ?? 0) + 1);
      }
    }

    const share = counts.ipv6 === 0 ? 0 : counts.ipv6Reachable / counts.ipv6;
    console.log(
      [
        `differential (dual-stack): ${counts.ipv6} IPv6 flows answered (${counts.ipv6Refused} refused as bad input), ${counts.ipv6Reachable} reachable (${(share * 100).toFixed(1)}%): ${counts.reachedByEigw} replies back in through an egress-only gateway, ${counts.acrossTgw} across the transit gateway, ${counts.acrossPeering} across a peering, ${counts.delegated} to a delegated prefix, ${counts.ipv6Only} to or from an IPv6-only instance (${counts.familyFromEndpoint} with the family taken from it); ${counts.ipv4ToIpv6Only} IPv4 questions about an IPv6-only instance refused`,
        `IPv4 flows on the same networks: ${counts.ipv4} answered, ${counts.ipv4Reachable} reachable; ${disagreements.length} disagreements in all`,
        'IPv6 blocking situations (kind code leg: count):',
        ...[...occurred.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${k}: ${n}`),
      ].join('\n'),
    );
    for (const d of disagreements.slice(0, 10)) console.log(report(d));

    expect(disagreements.map((d) => `seed ${d.seed} flow ${d.index}`), 'engine and oracle disagree (details above)').toEqual([]);
    if (replaying) return;
    expect(counts.ipv6).toBeGreaterThanOrEqual(MIN_IPV6_FLOWS);
    expect(share, 'share of reachable IPv6 flows').toBeGreaterThanOrEqual(MIN_IPV6_REACHABLE_SHARE);
    expect(REQUIRED_IPV6.filter((r) => !occurred.has(r)), 'IPv6 blocking situations that never occurred').toEqual([]);
    expect(counts.ipv4Reachable, 'reachable IPv4 flows on dual-stack networks').toBeGreaterThan(0);
    expect(counts.ipv4ToIpv6Only, 'IPv4 questions about an IPv6-only instance, refused by both').toBeGreaterThan(0);
    for (const [what, n] of [['replies through an egress-only gateway', counts.reachedByEigw], ['across the transit gateway', counts.acrossTgw], ['across a peering', counts.acrossPeering], ['to a delegated prefix', counts.delegated], ['to or from an IPv6-only instance', counts.ipv6Only], ['whose family an IPv6-only instance decided', counts.familyFromEndpoint]] as const) {
      expect(n, `reachable IPv6 flows ${what}`).toBeGreaterThan(0);
    }
  });
});
