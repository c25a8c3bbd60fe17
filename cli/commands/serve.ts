// `reachmap serve`: the web face on 127.0.0.1, opening on the demo network
// (or --snapshot) and printing the address with this run's token.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../shared/api/errors.js';
import { writePrivateFile } from '../../shared/api/files/node.js';
import { packageRoot } from '../../shared/api/package-root/node.js';
import { action, collectSnapshotPaths, MAX_SIZE_HELP, parseMaxSize, SNAPSHOT_HELP } from '../common.js';
import { shown, writeErrorText } from '../output.js';

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError(`--port: "${text}" is not a port number (0-65535)`);
  return port;
}

/** `--allow-endpoint`: an http(s) URL, collected over repeats */
function collectEndpoint(text: string, previous: string[] = []): string[] {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError(`--allow-endpoint: "${text}" is not a URL (e.g. https://ec2.example.internal:4566)`);
  }
  if (!/^https?:$/.test(url.protocol) || url.username !== '' || url.password !== '') {
    throw new InputError(`--allow-endpoint: "${text}" must be an http:// or https:// URL without credentials`);
  }
  return [...previous, text];
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface BrowserOpen {
  command: string;
  args: string[];
  /** the redirect page (0600, in a 0700 folder of its own) that holds the address with the token */
  file: string;
  /** removes the redirect page and its folder */
  cleanup(): Promise<void>;
}

/**
 * What `serve --open` runs. The address with the token never goes on a
 * command line, where `ps` shows it to every local user: the opener gets a
 * redirect page readable by this user only, which sends the browser on to
 * `http://127.0.0.1:PORT/#token=…` (the way Jupyter hands over its token).
 */
export async function browserOpenCommand(url: string, platform: NodeJS.Platform = process.platform, parent: string = tmpdir()): Promise<BrowserOpen> {
  const dir = await mkdtemp(path.join(parent, 'reachmap-open-'));
  const file = path.join(dir, 'open-reachmap.html');
  const href = escapeHtml(url);
  await writePrivateFile(
    file,
    `<!doctype html>\n<html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0;url=${href}"><title>Reachmap</title></head>\n` +
      `<body><p><a href="${href}">Open Reachmap</a></p></body></html>\n`,
  );
  const command = platform === 'darwin' ? 'open' : platform === 'win32' ? 'explorer' : 'xdg-open';
  return { command, args: [file], file, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** a browser only where someone can see it: a display, and not CI; resolves to the cleanup of the redirect page */
async function openBrowser(url: string): Promise<() => Promise<void>> {
  const hasDisplay = process.platform === 'darwin' || process.platform === 'win32' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (process.env.CI || !hasDisplay) {
    console.error('reachmap serve: --open ignored (no display, or CI is set)');
    return async () => undefined;
  }
  const open = await browserOpenCommand(url);
  const child = spawn(open.command, open.args, { stdio: 'ignore', detached: true });
  child.on('error', () => console.error(`reachmap serve: could not start ${open.command}; open the address above yourself`));
  child.unref();
  return open.cleanup;
}

export interface ServeOptions {
  /** one path, or several opened as one */
  snapshot?: string | string[];
  /** the snapshot size cap in bytes (--max-size), for --snapshot and for the page's open calls */
  maxSize?: number;
  port?: number;
  open?: boolean;
  /** endpoints off loopback that a live snapshot taken from the page may use */
  allowEndpoint?: string[];
}

export async function serve(options: ServeOptions): Promise<{ url: string; close(): Promise<void> }> {
  // loaded when serving, not for --help: the importer, the engine, the HTTP face
  const [{ createNodeReachmapService }, { startWebFace }] = await Promise.all([import('../../shared/api/service/node.js'), import('../../shared/api/http/node.js')]);
  const service = await createNodeReachmapService(options.maxSize !== undefined ? { maxBytes: options.maxSize } : {});
  // A snapshot that fails to import is shown in the page, not fatal: the UI names the file and the field.
  const opening = service.openSnapshot(options.snapshot).catch((error: unknown) => {
    // the message names the file and its data: shown escaped, on one line
    writeErrorText(`reachmap serve: ${shown(error instanceof Error ? error.message : String(error))}\n`);
  });
  await opening;
  const face = await startWebFace({
    service,
    rendererDir: path.join(packageRoot(), 'dist', 'renderer'),
    ...(options.port !== undefined ? { port: options.port } : {}),
    allowedEndpoints: options.allowEndpoint ?? [],
  });
  console.log(`Reachmap is serving on ${face.url}`);
  const cleanup = options.open ? await openBrowser(face.url) : async () => undefined;
  return {
    url: face.url,
    close: async () => {
      await cleanup();
      await face.close();
    },
  };
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the map and the API on 127.0.0.1 (the web face)')
    .option('--snapshot <path>', SNAPSHOT_HELP, collectSnapshotPaths)
    .option('--max-size <size>', MAX_SIZE_HELP, parseMaxSize)
    .option('--port <n>', 'port to listen on (default: any free port)', parsePort)
    .option('--open', 'open a browser on the address (only with a display, never in CI); the token goes through a private redirect file, never on a command line')
    .option(
      '--allow-endpoint <url>',
      'let a live snapshot taken from the page send its requests to this endpoint (repeatable; loopback endpoints are always allowed)',
      collectEndpoint,
    )
    .action(
      action(async (options: ServeOptions) => {
        const face = await serve(options);
        const stop = () => void face.close().then(() => process.exit(0));
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      }),
    );
}
