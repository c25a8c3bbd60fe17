// The user's local AWS credentials, through the SDK v3 default chain
// (environment, shared config and credentials files, SSO, assume-role,
// credential_process), and the profiles those files define. Only names and
// regions ever leave this module: secrets stay inside the SDK.
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { loadSharedConfigFiles } from '@smithy/core/config';

export interface ProfileInfo {
  readonly name: string;
  readonly region?: string;
}

/** Sections of the config file that are not profiles (`[sso-session x]`, `[services x]`). */
const NON_PROFILE_SECTION = /^(sso-session|services)\./;

/** Profiles of AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE (default ~/.aws/config, ~/.aws/credentials), by name. */
export async function listProfiles(): Promise<ProfileInfo[]> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const regions = new Map<string, string | undefined>();
  for (const [name, section] of [...Object.entries(credentialsFile), ...Object.entries(configFile)]) {
    if (NON_PROFILE_SECTION.test(name)) continue;
    // the config file's region wins over one written in the credentials file, as in the AWS CLI
    regions.set(name, section.region ?? regions.get(name));
  }
  return [...regions]
    .map(([name, region]) => (region ? { name, region } : { name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The profile the chain will use: the one asked for, else AWS_PROFILE, else `default`. */
export function effectiveProfile(profile: string | undefined): string {
  return profile || process.env.AWS_PROFILE || 'default';
}

/** The region to start from: AWS_REGION, AWS_DEFAULT_REGION, else the profile's region. */
export async function defaultRegion(profile: string | undefined): Promise<string | undefined> {
  const fromEnv = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION;
  if (fromEnv) return fromEnv;
  const name = effectiveProfile(profile);
  return (await listProfiles()).find((info) => info.name === name)?.region;
}

/**
 * The SDK's default credential chain. With an endpoint, the STS and SSO
 * clients that the chain itself creates (assume-role, SSO) go there too, so
 * that `--endpoint-url` really sends everything to one place.
 */
export function credentialProvider(options: { profile?: string; endpoint?: string }): ReturnType<typeof fromNodeProviderChain> {
  return fromNodeProviderChain({
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.endpoint ? { clientConfig: { endpoint: options.endpoint } } : {}),
  });
}

export const DEFAULT_MAX_ATTEMPTS = 8;
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
const CONNECTION_TIMEOUT_MS = 10_000;

/**
 * How every SDK client of ours sends requests (the collector's and the flow
 * log fetch's): adaptive retry (throttling included), request and connection
 * timeouts that give up on a hung connection, and one endpoint for every
 * client when given. Credentials are the caller's to add.
 */
export function sdkRequestOptions(options: { endpoint?: string | undefined; maxAttempts?: number | undefined; requestTimeoutMs?: number | undefined }) {
  return {
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    requestHandler: {
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      connectionTimeout: Math.min(CONNECTION_TIMEOUT_MS, options.requestTimeoutMs ?? CONNECTION_TIMEOUT_MS),
      throwOnRequestTimeout: true,
    },
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  };
}
