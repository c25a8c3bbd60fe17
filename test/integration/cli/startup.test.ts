// What a fresh `reachmap` process loads before it answers (issue 12.3): the
// built CLI is run with a module hook that lists every module it loads.
// `--help` and `--version` must not load the importer, the engine, the
// intents reader or any heavy package; `analyze` must not load the YAML
// readers, the intents checker, the AWS SDK or playwright. Start-up time
// follows from what is loaded; the times themselves are the whole-command
// benchmark's (test/bench/whole-commands.bench.ts), never a test's.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, repoRoot } from './run-cli.js';

beforeAll(ensureBuilt);

/** resolves and loads as usual, and writes each module's URL on stderr */
const LIST_LOADS = `data:text/javascript,${encodeURIComponent(
  "import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(\"export async function load(url, context, next) { process.stderr.write('loaded ' + url + '\\\\n'); return next(url, context); }\"));",
)}`;

function modulesLoadedBy(args: readonly string[]): string[] {
  const run = spawnSync(process.execPath, ['--import', LIST_LOADS, path.join(repoRoot, 'bin/reachmap.js'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true', REACHMAP_DEBUG: '' },
  });
  expect(run.status, run.stderr).toBe(0);
  const loaded = run.stderr
    .split('\n')
    .filter((line) => line.startsWith('loaded '))
    .map((line) => line.slice('loaded '.length));
  expect(loaded.some((url) => url.endsWith('/dist/cli/main.js'))).toBe(true);
  return loaded.map((url) => (url.startsWith('file:') ? path.relative(repoRoot, new URL(url).pathname) : url));
}

/** packages no start-up needs */
const HEAVY_PACKAGES = ['zod/', 'yaml/', 'js-yaml/', 'playwright-core/', '@aws-sdk/', '@smithy/'];
/** what answers a command: the importer, the engine, the service, the intents reader, the web face */
const ANSWERING = ['shared/aws/raw.js', 'shared/aws/validate.js', 'shared/aws/build-model.js', 'shared/engine/analyze.js', 'shared/engine/exposure.js', 'shared/engine/diagnose.js', 'shared/api/service/', 'shared/api/intents', 'shared/api/http/'];

function loadedFrom(modules: readonly string[], packages: readonly string[], built: readonly string[] = []): string[] {
  return modules.filter((file) => packages.some((name) => file.startsWith(`node_modules/${name}`)) || built.some((prefix) => file.startsWith(`dist/${prefix}`)));
}

describe('a fresh reachmap process loads only what the command uses', () => {
  it('--help and --version: nothing that answers a command, no heavy package', () => {
    for (const args of [['--help'], ['--version'], ['analyze', '--help'], ['check', '--help']]) {
      expect(loadedFrom(modulesLoadedBy(args), HEAVY_PACKAGES, ANSWERING), args.join(' ')).toEqual([]);
    }
  });

  it('analyze: the importer and the engine, no YAML reader, intents checker, AWS SDK or playwright', () => {
    const modules = modulesLoadedBy(['analyze', '--from', 'i-0de00000000000105', '--to', 'i-0de0000000000010a', '--port', '6379', '--json']);
    expect(modules).toContain('dist/shared/aws/build-model.js');
    expect(loadedFrom(modules, ['yaml/', 'js-yaml/', 'playwright-core/', '@aws-sdk/', '@smithy/'], ['shared/api/intents'])).toEqual([]);
  });
});
