// Engine benchmark (issue 3) on the synthetic networks of 1k and 10k ENIs
// (10k: 50 VPCs, 1k subnets, 2k security groups of 10 rules, a transit
// gateway per region, peerings): model build time, single-query latency of
// analyzeFlow over 10,000 random flows (p50/p99, wall and CPU), the exposure
// audit, allowedBetween and diagnose per call, and the peak RSS of the whole
// run. Each size runs in a fresh process so that its memory is its own.
// Targets at 10k ENIs: build < 2 s, p50 < 1 ms, p99 < 5 ms, exposure < 3 s,
// RSS < 500 MB.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildModel } from '../../shared/aws/build-model.js';
import { parseSnapshotDocument } from '../../shared/aws/validate.js';
import { allowedBetween } from '../../shared/engine/allowed-between.js';
import { analyzeFlow } from '../../shared/engine/analyze.js';
import { diagnose } from '../../shared/engine/diagnose.js';
import { exposureOf } from '../../shared/engine/exposure.js';
import type { FlowRequest } from '../../shared/engine/packet.js';
import { formatIpv4 } from '../../shared/model/ipv4.js';
import type { NetworkModel } from '../../shared/model/types.js';
import { collectGarbage, formatBytes, formatMs, inChildProcess, MemoryWatch, printTable, summarize, timeIt } from './measure.js';
import { generateSnapshot, resolveOptions } from './synthetic.js';

const thisFile = fileURLToPath(import.meta.url);
const SIZES = [1_000, 10_000];
const FLOWS = 10_000;
const TARGETS = { enis: 10_000, buildMs: 2_000, p50Ms: 1, p99Ms: 5, exposureMs: 3_000, rssBytes: 500 * 1024 * 1024 };

interface CaseResult {
  enis: number;
  buildMs: number[];
  queryWallMs: number[];
  queryCpuMs: number[];
  reachableShare: number;
  exposureMs: number[];
  exposureCpuMs: number[];
  exposed: number;
  allowedBetweenMs: number[];
  diagnoseMs: number[];
  peakRss: number;
}

/** A seeded linear congruential generator: every run asks the same questions. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

/** Random flows: ENI to ENI (most), the internet to public IPs, ENIs to the internet; tcp, udp, icmp, all. */
function randomFlows(model: NetworkModel, count: number, next: () => number): FlowRequest[] {
  const enis = [...model.networkInterfaces.values()].filter((eni) => !model.indexes.ownerOfNetworkInterface.has(eni.id));
  const publicIps = enis.flatMap((eni) => (eni.publicIp === undefined ? [] : [formatIpv4(eni.publicIp)]));
  const any = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return Array.from({ length: count }, () => {
    const roll = next();
    const from = roll < 0.15 ? 'internet' : any(enis).id;
    const to = roll < 0.15 && publicIps.length > 0 ? any(publicIps) : roll > 0.9 ? '198.51.100.77' : any(enis).id;
    const protocol = any(['tcp', 'tcp', 'tcp', 'tcp', 'udp', 'icmp', 'all']);
    const port = protocol === 'tcp' ? any([22, 80, 443, 3306, 5432, 8080, 9090]) : protocol === 'udp' ? any([53, 123, 514]) : undefined;
    return { from, to: from === to ? '198.51.100.77' : to, protocol, port };
  });
}

async function measure(file: string, enis: number): Promise<CaseResult> {
  const watch = new MemoryWatch();
  const raw = parseSnapshotDocument(JSON.parse(readFileSync(file, 'utf8')), path.basename(file));
  const buildMs: number[] = [];
  let model: NetworkModel | undefined;
  for (let i = 0; i < 3; i++) {
    model = undefined;
    collectGarbage();
    const built = await timeIt(() => buildModel(raw).model);
    buildMs.push(built.ms);
    model = built.result;
    watch.check();
  }
  const m = model!;
  const next = seeded(enis);
  const flows = randomFlows(m, FLOWS, next);
  for (const flow of flows.slice(0, 1_000)) analyzeFlow(m, flow); // warm-up: let the JIT settle
  collectGarbage();
  const queryWallMs: number[] = [];
  const queryCpuMs: number[] = [];
  let reachable = 0;
  for (const flow of flows) {
    const timed = await timeIt(() => analyzeFlow(m, flow));
    queryWallMs.push(timed.ms);
    queryCpuMs.push(timed.cpuMs);
    if (timed.result.verdict === 'reachable') reachable++;
  }
  watch.check();
  const exposureMs: number[] = [];
  const exposureCpuMs: number[] = [];
  let exposed = 0;
  for (let i = 0; i < 3; i++) {
    const timed = await timeIt(() => exposureOf(m));
    exposureMs.push(timed.ms);
    exposureCpuMs.push(timed.cpuMs);
    exposed = timed.result.exposed.length;
    watch.check();
  }
  const pairs = randomFlows(m, 100, next);
  const allowedBetweenMs: number[] = [];
  for (const pair of pairs) allowedBetweenMs.push((await timeIt(() => allowedBetween(m, pair.from, pair.to))).ms);
  const instances = [...m.instances.keys()];
  const diagnoseMs: number[] = [];
  for (let i = 0; i < 20; i++) diagnoseMs.push((await timeIt(() => diagnose(m, instances[Math.floor(next() * instances.length)]!))).ms);
  const peak = watch.stop();
  return { enis, buildMs, queryWallMs, queryCpuMs, reachableShare: reachable / flows.length, exposureMs, exposureCpuMs, exposed, allowedBetweenMs, diagnoseMs, peakRss: Math.max(peak.rss, peak.maxRss) };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'reachmap-bench-engine-'));
  try {
    const results: CaseResult[] = [];
    for (const enis of SIZES) {
      const o = resolveOptions({ enis, seed: 42 });
      console.log(`${enis} ENIs: ${o.vpcs} VPCs, ${o.subnets} subnets, ${o.securityGroups} security groups x ${o.rulesPerGroup} rules, ${o.regions} regions, ${o.peerings} peerings`);
      const file = path.join(dir, `synthetic-${enis}.json`);
      writeFileSync(file, JSON.stringify(generateSnapshot({ enis, seed: 42 })), { mode: 0o600 });
      results.push(await inChildProcess<CaseResult>(thisFile, ['--child', file, String(enis)]));
    }
    const med = (samples: number[]) => formatMs(summarize(samples).p50);
    console.log(`\nmedians of 3 runs for build and exposure; analyzeFlow over ${FLOWS} random flows (after 1,000 warm-up); allowedBetween over 100 pairs; diagnose over 20 instances (load average ${(os.loadavg()[0] ?? 0).toFixed(1)} on ${os.cpus().length} CPUs)`);
    printTable([
      ['ENIs', 'build', 'query p50', 'query p99', 'cpu p50', 'cpu p99', 'reachable', 'exposure', 'exposure cpu', 'exposed', 'allowedBetween p50', 'diagnose p50', 'peak RSS'],
      ...results.map((r) => {
        const wall = summarize(r.queryWallMs);
        const cpu = summarize(r.queryCpuMs);
        return [String(r.enis), med(r.buildMs), formatMs(wall.p50), formatMs(wall.p99), formatMs(cpu.p50), formatMs(cpu.p99), `${(100 * r.reachableShare).toFixed(0)}%`, med(r.exposureMs), med(r.exposureCpuMs), String(r.exposed), med(r.allowedBetweenMs), med(r.diagnoseMs), formatBytes(r.peakRss)];
      }),
    ]);
    const target = results.find((r) => r.enis === TARGETS.enis);
    if (!target) return;
    const verdict = (value: number, limit: number) => `${value < limit ? 'MET' : 'NOT MET'}`;
    const wall = summarize(target.queryWallMs);
    console.log(`\ntargets at ${TARGETS.enis} ENIs:`);
    console.log(`  build     ${med(target.buildMs)} < ${formatMs(TARGETS.buildMs)}: ${verdict(summarize(target.buildMs).p50, TARGETS.buildMs)}`);
    console.log(`  query p50 ${formatMs(wall.p50)} < ${formatMs(TARGETS.p50Ms)}: ${verdict(wall.p50, TARGETS.p50Ms)}`);
    console.log(`  query p99 ${formatMs(wall.p99)} < ${formatMs(TARGETS.p99Ms)}: ${verdict(wall.p99, TARGETS.p99Ms)}`);
    console.log(`  exposure  ${med(target.exposureMs)} < ${formatMs(TARGETS.exposureMs)}: ${verdict(summarize(target.exposureMs).p50, TARGETS.exposureMs)} (CPU ${med(target.exposureCpuMs)})`);
    console.log(`  peak RSS  ${formatBytes(target.peakRss)} < ${formatBytes(TARGETS.rssBytes)}: ${verdict(target.peakRss, TARGETS.rssBytes)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child' && path.resolve(process.argv[1] ?? '') === thisFile) {
  const [file, enis] = process.argv.slice(3);
  console.log(JSON.stringify(await measure(file ?? '', Number(enis))));
}
