// Wires the desktop app together from Electron's APIs, which arrive as
// parameters: only electron/main.ts imports 'electron', so every other module
// runs (and is tested) in plain Node.
import path from 'node:path';
import type * as Electron from 'electron';
import type { ReachmapApi, SnapshotSummary } from '../shared/api/reachmap-api.js';
import type { RawSnapshot } from '../shared/api/snapshot/node.js';
import { createAppProtocolHandler } from './app-protocol.js';
import type { Theme } from './bridge-types.js';
import { EVENT_CHANNELS, type MenuAction } from './channels.js';
import { createDesktopHandlers } from './desktop-handlers.js';
import { showAbout, showIamPolicy } from './help-dialogs.js';
import { registerIpcHandlers, toApiError } from './ipc.js';
import { buildMenuTemplate, type MenuCommands } from './menu.js';
import { Preferences } from './preferences.js';
import { ensureSnapshotsDir } from './private-files.js';
import { APP_ENTRY_URL, APP_SCHEME, denyAllPermissions } from './security.js';
import { openSettingsStore, settingsStoreOptions, type SettingsStore, type SettingsStoreOptions } from './settings.js';
import { SnapshotSession, type CollectRaw } from './snapshot-session.js';
import { HistoryStore } from '../shared/api/history/node.js';
import { snapshotArgument } from './command-line.js';
import { restoreBounds } from './window-bounds.js';
import { createAppWindow, guardWebContents } from './window-factory.js';

export interface ElectronApis {
  app: Electron.App;
  BrowserWindow: typeof Electron.BrowserWindow;
  ipcMain: Electron.IpcMain;
  Menu: typeof Electron.Menu;
  dialog: Electron.Dialog;
  shell: Electron.Shell;
  protocol: Electron.Protocol;
  session: typeof Electron.session;
  screen: Electron.Screen;
  nativeTheme: Electron.NativeTheme;
  clipboard: Electron.Clipboard;
}

export interface DesktopAppOptions {
  /** the folder holding package.json, dist/, assets/ and docs/ (app.getAppPath(); an app.asar when packaged) */
  appRoot: string;
  service: ReachmapApi;
  createSettingsStore(options: SettingsStoreOptions): SettingsStore;
  readRaw(snapshotPath: string): Promise<RawSnapshot>;
  writeRaw(filePath: string, raw: RawSnapshot): Promise<void>;
  collectRaw?: CollectRaw;
  argv: readonly string[];
}

const APP_NAME = 'Reachmap';

export function appPaths(appRoot: string) {
  return {
    renderer: path.join(appRoot, 'dist', 'renderer'),
    preload: path.join(appRoot, 'dist', 'electron', 'preload.cjs'),
    icon: path.join(appRoot, 'assets', 'icons', 'app.png'),
    demo: path.join(appRoot, 'assets', 'demo', 'demo-snapshot.json'),
    iamPolicy: path.join(appRoot, 'docs', 'iam-policy.json'),
  };
}

/** Must run before the app is ready: the scheme's privileges cannot be granted later. */
export function registerAppScheme(electron: Pick<ElectronApis, 'protocol'>, privileges: Electron.CustomScheme): void {
  electron.protocol.registerSchemesAsPrivileged([privileges]);
}

export async function startDesktopApp(electron: ElectronApis, options: DesktopAppOptions): Promise<void> {
  const { app, dialog, nativeTheme } = electron;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  const paths = appPaths(options.appRoot);
  const snapshotsDir = await ensureSnapshotsDir(app.getPath('userData'));
  const settingsFile = path.join(app.getPath('userData'), 'settings.json');
  const store = await openSettingsStore(() => options.createSettingsStore(settingsStoreOptions(snapshotsDir)), settingsFile);
  const preferences = new Preferences(store);
  nativeTheme.themeSource = preferences.theme();

  denyAllPermissions(electron.session.defaultSession);
  electron.protocol.handle(APP_SCHEME, createAppProtocolHandler(paths.renderer));
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, (url) => electron.shell.openExternal(url)));

  const history = new HistoryStore(snapshotsDir);
  const session = new SnapshotSession({
    api: options.service,
    preferences,
    snapshotsDir,
    history,
    demoPath: paths.demo,
    readRaw: options.readRaw,
    writeRaw: options.writeRaw,
    ...(options.collectRaw ? { collectRaw: options.collectRaw } : {}),
  });

  const bounds = restoreBounds(
    preferences.windowBounds(),
    electron.screen.getAllDisplays().map((d) => d.workArea),
  );
  const window = createAppWindow(
    { BrowserWindow: electron.BrowserWindow, openExternal: (url) => electron.shell.openExternal(url) },
    { preload: paths.preload, bounds, title: APP_NAME, backgroundColor: nativeTheme.shouldUseDarkColors ? '#1e1f22' : '#ffffff', icon: paths.icon },
  );
  window.once('ready-to-show', () => {
    if (bounds.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => preferences.setWindowBounds({ ...window.getNormalBounds(), maximized: window.isMaximized() }));
  app.on('window-all-closed', () => app.quit());

  // Dialogs are looked up on `dialog` at each call, so that a test can stub them (electronApp.evaluate).
  const showMessageBox = (o: Electron.MessageBoxOptions) => dialog.showMessageBox(window, o);
  const chooseSnapshotPath = async (folder: boolean): Promise<string | null> => {
    const answer = await dialog.showOpenDialog(window, {
      title: folder ? 'Open aws_configs folder' : 'Open snapshot',
      properties: [folder ? 'openDirectory' : 'openFile'],
      ...(folder ? {} : { filters: [{ name: 'Reachmap snapshot', extensions: ['json'] }] }),
    });
    return answer.canceled ? null : (answer.filePaths[0] ?? null);
  };
  const send = (channel: string, payload: unknown): void => {
    if (!window.isDestroyed()) window.webContents.send(channel, payload);
  };
  const announce = (summary: SnapshotSummary): void => {
    send(EVENT_CHANNELS.snapshotOpened, summary);
    refreshMenu();
  };
  const reportFailure = (title: string) => (error: unknown) => {
    dialog.showErrorBox(title, toApiError(error).message);
    refreshMenu();
  };

  const commands: MenuCommands = {
    openSnapshot: (folder = false) => {
      chooseSnapshotPath(folder)
        .then((chosen) => (chosen === null ? undefined : session.openPath(chosen).then(announce)))
        .catch(reportFailure('Cannot open snapshot'));
    },
    openRecent: (recentPath) => {
      session.openRecent(recentPath).then(announce).catch(reportFailure('Cannot open snapshot'));
    },
    clearRecent: () => {
      for (const entry of preferences.recent()) preferences.removeRecent(entry.path);
      refreshMenu();
    },
    saveSnapshotAs: () => {
      const source = session.currentSource();
      const stem = source ? path.basename(source).replace(/\.json$/i, '') : 'snapshot';
      dialog
        .showSaveDialog(window, { title: 'Save snapshot as', defaultPath: path.join(app.getPath('documents'), `${stem}.json`), filters: [{ name: 'Reachmap snapshot', extensions: ['json'] }] })
        .then((answer) => (answer.canceled || !answer.filePath ? undefined : session.saveAs(answer.filePath)))
        .catch(reportFailure('Cannot save snapshot'));
    },
    sendToRenderer: (action: MenuAction) => send(EVENT_CHANNELS.menu, action),
    setTheme: (theme: Theme) => {
      preferences.setTheme(theme);
      nativeTheme.themeSource = theme;
      refreshMenu();
    },
    showAbout: () => {
      showAbout(showMessageBox, { appName: APP_NAME, version: app.getVersion(), versions: process.versions, snapshotsDir }).catch(reportFailure('About'));
    },
    showIamPolicy: () => {
      showIamPolicy(showMessageBox, paths.iamPolicy, (text) => electron.clipboard.writeText(text)).catch(reportFailure('IAM policy'));
    },
  };
  function refreshMenu(): void {
    const template = buildMenuTemplate(commands, {
      platform: process.platform,
      appName: APP_NAME,
      recent: preferences.recent(),
      theme: preferences.theme(),
      canSaveSnapshot: session.currentSource() !== null,
      developerTools: !app.isPackaged,
    });
    electron.Menu.setApplicationMenu(electron.Menu.buildFromTemplate(template));
  }

  registerIpcHandlers(
    electron.ipcMain,
    createDesktopHandlers({
      api: options.service,
      session,
      preferences,
      chooseSnapshotPath,
      showSaveDialog: (o) => dialog.showSaveDialog(window, o),
      documentsDir: app.getPath('documents'),
      history,
      chooseComparePath: async (kind) => {
        const answer = await dialog.showOpenDialog(window, {
          title: kind === 'snapshot' ? 'Compare with: the other snapshot' : kind === 'intents' ? 'Compare with: an intents file' : 'Traffic: a flow log file',
          properties: ['openFile'],
          filters: kind === 'snapshot' ? [{ name: 'Reachmap snapshot', extensions: ['json'] }] : kind === 'intents' ? [{ name: 'Intents', extensions: ['yaml', 'yml', 'json'] }] : [{ name: 'Flow logs', extensions: ['log', 'txt', 'gz'] }, { name: 'All files', extensions: ['*'] }],
        });
        return answer.canceled ? null : (answer.filePaths[0] ?? null);
      },
    }),
  );

  app.on('second-instance', (_event, argv) => {
    if (window.isMinimized()) window.restore();
    window.focus();
    const requested = snapshotArgument(argv);
    if (requested) session.openPath(requested).then(announce).catch(reportFailure('Cannot open snapshot'));
  });

  // The page asks for the graph as soon as it loads: the snapshot is open before.
  const requested = snapshotArgument(options.argv);
  await (requested ? session.openPath(requested) : session.openDemo()).catch(reportFailure(requested ? 'Cannot open snapshot' : 'Cannot open the demo network'));
  refreshMenu();
  await window.loadURL(APP_ENTRY_URL);
}
