// Collecting a network from the local AWS server and importing the result
// gives the same model as importing the network's own describe JSON.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readSnapshotPath } from '../../../shared/aws/read/node.js';
import { buildModel } from '../../../shared/aws/build-model.js';
import type { AwsTestServer } from '../../aws-server/server.js';
import { collectAllAccounts, demoSnapshot, isolateAwsEnvironment, readSample, semanticModel, serve } from './helpers.js';
import { batfishSampleNames } from '../../fixtures/batfish-samples.js';

const samples = batfishSampleNames();

describe('collector round trip', () => {
  let server: AwsTestServer | undefined;
  beforeAll(() => {
    isolateAwsEnvironment();
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('covers every Batfish sample', () => {
    expect(samples.length).toBe(16);
  });

  for (const name of samples) {
    it(`collects ${name} as it was`, async () => {
      const original = await readSample(name);
      server = await serve(original);
      const collected = await collectAllAccounts(server, original);

      expect(collected.format).toBe('reachmap-snapshot/1');
      expect(collected.source.kind).toBe('aws-live');
      expect(collected.errors).toEqual([]);
      expect(Object.keys(collected.accounts).sort()).toEqual(Object.keys(original.accounts).sort());
      for (const [account, regions] of Object.entries(original.accounts)) {
        expect(Object.keys(collected.accounts[account]!).sort()).toEqual(Object.keys(regions).sort());
      }
      expect(semanticModel(collected)).toEqual(semanticModel(original));
      // every client, STS included, went to the local server
      expect(server.actions()).toContain('GetCallerIdentity');
      expect(server.actions()).toContain('DescribeRegions');
    });
  }

  it('collects the demo network as it was, managed prefix list entries and static TGW routes included', async () => {
    const original = await readSnapshotPath(demoSnapshot);
    server = await serve(original);
    const collected = await collectAllAccounts(server, original);
    expect(collected.errors).toEqual([]);
    expect(semanticModel(collected)).toEqual(semanticModel(original));
    const actions = server.actions();
    expect(actions).toContain('GetManagedPrefixListEntries');
    expect(actions).toContain('SearchTransitGatewayRoutes');
    expect(actions).toContain('GetTransitGatewayRouteTablePropagations');
  });

  it('keeps VPN tunnel status, static routes and route-table propagation (values read from the samples)', async () => {
    const vpnSample = await readSample('test-public-private-subnet');
    server = await serve(vpnSample);
    const collected = buildModel(await collectAllAccounts(server, vpnSample)).model;
    // VpnConnections.json: vpn-0504... is StaticRoutesOnly with 19.168.0.0/16 (available); VgwTelemetry 3.13.210.90 and 18.221.157.90, both DOWN.
    const connection = collected.vpnConnections.get('vpn-05044757278685fd3')!;
    expect(connection.staticRoutesOnly).toBe(true);
    expect(connection.staticRoutes!.map((route) => route.cidr.text)).toEqual(['19.168.0.0/16']);
    expect(connection.tunnels!.map((tunnel) => [tunnel.outsideIp, tunnel.status])).toEqual([['3.13.210.90', 'DOWN'], ['18.221.157.90', 'DOWN']]);
    // RouteTables.json: the main table rtb-002f... has PropagatingVgws [vgw-0700...].
    expect(collected.routeTables.get('rtb-002f0eabf583bf991')!.propagatingVgwIds).toEqual(['vgw-070087240d6fa2989']);
  });

  it('keeps what the load-balancer sample says, in the collector-built keys too (values read from its JSON)', async () => {
    const original = await readSample('test-load-balancer');
    server = await serve(original);
    const collected = await collectAllAccounts(server, original);
    const region = collected.accounts.unknown!['us-east-2']!;
    const lbArn = 'arn:aws:elasticloadbalancing:us-east-2:554773406868:loadbalancer/net/test-lb/725b996cb6be8fba';
    const tgArn = 'arn:aws:elasticloadbalancing:us-east-2:554773406868:targetgroup/test-lb-tg/8e891d8fcdf8ece8';

    const listeners = region.LoadBalancerListeners as { LoadBalancerArn: string; Listeners: Record<string, unknown>[] }[];
    expect(listeners).toHaveLength(1);
    expect(listeners[0]!.LoadBalancerArn).toBe(lbArn);
    expect(listeners[0]!.Listeners).toMatchObject([
      { Port: 80, Protocol: 'TCP', DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn, Order: 1 }] },
    ]);

    const attributes = region.LoadBalancerAttributes as { LoadBalancerArn: string; Attributes: { Key: string; Value: string }[] }[];
    expect(attributes[0]!.Attributes).toContainEqual({ Key: 'load_balancing.cross_zone.enabled', Value: 'true' });

    // four target groups in the sample; only test-lb-tg has targets
    const health = region.LoadBalancerTargetHealth as { TargetGroupArn: string; TargetHealthDescriptions: unknown[] }[];
    expect(health).toHaveLength(4);
    expect(health.find((entry) => entry.TargetGroupArn === tgArn)!.TargetHealthDescriptions).toEqual([
      { HealthCheckPort: '22', Target: { Id: 'i-0f4af951d61a19245', Port: 22 }, TargetHealth: { State: 'healthy' } },
      { HealthCheckPort: '22', Target: { Id: 'i-055b0db7be365202c', Port: 22 }, TargetHealth: { State: 'healthy' } },
    ]);

    // the default group allows everything from its own members: a group pair, `groups` in EC2's XML
    const groups = region.SecurityGroups as { GroupId: string; IpPermissions: unknown[] }[];
    expect(groups.find((group) => group.GroupId === 'sg-014dccc589d557a6b')!.IpPermissions).toEqual([
      {
        IpProtocol: '-1',
        IpRanges: [],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [{ UserId: '554773406868', GroupId: 'sg-014dccc589d557a6b' }],
      },
    ]);

    // timestamps come back as ISO strings ("2020-02-25 04:56:34+00:00" in the sample)
    const enis = region.NetworkInterfaces as unknown as { NetworkInterfaceId: string; Attachment?: { AttachTime?: string } }[];
    expect(enis.find((eni) => eni.NetworkInterfaceId === 'eni-02e730a1b02dbc756')!.Attachment!.AttachTime).toBe(
      '2020-02-25T04:56:34.000Z',
    );
    expect(JSON.stringify(collected)).not.toContain('$metadata');
  });
});
