// The live collector as the CLI and the Electron main process use it: SDK v3
// clients for each region with the user's credentials and adaptive retry,
// then collectSnapshot; writeLiveSnapshot also saves the result (mode 0600).
import { setMaxListeners } from 'node:events';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { STSClient } from '@aws-sdk/client-sts';
import type { RawSnapshot } from '../raw.js';
import { checkSnapshotDestination, writeSnapshotFile } from '../write/node.js';
import { defaultRegion, effectiveProfile, listProfiles, sdkClientOptions } from '../credentials/node.js';
import { CredentialsError } from '../credentials/problems.js';
import { collectSnapshot, type CollectProgress } from './collect.js';
import { PlainJsonEc2QueryProtocol, PlainJsonQueryProtocol } from './xml/protocols.js';
import { CollectError } from './errors.js';
import type { RegionClients } from './sdk-calls.js';

export interface LiveCollectOptions {
  /** AWS profile; default AWS_PROFILE, else `default` (environment credentials first when neither is set) */
  readonly profile?: string;
  /** region names, or 'all' for every enabled region; default the profile's region */
  readonly regions?: readonly string[] | 'all';
  /** one endpoint for every client (STS included): AWS-compatible endpoints and the test server */
  readonly endpointUrl?: string;
  readonly concurrency?: number;
  /** SDK attempts per request, throttling retries included */
  readonly maxAttempts?: number;
  /**
   * An answer that has not come in this long is given up (then retried, as
   * the SDK retries timeouts): a connection that hangs must not hang the
   * whole collection. Default 60 s, room for a large page on a slow link.
   */
  readonly requestTimeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: CollectProgress) => void;
}

export { DEFAULT_REQUEST_TIMEOUT_MS } from '../credentials/node.js';

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export async function collectLiveSnapshot(options: LiveCollectOptions = {}): Promise<RawSnapshot> {
  // The SDK's notice about future Node versions would land among our progress lines on stderr.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const profile = effectiveProfile(options.profile);
  if (options.profile && !(await listProfiles()).some((info) => info.name === options.profile)) {
    // the SDK's chain would only say that no provider could load credentials
    throw new CredentialsError(
      `AWS profile ${options.profile} was not found in the AWS config or credentials file (see \`reachmap profiles\`)`,
    );
  }
  const home = await defaultRegion(options.profile);
  const regions = options.regions ?? (home ? [home] : undefined);
  if (!regions) {
    throw new CollectError(`no region given and profile ${profile} names none: pass --regions (e.g. us-east-1, or all)`);
  }
  const homeRegion = home ?? (regions === 'all' ? 'us-east-1' : regions[0]!);
  const endpoint = options.endpointUrl;
  const common = sdkClientOptions({ profile: options.profile, endpoint, maxAttempts: options.maxAttempts, requestTimeoutMs: options.requestTimeoutMs });
  const clients = new Map<string, RegionClients>();
  const forRegion = (region: string): RegionClients => {
    let pair = clients.get(region);
    if (!pair) {
      // answers read straight into plain JSON: the SDK's own reading was most of a large account's collection time
      pair = {
        ec2: new EC2Client({ ...common, region, protocol: PlainJsonEc2QueryProtocol }),
        elbv2: new ElasticLoadBalancingV2Client({ ...common, region, protocol: PlainJsonQueryProtocol }),
      };
      clients.set(region, pair);
    }
    return pair;
  };
  const sts = new STSClient({ ...common, region: homeRegion });
  // Every request in flight listens to the signal; one internal signal spares the caller's a listener per request.
  const cancel = new AbortController();
  setMaxListeners(0, cancel.signal);
  const forward = () => cancel.abort(options.signal?.reason);
  if (options.signal?.aborted) forward();
  options.signal?.addEventListener('abort', forward, { once: true });
  try {
    return await collectSnapshot(
      { sts, home: forRegion(homeRegion), forRegion },
      {
        regions,
        profile,
        partition: partitionOf(homeRegion),
        concurrency: options.concurrency,
        signal: cancel.signal,
        onProgress: options.onProgress,
      },
    );
  } finally {
    options.signal?.removeEventListener('abort', forward);
    sts.destroy();
    for (const pair of clients.values()) {
      pair.ec2.destroy();
      pair.elbv2.destroy();
    }
  }
}

/** Collects and writes the snapshot file, readable by its owner only. */
export async function writeLiveSnapshot(outFile: string, options: LiveCollectOptions = {}): Promise<RawSnapshot> {
  // a collection can take minutes: a result that could not be saved would be lost at the end
  await checkSnapshotDestination(outFile);
  const snapshot = await collectLiveSnapshot(options);
  await writeSnapshotFile(outFile, snapshot);
  return snapshot;
}
