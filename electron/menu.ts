// The application menu as data: main turns it into a native menu with
// Menu.buildFromTemplate and rebuilds it when the recent list or theme change.
import type { MenuItemConstructorOptions } from 'electron';
import type { Theme } from './bridge-types.js';
import type { MenuAction } from './channels.js';
import type { RecentSnapshot } from './settings.js';

export interface MenuCommands {
  /** File > Open snapshot…: the open dialog, in main (a folder: an aws_configs layout) */
  openSnapshot(folder: boolean): void;
  openRecent(path: string): void;
  clearRecent(): void;
  saveSnapshotAs(): void;
  /** items whose work happens in the page */
  sendToRenderer(action: MenuAction): void;
  setTheme(theme: Theme): void;
  showAbout(): void;
  showIamPolicy(): void;
}

export interface MenuState {
  platform: NodeJS.Platform;
  appName: string;
  recent: readonly RecentSnapshot[];
  theme: Theme;
  /** the open snapshot has a file or folder that Save snapshot as… can copy */
  canSaveSnapshot: boolean;
  /** developer tools only in an unpackaged build */
  developerTools: boolean;
}

/** Alt+CmdOrCtrl+1 … 9 reopen the first recent snapshots. */
const RECENT_SHORTCUTS = 9;

const THEMES: readonly { theme: Theme; label: string }[] = [
  { theme: 'system', label: 'Follow System' },
  { theme: 'light', label: 'Light' },
  { theme: 'dark', label: 'Dark' },
];

function recentMenu(commands: MenuCommands, recent: readonly RecentSnapshot[]): MenuItemConstructorOptions[] {
  if (recent.length === 0) return [{ id: 'recent-empty', label: 'No recent snapshots', enabled: false }];
  return [
    ...recent.map(
      (entry, index): MenuItemConstructorOptions => ({
        id: `recent-${index}`,
        label: `${entry.label} — ${entry.path}`,
        ...(index < RECENT_SHORTCUTS ? { accelerator: `Alt+CmdOrCtrl+${index + 1}` } : {}),
        click: () => commands.openRecent(entry.path),
      }),
    ),
    { type: 'separator' },
    { id: 'recent-clear', label: 'Clear Recent', accelerator: 'Alt+CmdOrCtrl+0', click: () => commands.clearRecent() },
  ];
}

export function buildMenuTemplate(commands: MenuCommands, state: MenuState): MenuItemConstructorOptions[] {
  const mac = state.platform === 'darwin';
  const about: MenuItemConstructorOptions = { id: 'about', label: `About ${state.appName}`, accelerator: 'F1', click: () => commands.showAbout() };
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { id: 'open-snapshot', label: 'Open Snapshot…', accelerator: 'CmdOrCtrl+O', click: () => commands.openSnapshot(false) },
      // Linux and Windows dialogs pick files or folders, never both: two items.
      { id: 'open-folder', label: 'Open aws_configs Folder…', accelerator: 'CmdOrCtrl+Shift+O', click: () => commands.openSnapshot(true) },
      { id: 'open-recent', label: 'Open Recent', submenu: recentMenu(commands, state.recent) },
      { type: 'separator' },
      { id: 'take-snapshot', label: 'Take Snapshot…', accelerator: 'CmdOrCtrl+T', click: () => commands.sendToRenderer('take-snapshot') },
      { id: 'compare', label: 'Compare With…', accelerator: 'CmdOrCtrl+D', click: () => commands.sendToRenderer('compare') },
      { id: 'save-snapshot-as', label: 'Save Snapshot As…', accelerator: 'CmdOrCtrl+Shift+S', enabled: state.canSaveSnapshot, click: () => commands.saveSnapshotAs() },
      { type: 'separator' },
      { id: 'export-report', label: 'Export Report…', accelerator: 'CmdOrCtrl+E', click: () => commands.sendToRenderer('export-report') },
      ...(mac ? [] : [{ type: 'separator' } as const, { id: 'quit', label: 'E&xit', role: 'quit', accelerator: 'CmdOrCtrl+Q' } as const]),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { id: 'fit', label: 'Fit to Window', accelerator: 'CmdOrCtrl+0', click: () => commands.sendToRenderer('fit') },
      { id: 'collapse-all', label: 'Collapse All', accelerator: 'CmdOrCtrl+Shift+C', click: () => commands.sendToRenderer('collapse-all') },
      { id: 'exposure', label: 'Internet Exposure', accelerator: 'CmdOrCtrl+Shift+E', click: () => commands.sendToRenderer('exposure') },
      { type: 'separator' },
      {
        label: 'Theme',
        submenu: THEMES.map(({ theme, label }) => ({
          id: `theme-${theme}`,
          label,
          type: 'radio',
          checked: state.theme === theme,
          click: () => commands.setTheme(theme),
        })),
      },
      ...(state.developerTools ? [{ type: 'separator' } as const, { id: 'devtools', role: 'toggleDevTools', accelerator: 'CmdOrCtrl+Alt+I' } as const] : []),
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [
      { id: 'iam-policy', label: 'IAM Policy for Live Snapshots…', accelerator: 'CmdOrCtrl+Shift+P', click: () => commands.showIamPolicy() },
      ...(mac ? [] : [{ type: 'separator' } as const, about]),
    ],
  };
  const appMenu: MenuItemConstructorOptions = {
    label: state.appName,
    submenu: [about, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { id: 'quit', role: 'quit' }],
  };
  // Edit keeps copy and paste working in the page's text fields (macOS routes them through the menu).
  const edit: MenuItemConstructorOptions = { role: 'editMenu' };
  return [...(mac ? [appMenu] : []), file, edit, view, ...(mac ? [{ role: 'windowMenu' } as const] : []), help];
}
