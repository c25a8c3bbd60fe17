// Whole commands at the speed of reading the file (issue 12 item 3): each
// command of the built CLI (`node bin/reachmap.js ...` on dist/) timed as a
// whole process, start-up to exit, side by side in one run with
// `node -e "JSON.parse(require('fs').readFileSync(FILE,'utf8'))"` on the same
// 10k-ENI synthetic snapshot, and with `node -e 0` for --help and --version.
// The cases take turns (one run of each per round), so that a machine getting
// busier weighs on all of them alike; the median and the fastest of the rounds
// are printed, with each command's ratio to its floor and the target:
//
//   analyze of one flow <= 3x the parse, graph --json <= 4x, exposure --json
//   <= 5x, check of 1,000 flows <= 8x, --help and --version <= 3x `node -e 0`.
//
// CPU time (user + system, from a preloaded exit hook in every process, the
// floors' too) is printed next to wall time: on a shared machine it is the
// steadier figure. A benchmark, not a test: nothing fails on a time.
//
// REACHMAP_BENCH_COMPARE=DIR adds the same commands run by another built
// checkout (DIR/bin/reachmap.js, e.g. a `git worktree` of an older commit),
// in the same rounds: before and after under the same load.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSnapshot } from '../../shared/api/snapshot/node.js';
import { analyzeFlow } from '../../shared/engine/analyze.js';
import { formatIpv4 } from '../../shared/model/ipv4.js';
import { intentsOver } from './check.bench.js';
import { formatMs, printTable, summarize } from './measure.js';
import { generateSnapshot, resolveOptions } from './synthetic.js';

const ENIS = 10_000;
const FLOWS = 1_000;
/** rounds; REACHMAP_BENCH_ROUNDS overrides */
const ROUNDS = Number(process.env.REACHMAP_BENCH_ROUNDS) || 7;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(repoRoot, 'bin/reachmap.js');
const compareRoot = process.env.REACHMAP_BENCH_COMPARE ? path.resolve(process.env.REACHMAP_BENCH_COMPARE) : undefined;

interface Case {
  label: string;
  /** arguments after `node` */
  args: string[];
  /** the case this one is measured against, and how many times it may take */
  floor?: { of: string; target: number };
  /** exit codes the command answers with on this input (check exits 1: some intents fail, as planted) */
  exits: readonly number[];
}

interface Run {
  ms: number;
  cpuMs: number;
  exit: number | null;
  stdoutBytes: number;
  stderr: string;
}

/** Prints the process's CPU time on stderr as it exits; preloaded (CommonJS: no ESM loader to start) into every process, the floors too. */
const CPU_HOOK = `process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write('\\nbench-cpu-ms ' + (u.user + u.system) / 1000 + '\\n'); });\n`;

function runOnce(args: readonly string[], hook: string): Run {
  const start = performance.now();
  const child = spawnSync(process.execPath, ['--require', hook, ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1024 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const ms = performance.now() - start;
  const stderr = child.stderr.toString('utf8');
  const cpuMs = Number(/bench-cpu-ms ([\d.]+)/.exec(stderr)?.[1] ?? Number.NaN);
  return { ms, cpuMs, exit: child.status, stdoutBytes: child.stdout.length, stderr: stderr.replace(/\n?bench-cpu-ms [\d.]+\n/, '') };
}

/** A 1,000-flow intents file over the snapshot's instances and addresses, one flow for analyze, and one it drops with a fix to try. */
async function questionsFor(snapshot: string, dir: string): Promise<{ intents: string; from: string; to: string; dropped: { from: string; to: string; port: number }; droppedShare: number }> {
  const { model } = await openSnapshot(snapshot);
  const instanceIds = [...model.instances.values()].filter((instance) => instance.networkInterfaceIds.length > 0 && instance.state === 'running').map((instance) => instance.id);
  const addresses = [...model.networkInterfaces.values()].filter((eni) => eni.instanceId === undefined).map((eni) => formatIpv4(eni.privateAddresses[0]!.ip));
  const intents = path.join(dir, 'intents.yaml');
  writeFileSync(intents, intentsOver(instanceIds, addresses, FLOWS));
  // how many of the file's flows drop (their fixes are tried by check): the issue asks for at least a third
  const { checkIntents, parseIntents } = await import('../../shared/api/intents.js');
  const report = checkIntents(model, parseIntents(readFileSync(intents, 'utf8'), intents));
  const flows = report.results.filter((r) => r.kind === 'flow');
  const droppedShare = flows.filter((r) => r.kind === 'flow' && r.blocked?.fix?.changes).length / Math.max(1, flows.length);
  // a flow whose drop has a fix: analyze then tries it (applies, traces again, re-checks the source's tier)
  let dropped: { from: string; to: string; port: number } | undefined;
  for (let i = 0; !dropped && i < instanceIds.length; i++) {
    const from = instanceIds[i]!;
    const to = instanceIds[(i * 7 + Math.floor(instanceIds.length / 3)) % instanceIds.length]!;
    if (from === to) continue;
    const result = analyzeFlow(model, { from, to, protocol: 'tcp', port: 443 });
    if (result.blocked?.fix?.changes) dropped = { from, to, port: 443 };
  }
  if (!dropped) throw new Error('no dropped flow with a fix in the synthetic network');
  // two instances far apart in the list: different VPCs, the longest kind of path
  return { intents, from: instanceIds[0]!, to: instanceIds[Math.floor(instanceIds.length / 2) + 1]!, dropped, droppedShare };
}

export async function run(): Promise<void> {
  if (!existsSync(path.join(repoRoot, 'dist/cli/main.js'))) {
    console.log('not measured: the benchmark times the built CLI; run `npm run build:node` first');
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'reachmap-bench-commands-'));
  try {
    const snapshot = path.join(dir, `synthetic-${ENIS}.json`);
    writeFileSync(snapshot, JSON.stringify(generateSnapshot({ enis: ENIS, seed: 42 })), { mode: 0o600 });
    const hook = path.join(dir, 'cpu-hook.cjs');
    writeFileSync(hook, CPU_HOOK);
    const { intents, from, to, dropped, droppedShare } = await questionsFor(snapshot, dir);
    const o = resolveOptions({ enis: ENIS, seed: 42 });
    console.log(`${ENIS} ENIs (${o.vpcs} VPCs, ${o.subnets} subnets, ${o.securityGroups} security groups x ${o.rulesPerGroup} rules), ${(statSync(snapshot).size / 1024 / 1024).toFixed(1)} MiB of JSON; ${FLOWS} flows in the intents file`);

    const parse = 'JSON.parse of the file';
    const nothing = 'node -e 0';
    const withSnapshot = ['--snapshot', snapshot];
    const cases: Case[] = [
      { label: nothing, args: ['-e', '0'], exits: [0] },
      { label: parse, args: ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(snapshot)},'utf8'))`], exits: [0] },
      { label: 'reachmap --version', args: [cli, '--version'], floor: { of: nothing, target: 3 }, exits: [0] },
      { label: 'reachmap --help', args: [cli, '--help'], floor: { of: nothing, target: 3 }, exits: [0] },
      { label: `analyze (one flow, --json)`, args: [cli, 'analyze', ...withSnapshot, '--from', from, '--to', to, '--port', '443', '--json'], floor: { of: parse, target: 3 }, exits: [0] },
      { label: 'graph --json', args: [cli, 'graph', ...withSnapshot, '--json'], floor: { of: parse, target: 4 }, exits: [0] },
      { label: 'exposure --json', args: [cli, 'exposure', ...withSnapshot, '--json'], floor: { of: parse, target: 5 }, exits: [0] },
      { label: `analyze (a dropped flow, its fix tried)`, args: [cli, 'analyze', ...withSnapshot, '--from', dropped.from, '--to', dropped.to, '--port', String(dropped.port), '--json'], floor: { of: parse, target: 3 }, exits: [0] },
      { label: `check (${FLOWS} flows, ${Math.round(droppedShare * 100)}% dropped, fixes tried)`, args: [cli, 'check', ...withSnapshot, '--intents', intents], floor: { of: parse, target: 8 }, exits: [0, 1] },
    ];
    if (compareRoot) {
      if (!existsSync(path.join(compareRoot, 'dist/cli/main.js'))) throw new Error(`REACHMAP_BENCH_COMPARE: no built CLI in ${compareRoot} (dist/cli/main.js)`);
      const other = path.join(compareRoot, 'bin/reachmap.js');
      const name = path.basename(compareRoot);
      cases.push(...cases.filter((c) => c.floor).map((c) => ({ ...c, label: `${c.label} [${name}]`, args: c.args.map((arg) => (arg === cli ? other : arg)) })));
    }

    const loadBefore = os.loadavg();
    const runs = new Map<string, Run[]>(cases.map((c) => [c.label, []]));
    // one unmeasured round first: the file in the page cache, the code in V8's compile cache if any
    for (const c of cases) runOnce(c.args, hook);
    for (let round = 0; round < ROUNDS; round++) {
      for (const c of cases) runs.get(c.label)!.push(runOnce(c.args, hook));
    }
    const loadAfter = os.loadavg();

    for (const c of cases) {
      const bad = runs.get(c.label)!.find((r) => !c.exits.includes(r.exit ?? -1) || (c.label !== nothing && c.label !== parse && r.stdoutBytes === 0));
      if (bad) console.log(`warning: ${c.label} exited ${bad.exit} with ${bad.stdoutBytes} bytes on stdout: ${bad.stderr.trim().split('\n')[0] ?? ''}`);
    }

    const stats = (label: string) => {
      const list = runs.get(label)!;
      return { wall: summarize(list.map((r) => r.ms)), cpu: summarize(list.map((r) => r.cpuMs)) };
    };
    const ratio = (x: number) => `${x.toFixed(2)}x`;
    const rows = [['command', 'median', 'min', 'CPU median', 'ratio (median)', 'ratio (min)', 'CPU ratio', 'target', '']];
    for (const c of cases) {
      const s = stats(c.label);
      if (!c.floor) {
        rows.push([c.label, formatMs(s.wall.p50), formatMs(s.wall.min), formatMs(s.cpu.p50), '', '', '', 'floor', '']);
        continue;
      }
      const f = stats(c.floor.of);
      const median = s.wall.p50 / f.wall.p50;
      rows.push([
        c.label,
        formatMs(s.wall.p50),
        formatMs(s.wall.min),
        formatMs(s.cpu.p50),
        ratio(median),
        ratio(s.wall.min / f.wall.min),
        ratio(s.cpu.p50 / f.cpu.p50),
        `<= ${c.floor.target}x ${c.floor.of === parse ? 'parse' : c.floor.of}`,
        median <= c.floor.target ? 'MET' : 'NOT MET',
      ]);
    }
    console.log(
      `\nwhole processes, ${ROUNDS} rounds (each case once a round, after one unmeasured round); load average ${loadBefore[0]!.toFixed(2)} before, ${loadAfter[0]!.toFixed(2)} after, on ${os.cpus().length} CPUs; node ${process.version}\n`,
    );
    printTable(rows);
    console.log('\nMET or NOT MET reads the median wall ratio; the CPU ratio is the steadier figure on a busy machine.');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
