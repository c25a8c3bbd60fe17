// Malformed snapshots through the built CLI: exit 2, exactly one line on
// stderr naming the file and the JSON path, nothing on stdout.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli, stderrLines } from './run-cli.js';

const temp = mkdtempSync(path.join(tmpdir(), 'reachmap-cli-bad-'));
beforeAll(ensureBuilt);
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Writes files under temp/name and returns that folder (the one holding aws_configs/). */
function snapshotFolder(name: string, files: Record<string, string | object>): string {
  const root = path.join(temp, name);
  mkdirSync(root, { recursive: true });
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return root;
}

const vpc = { Vpcs: [{ VpcId: 'vpc-0a', CidrBlock: '10.0.0.0/16', State: 'available' }] };
const subnet = { SubnetId: 'subnet-0a', VpcId: 'vpc-0a', CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1a' };
const table = (id: string, routes: object[]) => ({ RouteTableId: id, VpcId: 'vpc-0a', Associations: [], Routes: routes });
const local = { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' };

function expectBadInput(args: string[], line: string | RegExp): void {
  const run = runCli(args);
  expect(run.stdout).toBe('');
  expect(stderrLines(run)).toHaveLength(1);
  if (typeof line === 'string') expect(stderrLines(run)[0]).toBe(line);
  else expect(stderrLines(run)[0]).toMatch(line);
  expect(run.status).toBe(2);
}

describe('reachmap graph on malformed snapshots', () => {
  it('truncated JSON', () => {
    const root = snapshotFolder('truncated', { 'aws_configs/us-east-1/Vpcs.json': '{"Vpcs": [{"VpcId": "vpc-0a", "CidrBlock": "10.0.0.0/16"' });
    expectBadInput(['graph', '--snapshot', root, '--json'], 'error: aws_configs/us-east-1/Vpcs.json: Vpcs[0].CidrBlock: is not valid JSON (ends before the JSON is complete: truncated?)');
  });

  it('a wrong type', () => {
    const root = snapshotFolder('wrong-type', { 'aws_configs/us-east-1/Vpcs.json': vpc, 'aws_configs/us-east-1/Subnets.json': { Subnets: [{ ...subnet, MapPublicIpOnLaunch: 'yes' }] } });
    // a string other than an address is described, not quoted (issue 13.4): the path says where to look
    expectBadInput(['graph', '--snapshot', root], 'error: aws_configs/us-east-1/Subnets.json: Subnets[0].MapPublicIpOnLaunch: a string of 3 characters is not a boolean');
  });

  it('13.4 a secret in a field that wants an address is not printed', () => {
    const root = snapshotFolder('secret-in-field', { 'aws_configs/us-east-1/Vpcs.json': vpc, 'aws_configs/us-east-1/Subnets.json': { Subnets: [{ ...subnet, CidrBlock: 'password=hunter2' }] } });
    expectBadInput(['graph', '--snapshot', root], 'error: aws_configs/us-east-1/Subnets.json: Subnets[0].CidrBlock: a string of 16 characters is not an IPv4 CIDR');
  });

  it('an invalid CIDR (/33), the example of DESIGN.md', () => {
    const routeTables = {
      RouteTables: [table('rtb-0', [local]), table('rtb-1', [local]), table('rtb-2', [local]), table('rtb-3', [{ DestinationCidrBlock: '10.0.0.0/33', GatewayId: 'local' }])],
    };
    const root = snapshotFolder('bad-cidr', { 'aws_configs/us-east-1/Vpcs.json': vpc, 'aws_configs/us-east-1/RouteTables.json': routeTables });
    expectBadInput(
      ['graph', '--snapshot', root, '--json'],
      'error: aws_configs/us-east-1/RouteTables.json: RouteTables[3].Routes[0].DestinationCidrBlock: "10.0.0.0/33" is not an IPv4 CIDR',
    );
  });

  it('an empty folder', () => {
    const root = snapshotFolder('empty', {});
    expectBadInput(['graph', '--snapshot', root, '--json'], /^error: .*empty: no snapshot here: no \*\.json files/);
  });

  it('a file that is not JSON', () => {
    const root = snapshotFolder('not-json', { 'aws_configs/us-east-1/Vpcs.json': 'Vpcs:\n  - VpcId: vpc-0a\n' });
    expectBadInput(['graph', '--snapshot', root], 'error: aws_configs/us-east-1/Vpcs.json: is not valid JSON (line 1 column 1: expected an object, array, string, number, true, false or null)');
  });

  it('a snapshot file with a value of the wrong type names the path inside the file', () => {
    const file = path.join(snapshotFolder('file', {}), 'snap.json');
    const document = { format: 'reachmap-snapshot/1', source: { kind: 'import' }, accounts: { '111': { 'us-east-1': { Vpcs: [{ VpcId: 7 }] } } }, errors: [] };
    writeFileSync(file, JSON.stringify(document));
    expectBadInput(['graph', '--snapshot', file], 'error: snap.json: accounts.111.us-east-1.Vpcs[0].VpcId: 7 is not a string');
  });

  it('a path that does not exist, and an unknown option', () => {
    expectBadInput(['graph', '--snapshot', path.join(temp, 'nowhere')], /^error: .*nowhere: no such file or folder$/);
    expectBadInput(['graph', '--frobnicate'], /^error: unknown option '--frobnicate'/);
  });
});

describe('references to resources that are not in the snapshot', () => {
  it('a route to a missing NAT gateway imports with a warning on stderr and exit 0', () => {
    const root = snapshotFolder('missing-nat', {
      'aws_configs/us-east-1/Vpcs.json': vpc,
      'aws_configs/us-east-1/Subnets.json': { Subnets: [subnet] },
      'aws_configs/us-east-1/RouteTables.json': {
        RouteTables: [{ ...table('rtb-0main', [local, { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-0123456789abcdef0', State: 'active' }]), Associations: [{ Main: true }] }],
      },
    });
    const run = runCli(['graph', '--snapshot', root, '--json']);
    expect(run.status).toBe(0);
    expect(stderrLines(run)).toEqual([
      'warning: rtb-0main: route 0.0.0.0/0 target nat-0123456789abcdef0 is not in the snapshot (answers that need it will be "unknown")',
    ]);
    const graph = JSON.parse(run.stdout) as { nodes: { id: string; kind: string }[]; edges: { source: string; target: string; kind: string }[] };
    // the subnet uses the main table (no explicit association), whose default route leads to the missing NAT gateway
    expect(graph.nodes).toContainEqual(expect.objectContaining({ id: 'nat-0123456789abcdef0', kind: 'missing' }));
    expect(graph.edges).toContainEqual({ source: 'subnet-0a', target: 'nat-0123456789abcdef0', kind: 'route' });
  });
});
