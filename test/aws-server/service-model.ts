// botocore's service models (Debian's python3-botocore): the test server takes
// every XML member name from them, because EC2's names are irregular
// (`groupSet`, `ipPermissions`, `groups` for group pairs) and must not be
// guessed by hand.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface MemberRef {
  readonly shape: string;
  readonly locationName?: string;
  readonly flattened?: boolean;
}

export interface Shape {
  readonly type: string;
  readonly members?: Readonly<Record<string, MemberRef>>;
  readonly member?: MemberRef;
  readonly key?: MemberRef;
  readonly value?: MemberRef;
  readonly flattened?: boolean;
}

export interface Operation {
  readonly name: string;
  readonly input?: { readonly shape: string };
  readonly output?: { readonly shape: string; readonly resultWrapper?: string };
}

export interface ServiceModel {
  readonly metadata: { readonly protocol: string; readonly xmlNamespace?: string; readonly apiVersion: string; readonly targetPrefix?: string };
  readonly operations: Readonly<Record<string, Operation>>;
  readonly shapes: Readonly<Record<string, Shape>>;
}

/** Folders that botocore's model tree may live in; REACHMAP_BOTOCORE_DATA first. */
function candidateDataDirs(): string[] {
  const fromEnv = process.env.REACHMAP_BOTOCORE_DATA;
  return [
    ...(fromEnv ? [fromEnv] : []),
    '/usr/lib/python3/dist-packages/botocore/data',
    '/usr/share/python3-botocore/botocore/data',
    '/usr/local/lib/python3/dist-packages/botocore/data',
  ];
}

const MODEL_FOLDERS = {
  ec2: 'ec2/2016-11-15',
  elbv2: 'elbv2/2015-12-01',
  sts: 'sts/2011-06-15',
  organizations: 'organizations/2016-11-28',
  logs: 'logs/2014-03-28',
} as const;
export type ModelName = keyof typeof MODEL_FOLDERS;

const cache = new Map<ModelName, ServiceModel>();

/** One file of a service's botocore folder (service-2.json, paginators-1.json), plain or gzipped. */
function readModelFile(name: ModelName, fileName: string): unknown {
  for (const dir of candidateDataDirs()) {
    const base = path.join(dir, MODEL_FOLDERS[name], fileName);
    for (const file of [base, `${base}.gz`]) {
      if (!existsSync(file)) continue;
      const bytes = readFileSync(file);
      return JSON.parse(file.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8'));
    }
  }
  throw new Error(
    `botocore ${fileName} of ${MODEL_FOLDERS[name]} not found (install Debian's python3-botocore or set REACHMAP_BOTOCORE_DATA)`,
  );
}

export function loadServiceModel(name: ModelName): ServiceModel {
  const cached = cache.get(name);
  if (cached) return cached;
  const model = readModelFile(name, 'service-2.json') as ServiceModel;
  cache.set(name, model);
  return model;
}

/** How one operation's answers are paged (botocore's paginators-1.json). */
export interface Paginator {
  readonly input_token: string;
  readonly output_token: string;
  readonly limit_key?: string;
  readonly result_key: string | readonly string[];
}

const paginatorCache = new Map<ModelName, Readonly<Record<string, Paginator>>>();

export function loadPaginators(name: ModelName): Readonly<Record<string, Paginator>> {
  const cached = paginatorCache.get(name);
  if (cached) return cached;
  const paginators = (readModelFile(name, 'paginators-1.json') as { pagination?: Record<string, Paginator> }).pagination ?? {};
  paginatorCache.set(name, paginators);
  return paginators;
}

export function shapeOf(model: ServiceModel, ref: MemberRef | { shape: string }): Shape {
  const shape = model.shapes[ref.shape];
  if (!shape) throw new Error(`service model has no shape ${ref.shape}`);
  return shape;
}
