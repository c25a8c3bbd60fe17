// IPv6 and dual-stack (issue 17): one named test per rule, each citing the
// AWS page it follows. The networks are describe JSON imported through the
// real importer (test/fixtures/engine/network.ts); the expectations are
// written from AWS's rules, by hand.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/model/errors.js';
import { exposureOf } from '../../../shared/engine/exposure.js';
import { allowAll, Network, type AclRule } from '../../fixtures/engine/network.js';
import { dual, V6_ALLOW_ALL, V6_ANYWHERE } from '../../fixtures/engine/dual-stack.js';
import { analyze, drop, hopIds } from './analyze-helper.js';

describe('IPv6: security groups', () => {
  // https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html: a rule's source is an IPv4 or an IPv6 CIDR block
  it('an Ipv6Ranges rule (::/0 on 22) admits IPv6 from the internet, and only IPv6', () => {
    const model = dual().build();
    const ipv6 = analyze(model, { from: 'internet', to: 'i-web', port: 22, family: 'ipv6' });
    expect(ipv6.verdict).toBe('reachable');
    expect(ipv6.resolved).toEqual({ from: { kind: 'internet', id: 'internet', ip: '2001:db8::1' }, to: { kind: 'eni', id: 'eni-web', ip: '2600:1f18:a:1::10' } });
    expect(ipv6.query.family).toBe('ipv6');
    const ipv4 = analyze(model, { from: 'internet', to: 'i-web', port: 22 });
    expect(drop(ipv4)).toEqual({ verdict: 'unreachable', kind: 'security-group', id: 'sg-web', code: 'ENI_SG_RULES_MISMATCH', leg: 'forward' });
  });

  it('an IPv4 rule (0.0.0.0/0 on 80) does not admit an IPv6 flow', () => {
    const result = analyze(dual().build(), { from: '2001:db8::77', to: 'i-web', port: 80 });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'security-group', id: 'sg-web', code: 'ENI_SG_RULES_MISMATCH', leg: 'forward' });
    expect(result.blocked!.detail).toContain('from 2001:db8::77');
  });
});

describe('IPv6: internet gateway', () => {
  // https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html: IPv6 addresses are globally unique, the gateway does no NAT for them
  it('carries IPv6 both ways unchanged: no public IP needed, no translation', () => {
    const model = dual().build();
    const out = analyze(model, { from: 'i-web', to: '2001:db8::5', port: 443 });
    expect(out.verdict).toBe('reachable');
    const igwHop = out.forward.hops.find((hop) => hop.kind === 'internet-gateway')!;
    expect(igwHop).toMatchObject({ id: 'igw-a', action: 'forward' });
    expect(out.return!.hops.at(-1)).toMatchObject({ id: 'eni-web', action: 'deliver', detail: 'eni-web receives it at 2600:1f18:a:1::10.' });
    // i-plain has no IPv6 address: asked over IPv6 it is bad input, over IPv4 it goes through its missing public IP
    expect(() => analyze(model, { from: 'i-plain', to: 'internet', port: 443, family: 'ipv6' })).toThrow(InputError);
  });

  it('an IPv6 packet is matched only by IPv6 routes: a table with 0.0.0.0/0 alone has no route for it', () => {
    const model = dual({ pubRoutes: [['10.0.0.0/16', 'local'], ['0.0.0.0/0', 'igw-a']] }).build();
    const result = analyze(model, { from: 'i-web', to: '2001:db8::5', port: 443 });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'route-table', id: 'rtb-pub', code: 'NO_ROUTE_TO_DESTINATION', leg: 'forward' });
    // the VPC's own IPv6 block is routed locally even though the table does not list it
    expect(analyze(model, { from: 'i-web', to: '2600:1f18:a:2::20', port: 5432 }).verdict).toBe('reachable');
  });
});

describe('IPv6: egress-only internet gateway', () => {
  // https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html: outbound IPv6 and its replies; no connection started from the internet
  it('lets a connection out and its replies back in', () => {
    const result = analyze(dual().build(), { from: 'i-db', to: '2001:db8::5', port: 443 });
    expect(result.verdict).toBe('reachable');
    expect(hopIds(result)).toContain('egress-only-internet-gateway:eigw-a:transit');
    expect(hopIds(result, 'return')).toContain('egress-only-internet-gateway:eigw-a:transit');
  });

  it('refuses a connection started from the internet (EIGW_INBOUND_CONNECTION)', () => {
    // vpc-e has no internet gateway, only the egress-only one
    const model = new Network()
      .vpc('vpc-e', '10.5.0.0/16', '2600:1f18:e::/56')
      .subnet('subnet-e', 'vpc-e', '10.5.1.0/24')
      .subnetIpv6('subnet-e', '2600:1f18:e:1::/64')
      .eigw('eigw-e', 'vpc-e')
      .routeTable('rtb-e', 'vpc-e', { main: true, routes: [['10.5.0.0/16', 'local'], ['::/0', 'eigw-e']] })
      .acl('acl-e', 'vpc-e', { isDefault: true, subnets: ['subnet-e'], inbound: V6_ALLOW_ALL, outbound: V6_ALLOW_ALL })
      .group('sg-e', 'vpc-e', { ingress: [{ protocol: 'tcp', ports: [5432, 5432], cidr: '::/0' }], egress: V6_ANYWHERE })
      .instance('i-e', { subnet: 'subnet-e', ip: '10.5.1.5', groups: ['sg-e'], ipv6: ['2600:1f18:e:1::5'] })
      .build();
    const result = analyze(model, { from: 'internet', to: 'i-e', port: 5432, family: 'ipv6' });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'egress-only-internet-gateway', id: 'eigw-e', code: 'EIGW_INBOUND_CONNECTION', leg: 'forward' });
    expect(result.blocked!.fix).toBeNull();
    // the same machine reaches out, and hears back
    expect(analyze(model, { from: 'i-e', to: '2001:db8::5', port: 443 }).verdict).toBe('reachable');
  });

  it('a reply routed out through an egress-only gateway that did not see the connection start is unknown', () => {
    // vpc-a has an internet gateway too: the request enters through igw-a, the reply of i-db leaves by ::/0 -> eigw-a
    const model = dual({ dbIngress: [{ protocol: 'tcp', ports: [5432, 5432], cidr: '::/0' }] }).build();
    const result = analyze(model, { from: 'internet', to: 'i-db', port: 5432, family: 'ipv6' });
    expect(drop(result)).toEqual({ verdict: 'unknown', kind: 'egress-only-internet-gateway', id: 'eigw-a', code: 'UNSUPPORTED_COMPONENT', leg: 'return' });
    expect(hopIds(result)).toContain('internet-gateway:igw-a:transit');
  });
});

describe('IPv6: network ACLs', () => {
  // https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html: IPv6 entries (Ipv6CidrBlock) and IPv4 entries share one numbered order, each judging its own family
  it('judges an IPv6 flow by the IPv6 entries only, in rule-number order', () => {
    const inbound: AclRule[] = [
      { n: 50, action: 'deny', protocol: '-1', cidr: '0.0.0.0/0' },
      { n: 60, action: 'deny', protocol: 'tcp', ports: [22, 22], cidr: '2001:db8::/32' },
      { n: 70, action: 'allow', protocol: '-1', cidr: '::/0' },
    ];
    const model = dual({ pubInbound: inbound }).build();
    // rule 50 (IPv4) does not touch IPv6; rule 70 admits everything IPv6 but 22 from 2001:db8::/32, which rule 60 takes first
    expect(analyze(model, { from: '2600:1f00::9', to: 'i-web', port: 22 }).verdict).toBe('reachable');
    const denied = analyze(model, { from: 'internet', to: 'i-web', port: 22, family: 'ipv6' });
    expect(drop(denied)).toEqual({ verdict: 'unreachable', kind: 'network-acl', id: 'acl-pub', code: 'SUBNET_ACL_RESTRICTION', leg: 'forward' });
    expect(denied.blocked!.rule).toMatchObject({ ruleNumber: 60, entry: { Ipv6CidrBlock: '2001:db8::/32' } });
    // and rule 50 denies IPv4 whatever the IPv6 entries say
    expect(drop(analyze(model, { from: 'internet', to: 'i-web', port: 80 }))).toMatchObject({ kind: 'network-acl', code: 'SUBNET_ACL_RESTRICTION' });
  });

  it('an ACL with IPv4 entries only denies IPv6 at its * rule', () => {
    const model = dual({ pubInbound: allowAll }).build();
    const result = analyze(model, { from: 'internet', to: 'i-web', port: 22, family: 'ipv6' });
    expect(drop(result)).toMatchObject({ kind: 'network-acl', id: 'acl-pub', code: 'SUBNET_ACL_RESTRICTION' });
    expect(result.blocked!.rule).toMatchObject({ ruleNumber: 32767, entry: null });
  });
});

describe('IPv6: ICMPv6', () => {
  // https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html: ICMPv6 is IP protocol 58, its type and code in FromPort/ToPort (echo request 128, RFC 4443)
  it('--protocol icmp on an IPv6 flow is an ICMPv6 echo request, matched by protocol 58 rules and not by icmp ones', () => {
    const icmpv4Only = dual({ webIngress: [{ protocol: 'icmp', ports: [-1, -1], cidr: '::/0' }] }).build();
    const refused = analyze(icmpv4Only, { from: 'internet', to: 'i-web', protocol: 'icmp', family: 'ipv6' });
    expect(drop(refused)).toMatchObject({ kind: 'security-group', code: 'ENI_SG_RULES_MISMATCH' });
    expect(refused.blocked!.detail).toContain('icmpv6 echo request');
    const icmpv6 = dual({ webIngress: [{ protocol: '58', ports: [128, -1], cidr: '::/0' }] }).build();
    const answered = analyze(icmpv6, { from: 'internet', to: 'i-web', protocol: 'icmp', family: 'ipv6' });
    expect(answered.verdict).toBe('reachable');
    expect(answered.query).toMatchObject({ protocol: 'icmp', family: 'ipv6' });
    expect(answered.warnings).toContain('ICMP is checked as an ICMPv6 echo request (type 128, code 0) answered by an echo reply (type 129, code 0).');
  });
});

describe('IPv6: NAT gateway', () => {
  // https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-nat64-dns64.html: an IPv6 packet routed to a NAT gateway (64:ff9b::/96) is NAT64, not modelled
  it('NAT64 is UNSUPPORTED_COMPONENT', () => {
    const network = dual({ privRoutes: [['10.0.0.0/16', 'local'], ['64:ff9b::/96', 'nat-a'], ['::/0', 'eigw-a']] }).nat('nat-a', 'subnet-pub', '10.0.1.100', '54.0.0.100');
    const result = analyze(network.build(), { from: 'i-db', to: '64:ff9b::cb00:7107', port: 443 });
    expect(drop(result)).toEqual({ verdict: 'unknown', kind: 'nat-gateway', id: 'nat-a', code: 'UNSUPPORTED_COMPONENT', leg: 'forward' });
  });
});

describe('IPv6: endpoints', () => {
  // DESIGN.md section 5 as the issue extends it: a literal decides the family; --family chooses for names; a contradiction is bad input
  it('an IPv6 literal names its holder; a global address outside the VPC blocks is an internet host', () => {
    const model = dual().build();
    const byLiteral = analyze(model, { from: '2001:db8::1', to: '2600:1f18:a:1::10', port: 22 });
    expect(byLiteral.resolved.to).toEqual({ kind: 'eni', id: 'eni-web', ip: '2600:1f18:a:1::10' });
    expect(byLiteral.resolved.from).toEqual({ kind: 'internet', id: 'internet', ip: '2001:db8::1' });
    expect(byLiteral.query.family).toBe('ipv6');
  });

  it('a literal that contradicts --family, or two literals of different families, is bad input', () => {
    const model = dual().build();
    expect(() => analyze(model, { from: '2001:db8::1', to: 'i-web', port: 22, family: 'ipv4' })).toThrow(/is an IPv6 address, but the flow is IPv4 \(--family\)/);
    expect(() => analyze(model, { from: '198.51.100.1', to: '2600:1f18:a:1::10', port: 22 })).toThrow(/is an IPv6 address, but the flow is IPv4/);
    expect(() => analyze(model, { from: 'internet', to: 'i-web', port: 22, family: 'ipv5' })).toThrow(/--family: "ipv5" is not ipv4 or ipv6/);
  });

  it('a dual-stack instance is traced on IPv4 by default and on IPv6 when asked', () => {
    const model = dual().build();
    expect(analyze(model, { from: 'i-web', to: 'i-db', port: 5432 }).resolved.to.ip).toBe('10.0.2.20');
    const v6 = analyze(model, { from: 'i-web', to: 'i-db', port: 5432, family: 'ipv6' });
    expect(v6.resolved).toMatchObject({ from: { ip: '2600:1f18:a:1::10' }, to: { ip: '2600:1f18:a:2::20' } });
    expect(v6.verdict).toBe('reachable');
    // sg-db admits 5432 from 2600:1f18:a::/56 only: over IPv4 nothing admits it
    expect(drop(analyze(model, { from: 'i-web', to: 'i-db', port: 5432 }))).toMatchObject({ id: 'sg-db', code: 'ENI_SG_RULES_MISMATCH' });
  });
});

/**
 * vpc-a (i-a, 2600:1f18:a:1::5) and vpc-b (2600:1f18:b::/56) attached to
 * tgw-1 with IPv6 support (vpc-b's attachment as `ipv6Support` says), both
 * associated with tgw-rtb (added by each test).
 */
function twoVpcsOnTgw(ipv6Support: 'enable' | 'disable' = 'enable'): Network {
  return new Network()
    .tgw('tgw-1')
    .vpc('vpc-a', '10.0.0.0/16', '2600:1f18:a::/56')
    .subnet('subnet-a', 'vpc-a', '10.0.1.0/24')
    .subnetIpv6('subnet-a', '2600:1f18:a:1::/64')
    .vpc('vpc-b', '10.1.0.0/16', '2600:1f18:b::/56')
    .subnet('subnet-b', 'vpc-b', '10.1.1.0/24')
    .subnetIpv6('subnet-b', '2600:1f18:b:1::/64')
    .routeTable('rtb-a', 'vpc-a', { main: true, routes: [['10.0.0.0/16', 'local'], ['2600:1f18:b::/56', 'tgw-1']] })
    .acl('acl-a', 'vpc-a', { isDefault: true, subnets: ['subnet-a'], inbound: V6_ALLOW_ALL, outbound: V6_ALLOW_ALL })
    .group('sg-a', 'vpc-a', { egress: V6_ANYWHERE })
    .instance('i-a', { subnet: 'subnet-a', ip: '10.0.1.5', groups: ['sg-a'], ipv6: ['2600:1f18:a:1::5'] })
    .tgwVpcAttachment('tgw-attach-a', 'tgw-1', 'vpc-a', ['subnet-a'], 'tgw-rtb', { ipv6Support: 'enable' })
    .tgwVpcAttachment('tgw-attach-b', 'tgw-1', 'vpc-b', ['subnet-b'], 'tgw-rtb', { ipv6Support });
}

describe('IPv6: transit gateway', () => {
  // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html: a VPC attachment propagates the VPC's IPv4 and IPv6 CIDRs; an IPv6 lookup finds IPv6 routes only
  it('routes IPv6 between attached VPCs by the propagated IPv6 blocks', () => {
    const model = twoVpcsOnTgw()
      .routeTable('rtb-b', 'vpc-b', { main: true, routes: [['10.1.0.0/16', 'local'], ['2600:1f18:a::/56', 'tgw-1']] })
      .acl('acl-b', 'vpc-b', { isDefault: true, subnets: ['subnet-b'], inbound: V6_ALLOW_ALL, outbound: V6_ALLOW_ALL })
      .group('sg-b', 'vpc-b', { ingress: [{ protocol: 'tcp', ports: [443, 443], cidr: '2600:1f18:a::/56' }], egress: V6_ANYWHERE })
      .instance('i-b', { subnet: 'subnet-b', ip: '10.1.1.5', groups: ['sg-b'], ipv6: ['2600:1f18:b:1::5'] })
      .tgwRouteTable('tgw-rtb', 'tgw-1', [], [['tgw-attach-a', 'vpc-a'], ['tgw-attach-b', 'vpc-b']])
      .build();
    const ok = analyze(model, { from: 'i-a', to: 'i-b', port: 443, family: 'ipv6' });
    expect(ok.verdict).toBe('reachable');
    expect(ok.forward.hops.find((hop) => hop.kind === 'tgw-route-table')!.detail).toBe('tgw-rtb: 2600:1f18:b::/56 -> tgw-attach-b (propagated).');
  });

  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGatewayVpcAttachmentOptions.html (Ipv6Support):
  // "When disabled, the network interface does not receive an IPv6 address, and IPv6 routes do not propagate" (the default is disable)
  it('an attachment without IPv6 support propagates its VPC\'s IPv4 blocks but not its IPv6 ones', () => {
    const model = twoVpcsOnTgw('disable').tgwRouteTable('tgw-rtb', 'tgw-1', [], [['tgw-attach-a', 'vpc-a'], ['tgw-attach-b', 'vpc-b']]).build();
    const v6 = analyze(model, { from: 'i-a', to: '2600:1f18:b:1::5', port: 443 });
    expect(drop(v6)).toEqual({ verdict: 'unreachable', kind: 'tgw-route-table', id: 'tgw-rtb', code: 'NO_ROUTE_TO_DESTINATION', leg: 'forward' });
    const table = model.transitGatewayRouteTables.get('tgw-rtb')!;
    expect(table.routes.map((route) => (route.destination.kind === 'cidr' ? route.destination.cidr.text : route.destination.prefixListId))).toEqual(['10.0.0.0/16', '10.1.0.0/16']);
    expect(table.ipv6Routes.map((route) => (route.destination.kind === 'cidr' ? route.destination.cidr.text : route.destination.prefixListId))).toEqual(['2600:1f18:a::/56']);
  });

  it('a static IPv4 route does not carry IPv6: no IPv6 route is NO_ROUTE_TO_DESTINATION at the TGW route table', () => {
    const model = twoVpcsOnTgw().tgwRouteTable('tgw-rtb', 'tgw-1', [['10.1.0.0/16', 'tgw-attach-b']]).build();
    const result = analyze(model, { from: 'i-a', to: '2600:1f18:b:1::5', port: 443 });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'tgw-route-table', id: 'tgw-rtb', code: 'NO_ROUTE_TO_DESTINATION', leg: 'forward' });
  });
});

describe('IPv6: exposure', () => {
  // https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html and VPC_Internet_Gateway.html: ::/0 on 22 to an instance with an IPv6 address behind an IGW route ::/0 is open to the internet
  it('lists one entry per ENI and family: the IPv6 one names ::/0 on 22, high risk, with no public IPv4 needed', () => {
    const report = exposureOf(dual().build());
    const web = report.exposed.filter((entry) => entry.eni === 'eni-web');
    expect(web.map((entry) => entry.family)).toEqual([undefined, 'ipv6']);
    expect(web[0]).toMatchObject({ privateIp: '10.0.1.10', publicIp: '54.0.0.10', services: [{ protocol: 'tcp', ports: [{ from: 80, to: 80 }], sources: ['0.0.0.0/0'] }] });
    expect(web[1]).toMatchObject({ privateIp: '2600:1f18:a:1::10', publicIp: '2600:1f18:a:1::10', services: [{ protocol: 'tcp', ports: [{ from: 22, to: 22 }], sources: ['::/0'], risk: 'high' }] });
    expect(web[1]!.services[0]!.example).toEqual({ from: '2001:db8::1', to: '2600:1f18:a:1::10', protocol: 'tcp', port: 22 });
    // i-db's subnet sends ::/0 to the egress-only gateway, i-plain has no IPv6 address: neither is exposed over IPv6
    expect(report.exposed.filter((entry) => entry.family === 'ipv6').map((entry) => entry.eni)).toEqual(['eni-web']);
  });

  it('an IPv6 rule narrower than ::/0 is reported with its own block', () => {
    const report = exposureOf(dual({ webIngress: [{ protocol: 'tcp', ports: [443, 443], cidr: '2001:db8:abcd::/48' }] }).build());
    const entry = report.exposed.find((e) => e.eni === 'eni-web' && e.family === 'ipv6')!;
    expect(entry.services.map((s) => [s.protocol, s.ports, s.sources, s.risk])).toEqual([['tcp', [{ from: 443, to: 443 }], ['2001:db8:abcd::/48'], 'low']]);
  });
});
