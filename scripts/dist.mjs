// `npm run dist`: packages the desktop app for this platform with the Electron
// binary installed here, never a downloaded one. Without a binary it says so
// in one line. Extra arguments go to electron-builder (e.g. `-- --linux dir`).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from '../dist/electron/electron-binary.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lookup = findElectronBinary(repoRoot);
if (!lookup.found) {
  console.error(`npm run dist: cannot package the desktop app: ${lookup.reason}`);
  process.exit(1);
}
const builder = path.join(repoRoot, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-builder.cmd' : 'electron-builder');
const args = ['--config', 'electron-builder.yml', `-c.electronDist=${lookup.binary.distDir}`, `-c.electronVersion=${lookup.binary.version}`, ...process.argv.slice(2)];
const run = spawnSync(builder, args, { cwd: repoRoot, stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(run.status ?? 1);
