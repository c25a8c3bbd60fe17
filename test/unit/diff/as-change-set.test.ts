/* eslint-disable @typescript-eslint/no-explicit-any -- describe JSON edited by hand, as AWS returns it */
// A diff written as a change set (docs/changes.md): the demo changed on
// purpose (rules, ACL entries, routes, an instance stopped, a Name tag); the
// change set applied to the old snapshot gives the new one in every part it
// covers, and the one change no edit makes (the tag) is listed, not lost.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffAsChangeSet } from '../../../shared/aws/diff/as-change-set.js';
import { diffRawSnapshots } from '../../../shared/aws/diff/compare.js';
import { applyChangeSet } from '../../../shared/aws/changes/apply.js';
import { readSnapshotPath } from '../../../shared/aws/read/node.js';
import { parseChangeSet } from '../../../shared/model/change-set-parse.js';

type Json = Record<string, any>;
const repoRoot = path.resolve(import.meta.dirname, '../../..');

describe('a diff as a change set', () => {
  it('old + the change set = new, but for what no edit makes, which is listed', async () => {
    const before = await readSnapshotPath(path.join(repoRoot, 'assets/demo/demo-snapshot.json'));
    const after = structuredClone(before) as any;
    const east = after.accounts['111122223333']['us-east-1'] as Json;
    const db = east.SecurityGroups.find((g: Json) => g.GroupId === 'sg-0de00000000000104');
    const postgres = db.IpPermissions.find((p: Json) => p.FromPort === 5432);
    postgres.UserIdGroupPairs = postgres.UserIdGroupPairs.filter((pair: Json) => pair.GroupId !== 'sg-0de00000000000103');
    db.IpPermissions.push({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.10/32', Description: 'bastion' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] });
    const dataAcl = east.NetworkAcls.find((a: Json) => a.NetworkAclId === 'acl-0de00000000000104');
    dataAcl.Entries.find((e: Json) => e.RuleNumber === 110 && !e.Egress).RuleAction = 'deny';
    // (inbound 130 is the network account's node exporter rule: a free number)
    dataAcl.Entries.push({ RuleNumber: 140, Egress: false, Protocol: '6', RuleAction: 'allow', CidrBlock: '10.0.0.0/16', PortRange: { From: 11211, To: 11211 } });
    east.RouteTables.find((t: Json) => t.RouteTableId === 'rtb-0de00000000000104').Routes.push({ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-0de00000000000100', State: 'active', Origin: 'CreateRoute' });
    const private103 = east.RouteTables.find((t: Json) => t.RouteTableId === 'rtb-0de00000000000103');
    private103.Routes = private103.Routes.filter((r: Json) => r.DestinationCidrBlock !== '192.168.0.0/16');
    const public102 = east.RouteTables.find((t: Json) => t.RouteTableId === 'rtb-0de00000000000102');
    const toInternet = public102.Routes.find((r: Json) => r.DestinationCidrBlock === '0.0.0.0/0');
    delete toInternet.GatewayId;
    toInternet.NatGatewayId = 'nat-0de00000000000100';
    const api2 = east.Reservations.flatMap((r: Json) => r.Instances).find((i: Json) => i.InstanceId === 'i-0de00000000000106');
    api2.State = { Code: 80, Name: 'stopped' };
    east.Vpcs.find((v: Json) => v.VpcId === 'vpc-0de00000000000100').Tags = [{ Key: 'Name', Value: 'acme-production' }];

    const { changeSet, notWritten } = diffAsChangeSet(diffRawSnapshots(before, after), 'demo, changed');
    expect(changeSet).not.toBeNull();
    // valid as the change-set reader reads files
    expect(parseChangeSet(JSON.parse(JSON.stringify(changeSet)), 'diff.json').changes).toHaveLength(changeSet!.changes.length);
    expect(changeSet!.changes.map((e) => e.action)).toEqual([
      'ReplaceRoute',
      'DeleteRoute',
      'CreateRoute',
      'ReplaceNetworkAclEntry',
      'CreateNetworkAclEntry',
      'RevokeSecurityGroupIngress',
      'AuthorizeSecurityGroupIngress',
      'StopInstances',
    ]);
    expect(changeSet!.changes[5]).toEqual({ action: 'RevokeSecurityGroupIngress', GroupId: 'sg-0de00000000000104', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: 'sg-0de00000000000103', Description: 'PostgreSQL clients and replication' }] }] });
    expect(notWritten).toEqual(['vpc vpc-0de00000000000100 (acme-production): tag Name: acme-prod -> acme-production']);

    const applied = applyChangeSet(before, changeSet!).raw;
    const left = diffRawSnapshots(applied, after).changes;
    expect(left.map((c) => [c.id, c.edits.map((e) => e.text)])).toEqual([['vpc-0de00000000000100', ['tag Name: acme-prod -> acme-production']]]);
  });
});
