// Snapshots on disk: live snapshots kept under the user-data folder (0600),
// the recent list, Save snapshot as….
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CollectProgress } from '../../../shared/api/reachmap-api.js';
import { readSnapshotPath } from '../../../shared/aws/read/node.js';
import type { CollectRaw } from '../../../electron/snapshot-session.js';
import { collectWithLocalCredentials } from '../../../electron/live-collector.js';
import { isolateAwsEnvironment, serve } from '../../integration/collector/helpers.js';
import { desktopFixture, samples, type DesktopFixture } from './desktop-fixture.js';

const publicSubnet = path.join(samples, 'test-public-subnet');

let desktop: DesktopFixture | undefined;
afterEach(async () => {
  await desktop?.close();
  desktop = undefined;
});

describe('live snapshots', () => {
  // The collector has its own suite against the local AWS test server; here the
  // session's part is under test: what it does with the snapshot it is handed.
  const collectFromSample: CollectRaw = async (_request, onProgress) => {
    onProgress({ callsDone: 1, callsTotal: 2, resources: 3, region: 'us-east-2', api: 'DescribeVpcs' });
    onProgress({ callsDone: 2, callsTotal: 2, resources: 9, region: 'us-east-2', api: 'DescribeSubnets' });
    const raw = await readSnapshotPath(publicSubnet);
    return { ...raw, source: { kind: 'aws-live', profile: 'audit' } };
  };

  it('writes the snapshot under user data with mode 0600, opens it, lists it as recent and relays progress without the IPC event', async () => {
    desktop = await desktopFixture(collectFromSample);
    const progress: unknown[][] = [];
    const summary = await desktop.bridge.takeSnapshot({ profile: 'audit', regions: ['us-east-2'] }, (...args: CollectProgress[]) => progress.push(args));
    expect(progress.map((args) => args.length)).toEqual([1, 1]);
    expect(progress.map(([p]) => (p as CollectProgress).callsDone)).toEqual([1, 2]);
    expect(desktop.ipc.rendererEvents.listenerCount('reachmap:event:progress')).toBe(0);

    const [recent] = desktop.preferences.recent();
    expect(path.dirname(recent?.path ?? '')).toBe(desktop.snapshotsDir);
    expect(path.basename(recent?.path ?? '')).toMatch(/^live-audit-\d{8}T\d{6}Z\.json$/);
    expect(summary.label).toBe(recent?.path);
    expect(summary.counts).toEqual({ vpcs: 1, subnets: 1, enis: 1, instances: 1 });
    expect((await stat(recent?.path ?? '')).mode & 0o777).toBe(0o600);
    expect((await stat(desktop.snapshotsDir)).mode & 0o777).toBe(0o700);
    await expect(desktop.bridge.desktopSettings()).resolves.toEqual({ theme: 'system', lastProfile: 'audit', lastRegions: ['us-east-2'] });
  });

  it('reopens a kept live snapshot from the recent list with no collector at all', async () => {
    desktop = await desktopFixture(collectFromSample);
    await desktop.bridge.takeSnapshot({ profile: 'audit', regions: ['us-east-2'] });
    const kept = desktop.preferences.recent()[0]?.path ?? '';
    const offline = await desktopFixture();
    try {
      offline.preferences.addRecent(kept, 'kept');
      await expect(offline.session.openRecent(kept)).resolves.toMatchObject({ counts: { vpcs: 1, subnets: 1, enis: 1, instances: 1 } });
    } finally {
      await offline.close();
    }
  });
});

describe('a live snapshot with the real collector', () => {
  it('collects from the local AWS test server through the bridge, keeps the file and reports progress', async () => {
    isolateAwsEnvironment();
    const server = await serve(await readSnapshotPath(publicSubnet));
    try {
      desktop = await desktopFixture(collectWithLocalCredentials);
      const progress: CollectProgress[] = [];
      const summary = await desktop.bridge.takeSnapshot({ regions: ['us-east-2'], endpointUrl: server.url }, (p) => progress.push(p));
      expect(summary.counts).toEqual({ vpcs: 1, subnets: 1, enis: 1, instances: 1 });
      expect(summary.source.kind).toBe('aws-live');
      expect(progress.length).toBeGreaterThan(0);
      const last = progress.at(-1);
      expect(last?.callsDone).toBe(last?.callsTotal);
      const kept = desktop.preferences.recent()[0]?.path ?? '';
      expect(path.dirname(kept)).toBe(desktop.snapshotsDir);
      expect((await stat(kept)).mode & 0o777).toBe(0o600);
      expect(server.calls.every((call) => call.status === 200)).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe('recent list and Save snapshot as…', () => {
  it('drops a recent entry whose file has gone, and keeps the others', async () => {
    desktop = await desktopFixture();
    const gone = path.join(desktop.userDataDir, 'gone.json');
    await writeFile(gone, '{}');
    desktop.preferences.addRecent(publicSubnet, 'public');
    desktop.preferences.addRecent(gone, 'gone');
    await rm(gone);
    await expect(desktop.session.openRecent(gone)).rejects.toThrow(`${JSON.stringify(gone)}: does not exist`);
    expect(desktop.preferences.recent().map((r) => r.path)).toEqual([publicSubnet]);
  });

  it('saves the open folder snapshot as one reachmap-snapshot/1 file, mode 0600, that opens to the same network', async () => {
    desktop = await desktopFixture();
    await desktop.session.openPath(publicSubnet);
    const out = path.join(desktop.userDataDir, 'copies', 'public.json');
    await mkdir(path.dirname(out));
    await desktop.session.saveAs(out);
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(await readFile(out, 'utf8')) as { format: string; accounts: Record<string, Record<string, { Vpcs?: { VpcId: string }[] }>> };
    expect(saved.format).toBe('reachmap-snapshot/1');
    const regions = Object.values(saved.accounts).flatMap((byRegion) => Object.values(byRegion));
    expect(regions.flatMap((r) => r.Vpcs ?? []).map((v) => v.VpcId)).toEqual(['vpc-0672bce73895d7252']);
    await expect(desktop.session.openPath(out)).resolves.toMatchObject({ counts: { vpcs: 1, subnets: 1, enis: 1, instances: 1 } });
  });

  it('has nothing to save before a snapshot is open', async () => {
    desktop = await desktopFixture();
    await expect(desktop.session.saveAs(path.join(desktop.userDataDir, 'x.json'))).rejects.toThrow('there is no snapshot file to save');
  });
});
