// `reachmap serve`: the web face on 127.0.0.1, opening on the demo network
// (or --snapshot) and printing the address with this run's token.
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../shared/api/errors.js';
import { startWebFace } from '../../shared/api/http/node.js';
import { createNodeReachmapService } from '../../shared/api/service/node.js';
import { packageRoot } from '../../shared/api/snapshot/node.js';
import { action } from '../common.js';

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError(`--port: "${text}" is not a port number (0-65535)`);
  return port;
}

/** a browser only where someone can see it: a display, and not CI */
function openBrowser(url: string): void {
  const hasDisplay = process.platform === 'darwin' || process.platform === 'win32' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (process.env.CI || !hasDisplay) {
    console.error('reachmap serve: --open ignored (no display, or CI is set)');
    return;
  }
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => console.error(`reachmap serve: could not start ${opener}; open the address above yourself`));
  child.unref();
}

export interface ServeOptions {
  snapshot?: string;
  port?: number;
  open?: boolean;
}

export async function serve(options: ServeOptions): Promise<{ url: string; close(): Promise<void> }> {
  const service = await createNodeReachmapService();
  // A snapshot that fails to import is shown in the page, not fatal: the UI names the file and the field.
  const opening = service.openSnapshot(options.snapshot).catch((error: unknown) => {
    console.error(`reachmap serve: ${error instanceof Error ? error.message : String(error)}`);
  });
  await opening;
  const face = await startWebFace({
    service,
    rendererDir: path.join(packageRoot(), 'dist', 'renderer'),
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  console.log(`Reachmap is serving on ${face.url}`);
  if (options.open) openBrowser(face.url);
  return face;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the map and the API on 127.0.0.1 (the web face)')
    .option('--snapshot <path>', 'snapshot folder or file (default: the bundled demo)')
    .option('--port <n>', 'port to listen on (default: any free port)', parsePort)
    .option('--open', 'open a browser on the address (only with a display, never in CI)')
    .action(
      action(async (options: ServeOptions) => {
        const face = await serve(options);
        const stop = () => void face.close().then(() => process.exit(0));
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      }),
    );
}
