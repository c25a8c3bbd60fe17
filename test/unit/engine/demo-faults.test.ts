// The planted faults of the bundled demo network, each found by the engine at
// the component, code and leg that assets/demo/README.md ("The planted
// faults") gives for it; plus flows the README says work.
import { beforeAll, describe, expect, it } from 'vitest';
import { openSnapshot } from '../../../shared/api/snapshot/node.js';
import { exposureOf } from '../../../shared/engine/exposure.js';
import type { NetworkModel } from '../../../shared/model/types.js';
import { analyze, drop } from './analyze-helper.js';

let model: NetworkModel;
beforeAll(async () => {
  model = (await openSnapshot()).model;
});

describe('demo network: planted faults', () => {
  it.each([
    ['F1', 'i-0de00000000000105', 'i-0de0000000000010a', 6379, 'sg-0de00000000000105', 'security-group', 'ENI_SG_RULES_MISMATCH', 'forward'],
    ['F2', 'internet', 'i-0de00000000000301', 443, 'acl-0de00000000000302', 'network-acl', 'SUBNET_ACL_RESTRICTION', 'return'],
    ['F3', 'i-0de0000000000010b', 'internet', 443, 'rtb-0de00000000000105', 'route-table', 'NO_ROUTE_TO_DESTINATION', 'forward'],
    ['F4', 'i-0de00000000000203', 'internet', 443, 'rtb-0de00000000000203', 'route-table', 'BAD_STATE_ROUTE', 'forward'],
    ['F5', 'internet', 'i-0de00000000000104', 443, 'igw-0de00000000000100', 'internet-gateway', 'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS', 'forward'],
    ['F5b', 'i-0de00000000000104', 'internet', 443, 'igw-0de00000000000100', 'internet-gateway', 'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS', 'forward'],
    ['F6', 'i-0de00000000000202', 'i-0de00000000000304', 9100, 'rtb-0de00000000000303', 'route-table', 'NO_ROUTE_TO_DESTINATION', 'return'],
    ['F6b', 'i-0de00000000000304', 'i-0de00000000000202', 3000, 'rtb-0de00000000000303', 'route-table', 'NO_ROUTE_TO_DESTINATION', 'forward'],
    ['F7', 'i-0de00000000000106', 'i-0de00000000000204', 443, 'tgw-attach-0de00000000000101', 'tgw-attachment', 'TGW_ROUTE_AZ_RESTRICTION', 'forward'],
    ['F7b', 'i-0de00000000000202', 'i-0de00000000000106', 9100, 'tgw-attach-0de00000000000101', 'tgw-attachment', 'TGW_ROUTE_AZ_RESTRICTION', 'return'],
    ['F8', 'i-0de00000000000102', 'i-0de00000000000107', 8080, 'eni-0de00000000000107', 'eni', 'BAD_STATE', 'forward'],
    ['F9', 'i-0de00000000000105', '192.168.10.5', 443, 'tgw-rtb-0de00000000000100', 'tgw-route-table', 'TGW_RTB_BAD_STATE_ROUTE', 'forward'],
    // the health check of acme-prod-api-tg, from acme-prod-alb's node in prod-public-a to prod-api-1 on 8081
    ['F10', 'eni-0de000000000001f2', 'i-0de00000000000105', 8081, 'sg-0de00000000000103', 'security-group', 'ENI_SG_RULES_MISMATCH', 'forward'],
    ['F12', 'i-0de00000000000502', 'i-0de00000000000108', 9100, 'rtb-0de00000000000501', 'route-table', 'NO_ROUTE_TO_DESTINATION', 'forward'],
  ])('%s: %s -> %s tcp %i is blocked at %s', (_fault, from, to, port, id, kind, code, leg) => {
    expect(drop(analyze(model, { from, to, protocol: 'tcp', port }))).toEqual({ verdict: 'unreachable', id, kind, code, leg });
  });

  it('F2 is the * rule of the outbound ACL, judging the reply to 198.51.100.1 port 49152', () => {
    const result = analyze(model, { from: 'internet', to: 'i-0de00000000000301', port: 443 });
    expect(result.blocked!.rule).toMatchObject({ ruleNumber: 32767 });
    expect(result.blocked!.detail).toContain('198.51.100.1');
    expect(result.blocked!.detail).toContain('49152');
  });

  it('F12: the group reference to the network account\'s monitor matches across the peering; only the route is missing', () => {
    // the fix is the route in the network account's table; prod-db's group admits the monitor's group only (prod-api-1 is refused on 9100)
    const result = analyze(model, { from: 'i-0de00000000000502', to: 'i-0de00000000000108', protocol: 'tcp', port: 9100 });
    expect(model.routeTables.get('rtb-0de00000000000501')?.account).toBe('444455556666');
    expect(result.blocked!.fix!.command).toBe(
      'aws ec2 create-route --route-table-id rtb-0de00000000000501 --destination-cidr-block 10.0.0.0/16 --vpc-peering-connection-id pcx-0de00000000000501 --region us-east-1',
    );
    expect(analyze(model, { from: 'i-0de00000000000105', to: 'i-0de00000000000108', protocol: 'tcp', port: 9100 }).verdict).toBe('unreachable');
  });

  it('R17: prod-api-1 reaches the network account\'s DNS resolver over the cross-account peering', () => {
    expect(analyze(model, { from: 'i-0de00000000000105', to: 'i-0de00000000000501', protocol: 'udp', port: 53 }).verdict).toBe('reachable');
  });

  it('F10: both running targets of acme-prod-alb fail their health check at acme-prod-api (8081 not admitted), AWS reports them unhealthy, and the ALB fails open', () => {
    const result = analyze(model, { from: 'internet', to: 'acme-prod-alb', protocol: 'tcp', port: 443 });
    expect(result.verdict).toBe('reachable');
    expect(result.warnings).toContain('No target of acme-prod-api-tg is healthy: acme-prod-alb fails open and sends to all of them.');
    const running = result.targets!.filter((t) => t.target.routed);
    expect(running.map((t) => [t.target.name, t.health.collected?.reason, t.health.computed?.verdict, t.health.computed?.blocked?.id])).toEqual([
      ['prod-api-1', 'Target.Timeout', 'unreachable', 'sg-0de00000000000103'],
      ['prod-api-2', 'Target.Timeout', 'unreachable', 'sg-0de00000000000103'],
    ]);
    expect(running[0]!.health.computed!.blocked!.fix!.changes!.changes).toEqual([
      { action: 'AuthorizeSecurityGroupIngress', GroupId: 'sg-0de00000000000103', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 8081, ToPort: 8081, UserIdGroupPairs: [{ GroupId: 'sg-0de00000000000107' }] }] },
    ]);
  });

  it.each([
    ['prod-api-1 to acme-shared-logs-nlb (TCP 6514, client IP preserved, over the transit gateway)', 'i-0de00000000000105', 'acme-shared-logs-nlb', 6514],
    ['internet to prod-web-1 (443 open, EIP)', 'internet', 'i-0de00000000000102', 443],
    ['prod-api-1 out through the prod NAT gateway', 'i-0de00000000000105', 'internet', 443],
    ['prod-api-1 to shared-ldap over the transit gateway', 'i-0de00000000000105', 'i-0de00000000000201', 636],
    ['prod-api-1 to analytics-etl-1 over the prod-analytics peering', 'i-0de00000000000105', 'i-0de00000000000302', 22],
  ])('works: %s', (_what, from, to, port) => {
    expect(analyze(model, { from, to, protocol: 'tcp', port }).verdict).toBe('reachable');
  });
});

// F11 (assets/demo/README.md): prod-status, in the dual-stack subnet prod-edge-a (10.0.40.0/24,
// 2600:1f18:4de0:119::/64; ::/0 -> igw-0de00000000000100), holds 2600:1f18:4de0:119::10; its group
// acme-prod-status admits tcp 443 from 0.0.0.0/0 and ::/0, and tcp 22 from ::/0.
describe('demo network: the planted IPv6 exposure (F11) and the egress-only gateway', () => {
  // https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html: a rule's source may be an IPv6 CIDR block (Ipv6Ranges)
  it('F11: the internet reaches prod-status on tcp 22 over IPv6, through the internet gateway', () => {
    const result = analyze(model, { from: 'internet', to: 'i-0de0000000000010d', protocol: 'tcp', port: 22, family: 'ipv6' });
    expect(result.verdict).toBe('reachable');
    expect(result.resolved.to).toEqual({ kind: 'eni', id: 'eni-0de0000000000010d', name: 'prod-status', ip: '2600:1f18:4de0:119::10' });
    expect(result.forward.hops.map((hop) => hop.id)).toEqual(['internet', 'igw-0de00000000000100', 'acl-0de00000000000101', 'sg-0de00000000000108', 'eni-0de0000000000010d']);
  });

  it('F11: another port over IPv6 (3389) is dropped at acme-prod-status; SSH over IPv4 too (the ::/0 rule admits only IPv6)', () => {
    expect(drop(analyze(model, { from: 'internet', to: 'i-0de0000000000010d', protocol: 'tcp', port: 3389, family: 'ipv6' }))).toEqual({
      verdict: 'unreachable', id: 'sg-0de00000000000108', kind: 'security-group', code: 'ENI_SG_RULES_MISMATCH', leg: 'forward',
    });
    // R19: its HTTPS is meant, over IPv6 as over IPv4
    expect(analyze(model, { from: 'internet', to: 'i-0de0000000000010d', protocol: 'tcp', port: 443, family: 'ipv6' }).verdict).toBe('reachable');
    expect(drop(analyze(model, { from: 'internet', to: 'i-0de0000000000010d', protocol: 'tcp', port: 22 }))).toEqual({
      verdict: 'unreachable', id: 'sg-0de00000000000108', kind: 'security-group', code: 'ENI_SG_RULES_MISMATCH', leg: 'forward',
    });
  });

  it('F11: exposure lists prod-status twice, its IPv6 entry with SSH from ::/0 (high) and HTTPS from ::/0', () => {
    const entries = exposureOf(model).exposed.filter((entry) => entry.eni === 'eni-0de0000000000010d');
    expect(entries.map((entry) => entry.family)).toEqual([undefined, 'ipv6']);
    expect(entries[0]).toMatchObject({ publicIp: '203.0.113.13', privateIp: '10.0.40.10' });
    expect(entries[0]!.services.map((s) => [s.protocol, s.ports, s.sources])).toEqual([['tcp', [{ from: 443, to: 443 }], ['0.0.0.0/0']]]);
    expect(entries[1]).toMatchObject({ family: 'ipv6', publicIp: '2600:1f18:4de0:119::10', privateIp: '2600:1f18:4de0:119::10' });
    const ssh = entries[1]!.services.find((s) => (s.ports ?? []).some((p) => p.from <= 22 && 22 <= p.to))!;
    expect(ssh).toMatchObject({ protocol: 'tcp', sources: ['::/0'], risk: 'high' });
    expect(entries[1]!.services.flatMap((s) => s.ports ?? [])).toEqual([{ from: 22, to: 22 }, { from: 443, to: 443 }]);
    // no other interface of the demo has an IPv6 exposure: network-dns's IPv6 subnet routes ::/0 to an egress-only gateway
    expect(exposureOf(model).exposed.filter((entry) => entry.family === 'ipv6').map((entry) => entry.eni)).toEqual(['eni-0de0000000000010d']);
  });

  // https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html: IPv6 out and its replies in, no connection started from the internet
  it('acme-network-eigw: network-dns resolves upstream over IPv6, and the internet cannot start a connection to it (EIGW_INBOUND_CONNECTION)', () => {
    expect(analyze(model, { from: 'i-0de00000000000501', to: 'internet', protocol: 'udp', port: 53, family: 'ipv6' }).verdict).toBe('reachable');
    expect(drop(analyze(model, { from: 'internet', to: 'i-0de00000000000501', protocol: 'udp', port: 53, family: 'ipv6' }))).toEqual({
      verdict: 'unreachable', id: 'eigw-0de00000000000500', kind: 'egress-only-internet-gateway', code: 'EIGW_INBOUND_CONNECTION', leg: 'forward',
    });
  });
});
