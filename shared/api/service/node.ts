// The service wired to the real core in Node: importer, graph, engine,
// collector, AWS profiles. The collector and the profiles are loaded on first
// use: they pull in the AWS SDK, which no analysis needs.
import { buildModel } from '../../aws/build-model.js';
import { allowedBetween } from '../../engine/allowed-between.js';
import { analyzeFlow } from '../../engine/analyze.js';
import { diagnose } from '../../engine/diagnose.js';
import { exposureOf } from '../../engine/exposure.js';
import { problemsOf } from '../../engine/problems/index.js';
import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { graphOf } from '../graph.js';
import { openSnapshot, openSnapshots, snapshotHash, type OpenSnapshotOptions } from '../snapshot/node.js';
import type { ReachmapBackend } from './backend.js';
import { createReachmapService, type ReachmapService } from './service.js';
import { collectOptionsOf, liveSourceText } from '../live/request.js';

/** what a shell sets when it creates the service: the snapshot size cap (`--max-size`) */
export type NodeServiceOptions = OpenSnapshotOptions;

export async function nodeBackend(options: NodeServiceOptions = {}): Promise<ReachmapBackend> {
  return {
    openSnapshot: (snapshotPath) => (typeof snapshotPath === 'object' ? openSnapshots(snapshotPath, options) : openSnapshot(snapshotPath, options)),
    graphOf,
    analyzeFlow,
    allowedBetween,
    exposure: exposureOf,
    problems: (model) => problemsOf(model),
    diagnose,
    async diff(before, after, diffOptions) {
      // loaded on use: the comparison and the intents checker it calls
      const { diffSnapshots } = await import('../diff/diff.js');
      return diffSnapshots(before, after, diffOptions);
    },
    async readFlowLogs(paths, options) {
      const { readFlowLogs } = await import('../flowlogs/node.js');
      return readFlowLogs(paths, options);
    },
    async readIntents(intentsPath) {
      // loaded on use, as `check` loads it: the YAML readers
      const { parseIntents } = await import('../intents.js');
      let text: string;
      try {
        text = await readFile(intentsPath, 'utf8');
      } catch (error) {
        throw new InputError(`intents: cannot read "${intentsPath}": ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
      }
      return parseIntents(text, intentsPath);
    },
    async listProfiles() {
      const { listProfiles } = await import('../live/node.js');
      return (await listProfiles()).map((info) => ({ name: info.name, region: info.region ?? null }));
    },
    async collect(request, onProgress, signal) {
      const { collectLiveSnapshot } = await import('../live/node.js');
      const raw = await collectLiveSnapshot({
        ...collectOptionsOf(request),
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
      return { model, raw, warnings, label: `live: ${liveSourceText(request)}` };
    },
  };
}

export async function createNodeReachmapService(options: NodeServiceOptions = {}): Promise<ReachmapService> {
  return createReachmapService(await nodeBackend(options));
}
