// Import benchmark: a synthetic snapshot file of 1k and 10k ENIs, read and
// validated (readSnapshotPath), hashed, and built into the model (buildModel),
// each size in its own Node process so that its peak memory is its own.
// Target (issue 2): 10k ENIs imported in under 2 s.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { snapshotHash } from '../../shared/api/snapshot/node.js';
import { buildModel } from '../../shared/aws/build-model.js';
import { readSnapshotPath } from '../../shared/aws/read/node.js';
import { collectGarbage, formatBytes, formatMs, inChildProcess, MemoryWatch, printTable, summarize, timeIt } from './measure.js';
import { generateSnapshot, resolveOptions } from './synthetic.js';

const SIZES = [1_000, 10_000];
const TARGET_MS = { enis: 10_000, ms: 2_000 };
const thisFile = fileURLToPath(import.meta.url);

type Phase = 'read' | 'hash' | 'build' | 'total';

interface CaseResult {
  enis: number;
  fileBytes: number;
  iterations: number;
  /** per phase, one figure a run: wall milliseconds and CPU milliseconds */
  wallMs: Record<Phase, number[]>;
  cpuMs: Record<Phase, number[]>;
  peakRss: number;
  peakHeapUsed: number;
  counts: { vpcs: number; subnets: number; enis: number; securityGroups: number; instances: number };
}

const perPhase = (): Record<Phase, number[]> => ({ read: [], hash: [], build: [], total: [] });

/** One size, in this (child) process: the import repeated, each phase timed. */
async function measureFile(file: string, enis: number, iterations: number): Promise<CaseResult> {
  const result: CaseResult = {
    enis,
    fileBytes: statSync(file).size,
    iterations,
    wallMs: perPhase(),
    cpuMs: perPhase(),
    peakRss: 0,
    peakHeapUsed: 0,
    counts: { vpcs: 0, subnets: 0, enis: 0, securityGroups: 0, instances: 0 },
  };
  const record = (phase: Phase, t: { ms: number; cpuMs: number }) => {
    result.wallMs[phase].push(t.ms);
    result.cpuMs[phase].push(t.cpuMs);
  };
  const watch = new MemoryWatch();
  for (let i = 0; i < iterations; i++) {
    collectGarbage();
    const read = await timeIt(() => readSnapshotPath(file));
    watch.check();
    const hash = await timeIt(() => snapshotHash(read.result));
    watch.check();
    const built = await timeIt(() => buildModel(read.result, { hash: hash.result }));
    watch.check();
    record('read', read);
    record('hash', hash);
    record('build', built);
    record('total', { ms: read.ms + hash.ms + built.ms, cpuMs: read.cpuMs + hash.cpuMs + built.cpuMs });
    const m = built.result.model;
    result.counts = { vpcs: m.vpcs.size, subnets: m.subnets.size, enis: m.networkInterfaces.size, securityGroups: m.securityGroups.size, instances: m.instances.size };
  }
  const peak = watch.stop();
  result.peakRss = Math.max(peak.rss, peak.maxRss);
  result.peakHeapUsed = peak.heapUsed;
  return result;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'reachmap-bench-import-'));
  try {
    const results: CaseResult[] = [];
    for (const enis of SIZES) {
      const file = path.join(dir, `synthetic-${enis}.json`);
      writeFileSync(file, JSON.stringify(generateSnapshot({ enis, seed: 42 })), { mode: 0o600 });
      const o = resolveOptions({ enis, seed: 42 });
      console.log(`${enis} ENIs: ${o.vpcs} VPCs, ${o.subnets} subnets, ${o.securityGroups} security groups x ${o.rulesPerGroup} rules, ${o.regions} regions, ${o.peerings} peerings`);
      const iterations = enis <= 1_000 ? 10 : 3;
      results.push(await inChildProcess<CaseResult>(thisFile, ['--child', file, String(enis), String(iterations)]));
    }
    const load = os.loadavg()[0] ?? 0;
    console.log(`\nimport = read + validate (readSnapshotPath) + hash (snapshotHash) + buildModel; medians of the runs (wall and CPU time), fresh process per size (load average ${load.toFixed(1)} on ${os.cpus().length} CPUs)`);
    const median = (samples: number[]) => formatMs(summarize(samples).p50);
    const rows = [['ENIs', 'file', 'runs', 'read+validate', 'hash', 'buildModel', 'total', 'total max', 'peak RSS', 'peak heap']];
    for (const r of results) {
      for (const [label, ms] of [['wall', r.wallMs], ['cpu', r.cpuMs]] as const) {
        rows.push([
          label === 'wall' ? `${r.enis} wall` : `${' '.repeat(String(r.enis).length)} cpu`,
          label === 'wall' ? formatBytes(r.fileBytes) : '',
          label === 'wall' ? String(r.iterations) : '',
          median(ms.read),
          median(ms.hash),
          median(ms.build),
          median(ms.total),
          formatMs(summarize(ms.total).max),
          label === 'wall' ? formatBytes(r.peakRss) : '',
          label === 'wall' ? formatBytes(r.peakHeapUsed) : '',
        ]);
      }
    }
    printTable(rows);
    const target = results.find((r) => r.enis === TARGET_MS.enis);
    if (target) {
      const wall = summarize(target.wallMs.total).p50;
      const cpu = summarize(target.cpuMs.total).p50;
      console.log(`\ntarget: ${TARGET_MS.enis} ENIs in < ${formatMs(TARGET_MS.ms)}: wall ${formatMs(wall)} -> ${wall < TARGET_MS.ms ? 'MET' : 'NOT MET'} (CPU ${formatMs(cpu)})`);
    }
    for (const r of results) {
      if (r.counts.enis !== r.enis) console.log(`warning: ${r.enis}-ENI snapshot imported ${r.counts.enis} ENIs`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child' && path.resolve(process.argv[1] ?? '') === thisFile) {
  const [file, enis, iterations] = process.argv.slice(3);
  const result = await measureFile(file ?? '', Number(enis), Number(iterations));
  console.log(JSON.stringify(result));
}
