// Runs the built CLI as a user would (`node bin/reachmap.js ...`), building it first when dist/ is missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../../..');
export const samplesDir = path.resolve(repoRoot, 'test/fixtures/batfish');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function ensureBuilt(): void {
  if (existsSync(path.join(repoRoot, 'dist/cli/main.js'))) return;
  // tsc emits even when another module has a type error; the CLI test only needs the emitted files
  spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: repoRoot, stdio: 'ignore' });
}

export function runCli(args: readonly string[]): CliRun {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'bin/reachmap.js'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true', REACHMAP_DEBUG: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function stderrLines(run: CliRun): string[] {
  return run.stderr.split('\n').filter((line) => line !== '');
}
