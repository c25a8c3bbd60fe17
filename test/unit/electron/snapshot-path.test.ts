// Paths the user opens are checked before anything reads them.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/api/errors.js';
import { MAX_SNAPSHOT_FILE_BYTES, validateSnapshotPath } from '../../../electron/snapshot-path.js';
import { samples } from './desktop-fixture.js';

let dir: string;
beforeAll(async () => {
  dir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'reachmap-paths-')));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function refusal(input: unknown, platform?: NodeJS.Platform): Promise<string> {
  const error = await validateSnapshotPath(input, platform).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return (error as Error).message;
}

describe('validateSnapshotPath', () => {
  it('accepts an aws_configs folder and a .json file, returning the real path', async () => {
    const folder = path.join(samples, 'test-public-subnet', 'aws_configs');
    await expect(validateSnapshotPath(folder)).resolves.toBe(await realpath(folder));
    const file = path.join(dir, 'net.JSON');
    await writeFile(file, '{}');
    await expect(validateSnapshotPath(file)).resolves.toBe(file);
  });

  it('follows a symlink to what it points at, and judges that', async () => {
    const target = path.join(dir, 'real.json');
    await writeFile(target, '{}');
    await symlink(target, path.join(dir, 'link.json'));
    await expect(validateSnapshotPath(path.join(dir, 'link.json'))).resolves.toBe(target);
    await symlink('/etc/passwd', path.join(dir, 'passwd.json'));
    expect(await refusal(path.join(dir, 'passwd.json'))).toMatch(/is not a snapshot file \(expected a \.json file or an aws_configs folder\)$/);
  });

  it('refuses what is not a path, a relative path, control characters and a missing file', async () => {
    expect(await refusal(undefined)).toBe('snapshot path: expected a path to a file or folder');
    expect(await refusal({ path: '/x' })).toBe('snapshot path: expected a path to a file or folder');
    expect(await refusal('snapshots/prod.json')).toBe('"snapshots/prod.json": is not an absolute path');
    expect(await refusal('/tmp/a\nb.json')).toBe('"/tmp/a\\nb.json": contains control characters');
    expect(await refusal(path.join(dir, 'missing.json'))).toBe(`${JSON.stringify(path.join(dir, 'missing.json'))}: does not exist`);
  });

  it('refuses other kinds of file: a text file, a FIFO (reading would hang), a device', async () => {
    await writeFile(path.join(dir, 'notes.txt'), 'x');
    expect(await refusal(path.join(dir, 'notes.txt'))).toContain('is not a snapshot file');
    const fifo = path.join(dir, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    expect(await refusal(fifo)).toBe(`${JSON.stringify(fifo)}: is neither a file nor a folder`);
    expect(await refusal('/dev/null')).toBe('"/dev/null": is neither a file nor a folder');
  });

  it('refuses a file too large to parse', async () => {
    const big = path.join(dir, 'big.json');
    await writeFile(big, '');
    await truncate(big, MAX_SNAPSHOT_FILE_BYTES + 1); // sparse: takes no disk space
    expect(await refusal(big)).toBe(`${JSON.stringify(big)}: is larger than the snapshot size cap of 512 MiB`);
  });

  it('on Windows, refuses network and device paths, which would make the system contact another host', async () => {
    expect(await refusal('\\\\fileserver\\share\\prod.json', 'win32')).toBe('"\\\\\\\\fileserver\\\\share\\\\prod.json": network and device paths are not opened');
    expect(await refusal('//fileserver/share/prod.json', 'win32')).toContain('network and device paths are not opened');
    expect(await refusal('\\\\?\\C:\\prod.json', 'win32')).toContain('network and device paths are not opened');
    expect(await refusal('prod.json', 'win32')).toBe('"prod.json": is not an absolute path');
  });

  it('a folder inside the snapshot tree is fine at any depth', async () => {
    const nested = path.join(dir, 'a', 'aws_configs', '111', 'us-east-1');
    await mkdir(nested, { recursive: true });
    await expect(validateSnapshotPath(nested)).resolves.toBe(nested);
  });
});
