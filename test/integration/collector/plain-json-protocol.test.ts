// Our plain-JSON protocols against the SDK's own reading of the same answers:
// every Batfish sample and the demo network, served by the local AWS server
// in pages of 3 (so that NextToken / NextMarker members appear), collected
// once with PlainJsonEc2QueryProtocol / PlainJsonQueryProtocol and once with
// the SDK's default protocols. The two snapshots must be the same; the SDK is
// the independent implementation the plan reader is held to.
import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { STSClient } from '@aws-sdk/client-sts';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collectSnapshot, type CollectClients } from '../../../shared/aws/collect/collect.js';
import type { RegionClients } from '../../../shared/aws/collect/sdk-calls.js';
import { isPlainJsonAnswer, PlainJsonEc2QueryProtocol, PlainJsonQueryProtocol } from '../../../shared/aws/collect/xml/protocols.js';
import type { RawError, RawRegion, RawSnapshot } from '../../../shared/aws/raw.js';
import { readSnapshotPath } from '../../../shared/aws/read/node.js';
import type { AwsTestServer, Faults } from '../../aws-server/server.js';
import { accessKeysOf, demoSnapshot, isolateAwsEnvironment, readSample, serve } from './helpers.js';
import { batfishSampleNames } from '../../fixtures/batfish-samples.js';

type Reading = 'plain-json' | 'sdk';

const SECRET = 'reachmap-test-secret';
const HOME_REGION = 'us-east-1';
/** small pages: every list of more than 3 items is read over several answers, each with its page token */
const PAGED: Faults = { pageSize: 3 };

const samples = batfishSampleNames();

/** Clients for one access key, reading answers our way or the SDK's. */
function clientsFor(server: AwsTestServer, accessKeyId: string, reading: Reading): { clients: CollectClients; destroy: () => void } {
  const common = { endpoint: server.url, credentials: { accessKeyId, secretAccessKey: SECRET } };
  const regional = new Map<string, RegionClients>();
  const forRegion = (region: string): RegionClients => {
    let pair = regional.get(region);
    if (!pair) {
      pair =
        reading === 'plain-json'
          ? {
              ec2: new EC2Client({ ...common, region, protocol: PlainJsonEc2QueryProtocol }),
              elbv2: new ElasticLoadBalancingV2Client({ ...common, region, protocol: PlainJsonQueryProtocol }),
            }
          : { ec2: new EC2Client({ ...common, region }), elbv2: new ElasticLoadBalancingV2Client({ ...common, region }) };
      regional.set(region, pair);
    }
    return pair;
  };
  const sts = new STSClient({ ...common, region: HOME_REGION });
  return {
    clients: { sts, home: forRegion(HOME_REGION), forRegion },
    destroy: () => {
      sts.destroy();
      for (const pair of regional.values()) {
        pair.ec2.destroy();
        pair.elbv2.destroy();
      }
    },
  };
}

/** Every account of the served snapshot, one collection per access key, merged as collectAllAccounts does. */
async function collectEveryAccount(server: AwsTestServer, raw: RawSnapshot, reading: Reading): Promise<RawSnapshot> {
  const accounts: Record<string, Record<string, RawRegion>> = {};
  const errors: RawError[] = [];
  let first: RawSnapshot | undefined;
  for (const accessKeyId of Object.keys(accessKeysOf(raw))) {
    const { clients, destroy } = clientsFor(server, accessKeyId, reading);
    try {
      const snapshot = await collectSnapshot(clients, { regions: 'all', profile: 'test' });
      first ??= snapshot;
      Object.assign(accounts, snapshot.accounts);
      errors.push(...snapshot.errors);
    } finally {
      destroy();
    }
  }
  return { ...first!, accounts, errors };
}

function withoutCreatedAt(snapshot: RawSnapshot): Omit<RawSnapshot, 'createdAt'> {
  const { createdAt: _createdAt, ...rest } = snapshot;
  return rest;
}

/** Resources read in all, so that "both empty" cannot pass for "both the same". */
function rowCount(snapshot: RawSnapshot): number {
  let rows = 0;
  for (const regions of Object.values(snapshot.accounts)) {
    for (const region of Object.values(regions)) {
      for (const list of Object.values(region)) rows += Array.isArray(list) ? list.length : 0;
    }
  }
  return rows;
}

/** The same (action, account, region, resource) asked more than once: a list read over several pages. */
function pagedCalls(server: AwsTestServer): number {
  const seen = new Map<string, number>();
  for (const call of server.calls) {
    const key = `${call.action} ${call.account} ${call.region} ${call.resourceId ?? ''}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen.values()].filter((count) => count > 1).length;
}

describe('plain-JSON protocols read answers as the SDK does', () => {
  let server: AwsTestServer | undefined;
  beforeAll(() => {
    isolateAwsEnvironment();
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** Both collections of one snapshot, each checked to have read something. */
  async function collectBothWays(raw: RawSnapshot, faults: Faults): Promise<{ ours: RawSnapshot; sdk: RawSnapshot }> {
    server = await serve(raw, faults);
    // at the same time: most of a collection is waiting on the server
    const [ours, sdk] = await Promise.all([collectEveryAccount(server, raw, 'plain-json'), collectEveryAccount(server, raw, 'sdk')]);
    for (const snapshot of [ours, sdk]) {
      expect(Object.keys(snapshot.accounts).sort()).toEqual(Object.keys(raw.accounts).sort());
      for (const regions of Object.values(snapshot.accounts)) expect(Object.keys(regions).length).toBeGreaterThan(0);
      expect(rowCount(snapshot)).toBeGreaterThan(0);
    }
    return { ours, sdk };
  }

  it('covers every Batfish sample', () => {
    expect(samples.length).toBe(16);
  });

  it('really reads answers two ways: only our protocols give plain-JSON answers', async () => {
    const raw = await readSample('test-load-balancer');
    server = await serve(raw, PAGED);
    const [accessKeyId] = Object.keys(accessKeysOf(raw));
    const region = Object.keys(Object.values(raw.accounts)[0]!)[0]!;
    for (const reading of ['plain-json', 'sdk'] as const) {
      const { clients, destroy } = clientsFor(server, accessKeyId!, reading);
      try {
        const pair = clients.forRegion(region);
        const vpcs = await pair.ec2.send(new DescribeVpcsCommand({}));
        const balancers = await pair.elbv2.send(new DescribeLoadBalancersCommand({}));
        expect(vpcs.Vpcs?.length).toBeGreaterThan(0);
        expect(balancers.LoadBalancers?.length).toBeGreaterThan(0);
        expect([isPlainJsonAnswer(vpcs), isPlainJsonAnswer(balancers)]).toEqual(reading === 'plain-json' ? [true, true] : [false, false]);
      } finally {
        destroy();
      }
    }
  });

  for (const name of samples) {
    it(`collects ${name} the same both ways`, async () => {
      const { ours, sdk } = await collectBothWays(await readSample(name), PAGED);
      expect(ours.errors).toEqual([]);
      expect(withoutCreatedAt(ours)).toEqual(withoutCreatedAt(sdk));
    });
  }

  it('collects the demo network the same both ways, over many pages', async () => {
    const { ours, sdk } = await collectBothWays(await readSnapshotPath(demoSnapshot), PAGED);
    expect(ours.errors).toEqual([]);
    expect(withoutCreatedAt(ours)).toEqual(withoutCreatedAt(sdk));
    expect(pagedCalls(server!)).toBeGreaterThan(0);
  });

  it("leaves a refused EC2 call to the SDK's typed error: UnauthorizedOperation both ways", async () => {
    const raw = await readSample('test-subnet');
    const { ours, sdk } = await collectBothWays(raw, { ...PAGED, denied: ['DescribeSubnets'] });
    const regions = Object.values(raw.accounts).flatMap((byRegion) => Object.keys(byRegion));
    for (const snapshot of [ours, sdk]) {
      const refused = snapshot.errors.filter((error) => error.api === 'DescribeSubnets');
      expect(refused.map((error) => error.code)).toEqual(regions.map(() => 'UnauthorizedOperation'));
      expect(snapshot.errors).toHaveLength(refused.length);
    }
    expect(withoutCreatedAt(ours)).toEqual(withoutCreatedAt(sdk));
  });

  it("leaves a refused ELBv2 call to the SDK's error: AccessDenied both ways", async () => {
    const raw = await readSample('test-load-balancer');
    const { ours, sdk } = await collectBothWays(raw, { ...PAGED, denied: ['DescribeLoadBalancers'] });
    for (const snapshot of [ours, sdk]) {
      const refused = snapshot.errors.filter((error) => error.api === 'DescribeLoadBalancers');
      expect(refused.length).toBeGreaterThan(0);
      expect(new Set(refused.map((error) => error.code))).toEqual(new Set(['AccessDenied']));
    }
    expect(withoutCreatedAt(ours)).toEqual(withoutCreatedAt(sdk));
  });
});
