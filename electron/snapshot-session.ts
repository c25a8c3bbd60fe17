// Which snapshot the desktop app has open and where it lies on disk: opening
// by path (validated, remembered in the recent list), saving a copy, and
// keeping live snapshots under the user-data folder so that reopening one
// needs no network.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { InputError } from '../shared/api/errors.js';
import type { CollectProgress, LiveSnapshotRequest, ReachmapApi, SnapshotSummary } from '../shared/api/reachmap-api.js';
import type { RawSnapshot } from '../shared/api/snapshot/node.js';
import type { HistoryStore } from '../shared/api/history/node.js';
import type { Preferences } from './preferences.js';
import { liveSnapshotFileName } from './private-files.js';
import { validateSnapshotPath } from './snapshot-path.js';

export type CollectRaw = (request: LiveSnapshotRequest, onProgress: (progress: CollectProgress) => void, signal: AbortSignal) => Promise<RawSnapshot>;

export interface SnapshotSessionDeps {
  api: ReachmapApi;
  preferences: Preferences;
  /** where live snapshots are written (mode 0700 folder, 0600 files) */
  snapshotsDir: string;
  /** the bundled demo snapshot file, which `api.openSnapshot()` opens */
  demoPath: string;
  readRaw(snapshotPath: string): Promise<RawSnapshot>;
  writeRaw(filePath: string, raw: RawSnapshot): Promise<void>;
  /** where live snapshots are kept with their time, profile, accounts and regions (pruned to the count the user sets) */
  history?: HistoryStore;
  /** the live collector returning the raw snapshot; without it live snapshots are kept in memory only */
  collectRaw?: CollectRaw;
  now?: () => Date;
}

/** an intents file the dialog gave: its real path, when it is a regular file */
async function realFile(input: string): Promise<string> {
  const real = await fs.realpath(input).catch(() => {
    throw new InputError(`${JSON.stringify(input.slice(0, 200))}: does not exist`);
  });
  if (!(await fs.stat(real)).isFile()) throw new InputError(`${JSON.stringify(input.slice(0, 200))}: is not a file`);
  return real;
}

export class SnapshotSession {
  private readonly granted = new Set<string>();
  private source: string | null = null;
  private collecting: AbortController | null = null;

  constructor(private readonly deps: SnapshotSessionDeps) {}

  /** the file or folder the open snapshot was read from, or null (nothing open, or a live snapshot kept in memory) */
  currentSource(): string | null {
    return this.source;
  }

  async openDemo(): Promise<SnapshotSummary> {
    const summary = await this.deps.api.openSnapshot();
    this.source = this.deps.demoPath;
    return summary;
  }

  /** a path the user chose (dialog, recent list, command line, second launch) */
  async openPath(input: string): Promise<SnapshotSummary> {
    const real = await validateSnapshotPath(input);
    const summary = await this.deps.api.openSnapshot(real);
    this.granted.add(real);
    this.source = real;
    this.deps.preferences.addRecent(real, path.basename(real));
    return summary;
  }

  /** from the recent list: an entry whose file is gone leaves the list */
  async openRecent(recentPath: string): Promise<SnapshotSummary> {
    try {
      return await this.openPath(recentPath);
    } catch (error) {
      if (error instanceof InputError && / does not exist$/.test(error.message)) this.deps.preferences.removeRecent(recentPath);
      throw error;
    }
  }

  /**
   * The renderer may reopen the demo or a path the user already chose; it
   * cannot make the main process read any other file (a compromised page
   * would otherwise probe the disk through error messages).
   */
  async openRequestedByRenderer(requested: unknown): Promise<SnapshotSummary> {
    if (requested === undefined || requested === null) return this.openDemo();
    // The choice first, by the very text the page sent: no file is looked at
    // (stat, realpath, read) for a path the user never chose, so the answer
    // cannot tell a page whether a file exists.
    if (typeof requested !== 'string' || !this.wasChosen(requested)) {
      const shown = typeof requested === 'string' ? JSON.stringify(requested.length > 200 ? `${requested.slice(0, 200)}…` : requested) : 'openSnapshot';
      throw new InputError(`${shown}: open it with File > Open snapshot… first`);
    }
    return this.openPath(requested);
  }

  /** a file the user chose in a dialog for Compare with… (a snapshot or an intents file): the page may name it from now on */
  async grant(input: string, kind: 'snapshot' | 'intents' | 'flowlogs' = 'snapshot'): Promise<string> {
    const real = kind === 'snapshot' ? await validateSnapshotPath(input) : await realFile(input);
    this.granted.add(real);
    return real;
  }

  /** `requested` when the user chose it (a dialog, the recent list); refused otherwise, before any file is looked at */
  chosenPath(requested: string, what: string): string {
    if (this.wasChosen(requested)) return requested;
    const shown = JSON.stringify(requested.length > 200 ? `${requested.slice(0, 200)}…` : requested);
    throw new InputError(`${what}: ${shown}: choose it with Compare with… first`);
  }

  /** granted and recent paths are real paths (symlinks resolved when the user chose them) */
  private wasChosen(candidate: string): boolean {
    return this.granted.has(candidate) || this.deps.preferences.recent().some((r) => r.path === candidate);
  }

  async saveAs(destination: string): Promise<void> {
    if (!this.source) throw new InputError('there is no snapshot file to save: open or take a snapshot first');
    await this.deps.writeRaw(destination, await this.deps.readRaw(this.source));
  }

  async takeLive(request: LiveSnapshotRequest, onProgress: (progress: CollectProgress) => void): Promise<SnapshotSummary> {
    const { collectRaw } = this.deps;
    if (!collectRaw) {
      const summary = await this.deps.api.takeSnapshot(request, onProgress);
      this.deps.preferences.rememberLiveRequest(request.profile, request.regions);
      this.source = null;
      return summary;
    }
    if (this.collecting) throw new InputError('a live snapshot is already being taken');
    const controller = new AbortController();
    this.collecting = controller;
    try {
      const raw = await collectRaw(request, onProgress, controller.signal);
      // several profiles name the file and the history entry together
      const who = request.profiles && request.profiles.length > 1 ? request.profiles.join('+') : (request.profiles?.[0] ?? request.profile);
      let file: string;
      if (this.deps.history) file = (await this.deps.history.add(raw, who)).file;
      else {
        file = path.join(this.deps.snapshotsDir, liveSnapshotFileName(who, (this.deps.now ?? (() => new Date()))()));
        await this.deps.writeRaw(file, raw);
      }
      this.deps.preferences.rememberLiveRequest(request.profile, request.regions);
      return await this.openPath(file);
    } finally {
      this.collecting = null;
    }
  }

  async cancelLive(): Promise<void> {
    this.collecting?.abort();
    await this.deps.api.cancelSnapshot();
  }
}
