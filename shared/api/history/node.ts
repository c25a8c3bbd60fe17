// The desktop app's history of live snapshots: each one kept as a file
// (0600) in a folder under user data (0700), with an index (history.json)
// of when it was taken, with which profile, of which accounts and regions,
// and how many to keep. Taking one more than `keep` deletes the oldest.
// Node only; the desktop app wires it (electron/ stays thin).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { RawSnapshot } from '../../aws/raw.js';
import { writePrivateFile } from '../../aws/write/node.js';
import { InputError } from '../errors.js';
import type { HistoryEntry, HistoryList } from '../reachmap-api.js';

export const DEFAULT_HISTORY_KEEP = 20;
export const HISTORY_INDEX = 'history.json';

const entrySchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_.-]{1,200}$/),
  takenAt: z.string(),
  profile: z.string().nullable(),
  accounts: z.array(z.string()),
  regions: z.array(z.object({ account: z.string(), region: z.string() })),
});
const indexSchema = z.object({ format: z.literal('reachmap-history/1'), keep: z.number().int().min(1), entries: z.array(entrySchema) });

/** e.g. `live-prod-20261129T120000Z.json`: sortable, and safe as a file name on every system. */
export function liveSnapshotFileName(profile: string | undefined, takenAt: Date): string {
  const who = (profile ?? 'default').replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 64);
  const when = takenAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `live-${who}-${when}.json`;
}

export interface HistoryStoreOptions {
  /** how many to keep when the index does not say (default 20) */
  keep?: number;
  now?: () => Date;
}

export class HistoryStore {
  constructor(
    readonly dir: string,
    private readonly options: HistoryStoreOptions = {},
  ) {}

  private get indexFile(): string {
    return path.join(this.dir, HISTORY_INDEX);
  }

  /** the index, newest first; a missing or unreadable index is an empty history (the files stay where they are) */
  async list(): Promise<HistoryList> {
    let text: string;
    try {
      text = await fs.readFile(this.indexFile, 'utf8');
    } catch {
      return { entries: [], keep: this.options.keep ?? DEFAULT_HISTORY_KEEP };
    }
    let parsed: z.output<typeof indexSchema>;
    try {
      parsed = indexSchema.parse(JSON.parse(text));
    } catch {
      return { entries: [], keep: this.options.keep ?? DEFAULT_HISTORY_KEEP };
    }
    const entries = [...parsed.entries].sort((a, b) => (a.takenAt < b.takenAt ? 1 : a.takenAt > b.takenAt ? -1 : 0));
    return { entries, keep: parsed.keep };
  }

  private async save(list: HistoryList): Promise<void> {
    await writePrivateFile(this.indexFile, `${JSON.stringify({ format: 'reachmap-history/1', keep: list.keep, entries: list.entries }, null, 2)}\n`);
  }

  /** Keeps a live snapshot: its file, its entry, and the oldest beyond `keep` deleted. Returns the file's path. */
  async add(raw: RawSnapshot, profile: string | undefined): Promise<{ entry: HistoryEntry; file: string }> {
    const takenAt = (this.options.now ?? (() => new Date()))();
    let id = liveSnapshotFileName(profile, takenAt);
    const list = await this.list();
    // two in the same second: the second gets a suffix
    for (let n = 2; list.entries.some((e) => e.id === id); n++) id = liveSnapshotFileName(profile, takenAt).replace(/\.json$/, `-${n}.json`);
    const file = path.join(this.dir, id);
    await writePrivateFile(file, JSON.stringify(raw));
    const accounts = Object.keys(raw.accounts);
    const entry: HistoryEntry = {
      id,
      takenAt: raw.createdAt ?? takenAt.toISOString(),
      profile: profile ?? null,
      accounts,
      regions: accounts.flatMap((account) => Object.keys(raw.accounts[account]!).map((region) => ({ account, region }))),
    };
    await this.prune({ entries: [entry, ...list.entries], keep: list.keep });
    return { entry, file };
  }

  /** The file of an entry; an id the index does not hold is refused (no other file can be named). */
  async pathOf(id: string): Promise<string> {
    const { entries } = await this.list();
    if (!entries.some((entry) => entry.id === id)) throw new InputError(`history: no live snapshot "${id.slice(0, 200)}" is kept`);
    return path.join(this.dir, id);
  }

  /** Keeps the `keep` newest from now on, deleting the files of the others. */
  async setKeep(keep: number): Promise<HistoryList> {
    if (!Number.isInteger(keep) || keep < 1) throw new InputError(`history: keep must be a whole number of at least 1 (got ${keep})`);
    return this.prune({ ...(await this.list()), keep });
  }

  private async prune(list: HistoryList): Promise<HistoryList> {
    const kept = list.entries.slice(0, list.keep);
    for (const gone of list.entries.slice(list.keep)) await fs.rm(path.join(this.dir, gone.id), { force: true });
    const next = { entries: kept, keep: list.keep };
    await this.save(next);
    return next;
  }
}
