// Files the app writes hold a network's layout or an audit picture: readable
// by their owner only, as every snapshot (DESIGN.md section 7).
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const SNAPSHOTS_FOLDER = 'snapshots';

/** The folder under user data where live snapshots are kept (mode 0700). */
export async function ensureSnapshotsDir(userDataDir: string): Promise<string> {
  const dir = path.join(userDataDir, SNAPSHOTS_FOLDER);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  await fs.chmod(dir, 0o700);
  return dir;
}

/** e.g. `live-prod-20261129T120000Z.json` (the history store names its files so) */
export { liveSnapshotFileName } from '../shared/api/history/node.js';

/** the one private-file writer (0600 from creation, a symlink at the target replaced, never followed) */
export { writePrivateFile } from '../shared/api/files/node.js';
