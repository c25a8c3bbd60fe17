// `reachmap diff` benchmark (issue 19): two 10k-ENI synthetic snapshots that
// differ in 100 places (rules added, tags renamed, instances stopped, routes
// blackholed, ACL entries replaced, interfaces deleted, subnets renamed).
// Target: `diff --changes-only` within 3x the time of JSON.parse of both
// files. Whole processes of the built CLI, in turns with the floor (a node
// process that reads and parses both files), median of the rounds; then the
// same code path in-process, phase by phase. The default (with the exposure
// and problem deltas, which build both models) is timed beside it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffSnapshotPaths } from '../../shared/api/diff/node.js';
import { diffRawSnapshots } from '../../shared/aws/diff/compare.js';
import { readSnapshotPath } from '../../shared/aws/read/node.js';
import { formatMs, printTable, summarize, timeIt } from './measure.js';
import { generateSnapshot } from './synthetic.js';

const ENIS = 10_000;
const ROUNDS = Number(process.env.REACHMAP_BENCH_ROUNDS) || 5;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(repoRoot, 'bin/reachmap.js');

type Json = Record<string, unknown> & { [key: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** 100 edits spread over the lists, every one a component changed once: the expected count of changed components. */
function hundredChanges(snapshot: Json): number {
  const regions = Object.values(snapshot.accounts as Record<string, Record<string, Json>>).flatMap((byRegion) => Object.values(byRegion));
  const all = (key: string) => regions.flatMap((region) => ((region[key] as Json[] | undefined) ?? []).map((item) => ({ region, item })));
  const every = <T>(list: T[], count: number) => Array.from({ length: count }, (_, i) => list[Math.floor((i * list.length) / count)]!);
  let changed = 0;
  for (const { item } of every(all('SecurityGroups').filter(({ item }) => item.GroupName !== 'default'), 20)) {
    item.IpPermissions.push({ IpProtocol: 'tcp', FromPort: 8443, ToPort: 8443, IpRanges: [{ CidrIp: '198.51.100.0/24' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] });
    changed++;
  }
  for (const { item } of every(all('NetworkInterfaces'), 20)) {
    item.TagSet = [...(item.TagSet ?? []).filter((t: Json) => t.Key !== 'Name'), { Key: 'Name', Value: `renamed-${changed}` }];
    changed++;
  }
  const instances = all('Reservations').flatMap(({ item }) => (item.Instances as Json[]).filter((i) => i.State?.Name === 'running'));
  for (const instance of every(instances, 20)) {
    instance.State = { Code: 80, Name: 'stopped' };
    changed++;
  }
  for (const { item } of every(all('RouteTables').filter(({ item }) => item.Routes.some((r: Json) => r.GatewayId !== 'local')), 10)) {
    item.Routes.find((r: Json) => r.GatewayId !== 'local').State = 'blackhole';
    changed++;
  }
  for (const { item } of every(all('NetworkAcls'), 10)) {
    const entry = item.Entries.find((e: Json) => e.RuleNumber !== 32767);
    entry.RuleAction = entry.RuleAction === 'allow' ? 'deny' : 'allow';
    changed++;
  }
  const unattached = all('NetworkInterfaces').filter(({ item }) => !item.Attachment?.InstanceId && item.InterfaceType === undefined);
  const deletions = unattached.length >= 10 ? every(unattached, 10) : every(all('Subnets'), 10);
  for (const { region, item } of deletions) {
    const key = 'NetworkInterfaceId' in item ? 'NetworkInterfaces' : 'Subnets';
    region[key] = (region[key] as Json[]).filter((other) => other !== item);
    changed++;
  }
  for (const { item } of every(all('Subnets'), 10)) {
    item.Tags = [{ Key: 'Name', Value: `subnet-renamed-${changed}` }];
    changed++;
  }
  return changed;
}

const REPORT_CPU = `data:text/javascript,process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('cpu-ms '+(u.user+u.system)/1000+'\\n')})`;

function timeProcess(args: readonly string[]): { ms: number; cpuMs: number; status: number | null } {
  const start = performance.now();
  const child = spawnSync(process.execPath, ['--import', REPORT_CPU, ...args], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1024 * 1024 * 1024, encoding: 'utf8' });
  const ms = performance.now() - start;
  return { ms, cpuMs: Number(/cpu-ms ([\d.]+)/.exec(child.stderr)?.[1] ?? Number.NaN), status: child.status };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'reachmap-bench-diff-'));
  try {
    const before = generateSnapshot({ enis: ENIS, seed: 42 }) as unknown as Json;
    const after = structuredClone(before);
    const planted = hundredChanges(after);
    const oldFile = path.join(dir, 'old.json');
    const newFile = path.join(dir, 'new.json');
    writeFileSync(oldFile, JSON.stringify(before), { mode: 0o600 });
    writeFileSync(newFile, JSON.stringify(after), { mode: 0o600 });
    const sizeMb = (readFileSync(oldFile).length / 1e6).toFixed(1);
    console.log(`two ${ENIS}-ENI snapshots (${sizeMb} MB each), ${planted} components changed on purpose`);

    // in-process phases
    const parse = await timeIt(() => [JSON.parse(readFileSync(oldFile, 'utf8')), JSON.parse(readFileSync(newFile, 'utf8'))]);
    const read = await timeIt(async () => [await readSnapshotPath(oldFile), await readSnapshotPath(newFile)]);
    const [rawOld, rawNew] = read.result;
    const compare = await timeIt(() => diffRawSnapshots(rawOld!, rawNew!));
    const whole = await timeIt(() => diffSnapshotPaths(oldFile, newFile));
    const found = compare.result.changes.length;
    console.log(`components found changed: ${found} (planted ${planted}); not compared: ${compare.result.notCompared.length}; compared: ${compare.result.compared}`);
    console.log(`default mode: exposure opened ${whole.result.report.exposure!.opened.length}, closed ${whole.result.report.exposure!.closed.length}; problems new ${whole.result.report.problems!.new.length}, resolved ${whole.result.report.problems!.resolved.length}`);
    printTable([
      ['phase (in this process)', 'wall'],
      ['JSON.parse of both files (read + parse)', formatMs(parse.ms)],
      ['read + validate both snapshots (readSnapshotPath)', formatMs(read.ms)],
      ['compare the components (diffRawSnapshots)', formatMs(compare.ms)],
      ['default: open both (models), compare, exposure and problem deltas', formatMs(whole.ms)],
    ]);

    if (!existsSync(path.join(repoRoot, 'dist/cli/commands/diff.js'))) {
      console.log('\n(dist/ not built: run `npm run build:node` for the whole-command figures)');
      return;
    }
    const floor = `const fs=require('fs');JSON.parse(fs.readFileSync(${JSON.stringify(oldFile)},'utf8'));JSON.parse(fs.readFileSync(${JSON.stringify(newFile)},'utf8'))`;
    const cases = {
      floor: ['-e', floor],
      changesOnly: [cli, 'diff', oldFile, newFile, '--changes-only', '--json'],
      full: [cli, 'diff', oldFile, newFile, '--json'],
    };
    const wall: Record<keyof typeof cases, number[]> = { floor: [], changesOnly: [], full: [] };
    const cpu: Record<keyof typeof cases, number[]> = { floor: [], changesOnly: [], full: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of Object.keys(cases) as (keyof typeof cases)[]) {
        const timed = timeProcess(cases[name]);
        if (name !== 'floor' && timed.status !== 1) throw new Error(`diff ${name} exited ${timed.status}, not 1`);
        wall[name].push(timed.ms);
        cpu[name].push(timed.cpuMs);
      }
    }
    const median = (samples: number[]) => summarize(samples).p50;
    const ratio = (name: keyof typeof cases) => (median(wall[name]) / median(wall.floor)).toFixed(2);
    const cpuRatio = (name: keyof typeof cases) => (median(cpu[name]) / median(cpu.floor)).toFixed(2);
    console.log(`\nwhole processes, median of ${ROUNDS} rounds in turns:`);
    printTable([
      ['command', 'wall', 'CPU', 'x parse (wall)', 'x parse (CPU)', 'target'],
      ['node: JSON.parse of both files', formatMs(median(wall.floor)), formatMs(median(cpu.floor)), '1.00', '1.00', ''],
      ['reachmap diff --changes-only --json', formatMs(median(wall.changesOnly)), formatMs(median(cpu.changesOnly)), ratio('changesOnly'), cpuRatio('changesOnly'), '<= 3x'],
      ['reachmap diff --json (exposure, problems)', formatMs(median(wall.full)), formatMs(median(cpu.full)), ratio('full'), cpuRatio('full'), '(printed)'],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
