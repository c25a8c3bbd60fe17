// `problemsOf`: on the demo, the planted faults a reviewer flags without a
// question (assets/demo/README.md), each at its component and with the
// trace's fix; nothing on a clean network; each family on a hand-built one.
import { beforeAll, describe, expect, it } from 'vitest';
import { openSnapshot } from '../../../shared/api/snapshot/node.js';
import { problemsOf } from '../../../shared/engine/problems/index.js';
import type { NetworkModel } from '../../../shared/model/types.js';
import { allowAll, Network, twoSubnetVpc } from '../../fixtures/engine/network.js';

let demo: NetworkModel;
beforeAll(async () => {
  demo = (await openSnapshot()).model;
});

describe('problems on the demo', () => {
  // By hand from assets/demo/README.md. Not problems: F1 (a port only a question names), F3 (a private
  // subnet without a default route is a design), F8 (prod-api-3 is stopped, but nothing points at it alone).
  const expected: [string, string, string][] = [
    ['F4', 'blackhole-route:rtb-0de00000000000203:0.0.0.0/0', 'high'],
    ['F2', 'ephemeral-return-blocked:acl-0de00000000000302:tcp:0.0.0.0/0', 'high'],
    // F10, once per running target of acme-prod-api-tg (prod-api-3 is unused: stopped, it gets no checks)
    ['F10', 'health-check-blocked:arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/acme-prod-api-tg/0de5a1b0c0de0102:i-0de00000000000105:acme-prod-alb', 'high'],
    ['F10', 'health-check-blocked:arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/acme-prod-api-tg/0de5a1b0c0de0102:i-0de00000000000106:acme-prod-alb', 'high'],
    ['F6', 'one-sided-peering-route:pcx-0de00000000000201:vpc-0de00000000000300', 'high'],
    // F11: acme-prod-status admits SSH from ::/0, and the internet reaches prod-status over IPv6 (an IPv6 rule's id ends in :ipv6)
    ['F11', 'open-admin-port:sg-0de00000000000108:tcp/22:ipv6', 'high'],
    ['F9', 'tgw-blackhole-route:tgw-rtb-0de00000000000100:192.168.0.0/16', 'high'],
    ['F7', 'tgw-zone-gap:tgw-attach-0de00000000000101:us-east-1b', 'high'],
    ['F5', 'no-public-ip-in-public-subnet:eni-0de00000000000104', 'low'],
  ];

  it('finds exactly the planted faults a reviewer flags, highest severity first', () => {
    const report = problemsOf(demo);
    expect(report.problems.map((p) => [p.id, p.severity])).toEqual(expected.map(([, id, severity]) => [id, severity]));
  });

  it('offers the fixes a trace offers at the same gap', () => {
    const byId = new Map(problemsOf(demo).problems.map((p) => [p.id, p]));
    const changes = (id: string) => byId.get(id)!.fix?.changes?.changes ?? [];
    expect(changes('blackhole-route:rtb-0de00000000000203:0.0.0.0/0').at(-1)).toMatchObject({ action: 'ReplaceRoute', RouteTableId: 'rtb-0de00000000000203', DestinationCidrBlock: '0.0.0.0/0' });
    expect(changes('tgw-zone-gap:tgw-attach-0de00000000000101:us-east-1b')).toEqual([{ action: 'ModifyTransitGatewayVpcAttachment', TransitGatewayAttachmentId: 'tgw-attach-0de00000000000101', AddSubnetIds: ['subnet-0de00000000000114'] }]);
    expect(changes('ephemeral-return-blocked:acl-0de00000000000302:tcp:0.0.0.0/0')).toEqual([
      expect.objectContaining({ action: 'CreateNetworkAclEntry', NetworkAclId: 'acl-0de00000000000302', Egress: true, RuleAction: 'allow', CidrBlock: '0.0.0.0/0', PortRange: { From: 1024, To: 65535 } }),
    ]);
    expect(changes('one-sided-peering-route:pcx-0de00000000000201:vpc-0de00000000000300')).toContainEqual({ action: 'CreateRoute', RouteTableId: 'rtb-0de00000000000303', DestinationCidrBlock: '10.1.0.0/16', VpcPeeringConnectionId: 'pcx-0de00000000000201' });
    expect(byId.get('tgw-blackhole-route:tgw-rtb-0de00000000000100:192.168.0.0/16')!.related).toContain('rtb-0de00000000000103');
  });

  it('F11: the IPv6 SSH rule is its own problem, fixed by revoking exactly that Ipv6Ranges rule', () => {
    const problem = problemsOf(demo).problems.find((p) => p.id === 'open-admin-port:sg-0de00000000000108:tcp/22:ipv6')!;
    expect(problem.title).toBe('tcp 22 (SSH) open to the whole IPv6 internet through acme-prod-status (sg-0de00000000000108)');
    expect(problem.related).toEqual(['eni-0de0000000000010d']);
    expect(problem.fix!.changes!.changes).toEqual([
      { action: 'RevokeSecurityGroupIngress', GroupId: 'sg-0de00000000000108', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, Ipv6Ranges: [{ CidrIpv6: '::/0' }] }] },
    ]);
  });

  it('names each component with its Name', () => {
    const zoneGap = problemsOf(demo).problems.find((p) => p.kind === 'tgw-zone-gap')!;
    expect(zoneGap.component).toEqual({ id: 'tgw-attach-0de00000000000101', kind: 'tgw-attachment', name: 'acme-tgw-prod' });
  });
});

/** A clean network: a public web server (443 from the world), a private app server behind a NAT gateway, a peering routed both ways. */
function clean(): Network {
  return new Network()
    .vpc('vpc-a', '10.0.0.0/16')
    .vpc('vpc-b', '10.9.0.0/16')
    .subnet('subnet-pub', 'vpc-a', '10.0.1.0/24')
    .subnet('subnet-priv', 'vpc-a', '10.0.2.0/24')
    .subnet('subnet-b', 'vpc-b', '10.9.1.0/24')
    .igw('igw-a', 'vpc-a')
    .nat('nat-a', 'subnet-pub', '10.0.1.100', '54.0.0.100')
    .peering('pcx-ab', ['vpc-a', '10.0.0.0/16'], ['vpc-b', '10.9.0.0/16'])
    .routeTable('rtb-pub', 'vpc-a', { subnets: ['subnet-pub'], routes: [['10.0.0.0/16', 'local'], ['0.0.0.0/0', 'igw-a']] })
    .routeTable('rtb-priv', 'vpc-a', { main: true, routes: [['10.0.0.0/16', 'local'], ['0.0.0.0/0', 'nat-a'], ['10.9.0.0/16', 'pcx-ab']] })
    .routeTable('rtb-b', 'vpc-b', { main: true, routes: [['10.9.0.0/16', 'local'], ['10.0.0.0/16', 'pcx-ab']] })
    .acl('acl-a', 'vpc-a', { isDefault: true, subnets: ['subnet-pub', 'subnet-priv'], inbound: allowAll, outbound: allowAll })
    .acl('acl-b', 'vpc-b', { isDefault: true, subnets: ['subnet-b'], inbound: allowAll, outbound: allowAll })
    .group('sg-web', 'vpc-a', { ingress: [{ protocol: 'tcp', ports: [443, 443], cidr: '0.0.0.0/0' }] })
    .group('sg-app', 'vpc-a', { ingress: [{ protocol: 'tcp', ports: [8080, 8080], group: 'sg-web' }] })
    .group('sg-b', 'vpc-b', { ingress: [{ protocol: 'tcp', ports: [5432, 5432], cidr: '10.0.2.0/24' }] })
    .instance('i-web', { subnet: 'subnet-pub', ip: '10.0.1.10', groups: ['sg-web'], publicIp: '54.0.0.10' })
    .instance('i-app', { subnet: 'subnet-priv', ip: '10.0.2.20', groups: ['sg-app'] })
    .instance('i-db', { subnet: 'subnet-b', ip: '10.9.1.30', groups: ['sg-b'] });
}

describe('problems on a clean network', () => {
  it('finds none', () => {
    expect(problemsOf(clean().build()).problems).toEqual([]);
    expect(problemsOf(twoSubnetVpc().build()).problems).toEqual([]);
  });
});

describe('each family on a hand-built network', () => {
  it('SSH open to the world: open-admin-port on the group, high, the fix revokes the rule', () => {
    const model = twoSubnetVpc({ webGroup: [{ protocol: 'tcp', ports: [22, 22], cidr: '0.0.0.0/0' }], publicAcl: { inbound: allowAll, outbound: allowAll } }).build();
    const found = problemsOf(model).problems.find((p) => p.kind === 'open-admin-port')!;
    expect(found).toMatchObject({ id: 'open-admin-port:sg-web:tcp/22', severity: 'high', component: { id: 'sg-web', kind: 'security-group' }, related: ['eni-web'] });
    expect(found.fix!.changes!.changes).toEqual([{ action: 'RevokeSecurityGroupIngress', GroupId: 'sg-web', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }]);
  });

  it('a rule naming a deleted group: stale-security-group-reference', () => {
    const model = twoSubnetVpc({ appGroup: [{ protocol: 'tcp', ports: [8080, 8080], group: 'sg-gone' }] }).build();
    expect(problemsOf(model).problems.map((p) => p.id)).toEqual(['stale-security-group-reference:sg-app:ingress:sg-gone']);
  });

  it('a route to a stopped NAT instance: stopped-instance-referenced, high, the fix starts it', () => {
    const model = twoSubnetVpc()
      .routeTable('rtb-priv', 'vpc-a', { subnets: ['subnet-priv'], routes: [['10.0.0.0/16', 'local'], ['0.0.0.0/0', 'i-natbox']] })
      .instance('i-natbox', { subnet: 'subnet-pub', ip: '10.0.1.50', groups: ['sg-web'], state: 'stopped' })
      .build();
    const found = problemsOf(model).problems.find((p) => p.kind === 'stopped-instance-referenced')!;
    expect(found).toMatchObject({ id: 'stopped-instance-referenced:i-natbox', severity: 'high' });
    expect(found.fix!.changes!.changes).toEqual([{ action: 'StartInstances', InstanceIds: ['i-natbox'] }]);
  });

  it('a public IP in a subnet without a route to the internet gateway: public-ip-unreachable', () => {
    const model = twoSubnetVpc().instance('i-lost', { subnet: 'subnet-priv', ip: '10.0.2.99', groups: ['sg-app'], publicIp: '54.0.0.99' }).build();
    expect(problemsOf(model).problems.map((p) => p.id)).toEqual(['public-ip-unreachable:eni-lost']);
  });

  it('an active route to a NAT gateway the snapshot lacks: missing-route-target', () => {
    const model = twoSubnetVpc()
      .routeTable('rtb-priv', 'vpc-a', { subnets: ['subnet-priv'], routes: [['10.0.0.0/16', 'local'], ['0.0.0.0/0', 'nat-gone']] })
      .build();
    expect(problemsOf(model).problems.map((p) => [p.id, p.severity])).toEqual([['missing-route-target:rtb-priv:0.0.0.0/0', 'high']]);
  });
});
