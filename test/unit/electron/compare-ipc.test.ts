// Compare with… in the desktop app, over (in-memory) IPC to the real service:
// the other snapshot is one the user chose in the dialog or a live snapshot of
// the history, never a path the page made up; live snapshots are kept with
// their time, profile, accounts and regions and pruned to the count set.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RawSnapshot } from '../../../shared/aws/raw.js';
import { demoSnapshotPath } from '../../../shared/api/snapshot/node.js';
import { desktopFixture, type DesktopFixture } from './desktop-fixture.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const demo = () => JSON.parse(readFileSync(demoSnapshotPath(), 'utf8')) as Json;

/** the demo with acme-prod-web (sg-...102) no longer admitting HTTP on 80 */
function withoutHttp(raw: Json): Json {
  const web = raw.accounts['111122223333']['us-east-1'].SecurityGroups.find((g: Json) => g.GroupId === 'sg-0de00000000000102');
  web.IpPermissions = web.IpPermissions.filter((p: Json) => p.FromPort !== 80);
  return raw;
}

describe('Compare with… over IPC', () => {
  let desktop: DesktopFixture;
  let takes: Json[];
  beforeEach(async () => {
    takes = [];
    desktop = await desktopFixture(async () => takes.shift() as unknown as RawSnapshot);
  });
  afterEach(async () => desktop.close());

  it('compares with a file chosen in the dialog; a path the page names itself is refused', async () => {
    const { bridge } = desktop;
    await bridge.openSnapshot();
    const other = path.join(desktop.userDataDir, 'later.json');
    writeFileSync(other, JSON.stringify(withoutHttp(demo())));
    await expect(bridge.compareWith({ path: other, otherIs: 'new' })).rejects.toThrow(/compareWith: path: ".*later\.json": choose it with Compare with… first/);
    desktop.dialogs.openPath = other;
    const chosen = await bridge.chooseCompareFile('snapshot');
    expect(chosen).toMatch(/later\.json$/);
    const report = await bridge.compareWith({ path: chosen!, otherIs: 'new' });
    expect(report.changes.map((c) => [c.change, c.id, c.edits.map((e) => e.text)])).toEqual([['modified', 'sg-0de00000000000102', ['ingress tcp 80 from 0.0.0.0/0 removed']]]);
    // prod-web-1 and prod-web-2 (public IPs, sg-...102) no longer answer on 80
    expect(report.exposure!.closed.map((c) => [c.eni, c.ports])).toEqual([
      ['eni-0de00000000000102', [{ from: 80, to: 80 }]],
      ['eni-0de00000000000103', [{ from: 80, to: 80 }]],
    ]);
    desktop.dialogs.openPath = null;
    await expect(bridge.chooseCompareFile('snapshot')).resolves.toBeNull();
  });

  it('keeps each live snapshot in the history, compares the current with an earlier one, and prunes to the count set', async () => {
    const { bridge } = desktop;
    takes.push(demo(), withoutHttp(demo()));
    await bridge.takeSnapshot({ profile: 'prod', regions: ['us-east-1'] });
    await bridge.takeSnapshot({ profile: 'prod', regions: ['us-east-1'] });
    const history = await bridge.history();
    expect(history.keep).toBe(20);
    expect(history.entries).toHaveLength(2);
    for (const entry of history.entries) {
      // the demo stands in for the live snapshot: its workload account in two regions, its network account in one
      expect(entry).toMatchObject({ profile: 'prod', accounts: ['111122223333', '444455556666'] });
      expect(entry.regions).toEqual([
        { account: '111122223333', region: 'us-east-1' },
        { account: '111122223333', region: 'eu-west-1' },
        { account: '444455556666', region: 'us-east-1' },
      ]);
    }
    // the current snapshot is the second taken (HTTP removed); the earlier entry still admits it
    // newest first (both stand-ins carry the demo's createdAt: the order taken decides)
    const earlier = history.entries[1]!;
    const report = await bridge.compareWith({ historyId: earlier.id });
    expect(report.changes.map((c) => [c.change, c.id, c.edits.map((e) => e.text)])).toEqual([['modified', 'sg-0de00000000000102', ['ingress tcp 80 from 0.0.0.0/0 removed']]]);
    await expect(bridge.compareWith({ historyId: 'settings.json' })).rejects.toThrow(/no live snapshot "settings.json" is kept/);
    const pruned = await bridge.pruneHistory(1);
    expect(pruned.keep).toBe(1);
    expect(pruned.entries).toHaveLength(1);
    await expect(bridge.pruneHistory(0)).rejects.toThrow(/^pruneHistory: keep: /);
  });
});
