// IPv6 through dual-stack load balancers (issue 17): one AWS rule per test,
// in a hand-written dual-stack network. Expected values are worked out by hand
// from the fixture below and the ELB guides each test cites:
// ALB https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-ip-address-type.html
// NLB https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-ip-address-type.html
// NLB client IP preservation table: https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html#client-ip-preservation
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { allowAll, Network, type AclRule, type LbListenerSpec, type Permission } from '../../fixtures/engine/network.js';
import { V6_ALLOW_ALL } from '../../fixtures/engine/dual-stack.js';
import type { AnalyzeResult } from '../../../shared/api/analysis-types.js';
import type { FlowRequest } from '../../../shared/engine/index.js';
import type { NetworkModel } from '../../../shared/model/types.js';
import { exposureOf } from '../../../shared/engine/exposure.js';
import { analyze as analyzeChecked, drop, hopIds } from './analyze-helper.js';

const validate = new Ajv2020({ allErrors: true }).compile(JSON.parse(readFileSync(new URL('../../../docs/schemas/analyze.schema.json', import.meta.url), 'utf8')) as object);

function analyze(model: NetworkModel, request: FlowRequest): AnalyzeResult {
  const result = analyzeChecked(model, request);
  expect(validate(result), JSON.stringify(validate.errors)).toBe(true);
  return result;
}

interface Options {
  albType?: string;
  albIngress?: Permission[];
  pubAcl?: AclRule[];
  pubRoutes?: [string, string][];
  albNodesV6?: boolean;
  albListeners?: LbListenerSpec[];
  webGroupFamily?: 'ipv4' | 'ipv6';
}

/**
 * vpc-a 10.0.0.0/16 + 2600:1f18:a::/56. Public subnets pub-a 10.0.1.0/24 +
 * 2600:1f18:a:1::/64 (us-east-1a) and pub-b 10.0.3.0/24 + 2600:1f18:a:3::/64
 * (us-east-1b) route 0.0.0.0/0 and ::/0 to igw-a; app-a 10.0.2.0/24 +
 * 2600:1f18:a:2::/64 routes only locally. ACLs allow all of both families.
 * ALB "shop" (dualstack) has nodes 10.0.1.50 / 54.0.0.50 / 2600:1f18:a:1::50
 * and 10.0.3.50 / 54.0.0.51 / 2600:1f18:a:3::50, sg-alb admits tcp 443 from
 * 0.0.0.0/0 and ::/0; HTTPS:443 forwards to tg-web (HTTP 8080, ipv4) with
 * i-web-a 10.0.2.10 (2600:1f18:a:2::10), whose sg-web admits 8080 from
 * sg-alb. NLB "relay" (dualstack, no security groups) has node 10.0.1.60 /
 * 54.0.0.60 / 2600:1f18:a:1::60; TCP:5000 forwards to tg-app (TCP 5000,
 * instance, ipv4, client IP preservation at its default: on) with i-app
 * 10.0.2.20, whose sg-app admits 5000 only from 10.0.0.0/16.
 */
function dualStackLbs(options: Options = {}): Network {
  const v6 = options.albNodesV6 ?? true;
  return new Network()
    .vpc('vpc-a', '10.0.0.0/16', '2600:1f18:a::/56')
    .subnet('subnet-pub-a', 'vpc-a', '10.0.1.0/24', 'us-east-1a')
    .subnetIpv6('subnet-pub-a', '2600:1f18:a:1::/64')
    .subnet('subnet-pub-b', 'vpc-a', '10.0.3.0/24', 'us-east-1b')
    .subnetIpv6('subnet-pub-b', '2600:1f18:a:3::/64')
    .subnet('subnet-app-a', 'vpc-a', '10.0.2.0/24', 'us-east-1a')
    .subnetIpv6('subnet-app-a', '2600:1f18:a:2::/64')
    .igw('igw-a', 'vpc-a')
    .routeTable('rtb-main', 'vpc-a', { main: true, routes: [['10.0.0.0/16', 'local'], ['2600:1f18:a::/56', 'local']] })
    .routeTable('rtb-pub', 'vpc-a', { subnets: ['subnet-pub-a', 'subnet-pub-b'], routes: options.pubRoutes ?? [['10.0.0.0/16', 'local'], ['2600:1f18:a::/56', 'local'], ['0.0.0.0/0', 'igw-a'], ['::/0', 'igw-a']] })
    .acl('acl-pub', 'vpc-a', { subnets: ['subnet-pub-a', 'subnet-pub-b'], inbound: options.pubAcl ?? V6_ALLOW_ALL, outbound: options.pubAcl ?? V6_ALLOW_ALL })
    .acl('acl-app', 'vpc-a', { isDefault: true, subnets: ['subnet-app-a'], inbound: V6_ALLOW_ALL, outbound: V6_ALLOW_ALL })
    .group('sg-alb', 'vpc-a', { ingress: options.albIngress ?? [{ protocol: 'tcp', ports: [443, 443], cidr: '0.0.0.0/0' }, { protocol: 'tcp', ports: [443, 443], cidr: '::/0' }] })
    .group('sg-web', 'vpc-a', { ingress: [{ protocol: 'tcp', ports: [8080, 8080], group: 'sg-alb' }] })
    .group('sg-app', 'vpc-a', { ingress: [{ protocol: 'tcp', ports: [5000, 5000], cidr: '10.0.0.0/16' }] })
    .instance('i-web-a', { subnet: 'subnet-app-a', ip: '10.0.2.10', groups: ['sg-web'], ipv6: ['2600:1f18:a:2::10'] })
    .instance('i-app', { subnet: 'subnet-app-a', ip: '10.0.2.20', groups: ['sg-app'] })
    .loadBalancer('shop', {
      type: 'application',
      vpc: 'vpc-a',
      ipAddressType: options.albType ?? 'dualstack',
      nodes: [
        ['subnet-pub-a', '10.0.1.50', '54.0.0.50', v6 ? '2600:1f18:a:1::50' : undefined],
        ['subnet-pub-b', '10.0.3.50', '54.0.0.51', v6 ? '2600:1f18:a:3::50' : undefined],
      ],
      groups: ['sg-alb'],
      listeners: options.albListeners ?? [{ port: 443, protocol: 'HTTPS', targetGroup: 'tg-web' }],
      attributes: {},
    })
    .targetGroup('tg-web', { vpc: 'vpc-a', protocol: 'HTTP', port: 8080, loadBalancers: ['shop'], targets: [['i-web-a', 'healthy']], attributes: {}, ipAddressType: options.webGroupFamily ?? 'ipv4' })
    .loadBalancer('relay', {
      type: 'network',
      vpc: 'vpc-a',
      ipAddressType: 'dualstack',
      nodes: [['subnet-pub-a', '10.0.1.60', '54.0.0.60', '2600:1f18:a:1::60']],
      listeners: [{ port: 5000, protocol: 'TCP', targetGroup: 'tg-app' }],
      attributes: { 'load_balancing.cross_zone.enabled': 'false' },
    })
    .targetGroup('tg-app', { vpc: 'vpc-a', protocol: 'TCP', port: 5000, loadBalancers: ['relay'], targets: [['i-app', 'healthy']], attributes: {}, ipAddressType: 'ipv4' });
}

describe('import: IpAddressType of load balancers and target groups', () => {
  it('reads IpAddressType as DescribeLoadBalancers and DescribeTargetGroups return it, ipv4 where absent', () => {
    const model = dualStackLbs().build();
    expect(model.loadBalancers.get('shop')!.ipAddressType).toBe('dualstack');
    expect([...model.targetGroups.values()].find((group) => group.name === 'tg-web')!.ipAddressType).toBe('ipv4');
    const plain = new Network()
      .vpc('vpc-b', '10.1.0.0/16')
      .subnet('subnet-b', 'vpc-b', '10.1.1.0/24')
      .loadBalancer('old', { type: 'application', vpc: 'vpc-b', nodes: [['subnet-b', '10.1.1.5']], listeners: [] })
      .build();
    expect(plain.loadBalancers.get('old')!.ipAddressType).toBe('ipv4');
  });
});

describe('a dual-stack application load balancer and an IPv6 client', () => {
  it('the internet reaches the ALB at a node IPv6 address; the ALB goes on to an ipv4 target group over IPv4', () => {
    // "clients can communicate with the load balancer using ... both IPv4 and IPv6 addresses (dualstack). The load
    // balancer communicates with targets based on the IP address type of the target group."
    const result = analyze(dualStackLbs().build(), { from: 'internet', to: 'shop', port: 443, family: 'ipv6' });
    expect(result.verdict).toBe('reachable');
    expect(result.query.family).toBe('ipv6');
    expect(result.resolved.from).toEqual({ kind: 'internet', id: 'internet', ip: '2001:db8::1' });
    expect(result.resolved.to.ip).toBe('2600:1f18:a:1::50');
    expect(hopIds(result).slice(0, 4)).toEqual(['internet:internet:egress', 'internet-gateway:igw-a:transit', 'network-acl:acl-pub:ingress', 'security-group:sg-alb:ingress']);
    // the node opens its own IPv4 connection to i-web-a:8080
    expect(result.forward.hops.find((hop) => hop.kind === 'load-balancer')!.rule).toMatchObject({ node: 'eni-shop-0', sourceIp: '10.0.1.50', preserveClientIp: false });
    expect(result.forward.hops.at(-1)).toMatchObject({ id: 'eni-web-a', action: 'deliver' });
    // the reply is relayed to 2001:db8::1 from the node's IPv6 address and leaves through igw-a
    const relay = result.return!.hops.find((hop) => hop.kind === 'load-balancer')!;
    expect(relay.detail).toContain('to 2001:db8::1 from 2600:1f18:a:1::50');
    expect(hopIds(result, 'return')).toContain('internet-gateway:igw-a:transit');
    expect(result.targets!.map((t) => [t.target.id, t.verdict, t.node?.ip])).toEqual([['i-web-a', 'reachable', '2600:1f18:a:1::50']]);
  });

  it("the load balancer's security groups must allow IPv6: sg-alb with 0.0.0.0/0 only drops the IPv6 client, not the IPv4 one", () => {
    // "The security groups for the load balancer must allow IPv6 traffic."
    const model = dualStackLbs({ albIngress: [{ protocol: 'tcp', ports: [443, 443], cidr: '0.0.0.0/0' }] }).build();
    expect(drop(analyze(model, { from: 'internet', to: 'shop', port: 443, family: 'ipv6' }))).toEqual({ verdict: 'unreachable', kind: 'security-group', id: 'sg-alb', code: 'ENI_SG_RULES_MISMATCH', leg: 'forward' });
    expect(analyze(model, { from: 'internet', to: 'shop', port: 443 }).verdict).toBe('reachable');
  });

  it("the load balancer subnets' ACLs must allow IPv6: an ACL with only an IPv4 entry denies the IPv6 client", () => {
    // "The network ACLs for the load balancer subnets must allow IPv6 traffic."
    const model = dualStackLbs({ pubAcl: allowAll }).build();
    expect(drop(analyze(model, { from: 'internet', to: 'shop', port: 443, family: 'ipv6' }))).toEqual({ verdict: 'unreachable', kind: 'network-acl', id: 'acl-pub', code: 'SUBNET_ACL_RESTRICTION', leg: 'forward' });
    expect(analyze(model, { from: 'internet', to: 'shop', port: 443 }).verdict).toBe('reachable');
  });

  it("the load balancer subnets' route tables must route IPv6: without ::/0 the reply to the IPv6 client has no route", () => {
    // "The route tables for the load balancer subnets must route IPv6 traffic."
    const model = dualStackLbs({ pubRoutes: [['10.0.0.0/16', 'local'], ['2600:1f18:a::/56', 'local'], ['0.0.0.0/0', 'igw-a']] }).build();
    expect(drop(analyze(model, { from: 'internet', to: 'shop', port: 443, family: 'ipv6' }))).toEqual({ verdict: 'unreachable', kind: 'route-table', id: 'rtb-pub', code: 'NO_ROUTE_TO_DESTINATION', leg: 'return' });
  });

  it('an ipv4 load balancer asked over IPv6: ELBV2_IPV4_ONLY, with set-ip-address-type dualstack as the fix', () => {
    // an ipv4 load balancer's nodes have IPv4 addresses only: an IPv6 client has nothing to connect to
    const model = dualStackLbs({ albType: 'ipv4', albNodesV6: false }).build();
    const result = analyze(model, { from: 'internet', to: 'shop', port: 443, family: 'ipv6' });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'load-balancer', id: 'shop', code: 'ELBV2_IPV4_ONLY', leg: 'forward' });
    expect(result.blocked!.fix!.command).toContain('set-ip-address-type');
    expect(result.blocked!.fix!.command).toContain('--ip-address-type dualstack');
    expect(analyze(model, { from: 'internet', to: 'shop', port: 443 }).verdict).toBe('reachable');
  });

  it('dualstack-without-public-ipv4: IPv6 clients from the internet reach it, IPv4 ones find no public address', () => {
    // "Dualstack without public IPv4 to support IPv6 addresses only" (from the internet); its nodes hold private IPv4 only
    const model = new Network()
      .vpc('vpc-c', '10.2.0.0/16', '2600:1f18:c::/56')
      .subnet('subnet-c', 'vpc-c', '10.2.1.0/24')
      .subnetIpv6('subnet-c', '2600:1f18:c:1::/64')
      .subnet('subnet-w', 'vpc-c', '10.2.2.0/24')
      .igw('igw-c', 'vpc-c')
      .routeTable('rtb-c', 'vpc-c', { main: true, routes: [['10.2.0.0/16', 'local'], ['2600:1f18:c::/56', 'local'], ['0.0.0.0/0', 'igw-c'], ['::/0', 'igw-c']] })
      .acl('acl-c', 'vpc-c', { isDefault: true, subnets: ['subnet-c', 'subnet-w'], inbound: V6_ALLOW_ALL, outbound: V6_ALLOW_ALL })
      .group('sg-lb', 'vpc-c', { ingress: [{ protocol: 'tcp', ports: [443, 443], cidr: '0.0.0.0/0' }, { protocol: 'tcp', ports: [443, 443], cidr: '::/0' }] })
      .group('sg-w', 'vpc-c', { ingress: [{ protocol: 'tcp', ports: [80, 80], group: 'sg-lb' }] })
      .instance('i-w', { subnet: 'subnet-w', ip: '10.2.2.10', groups: ['sg-w'] })
      .loadBalancer('v6front', { type: 'application', vpc: 'vpc-c', ipAddressType: 'dualstack-without-public-ipv4', nodes: [['subnet-c', '10.2.1.5', undefined, '2600:1f18:c:1::5']], groups: ['sg-lb'], listeners: [{ port: 443, protocol: 'HTTPS', targetGroup: 'tg-w' }], attributes: {} })
      .targetGroup('tg-w', { vpc: 'vpc-c', protocol: 'HTTP', port: 80, loadBalancers: ['v6front'], targets: [['i-w', 'healthy']], attributes: {} })
      .build();
    expect(analyze(model, { from: 'internet', to: 'v6front', port: 443, family: 'ipv6' }).verdict).toBe('reachable');
    const overIpv4 = analyze(model, { from: 'internet', to: 'v6front', port: 443 });
    expect(overIpv4.verdict).toBe('unreachable');
    expect(overIpv4.resolved.to.ip).toBe('10.2.1.5');
  });

  it('a source-ip condition with an IPv6 CIDR takes the IPv6 clients it covers, and only those', () => {
    // ALB listener rules: a source-ip condition lists IPv4 and IPv6 CIDRs (listener-rules, "Source IP address conditions")
    const listeners: LbListenerSpec[] = [{ port: 443, protocol: 'HTTPS', defaultType: 'fixed-response', rules: [{ priority: '10', sourceIp: ['203.0.113.0/24', '2001:db8:1::/48'], targetGroup: 'tg-web' }] }];
    const model = dualStackLbs({ albListeners: listeners }).build();
    expect(analyze(model, { from: '2001:db8:1::5', to: 'shop', port: 443 }).verdict).toBe('reachable');
    const outside = analyze(model, { from: '2001:db8:2::5', to: 'shop', port: 443 });
    expect(drop(outside)).toMatchObject({ verdict: 'unreachable', kind: 'listener', code: 'ELBV2_RULE_SOURCE_IP_MISMATCH' });
    expect(outside.blocked!.fix!.text).toContain('2001:db8:2::5/128');
  });

  it('an ipv6 target group is not followed yet: unknown (UNSUPPORTED_COMPONENT) at the group, said', () => {
    const result = analyze(dualStackLbs({ webGroupFamily: 'ipv6' }).build(), { from: 'internet', to: 'shop', port: 443, family: 'ipv6' });
    expect(drop(result)).toEqual({ verdict: 'unknown', kind: 'target-group', id: expect.stringContaining('targetgroup/tg-web/') as unknown as string, code: 'UNSUPPORTED_COMPONENT', leg: 'forward' });
    expect(result.blocked!.detail).toContain('IPv6 target group');
  });

  it('a dual-stack load balancer whose nodes show no IPv6 address in the snapshot: unknown, not a guess', () => {
    const result = analyze(dualStackLbs({ albNodesV6: false }).build(), { from: 'internet', to: 'shop', port: 443, family: 'ipv6' });
    expect(drop(result)).toEqual({ verdict: 'unknown', kind: 'load-balancer', id: 'shop', code: 'UNKNOWN_RESOURCE', leg: 'forward' });
  });

  it("a node's IPv6 address as the destination is the load balancer, entered at that node", () => {
    const result = analyze(dualStackLbs().build(), { from: '2001:db8::9', to: '2600:1f18:a:3::50', port: 443 });
    expect(result.verdict).toBe('reachable');
    expect(result.resolved.to).toMatchObject({ kind: 'load-balancer', name: 'shop', ip: '2600:1f18:a:3::50' });
    expect(result.targets![0]!.node).toMatchObject({ id: 'eni-shop-1', ip: '2600:1f18:a:3::50' });
  });
});

describe('a dual-stack network load balancer and an IPv6 client', () => {
  it('an ipv4 target group does not see an IPv6 client: the target gets the node IPv4 address, even with client IP preservation on', () => {
    // NLB client IP preservation table: Instance type (IPv4) targets, IPv6 client requests -> "Load balancer IPv4 address";
    // IPv4 client requests -> "Client IPv4 address". sg-app admits 5000 only from 10.0.0.0/16.
    const model = dualStackLbs().build();
    const ipv6 = analyze(model, { from: 'internet', to: 'relay', port: 5000, family: 'ipv6' });
    expect(ipv6.verdict).toBe('reachable');
    expect(ipv6.resolved.to.ip).toBe('2600:1f18:a:1::60');
    expect(ipv6.forward.hops.find((hop) => hop.kind === 'load-balancer' && hop.direction === 'transit')!.rule).toMatchObject({ sourceIp: '10.0.1.60', preserveClientIp: false });
    // the same NLB over IPv4 keeps the client's address 198.51.100.1, which sg-app does not admit
    const ipv4 = analyze(model, { from: 'internet', to: 'relay', port: 5000 });
    expect(ipv4.forward.hops.find((hop) => hop.kind === 'load-balancer' && hop.direction === 'transit')!.rule).toMatchObject({ sourceIp: '198.51.100.1', preserveClientIp: true });
    expect(drop(ipv4)).toEqual({ verdict: 'unreachable', kind: 'security-group', id: 'sg-app', code: 'ENI_SG_RULES_MISMATCH', leg: 'forward' });
  });

  it('an NLB without security groups lets the IPv6 client through at the node; the subnet ACL still judges it', () => {
    // "The network ACLs for the Network Load Balancer subnets must allow IPv6 traffic."
    const model = dualStackLbs({ pubAcl: allowAll }).build();
    expect(drop(analyze(model, { from: 'internet', to: 'relay', port: 5000, family: 'ipv6' }))).toEqual({ verdict: 'unreachable', kind: 'network-acl', id: 'acl-pub', code: 'SUBNET_ACL_RESTRICTION', leg: 'forward' });
  });
});

describe('exposure: a dual-stack load balancer is listed per listener and family', () => {
  const validateExposure = new Ajv2020({ allErrors: true, strict: false }).addSchema(JSON.parse(readFileSync(new URL('../../../docs/schemas/analyze.schema.json', import.meta.url), 'utf8')) as object).compile(JSON.parse(readFileSync(new URL('../../../docs/schemas/exposure.schema.json', import.meta.url), 'utf8')) as object);

  it('each listener of a dualstack ALB or NLB has its IPv4 entry as before and an IPv6 entry (family ipv6) with the IPv6 sources, traced over IPv6', () => {
    const report = exposureOf(dualStackLbs().build());
    expect(validateExposure(report), JSON.stringify(validateExposure.errors)).toBe(true);
    const entries = (name: string) => report.loadBalancers!.find((lb) => lb.loadBalancer === name)!.listeners.map((l) => [l.port, l.family ?? 'ipv4', l.sources, l.verdict, l.example]);
    // sg-alb admits 443 from 0.0.0.0/0 and ::/0; i-web-a is reached over both families
    expect(entries('shop')).toEqual([
      [443, 'ipv4', ['0.0.0.0/0'], 'reachable', { from: 'internet', to: 'shop', protocol: 'tcp', port: 443 }],
      [443, 'ipv6', ['::/0'], 'reachable', { from: 'internet', to: 'shop', protocol: 'tcp', port: 443, family: 'ipv6' }],
    ]);
    // relay has no security groups: every client; over IPv4 i-app sees the client's address, which sg-app (10.0.0.0/16) refuses,
    // over IPv6 it sees the node's IPv4 address (client IP preservation table), which it admits
    expect(entries('relay')).toEqual([
      [5000, 'ipv4', ['0.0.0.0/0'], 'unreachable', { from: 'internet', to: 'relay', protocol: 'tcp', port: 5000 }],
      [5000, 'ipv6', ['::/0'], 'reachable', { from: 'internet', to: 'relay', protocol: 'tcp', port: 5000, family: 'ipv6' }],
    ]);
  });

  it('an ipv4 load balancer keeps one entry per listener, as before', () => {
    const report = exposureOf(dualStackLbs({ albType: 'ipv4', albNodesV6: false }).build());
    expect(report.loadBalancers!.find((lb) => lb.loadBalancer === 'shop')!.listeners.map((l) => [l.port, l.family])).toEqual([[443, undefined]]);
  });
});
