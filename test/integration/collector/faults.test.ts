// The collector against an AWS that pages, throttles, refuses, lags and
// expires credentials: the snapshot stays complete, or says exactly what is
// missing, or the run stops with one clear line.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONCURRENCY } from '../../../shared/aws/collect/collect.js';
import { collectLiveSnapshot } from '../../../shared/aws/collect/node.js';
import { CollectCancelledError, CollectError } from '../../../shared/aws/collect/errors.js';
import { CredentialsError } from '../../../shared/aws/credentials/problems.js';
import type { RawRegion, RawSnapshot } from '../../../shared/aws/raw.js';
import { readSnapshotPath } from '../../../shared/aws/read/node.js';
import type { AwsTestServer } from '../../aws-server/server.js';
import { collectAllAccounts, demoSnapshot, isolateAwsEnvironment, readSample, semanticModel, serve } from './helpers.js';

const DEMO_ACCOUNT = '111122223333';

function withoutKey(raw: RawSnapshot, key: string): RawSnapshot {
  const accounts = Object.fromEntries(
    Object.entries(raw.accounts).map(([account, regions]) => [
      account,
      Object.fromEntries(
        Object.entries(regions).map(([region, data]) => {
          const { [key]: _dropped, ...rest } = data;
          return [region, rest as RawRegion];
        }),
      ),
    ]),
  );
  return { ...raw, accounts };
}

describe('collector faults', () => {
  let server: AwsTestServer | undefined;
  let home = '';
  beforeEach(() => {
    home = isolateAwsEnvironment();
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('reads every page when AWS answers one item a page', async () => {
    const original = await readSnapshotPath(demoSnapshot);
    server = await serve(original, { pageSize: 1 });
    const collected = await collectAllAccounts(server, original);
    expect(collected.errors).toEqual([]);
    expect(semanticModel(collected)).toEqual(semanticModel(original));
    // the demo's workload account holds 26 ENIs in us-east-1 (prod's 13 instances, its NAT and TGW ENIs; shared-services' 5 instances
    // and 2 TGW ENIs; the four load balancer nodes): 26 pages, the last without a token
    const eniCalls = server.calls.filter((call) => call.action === 'DescribeNetworkInterfaces' && call.region === 'us-east-1' && call.account === DEMO_ACCOUNT);
    expect(eniCalls).toHaveLength(26);
    // acme-prod-alb's HTTPS listener has two rules (10 and the default), acme-shared-logs-nlb's TCP listener one: 3 pages
    expect(server.calls.filter((call) => call.action === 'DescribeRules')).toHaveLength(3);
    const region = collected.accounts['111122223333']!['us-east-1']!;
    expect((region.LoadBalancerRules ?? []).map((entry) => (entry.Rules ?? []).map((rule) => rule.Priority))).toEqual([['10', 'default'], ['default']]);
  });

  it('rides out RequestLimitExceeded and Throttling with the SDK retry, the snapshot complete', async () => {
    const original = await readSample('test-load-balancer');
    server = await serve(original, {
      throttleFirst: { GetCallerIdentity: 1, DescribeNetworkInterfaces: 2, DescribeSecurityGroups: 1, DescribeTargetHealth: 2 },
    });
    const collected = await collectAllAccounts(server, original);
    expect(collected.errors).toEqual([]);
    expect(semanticModel(collected)).toEqual(semanticModel(original));
    const refused = (action: string) => server!.calls.filter((call) => call.action === action && call.status !== 200);
    expect(refused('DescribeNetworkInterfaces').map((call) => call.status)).toEqual([503, 503]);
    expect(refused('GetCallerIdentity').map((call) => call.status)).toEqual([400]);
    expect(refused('DescribeTargetHealth')).toHaveLength(2);
    expect(collected.accounts.unknown!['us-east-2']!.LoadBalancerTargetHealth).toHaveLength(4);
  });

  it('records UnauthorizedOperation on one API in errors and keeps the rest', async () => {
    const original = await readSnapshotPath(demoSnapshot);
    server = await serve(original, { denied: ['DescribeNatGateways'] });
    const collected = await collectAllAccounts(server, original);
    const message = 'You are not authorized to perform this operation.';
    expect(collected.errors).toEqual(
      expect.arrayContaining([
        { account: DEMO_ACCOUNT, region: 'us-east-1', api: 'DescribeNatGateways', code: 'UnauthorizedOperation', message, key: 'NatGateways' },
        { account: DEMO_ACCOUNT, region: 'eu-west-1', api: 'DescribeNatGateways', code: 'UnauthorizedOperation', message, key: 'NatGateways' },
        { account: '444455556666', region: 'us-east-1', api: 'DescribeNatGateways', code: 'UnauthorizedOperation', message, key: 'NatGateways' },
      ]),
    );
    // the workload account's two regions and the network account's one
    expect(collected.errors).toHaveLength(3);
    for (const region of Object.values(collected.accounts[DEMO_ACCOUNT]!)) expect(region).not.toHaveProperty('NatGateways');
    // everything else imports as the original does without its NAT gateways, with the same errors
    const expected = { ...withoutKey(original, 'NatGateways'), errors: collected.errors };
    expect(semanticModel(collected)).toEqual(semanticModel(expected));
  });

  it('records AccessDenied on a per-resource ELB call for each resource', async () => {
    const original = await readSample('test-load-balancer');
    server = await serve(original, { denied: ['DescribeTargetHealth'] });
    const collected = await collectAllAccounts(server, original);
    const targetGroups = ['target1/10b6be82e58c40a8', 'target2/83497c665a7d7cbf', 'target3/5096a5bf6c158f19', 'test-lb-tg/8e891d8fcdf8ece8'];
    expect(collected.errors.map((error) => [error.api, error.code, error.key, error.resourceId]).sort()).toEqual(
      targetGroups.map((id) => [
        'DescribeTargetHealth',
        'AccessDenied',
        'LoadBalancerTargetHealth',
        `arn:aws:elasticloadbalancing:us-east-2:554773406868:targetgroup/${id}`,
      ]),
    );
    const region = collected.accounts.unknown!['us-east-2']!;
    expect(region.LoadBalancerTargetHealth).toEqual([]);
    expect(region.LoadBalancerListeners).toHaveLength(1);
  });

  it('fails the run, in one line, when every call is refused', async () => {
    const original = await readSample('test-subnet');
    server = await serve(original);
    const denied = ['DescribeVpcs', 'DescribeSubnets', 'DescribeRouteTables', 'DescribeSecurityGroups', 'DescribeNetworkAcls',
      'DescribeNetworkInterfaces', 'DescribeInstances', 'DescribeInternetGateways', 'DescribeEgressOnlyInternetGateways',
      'DescribeNatGateways', 'DescribeVpcPeeringConnections', 'DescribeTransitGateways', 'DescribeTransitGatewayAttachments',
      'DescribeTransitGatewayVpcAttachments', 'DescribeTransitGatewayRouteTables', 'DescribePrefixLists',
      'DescribeManagedPrefixLists', 'DescribeVpcEndpoints', 'DescribeVpnGateways', 'DescribeVpnConnections',
      'DescribeCustomerGateways', 'DescribeAddresses', 'DescribeFlowLogs', 'DescribeLoadBalancers', 'DescribeTargetGroups'];
    server.faults.denied = denied;
    const run = collectLiveSnapshot({ regions: ['us-east-2'], endpointUrl: server.url });
    await expect(run).rejects.toThrow(CollectError);
    await expect(run).rejects.toThrow(/^every AWS call failed; the first: Describe\w+ in us-east-2: (UnauthorizedOperation|AccessDenied): /);
  });

  it('stops a slow collection when its AbortSignal fires', async () => {
    const original = await readSnapshotPath(demoSnapshot);
    server = await serve(original, { latencyMs: 400 });
    const controller = new AbortController();
    const seen: string[] = [];
    const run = collectLiveSnapshot({
      regions: 'all',
      endpointUrl: server.url,
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.api) seen.push(progress.api);
        // cancel once the region calls are under way
        if (progress.region && !controller.signal.aborted) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(CollectCancelledError);
    expect(seen).toContain('GetCallerIdentity');
    const calls = server.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 600));
    // nothing more is sent after the cancel: at most what was already in flight arrives
    expect(server.calls.length).toBeLessThanOrEqual(calls + DEFAULT_CONCURRENCY);
    expect(server.calls.filter((call) => call.action === 'DescribeNetworkInterfaces').length).toBeLessThanOrEqual(2);
  });

  it('gives up on an answer that never comes: the call is recorded as timed out, the rest is read', async () => {
    const original = await readSnapshotPath(demoSnapshot);
    server = await serve(original, { hang: ['DescribeVpcEndpoints'] });
    const collected = await collectLiveSnapshot({ regions: ['us-east-1'], endpointUrl: server.url, requestTimeoutMs: 300, maxAttempts: 2 });
    expect(collected.errors).toEqual([
      expect.objectContaining({
        api: 'DescribeVpcEndpoints',
        region: 'us-east-1',
        code: 'TimeoutError',
        message: 'no answer in time, asked 2 times',
        key: 'VpcEndpoints',
      }),
    ]);
    // asked again once (maxAttempts 2), then given up
    expect(server.calls.filter((call) => call.action === 'DescribeVpcEndpoints')).toHaveLength(2);
    const region = Object.values(collected.accounts)[0]!['us-east-1']!;
    expect(region.VpcEndpoints).toBeUndefined();
    expect(region.Vpcs?.length).toBe(original.accounts['111122223333']!['us-east-1']!.Vpcs!.length);
  });

  it('says to log in again when the session token has expired', async () => {
    const original = await readSample('test-subnet');
    server = await serve(original, { expiredCredentials: true });
    const run = collectLiveSnapshot({ regions: ['us-east-2'], endpointUrl: server.url });
    await expect(run).rejects.toBeInstanceOf(CredentialsError);
    await expect(run).rejects.toThrow(
      'The AWS credentials of profile default have expired: run `aws sso login` (or renew them) and try again',
    );
  });

  it('names the profile in the message when its credentials come from the shared credentials file', async () => {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    writeFileSync(
      path.join(home, 'credentials'),
      '[prod]\naws_access_key_id = AKIDREACHMAPACCT0\naws_secret_access_key = reachmap-test-secret\naws_session_token = old\n',
    );
    const original = await readSample('test-subnet');
    server = await serve(original);
    const collected = await collectLiveSnapshot({ profile: 'prod', regions: ['us-east-2'], endpointUrl: server.url });
    expect(collected.source.profile).toBe('prod');
    expect(collected.accounts.unknown!['us-east-2']!.Subnets).toHaveLength(original.accounts.unknown!['us-east-2']!.Subnets!.length);

    server.faults.expiredCredentials = true;
    await expect(collectLiveSnapshot({ profile: 'prod', regions: ['us-east-2'], endpointUrl: server.url })).rejects.toThrow(
      'The AWS credentials of profile prod have expired: run `aws sso login --profile prod` (or renew them) and try again',
    );
  });

  it('says so, and sends nothing, when there are no credentials at all', async () => {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    const original = await readSample('test-subnet');
    server = await serve(original);
    await expect(collectLiveSnapshot({ regions: ['us-east-2'], endpointUrl: server.url })).rejects.toThrow(
      'No AWS credentials found for profile default: run `aws configure` or `aws sso login`',
    );
    await expect(collectLiveSnapshot({ profile: 'nope', regions: ['us-east-2'], endpointUrl: server.url })).rejects.toThrow(
      'AWS profile nope was not found in the AWS config or credentials file (see `reachmap profiles`)',
    );
    expect(server.calls).toEqual([]);
  });

  it('says to run `aws sso login` when the SSO session of the profile has expired', async () => {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    const startUrl = 'https://reachmap-test.awsapps.com/start';
    writeFileSync(
      path.join(home, 'config'),
      `[profile corp]\nsso_start_url = ${startUrl}\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\nregion = us-east-1\n`,
    );
    // the AWS CLI's token cache, named by the SHA-1 of the start URL, with a token that expired in 2020
    const cache = path.join(home, '.aws/sso/cache');
    mkdirSync(cache, { recursive: true });
    writeFileSync(
      path.join(cache, `${createHash('sha1').update(startUrl).digest('hex')}.json`),
      JSON.stringify({ startUrl, region: 'us-east-1', accessToken: 'expired-token', expiresAt: '2020-01-01T00:00:00Z' }),
    );
    const previousHome = process.env.HOME;
    process.env.HOME = home;
    try {
      const original = await readSample('test-subnet');
      server = await serve(original);
      await expect(collectLiveSnapshot({ profile: 'corp', regions: ['us-east-1'], endpointUrl: server.url })).rejects.toThrow(
        'The AWS SSO session of profile corp has expired: run `aws sso login --profile corp`',
      );
      expect(server.calls).toEqual([]);
    } finally {
      process.env.HOME = previousHome;
    }
  });
});
