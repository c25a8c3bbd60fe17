// The application menu: every item the issue names, a unique shortcut for
// each, and each click reaching the right command.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, type MenuCommands, type MenuState } from '../../../electron/menu.js';
import { byId, click, flatten } from './menu-items.js';

function recordingCommands(calls: string[]): MenuCommands {
  return {
    openSnapshot: (folder) => calls.push(folder ? 'open folder' : 'open file'),
    openRecent: (path) => calls.push(`recent ${path}`),
    clearRecent: () => calls.push('clear recent'),
    saveSnapshotAs: () => calls.push('save as'),
    sendToRenderer: (action) => calls.push(`renderer ${action}`),
    setTheme: (theme) => calls.push(`theme ${theme}`),
    showAbout: () => calls.push('about'),
    showIamPolicy: () => calls.push('iam policy'),
  };
}

const state: MenuState = {
  platform: 'linux',
  appName: 'Reachmap',
  recent: [
    { path: '/home/me/prod.json', label: 'prod.json', openedAt: '2026-11-29T12:00:00.000Z' },
    { path: '/home/me/aws_configs', label: 'aws_configs', openedAt: '2026-11-29T11:00:00.000Z' },
  ],
  theme: 'dark',
  canSaveSnapshot: true,
  developerTools: false,
};

describe('application menu', () => {
  it('has File, Edit, View and Help with the items of the issue, in that order', () => {
    const template = buildMenuTemplate(recordingCommands([]), state);
    expect(template.map((m) => m.label ?? m.role)).toEqual(['&File', 'editMenu', '&View', '&Help']);
    const labels = (menu: MenuItemConstructorOptions) => (menu.submenu as MenuItemConstructorOptions[]).filter((i) => i.type !== 'separator').map((i) => i.label ?? i.role);
    expect(labels(template[0]!)).toEqual(['Open Snapshot…', 'Open aws_configs Folder…', 'Open Recent', 'Take Snapshot…', 'Compare With…', 'Save Snapshot As…', 'Export Report…', 'E&xit']);
    expect(labels(template[2]!)).toEqual(['Fit to Window', 'Collapse All', 'Internet Exposure', 'Theme']);
    expect(labels(template[3]!)).toEqual(['IAM Policy for Live Snapshots…', 'About Reachmap']);
  });

  it('gives every command a keyboard shortcut, none used twice', () => {
    const items = flatten(buildMenuTemplate(recordingCommands([]), { ...state, developerTools: true }));
    const commands = items.filter((i) => i.click && i.type !== 'radio');
    for (const item of commands) expect(item.accelerator, `${item.label} has a shortcut`).toBeTruthy();
    const accelerators = items.map((i) => i.accelerator).filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
    expect(byId(items, 'open-snapshot').accelerator).toBe('CmdOrCtrl+O');
    expect(byId(items, 'recent-0').accelerator).toBe('Alt+CmdOrCtrl+1');
  });

  it('each item reaches its command: dialogs in main, view actions in the page', () => {
    const calls: string[] = [];
    const template = buildMenuTemplate(recordingCommands(calls), state);
    for (const id of ['open-snapshot', 'open-folder', 'recent-1', 'take-snapshot', 'compare', 'save-snapshot-as', 'export-report', 'fit', 'collapse-all', 'exposure', 'theme-light', 'iam-policy', 'about', 'recent-clear']) {
      click(byId(template, id));
    }
    expect(calls).toEqual([
      'open file',
      'open folder',
      'recent /home/me/aws_configs',
      'renderer take-snapshot',
      'renderer compare',
      'save as',
      'renderer export-report',
      'renderer fit',
      'renderer collapse-all',
      'renderer exposure',
      'theme light',
      'iam policy',
      'about',
      'clear recent',
    ]);
  });

  it('shows the recent list, or says it is empty', () => {
    const template = buildMenuTemplate(recordingCommands([]), state);
    expect(byId(template, 'recent-0').label).toBe('prod.json — /home/me/prod.json');
    const empty = buildMenuTemplate(recordingCommands([]), { ...state, recent: [] });
    expect(byId(empty, 'recent-empty')).toMatchObject({ label: 'No recent snapshots', enabled: false });
  });

  it('checks the current theme and disables Save snapshot as… when nothing can be saved', () => {
    const template = buildMenuTemplate(recordingCommands([]), { ...state, canSaveSnapshot: false });
    expect(['system', 'light', 'dark'].map((t) => byId(template, `theme-${t}`).checked)).toEqual([false, false, true]);
    expect(byId(template, 'save-snapshot-as').enabled).toBe(false);
  });

  it('on macOS puts About and Quit in the app menu, and developer tools only in unpackaged builds', () => {
    const mac = buildMenuTemplate(recordingCommands([]), { ...state, platform: 'darwin' });
    expect(mac[0]?.label).toBe('Reachmap');
    expect(flatten(mac).filter((i) => i.id === 'about')).toHaveLength(1);
    expect(flatten(mac).some((i) => i.id === 'devtools')).toBe(false);
    expect(flatten(buildMenuTemplate(recordingCommands([]), { ...state, developerTools: true })).some((i) => i.id === 'devtools')).toBe(true);
  });
});
