// What `window.reachmap` offers inside the desktop app: the shell-neutral
// ReachmapApi plus a few things only a desktop shell can do (native dialogs,
// menu events). The renderer detects the desktop by `window.reachmap.shell === 'electron'`.
import type { ApiError, ReachmapApi, SnapshotSummary } from '../shared/api/reachmap-api.js';
import type { MenuAction } from './channels.js';

export type Theme = 'system' | 'light' | 'dark';

/** The settings the renderer may read (never a secret: there is none in the store). */
export interface DesktopSettingsView {
  theme: Theme;
  lastProfile: string | null;
  lastRegions: string[];
}

export interface ExportReportRequest {
  /** the PNG the renderer drew (the report view), as bytes */
  png: Uint8Array;
  /** file name offered in the save dialog, e.g. "reachmap-report-i-0abc-to-internet.png" */
  suggestedName: string;
}

export interface ExportReportResult {
  saved: boolean;
  /** the base name of the written file (not its folder), null when the user cancelled */
  fileName: string | null;
}

export interface SaveIntentRequest {
  /** the analyzed flow, as the answer's `query` gives it */
  flow: { from: string; to: string; protocol: string; port?: number | null; sourcePort?: number; family?: 'ipv4' | 'ipv6' };
  expect: 'reachable' | 'unreachable';
  name?: string;
}

export interface SaveIntentResult {
  saved: boolean;
  /** the base name of the intents file, null when the user cancelled */
  fileName: string | null;
  /** where the flow now is in that file, e.g. "flows[3]" */
  intent: string | null;
}

export interface SaveChangeSetResult {
  saved: boolean;
  /** the base name of the written file, null when the user cancelled */
  fileName: string | null;
}

export interface DesktopExtras {
  readonly shell: 'electron';
  /** File > Open snapshot… from a button: main shows the open dialog (a file, or with `folder` an aws_configs folder); null when cancelled */
  chooseSnapshot(options?: { folder?: boolean }): Promise<SnapshotSummary | null>;
  /** main shows a save dialog and writes the PNG (mode 0600) */
  exportReport(request: ExportReportRequest): Promise<ExportReportResult>;
  /** Save as intent…: main asks for an intents file and appends the flow to it (docs/intents.md) */
  saveIntent(request: SaveIntentRequest): Promise<SaveIntentResult>;
  /** Save change set…: main asks where, and writes the edits tried so far (as the service holds them) as a reachmap-changes/1 file (mode 0600) */
  saveChangeSet(): Promise<SaveChangeSetResult>;
  desktopSettings(): Promise<DesktopSettingsView>;
  /** Compare with…: main shows the open dialog for the other snapshot (or an intents file) and lets the page name it; null when cancelled */
  chooseCompareFile(kind: 'snapshot' | 'intents' | 'flowlogs'): Promise<string | null>;
  /** subscribe to menu actions the renderer performs; returns the unsubscribe function */
  onMenuAction(listener: (action: MenuAction) => void): () => void;
  /** main opened a snapshot (menu, recent list, second launch): the renderer reloads its graph */
  onSnapshotOpened(listener: (summary: SnapshotSummary) => void): () => void;
}

export type DesktopBridge = ReachmapApi & DesktopExtras;

/** How every invoke answer crosses IPC: errors travel as data so the renderer gets the one-line message, not Electron's wrapper text. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };
