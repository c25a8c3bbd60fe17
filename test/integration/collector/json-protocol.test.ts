// The test server's AWS JSON 1.1 protocol and STS AssumeRole, through the
// real SDK v3 clients: what the organization collector (--org-role) and the
// flow-log reader stand on must itself behave as AWS does.
import { ListAccountsCommand, OrganizationsClient, paginateListAccounts } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawSnapshot } from '../../../shared/aws/raw.js';
import { startAwsTestServer, type AwsTestServer } from '../../aws-server/server.js';
import { isolateAwsEnvironment } from './helpers.js';

const MANAGEMENT = '111111111111';
const MEMBERS = ['222222222222', '333333333333', '444444444444', '555555555555'];
const snapshot: RawSnapshot = { format: 'reachmap-snapshot/1', source: { kind: 'import' }, accounts: { [MANAGEMENT]: { 'us-east-1': {} } }, errors: [] };
const credentials = (key: string) => ({ accessKeyId: key, secretAccessKey: 'reachmap-test-secret' });

describe('test server: AWS JSON 1.1 (Organizations) and STS AssumeRole', () => {
  let server: AwsTestServer;
  beforeAll(async () => {
    isolateAwsEnvironment();
    server = await startAwsTestServer({
      snapshot,
      accessKeys: { AKIDMANAGEMENT: MANAGEMENT, AKIDMEMBER: MEMBERS[0]! },
      faults: { pageSize: 2 },
      organization: {
        managementAccount: MANAGEMENT,
        accounts: [{ Id: MANAGEMENT, Name: 'management' }, ...MEMBERS.map((Id) => ({ Id, Name: `member ${Id}` }))],
        roles: { [MEMBERS[0]!]: ['ReachmapRead'] },
      },
    });
  });
  afterAll(async () => server.close());

  const organizations = (key: string) => new OrganizationsClient({ region: 'us-east-1', endpoint: server.url, credentials: credentials(key) });
  const sts = (creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
    new STSClient({ region: 'us-east-1', endpoint: server.url, credentials: creds });

  it('pages ListAccounts by the NextToken and MaxResults of botocore\'s paginator (five accounts, pages of two)', async () => {
    const ids: string[] = [];
    for await (const page of paginateListAccounts({ client: organizations('AKIDMANAGEMENT') }, {})) {
      expect((page.Accounts ?? []).length).toBeLessThanOrEqual(2);
      for (const account of page.Accounts ?? []) ids.push(account.Id!);
    }
    expect(ids).toEqual([MANAGEMENT, ...MEMBERS]);
    expect(server.calls.filter((call) => call.action === 'ListAccounts')).toHaveLength(3);
  });

  it('writes timestamps as epoch seconds, which the SDK reads back as dates', async () => {
    const page = await organizations('AKIDMANAGEMENT').send(new ListAccountsCommand({ MaxResults: 1 }));
    expect(page.Accounts?.[0]?.JoinedTimestamp?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(page.Accounts?.[0]?.Status).toBe('ACTIVE');
    expect(page.NextToken).toBeTruthy();
  });

  it('answers a member account AccessDeniedException as {"__type", "message"}, which the SDK turns into its error', async () => {
    const error = await organizations('AKIDMEMBER').send(new ListAccountsCommand({})).catch((e: unknown) => e);
    expect((error as { name: string }).name).toBe('AccessDeniedException');
    expect((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(400);
  });

  it('refuses a MaxResults over the model\'s maximum (20)', async () => {
    const error = await organizations('AKIDMANAGEMENT').send(new ListAccountsCommand({ MaxResults: 50 })).catch((e: unknown) => e);
    expect((error as { name: string }).name).toBe('InvalidInputException');
  });

  it('gives AssumeRole credentials that sign for the role\'s account', async () => {
    const answer = await sts(credentials('AKIDMANAGEMENT')).send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MEMBERS[0]}:role/ReachmapRead`, RoleSessionName: 'reachmap' }),
    );
    const assumed = answer.Credentials!;
    expect(answer.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${MEMBERS[0]}:assumed-role/ReachmapRead/reachmap`);
    const identity = await sts({ accessKeyId: assumed.AccessKeyId!, secretAccessKey: assumed.SecretAccessKey!, sessionToken: assumed.SessionToken! }).send(
      new GetCallerIdentityCommand({}),
    );
    expect(identity.Account).toBe(MEMBERS[0]);
  });

  it('refuses AssumeRole into a role the account does not have with AccessDenied', async () => {
    const error = await sts(credentials('AKIDMANAGEMENT'))
      .send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MEMBERS[1]}:role/ReachmapRead`, RoleSessionName: 'reachmap' }))
      .catch((e: unknown) => e);
    expect((error as { name: string }).name).toBe('AccessDenied');
  });
});
