// Role sessions that end during an --org-role collection (issue "Across
// accounts"): STS AssumeRole's credentials last an hour by default, and a
// large organization may take longer. The local AWS server hands out sessions
// whose lifetimes the test chooses (`sessionLifetimes`, one after the other
// per account) and refuses a request signed by an ended one with
// ExpiredToken, as AWS does; expiry happens by data (an Expiration already
// past, or inside the SDK's five-minute renewal window), never by waiting.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html (DurationSeconds, Credentials.Expiration)
import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collectLiveSnapshot } from '../../../shared/aws/collect/node.js';
import { startAwsTestServer, type AwsTestServer } from '../../aws-server/server.js';
import { accounts } from '../../fixtures/engine/network.js';
import { NETWORK, sharedTransitGateway, WORKLOAD_A, WORKLOAD_B } from '../../fixtures/engine/organization.js';
import { isolateAwsEnvironment, TEST_SECRET, writeProfiles } from './helpers.js';

const ROLE = 'ReachmapRead';
const { net, a, b } = sharedTransitGateway();

let server: AwsTestServer | undefined;
async function organizationServer(sessionLifetimes: number[]): Promise<AwsTestServer> {
  server = await startAwsTestServer({
    snapshot: accounts([net, a, b]).raw,
    accessKeys: { AKIDORGNETWORK: NETWORK },
    organization: { managementAccount: NETWORK, accounts: [{ Id: NETWORK }, { Id: WORKLOAD_A }, { Id: WORKLOAD_B }], roles: { [WORKLOAD_A]: [ROLE], [WORKLOAD_B]: [ROLE] } },
    sessionLifetimes,
  });
  return server;
}

beforeAll(() => {
  isolateAwsEnvironment();
  writeProfiles({ network: 'AKIDORGNETWORK' });
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const assumedIn = (on: AwsTestServer) => on.calls.filter((call) => call.action === 'AssumeRole' && call.status === 200).length;

describe('role sessions renewed as they end', () => {
  it('the test server refuses a request signed by a session that has ended (ExpiredToken), as AWS does', async () => {
    const on = await organizationServer([-60]);
    const config = { region: 'us-east-1', endpoint: on.url };
    const sts = new STSClient({ ...config, credentials: { accessKeyId: 'AKIDORGNETWORK', secretAccessKey: TEST_SECRET } });
    const session = (await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${WORKLOAD_A}:role/${ROLE}`, RoleSessionName: 'expired' }))).Credentials!;
    // a session that ended a minute before it was handed out
    expect(session.Expiration!.getTime()).toBeLessThan(Date.now());
    const ec2 = new EC2Client({ ...config, maxAttempts: 1, credentials: { accessKeyId: session.AccessKeyId!, secretAccessKey: session.SecretAccessKey!, sessionToken: session.SessionToken! } });
    await expect(ec2.send(new DescribeVpcsCommand({}))).rejects.toMatchObject({ name: 'ExpiredToken' });
    sts.destroy();
    ec2.destroy();
  });

  it('a member\'s first session already ended: the role is assumed again and the account is read whole', async () => {
    const on = await organizationServer([-60, 3600]);
    const snapshot = await collectLiveSnapshot({ profile: 'network', orgRole: ROLE, regions: ['us-east-1'], endpointUrl: on.url });
    expect(Object.keys(snapshot.accounts).sort()).toEqual([NETWORK, WORKLOAD_A, WORKLOAD_B]);
    expect(snapshot.errors).toEqual([]);
    // two members, each entered twice: the first session, then the one that replaced it
    expect(assumedIn(on)).toBe(4);
    // nothing went out signed by the ended session
    expect(on.calls.filter((call) => call.status !== 200)).toEqual([]);
    expect(snapshot.accounts[WORKLOAD_A]!['us-east-1']!.Vpcs?.map((vpc) => vpc.VpcId)).toEqual(['vpc-a']);
  });

  it('a session ending within the SDK\'s five-minute window is renewed before it is used', async () => {
    const on = await organizationServer([120, 3600]);
    const snapshot = await collectLiveSnapshot({ profile: 'network', orgRole: ROLE, regions: ['us-east-1'], endpointUrl: on.url });
    expect(snapshot.errors).toEqual([]);
    expect(assumedIn(on)).toBe(4);
    expect(snapshot.accounts[WORKLOAD_B]!['us-east-1']!.Vpcs?.map((vpc) => vpc.VpcId)).toEqual(['vpc-b']);
  });

  it('a session that lasts is assumed once per member account', async () => {
    const on = await organizationServer([3600]);
    const snapshot = await collectLiveSnapshot({ profile: 'network', orgRole: ROLE, regions: ['us-east-1'], endpointUrl: on.url });
    expect(snapshot.errors).toEqual([]);
    expect(assumedIn(on)).toBe(2);
  });
});
