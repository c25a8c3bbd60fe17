// Trying a fix from a page: applyChanges, undoChanges and changes over the web
// face's HTTP API, with the real service on the demo. F1 of the demo
// (assets/demo/README.md): prod-api-1 (i-0de00000000000105, group
// sg-0de00000000000103) cannot reach prod-cache (i-0de0000000000010a, group
// sg-0de00000000000105) on tcp 6379, because the cache's group admits 6380 only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebFace, type WebFace } from '../../../shared/api/http/node.js';
import { call } from './web-face-call.js';
import { createNodeReachmapService } from '../../../shared/api/service/node.js';
import { changeSetText, readChangeSetText } from '../../../shared/api/changes.js';

const F1 = { from: 'i-0de00000000000105', to: 'i-0de0000000000010a', protocol: 'tcp', port: 6379 };
const admit6379 = {
  format: 'reachmap-changes/1',
  changes: [{ action: 'AuthorizeSecurityGroupIngress', GroupId: 'sg-0de00000000000105', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 6379, ToPort: 6379, UserIdGroupPairs: [{ GroupId: 'sg-0de00000000000103' }] }] }],
};
const admitIcmp = {
  format: 'reachmap-changes/1',
  changes: [{ action: 'AuthorizeSecurityGroupIngress', GroupId: 'sg-0de00000000000105', IpPermissions: [{ IpProtocol: 'icmp', FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: '10.0.10.0/24' }] }] }],
};

const temp = mkdtempSync(path.join(tmpdir(), 'reachmap-web-changes-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('change sets over the web face', () => {
  let face: WebFace;
  beforeAll(async () => {
    const service = await createNodeReachmapService();
    await service.openSnapshot();
    face = await startWebFace({ service, rendererDir: path.join(temp, 'renderer') });
  });
  afterAll(async () => face?.close());

  const verdict = async () => ((await call(face, 'analyze', [F1])).body.value as { verdict: string; warnings: string[] });

  it('applies a change set, answers on the edited snapshot, piles a second one up, undoes one, then all', async () => {
    expect((await verdict()).verdict).toBe('unreachable');
    const applied = await call(face, 'applyChanges', [admit6379, 'fix: admit tcp 6379 from acme-prod-api']);
    expect(applied.status).toBe(200);
    expect((applied.body.value as { changes: unknown }).changes).toEqual({ count: 1, sources: ['fix: admit tcp 6379 from acme-prod-api'] });
    const after = await verdict();
    expect(after.verdict).toBe('reachable');
    expect(after.warnings.at(-1)).toContain('1 edit applied (fix: admit tcp 6379 from acme-prod-api)');

    expect((await call(face, 'applyChanges', [admitIcmp, 'fix: icmp'])).status).toBe(200);
    const pile = await call(face, 'changes', []);
    expect(pile.status).toBe(200);
    const text = changeSetText(pile.body.value as Parameters<typeof changeSetText>[0]);
    // what Save change set writes reads back as the same edits, in order
    expect(readChangeSetText(text, 'saved.json').changes).toEqual([...admit6379.changes, ...admitIcmp.changes]);

    const undone = await call(face, 'undoChanges', [1]);
    expect((undone.body.value as { changes: unknown }).changes).toEqual({ count: 1, sources: ['fix: admit tcp 6379 from acme-prod-api'] });
    expect((await verdict()).verdict).toBe('reachable');
    // JSON has no undefined: the absent count travels as null, and means all
    const all = await call(face, 'undoChanges', [null]);
    expect(all.status).toBe(200);
    expect((all.body.value as { changes: unknown }).changes).toBeNull();
    expect((await verdict()).verdict).toBe('unreachable');
    expect((await call(face, 'changes', [])).body.value).toBeNull();
  });

  it('refuses a malformed change set or source with 400 naming the argument and the field, and changes nothing', async () => {
    const cases: [unknown[], RegExp][] = [
      [['not a change set', 'x'], /^applyChanges: changeSet: is not a change set/],
      [[{ ...admit6379, format: 'reachmap-changes/2' }, 'x'], /^applyChanges: changeSet: format: /],
      [[{ format: 'reachmap-changes/1', changes: [] }, 'x'], /^applyChanges: changeSet: changes: holds no edits/],
      [[{ format: 'reachmap-changes/1', changes: [{ action: 'DeleteVpc', VpcId: 'vpc-1' }] }, 'x'], /^applyChanges: changeSet: changes\[0\]\.action: a string of 9 characters is not an edit/],
      [[{ format: 'reachmap-changes/1', changes: [{ ...admit6379.changes[0], GroupId: 'sg-1; rm -rf /' }] }, 'x'], /^applyChanges: changeSet: changes\[0\] \(AuthorizeSecurityGroupIngress\)\.GroupId: .*is not a sg- id/],
      [[{ format: 'reachmap-changes/1', changes: [{ ...admit6379.changes[0], Evil: true }] }, 'x'], /^applyChanges: changeSet: changes\[0\] \(AuthorizeSecurityGroupIngress\): Evil: not a parameter/],
      [[admit6379], /^applyChanges: source: /],
      [[admit6379, ''], /^applyChanges: source: /],
      [[admit6379, 'line one\nline two'], /^applyChanges: source: must be one line/],
      [[admit6379, 'x'.repeat(201)], /^applyChanges: source: /],
      [[admit6379, 'x', 'extra'], /^applyChanges \(after the source\): takes no arguments/],
    ];
    for (const [args, message] of cases) {
      const answer = await call(face, 'applyChanges', args);
      expect(answer.status, JSON.stringify(args).slice(0, 80)).toBe(400);
      expect(answer.body.error?.kind).toBe('input');
      expect(answer.body.error?.message).toMatch(message);
    }
    for (const count of [0, -1, 1.5, '1', [1]]) {
      const answer = await call(face, 'undoChanges', [count]);
      expect(answer.status).toBe(400);
      expect(answer.body.error?.message).toMatch(/^undoChanges: count: /);
    }
    expect((await call(face, 'changes', ['extra'])).status).toBe(400);
    expect((await call(face, 'changes', [])).body.value).toBeNull();
    expect((await verdict()).verdict).toBe('unreachable');
  });

  it('an edit AWS would refuse is a 400 naming the source and the edit, and the pile stays as it was', async () => {
    expect((await call(face, 'applyChanges', [admit6379, 'first'])).status).toBe(200);
    const again = await call(face, 'applyChanges', [admit6379, 'second']);
    expect(again.status).toBe(400);
    expect(again.body.error?.message).toMatch(/^second: changes\[0\] \(AuthorizeSecurityGroupIngress\): .*InvalidPermission\.Duplicate/);
    expect(((await call(face, 'currentSnapshot', [])).body.value as { changes: unknown }).changes).toEqual({ count: 1, sources: ['first'] });
    await call(face, 'undoChanges', []);
  });
});
