// Writes files to disk. A snapshot describes a whole network and a report
// pictures it, so every file is readable by its owner only, from the moment
// it exists; and it replaces an older file in one step, so a failed write (a
// full disk, an interrupted process) leaves the older file as it was.
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { InputError } from '../../model/errors.js';
import type { RawSnapshot } from '../raw.js';

export async function writeSnapshotFile(filePath: string, raw: RawSnapshot): Promise<void> {
  const { path: _localPath, ...source } = raw.source;
  await writePrivateFile(filePath, `${JSON.stringify({ ...raw, source }, null, 2)}\n`);
}

/**
 * The one way Reachmap writes a file (snapshots, reports, saved intents, the
 * desktop's exports): readable by its owner only from the moment it exists.
 * The bytes go to a new temporary file beside the target (O_CREAT|O_EXCL,
 * mode 0600, set exactly on the open file whatever the umask), which then
 * replaces the target in one step. So no existing file is ever chmodded or
 * written through, a symlink at the target is replaced rather than followed,
 * and a failed write leaves the older file as it was. The user shares a file
 * with `chmod`.
 */
export async function writePrivateFile(filePath: string, data: string | Uint8Array): Promise<void> {
  const temporary = path.join(path.dirname(filePath), `.${path.basename(filePath)}.${randomUUID()}.tmp`);
  try {
    const handle = await fs.open(temporary, 'wx', 0o600);
    try {
      // the umask may have taken bits away from 0600, never added any; set it exactly on the open file
      await handle.chmod(0o600);
      await handle.writeFile(data);
    } finally {
      await handle.close();
    }
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
