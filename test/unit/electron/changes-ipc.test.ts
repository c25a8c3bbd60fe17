// Trying a fix in the desktop app: applyChanges, undoChanges and changes over
// (in-memory) IPC to the real service on the demo, and Save change set through
// the save dialog. F1 of the demo (assets/demo/README.md): prod-api-1 cannot
// reach prod-cache on tcp 6379; admitting 6379 from prod-api's group
// (sg-0de00000000000103) on prod-cache's (sg-0de00000000000105) repairs it.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readChangeSetText, type ChangeSet } from '../../../shared/api/changes.js';
import { invokeChannel } from '../../../electron/channels.js';
import { desktopFixture, type DesktopFixture } from './desktop-fixture.js';

const F1 = { from: 'i-0de00000000000105', to: 'i-0de0000000000010a', protocol: 'tcp', port: 6379 };
const admit6379: ChangeSet = {
  format: 'reachmap-changes/1',
  changes: [{ action: 'AuthorizeSecurityGroupIngress', GroupId: 'sg-0de00000000000105', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 6379, ToPort: 6379, UserIdGroupPairs: [{ GroupId: 'sg-0de00000000000103' }] }] }],
};

describe('change sets over IPC', () => {
  let desktop: DesktopFixture;
  beforeEach(async () => {
    desktop = await desktopFixture();
    await desktop.bridge.openSnapshot();
  });
  afterEach(async () => desktop.close());

  it('applies, answers on the edited snapshot, saves the pile through the dialog (0600), and undoes', async () => {
    const { bridge } = desktop;
    expect((await bridge.analyze(F1)).verdict).toBe('unreachable');
    await expect(bridge.applyChanges(admit6379, 'fix: admit 6379')).resolves.toMatchObject({ changes: { count: 1, sources: ['fix: admit 6379'] } });
    expect((await bridge.analyze(F1)).verdict).toBe('reachable');
    expect((await bridge.changes())?.changes).toEqual(admit6379.changes);

    const target = path.join(desktop.userDataDir, 'tried.json');
    desktop.dialogs.savePath = { canceled: false, filePath: target };
    await expect(bridge.saveChangeSet()).resolves.toEqual({ saved: true, fileName: 'tried.json' });
    expect(readChangeSetText(await readFile(target, 'utf8'), 'tried.json').changes).toEqual(admit6379.changes);
    expect((await stat(target)).mode & 0o777).toBe(0o600);
    desktop.dialogs.savePath = { canceled: true };
    await expect(bridge.saveChangeSet()).resolves.toEqual({ saved: false, fileName: null });

    await expect(bridge.undoChanges()).resolves.toMatchObject({ changes: null });
    expect((await bridge.analyze(F1)).verdict).toBe('unreachable');
    await expect(bridge.saveChangeSet()).rejects.toThrow('saveChangeSet: no edits have been tried on this snapshot');
  });

  it('refuses a malformed change set, source or count with one line naming it', async () => {
    const { bridge } = desktop;
    const bad = { format: 'reachmap-changes/1', changes: [{ action: 'DeleteVpc' }] } as unknown as ChangeSet;
    await expect(bridge.applyChanges(bad, 'x')).rejects.toThrow(/^applyChanges: changeSet: changes\[0\]\.action: a string of 9 characters is not an edit/);
    await expect(bridge.applyChanges(admit6379, '' as string)).rejects.toThrow(/^applyChanges: source: /);
    await expect(bridge.undoChanges(0)).rejects.toThrow(/^undoChanges: count: /);
    // the bridge sends none; a page that invokes the channel itself with a path is refused
    await expect(desktop.ipc.renderer.invoke(invokeChannel('saveChangeSet'), '/etc/passwd')).resolves.toEqual({ ok: false, error: { kind: 'input', message: 'saveChangeSet: takes no arguments (got 1)' } });
    expect(await bridge.changes()).toBeNull();
  });
});
