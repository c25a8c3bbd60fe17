// Writes a snapshot to disk. A snapshot describes a whole network, so the
// file is readable by its owner only, from the moment it exists; and it
// replaces an older file in one step, so a failed write (a full disk, an
// interrupted process) leaves the older snapshot as it was.
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { InputError } from '../../model/errors.js';
import type { RawSnapshot } from '../raw.js';

export async function writeSnapshotFile(filePath: string, raw: RawSnapshot): Promise<void> {
  const { path: _localPath, ...source } = raw.source;
  const text = `${JSON.stringify({ ...raw, source }, null, 2)}\n`;
  const temporary = path.join(path.dirname(filePath), `.${path.basename(filePath)}.${randomUUID()}.tmp`);
  try {
    await fs.writeFile(temporary, text, { mode: 0o600, flag: 'wx' });
    // the umask may have taken bits away from 0600, never added any; set it exactly all the same
    await fs.chmod(temporary, 0o600);
    await fs.rename(temporary, filePath);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw new InputError(`${filePath}: cannot be written (${writeProblem(error)})`);
  }
}

/**
 * Fails before a long collection when its result could not be saved: the
 * folder must exist and take new files, and the path must not be a folder.
 */
export async function checkSnapshotDestination(filePath: string): Promise<void> {
  const folder = path.dirname(path.resolve(filePath));
  let folderStat;
  try {
    folderStat = await fs.stat(folder);
  } catch {
    throw new InputError(`${filePath}: the folder ${folder} does not exist`);
  }
  if (!folderStat.isDirectory()) throw new InputError(`${filePath}: ${folder} is not a folder`);
  try {
    await fs.access(folder, fs.constants.W_OK);
  } catch {
    throw new InputError(`${filePath}: the folder ${folder} is not writable`);
  }
  const existing = await fs.stat(filePath).catch(() => undefined);
  if (existing?.isDirectory()) throw new InputError(`${filePath}: is a folder, not a file`);
}

function writeProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOSPC':
      return 'the disk is full';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'its folder does not exist';
    case 'EISDIR':
      return 'it is a folder';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}
