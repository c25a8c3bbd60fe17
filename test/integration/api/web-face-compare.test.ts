// Compare with… over the web face's HTTP API, with the real service on the
// demo: another file compared with the open snapshot (which stays open), the
// edits tried counted in, and bad requests refused naming the argument. The
// web face keeps no history of live snapshots: it says so.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebFace, type WebFace } from '../../../shared/api/http/node.js';
import { call } from './web-face-call.js';
import { createNodeReachmapService } from '../../../shared/api/service/node.js';
import { demoSnapshotPath } from '../../../shared/api/snapshot/node.js';
import type { DiffReport } from '../../../shared/api/diff/types.js';

const temp = mkdtempSync(path.join(tmpdir(), 'reachmap-web-compare-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('Compare with… over the web face', () => {
  let face: WebFace;
  let older: string;
  beforeAll(async () => {
    // the demo as it was: acme-prod-cache (sg-...105) admitted 6379 from acme-prod-api (sg-...103) as well as 6380
    const raw = JSON.parse(readFileSync(demoSnapshotPath(), 'utf8'));
    const cache = raw.accounts['111122223333']['us-east-1'].SecurityGroups.find((g: { GroupId: string }) => g.GroupId === 'sg-0de00000000000105');
    cache.IpPermissions.push({ IpProtocol: 'tcp', FromPort: 6379, ToPort: 6379, IpRanges: [], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [{ GroupId: 'sg-0de00000000000103', UserId: '111122223333' }] });
    older = path.join(temp, 'older.json');
    writeFileSync(older, JSON.stringify(raw));
    const service = await createNodeReachmapService();
    await service.openSnapshot();
    face = await startWebFace({ service, rendererDir: path.join(temp, 'renderer') });
  });
  afterAll(async () => face?.close());

  it('compares the open demo with an older file: the rule removed since, and F1 (prod-api-1 to prod-cache on 6379) broke', async () => {
    const flow = { from: 'i-0de00000000000105', to: 'i-0de0000000000010a', protocol: 'tcp', port: 6379 };
    const answer = await call(face, 'compareWith', [{ path: older, otherIs: 'old', flow }]);
    expect(answer.status).toBe(200);
    const report = answer.body.value as DiffReport;
    expect(report.old.label).toBe(older);
    expect(report.new.label).toBe('demo');
    expect(report.changes.map((c) => [c.change, c.id, c.edits.map((e) => e.text)])).toEqual([['modified', 'sg-0de00000000000105', ['ingress tcp 6379 from sg-0de00000000000103 removed']]]);
    expect(report.flow).toMatchObject({ effect: 'broke', before: { verdict: 'reachable' }, after: { verdict: 'unreachable', blocked: { id: 'sg-0de00000000000105' } } });
    // the open snapshot is still the demo
    expect(((await call(face, 'currentSnapshot', [])).body.value as { label: string }).label).toBe('demo');
  });

  it('refuses what is not a comparison, naming the argument; history is the desktop app\'s', async () => {
    const both = await call(face, 'compareWith', [{ path: older, historyId: 'live-x.json' }]);
    expect(both.status).toBe(400);
    expect(both.body.error?.message).toBe('compareWith: give either path or historyId');
    const side = await call(face, 'compareWith', [{ path: older, otherIs: 'sideways' }]);
    expect(side.status).toBe(400);
    expect(side.body.error?.message).toMatch(/^compareWith: otherIs: /);
    const missing = await call(face, 'compareWith', [{ path: path.join(temp, 'nope.json') }]);
    expect(missing.status).toBe(400);
    expect(missing.body.error?.message).toContain('nope.json');
    const history = await call(face, 'history', []);
    expect(history.status).toBe(400);
    expect(history.body.error?.message).toContain('kept by the desktop app');
  });
});
