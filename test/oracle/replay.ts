// Replays one network of the differential run outside vitest, to look at it
// closely: writes the random network's snapshot to a file (usable with
// `reachmap analyze --snapshot FILE`), and for one flow prints both answers.
//
//   node --import tsx test/oracle/replay.ts SEED [FLOW_INDEX] [--out FILE]
import { writeFileSync } from 'node:fs';
import { buildModel } from '../../shared/aws/build-model.js';
import type { RawSnapshot } from '../../shared/aws/raw.js';
import { analyzeFlow } from '../../shared/engine/analyze.js';
import { oracleFor } from './oracle.js';
import { randomFlow, randomNetwork, Rng } from './random-network.js';

const FLOWS_PER_NETWORK = 82; // as in differential.test.ts

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? args[outAt + 1] : undefined;
const [seedText, flowText] = outAt >= 0 ? args.filter((_, i) => i !== outAt && i !== outAt + 1) : args;
if (seedText === undefined) {
  console.error('usage: node --import tsx test/oracle/replay.ts SEED [FLOW_INDEX] [--out FILE]');
  process.exit(2);
}
const seed = Number(seedText);
const network = randomNetwork(seed);
const file = out ?? `/tmp/oracle-network-${seed}.json`;
writeFileSync(file, JSON.stringify(network.snapshot, null, 1), { mode: 0o600 });
console.log(`network of seed ${seed} written to ${file}`);

const rng = new Rng(seed * 7919 + 1);
const ask = oracleFor(network.snapshot);
const { model } = buildModel(network.snapshot as RawSnapshot);
for (let index = 0; index < FLOWS_PER_NETWORK; index++) {
  const flow = randomFlow(rng, network.facts);
  if (flowText !== undefined && index !== Number(flowText)) continue;
  console.log(`\nflow ${index}: ${JSON.stringify(flow)}`);
  try {
    const answer = ask(flow);
    console.log(`oracle: ${answer.verdict} ${JSON.stringify(answer.blocked)}`);
    if (flowText !== undefined) for (const line of answer.trace) console.log(`  ${line}`);
  } catch (e) {
    console.log(`oracle: ${(e as Error).message}`);
  }
  try {
    const result = analyzeFlow(model, { ...flow });
    const b = result.blocked;
    console.log(`engine: ${result.verdict} ${b ? JSON.stringify({ id: b.id, kind: b.kind, code: b.code, direction: b.direction }) : 'null'}`);
  } catch (e) {
    console.log(`engine: ${(e as Error).message}`);
  }
}
