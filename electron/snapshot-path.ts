// Checks a path the user asked to open before any code reads it: the dialog,
// the recent list, the command line and a second launch all come through here.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { InputError } from '../shared/api/errors.js';
import { DEFAULT_MAX_SNAPSHOT_BYTES, formatBytes } from '../shared/api/snapshot/node.js';

/** the one snapshot size cap (shared/api/snapshot/node.ts), as the CLI and the web face apply it */
export const MAX_SNAPSHOT_FILE_BYTES = DEFAULT_MAX_SNAPSHOT_BYTES;

function refuse(shown: string, problem: string): never {
  throw new InputError(`${shown}: ${problem}`);
}

/**
 * Returns the real path (symlinks resolved) of a snapshot file (`*.json`) or
 * folder, or throws an InputError naming the path and the problem.
 */
export async function validateSnapshotPath(input: unknown, platform: NodeJS.Platform = process.platform): Promise<string> {
  if (typeof input !== 'string' || input.trim() === '') throw new InputError('snapshot path: expected a path to a file or folder');
  const shown = JSON.stringify(input.length > 200 ? `${input.slice(0, 200)}…` : input);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(input)) refuse(shown, 'contains control characters');
  if (input.length > 4096) refuse(shown, 'is too long');
  const flavour = platform === 'win32' ? path.win32 : path.posix;
  // Reading \\host\share would make Windows authenticate to that host: nothing may leave this machine unasked.
  if (platform === 'win32' && /^[\\/]{2}/.test(input)) refuse(shown, 'network and device paths are not opened');
  if (!flavour.isAbsolute(input)) refuse(shown, 'is not an absolute path');

  let real: string;
  try {
    real = await fs.realpath(input);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    refuse(shown, code === 'ENOENT' || code === 'ENOTDIR' ? 'does not exist' : code === 'EACCES' ? 'permission denied' : `cannot be read (${code ?? 'error'})`);
  }
  const stat = await fs.stat(real);
  if (stat.isDirectory()) return real;
  if (!stat.isFile()) refuse(shown, 'is neither a file nor a folder');
  if (!/\.json$/i.test(real)) refuse(shown, 'is not a snapshot file (expected a .json file or an aws_configs folder)');
  if (stat.size > MAX_SNAPSHOT_FILE_BYTES) refuse(shown, `is larger than the snapshot size cap of ${formatBytes(MAX_SNAPSHOT_FILE_BYTES)}`);
  return real;
}
