// `npm start`: the desktop app on the bundled demo (or on the snapshot given
// after `--`, e.g. `npm start -- --snapshot PATH`). Where no Electron binary
// can be had (machines installed with ELECTRON_SKIP_BINARY_DOWNLOAD) it says
// so in one line and runs the web face instead: `reachmap serve --open`, its
// address printed, a browser opened where there is a display.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from '../dist/electron/electron-binary.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electron = findElectronBinary(root);
let child;
if (electron.found) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  child = spawn(electron.binary.executable, [root, ...process.argv.slice(2)], { stdio: 'inherit', env });
} else {
  console.error(`npm start: cannot open the desktop app: ${electron.reason}; opening the web face on the demo instead: reachmap serve --open`);
  child = spawn(process.execPath, [path.join(root, 'bin', 'reachmap.js'), 'serve', '--open', ...process.argv.slice(2)], { stdio: 'inherit' });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
