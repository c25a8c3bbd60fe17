// Settings through conf (electron-store's engine, same options): schema,
// defaults, file mode, the 0.2.0 migration, and no room for secrets.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Preferences } from '../../../electron/preferences.js';
import { MAX_RECENT, openSettingsStore } from '../../../electron/settings.js';
import { openConfStore } from './desktop-fixture.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'reachmap-settings-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const settingsFile = () => path.join(dir, 'settings.json');

describe('settings store', () => {
  it('starts from the defaults and writes its file readable by its owner only', async () => {
    const store = openConfStore(dir);
    expect(new Preferences(store).view()).toEqual({ theme: 'system', lastProfile: null, lastRegions: [] });
    expect(store.get('recentSnapshots')).toEqual([]);
    expect(store.get('windowBounds')).toBeNull();
    store.set('theme', 'dark');
    expect((await stat(settingsFile())).mode & 0o777).toBe(0o600);
  });

  it('persists across a reopen (the app restarted)', () => {
    const first = new Preferences(openConfStore(dir));
    first.setTheme('light');
    first.setWindowBounds({ x: 40, y: 30, width: 1100, height: 700, maximized: false });
    first.rememberLiveRequest('prod', ['eu-west-1', 'us-east-1', 'eu-west-1']);
    const again = new Preferences(openConfStore(dir));
    expect(again.view()).toEqual({ theme: 'light', lastProfile: 'prod', lastRegions: ['eu-west-1', 'us-east-1'] });
    expect(again.windowBounds()).toEqual({ x: 40, y: 30, width: 1100, height: 700, maximized: false });
  });

  it('refuses keys the schema does not name, so no credential can be stored', () => {
    const store = openConfStore(dir) as unknown as { set(key: string, value: unknown): void };
    expect(() => store.set('awsSecretAccessKey', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toThrow(/must NOT have additional properties/);
    expect(() => store.set('theme', 'neon')).toThrow(/theme/);
    expect(() => store.set('lastProfile', 'prod\nrole_arn=x')).toThrow(/lastProfile/);
  });

  it('keeps a hand-broken file aside and starts with defaults instead of not starting', async () => {
    await writeFile(settingsFile(), JSON.stringify({ theme: 'neon', recentSnapshots: 'nope' }));
    const store = await openSettingsStore(() => openConfStore(dir), settingsFile(), () => new Date('2026-11-29T12:00:00.000Z'));
    expect(store.get('theme')).toBe('system');
    const files = await readdir(dir);
    expect(files).toContain('settings.json.invalid-2026-11-29T12-00-00-000Z');
    expect(JSON.parse(await readFile(path.join(dir, 'settings.json.invalid-2026-11-29T12-00-00-000Z'), 'utf8'))).toEqual({ theme: 'neon', recentSnapshots: 'nope' });
  });
});

describe('the migration to 0.2.0', () => {
  it('records where each recent snapshot came from, when 0.2.0 opens a store 0.1.0 wrote', () => {
    const snapshotsDir = path.join(dir, 'snapshots');
    const v010 = new Preferences(openConfStore(dir, '0.1.0', snapshotsDir));
    v010.addRecent('/home/me/aws_configs', 'aws_configs');
    v010.addRecent('/home/me/prod.json', 'prod.json');
    v010.addRecent(path.join(snapshotsDir, 'live-prod-20261129T120000Z.json'), 'live');
    expect(v010.recent().map((r) => r.kind)).toEqual([undefined, undefined, undefined]);

    const v020 = openConfStore(dir, '0.2.0', snapshotsDir);
    expect(v020.get('recentSnapshots').map((r) => [r.label, r.kind])).toEqual([
      ['live', 'live'],
      ['prod.json', 'file'],
      ['aws_configs', 'folder'],
    ]);
  });

  it('does not run again for a store already at 0.2.0', () => {
    const first = openConfStore(dir, '0.2.0');
    first.set('recentSnapshots', [{ path: '/x/prod.json', label: 'prod', openedAt: '2026-11-29T12:00:00.000Z', kind: 'live' }]);
    expect(openConfStore(dir, '0.2.0').get('recentSnapshots')[0]?.kind).toBe('live');
  });
});

describe('recent snapshots', () => {
  it('lists newest first, one entry per path, at most MAX_RECENT', () => {
    let clock = Date.parse('2026-11-29T10:00:00Z');
    const preferences = new Preferences(openConfStore(dir), () => new Date((clock += 1000)));
    for (let i = 0; i < MAX_RECENT + 3; i += 1) preferences.addRecent(`/snapshots/${i}.json`, `${i}`);
    preferences.addRecent('/snapshots/5.json', 'five again');
    const recent = preferences.recent();
    expect(recent).toHaveLength(MAX_RECENT);
    expect(recent.slice(0, 3).map((r) => r.label)).toEqual(['five again', '12', '11']);
    expect(recent.filter((r) => r.path === '/snapshots/5.json')).toHaveLength(1);
    expect(recent.some((r) => r.path === '/snapshots/0.json')).toBe(false);
  });
});
