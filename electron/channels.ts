// The IPC allow-list: the only channels the preload uses and the main process
// answers. A channel not named here is neither exposed to the renderer nor
// handled by main. The preload is one sandboxed CommonJS bundle that includes
// this file at build time, so both sides read the same list.
import { API_METHODS } from '../shared/api/api-methods.js';
import type { DesktopExtras } from './bridge-types.js';

/** Methods only the desktop shell offers (native dialogs, settings). */
export const DESKTOP_METHODS = ['chooseSnapshot', 'exportReport', 'saveIntent', 'saveChangeSet', 'desktopSettings', 'chooseCompareFile'] as const satisfies readonly (keyof DesktopExtras)[];

/** Every method the renderer may invoke, in the order the bridge lists them. */
export const INVOKE_METHODS = [...API_METHODS, ...DESKTOP_METHODS] as const;
export type InvokeMethod = (typeof INVOKE_METHODS)[number];

/** Renderer -> main request/response channel of a method (ipcRenderer.invoke / ipcMain.handle). */
export function invokeChannel(method: InvokeMethod): string {
  return `reachmap:invoke:${method}`;
}

/** Main -> renderer event channels (webContents.send / ipcRenderer.on). */
export const EVENT_CHANNELS = {
  /** payload: CollectProgress, while a takeSnapshot call runs */
  progress: 'reachmap:event:progress',
  /** payload: MenuAction, a menu item whose work the renderer does */
  menu: 'reachmap:event:menu',
  /** payload: SnapshotSummary, main opened a snapshot (File > Open, Open recent, a second launch) */
  snapshotOpened: 'reachmap:event:snapshotOpened',
} as const;

export type EventChannel = (typeof EVENT_CHANNELS)[keyof typeof EVENT_CHANNELS];

/** Menu items that the renderer performs; everything else (dialogs, files) stays in main. */
export const MENU_ACTIONS = ['take-snapshot', 'export-report', 'fit', 'collapse-all', 'exposure', 'compare'] as const;
export type MenuAction = (typeof MENU_ACTIONS)[number];

export function isMenuAction(value: unknown): value is MenuAction {
  return typeof value === 'string' && (MENU_ACTIONS as readonly string[]).includes(value);
}
