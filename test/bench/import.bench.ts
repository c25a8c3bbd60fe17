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

interface CaseResult {
  enis: number;
  fileBytes: number;
  iterations: number;
  readMs: number[];
  hashMs: number[];
  buildMs: number[];
  totalMs: number[];
  /** CPU time (user + system) of the whole import: less sensitive than wall time to a busy machine */
  cpuMs: number[];
  peakRss: number;
  peakHeapUsed: number;
  baselineHeapUsed: number;
  counts: { vpcs: number; subnets: number; enis: number; securityGroups: number; instances: number };
}

/** One size, in this (child) process: the import repeated, each phase timed. */
async function measureFile(file: string, enis: number, iterations: number): Promise<CaseResult> {
  const result: CaseResult = {
    enis,
    fileBytes: statSync(file).size,
    iterations,
    readMs: [],
    hashMs: [],
    buildMs: [],
    totalMs: [],
    cpuMs: [],
    peakRss: 0,
    peakHeapUsed: 0,
    baselineHeapUsed: 0,
    counts: { vpcs: 0, subnets: 0, enis: 0, securityGroups: 0, instances: 0 },
  };
  const watch = new MemoryWatch();
  for (let i = 0; i < iterations; i++) {
    collectGarbage();
    const cpu = process.cpuUsage();
    const read = await timeIt(() => readSnapshotPath(file));
    watch.check();
    const hash = await timeIt(() => snapshotHash(read.result));
    watch.check();
    const built = await timeIt(() => buildModel(read.result, { hash: hash.result }));
    watch.check();
    result.readMs.push(read.ms);
    result.hashMs.push(hash.ms);
    result.buildMs.push(built.ms);
    result.totalMs.push(read.ms + hash.ms + built.ms);
    const used = process.cpuUsage(cpu);
    result.cpuMs.push((used.user + used.system) / 1000);
    const m = built.result.model;
    result.counts = { vpcs: m.vpcs.size, subnets: m.subnets.size, enis: m.networkInterfaces.size, securityGroups: m.securityGroups.size, instances: m.instances.size };
  }
  const peak = watch.stop();
  result.peakRss = Math.max(peak.rss, peak.maxRss);
  result.peakHeapUsed = peak.heapUsed;
  result.baselineHeapUsed = peak.baselineHeapUsed;
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
    console.log(`\nimport = read + validate (readSnapshotPath) + hash (snapshotHash) + buildModel; median of the runs, fresh process per size (load average ${load.toFixed(1)} on ${os.cpus().length} CPUs)`);
    const rows = [['ENIs', 'file', 'runs', 'read+validate', 'hash', 'buildModel', 'total p50', 'total max', 'CPU p50', 'peak RSS', 'peak heap']];
    for (const r of results) {
      const total = summarize(r.totalMs);
      rows.push([
        String(r.enis),
        formatBytes(r.fileBytes),
        String(r.iterations),
        formatMs(summarize(r.readMs).p50),
        formatMs(summarize(r.hashMs).p50),
        formatMs(summarize(r.buildMs).p50),
        formatMs(total.p50),
        formatMs(total.max),
        formatMs(summarize(r.cpuMs).p50),
        formatBytes(r.peakRss),
        formatBytes(r.peakHeapUsed),
      ]);
    }
    printTable(rows);
    const target = results.find((r) => r.enis === TARGET_MS.enis);
    if (target) {
      const p50 = summarize(target.totalMs).p50;
      console.log(`\ntarget: ${TARGET_MS.enis} ENIs in < ${formatMs(TARGET_MS.ms)}: ${formatMs(p50)} -> ${p50 < TARGET_MS.ms ? 'MET' : 'NOT MET'}`);
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
