// The live collector as the CLI and the Electron main process use it: SDK v3
// clients for each account (a profile each, or a role each in an
// organization) and region, with adaptive retry, then collectAccounts;
// writeLiveSnapshot also saves the result (mode 0600).
import { setMaxListeners } from 'node:events';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { RawSnapshot } from '../raw.js';
import { checkSnapshotDestination, writeSnapshotFile } from '../write/node.js';
import { credentialProvider, defaultRegion, effectiveProfile, listProfiles, sdkRequestOptions } from '../credentials/node.js';
import { CredentialsError } from '../credentials/problems.js';
import { collectAccounts, DEFAULT_CONCURRENCY, type AccountSource, type CollectClients, type CollectExtras, type CollectProgress } from './collect.js';
import { organizationMembers } from './organization.js';
import { PlainJsonEc2QueryProtocol, PlainJsonQueryProtocol } from './xml/protocols.js';
import { CollectError } from './errors.js';
import type { RegionClients } from './sdk-calls.js';

export interface LiveCollectOptions {
  /** AWS profile; default AWS_PROFILE, else `default` (environment credentials first when neither is set) */
  readonly profile?: string;
  /** several profiles, one account each, collected into one snapshot (`--profile a --profile b`) */
  readonly profiles?: readonly string[];
  /** an organization: assume this role in each active member account, the caller's own with its own credentials */
  readonly orgRole?: string;
  /** with orgRole: only these account ids */
  readonly accounts?: readonly string[];
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

async function checkProfilesExist(profiles: readonly string[]): Promise<void> {
  if (profiles.length === 0) return;
  const known = new Set((await listProfiles()).map((info) => info.name));
  for (const profile of profiles) {
    // the SDK's chain would only say that no provider could load credentials
    if (!known.has(profile)) {
      throw new CredentialsError(`AWS profile ${profile} was not found in the AWS config or credentials file (see \`reachmap profiles\`)`);
    }
  }
}

/** Every SDK client the collection creates, so that all are closed at the end. */
class ClientPool {
  private readonly destroyers: (() => void)[] = [];

  constructor(private readonly common: Record<string, unknown>) {}

  /** The clients of one account, from one source of credentials. */
  accountClients(credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider, homeRegion: string): CollectClients & { organizations(): OrganizationsClient } {
    const regions = new Map<string, RegionClients>();
    const config = { ...this.common, credentials };
    const forRegion = (region: string): RegionClients => {
      let pair = regions.get(region);
      if (!pair) {
        // answers read straight into plain JSON: the SDK's own reading was most of a large account's collection time
        pair = {
          ec2: new EC2Client({ ...config, region, protocol: PlainJsonEc2QueryProtocol }),
          elbv2: new ElasticLoadBalancingV2Client({ ...config, region, protocol: PlainJsonQueryProtocol }),
        };
        const made = pair;
        this.destroyers.push(() => {
          made.ec2.destroy();
          made.elbv2.destroy();
        });
        regions.set(region, pair);
      }
      return pair;
    };
    const sts = new STSClient({ ...config, region: homeRegion });
    this.destroyers.push(() => sts.destroy());
    return {
      sts,
      home: forRegion(homeRegion),
      forRegion,
      organizations: () => {
        const client = new OrganizationsClient({ ...config, region: homeRegion });
        this.destroyers.push(() => client.destroy());
        return client;
      },
    };
  }

  destroy(): void {
    for (const destroy of this.destroyers) destroy();
  }
}

export async function collectLiveSnapshot(options: LiveCollectOptions = {}): Promise<RawSnapshot> {
  // The SDK's notice about future Node versions would land among our progress lines on stderr.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const named = options.profiles && options.profiles.length > 0 ? [...new Set(options.profiles)] : options.profile ? [options.profile] : [];
  if (options.orgRole && named.length > 1) {
    throw new CredentialsError('--org-role reads the organization from one profile (its management or delegated-administrator account): give at most one --profile');
  }
  await checkProfilesExist(named);
  const first = named[0];
  const profile = effectiveProfile(first);
  const home = await defaultRegion(first);
  const regions = options.regions ?? (home ? [home] : undefined);
  if (!regions) {
    throw new CollectError(`no region given and profile ${profile} names none: pass --regions (e.g. us-east-1, or all)`);
  }
  const homeRegion = home ?? (regions === 'all' ? 'us-east-1' : regions[0]!);
  const endpoint = options.endpointUrl;
  const partition = partitionOf(homeRegion);
  const pool = new ClientPool(sdkRequestOptions({ endpoint, maxAttempts: options.maxAttempts, requestTimeoutMs: options.requestTimeoutMs }));
  // Every request in flight listens to the signal; one internal signal spares the caller's a listener per request.
  const cancel = new AbortController();
  setMaxListeners(0, cancel.signal);
  const forward = () => cancel.abort(options.signal?.reason);
  if (options.signal?.aborted) forward();
  options.signal?.addEventListener('abort', forward, { once: true });
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  try {
    const profiled = (name: string | undefined): AccountSource => ({
      clients: pool.accountClients(credentialProvider({ profile: name, endpoint }), homeRegion),
      profile: effectiveProfile(name),
      label: `profile ${effectiveProfile(name)}`,
    });
    let sources: AccountSource[];
    let extras: CollectExtras = {};
    if (options.orgRole) {
      const caller = pool.accountClients(credentialProvider({ profile: first, endpoint }), homeRegion);
      const organization = await organizationMembers(
        { organizations: caller.organizations(), sts: caller.sts },
        { roleName: options.orgRole, accounts: options.accounts, partition, profile, concurrency, signal: cancel.signal },
      );
      sources = organization.members.map((member) =>
        member.credentials
          ? { clients: pool.accountClients(member.credentials, homeRegion), profile, account: member.account, label: `role ${options.orgRole} in ${member.account}` }
          : { clients: caller, profile, account: member.account, label: `profile ${profile}` },
      );
      extras = { errors: organization.errors, accountNames: organization.accountNames };
    } else {
      sources = (named.length > 0 ? named : [undefined]).map(profiled);
    }
    return await collectAccounts(
      sources,
      {
        regions,
        profile,
        ...(named.length > 1 ? { profiles: named } : {}),
        partition,
        concurrency,
        signal: cancel.signal,
        onProgress: options.onProgress,
      },
      extras,
    );
  } finally {
    options.signal?.removeEventListener('abort', forward);
    pool.destroy();
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
