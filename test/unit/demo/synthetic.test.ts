// The synthetic network generator (test/bench/synthetic.ts): its output is a
// reachmap-snapshot/1 file in describe-API shapes that imports with exactly the
// sizes asked for, and the same seed gives the same network.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../../shared/aws/build-model.js';
import { readSnapshotPath } from '../../../shared/aws/read/node.js';
import { generateSnapshot, type SyntheticOptions } from '../../bench/synthetic.js';
import { describeShapeProblems } from './describe-shape-check.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'reachmap-synthetic-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const asked: SyntheticOptions = { enis: 900, vpcs: 6, subnets: 40, securityGroups: 70, rulesPerGroup: 4, regions: 3, peerings: 5, seed: 7 };

async function imported(options: SyntheticOptions, name: string) {
  const file = path.join(tmp, name);
  writeFileSync(file, JSON.stringify(generateSnapshot(options)));
  return buildModel(await readSnapshotPath(file));
}

describe('synthetic network generator', () => {
  it('imports without warnings, with the requested numbers of VPCs, subnets, ENIs, groups, regions and peerings', async () => {
    const { model, warnings } = await imported(asked, 'asked.json');
    expect(warnings).toEqual([]);
    expect(model.missingReferences).toEqual([]);
    expect(model.vpcs.size).toBe(6);
    expect(model.subnets.size).toBe(40);
    expect(model.networkInterfaces.size).toBe(900);
    expect(model.securityGroups.size).toBe(70);
    expect(model.meta.regions.length).toBe(3);
    expect(model.peeringConnections.size).toBe(5);
    // every non-default group has the requested number of ingress rules (one peer each)
    const custom = [...model.securityGroups.values()].filter((g) => g.name !== 'default');
    expect(custom).toHaveLength(70 - 6);
    for (const g of custom) expect(g.ingress, g.id).toHaveLength(4);
    // six VPCs over three regions: two a region, so one transit gateway in each, every VPC attached
    expect(model.transitGateways.size).toBe(3);
    expect(model.transitGatewayAttachments.size).toBe(6);
  });

  it('writes every kind of component the benchmarks need', async () => {
    const { model } = await imported(asked, 'kinds.json');
    const peers = [...model.securityGroups.values()].flatMap((g) => g.ingress.map((r) => r.peer.kind));
    expect(new Set(peers)).toEqual(new Set(['cidr', 'prefix-list', 'group']));
    expect([...model.networkAcls.values()].some((a) => !a.isDefault)).toBe(true);
    expect(model.natGateways.size).toBeGreaterThan(0);
    expect(model.internetGateways.size).toBe(6);
    expect(new Set([...model.subnets.values()].map((s) => s.availabilityZone)).size).toBeGreaterThan(3);
    expect([...model.instances.values()].some((i) => i.state === 'stopped')).toBe(true);
    expect([...model.networkInterfaces.values()].some((e) => e.publicIp !== undefined)).toBe(true);
  });

  it('uses only describe-API member names, nesting, types and enum values (botocore EC2 model)', () => {
    const snapshot = generateSnapshot(asked);
    expect(snapshot.format).toBe('reachmap-snapshot/1');
    expect(describeShapeProblems(snapshot.accounts)).toEqual([]);
  });

  it('gives the same snapshot for the same seed and a different one for another seed', () => {
    const a = JSON.stringify(generateSnapshot(asked));
    expect(JSON.stringify(generateSnapshot(asked))).toBe(a);
    expect(JSON.stringify(generateSnapshot({ ...asked, seed: 8 }))).not.toBe(a);
  });

  it('leaves out the planted faults when asked', async () => {
    const { model } = await imported({ ...asked, faults: false }, 'clean.json');
    expect([...model.instances.values()].every((i) => i.state === 'running')).toBe(true);
    expect([...model.natGateways.values()].every((n) => n.state === 'available')).toBe(true);
  });

  it('refuses sizes it cannot build', () => {
    expect(() => generateSnapshot({ enis: 100, vpcs: 4, subnets: 3 })).toThrow(/subnets must be at least vpcs/);
    expect(() => generateSnapshot({ enis: 100, vpcs: 2, securityGroups: 1 })).toThrow(/securityGroups/);
    expect(() => generateSnapshot({ enis: 1, vpcs: 4, subnets: 8 })).toThrow(/enis must be at least/);
    expect(() => generateSnapshot({ enis: 1.5 })).toThrow(/whole number/);
  });

  it('has a command line that writes the file (mode 0600)', () => {
    const out = path.join(tmp, 'cli.json');
    execFileSync(process.execPath, ['--import', 'tsx', 'test/bench/synthetic.ts', '--enis', '300', '--seed', '3', '--out', out], { cwd: repoRoot });
    const written = JSON.parse(readFileSync(out, 'utf8')) as unknown;
    expect(written).toEqual(JSON.parse(JSON.stringify(generateSnapshot({ enis: 300, seed: 3 }))));
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });
});
