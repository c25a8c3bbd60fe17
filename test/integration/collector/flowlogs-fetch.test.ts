// `reachmap flowlogs fetch` with the real AWS SDK against the local test
// server (EC2 Query API for DescribeFlowLogs, CloudWatch Logs over AWS JSON
// 1.1 for FilterLogEvents, both from botocore's models): the records of the
// last hour, paged, written under a header built from the flow log's
// LogFormat (CloudWatch events carry none), readable by `reachmap flowlogs`;
// the default format with a warning when DescribeFlowLogs is refused, or the
// LogFormat the snapshot's FlowLogs kept; several groups read at once under
// one concurrency limit; a missing group named; and
// docs/iam-policy-flowlogs.json, both ways.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fetchFlowLogsToFile, readFlowLogs, snapshotFlowLogs } from '../../../shared/api/flowlogs/node.js';
import { InputError } from '../../../shared/api/errors.js';
import type { RawSnapshot } from '../../../shared/aws/raw.js';
import { readSnapshotPath } from '../../../shared/aws/read/node.js';
import { startAwsTestServer, type AwsTestServer, type Faults } from '../../aws-server/server.js';
import type { TestLogEvent } from '../../aws-server/logs.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ensureBuilt, runCli } from '../cli/run-cli.js';
import { collectLiveSnapshot } from '../../../shared/aws/collect/node.js';
import { accessKeysOf, demoSnapshot, isolateAwsEnvironment, repoRoot } from './helpers.js';

const ACCOUNT = '111122223333';
const GROUP = 'acme-prod-flow-logs';
const LOG_FORMAT = '${version} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status} ${flow-direction}';
const now = Date.now();
const seconds = Math.floor(now / 1000);
// F1 (prod-api-1 -> prod-cache 6379) seen at both ends, in the flow log's own format, and one record from yesterday
const events: TestLogEvent[] = [
  { logStreamName: 'eni-0de00000000000105-all', timestamp: now - 20 * 60_000, message: `5 eni-0de00000000000105 10.0.10.11 10.0.20.21 50001 6379 6 5 300 ${seconds - 1260} ${seconds - 1200} ACCEPT OK egress` },
  { logStreamName: 'eni-0de0000000000010a-all', timestamp: now - 19 * 60_000, message: `5 eni-0de0000000000010a 10.0.10.11 10.0.20.21 50001 6379 6 5 300 ${seconds - 1260} ${seconds - 1200} REJECT OK ingress` },
  { logStreamName: 'eni-0de0000000000010a-all', timestamp: now - 10 * 60_000, message: `5 eni-0de0000000000010a 10.0.10.11 10.0.20.21 50002 6379 6 3 180 ${seconds - 660} ${seconds - 600} REJECT OK ingress` },
  { logStreamName: 'eni-0de0000000000010a-all', timestamp: now - 26 * 3_600_000, message: `5 eni-0de0000000000010a 10.0.10.11 10.0.20.21 50003 6379 6 1 60 ${seconds - 93600} ${seconds - 93540} REJECT OK ingress` },
];

// a second group, of a flow log in AWS's default format: prod-web-1 -> prod-api-1 8080, 15 minutes ago
const GROUP2 = 'acme-web-flow-logs';
const DEFAULT_LOG_FORMAT = '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}';
const events2: TestLogEvent[] = [
  { logStreamName: 'eni-0de00000000000102-all', timestamp: now - 15 * 60_000, message: `2 ${ACCOUNT} eni-0de00000000000102 10.0.0.21 10.0.10.11 41000 8080 6 40 30000 ${seconds - 960} ${seconds - 900} ACCEPT OK` },
];
const FIELDS = ['version', 'interface-id', 'srcaddr', 'dstaddr', 'srcport', 'dstport', 'protocol', 'packets', 'bytes', 'start', 'end', 'action', 'log-status', 'flow-direction'];
const DEFAULT_FIELDS = ['version', 'account-id', 'interface-id', 'srcaddr', 'dstaddr', 'srcport', 'dstport', 'protocol', 'packets', 'bytes', 'start', 'end', 'action', 'log-status'];

const dir = mkdtempSync(path.join(os.tmpdir(), 'reachmap-flowlogs-fetch-'));
let raw: RawSnapshot;
const servers: AwsTestServer[] = [];

async function serveWith(faults: Faults = {}): Promise<AwsTestServer> {
  const server = await startAwsTestServer({ snapshot: raw, accessKeys: accessKeysOf(raw), faults, logGroups: { [ACCOUNT]: { [GROUP]: events, [GROUP2]: events2 } } });
  servers.push(server);
  return server;
}

beforeAll(async () => {
  ensureBuilt();
  isolateAwsEnvironment();
  const demo = await readSnapshotPath(demoSnapshot);
  const region = demo.accounts[ACCOUNT]!['us-east-1']!;
  // the flow log as DescribeFlowLogs describes it (botocore's FlowLog shape)
  const flowLog = { FlowLogId: 'fl-0de00000000000100', LogGroupName: GROUP, ResourceId: 'vpc-0de00000000000100', TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs', LogFormat: LOG_FORMAT, FlowLogStatus: 'ACTIVE', DeliverLogsStatus: 'SUCCESS', MaxAggregationInterval: 600 };
  const flowLog2 = { ...flowLog, FlowLogId: 'fl-0de00000000000200', LogGroupName: GROUP2, ResourceId: 'subnet-0de00000000000111', LogFormat: DEFAULT_LOG_FORMAT };
  raw = { ...demo, accounts: { ...demo.accounts, [ACCOUNT]: { ...demo.accounts[ACCOUNT], 'us-east-1': { ...region, FlowLogs: [flowLog, flowLog2] } } } };
});
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fetchInto = (server: AwsTestServer, name: string, logGroup = GROUP) =>
  fetchFlowLogsToFile({ logGroups: [logGroup], startTime: now - 3_600_000, endTime: now + 1, out: path.join(dir, name), region: 'us-east-1', endpointUrl: server.url });

describe('flowlogs fetch', () => {
  it('reads the last hour page by page and writes it under a header of the flow log\'s fields, 0600', async () => {
    const server = await serveWith({ pageSize: 2 });
    const out = path.join(dir, 'last-hour.log');
    const result = await fetchInto(server, 'last-hour.log');
    expect(result).toMatchObject({ region: 'us-east-1', events: 3, pages: 2, flowLogIds: ['fl-0de00000000000100'], warnings: [] });
    expect(server.calls.filter((c) => c.action === 'FilterLogEvents').map((c) => c.status)).toEqual([200, 200]);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('version interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status flow-direction');
    expect(lines.slice(1)).toEqual(events.slice(0, 3).map((e) => e.message));
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const reading = await readFlowLogs([out]);
    expect(reading.badLines.count).toBe(0);
    const atCache = reading.conversations.find((c) => c.interfaceId === 'eni-0de0000000000010a')!;
    expect(atCache).toMatchObject({ direction: 'ingress', client: '10.0.10.11', server: '10.0.20.21', port: 6379 });
    expect(atCache.forward.rejected).toEqual({ records: 2, packets: 8, bytes: 480 });
  });

  it('uses the default format with a warning when DescribeFlowLogs is refused', async () => {
    const server = await serveWith({ denied: ['DescribeFlowLogs'] });
    const result = await fetchInto(server, 'denied.log');
    expect(result.format).toEqual(['version', 'account-id', 'interface-id', 'srcaddr', 'dstaddr', 'srcport', 'dstport', 'protocol', 'packets', 'bytes', 'start', 'end', 'action', 'log-status']);
    expect(result.warnings).toEqual([
      'ec2:DescribeFlowLogs was refused (UnauthorizedOperation): the flow log\'s LogFormat is unknown',
      `no flow log delivering to ${GROUP} could be read from DescribeFlowLogs: AWS's default format is assumed`,
    ]);
  });

  it('when DescribeFlowLogs is refused, takes the LogFormat from the snapshot\'s FlowLogs, with a warning naming it', async () => {
    const server = await serveWith({ denied: ['DescribeFlowLogs'] });
    const result = await fetchFlowLogsToFile({ logGroups: [GROUP], startTime: now - 3_600_000, endTime: now + 1, out: path.join(dir, 'from-snapshot.log'), region: 'us-east-1', endpointUrl: server.url, snapshot: { label: 'prod.json', flowLogs: snapshotFlowLogs(raw) } });
    expect(result.format).toEqual(FIELDS);
    expect(result.warnings).toEqual([`ec2:DescribeFlowLogs was refused (UnauthorizedOperation): the LogFormat of ${GROUP}'s flow log fl-0de00000000000100 is taken from the snapshot's FlowLogs (prod.json), as it was when that snapshot was taken`]);
    expect((await readFlowLogs([path.join(dir, 'from-snapshot.log')])).badLines.count).toBe(0);
  });

  it('reads several groups at once (both FilterLogEvents in flight together), each under its own header line', async () => {
    // the server holds JSON requests until two are in flight: a fetch one group after the other would never finish
    const server = await serveWith({ gatherJson: 2 });
    const out = path.join(dir, 'two-groups.log');
    const result = await fetchFlowLogsToFile({ logGroups: [GROUP, GROUP2], startTime: now - 3_600_000, endTime: now + 1, out, region: 'us-east-1', endpointUrl: server.url });
    expect(server.maxJsonInFlight).toBe(2);
    expect(result.groups).toEqual([
      { logGroup: GROUP, events: 3, pages: 1, format: FIELDS },
      { logGroup: GROUP2, events: 1, pages: 1, format: DEFAULT_FIELDS },
    ]);
    expect(result).toMatchObject({ events: 4, pages: 2, flowLogIds: ['fl-0de00000000000100', 'fl-0de00000000000200'], warnings: [] });
    // one DescribeFlowLogs for both groups
    expect(server.calls.filter((c) => c.action === 'DescribeFlowLogs')).toHaveLength(1);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines).toEqual([FIELDS.join(' '), ...events.slice(0, 3).map((e) => e.message), DEFAULT_FIELDS.join(' '), events2[0]!.message]);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const reading = await readFlowLogs([out]);
    expect(reading.badLines.count).toBe(0);
    expect(reading.conversations.find((c) => c.interfaceId === 'eni-0de00000000000102')?.forward.accepted).toEqual({ records: 1, packets: 40, bytes: 30000 });
  });

  it('keeps to the concurrency limit: with 1, one request at a time across the groups', async () => {
    const server = await serveWith({ latencyMs: 100 });
    const result = await fetchFlowLogsToFile({ logGroups: [GROUP, GROUP2], startTime: now - 3_600_000, endTime: now + 1, out: path.join(dir, 'one-at-a-time.log'), region: 'us-east-1', endpointUrl: server.url, concurrency: 1 });
    expect(server.maxJsonInFlight).toBe(1);
    expect(result.events).toBe(4);
  });

  it('names a log group that does not exist, and leaves no file behind', async () => {
    const server = await serveWith();
    await expect(fetchInto(server, 'missing.log', 'no-such-group')).rejects.toThrow(InputError);
    await expect(fetchInto(server, 'missing.log', 'no-such-group')).rejects.toThrow('no-such-group does not exist in us-east-1');
    expect(() => statSync(path.join(dir, 'missing.log'))).toThrow();
    expect(() => statSync(path.join(dir, 'missing.log.partial'))).toThrow();
    expect(() => statSync(path.join(dir, 'missing.log.partial-0'))).toThrow();
  });

  it('sends exactly the actions of docs/iam-policy-flowlogs.json', async () => {
    const server = await serveWith();
    await fetchInto(server, 'policy.log');
    const policy = JSON.parse(readFileSync(path.join(repoRoot, 'docs/iam-policy-flowlogs.json'), 'utf8')) as { Statement: { Effect: string; Action: string[]; Resource: string }[] };
    const allowed = new Set(policy.Statement.flatMap((s) => s.Action));
    const prefix = { ec2: 'ec2', logs: 'logs' } as Record<string, string>;
    const sent = new Set(server.calls.map((c) => `${prefix[c.service] ?? c.service}:${c.action}`));
    expect([...sent].sort()).toEqual([...allowed].sort());
    for (const statement of policy.Statement) expect(statement.Effect).toBe('Allow');
  });

  it('the built CLI: fetch, then flowlogs on the file explains the REJECTs at prod-cache by acme-prod-cache', async () => {
    const server = await serveWith();
    const out = path.join(dir, 'cli.log');
    // not spawnSync: the test server answers from this process, whose event loop must keep running
    const fetched = await promisify(execFile)(process.execPath, [path.join(repoRoot, 'bin/reachmap.js'), 'flowlogs', 'fetch', '--log-group', GROUP, '--since', '90m', '--out', out, '--region', 'us-east-1', '--endpoint-url', server.url], { env: process.env });
    expect(fetched.stderr).toBe('');
    expect(fetched.stdout).toContain(`wrote 3 records of ${GROUP} (us-east-1, 1 page`);
    const run = runCli(['flowlogs', out, '--json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { conversations: { interfaceId: string; findings: { kind: string }[]; model: { blocked: { id: string } | null } | null }[] };
    const atCache = report.conversations.find((c) => c.interfaceId === 'eni-0de0000000000010a')!;
    expect(atCache.findings.map((f) => f.kind)).toEqual(['reject-explained']);
    expect(atCache.model?.blocked?.id).toBe('sg-0de00000000000105');
  });

  it('the built CLI: two --log-group at once and, DescribeFlowLogs refused, --snapshot\'s FlowLogs for their LogFormats', async () => {
    const server = await serveWith({ denied: ['DescribeFlowLogs'] });
    const snapshotFile = path.join(dir, 'prod-snapshot.json');
    writeFileSync(snapshotFile, JSON.stringify(raw));
    const out = path.join(dir, 'cli-two.log');
    const fetched = await promisify(execFile)(process.execPath, [path.join(repoRoot, 'bin/reachmap.js'), 'flowlogs', 'fetch', '--log-group', GROUP, '--log-group', GROUP2, '--since', '90m', '--out', out, '--region', 'us-east-1', '--endpoint-url', server.url, '--snapshot', snapshotFile, '--concurrency', '4'], { env: process.env });
    expect(fetched.stderr).toContain(`the LogFormat of ${GROUP}'s flow log fl-0de00000000000100 is taken from the snapshot's FlowLogs (${snapshotFile})`);
    expect(fetched.stderr).toContain(`the LogFormat of ${GROUP2}'s flow log fl-0de00000000000200 is taken from the snapshot's FlowLogs (${snapshotFile})`);
    expect(fetched.stdout).toContain(`wrote 3 records of ${GROUP} (us-east-1, 1 page, fields: ${FIELDS.join(' ')})`);
    expect(fetched.stdout).toContain(`wrote 1 record of ${GROUP2} (us-east-1, 1 page, fields: ${DEFAULT_FIELDS.join(' ')})`);
    const run = runCli(['flowlogs', out, '--json']);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { summary: { records: number; badLines: number } }).summary).toMatchObject({ records: 4, badLines: 0 });
  });

  it('the collector keeps the flow logs in the snapshot as FlowLogs, LogFormat included', async () => {
    const server = await serveWith();
    const snapshot = await collectLiveSnapshot({ regions: ['us-east-1'], endpointUrl: server.url });
    const flowLogs = snapshot.accounts[ACCOUNT]!['us-east-1']!.FlowLogs as { FlowLogId: string; LogGroupName: string; LogFormat: string }[];
    expect(flowLogs.map((f) => [f.FlowLogId, f.LogGroupName, f.LogFormat])).toEqual([['fl-0de00000000000100', GROUP, LOG_FORMAT], ['fl-0de00000000000200', GROUP2, DEFAULT_LOG_FORMAT]]);
  });
});
