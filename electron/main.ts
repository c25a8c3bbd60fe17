// The Electron entry point (package.json "main" -> dist/electron/main.js).
// The only module that imports 'electron' and electron-store: everything else
// receives Electron's APIs as parameters (desktop-app.ts).
import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, nativeTheme, protocol, screen, session, shell } from 'electron';
import ElectronStore from 'electron-store';
import { createNodeReachmapService } from '../shared/api/service/node.js';
import { readSnapshotPath, writeSnapshotFile } from '../shared/api/snapshot/node.js';
import { APP_SCHEME_PRIVILEGES } from './app-protocol.js';
import { registerAppScheme, startDesktopApp } from './desktop-app.js';
import { collectWithLocalCredentials } from './live-collector.js';
import type { SettingsData } from './settings.js';

// Tests (and people who want a separate profile) give the user-data folder; it must be set before anything reads it.
const userDataDir = process.env['REACHMAP_USER_DATA_DIR'];
if (userDataDir) app.setPath('userData', userDataDir);
registerAppScheme({ protocol }, APP_SCHEME_PRIVILEGES);

async function main(): Promise<void> {
  await startDesktopApp(
    { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, nativeTheme, protocol, screen, session, shell },
    {
      appRoot: app.getAppPath(),
      service: await createNodeReachmapService(),
      createSettingsStore: (options) => new ElectronStore<SettingsData>({ ...options, name: 'settings' }),
      readRaw: readSnapshotPath,
      writeRaw: writeSnapshotFile,
      collectRaw: collectWithLocalCredentials,
      argv: process.argv,
    },
  );
}

main().catch((error: unknown) => {
  console.error(error);
  dialog.showErrorBox('Reachmap could not start', error instanceof Error ? error.message : String(error));
  app.exit(3);
});
