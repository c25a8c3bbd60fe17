// Collecting several accounts into one snapshot, with the real SDK clients
// against the local AWS server (which chooses the account by the access key,
// answers Organizations ListAccounts and STS AssumeRole): a three-account
// organization (test/fixtures/engine/organization.ts: a network account that
// shares its transit gateway with two workload accounts) read through
// --org-role, and through three profiles, gives the same snapshot once
// merged. A role that cannot be assumed leaves its account unknown and the
// rest goes on. The IAM policies are checked both ways in the mode that
// sends them: docs/iam-policy.json for every collected account,
// docs/iam-policy-org-caller.json for what --org-role adds to the caller.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../../shared/aws/build-model.js';
import { collectLiveSnapshot } from '../../../shared/aws/collect/node.js';
import { mergeSnapshots } from '../../../shared/aws/merge.js';
import type { RawSnapshot } from '../../../shared/aws/raw.js';
import { analyzeFlow } from '../../../shared/engine/index.js';
import { startAwsTestServer, type AwsTestServer } from '../../aws-server/server.js';
import type { TestOrganization } from '../../aws-server/organizations.js';
import { accounts } from '../../fixtures/engine/network.js';
import { NETWORK, sharedTransitGateway, WORKLOAD_A, WORKLOAD_B } from '../../fixtures/engine/organization.js';
import { ensureBuilt } from '../cli/run-cli.js';
import { isolateAwsEnvironment, repoRoot, writeProfiles } from './helpers.js';

const ROLE = 'ReachmapRead';
const KEYS = { AKIDORGNETWORK: NETWORK, AKIDORGWORKLOADA: WORKLOAD_A, AKIDORGWORKLOADB: WORKLOAD_B };
const PROFILE_KEYS: Record<string, string> = { network: 'AKIDORGNETWORK', 'workload-a': 'AKIDORGWORKLOADA', 'workload-b': 'AKIDORGWORKLOADB' };
const { net, a, b } = sharedTransitGateway({ tgwReferencing: 'enable' });
const served: RawSnapshot = accounts([net, a, b]).raw;
const organization = (roles: Record<string, string[]>): TestOrganization => ({
  managementAccount: NETWORK,
  accounts: [
    { Id: NETWORK, Name: 'network' },
    { Id: WORKLOAD_A, Name: 'workload-a' },
    { Id: WORKLOAD_B, Name: 'workload-b' },
    { Id: '555555555555', Name: 'closed', Status: 'SUSPENDED' },
  ],
  roles,
});

interface Policy {
  Statement: { Effect: string; Action: string[]; Resource: string }[];
}
const policyActions = (file: string) => new Set((JSON.parse(readFileSync(path.join(repoRoot, file), 'utf8')) as Policy).Statement.flatMap((s) => s.Action));
const IAM_PREFIX = { ec2: 'ec2', elbv2: 'elasticloadbalancing', sts: 'sts', organizations: 'organizations', logs: 'logs' } as const;

describe('several accounts in one snapshot', () => {
  let server: AwsTestServer;
  let refusing: AwsTestServer;
  let home: string;

  beforeAll(async () => {
    home = isolateAwsEnvironment();
    // one profile per account, static keys; the network profile is the organization's management account
    writeProfiles(PROFILE_KEYS);
    server = await startAwsTestServer({ snapshot: served, accessKeys: KEYS, organization: organization({ [WORKLOAD_A]: [ROLE], [WORKLOAD_B]: [ROLE] }), faults: { pageSize: 2 } });
    // workload B has no such role: AssumeRole is refused there
    refusing = await startAwsTestServer({ snapshot: served, accessKeys: KEYS, organization: organization({ [WORKLOAD_A]: [ROLE] }) });
  });
  afterAll(async () => {
    await server.close();
    await refusing.close();
  });

  const collect = (options: Parameters<typeof collectLiveSnapshot>[0], on = server) => collectLiveSnapshot({ regions: ['us-east-1'], endpointUrl: on.url, ...options });

  it('--org-role collects every active account of the organization (ListAccounts paged by 2), the caller\'s own with its own credentials', async () => {
    server.calls.length = 0;
    const snapshot = await collect({ profile: 'network', orgRole: ROLE });
    expect(Object.keys(snapshot.accounts).sort()).toEqual([NETWORK, WORKLOAD_A, WORKLOAD_B]);
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.source.accountNames).toEqual({ [NETWORK]: 'network', [WORKLOAD_A]: 'workload-a', [WORKLOAD_B]: 'workload-b' });
    // four accounts in pages of two: two pages; a role assumed in each member account, none in the caller's own
    expect(server.calls.filter((call) => call.action === 'ListAccounts')).toHaveLength(2);
    expect(server.calls.filter((call) => call.action === 'AssumeRole').map((call) => call.account)).toEqual([NETWORK, NETWORK]);
    const describedBy = new Set(server.calls.filter((call) => call.action === 'DescribeVpcs').map((call) => call.account));
    expect([...describedBy].sort()).toEqual([NETWORK, WORKLOAD_A, WORKLOAD_B]);
  });

  it('three profiles, collected at once or one by one and merged, give the snapshot --org-role gives', async () => {
    const org = mergeSnapshots([{ raw: await collect({ profile: 'network', orgRole: ROLE }), label: 'org.json' }]).raw;
    const atOnce = await collect({ profiles: ['network', 'workload-a', 'workload-b'] });
    expect(atOnce.source.profiles).toEqual(['network', 'workload-a', 'workload-b']);
    const oneByOne = await Promise.all(Object.keys(PROFILE_KEYS).map(async (profile) => ({ raw: await collect({ profile }), label: `${profile}.json` })));
    const merged = mergeSnapshots(oneByOne).raw;
    expect(merged.accounts).toEqual(org.accounts);
    expect(mergeSnapshots([{ raw: atOnce, label: 'all.json' }]).raw.accounts).toEqual(org.accounts);
    // and it answers across the accounts: A to B through N's transit gateway
    const answer = analyzeFlow(buildModel(merged).model, { from: 'i-a', to: 'i-b', port: 443 });
    expect(answer.verdict).toBe('reachable');
  });

  it('an account whose role cannot be assumed is an error (region "*", sts:AssumeRole) and the rest go on; paths into it are unknown', async () => {
    const snapshot = await collect({ profile: 'network', orgRole: ROLE }, refusing);
    expect(Object.keys(snapshot.accounts).sort()).toEqual([NETWORK, WORKLOAD_A]);
    expect(snapshot.errors).toEqual([
      expect.objectContaining({ account: WORKLOAD_B, region: '*', api: 'sts:AssumeRole', code: 'AccessDenied' }),
    ]);
    expect(snapshot.errors[0]!.message).toContain(`arn:aws:iam::${WORKLOAD_B}:role/${ROLE}`);
    const answer = analyzeFlow(buildModel(snapshot).model, { from: 'i-a', to: '10.2.1.10', port: 443 });
    expect(answer.verdict).toBe('unknown');
    expect(answer.blocked).toMatchObject({ id: 'tgw-attach-b', code: 'UNKNOWN_RESOURCE' });
    expect(answer.blocked!.detail).toContain(`vpc-b of account ${WORKLOAD_B} is not in this snapshot`);
  });

  it('--accounts chooses accounts; one that is not an active member is refused before anything is read', async () => {
    const snapshot = await collect({ profile: 'network', orgRole: ROLE, accounts: [WORKLOAD_A] });
    expect(Object.keys(snapshot.accounts)).toEqual([WORKLOAD_A]);
    await expect(collect({ profile: 'network', orgRole: ROLE, accounts: ['555555555555'] })).rejects.toThrow('--accounts: 555555555555 is not an active account of the organization');
  });

  it('docs/iam-policy.json is what each collected account is sent, docs/iam-policy-org-caller.json what --org-role adds for the caller (both ways)', async () => {
    server.calls.length = 0;
    await collect({ profile: 'network', orgRole: ROLE });
    const sentBy = (account: string) => new Set(server.calls.filter((call) => call.account === account).map((call) => `${IAM_PREFIX[call.service]}:${call.action}`));
    const member = policyActions('docs/iam-policy.json');
    const caller = policyActions('docs/iam-policy-org-caller.json');
    for (const account of [WORKLOAD_A, WORKLOAD_B]) expect([...sentBy(account)].filter((action) => !member.has(action))).toEqual([]);
    const byCaller = sentBy(NETWORK);
    expect([...byCaller].filter((action) => !member.has(action) && !caller.has(action))).toEqual([]);
    // every action of the caller policy is sent, and none of them is a member account's
    expect([...caller].filter((action) => !byCaller.has(action))).toEqual([]);
    expect([...caller].filter((action) => member.has(action))).toEqual([]);
  });

  it('`reachmap snapshot --org-role` shows the accounts in its progress and warns about an account it could not enter', async () => {
    ensureBuilt();
    const out = path.join(home, 'org.json');
    const run = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [path.join(repoRoot, 'bin/reachmap.js'), 'snapshot', '--profile', 'network', '--org-role', ROLE, '--regions', 'us-east-1', '--endpoint-url', refusing.url, '--out', out],
        { cwd: repoRoot, env: { ...process.env, REACHMAP_DEBUG: '' } },
        (error, _stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr }),
      );
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`snapshot: \\d+/\\d+ calls, \\d+ resources, (${NETWORK}|${WORKLOAD_A}) us-east-1 `));
    expect(run.stderr).toContain(`warning: account ${WORKLOAD_B} could not be read (sts:AssumeRole refused: AccessDenied`);
    // one region in each of the two accounts read
    expect(run.stderr).toContain(`snapshot: account ${NETWORK}, ${WORKLOAD_A}, 2 region(s)`);
    const bad = await new Promise<number>((resolve) =>
      execFile(process.execPath, [path.join(repoRoot, 'bin/reachmap.js'), 'snapshot', '--accounts', '12345', '--org-role', ROLE, '--out', out], { cwd: repoRoot }, (error) =>
        resolve(error && typeof error.code === 'number' ? error.code : 0),
      ),
    );
    expect(bad).toBe(2);
  });
});
