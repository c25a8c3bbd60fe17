// Starts `reachmap serve` as the user would (the real CLI, a free port) and
// hands back its printed address; the renderer bundle is built first if absent.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface RunningServe {
  /** the printed address: `http://127.0.0.1:PORT/#token=…` */
  url: string;
  port: number;
  token: string;
  /** what the server wrote on stderr so far (import warnings, errors) */
  stderr(): string;
  stop(): Promise<void>;
}

export function ensureRendererBuilt(): void {
  if (existsSync(path.join(repoRoot, 'dist', 'renderer', 'index.html'))) return;
  const build = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('building the renderer failed');
}

export async function startServe(args: string[] = []): Promise<RunningServe> {
  ensureRendererBuilt();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'cli', 'main.ts'), 'serve', '--port', '0', ...args], {
    cwd: repoRoot,
    env: { ...process.env, CI: process.env.CI ?? '', AWS_EC2_METADATA_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`reachmap serve printed no address in 60 s; stderr: ${stderr}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /https?:\/\/127\.0\.0\.1:\d+\/#token=\S+/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    child.once('exit', (code) => reject(new Error(`reachmap serve exited with ${code}; stderr: ${stderr}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    port: Number(parsed.port),
    token: new URLSearchParams(parsed.hash.slice(1)).get('token')!,
    stderr: () => stderr,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** the page at one of its routes (`#/report?…`), the token in the query since the fragment is taken */
export function pageAt(serve: Pick<RunningServe, 'port' | 'token'>, fragment: string): string {
  return `http://127.0.0.1:${serve.port}/?token=${encodeURIComponent(serve.token)}${fragment}`;
}
