// Shared set-up of the collector tests: an AWS environment that can only
// reach 127.0.0.1, the local AWS server over a snapshot, and a semantic view
// of an imported model for comparisons.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildModel } from '../../../shared/aws/build-model.js';
import { collectLiveSnapshot, type LiveCollectOptions } from '../../../shared/aws/collect/node.js';
import type { RawError, RawRegion, RawSnapshot } from '../../../shared/aws/raw.js';
import { readSnapshotPath } from '../../../shared/aws/read/node.js';
import { startAwsTestServer, type AwsTestServer, type Faults } from '../../aws-server/server.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const samplesDir = path.resolve(repoRoot, 'test/fixtures/batfish');
export const demoSnapshot = path.join(repoRoot, 'assets/demo/demo-snapshot.json');

/** the key that signs for the first account of a served snapshot (see accessKeysOf) */
export const TEST_ACCESS_KEY = 'AKIDREACHMAPACCT0';

/**
 * Static test credentials and nothing else: no shared files, no profile, no
 * instance metadata, and AWS_ENDPOINT_URL on a closed local port, so that a
 * client we forgot to point at the test server fails here instead of
 * reaching AWS.
 */
export function isolateAwsEnvironment(): string {
  const home = mkdtempSync(path.join(os.tmpdir(), 'reachmap-aws-'));
  for (const name of Object.keys(process.env)) {
    if (name.startsWith('AWS_')) delete process.env[name];
  }
  Object.assign(process.env, {
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ACCESS_KEY_ID: TEST_ACCESS_KEY,
    AWS_SECRET_ACCESS_KEY: 'reachmap-test-secret',
    AWS_CONFIG_FILE: path.join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  return home;
}

/** The secret of every static test key: only the local test server accepts it. */
export const TEST_SECRET = 'reachmap-test-secret';

/**
 * One profile per entry (name -> access key), static keys, region
 * us-east-1, in the isolated environment's own files (after
 * isolateAwsEnvironment), and no environment keys: the profiles are the
 * only credentials.
 */
export function writeProfiles(profileKeys: Readonly<Record<string, string>>): void {
  delete process.env.AWS_ACCESS_KEY_ID;
  delete process.env.AWS_SECRET_ACCESS_KEY;
  writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE!, Object.entries(profileKeys).map(([name, key]) => `[${name}]\naws_access_key_id = ${key}\naws_secret_access_key = ${TEST_SECRET}\n`).join('\n'));
  writeFileSync(process.env.AWS_CONFIG_FILE!, Object.keys(profileKeys).map((name) => `[profile ${name}]\nregion = us-east-1\n`).join('\n'));
}

/** Access key per account, for snapshots of several accounts: each key signs for one. */
export function accessKeysOf(raw: RawSnapshot): Record<string, string> {
  return Object.fromEntries(Object.keys(raw.accounts).map((account, index) => [`AKIDREACHMAPACCT${index}`, account]));
}

export async function serve(raw: RawSnapshot, faults: Faults = {}): Promise<AwsTestServer> {
  return startAwsTestServer({ snapshot: raw, accessKeys: accessKeysOf(raw), faults });
}

/** Collects every account of the served snapshot, one run per account (as a user would, one profile each). */
export async function collectAllAccounts(
  server: AwsTestServer,
  raw: RawSnapshot,
  options: LiveCollectOptions = {},
): Promise<RawSnapshot> {
  const accounts: Record<string, Record<string, RawRegion>> = {};
  const errors: RawError[] = [];
  let first: RawSnapshot | undefined;
  for (const [accessKey] of Object.entries(accessKeysOf(raw))) {
    process.env.AWS_ACCESS_KEY_ID = accessKey;
    const snapshot = await collectLiveSnapshot({ regions: 'all', endpointUrl: server.url, ...options });
    first ??= snapshot;
    Object.assign(accounts, snapshot.accounts);
    errors.push(...snapshot.errors);
  }
  process.env.AWS_ACCESS_KEY_ID = TEST_ACCESS_KEY;
  return { ...first!, accounts, errors };
}

export async function readSample(name: string): Promise<RawSnapshot> {
  return readSnapshotPath(path.join(samplesDir, name));
}

/**
 * The imported model as plain data, for deep comparison: every map becomes a
 * sorted object, and the describe-API JSON kept for display (`raw`) is left
 * out, since a collected snapshot legitimately spells it differently (ISO
 * timestamps, members that are not in the API model).
 */
export function semanticModel(raw: RawSnapshot): Record<string, unknown> {
  const { model } = buildModel(raw);
  const { meta: _meta, indexes: _indexes, ...parts } = model;
  return withoutUnreadMarks(plain(parts) as Record<string, unknown>);
}

/**
 * A describe dump may leave out the per-resource ELBv2 answers (rules, target
 * group attributes, a group's targets) that a collection always reads; the
 * model marks them as not read. Where the dump has none and the collection
 * read none (the test server answers from the dump), both say the same: the
 * marks go, the values stay compared.
 */
function withoutUnreadMarks(parts: Record<string, unknown>): Record<string, unknown> {
  for (const balancer of Object.values((parts['loadBalancers'] ?? {}) as Record<string, Record<string, unknown>>)) {
    delete balancer['attributesRead'];
    for (const listener of (balancer['listeners'] ?? []) as Record<string, unknown>[]) if (listener['rules'] === undefined || (listener['rules'] as unknown[]).length === 0) delete listener['rules'];
  }
  for (const group of Object.values((parts['targetGroups'] ?? {}) as Record<string, Record<string, unknown>>)) {
    if ((group['targets'] as unknown[]).length === 0) delete group['targetsRead'];
    if (group['attributes'] === undefined || Object.keys(group['attributes'] as object).length === 0) delete group['attributes'];
  }
  return parts;
}

function plain(value: unknown): unknown {
  if (value instanceof Map) {
    return Object.fromEntries([...value.entries()].sort(([a], [b]) => String(a).localeCompare(String(b))).map(([k, v]) => [k, plain(v)]));
  }
  if (value instanceof Set) return [...value].map(plain).sort();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'raw')
        .map(([key, item]) => [key, plain(item)]),
    );
  }
  return value;
}
