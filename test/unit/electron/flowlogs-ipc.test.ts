// Traffic (flow logs) in the desktop app, over (in-memory) IPC to the real
// service: the files read are ones the user chose in the main process's
// dialog, never a path the page made up. One record written by hand for the
// demo's F1 (prod-api-1 -> prod-cache on 6379, REJECTed at prod-cache).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { desktopFixture, type DesktopFixture } from './desktop-fixture.js';

const F1_REJECT = '2 111122223333 eni-0de0000000000010a 10.0.10.11 10.0.20.21 50001 6379 6 10 1500 1795946400 1795946460 REJECT OK\n';

describe('Traffic over IPC', () => {
  let desktop: DesktopFixture;
  beforeEach(async () => {
    desktop = await desktopFixture(async () => {
      throw new Error('no live snapshot here');
    });
  });
  afterEach(async () => desktop.close());

  it('reads a flow log chosen in the dialog; one the page names itself is refused', async () => {
    const { bridge } = desktop;
    await bridge.openSnapshot();
    const log = path.join(desktop.userDataDir, 'f1.log');
    writeFileSync(log, F1_REJECT);
    await expect(bridge.flowLogs({ paths: [log] })).rejects.toThrow(/flowLogs: paths: ".*f1\.log": choose it/);
    desktop.dialogs.openPath = log;
    const chosen = await bridge.chooseCompareFile('flowlogs');
    expect(chosen).toMatch(/f1\.log$/);
    const report = await bridge.flowLogs({ paths: [chosen!], window: { start: '2026-11-29T09:00:00Z', end: '2026-11-29T11:00:00Z' } });
    expect(report.conversations).toHaveLength(1);
    // F1: prod-cache's group (sg-...105) admits 6379 from nobody the API tier is in
    expect(report.conversations[0]!.model?.blocked).toMatchObject({ id: 'sg-0de00000000000105', code: 'ENI_SG_RULES_MISMATCH' });
    expect(report.timeFilter).toEqual({ start: '2026-11-29T09:00:00Z', end: '2026-11-29T11:00:00Z', recordsOutside: 0 });
    desktop.dialogs.openPath = null;
    await expect(bridge.chooseCompareFile('flowlogs')).resolves.toBeNull();
  });
});
