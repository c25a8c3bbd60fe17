// `npm start`: the web face on the bundled demo (or the snapshot given after
// `--`), its address printed, a browser opened where there is a display.
// The desktop shell may take over here once Electron can run; `reachmap serve`
// itself stays as it is.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const child = spawn(process.execPath, [path.join(root, 'bin', 'reachmap.js'), 'serve', '--open', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
