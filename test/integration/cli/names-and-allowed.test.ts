// Issue 15.1 and 15.5 through the built CLI: every command that takes an
// endpoint or a target takes a Name; an ambiguous Name is exit 2 listing the
// candidates; a typo gets "did you mean"; `reachmap allowed` prints what gets
// through and back, validated against docs/schemas/allowed.schema.json and
// checked against per-port traces. Expected values written by hand from
// assets/demo/README.md.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeSnapshotFile } from '../../../shared/aws/write/node.js';
import { createNodeReachmapService } from '../../../shared/api/service/node.js';
import { Network } from '../../fixtures/engine/network.js';
import { ensureBuilt, repoRoot, runCli, stderrLines } from './run-cli.js';

beforeAll(ensureBuilt);

function schema(name: string): object {
  return JSON.parse(readFileSync(path.join(repoRoot, 'docs/schemas', name), 'utf8')) as object;
}
const ajv = new Ajv2020({ allErrors: true });
ajv.addSchema(schema('analyze.schema.json'));
const validateAllowed = ajv.compile(schema('allowed.schema.json'));
const validateAnalyze = ajv.getSchema('https://reachmap.local/schemas/analyze.schema.json')!;

const dir = mkdtempSync(path.join(tmpdir(), 'reachmap-names-'));

/** Two instances tagged "web" (and one "prod-api-1"): a Name that names two machines. */
async function twinsSnapshot(): Promise<string> {
  const { raw } = new Network()
    .vpc('vpc-a', '10.0.0.0/16')
    .subnet('subnet-a', 'vpc-a', '10.0.1.0/24')
    .routeTable('rtb-a', 'vpc-a', { main: true, routes: [['10.0.0.0/16', 'local']] })
    .acl('acl-a', 'vpc-a', { isDefault: true, subnets: ['subnet-a'] })
    .group('sg-a', 'vpc-a', { ingress: [{ protocol: 'tcp', ports: [443, 443], cidr: '10.0.0.0/16' }] })
    .instance('i-0aaa000000000001', { subnet: 'subnet-a', ip: '10.0.1.11', groups: ['sg-a'], name: 'web' })
    .instance('i-0aaa000000000002', { subnet: 'subnet-a', ip: '10.0.1.12', groups: ['sg-a'], name: 'web' })
    .instance('i-0aaa000000000003', { subnet: 'subnet-a', ip: '10.0.1.13', groups: ['sg-a'], name: 'prod-api-1' })
    .snapshot();
  const file = path.join(dir, 'twins.json');
  await writeSnapshotFile(file, raw);
  return file;
}

function json(args: string[]): { status: number | null; result: Record<string, unknown> } {
  const run = runCli([...args, '--json']);
  expect(run.stderr).toBe('');
  return { status: run.status, result: JSON.parse(run.stdout) as Record<string, unknown> };
}

function expectBadInput(args: string[], message: string | RegExp): void {
  const run = runCli(args);
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(stderrLines(run)).toHaveLength(1);
  if (typeof message === 'string') expect(run.stderr).toContain(message);
  else expect(run.stderr).toMatch(message);
}

describe('Names as endpoints in every CLI command (issue 15.1)', () => {
  it('analyze --from prod-api-1 --to prod-cache: the same trace as by id, with the Names in `resolved`', () => {
    const byName = json(['analyze', '--from', 'prod-api-1', '--to', 'prod-cache', '--port', '6379']);
    const byId = json(['analyze', '--from', 'i-0de00000000000105', '--to', 'i-0de0000000000010a', '--port', '6379']);
    expect(validateAnalyze(byName.result), JSON.stringify(validateAnalyze.errors)).toBe(true);
    expect(byName.result.resolved).toEqual({
      from: { kind: 'eni', id: 'eni-0de00000000000105', name: 'prod-api-1', ip: '10.0.10.11' },
      to: { kind: 'eni', id: 'eni-0de0000000000010a', name: 'prod-cache', ip: '10.0.20.21' },
    });
    // F1: the cache's group opens 6380 only
    expect(byName.result.blocked).toMatchObject({ id: 'sg-0de00000000000105', kind: 'security-group', code: 'ENI_SG_RULES_MISMATCH', direction: 'forward' });
    expect(byName.result.forward).toEqual(byId.result.forward);
    // the query echoes what was asked, unchanged
    expect(byName.result.query).toMatchObject({ from: 'prod-api-1', to: 'prod-cache' });
  });

  it('analyze text: the Name first, then the id and address; the internet as "the internet (any address)", its stand-in as "traced as"', () => {
    const run = runCli(['analyze', '--from', 'internet', '--to', 'prod-web-1', '--port', '443']);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('REACHABLE  the internet (any address; traced as 198.51.100.1) -> prod-web-1 (eni-0de00000000000102, 203.0.113.11), tcp port 443, source port 49152');
    const clients = runCli(['analyze', '--from', 'internet', '--to', 'prod-web-1', '--port', '443', '--client-cidr', '192.0.2.0/24']);
    expect(clients.stdout.split('\n')[0]).toContain('the internet (any address; traced as 192.0.2.1) -> prod-web-1');
  });

  it('diagnose prod-web-3: the target by its Name (F5: no public IP)', () => {
    const { status, result } = json(['diagnose', 'prod-web-3']);
    expect(status).toBe(0);
    expect(result.target).toMatchObject({ query: 'prod-web-3', eni: 'eni-0de00000000000104', instance: 'i-0de00000000000104', name: 'prod-web-3', privateIp: '10.0.1.22', publicIp: null });
    const text = runCli(['diagnose', 'prod-web-3']);
    expect(text.stdout.split('\n')[0]).toBe('prod-web-3: prod-web-3 (i-0de00000000000104, eni-0de00000000000104) 10.0.1.22 in subnet-0de00000000000112, vpc-0de00000000000100');
  });

  it('check: intents name their endpoints by Name', () => {
    const file = path.join(dir, 'intents.yaml');
    writeFileSync(
      file,
      [
        'flows:',
        '  - name: api reaches the cache on its port',
        '    from: prod-api-1',
        '    to: prod-cache',
        '    port: 6380',
        '    expect: reachable',
        '  - name: F1, the port the cache listens on',
        '    from: prod-api-1',
        '    to: prod-cache',
        '    port: 6379',
        '    expect: unreachable',
        '  - name: F8, the stopped API server',
        '    from: prod-web-1',
        '    to: prod-api-3',
        '    port: 8080',
        '    expect: unreachable',
        '',
      ].join('\n'),
    );
    const run = runCli(['check', '--intents', file, '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { results: { passed: boolean; resolved?: unknown; blocked?: { id: string } | null }[] };
    expect(report.results.map((r) => r.passed)).toEqual([true, true, true]);
    expect(report.results[2]!.blocked).toMatchObject({ id: 'eni-0de00000000000107' });
  });

  it('a Name two instances carry: exit 2, the candidates listed with their ids', async () => {
    const twins = await twinsSnapshot();
    expectBadInput(['analyze', '--snapshot', twins, '--from', 'web', '--to', 'prod-api-1', '--port', '443'], 'error: endpoint "web" is the Name of 2 components: web (instance i-0aaa000000000001), web (instance i-0aaa000000000002); name one by its id');
    expectBadInput(['diagnose', '--snapshot', twins, 'web'], 'web (instance i-0aaa000000000001), web (instance i-0aaa000000000002)');
    expectBadInput(['allowed', '--snapshot', twins, '--from', 'prod-api-1', '--to', 'web'], 'is the Name of 2 components');
    // named by id, each twin answers
    expect(runCli(['analyze', '--snapshot', twins, '--from', 'prod-api-1', '--to', 'i-0aaa000000000001', '--port', '443', '--expect', 'reachable']).status).toBe(0);
  });

  it('a typo gets "did you mean prod-api-1?", in every command', () => {
    expectBadInput(['analyze', '--from', 'prod-api1', '--to', 'prod-cache', '--port', '6380'], /did you mean prod-api-1\?$/m);
    expectBadInput(['diagnose', 'prod-api1'], /did you mean prod-api-1\?$/m);
    expectBadInput(['allowed', '--from', 'prod-web-1', '--to', 'PROD-API-1'], /did you mean prod-api-1\?$/m);
  });
});

interface Allowed {
  from: Record<string, unknown>;
  to: Record<string, unknown>;
  sourcePort: number;
  reachable: { protocol: string; ports: { from: number; to: number }[] | null }[];
  unknown: unknown[];
  traces: number;
}

function allowed(args: string[]): Allowed {
  const { status, result } = json(['allowed', ...args]);
  expect(status).toBe(0);
  expect(validateAllowed(result), JSON.stringify(validateAllowed.errors)).toBe(true);
  return result as unknown as Allowed;
}

/** The verdict of one flow, traced on its own. */
async function traced(from: string, to: string, protocol: string, port?: number, sourcePort?: number): Promise<string> {
  const service = await createNodeReachmapService();
  await service.openSnapshot();
  return (await service.analyze({ from, to, protocol, ...(port !== undefined ? { port } : {}), ...(sourcePort !== undefined ? { sourcePort } : {}) })).verdict;
}

describe('reachmap allowed (issue 15.5)', () => {
  it('prod-api-1 -> prod-cache: tcp 6380 only (the cache group opens 6380; the data ACL admits 6379-6380 and 5432; the reply leaves on 1024-65535)', async () => {
    const result = allowed(['--from', 'prod-api-1', '--to', 'prod-cache']);
    expect(result.from).toEqual({ kind: 'eni', id: 'eni-0de00000000000105', name: 'prod-api-1', ip: '10.0.10.11' });
    expect(result.to).toEqual({ kind: 'eni', id: 'eni-0de0000000000010a', name: 'prod-cache', ip: '10.0.20.21' });
    expect(result.reachable).toEqual([{ protocol: 'tcp', ports: [{ from: 6380, to: 6380 }] }]);
    expect(result.unknown).toEqual([]);
    // per-port traces agree, at and around every boundary
    const expected: [string, number | undefined, string][] = [
      ['tcp', 6380, 'reachable'],
      ['tcp', 6379, 'unreachable'],
      ['tcp', 6381, 'unreachable'],
      ['tcp', 5432, 'unreachable'],
      ['tcp', 0, 'unreachable'],
      ['tcp', 65535, 'unreachable'],
      ['udp', 6380, 'unreachable'],
      ['icmp', undefined, 'unreachable'],
      ['all', undefined, 'unreachable'],
    ];
    for (const [protocol, port, verdict] of expected) expect(await traced('prod-api-1', 'prod-cache', protocol, port), `${protocol} ${port}`).toBe(verdict);
  });

  it('prod-web-1 -> prod-api-1: tcp 8080 (the api group: 8080 from the web group; 22 is for the bastion, 9100 for shared-services)', async () => {
    const result = allowed(['--from', 'prod-web-1', '--to', 'prod-api-1']);
    expect(result.reachable).toEqual([{ protocol: 'tcp', ports: [{ from: 8080, to: 8080 }] }]);
    for (const [protocol, port, verdict] of [['tcp', 8080, 'reachable'], ['tcp', 22, 'unreachable'], ['tcp', 9100, 'unreachable'], ['tcp', 8079, 'unreachable'], ['tcp', 8081, 'unreachable']] as const) {
      expect(await traced('prod-web-1', 'prod-api-1', protocol, port), `${protocol} ${port}`).toBe(verdict);
    }
  });

  it('prod-bastion -> prod-db-primary: nothing (the db group opens 22 to the bastion, but the data ACL admits only 5432, 6379-6380 and 9100)', async () => {
    expect(allowed(['--from', 'prod-bastion', '--to', 'prod-db-primary']).reachable).toEqual([]);
    expect(await traced('prod-bastion', 'prod-db-primary', 'tcp', 22)).toBe('unreachable');
  });

  it('internet -> analytics-dashboard: nothing with the default source port (F2, the reply is denied), tcp 443 with --source-port 443', async () => {
    const result = allowed(['--from', 'internet', '--to', 'analytics-dashboard']);
    expect(result.from).toEqual({ kind: 'internet', id: 'internet', ip: '198.51.100.1' });
    expect(result.reachable).toEqual([]);
    const from443 = allowed(['--from', 'internet', '--to', 'analytics-dashboard', '--source-port', '443']);
    expect(from443.sourcePort).toBe(443);
    // in: ACL 100 tcp 443 and the group's tcp 443; back: the ACL's outbound 100 tcp 443 to 0.0.0.0/0
    expect(from443.reachable).toEqual([{ protocol: 'tcp', ports: [{ from: 443, to: 443 }] }]);
    expect(await traced('internet', 'analytics-dashboard', 'tcp', 443, 443)).toBe('reachable');
    expect(await traced('internet', 'analytics-dashboard', 'tcp', 443)).toBe('unreachable');
  });

  it('internet -> acme-prod-alb: tcp 443, the one listener, followed on to its targets (F10: they fail open); no other port finds a listener', async () => {
    const result = allowed(['--from', 'internet', '--to', 'acme-prod-alb']);
    expect(result.to).toMatchObject({ kind: 'load-balancer', id: 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/acme-prod-alb/0de5a1b0c0de0101', name: 'acme-prod-alb' });
    expect(result.reachable).toEqual([{ protocol: 'tcp', ports: [{ from: 443, to: 443 }] }]);
    for (const [protocol, port, verdict] of [['tcp', 443, 'reachable'], ['tcp', 442, 'unreachable'], ['tcp', 8080, 'unreachable'], ['udp', 443, 'unreachable']] as const) {
      expect(await traced('internet', 'acme-prod-alb', protocol, port), `${protocol} ${port}`).toBe(verdict);
    }
    const text = runCli(['allowed', '--from', 'internet', '--to', 'acme-prod-alb']);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('Gets through and back:\n  tcp 443\n');
  });

  it('text: Names first, what gets through, the internet as such', () => {
    const run = runCli(['allowed', '--from', 'prod-api-1', '--to', 'prod-cache']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('From prod-api-1 (eni-0de00000000000105, 10.0.10.11) to prod-cache (eni-0de0000000000010a, 10.0.20.21), source port 49152:\n\nGets through and back:\n  tcp 6380\n');
    const none = runCli(['allowed', '--from', 'internet', '--to', 'analytics-dashboard']);
    expect(none.stdout).toContain('From the internet (any address; traced as 198.51.100.1) to analytics-dashboard (eni-0de00000000000301, 203.0.113.141)');
    expect(none.stdout).toContain('Nothing gets through and back.');
  });

  it('bad input is exit 2, one line: a missing --to, a bad --source-port, an unknown endpoint', () => {
    expectBadInput(['allowed', '--from', 'prod-api-1'], /--to/);
    expectBadInput(['allowed', '--from', 'prod-api-1', '--to', 'prod-cache', '--source-port', 'x'], /--source-port/);
    expectBadInput(['allowed', '--from', 'i-0de00000000000999', '--to', 'prod-cache'], 'no such instance in the snapshot');
  });
});
