// startDesktopApp wired to stand-ins of Electron's main-process modules
// (`import 'electron'` throws where the binary is absent), around the real
// service, a conf store and the real snapshots: what the app does at start,
// on menu clicks and on close. The same flows run against real Electron in
// test/e2e/electron/desktop.test.ts wherever a binary is present.
import { EventEmitter } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNodeReachmapService } from '../../../shared/api/service/node.js';
import { readSnapshotPath } from '../../../shared/aws/read/node.js';
import { writeSnapshotFile } from '../../../shared/aws/write/node.js';
import { INVOKE_METHODS, invokeChannel } from '../../../electron/channels.js';
import { startDesktopApp, type ElectronApis } from '../../../electron/desktop-app.js';
import type { SettingsData } from '../../../electron/settings.js';
import { InMemoryIpc } from './in-memory-ipc.js';
import { repoRoot, samples } from './desktop-fixture.js';
import { byId, click } from './menu-items.js';

class FakeWebContents extends EventEmitter {
  readonly sent: [string, unknown][] = [];
  setWindowOpenHandler(): void {}
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
}

class FakeWindow extends EventEmitter {
  static created: FakeWindow[] = [];
  readonly webContents = new FakeWebContents();
  loaded: string | null = null;
  /** the summary the service held when the page was loaded */
  snapshotAtLoad: unknown = undefined;
  bounds = { x: 10, y: 20, width: 1280, height: 820 };
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeWindow.created.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.loaded = url;
  }
  getNormalBounds() {
    return this.bounds;
  }
  isMaximized = () => false;
  isMinimized = () => false;
  isDestroyed = () => false;
  show(): void {}
  maximize(): void {}
  restore(): void {}
  focus(): void {}
}

interface Fakes {
  electron: ElectronApis;
  ipc: InMemoryIpc;
  app: EventEmitter & { quitCalled: boolean };
  menu: () => MenuItemConstructorOptions[];
  theme: () => string;
  handled: Map<string, unknown>;
  dialogs: { openPaths: string[]; errors: string[] };
}

function fakeElectron(userData: string, singleInstance = true): Fakes {
  const ipc = new InMemoryIpc();
  let template: MenuItemConstructorOptions[] = [];
  const handled = new Map<string, unknown>();
  const dialogs = { openPaths: [] as string[], errors: [] as string[] };
  const nativeTheme = { themeSource: 'system', shouldUseDarkColors: false };
  const app = Object.assign(new EventEmitter(), {
    quitCalled: false,
    isPackaged: false,
    requestSingleInstanceLock: () => singleInstance,
    quit() {
      app.quitCalled = true;
    },
    whenReady: async () => undefined,
    getPath: (name: string) => (name === 'userData' ? userData : path.join(userData, name)),
    getVersion: () => '0.1.0',
  });
  const electron = {
    app,
    BrowserWindow: FakeWindow,
    ipcMain: ipc.main,
    Menu: {
      buildFromTemplate: (t: MenuItemConstructorOptions[]) => t,
      setApplicationMenu: (t: MenuItemConstructorOptions[]) => {
        template = t;
      },
    },
    dialog: {
      showOpenDialog: async () => ({ canceled: dialogs.openPaths.length === 0, filePaths: dialogs.openPaths }),
      showSaveDialog: async () => ({ canceled: true }),
      showMessageBox: async () => ({ response: 1 }),
      showErrorBox: (_title: string, message: string) => dialogs.errors.push(message),
    },
    shell: { openExternal: async () => undefined },
    protocol: { registerSchemesAsPrivileged: () => undefined, handle: (scheme: string, handler: unknown) => handled.set(scheme, handler) },
    session: { defaultSession: { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined } },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1050 } }] },
    nativeTheme,
    clipboard: { writeText: () => undefined },
  };
  return { electron: electron as unknown as ElectronApis, ipc, app, menu: () => template, theme: () => nativeTheme.themeSource, handled, dialogs };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

let userData: string;
beforeEach(async () => {
  userData = await mkdtemp(path.join(os.tmpdir(), 'reachmap-app-'));
  FakeWindow.created = [];
});
afterEach(async () => rm(userData, { recursive: true, force: true }));

async function start(fakes: Fakes, argv: string[] = []) {
  const service = await createNodeReachmapService();
  const loadURL = FakeWindow.prototype.loadURL;
  // record what was open when the page loaded: the page asks for the graph at once
  FakeWindow.prototype.loadURL = async function (this: FakeWindow, url: string) {
    this.snapshotAtLoad = await service.currentSnapshot();
    return loadURL.call(this, url);
  };
  try {
    await startDesktopApp(fakes.electron, {
      appRoot: repoRoot,
      service,
      createSettingsStore: (options) => new Conf<SettingsData>({ ...options, cwd: userData, configName: 'settings', projectVersion: '0.1.0' }),
      readRaw: readSnapshotPath,
      writeRaw: writeSnapshotFile,
      argv,
    });
  } finally {
    FakeWindow.prototype.loadURL = loadURL;
  }
  return service;
}

describe('startDesktopApp', () => {
  it('opens one secure window on the demo, serves reachmap://, answers every allow-listed channel, builds the menu', async () => {
    const fakes = fakeElectron(userData);
    await start(fakes);
    expect(FakeWindow.created).toHaveLength(1);
    const [window] = FakeWindow.created;
    expect(window?.options['webPreferences']).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, preload: path.join(repoRoot, 'dist/electron/preload.cjs') });
    expect(window?.loaded).toBe('reachmap://app/index.html');
    expect(window?.snapshotAtLoad).toMatchObject({ label: 'demo' });
    expect([...fakes.handled.keys()]).toEqual(['reachmap']);
    expect([...fakes.ipc.handlers.keys()].sort()).toEqual(INVOKE_METHODS.map(invokeChannel).sort());
    expect(fakes.menu().map((m) => m.label ?? m.role)).toEqual(['&File', 'editMenu', '&View', '&Help']);
  });

  it('opens the snapshot named by --snapshot instead of the demo', async () => {
    const fakes = fakeElectron(userData);
    const folder = path.join(samples, 'test-public-subnet');
    await start(fakes, ['/usr/lib/reachmap/reachmap-desktop', '--snapshot', folder]);
    expect(FakeWindow.created[0]?.snapshotAtLoad).toMatchObject({ label: folder, counts: { vpcs: 1, subnets: 1, enis: 1, instances: 1 } });
  });

  it('a second instance quits at once, leaving the first one its window', async () => {
    const fakes = fakeElectron(userData, false);
    await start(fakes);
    expect(fakes.app.quitCalled).toBe(true);
    expect(FakeWindow.created).toHaveLength(0);
  });

  it('File > Open aws_configs Folder… opens the chosen folder, tells the page, and lists it in Open Recent', async () => {
    const fakes = fakeElectron(userData);
    await start(fakes);
    const folder = path.join(samples, 'test-nat-gateway');
    fakes.dialogs.openPaths = [folder];
    click(byId(fakes.menu(), 'open-folder'));
    await settle();
    const sent = FakeWindow.created[0]?.webContents.sent ?? [];
    expect(sent.map(([channel]) => channel)).toEqual(['reachmap:event:snapshotOpened']);
    expect(sent[0]?.[1]).toMatchObject({ label: folder });
    expect(byId(fakes.menu(), 'recent-0').label).toBe(`test-nat-gateway — ${folder}`);
  });

  it('a snapshot that cannot be opened is one line in an error box, and the app goes on', async () => {
    const fakes = fakeElectron(userData);
    await start(fakes);
    fakes.dialogs.openPaths = ['/etc/hostname'];
    click(byId(fakes.menu(), 'open-snapshot'));
    await settle();
    expect(fakes.dialogs.errors).toEqual(['"/etc/hostname": is not a snapshot file (expected a .json file or an aws_configs folder)']);
  });

  it('View and File items the page performs go to it on the menu channel', async () => {
    const fakes = fakeElectron(userData);
    await start(fakes);
    for (const id of ['fit', 'collapse-all', 'exposure', 'take-snapshot', 'export-report']) click(byId(fakes.menu(), id));
    expect(FakeWindow.created[0]?.webContents.sent).toEqual([
      ['reachmap:event:menu', 'fit'],
      ['reachmap:event:menu', 'collapse-all'],
      ['reachmap:event:menu', 'exposure'],
      ['reachmap:event:menu', 'take-snapshot'],
      ['reachmap:event:menu', 'export-report'],
    ]);
  });

  it('remembers the theme and the window bounds, and starts with them the next time', async () => {
    const fakes = fakeElectron(userData);
    await start(fakes);
    click(byId(fakes.menu(), 'theme-dark'));
    expect(fakes.theme()).toBe('dark');
    const [window] = FakeWindow.created;
    if (!window) throw new Error('no window');
    window.bounds = { x: 100, y: 50, width: 1111, height: 777 };
    window.emit('close');
    const saved = JSON.parse(await readFile(path.join(userData, 'settings.json'), 'utf8')) as SettingsData;
    expect(saved.theme).toBe('dark');
    expect(saved.windowBounds).toEqual({ x: 100, y: 50, width: 1111, height: 777, maximized: false });

    const again = fakeElectron(userData);
    await start(again);
    expect(again.theme()).toBe('dark');
    expect(FakeWindow.created[1]?.options).toMatchObject({ x: 100, y: 50, width: 1111, height: 777 });
    expect(byId(again.menu(), 'theme-dark').checked).toBe(true);
  });
});
