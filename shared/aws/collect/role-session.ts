// One account's role session for `snapshot --org-role`: STS AssumeRole gives
// temporary credentials (an hour by default), and a collection of a large
// organization may last longer. The SDK asks a credential provider again when
// the identity it holds expires within five minutes; this provider then
// assumes the role anew (once, however many clients ask at the same time),
// so that no request goes out signed by an expired session.
import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { CollectError } from './errors.js';

/** The SDK's own window (@smithy/core's memoized identity): renewing in it means the SDK never uses a session about to end. */
export const RENEW_BEFORE_MS = 5 * 60_000;

/** The session name AWS records in CloudTrail for each assumed role: who read the account. */
export const ROLE_SESSION_NAME = 'reachmap-snapshot';

export async function assumeRole(sts: STSClient, roleArn: string, signal?: AbortSignal): Promise<AwsCredentialIdentity> {
  const answer = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: ROLE_SESSION_NAME }), { abortSignal: signal });
  const c = answer.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new CollectError(`STS AssumeRole of ${roleArn} returned no credentials`);
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}), ...(c.Expiration ? { expiration: c.Expiration } : {}) };
}

/** `first` while it lasts, then what `renew` gives: a provider the SDK clients of one account share. */
export function renewingSession(first: AwsCredentialIdentity, renew: () => Promise<AwsCredentialIdentity>, now: () => number = Date.now): AwsCredentialIdentityProvider {
  let current = first;
  let renewing: Promise<AwsCredentialIdentity> | undefined;
  return async () => {
    const expiration = current.expiration?.getTime();
    if (expiration === undefined || expiration - now() > RENEW_BEFORE_MS) return current;
    renewing ??= renew().then(
      (fresh) => {
        current = fresh;
        renewing = undefined;
        return fresh;
      },
      (error: unknown) => {
        renewing = undefined;
        throw error;
      },
    );
    return renewing;
  };
}
