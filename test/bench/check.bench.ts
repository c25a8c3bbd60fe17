// `reachmap check` benchmark (issue 6): an intents file of 10,000 flows over
// the 10k-ENI synthetic network. Measured twice: the whole command as a user
// runs it (the built CLI in its own process: start, one snapshot load, every
// flow, the JSON written), and, in a fresh process, the same code path phase by
// phase (parse the intents, open the snapshot once, check every flow, format),
// for the per-flow cost. Target: under 5 s for the whole command. Wall and
// CPU time are both printed: on a busy machine the CPU time is the cost.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { checkIntents, describeResult, parseIntents } from '../../shared/api/intents.js';
import { openSnapshot } from '../../shared/api/snapshot/node.js';
import { formatIpv4 } from '../../shared/model/ipv4.js';
import { formatMs, inChildProcess, printTable, timeIt } from './measure.js';
import { generateSnapshot, resolveOptions } from './synthetic.js';

const ENIS = 10_000;
const FLOWS = 10_000;
const TARGET_MS = 5_000;
const thisFile = fileURLToPath(import.meta.url);
const repoRoot = path.resolve(path.dirname(thisFile), '../..');

interface Timed {
  /** wall-clock milliseconds */
  ms: number;
  /** CPU milliseconds (user + system): what the work costs, less sensitive to a busy machine than wall time */
  cpuMs: number;
}

interface Phases {
  parse: Timed;
  open: Timed;
  check: Timed;
  json: Timed;
  text: Timed;
  results: number;
  verdicts: Record<string, number>;
}

async function timeBoth<T>(fn: () => T | Promise<T>): Promise<{ result: T } & Timed> {
  const cpu = process.cpuUsage();
  const { result, ms } = await timeIt(fn);
  const used = process.cpuUsage(cpu);
  return { result, ms, cpuMs: (used.user + used.system) / 1000 };
}

/** A small seeded generator (mulberry32), so that every run checks the same flows. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Flows of every kind the command meets: between instances, from and to the internet, udp and icmp, by id and by address. */
export function intentsOver(instanceIds: readonly string[], addresses: readonly string[], count = FLOWS): string {
  const random = rng(6);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const ports = [22, 80, 443, 3306, 5432, 6379, 8080];
  const flows: { from: string; to: string; protocol?: string; port?: number; expect: string }[] = [];
  while (flows.length < count) {
    const roll = random();
    const expect = random() < 0.5 ? 'reachable' : 'unreachable';
    if (roll < 0.55) flows.push({ from: pick(instanceIds), to: pick(instanceIds), port: pick(ports), expect });
    else if (roll < 0.7) flows.push({ from: pick(instanceIds), to: pick(addresses), port: pick(ports), expect });
    else if (roll < 0.85) flows.push({ from: 'internet', to: pick(instanceIds), port: pick([22, 80, 443]), expect });
    else if (roll < 0.93) flows.push({ from: pick(instanceIds), to: '203.0.113.9', port: 443, expect });
    else if (roll < 0.97) flows.push({ from: pick(instanceIds), to: pick(instanceIds), protocol: 'udp', port: 53, expect });
    else flows.push({ from: pick(instanceIds), to: pick(instanceIds), protocol: 'icmp', expect });
    // the same instance on both ends is refused by analyze (and by check, exit 2)
    if (flows[flows.length - 1]!.from === flows[flows.length - 1]!.to) flows.pop();
  }
  return stringify({ flows });
}

/** In a fresh process: the command's code path, phase by phase. */
async function measurePhases(snapshot: string, intents: string): Promise<Phases> {
  const parse = await timeBoth(() => parseIntents(readFileSync(intents, 'utf8'), intents));
  const open = await timeBoth(() => openSnapshot(snapshot));
  const check = await timeBoth(() => checkIntents(open.result.model, parse.result));
  // what --json prints (as printJson does), and what the text output prints
  const json = await timeBoth(() => JSON.stringify(check.result, null, 2).length);
  const text = await timeBoth(() => check.result.results.map(describeResult).join('\n').length);
  const verdicts: Record<string, number> = {};
  for (const result of check.result.results) if (result.kind === 'flow') verdicts[result.verdict] = (verdicts[result.verdict] ?? 0) + 1;
  const timed = ({ ms, cpuMs }: Timed): Timed => ({ ms, cpuMs });
  return { parse: timed(parse), open: timed(open), check: timed(check), json: timed(json), text: timed(text), results: check.result.results.length, verdicts };
}

/** prints the process's CPU time on stderr when it exits */
const REPORT_CPU = `data:text/javascript,process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('cpu-ms '+(u.user+u.system)/1000+'\\n')})`;

/** The built CLI, as CI runs it; undefined when dist/ has not been built. */
function timeCommand(snapshot: string, intents: string, args: readonly string[]): { ms: number; cpuMs: number; exit: number | null } | undefined {
  if (!existsSync(path.join(repoRoot, 'dist/cli/commands/check.js'))) return undefined;
  const start = performance.now();
  const child = spawnSync(process.execPath, ['--import', REPORT_CPU, path.join(repoRoot, 'bin/reachmap.js'), 'check', '--snapshot', snapshot, '--intents', intents, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1024 * 1024 * 1024,
    encoding: 'utf8',
  });
  const ms = performance.now() - start;
  const cpuMs = Number(/cpu-ms ([\d.]+)/.exec(child.stderr)?.[1] ?? Number.NaN);
  return { ms, cpuMs, exit: child.status };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'reachmap-bench-check-'));
  try {
    const snapshot = path.join(dir, `synthetic-${ENIS}.json`);
    writeFileSync(snapshot, JSON.stringify(generateSnapshot({ enis: ENIS, seed: 42 })), { mode: 0o600 });
    const o = resolveOptions({ enis: ENIS, seed: 42 });
    const { model } = await openSnapshot(snapshot);
    const instanceIds = [...model.instances.values()].filter((instance) => instance.networkInterfaceIds.length > 0).map((instance) => instance.id);
    const addresses = [...model.networkInterfaces.values()].filter((eni) => eni.instanceId === undefined).map((eni) => eni.privateAddresses[0]!.ip);
    const intents = path.join(dir, 'intents.yaml');
    writeFileSync(intents, intentsOver(instanceIds, addresses.map(formatIpv4)));
    console.log(`${ENIS} ENIs (${o.vpcs} VPCs, ${o.subnets} subnets, ${o.securityGroups} security groups x ${o.rulesPerGroup} rules), ${instanceIds.length} instances`);

    const phases = await inChildProcess<Phases>(thisFile, ['--child', snapshot, intents]);
    const perFlowUs = (t: number) => ((t * 1000) / phases.results).toFixed(0);
    console.log(`\n${phases.results} flows checked; verdicts: ${Object.entries(phases.verdicts).map(([verdict, n]) => `${verdict} ${n}`).join(', ')}`);
    const row = (label: string, t: Timed) => [label, formatMs(t.ms), formatMs(t.cpuMs)];
    printTable([
      ['phase (fresh process, in-process timing)', 'wall', 'CPU'],
      row('read + parse + validate the intents file (YAML)', phases.parse),
      row('open the snapshot once (read, validate, build model)', phases.open),
      row(`check ${phases.results} flows (one model, indexes reused)`, phases.check),
      row('format --json (as printed)', phases.json),
      row('format the text lines', phases.text),
    ]);
    console.log(`\nper flow (check phase / flows): ${perFlowUs(phases.check.ms)} µs wall, ${perFlowUs(phases.check.cpuMs)} µs CPU`);

    // the same flows as a JSON intents file: what the YAML parser costs on its own
    const jsonIntents = path.join(dir, 'intents.json');
    writeFileSync(jsonIntents, JSON.stringify(parse(readFileSync(intents, 'utf8'))));
    const runs = [
      ['check --intents intents.yaml', timeCommand(snapshot, intents, [])],
      ['check --intents intents.yaml --json', timeCommand(snapshot, intents, ['--json'])],
      ['check --intents intents.json', timeCommand(snapshot, jsonIntents, [])],
    ] as const;
    if (runs.some(([, command]) => command === undefined)) {
      console.log('\nwhole command: not measured (run `npm run build:node` first: the benchmark times the built CLI)');
      return;
    }
    console.log(`\nwhole command: node bin/reachmap.js in its own process (start, one load, ${phases.results} flows, output); load average ${(os.loadavg()[0] ?? 0).toFixed(1)} on ${os.cpus().length} CPUs`);
    printTable([['command', 'exit', 'wall', 'CPU'], ...runs.map(([label, command]) => [label, String(command!.exit), formatMs(command!.ms), formatMs(command!.cpuMs)])]);
    const [, text] = runs[0];
    console.log(`\ntarget: ${FLOWS} flows over ${ENIS} ENIs in < ${formatMs(TARGET_MS)} (text output, YAML intents): wall ${formatMs(text!.ms)} -> ${text!.ms < TARGET_MS ? 'MET' : 'NOT MET'}; CPU ${formatMs(text!.cpuMs)} -> ${text!.cpuMs < TARGET_MS ? 'MET' : 'NOT MET'} (CPU time is what the command costs on an idle machine)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child' && path.resolve(process.argv[1] ?? '') === thisFile) {
  const [snapshot, intents] = process.argv.slice(3);
  console.log(JSON.stringify(await measurePhases(snapshot ?? '', intents ?? '')));
}
