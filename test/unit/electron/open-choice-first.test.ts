// Issue 13, item 9: the desktop open-snapshot handler asks "did the user
// choose this path?" before it looks at the path, so a compromised page
// cannot learn whether a file exists from how it is refused.
import { promises as fs } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDesktopHandlers } from '../../../electron/desktop-handlers.js';
import type { CallContext } from '../../../electron/ipc.js';
import { Preferences } from '../../../electron/preferences.js';
import type { SettingsStore } from '../../../electron/settings.js';
import { SnapshotSession } from '../../../electron/snapshot-session.js';
import type { ReachmapApi, SnapshotSummary } from '../../../shared/api/reachmap-api.js';

const FS_CALLS = ['stat', 'lstat', 'realpath', 'access', 'readFile', 'open', 'readdir', 'opendir'] as const;

function memoryStore(): SettingsStore {
  const values = new Map<string, unknown>([['recentSnapshots', []]]);
  return { get: (key: string) => values.get(key), set: (key: string, value: unknown) => void values.set(key, value) } as unknown as SettingsStore;
}

describe('13.9 the desktop open handler checks the user’s choice before the path', () => {
  let dir: string;
  let existing: string;
  const opened: (string | undefined)[] = [];
  let dialogAnswer: string | null = null;
  let handlers: ReturnType<typeof createDesktopHandlers>;
  const context: CallContext = { send: () => undefined };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'reachmap-choice-'));
    existing = path.join(dir, 'secret.json');
    await writeFile(existing, '{"format":"reachmap-snapshot/1"}');
    opened.length = 0;
    const api = {
      openSnapshot: async (p?: string) => {
        opened.push(p);
        return { label: p ?? 'demo' } as unknown as SnapshotSummary;
      },
    } as unknown as ReachmapApi;
    const preferences = new Preferences(memoryStore());
    const session = new SnapshotSession({
      api,
      preferences,
      snapshotsDir: dir,
      demoPath: '/demo.json',
      readRaw: () => Promise.reject(new Error('not used')),
      writeRaw: () => Promise.reject(new Error('not used')),
    });
    handlers = createDesktopHandlers({
      api,
      session,
      preferences,
      chooseSnapshotPath: async () => dialogAnswer,
      showSaveDialog: async () => ({ canceled: true }),
      documentsDir: dir,
    });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses an unchosen path without touching the disk, the same way whether or not it exists', async () => {
    const spies = FS_CALLS.map((name) => vi.spyOn(fs, name));
    const refusal = async (p: unknown) => {
      try {
        await handlers.openSnapshot(context, p);
      } catch (error) {
        return (error as Error).message;
      }
      return 'opened';
    };
    expect(await refusal(existing)).toBe(`${JSON.stringify(existing)}: open it with File > Open snapshot… first`);
    expect(await refusal(path.join(dir, 'missing.json'))).toBe(`${JSON.stringify(path.join(dir, 'missing.json'))}: open it with File > Open snapshot… first`);
    expect(await refusal(dir)).toBe(`${JSON.stringify(dir)}: open it with File > Open snapshot… first`);
    expect(await refusal('relative.json')).toBe('"relative.json": open it with File > Open snapshot… first');
    expect(await refusal({ path: existing })).toBe('openSnapshot: open it with File > Open snapshot… first');
    for (const spy of spies) expect(spy, spy.getMockName()).not.toHaveBeenCalled();
    expect(opened).toEqual([]);
  });

  it('opens the path once the dialog chose it, and then again when the page asks for it', async () => {
    dialogAnswer = existing;
    await handlers.chooseSnapshot(context, undefined);
    const real = await fs.realpath(existing);
    expect(opened).toEqual([real]);
    const stat = vi.spyOn(fs, 'stat');
    await handlers.openSnapshot(context, real);
    expect(opened).toEqual([real, real]);
    expect(stat).toHaveBeenCalled();
  });
});
