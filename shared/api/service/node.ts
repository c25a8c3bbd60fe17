// The service wired to the real core in Node: importer, graph, engine,
// collector. The engine's optional parts are looked up at start, so that a
// build in which one of them has not landed still serves everything else.
import { fileURLToPath } from 'node:url';
import { createReachmapService, type ReachmapService } from './service.js';
import type { ReachmapBackend } from './backend.js';
import { openSnapshot } from '../snapshot/node.js';
import { graphOf } from '../graph.js';

type Loaded = Record<string, unknown>;

async function optionalModule(relative: string): Promise<Loaded | undefined> {
  const url = new URL(relative, import.meta.url);
  try {
    return (await import(url.href)) as Loaded;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const missingItself = code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes(fileURLToPath(url).replace(/\.js$/, ''));
    if (missingItself) return undefined;
    throw error;
  }
}

async function firstFunction<F>(relative: string, names: string[]): Promise<F | undefined> {
  const loaded = await optionalModule(relative);
  if (!loaded) return undefined;
  for (const name of names) if (typeof loaded[name] === 'function') return loaded[name] as F;
  return undefined;
}

async function loadBackend(): Promise<ReachmapBackend> {
  const analyzeFlow = await firstFunction<ReachmapBackend['analyzeFlow']>('../../engine/analyze.js', ['analyzeFlow']);
  const exposure = await firstFunction<ReachmapBackend['exposure']>('../../engine/exposure.js', ['exposure', 'exposureOf', 'analyzeExposure']);
  const diagnose = await firstFunction<ReachmapBackend['diagnose']>('../../engine/diagnose.js', ['diagnose', 'diagnoseTarget']);
  return {
    openSnapshot,
    graphOf,
    ...(analyzeFlow ? { analyzeFlow } : {}),
    ...(exposure ? { exposure } : {}),
    ...(diagnose ? { diagnose } : {}),
  };
}

export async function createNodeReachmapService(): Promise<ReachmapService> {
  return createReachmapService(await loadBackend());
}
