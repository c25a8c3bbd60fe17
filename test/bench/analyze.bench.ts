// Engine benchmark: single-query latency of analyzeFlow over 10,000 random
// flows (ENI to ENI, from and to the internet; tcp, udp, icmp, all) on the
// synthetic networks of 1k and 10k ENIs. Wall and CPU time per query: on a
// loaded machine the wall p99 shows the scheduler, the CPU p99 the engine.
// Targets (issue 3) at 10k ENIs: p50 < 1 ms, p99 < 5 ms.
import os from 'node:os';
import { buildModel } from '../../shared/aws/build-model.js';
import { parseSnapshotDocument } from '../../shared/aws/validate.js';
import { analyzeFlow, type FlowRequest } from '../../shared/engine/index.js';
import type { NetworkModel } from '../../shared/model/types.js';
import { collectGarbage, formatMs, printTable, summarize, timeIt } from './measure.js';
import { generateSnapshot } from './synthetic.js';

const SIZES = [1_000, 10_000];
const FLOWS = 10_000;

/** A small seeded generator, so that every run asks the same flows. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function flowsFor(model: NetworkModel, count: number): FlowRequest[] {
  const next = random(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const senders = [...model.networkInterfaces.values()].filter((eni) => !model.indexes.ownerOfNetworkInterface.get(eni.id)?.startsWith('nat-')).map((eni) => eni.id);
  const receivers = [...model.networkInterfaces.keys()];
  const flows: FlowRequest[] = [];
  while (flows.length < count) {
    const roll = next();
    const protocol = pick(['tcp', 'tcp', 'tcp', 'udp', 'icmp', 'all']);
    const from = roll < 0.1 ? 'internet' : pick(senders);
    const to = roll > 0.9 ? '203.0.113.9' : pick(receivers);
    if (from !== to) flows.push({ from, to, protocol, port: protocol === 'tcp' || protocol === 'udp' ? pick([22, 80, 443, 5432, 8080]) : undefined });
  }
  return flows;
}

export async function run(): Promise<void> {
  const rows = [['ENIs', 'flows', 'reachable', 'wall p50', 'wall p99', 'cpu p50', 'cpu p99', 'max wall']];
  for (const enis of SIZES) {
    const raw = parseSnapshotDocument(JSON.parse(JSON.stringify(generateSnapshot({ enis, seed: 42 }))), `synthetic-${enis}.json`);
    const { model } = buildModel(raw);
    const flows = flowsFor(model, FLOWS);
    for (const flow of flows.slice(0, 1_000)) analyzeFlow(model, flow); // warm-up: let the JIT settle
    collectGarbage();
    const wall: number[] = [];
    const cpu: number[] = [];
    let reachable = 0;
    for (const flow of flows) {
      const timed = await timeIt(() => analyzeFlow(model, flow));
      wall.push(timed.ms);
      cpu.push(timed.cpuMs);
      if (timed.result.verdict === 'reachable') reachable++;
    }
    const w = summarize(wall);
    const c = summarize(cpu);
    rows.push([String(enis), String(flows.length), `${((100 * reachable) / flows.length).toFixed(0)}%`, formatMs(w.p50), formatMs(w.p99), formatMs(c.p50), formatMs(c.p99), formatMs(w.max)]);
  }
  console.log(`analyzeFlow per query (load average ${(os.loadavg()[0] ?? 0).toFixed(1)} on ${os.cpus().length} CPUs); targets at 10k ENIs: p50 < 1 ms, p99 < 5 ms`);
  printTable(rows);
}
