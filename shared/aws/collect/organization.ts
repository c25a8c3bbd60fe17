// `reachmap snapshot --org-role ROLE`: the accounts of an AWS Organization,
// read from its management (or a delegated administrator) account, and the
// credentials to read each. Organizations ListAccounts (paged) gives the
// active accounts; STS AssumeRole into arn:<partition>:iam::ID:role/ROLE
// gives each member's credentials, and the caller's own account is read
// with the caller's credentials (a management account has no member role to
// assume). A role that cannot be assumed is an `errors` entry (account,
// region "*", api "sts:AssumeRole") and the other accounts go on. Each
// member's session is renewed before it expires (role-session.ts).
import { type OrganizationsClient, paginateListAccounts } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { InputError } from '../../model/errors.js';
import type { RawError } from '../raw.js';
import { credentialProblem, CredentialsError, errorCode, errorMessage } from '../credentials/problems.js';
import { CollectError } from './errors.js';
import { Limiter } from './limiter.js';
import { assumeRole, renewingSession } from './role-session.js';


export interface OrganizationRequest {
  readonly roleName: string;
  /** only these accounts (`--accounts`); every active account when undefined */
  readonly accounts?: readonly string[];
  readonly partition: string;
  /** the caller's profile, for messages about its credentials */
  readonly profile: string;
  readonly concurrency: number;
  readonly signal?: AbortSignal;
}

export interface OrganizationMember {
  readonly account: string;
  readonly name: string | undefined;
  /** undefined: the caller's own account, read with the caller's credentials; else the role's session, renewed as it expires */
  readonly credentials: AwsCredentialIdentityProvider | undefined;
}

export interface Organization {
  readonly members: OrganizationMember[];
  /** accounts whose role could not be assumed */
  readonly errors: RawError[];
  readonly accountNames: Record<string, string>;
}

function refused(what: string, profile: string, error: unknown): Error {
  const problem = credentialProblem(error, profile);
  if (problem) return new CredentialsError(problem);
  return new CollectError(`${what}: ${errorCode(error)}: ${errorMessage(error)}`);
}

async function activeAccounts(organizations: OrganizationsClient, request: OrganizationRequest): Promise<Map<string, string | undefined>> {
  const active = new Map<string, string | undefined>();
  try {
    for await (const page of paginateListAccounts({ client: organizations }, {})) {
      for (const account of page.Accounts ?? []) {
        if (account.Id && (account.Status ?? 'ACTIVE') === 'ACTIVE') active.set(account.Id, account.Name ?? undefined);
      }
      if (request.signal?.aborted) break;
    }
  } catch (error) {
    throw refused('cannot list the organization\'s accounts (Organizations ListAccounts, allowed from the management account or a delegated administrator)', request.profile, error);
  }
  return active;
}

/** The members to collect and the credentials of each; the caller's own account first. */
export async function organizationMembers(
  clients: { organizations: OrganizationsClient; sts: STSClient },
  request: OrganizationRequest,
): Promise<Organization> {
  let caller: string;
  try {
    const identity = await clients.sts.send(new GetCallerIdentityCommand({}), { abortSignal: request.signal });
    caller = identity.Account ?? '';
  } catch (error) {
    throw refused('cannot identify the calling account (STS GetCallerIdentity)', request.profile, error);
  }
  const active = await activeAccounts(clients.organizations, request);
  const unknown = (request.accounts ?? []).filter((id) => !active.has(id));
  if (unknown.length > 0) throw new InputError(`--accounts: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not an active account' : 'are not active accounts'} of the organization`);
  const chosen = request.accounts ?? [...active.keys()];
  const limiter = new Limiter(request.concurrency);
  const errors: RawError[] = [];
  const accountNames: Record<string, string> = {};
  for (const id of chosen) {
    const name = active.get(id);
    if (name) accountNames[id] = name;
  }
  const members = await Promise.all(
    chosen.map(async (account): Promise<OrganizationMember | undefined> => {
      if (account === caller) return { account, name: active.get(account), credentials: undefined };
      const roleArn = `arn:${request.partition}:iam::${account}:role/${request.roleName}`;
      try {
        const first = await limiter.run(() => assumeRole(clients.sts, roleArn, request.signal), request.signal);
        return { account, name: active.get(account), credentials: renewingSession(first, () => assumeRole(clients.sts, roleArn, request.signal)) };
      } catch (error) {
        if (request.signal?.aborted) throw error;
        // everything of this account is unknown; the others go on
        errors.push({ account, region: '*', api: 'sts:AssumeRole', code: errorCode(error), message: `${roleArn}: ${errorMessage(error)}` });
        return undefined;
      }
    }),
  );
  const entered = members.filter((member): member is OrganizationMember => member !== undefined);
  if (entered.length === 0) {
    throw new CollectError(`no account of the organization could be entered; the first refusal: ${errors[0] ? `${errors[0].account}: ${errors[0].code}: ${errors[0].message}` : 'none chosen'}`);
  }
  errors.sort((a, b) => (a.account < b.account ? -1 : a.account > b.account ? 1 : 0));
  return { members: entered, errors, accountNames };
}
