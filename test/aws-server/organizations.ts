// AWS Organizations as the test server answers it (JSON 1.1, see
// json-protocol.ts): ListAccounts, for the management account (or a
// delegated administrator) only, as AWS allows it; any other account is
// refused with AccessDeniedException.
import { AwsFault } from './operations.js';
import type { JsonService } from './json-protocol.js';

export interface OrganizationAccount {
  readonly Id: string;
  readonly Name?: string;
  readonly Email?: string;
  /** ACTIVE (default), SUSPENDED, PENDING_CLOSURE */
  readonly Status?: string;
}

export interface TestOrganization {
  readonly managementAccount: string;
  /** accounts that may list the organization besides the management account */
  readonly delegatedAdministrators?: readonly string[];
  readonly accounts: readonly OrganizationAccount[];
  /** account -> names of the roles that exist there and trust the organization's management account */
  readonly roles?: Readonly<Record<string, readonly string[]>>;
}

const ORGANIZATION_ID = 'o-reachmaptest';

export function organizationsService(organization: TestOrganization | undefined): JsonService {
  return {
    modelName: 'organizations',
    operations: {
      ListAccounts: ({ account }) => {
        if (!organization) {
          throw new AwsFault('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
        }
        const allowed = account === organization.managementAccount || organization.delegatedAdministrators?.includes(account);
        if (!allowed) {
          throw new AwsFault('AccessDeniedException', 'You don\'t have permissions to access this resource.');
        }
        return {
          list: organization.accounts.map((member) => ({
            Id: member.Id,
            Arn: `arn:aws:organizations::${organization.managementAccount}:account/${ORGANIZATION_ID}/${member.Id}`,
            Email: member.Email ?? `${member.Id}@example.com`,
            Name: member.Name ?? member.Id,
            Status: member.Status ?? 'ACTIVE',
            JoinedMethod: member.Id === organization.managementAccount ? 'CREATED' : 'INVITED',
            JoinedTimestamp: '2026-01-01T00:00:00Z',
          })),
        };
      },
    },
  };
}
