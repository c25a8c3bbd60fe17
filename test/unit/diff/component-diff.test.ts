/* eslint-disable @typescript-eslint/no-explicit-any -- describe JSON edited by hand, as AWS returns it */
// The component diff (shared/aws/diff) on the Batfish samples and the demo,
// each against changes made on purpose in a copy: the expected edits are
// written from the data by hand. Reordering (ACL entries, a group's rules, how
// rules are grouped into permissions) is no change; what one side could not
// read is "not compared", never a deletion.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { diffRawSnapshots } from '../../../shared/aws/diff/compare.js';
import type { RawSnapshot } from '../../../shared/aws/raw.js';
import { readSnapshotPath } from '../../../shared/aws/read/node.js';
import { batfishSampleNames, batfishSamplesDir } from '../../fixtures/batfish-samples.js';

type Json = Record<string, any>;
const repoRoot = path.resolve(import.meta.dirname, '../../..');
const copy = <T>(value: T): T => structuredClone(value);

/** the one region of a one-region snapshot (the Batfish samples), to edit */
function onlyRegion(raw: RawSnapshot): Json {
  const accounts = Object.values(raw.accounts);
  const regions = Object.values(accounts[0]!);
  return regions[0] as Json;
}
const texts = (raw: ReturnType<typeof diffRawSnapshots>) => raw.changes.map((change) => [change.change, change.id, change.edits.map((edit) => edit.text)]);

describe('nothing changed', () => {
  it.each(batfishSampleNames())('%s against a second reading of itself: no change, nothing left uncompared', async (name) => {
    const folder = path.join(batfishSamplesDir, name);
    const before = await readSnapshotPath(folder);
    const after = await readSnapshotPath(folder);
    const diff = diffRawSnapshots(before, after);
    expect(diff.changes).toEqual([]);
    expect(diff.notCompared).toEqual([]);
    expect(diff.compared).toBeGreaterThan(0);
  });

  it('reordered ACL entries are no change (entries compare by direction and number)', async () => {
    const before = await readSnapshotPath(path.join(batfishSamplesDir, 'test-public-subnet'));
    const after = copy(before);
    for (const acl of onlyRegion(after).NetworkAcls) acl.Entries.reverse();
    expect(diffRawSnapshots(before, after).changes).toEqual([]);
  });

  it("a group's rules reordered, split into one permission per peer, or merged, are no change (rules are a set)", async () => {
    const before = await readSnapshotPath(path.join(repoRoot, 'assets/demo/demo-snapshot.json'));
    const after = copy(before);
    const region = (after.accounts['111122223333']!['us-east-1'] as Json);
    const db = region.SecurityGroups.find((g: Json) => g.GroupId === 'sg-0de00000000000104');
    // 5432 from three groups in one permission, then 22 from the bastion, then 9100 from the network account: split the first into three and put them last
    const [postgres, ssh, ...others] = db.IpPermissions;
    db.IpPermissions = [ssh, ...others, ...postgres.UserIdGroupPairs.reverse().map((pair: Json) => ({ ...postgres, UserIdGroupPairs: [pair] }))];
    for (const group of region.SecurityGroups) group.IpPermissionsEgress.reverse();
    expect(diffRawSnapshots(before, after).changes).toEqual([]);
  });
});

describe('changes made on purpose', () => {
  let publicSubnet: RawSnapshot;
  beforeAll(async () => {
    publicSubnet = await readSnapshotPath(path.join(batfishSamplesDir, 'test-public-subnet'));
  });

  it('test-public-subnet: a rule added and one removed, an ACL entry replaced, a route retargeted, a Name tag, an instance stopped', () => {
    const after = copy(publicSubnet);
    const region = onlyRegion(after);
    const wizard = region.SecurityGroups.find((g: Json) => g.GroupId === 'sg-09ccba6656672061b');
    // SSH from anywhere becomes SSH from one office block, plus HTTPS from anywhere
    wizard.IpPermissions = [
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '203.0.113.0/24' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] },
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] },
    ];
    const acl = region.NetworkAcls.find((a: Json) => a.NetworkAclId === 'acl-0d9449710ec85473c');
    const inbound100 = acl.Entries.find((e: Json) => e.RuleNumber === 100 && e.Egress === false);
    inbound100.RuleAction = 'deny';
    const table = region.RouteTables.find((t: Json) => t.RouteTableId === 'rtb-0489000c9e6c299e8');
    const defaultRoute = table.Routes.find((r: Json) => r.DestinationCidrBlock === '0.0.0.0/0');
    delete defaultRoute.GatewayId;
    defaultRoute.NatGatewayId = 'nat-0123456789abcdef0';
    table.Tags = [...(table.Tags ?? []), { Key: 'Name', Value: 'public-routes' }];
    const instance = region.Reservations[0].Instances[0];
    instance.State = { Code: 80, Name: 'stopped' };

    const diff = diffRawSnapshots(publicSubnet, after);
    expect(texts(diff)).toEqual([
      ['modified', 'rtb-0489000c9e6c299e8', ['route 0.0.0.0/0 retargeted: igw-0a409e562d251f766 -> nat-0123456789abcdef0', 'tag Name=public-routes added']],
      ['modified', 'acl-0d9449710ec85473c', ['ingress entry 100: allow all traffic from 0.0.0.0/0 -> deny all traffic from 0.0.0.0/0']],
      ['modified', 'sg-09ccba6656672061b', ['ingress tcp 22 from 0.0.0.0/0 removed', 'ingress tcp 22 from 203.0.113.0/24 added', 'ingress tcp 443 from 0.0.0.0/0 added']],
      ['modified', 'i-06669a407b2ef3ae5', ['State.Code: 16 -> 80', 'State.Name: running -> stopped']],
    ]);
    const route = diff.changes[0]!;
    expect(route).toMatchObject({ kind: 'route-table', key: 'RouteTables', name: 'public-routes' });
    expect(route.edits[0]).toMatchObject({ subject: 'route', change: 'changed', before: { destination: '0.0.0.0/0', target: 'igw-0a409e562d251f766', state: 'active' }, after: { target: 'nat-0123456789abcdef0' } });
    expect(route.edits[1]).toMatchObject({ subject: 'name', path: 'Tags.Name' });
    expect(diff.changes[2]!.edits[2]!.after).toEqual({ direction: 'ingress', protocol: 'tcp', fromPort: 443, toPort: 443, peer: '0.0.0.0/0', description: null });
    expect(diff.changes[3]).toMatchObject({ kind: 'instance', key: 'Reservations' });
  });

  it('test-public-subnet: a subnet created, a security group deleted, a blackhole route', () => {
    const after = copy(publicSubnet);
    const region = onlyRegion(after);
    const subnet = copy(region.Subnets[0]);
    subnet.SubnetId = 'subnet-0new00000000000001';
    subnet.CidrBlock = '10.0.99.0/24';
    subnet.Tags = [{ Key: 'Name', Value: 'new-private' }];
    region.Subnets.push(subnet);
    region.SecurityGroups = region.SecurityGroups.filter((g: Json) => g.GroupId !== 'sg-09ccba6656672061b');
    const table = region.RouteTables.find((t: Json) => t.RouteTableId === 'rtb-0489000c9e6c299e8');
    table.Routes.find((r: Json) => r.DestinationCidrBlock === '0.0.0.0/0').State = 'blackhole';
    const diff = diffRawSnapshots(publicSubnet, after);
    expect(diff.changes.map((c) => [c.change, c.kind, c.id, c.text])).toEqual([
      ['added', 'subnet', 'subnet-0new00000000000001', 'subnet subnet-0new00000000000001 (new-private) created'],
      ['modified', 'route-table', 'rtb-0489000c9e6c299e8', 'route table rtb-0489000c9e6c299e8: route 0.0.0.0/0 -> igw-0a409e562d251f766: active -> blackhole'],
      ['removed', 'security-group', 'sg-09ccba6656672061b', 'security group sg-09ccba6656672061b (launch-wizard-1) deleted'],
    ]);
  });

  it('test-vpn-gateway: a tunnel comes up and the gateway is detached', async () => {
    const before = await readSnapshotPath(path.join(batfishSamplesDir, 'test-vpn-gateway'));
    const after = copy(before);
    const region = onlyRegion(after);
    region.VpnConnections.find((v: Json) => v.VpnConnectionId === 'vpn-03701a53bba3c48b7').VgwTelemetry.find((t: Json) => t.OutsideIpAddress === '3.130.237.53').Status = 'UP';
    region.VpnGateways[0].VpcAttachments[0].State = 'detached';
    const diff = diffRawSnapshots(before, after);
    expect(texts(diff)).toEqual([
      ['modified', 'vpn-0c09bd7fadac961bf'.replace('vpn', 'vgw'), ['VpcAttachments[VpcId=vpc-0b966fdeb36d5e43f].State: attached -> detached']],
      ['modified', 'vpn-03701a53bba3c48b7', ['VgwTelemetry[OutsideIpAddress=3.130.237.53].Status: DOWN -> UP']],
    ]);
    expect(diff.changes.flatMap((c) => c.edits.map((e) => e.subject))).toEqual(['state', 'state']);
  });

  it('test-transit-gateway: a propagation disabled, static routes given to its table; a list the format does not know (FlowLogs) compared by its id member', async () => {
    const before = await readSnapshotPath(path.join(batfishSamplesDir, 'test-transit-gateway'));
    (onlyRegion(before) as Json).FlowLogs = [{ FlowLogId: 'fl-1', ResourceId: 'vpc-0404e08ceddf7f650', TrafficType: 'ALL' }, { FlowLogId: 'fl-2', ResourceId: 'vpc-00a31ce9d0c06675c', TrafficType: 'ALL' }];
    const after = copy(before);
    const region = onlyRegion(after);
    region.TransitGatewayPropagations[0].TransitGatewayRouteTablePropagations[1].State = 'disabled';
    region.TransitGatewayStaticRoutes[0].Routes.push({ DestinationCidrBlock: '0.0.0.0/0', State: 'blackhole', Type: 'static' });
    region.FlowLogs[0].TrafficType = 'REJECT';
    region.FlowLogs.pop();
    const diff = diffRawSnapshots(before, after);
    expect(texts(diff)).toEqual([
      [
        'modified',
        'tgw-rtb-0fa40c8df355dce6e',
        [
          'TransitGatewayPropagations: TransitGatewayRouteTablePropagations[TransitGatewayAttachmentId=tgw-attach-0ae2696617bb06fb4].State: enabled -> disabled',
          'TransitGatewayStaticRoutes: route 0.0.0.0/0 -> none (blackhole) added',
        ],
      ],
      ['modified', 'fl-1', ['TrafficType: ALL -> REJECT']],
      ['removed', 'fl-2', []],
    ]);
    expect(diff.changes.map((c) => c.kind)).toEqual(['tgw-route-table', 'flow-log', 'flow-log']);
  });
});

describe('a pair of Batfish samples: one account, before and after a VPN gateway replaced its internet gateway', () => {
  // test-public-private-subnet and test-vpn-gateway describe the same VPC (vpc-0b966fdeb36d5e43f, us-east-2) at two
  // times. Read from their files: the public subnet, its instance and ENI, the internet gateway, the second route
  // table and the old VPN gateway are gone; the remaining table became the main one and routes 0.0.0.0/0 to the new
  // VPN gateway; the ACL lost the public subnet; the first VPN connection was deleted and a second one created.
  it('lists each change, and compares what both hold', async () => {
    const before = await readSnapshotPath(path.join(batfishSamplesDir, 'test-public-private-subnet'));
    const after = await readSnapshotPath(path.join(batfishSamplesDir, 'test-vpn-gateway'));
    const diff = diffRawSnapshots(before, after);
    const by = (what: string) => diff.changes.filter((c) => c.change === what).map((c) => c.id).sort();
    expect(by('removed')).toEqual(['eni-09da8cad43844dc1f', 'i-094a9e5b545a4fde4', 'igw-0eac198308206c358', 'rtb-002f0eabf583bf991', 'subnet-0cf7a93fbd779f3a3', 'vgw-070087240d6fa2989']);
    expect(by('added')).toEqual(['vgw-0c09bd7fadac961bf', 'vpn-03701a53bba3c48b7']);
    expect(by('modified')).toEqual(['acl-0ae73e62fae564306', 'rtb-0d20fcae075afe460', 'vpn-05044757278685fd3']);
    const edits = (id: string) => diff.changes.find((c) => c.id === id)!.edits;
    expect(edits('rtb-0d20fcae075afe460').map((e) => e.text)).toEqual([
      'association with subnet-0cf7a93fbd779f3a3 removed',
      "main association (the VPC's main table) added",
      'route 0.0.0.0/0 retargeted: igw-0eac198308206c358 -> vgw-0c09bd7fadac961bf',
    ]);
    expect(edits('acl-0ae73e62fae564306').map((e) => e.text)).toEqual(['association with subnet-0cf7a93fbd779f3a3 removed']);
    expect(edits('vpn-05044757278685fd3').find((e) => e.path === 'State')).toMatchObject({ subject: 'state', before: 'available', after: 'deleted' });
    expect(diff.notCompared).toEqual([]);
  });
});

describe('only what both sides read is compared', () => {
  let demo: RawSnapshot;
  beforeAll(async () => {
    demo = await readSnapshotPath(path.join(repoRoot, 'assets/demo/demo-snapshot.json'));
  });

  it('a region missing from the new snapshot is not compared, not 60 deletions', () => {
    const after = copy(demo) as { accounts: Record<string, Record<string, unknown>> } & RawSnapshot;
    delete after.accounts['111122223333']!['eu-west-1'];
    const diff = diffRawSnapshots(demo, after);
    expect(diff.changes).toEqual([]);
    expect(diff.notCompared).toEqual([{ account: '111122223333', region: 'eu-west-1', key: null, resourceId: null, reason: 'region eu-west-1 of account 111122223333 is only in the old snapshot' }]);
  });

  it('an account only in the new snapshot is not compared', () => {
    const after = copy(demo) as any;
    // (444455556666 is the demo's network account: another id here)
    after.accounts['777788889999'] = { 'us-east-1': { Vpcs: [] } };
    const diff = diffRawSnapshots(demo, after);
    expect(diff.changes).toEqual([]);
    expect(diff.notCompared.map((n) => n.reason)).toEqual(['account 777788889999 is only in the new snapshot']);
  });

  it("an account the new snapshot could not enter (its role not assumed: region \"*\") is not compared, and says why", () => {
    const after = copy(demo) as any;
    delete after.accounts['111122223333'];
    after.errors = [{ account: '111122223333', region: '*', api: 'sts:AssumeRole', code: 'AccessDenied', message: 'not authorized' }];
    const diff = diffRawSnapshots(demo, after);
    expect(diff.changes).toEqual([]);
    expect(diff.notCompared).toContainEqual({ account: '111122223333', region: null, key: null, resourceId: null, reason: 'account 111122223333 was unreadable in the new snapshot (sts:AssumeRole: AccessDenied)' });
  });

  it('a key listed in the new snapshot\'s errors (AccessDenied on DescribeSecurityGroups) is not compared, though its list is empty', () => {
    const after = copy(demo) as any;
    after.accounts['111122223333']['us-east-1'].SecurityGroups = [];
    after.errors = [{ account: '111122223333', region: 'us-east-1', api: 'DescribeSecurityGroups', code: 'UnauthorizedOperation', message: 'no' }];
    const diff = diffRawSnapshots(demo, after);
    expect(diff.changes).toEqual([]);
    expect(diff.notCompared).toEqual([{ account: '111122223333', region: 'us-east-1', key: 'SecurityGroups', resourceId: null, reason: 'SecurityGroups was unreadable in the new snapshot (UnauthorizedOperation)' }]);
  });

  it('a key missing from the old snapshot is not compared', () => {
    const before = copy(demo) as any;
    delete before.accounts['111122223333']['eu-west-1'].NatGateways;
    const diff = diffRawSnapshots(before, demo);
    expect(diff.changes).toEqual([]);
    expect(diff.notCompared.map((n) => [n.region, n.key, n.reason])).toEqual([['eu-west-1', 'NatGateways', 'NatGateways is missing from the old snapshot']]);
  });

  it("one resource's unreadable data (a transit gateway route table's routes) skips that resource only", () => {
    const after = copy(demo) as any;
    const region = after.accounts['111122223333']['us-east-1'];
    const table = region.TransitGatewayStaticRoutes[0];
    table.Routes = [];
    after.errors = [{ account: '111122223333', region: 'us-east-1', api: 'SearchTransitGatewayRoutes', code: 'Throttling', message: '', resourceId: table.TransitGatewayRouteTableId }];
    region.Vpcs[0].Tags = [{ Key: 'Name', Value: 'renamed' }];
    const diff = diffRawSnapshots(demo, after);
    expect(diff.changes.map((c) => [c.id, c.edits.map((e) => e.text)])).toEqual([['vpc-0de00000000000100', ['tag Name: acme-prod -> renamed']]]);
    expect(diff.notCompared.map((n) => [n.key, n.resourceId])).toEqual([['TransitGatewayStaticRoutes', table.TransitGatewayRouteTableId]]);
  });
});
