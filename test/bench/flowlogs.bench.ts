// Flow logs benchmark (issue 20): a generated 1 GiB log in the default
// version-2 format (10 million records over 2,000 interfaces with 10 peers
// each, about 80,000 conversations: requests and
// replies, a few REJECTs, NODATA windows), parsed and grouped into
// conversations from the file by shared/api/flowlogs (no gzip, no engine),
// in its own process so that its peak memory is its own. Prints MB/s (wall
// and CPU) and peak RSS; beside it, for comparison, a naive reader (lines as
// strings, split on spaces, a string key per record) over the first 256 MiB.
// Target: at least 100 MB/s, memory growing with conversations, not records.
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { readFlowLogs } from '../../shared/api/flowlogs/node.js';
import { formatBytes, inChildProcess, MemoryWatch, printTable, timeIt } from './measure.js';
import { Rng } from './synthetic.js';

const thisFile = fileURLToPath(import.meta.url);
const SIZE = Number(process.env.REACHMAP_BENCH_FLOWLOG_BYTES ?? 2 ** 30);
const NAIVE_BYTES = Math.min(SIZE, 256 * 2 ** 20);
const INTERFACES = 2000;
const PEERS = 10;
const SERVICE_PORTS = [443, 80, 5432, 6379, 22, 8080, 9100, 3000];

interface Result {
  bytes: number;
  wallMs: number;
  cpuMs: number;
  peakRss: number;
  maxRss: number;
  records: number;
  conversations: number;
  badLines: number;
}

function generate(file: string, size: number): void {
  // seeded: every run reads the same log
  const rng = new Rng(20);
  const next = () => rng.next();
  const pick = (n: number) => rng.int(n);
  const interfaces = Array.from({ length: INTERFACES }, (_, i) => ({ id: `eni-0${i.toString(16).padStart(16, '0')}`, ip: `10.${(i >> 8) & 255}.${i & 255}.${10 + (i % 200)}` }));
  const fd = openSync(file, 'w');
  let written = 0;
  let time = 1_765_000_000;
  try {
    while (written < size) {
      const lines: string[] = [];
      for (let n = 0; n < 20_000; n++) {
        const index = pick(INTERFACES);
        const eni = interfaces[index]!;
        // each interface talks with its own few peers on one or two services each
        const k = pick(PEERS);
        const peer = `10.${100 + ((index * 7 + k) % 50)}.${k}.${1 + (index % 250)}`;
        const port = SERVICE_PORTS[(index + k + pick(2)) % SERVICE_PORTS.length]!;
        const ephemeral = 32768 + pick(28000);
        const action = next() < 0.03 ? 'REJECT' : 'ACCEPT';
        const packets = 1 + pick(400);
        const bytes = packets * (60 + pick(1400));
        if (next() < 0.001) lines.push(`2 123456789012 ${eni.id} - - - - - - - ${time} ${time + 60} - NODATA`);
        else if (next() < 0.5) lines.push(`2 123456789012 ${eni.id} ${peer} ${eni.ip} ${ephemeral} ${port} 6 ${packets} ${bytes} ${time} ${time + 58} ${action} OK`);
        else lines.push(`2 123456789012 ${eni.id} ${eni.ip} ${peer} ${port} ${ephemeral} 6 ${packets} ${bytes} ${time} ${time + 58} ${action} OK`);
        if (n % 1000 === 0) time += 1;
      }
      const text = `${lines.join('\n')}\n`;
      written += writeSync(fd, text);
    }
  } finally {
    closeSync(fd);
  }
}

async function measure(file: string): Promise<Result> {
  const watch = new MemoryWatch();
  const { result, ms, cpuMs } = await timeIt(() => readFlowLogs([file]));
  const peak = watch.stop();
  return { bytes: statSync(file).size, wallMs: ms, cpuMs, peakRss: peak.rss, maxRss: peak.maxRss, records: result.records, conversations: result.conversations.length, badLines: result.badLines.count };
}

/** The naive way, for comparison: a string per line, split into strings, a string key per record. */
async function naive(file: string, limit: number): Promise<Result> {
  const watch = new MemoryWatch();
  const { result, ms, cpuMs } = await timeIt(async () => {
    const groups = new Map<string, number[]>();
    let records = 0;
    const lines = createInterface({ input: createReadStream(file, { end: limit - 1 }), crlfDelay: Infinity });
    for await (const line of lines) {
      const f = line.split(' ');
      if (f.length !== 14 || f[13] !== 'OK') continue;
      records++;
      // the same grouping as ours: a reply (lower, non-ephemeral source port) joins its request's conversation
      const reply = Number(f[5]) < Number(f[6]) && Number(f[5]) < 49152;
      const key = reply ? `${f[2]} ${f[4]} ${f[3]} ${f[7]} ${f[5]} r` : `${f[2]} ${f[3]} ${f[4]} ${f[7]} ${f[6]}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = [0, 0]));
      g[0]! += Number(f[8]);
      g[1]! += Number(f[9]);
    }
    return { records, conversations: groups.size };
  });
  const peak = watch.stop();
  return { bytes: limit, wallMs: ms, cpuMs, peakRss: peak.rss, maxRss: peak.maxRss, records: result.records, conversations: result.conversations, badLines: 0 };
}

const mbps = (bytes: number, ms: number) => (bytes / 1e6 / (ms / 1000)).toFixed(1);

export async function run(): Promise<void> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'reachmap-flowlogs-'));
  try {
    const file = path.join(folder, 'flow.log');
    const generated = await timeIt(() => generate(file, SIZE));
    console.log(`generated ${formatBytes(statSync(file).size)} of default-format records in ${(generated.ms / 1000).toFixed(1)} s (${file}, deleted afterwards); load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    const ours = await inChildProcess<Result>(thisFile, ['--child', 'ours', file]);
    const baseline = await inChildProcess<Result>(thisFile, ['--child', 'naive', file, String(NAIVE_BYTES)]);
    printTable([
      ['reader', 'bytes', 'records', 'conversations', 'wall', 'MB/s (wall)', 'MB/s (CPU)', 'peak RSS', 'bad lines'],
      ...[
        ['shared/api/flowlogs', ours],
        ['naive (split, string keys)', baseline],
      ].map(([name, r]) => {
        const x = r as Result;
        return [name as string, formatBytes(x.bytes), String(x.records), String(x.conversations), `${(x.wallMs / 1000).toFixed(2)} s`, mbps(x.bytes, x.wallMs), mbps(x.bytes, x.cpuMs), formatBytes(Math.max(x.peakRss, x.maxRss)), String(x.badLines)];
      }),
    ]);
    console.log(`target: at least 100 MB/s parsed and grouped: ${Number(mbps(ours.bytes, ours.wallMs)) >= 100 ? 'met' : 'NOT met'} (wall; the machine is shared: CPU-time figure beside it)`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child' && path.resolve(process.argv[1] ?? '') === thisFile) {
  const [which, file, limit] = process.argv.slice(3);
  const result = which === 'naive' ? await naive(file!, Number(limit)) : await measure(file!);
  console.log(JSON.stringify(result));
}
