// The desktop app's main-process parts assembled as main.ts does, around the
// real Node service and a conf store in a temporary user-data folder, with
// the in-memory IPC pair in place of Electron's.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { createNodeReachmapService } from '../../../shared/api/service/node.js';
import { demoSnapshotPath } from '../../../shared/api/snapshot/node.js';
import { readSnapshotPath } from '../../../shared/aws/read/node.js';
import { writeSnapshotFile } from '../../../shared/aws/write/node.js';
import { createDesktopBridge } from '../../../electron/bridge.js';
import { createDesktopHandlers } from '../../../electron/desktop-handlers.js';
import type { SaveDialogAnswer } from '../../../electron/export-report.js';
import { registerIpcHandlers } from '../../../electron/ipc.js';
import { Preferences } from '../../../electron/preferences.js';
import { ensureSnapshotsDir } from '../../../electron/private-files.js';
import { settingsStoreOptions, type SettingsData, type SettingsStore } from '../../../electron/settings.js';
import { SnapshotSession, type CollectRaw } from '../../../electron/snapshot-session.js';
import { InMemoryIpc } from './in-memory-ipc.js';
import { HistoryStore } from '../../../shared/api/history/node.js';

export const repoRoot = path.resolve(import.meta.dirname, '../../..');
export const samples = path.resolve(repoRoot, 'test/fixtures/batfish');

export function openConfStore(userDataDir: string, projectVersion = '0.1.0', snapshotsDir?: string): SettingsStore {
  return new Conf<SettingsData>({ ...settingsStoreOptions(snapshotsDir), cwd: userDataDir, configName: 'settings', projectVersion });
}

export interface DesktopFixture {
  userDataDir: string;
  snapshotsDir: string;
  ipc: InMemoryIpc;
  bridge: ReturnType<typeof createDesktopBridge>;
  preferences: Preferences;
  session: SnapshotSession;
  history: HistoryStore;
  /** what the stubbed dialogs answer next */
  dialogs: { openPath: string | null; savePath: SaveDialogAnswer };
  close(): Promise<void>;
}

export async function desktopFixture(collectRaw?: CollectRaw): Promise<DesktopFixture> {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'reachmap-desktop-'));
  const snapshotsDir = await ensureSnapshotsDir(userDataDir);
  const preferences = new Preferences(openConfStore(userDataDir, '0.1.0', snapshotsDir));
  const api = await createNodeReachmapService();
  const history = new HistoryStore(snapshotsDir);
  const session = new SnapshotSession({
    api,
    preferences,
    snapshotsDir,
    history,
    demoPath: demoSnapshotPath(),
    readRaw: readSnapshotPath,
    writeRaw: writeSnapshotFile,
    ...(collectRaw ? { collectRaw } : {}),
  });
  const dialogs: DesktopFixture['dialogs'] = { openPath: null, savePath: { canceled: true } };
  const ipc = new InMemoryIpc();
  const unregister = registerIpcHandlers(
    ipc.main,
    createDesktopHandlers({
      api,
      session,
      preferences,
      chooseSnapshotPath: async () => dialogs.openPath,
      showSaveDialog: async () => dialogs.savePath,
      documentsDir: userDataDir,
      history,
      chooseComparePath: async () => dialogs.openPath,
    }),
  );
  return {
    userDataDir,
    snapshotsDir,
    ipc,
    bridge: createDesktopBridge(ipc.renderer),
    preferences,
    session,
    history,
    dialogs,
    async close() {
      unregister();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
