// The service wired to the real core in Node: importer, graph, engine,
// collector, AWS profiles. Diagnose is looked up at start, so that a build in
// which it has not landed still serves everything else.
import { fileURLToPath } from 'node:url';
import { buildModel } from '../../aws/build-model.js';
import { collectLiveSnapshot } from '../../aws/collect/node.js';
import { listProfiles } from '../../aws/credentials/node.js';
import { analyzeFlow } from '../../engine/analyze.js';
import { exposureOf } from '../../engine/exposure.js';
import { graphOf } from '../graph.js';
import { openSnapshot, snapshotHash } from '../snapshot/node.js';
import type { ReachmapBackend } from './backend.js';
import { createReachmapService, type ReachmapService } from './service.js';

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

export async function nodeBackend(): Promise<ReachmapBackend> {
  const diagnose = await firstFunction<ReachmapBackend['diagnose']>('../../engine/diagnose.js', ['diagnose', 'diagnoseTarget']);
  return {
    openSnapshot,
    graphOf,
    analyzeFlow,
    exposure: exposureOf,
    ...(diagnose ? { diagnose } : {}),
    async listProfiles() {
      return (await listProfiles()).map((info) => ({ name: info.name, region: info.region ?? null }));
    },
    async collect(request, onProgress, signal) {
      const raw = await collectLiveSnapshot({
        ...(request.profile ? { profile: request.profile } : {}),
        ...(request.regions ? { regions: request.regions } : {}),
        ...(request.endpointUrl ? { endpointUrl: request.endpointUrl } : {}),
        signal,
        onProgress: (progress) =>
          onProgress({
            callsDone: progress.callsDone,
            callsTotal: progress.callsTotal,
            resources: progress.resources,
            ...(progress.region ? { region: progress.region } : {}),
            ...(progress.api ? { api: progress.api } : {}),
          }),
      });
      const { model, warnings } = buildModel(raw, { hash: snapshotHash(raw) });
      return { model, warnings, label: `live: profile ${request.profile ?? 'default'}` };
    },
  };
}

export async function createNodeReachmapService(): Promise<ReachmapService> {
  return createReachmapService(await nodeBackend());
}
