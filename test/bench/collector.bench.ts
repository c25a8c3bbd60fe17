// Collector benchmark (issue 4): a synthetic 10k-ENI account in 2 regions
// served by the local AWS server with 50 ms added to every answer and AWS's
// 1000-item pages. Prints the wall time, the number of calls, and the ratio
// to the critical-path bound: the longest chain of calls that must follow one
// another (STS, DescribeRegions, then a list's pages and the pages of the
// per-resource calls it leads to) times the latency. Target: ratio <= 1.5.
// The server runs in its own process, as AWS would: the collector's CPU time
// (mostly the SDK parsing the XML answers) is its own and printed too.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { collectLiveSnapshot } from '../../shared/aws/collect/node.js';
import { PER_RESOURCE_CALLS, REGION_LIST_CALLS } from '../../shared/aws/collect/calls.js';
import type { RawSnapshot } from '../../shared/aws/raw.js';
import { CONTROL_PATH, type Faults, type ReceivedCall } from '../aws-server/server.js';
import { isolateAwsEnvironment } from '../integration/collector/helpers.js';
import { formatMs, printTable, timeIt } from './measure.js';
import { generateSnapshot } from './synthetic.js';

const LATENCY_MS = 50;
const ENIS = 10_000;
const REGIONS = 2;
const TARGET_RATIO = 1.5;

/** Requests that had to follow one another, counted from what the server received. */
function longestChain(calls: readonly ReceivedCall[]): number {
  const count = (match: (call: ReceivedCall) => boolean) => calls.filter(match).length;
  const accountSteps = count((c) => c.action === 'GetCallerIdentity') + count((c) => c.action === 'DescribeRegions');
  const regions = [...new Set(calls.filter((c) => c.service !== 'sts' && c.action !== 'DescribeRegions').map((c) => c.region))];
  let longest = 0;
  for (const region of regions) {
    for (const list of REGION_LIST_CALLS) {
      const pages = count((c) => c.region === region && c.action === list.api);
      let dependentPages = 0;
      for (const dependent of PER_RESOURCE_CALLS.filter((d) => d.parentKey === list.key)) {
        const perResource = new Map<string, number>();
        for (const call of calls) {
          if (call.region !== region || call.action !== dependent.api || !call.resourceId) continue;
          perResource.set(call.resourceId, (perResource.get(call.resourceId) ?? 0) + 1);
        }
        dependentPages = Math.max(dependentPages, ...perResource.values());
      }
      longest = Math.max(longest, pages + dependentPages);
    }
  }
  return accountSteps + longest;
}

const serverMain = fileURLToPath(new URL('../aws-server/main.ts', import.meta.url));

async function startServerProcess(snapshotFile: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', serverMain, '--snapshot', snapshotFile], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the AWS test server exited (${code}) before answering`)));
  });
  return { child, url: (JSON.parse(first) as { url: string }).url };
}

async function setFaults(url: string, faults: Faults): Promise<void> {
  await fetch(`${url}${CONTROL_PATH}/faults`, { method: 'POST', body: JSON.stringify(faults) });
}

async function receivedCalls(url: string): Promise<ReceivedCall[]> {
  return (await (await fetch(`${url}${CONTROL_PATH}/calls`)).json()) as ReceivedCall[];
}

/** Only the scalar members of an object (ids and the like). */
function scalars(item: unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item as Record<string, unknown>).filter(([, value]) => typeof value !== 'object'));
}

/** The largest lists cut to their items' scalar members: the same calls and pages, a fraction of the XML to parse. */
const TRIM: Readonly<Record<string, (item: unknown) => unknown>> = {
  NetworkInterfaces: scalars,
  SecurityGroups: scalars,
  Reservations: (item) => ({ ...scalars(item), Instances: ((item as { Instances?: unknown[] }).Instances ?? []).map(scalars) }),
};

function scalarsOnly(snapshot: RawSnapshot): RawSnapshot {
  const accounts = Object.fromEntries(
    Object.entries(snapshot.accounts).map(([account, regions]) => [
      account,
      Object.fromEntries(
        Object.entries(regions).map(([region, data]) => [
          region,
          Object.fromEntries(
            Object.entries(data).map(([key, list]) => [key, TRIM[key] && Array.isArray(list) ? list.map(TRIM[key]) : list]),
          ),
        ]),
      ),
    ]),
  );
  return { ...snapshot, accounts } as RawSnapshot;
}

async function measure(label: string, snapshot: RawSnapshot, dir: string, latencyMs = LATENCY_MS): Promise<{ row: string[]; bound: number }> {
  const snapshotFile = path.join(dir, `${label.replace(/\W+/g, '-')}.json`);
  writeFileSync(snapshotFile, JSON.stringify(snapshot), { mode: 0o600 });
  const { child, url } = await startServerProcess(snapshotFile);
  try {
    // a first collection loads the SDK here and fills the server's XML cache, outside the measured run
    await setFaults(url, {});
    await collectLiveSnapshot({ regions: 'all', endpointUrl: url });
    await setFaults(url, { latencyMs });

    const { result, ms, cpuMs } = await timeIt(() => collectLiveSnapshot({ regions: 'all', endpointUrl: url }));
    const calls = await receivedCalls(url);
    const chain = longestChain(calls);
    // with no latency there is no bound: the ratio is to the bound the same calls have at LATENCY_MS
    const bound = chain * LATENCY_MS;
    const collectedEnis = Object.values(result.accounts)
      .flatMap((account) => Object.values(account))
      .reduce((n, region) => n + (region.NetworkInterfaces?.length ?? 0), 0);
    const ratio = ms / bound;
    const row = [
      `${label} (${latencyMs} ms a call)`,
      String(collectedEnis),
      String(Object.values(result.accounts).flatMap((a) => Object.keys(a)).length),
      String(calls.length),
      String(result.errors.length),
      formatMs(ms),
      formatMs(cpuMs),
      `${chain} calls`,
      formatMs(bound),
      ratio.toFixed(2),
      latencyMs === LATENCY_MS ? `<= ${TARGET_RATIO} ${ratio <= TARGET_RATIO ? 'met' : 'MISSED'}` : 'floor (see below)',
    ];
    return { row, bound };
  } finally {
    child.kill('SIGTERM');
  }
}

export async function run(): Promise<void> {
  isolateAwsEnvironment();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'reachmap-bench-collector-'));
  try {
    const snapshot = generateSnapshot({ enis: ENIS, regions: REGIONS }) as unknown as RawSnapshot;
    const full = await measure('synthetic account', snapshot, dir);
    const rows = [
      full.row,
      (await measure('synthetic account', snapshot, dir, 0)).row,
      (await measure('ENIs, instances, SGs cut to ids', scalarsOnly(snapshot), dir)).row,
    ];
    printTable([
      ['case', 'ENIs', 'regions', 'calls', 'errors', 'wall', 'collector CPU', 'chain', 'bound', 'ratio', 'target'],
      ...rows,
    ]);
    // the least work any collector must do here: build the snapshot's objects, with V8's fastest builder
    const json = JSON.stringify(snapshot.accounts);
    const parsed = await timeIt(() => JSON.parse(json) as unknown);
    console.log(
      `building the same accounts' objects with JSON.parse alone: ${formatMs(parsed.ms)} (${(json.length / 1e6).toFixed(1)} MB of JSON), the target allows ${formatMs(TARGET_RATIO * full.bound)} for the whole collection`,
    );
    console.log(
      `latency ${LATENCY_MS} ms a call, pages of at most 1000 items; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs`,
    );
    console.log('"cut to ids": the same calls and pages, the large lists cut to their scalar members: the scheduling without most of the XML parsing');
    console.log(
      '"0 ms a call": the same collection with no added latency, so its wall time is the processing alone; its ratio is to the bound at 50 ms, the least any scheduling could reach here',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
