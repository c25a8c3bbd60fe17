// The snapshot hash ties a report to its data: sha-256 of the canonical JSON
// (keys sorted, no whitespace) of the content, whatever order the file lists
// keys in and wherever it was read from. openSnapshot takes it only when asked.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSnapshot } from '../../../shared/api/snapshot/node.js';

const temp = mkdtempSync(path.join(tmpdir(), 'reachmap-hash-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const vpc = { VpcId: 'vpc-0a1', CidrBlock: '10.0.0.0/16', State: 'available' };
// the canonical form of the content below, written out by hand: keys sorted at every level, `source` left out
const canonical =
  '{"accounts":{"111122223333":{"eu-west-1":{"Vpcs":[{"CidrBlock":"10.0.0.0/16","State":"available","VpcId":"vpc-0a1"}]}}},"createdAt":"2026-01-02T03:04:05.000Z","errors":[],"format":"reachmap-snapshot/1"}';

describe('openSnapshot: meta.hash', () => {
  it('is the sha-256 of the canonical content, the same for a file that lists keys in another order', async () => {
    const expected = createHash('sha256').update(canonical).digest('hex');
    const a = path.join(temp, 'a.json');
    const b = path.join(temp, 'b.json');
    writeFileSync(a, JSON.stringify({ format: 'reachmap-snapshot/1', createdAt: '2026-01-02T03:04:05.000Z', source: { kind: 'import' }, accounts: { '111122223333': { 'eu-west-1': { Vpcs: [vpc] } } }, errors: [] }));
    writeFileSync(b, JSON.stringify({ errors: [], accounts: { '111122223333': { 'eu-west-1': { Vpcs: [{ State: 'available', VpcId: 'vpc-0a1', CidrBlock: '10.0.0.0/16' }] } } }, source: { kind: 'aws-live' }, createdAt: '2026-01-02T03:04:05.000Z', format: 'reachmap-snapshot/1' }));
    const first = await openSnapshot(a);
    const second = await openSnapshot(b);
    expect(first.model.meta.hash).toBe(expected);
    expect(second.model.meta.hash).toBe(expected);
    // a copy of the meta (as summaries and IPC make) carries it too
    expect({ ...first.model.meta }.hash).toBe(expected);
    expect(JSON.parse(JSON.stringify(first.model.meta)).hash).toBe(expected);
  });
});
