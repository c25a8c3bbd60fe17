// `reachmap snapshot merge A B ... --out FILE` and every command's repeated
// --snapshot, through the built CLI: three accounts' snapshots (a network
// account that shares its transit gateway with two workload accounts, see
// test/fixtures/engine/organization.ts) become one, each shared resource once.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawSnapshot } from '../../../shared/aws/raw.js';
import { accounts, type Network } from '../../fixtures/engine/network.js';
import { NETWORK, sharedTransitGateway, WORKLOAD_A, WORKLOAD_B } from '../../fixtures/engine/organization.js';
import { ensureBuilt, runCli, stderrLines } from './run-cli.js';

const temp = mkdtempSync(path.join(tmpdir(), 'reachmap-merge-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
beforeAll(ensureBuilt);

function write(name: string, network: Network): string {
  const file = path.join(temp, name);
  writeFileSync(file, JSON.stringify(accounts([network]).raw));
  return file;
}

const { net, a, b } = sharedTransitGateway();
const files = [write('network.json', net), write('workload-a.json', a), write('workload-b.json', b)];

/** Every item of `key` across the accounts and regions of a snapshot file, with the account it is listed under. */
function listed(snapshot: RawSnapshot, key: string): { account: string; item: Record<string, unknown> }[] {
  return Object.entries(snapshot.accounts).flatMap(([account, regions]) =>
    Object.values(regions).flatMap((region) => ((region[key] as Record<string, unknown>[] | undefined) ?? []).map((item) => ({ account, item }))),
  );
}

describe('reachmap snapshot merge', () => {
  const out = path.join(temp, 'organization.json');
  let run: ReturnType<typeof runCli>;
  let merged: RawSnapshot;
  beforeAll(() => {
    run = runCli(['snapshot', 'merge', ...files, '--out', out]);
    merged = JSON.parse(readFileSync(out, 'utf8')) as RawSnapshot;
  });

  it('writes one snapshot of the three accounts, mode 0600, recording the files it merged', () => {
    expect(run.status).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(Object.keys(merged.accounts).sort()).toEqual([NETWORK, WORKLOAD_A, WORKLOAD_B]);
    expect(merged.source.mergedFrom).toEqual(files);
    expect(stderrLines(run).at(-1)).toContain('3 account(s)');
  });

  it('keeps each resource seen from two accounts once, the owner\'s copy, silently when the copies are identical', () => {
    // tgw-1 is listed by N (its owner), A and B; tgw-attach-a by N and by A (the VPC's owner)
    expect(listed(merged, 'TransitGateways').map(({ account }) => account)).toEqual([NETWORK]);
    expect(listed(merged, 'TransitGatewayAttachments').filter(({ item }) => item.TransitGatewayAttachmentId === 'tgw-attach-a').map(({ account }) => account)).toEqual([WORKLOAD_A]);
    expect(run.stderr).not.toContain('described');
  });

  it('gives the owner\'s copy, with a warning naming both, where the copies differ', () => {
    const { net: net2, a: a2 } = sharedTransitGateway();
    // account A's view of tgw-1 says "modifying": N, its owner, is believed
    (a2.regionData().TransitGateways![0]! as Record<string, unknown>).State = 'modifying';
    const differing = runCli(['snapshot', 'merge', write('n2.json', net2), write('a2.json', a2), '--out', path.join(temp, 'two.json')]);
    expect(differing.status).toBe(0);
    const warning = stderrLines(differing).find((line) => line.includes('tgw-1 is described twice, differently (in State)'));
    expect(warning).toContain(`(the owner account's (${NETWORK}))`);
  });

  it('the repeated --snapshot answers as the merged file does', () => {
    const flow = ['--from', 'i-a', '--to', 'i-b', '--port', '443', '--json'];
    const fromFile = runCli(['analyze', '--snapshot', out, ...flow]);
    const repeated = runCli(['analyze', ...files.flatMap((file) => ['--snapshot', file]), ...flow]);
    expect(repeated.status).toBe(0);
    const answer = JSON.parse(repeated.stdout) as { verdict: string; forward: { hops: { id: string }[] } };
    expect(answer.verdict).toBe('reachable');
    expect(answer.forward.hops.map((hop) => hop.id)).toContain('tgw-rtb-1');
    expect(answer).toEqual(JSON.parse(fromFile.stdout));
  });

  it('refuses one snapshot, and a merge without --out (exit 2)', () => {
    expect(runCli(['snapshot', 'merge', files[0]!, '--out', path.join(temp, 'one.json')]).status).toBe(2);
    expect(runCli(['snapshot', 'merge', ...files]).status).toBe(2);
  });
});
