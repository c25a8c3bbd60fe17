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
  readonly metadata: { readonly protocol: string; readonly xmlNamespace?: string; readonly apiVersion: string };
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

const MODEL_FOLDERS = { ec2: 'ec2/2016-11-15', elbv2: 'elbv2/2015-12-01', sts: 'sts/2011-06-15' } as const;
export type ModelName = keyof typeof MODEL_FOLDERS;

const cache = new Map<ModelName, ServiceModel>();

export function loadServiceModel(name: ModelName): ServiceModel {
  const cached = cache.get(name);
  if (cached) return cached;
  for (const dir of candidateDataDirs()) {
    const base = path.join(dir, MODEL_FOLDERS[name], 'service-2.json');
    for (const file of [base, `${base}.gz`]) {
      if (!existsSync(file)) continue;
      const bytes = readFileSync(file);
      const text = file.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
      const model = JSON.parse(text) as ServiceModel;
      cache.set(name, model);
      return model;
    }
  }
  throw new Error(
    `botocore service model ${MODEL_FOLDERS[name]} not found (install Debian's python3-botocore or set REACHMAP_BOTOCORE_DATA)`,
  );
}

export function shapeOf(model: ServiceModel, ref: MemberRef | { shape: string }): Shape {
  const shape = model.shapes[ref.shape];
  if (!shape) throw new Error(`service model has no shape ${ref.shape}`);
  return shape;
}
