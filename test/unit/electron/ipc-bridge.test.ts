// The bridge the preload exposes, talking over (in-memory) IPC to the main
// process's handlers, which drive the real service on a real Batfish sample.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_METHODS } from '../../../shared/api/api-methods.js';
import { DESKTOP_METHODS, EVENT_CHANNELS, INVOKE_METHODS, invokeChannel } from '../../../electron/channels.js';
import { desktopFixture, samples, type DesktopFixture } from './desktop-fixture.js';

const publicSubnet = path.join(samples, 'test-public-subnet');
const natGateway = path.join(samples, 'test-nat-gateway');

function tinyPng(): Uint8Array {
  const png = new PNG({ width: 4, height: 3 });
  png.data.fill(200);
  return new Uint8Array(PNG.sync.write(png));
}

describe('IPC allow-list', () => {
  let desktop: DesktopFixture;
  beforeEach(async () => {
    desktop = await desktopFixture();
  });
  afterEach(async () => desktop.close());

  it('registers one handler per bridge method and no other channel', () => {
    expect([...desktop.ipc.handlers.keys()].sort()).toEqual(INVOKE_METHODS.map(invokeChannel).sort());
    expect(INVOKE_METHODS).toEqual([...API_METHODS, ...DESKTOP_METHODS]);
    for (const channel of desktop.ipc.handlers.keys()) expect(channel).toMatch(/^reachmap:invoke:[a-zA-Z]+$/);
  });

  it('exposes exactly the API methods, the desktop extras and the two subscriptions, and nothing of IPC', () => {
    const { bridge } = desktop;
    expect(Object.keys(bridge).sort()).toEqual([...INVOKE_METHODS, 'shell', 'onMenuAction', 'onSnapshotOpened'].sort());
    expect(bridge.shell).toBe('electron');
    expect(Object.isFrozen(bridge)).toBe(true);
    for (const [key, value] of Object.entries(bridge)) if (key !== 'shell') expect(typeof value).toBe('function');
  });

  it('answers only pages of the app itself', async () => {
    desktop.ipc.pageUrl = 'https://attacker.example/page.html';
    await expect(desktop.bridge.currentSnapshot()).rejects.toThrow("refused: currentSnapshot was asked by a page that is not Reachmap's");
    desktop.ipc.pageUrl = 'file:///tmp/index.html';
    await expect(desktop.bridge.graph()).rejects.toThrow('refused');
  });
});

describe('the bridge over IPC on a real snapshot', () => {
  let desktop: DesktopFixture;
  beforeEach(async () => {
    desktop = await desktopFixture();
  });
  afterEach(async () => desktop.close());

  it('opens the folder the user chose in the dialog and answers with its summary and graph', async () => {
    desktop.dialogs.openPath = publicSubnet;
    const summary = await desktop.bridge.chooseSnapshot({ folder: true });
    // test-public-subnet/aws_configs: one VPC, one subnet, one ENI, one instance (read from its JSON)
    expect(summary?.counts).toEqual({ vpcs: 1, subnets: 1, enis: 1, instances: 1 });
    expect((await desktop.bridge.currentSnapshot())?.hash).toBe(summary?.hash);
    const graph = await desktop.bridge.graph();
    expect(graph.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['vpc-0672bce73895d7252', 'subnet-0bb82ae8b3ea5dc78', 'eni-00064850627e198ee']));
    expect(desktop.preferences.recent().map((r) => r.path)).toEqual([publicSubnet]);
  });

  it('analyzes a flow: SSH from the internet is allowed by launch-wizard-1, HTTP is not', async () => {
    desktop.dialogs.openPath = publicSubnet;
    await desktop.bridge.chooseSnapshot({ folder: true });
    // launch-wizard-1 (sg-09ccba6656672061b) admits tcp/22 from 0.0.0.0/0 only; the ACL allows all; 0.0.0.0/0 -> igw
    const ssh = await desktop.bridge.analyze({ from: 'internet', to: 'i-06669a407b2ef3ae5', protocol: 'tcp', port: 22 });
    expect(ssh.verdict).toBe('reachable');
    const http = await desktop.bridge.analyze({ from: 'internet', to: 'i-06669a407b2ef3ae5', protocol: 'tcp', port: 80 });
    expect(http.verdict).toBe('unreachable');
    expect(http.blocked?.kind).toBe('security-group');
  });

  it('reopens only paths the user chose: an unchosen folder is refused, a chosen one is not', async () => {
    await expect(desktop.bridge.openSnapshot(natGateway)).rejects.toThrow(`${JSON.stringify(natGateway)}: open it with File > Open snapshot… first`);
    desktop.dialogs.openPath = natGateway;
    await desktop.bridge.chooseSnapshot({ folder: true });
    await expect(desktop.bridge.openSnapshot(natGateway)).resolves.toMatchObject({ label: natGateway });
    // the choice is checked before the path: an unchosen path is refused whatever it is (issue 13, item 9)
    await expect(desktop.bridge.openSnapshot('relative/path')).rejects.toThrow('"relative/path": open it with File > Open snapshot… first');
  });

  it('refuses malformed arguments with one line naming the field', async () => {
    desktop.dialogs.openPath = publicSubnet;
    await desktop.bridge.chooseSnapshot({ folder: true });
    await expect(desktop.bridge.analyze({ from: 'internet', to: 'i-06669a407b2ef3ae5', protocol: 'tcp', port: 70000 })).rejects.toThrow(/^analyze: port: /);
    const withExtra = { from: 'internet', to: 'i-06669a407b2ef3ae5', port: 22, evil: true } as unknown as Parameters<typeof desktop.bridge.analyze>[0];
    await expect(desktop.bridge.analyze(withExtra)).rejects.toThrow(/^analyze: .*evil/);
    await expect(desktop.bridge.takeSnapshot({ profile: 'x', endpointUrl: 'https://ec2.us-east-1.amazonaws.com' })).rejects.toThrow(
      'takeSnapshot: endpointUrl: "https://ec2.us-east-1.amazonaws.com" is not a loopback endpoint (127.0.0.0/8, ::1 or localhost)',
    );
  });

  it('an engine error reaches the page as its one-line message', async () => {
    desktop.dialogs.openPath = publicSubnet;
    await desktop.bridge.chooseSnapshot({ folder: true });
    const error = await desktop.bridge.analyze({ from: 'i-doesnotexist', to: 'internet', protocol: 'icmp' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('i-doesnotexist');
    expect((error as Error).message).not.toMatch(/\n\s+at /);
  });

  it('exports the report PNG through the save dialog, readable by its owner only', async () => {
    const target = path.join(desktop.userDataDir, 'report.png');
    desktop.dialogs.savePath = { canceled: false, filePath: target };
    const png = tinyPng();
    await expect(desktop.bridge.exportReport({ png, suggestedName: 'x.png' })).resolves.toEqual({ saved: true, fileName: 'report.png' });
    expect(new Uint8Array(await readFile(target))).toEqual(png);
    expect((await stat(target)).mode & 0o777).toBe(0o600);
    desktop.dialogs.savePath = { canceled: true };
    await expect(desktop.bridge.exportReport({ png, suggestedName: 'x.png' })).resolves.toEqual({ saved: false, fileName: null });
    await expect(desktop.bridge.exportReport({ png: new TextEncoder().encode('GIF89a....'), suggestedName: 'x.png' })).rejects.toThrow('exportReport: png: not a PNG image');
  });

  it('relays menu actions and opened snapshots to listeners without the IPC event', () => {
    const received: unknown[][] = [];
    const stop = desktop.bridge.onMenuAction((...args: unknown[]) => received.push(args));
    desktop.ipc.sendToRenderer(EVENT_CHANNELS.menu, 'fit');
    desktop.ipc.sendToRenderer(EVENT_CHANNELS.menu, 'format-disk');
    stop();
    desktop.ipc.sendToRenderer(EVENT_CHANNELS.menu, 'exposure');
    expect(received).toEqual([['fit']]);
    expect(desktop.ipc.rendererEvents.listenerCount(EVENT_CHANNELS.menu)).toBe(0);
  });

  it('reports the default settings to the page', async () => {
    await expect(desktop.bridge.desktopSettings()).resolves.toEqual({ theme: 'system', lastProfile: null, lastRegions: [] });
  });
});
