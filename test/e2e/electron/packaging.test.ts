// Packs the desktop app with electron-builder as `npm run dist` would, for
// `--linux dir`, offline: a stub stands in for the Electron binary (these
// machines have none, and nothing may be downloaded), so what is checked is
// the configuration and the files it puts in app.asar. Needs `npm run build`.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import asar from '@electron/asar';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const BUILT = ['dist/electron/main.js', 'dist/electron/preload.cjs', 'dist/renderer/index.html'];

interface BuilderConfig {
  appId: string;
  productName: string;
  electronFuses?: Record<string, boolean>;
  linux: { target: string[]; executableName: string };
  mac: { target: string };
  win: { target: string };
  [key: string]: unknown;
}

let work: string;
let asarPath: string;
let listing: string[];
let builder: { status: number | null; output: string };

beforeAll(async () => {
  const missing = BUILT.filter((f) => !existsSync(path.join(repoRoot, f)));
  if (missing.length > 0) throw new Error(`run \`npm run build\` first: ${missing.join(', ')} missing`);
  work = await mkdtemp(path.join(os.tmpdir(), 'reachmap-pack-'));
  const stubDist = path.join(work, 'electron-dist');
  await mkdir(stubDist);
  await writeFile(path.join(stubDist, 'electron'), '#!/bin/sh\necho "stub Electron"\n');
  await chmod(path.join(stubDist, 'electron'), 0o755);
  const electronVersion = (JSON.parse(await readFile(path.join(repoRoot, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;

  const config = YAML.parse(await readFile(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
  // Fuses are flipped by rewriting sentinel bytes inside the real binary; the stub has none.
  delete config.electronFuses;
  const testConfig = { ...config, electronDist: stubDist, electronVersion, directories: { ...(config['directories'] as object), output: path.join(work, 'out') } };
  await writeFile(path.join(work, 'electron-builder.yml'), YAML.stringify(testConfig));

  const run = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/electron-builder/cli.js'), '--config', path.join(work, 'electron-builder.yml'), '--projectDir', repoRoot, '--linux', 'dir', '--x64'], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 300_000,
    env: {
      ...process.env,
      // Any download attempt fails at once on this machine instead of leaving it.
      HTTPS_PROXY: 'http://127.0.0.1:9',
      HTTP_PROXY: 'http://127.0.0.1:9',
      https_proxy: 'http://127.0.0.1:9',
      http_proxy: 'http://127.0.0.1:9',
      NO_PROXY: '',
      ELECTRON_BUILDER_CACHE: path.join(work, 'cache'),
      CSC_IDENTITY_AUTO_DISCOVERY: 'false',
    },
  });
  builder = { status: run.status, output: `${run.stdout}\n${run.stderr}` };
  asarPath = path.join(work, 'out', 'linux-unpacked', 'resources', 'app.asar');
  listing = existsSync(asarPath) ? asar.listPackage(asarPath, { isPack: false }).map((f) => f.split(path.sep).join('/')) : [];
}, 320_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

function packedText(file: string): string {
  return asar.extractFile(asarPath, file.replace(/^\//, '')).toString('utf8');
}

/** package names that a compiled module imports (static and literal dynamic imports) */
function bareImports(code: string): string[] {
  const names = new Set<string>();
  for (const match of code.matchAll(/(?:^|[;\s])(?:import\s[^;]*?\bfrom\s*|import\s*\(\s*|import\s+|require\s*\(\s*)["']([@a-z][\w@./-]*)["']/gm)) {
    const specifier = match[1] ?? '';
    if (specifier.startsWith('node:') || builtinModules.includes(specifier)) continue;
    const parts = specifier.split('/');
    names.add(specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? specifier));
  }
  return [...names];
}

describe('electron-builder --linux dir (stub Electron, offline)', () => {
  it('packs without error', () => {
    expect(builder.status, builder.output.slice(-3000)).toBe(0);
  });

  it('renames the Electron executable to reachmap-desktop', async () => {
    const executable = path.join(work, 'out', 'linux-unpacked', 'reachmap-desktop');
    expect((await stat(executable)).mode & 0o111).not.toBe(0);
    expect(await readFile(executable, 'utf8')).toContain('stub Electron');
  });

  it('puts the main process, the preload bundle, the renderer, the demo and the icon in app.asar', () => {
    const expected = ['/package.json', '/dist/electron/main.js', '/dist/electron/desktop-app.js', '/dist/electron/preload.cjs', '/dist/renderer/index.html', '/dist/shared/api/service/node.js', '/assets/demo/demo-snapshot.json', '/assets/icons/app.png'];
    if (existsSync(path.join(repoRoot, 'docs/iam-policy.json'))) expected.push('/docs/iam-policy.json');
    expect(listing).toEqual(expect.arrayContaining(expected));
  });

  it('leaves out sources, tests, source maps, build tools and what the renderer bundle already holds', () => {
    const unwanted = listing.filter((f) =>
      /^\/(test|electron|renderer|shared|cli|scripts)\/|\.map$|\.ts$|^\/node_modules\/(electron|electron-builder|vite|vitest|typescript|react|react-dom|cytoscape|html-to-image)\//.test(f),
    );
    expect(unwanted).toEqual([]);
    expect(listing.some((f) => f.startsWith('/dist/renderer/assets/') && f.endsWith('.js'))).toBe(true);
  });

  it('packs package.json pointing at the ESM main, without scripts', () => {
    // electron-builder records each file's hash: a mismatch means files changed while it packed (another install in this tree)
    const recorded = (asar.statFile(asarPath, 'package.json') as { integrity?: { hash: string } }).integrity?.hash;
    expect(createHash('sha256').update(asar.extractFile(asarPath, 'package.json')).digest('hex'), 'app.asar holds what its header says').toBe(recorded);
    const packed = JSON.parse(packedText('/package.json')) as { main: string; type: string; scripts?: unknown; name: string };
    expect(packed).toMatchObject({ main: 'dist/electron/main.js', type: 'module', name: 'reachmap' });
    expect(packed.scripts).toBeUndefined();
  });

  it('holds every package that the packed main-process code imports', () => {
    const code = listing.filter((f) => /^\/dist\/(electron|shared)\/.*\.js$/.test(f));
    expect(code.length).toBeGreaterThan(20);
    const needed = new Set(code.flatMap((f) => bareImports(packedText(f))));
    needed.delete('electron'); // the runtime provides it
    const absent = [...needed].filter((name) => !listing.includes(`/node_modules/${name}/package.json`));
    expect(absent, `imported: ${[...needed].join(', ')}`).toEqual([]);
    expect(needed).toContain('electron-store');
  });

  it('the packed preload requires only electron, as a sandboxed preload must', () => {
    expect(bareImports(packedText('/dist/electron/preload.cjs'))).toEqual(['electron']);
  });
});

describe('electron-builder.yml', () => {
  it('names the app and the targets of every platform, and hardens the shipped binary with fuses', async () => {
    const config = YAML.parse(await readFile(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
    expect(config.productName).toBe('Reachmap');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toBe('dmg');
    expect(config.win.target).toBe('nsis');
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false, onlyLoadAppFromAsar: true });
  });
});
