// Issue 13, item 7: every file Reachmap writes (snapshots, reports, the
// desktop's exports, saved intents) is created 0600, never chmods an existing
// file, and replaces a symlink at the target instead of writing through it.
import { chmod, lstat, mkdtemp, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportReport } from '../../../electron/export-report.js';
import { writePrivateFile } from '../../../shared/api/files/node.js';
import { writeSnapshotFile } from '../../../shared/api/snapshot/node.js';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

type Writer = (file: string) => Promise<void>;

const WRITERS: Record<string, Writer> = {
  'writePrivateFile (reports, intents)': (file) => writePrivateFile(file, 'report bytes'),
  'the desktop export': async (file) => {
    const result = await exportReport({ png: PNG, suggestedName: 'r.png' }, async () => ({ canceled: false, filePath: file }), path.dirname(file));
    expect(result.saved).toBe(true);
  },
  'a snapshot file': (file) => writeSnapshotFile(file, { format: 'reachmap-snapshot/1', source: { kind: 'import' }, accounts: {}, errors: [] } as never),
};

describe('13.7 reports keep their mode and never follow a symlink', () => {
  let dir: string;
  let umask: number;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'reachmap-private-'));
    umask = process.umask(0o022);
  });
  afterEach(async () => {
    process.umask(umask);
    await rm(dir, { recursive: true, force: true });
  });

  for (const [name, write] of Object.entries(WRITERS)) {
    it(`${name}: a new file is 0600 under umask 022`, async () => {
      const file = path.join(dir, 'new.out');
      await write(file);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
    });

    it(`${name}: an existing 0600 file stays 0600`, async () => {
      const file = path.join(dir, 'existing.out');
      await writeFile(file, 'old');
      await chmod(file, 0o600);
      await write(file);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(await readFile(file, 'utf8')).not.toBe('old');
    });

    it(`${name}: a symlink at the target is replaced, the file it points to unchanged`, async () => {
      const victim = path.join(dir, 'victim.txt');
      await writeFile(victim, 'precious');
      await chmod(victim, 0o644);
      const link = path.join(dir, 'link.out');
      await symlink(victim, link);
      await write(link);
      expect(await readFile(victim, 'utf8')).toBe('precious');
      expect((await stat(victim)).mode & 0o777).toBe(0o644);
      const written = await lstat(link);
      expect(written.isSymbolicLink()).toBe(false);
      expect(written.mode & 0o777).toBe(0o600);
    });
  }

  it('a dangling symlink is replaced too, creating nothing where it pointed', async () => {
    const link = path.join(dir, 'dangling.out');
    await symlink(path.join(dir, 'elsewhere.txt'), link);
    expect(await readlink(link)).toBe(path.join(dir, 'elsewhere.txt'));
    await writePrivateFile(link, 'x');
    await expect(stat(path.join(dir, 'elsewhere.txt'))).rejects.toThrow(/ENOENT/);
    expect((await lstat(link)).isSymbolicLink()).toBe(false);
  });
});
