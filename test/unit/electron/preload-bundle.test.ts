// The preload as Electron loads it: one CommonJS file that a sandboxed
// renderer can run, where `require` knows only 'electron' (and events,
// timers, url). Built here from the sources with the project's Vite config.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVOKE_METHODS } from '../../../electron/channels.js';
import { repoRoot } from './desktop-fixture.js';

const SANDBOX_MODULES = new Set(['electron', 'events', 'timers', 'url']);

let outDir: string;
let code: string;
beforeAll(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'reachmap-preload-'));
  await build({ configFile: path.join(repoRoot, 'electron', 'preload.vite.config.ts'), logLevel: 'silent', build: { outDir, sourcemap: false } });
  code = await readFile(path.join(outDir, 'preload.cjs'), 'utf8');
});
afterAll(async () => rm(outDir, { recursive: true, force: true }));

function runPreload() {
  const required: string[] = [];
  const exposed = new Map<string, Record<string, unknown>>();
  const invoked: unknown[][] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (name: string, api: Record<string, unknown>) => exposed.set(name, api) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => {
        invoked.push(args);
        return { ok: true, value: { theme: 'dark', lastProfile: null, lastRegions: [] } };
      },
      on: () => undefined,
      removeListener: () => undefined,
    },
  };
  const sandboxRequire = (name: string): unknown => {
    required.push(name);
    if (!SANDBOX_MODULES.has(name)) throw new Error(`module not found: ${name}`);
    return name === 'electron' ? electron : {};
  };
  const module = { exports: {} };
  vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console });
  return { required, exposed, invoked };
}

describe('the preload bundle', () => {
  it('requires nothing but electron, so that it runs in a sandboxed renderer', () => {
    expect(runPreload().required).toEqual(['electron']);
    expect(code).not.toMatch(/\bimport\s*[({]|\bimport\s+\w+\s+from\b/);
  });

  it('exposes window.reachmap with the allow-listed methods only', async () => {
    const { exposed, invoked } = runPreload();
    expect([...exposed.keys()]).toEqual(['reachmap']);
    const api = exposed.get('reachmap') ?? {};
    expect(Object.keys(api).sort()).toEqual([...INVOKE_METHODS, 'shell', 'onMenuAction', 'onSnapshotOpened'].sort());
    await expect((api['desktopSettings'] as () => Promise<unknown>)()).resolves.toEqual({ theme: 'dark', lastProfile: null, lastRegions: [] });
    expect(invoked).toEqual([['reachmap:invoke:desktopSettings']]);
  });
});
