// Fixes for IPv6 drops (issue 17), in the change-set shape of "Fixes you can
// trust": a security-group rule with Ipv6Ranges, a network-ACL entry with
// Ipv6CidrBlock, a route with DestinationIpv6CidrBlock. Each fix is applied to
// the snapshot and the flow traced again (verifiedAnalysis, as the service does
// for every fix): its repair must say reachable. The networks are written for
// one drop each; the expected edits are written from AWS's rules.
import { describe, expect, it } from 'vitest';
import { verifiedAnalysis } from '../../../shared/api/fixes/verify.js';
import { analyzeFlow } from '../../../shared/engine/analyze.js';
import type { FlowRequest } from '../../../shared/engine/packet.js';
import { allowAll, anywhere, Network, type AclRule, type Permission } from '../../fixtures/engine/network.js';

const V6_ALLOW_ALL: AclRule[] = [...allowAll, { n: 101, action: 'allow', protocol: '-1', cidr: '::/0' }];
const V6_ANYWHERE: Permission[] = [...anywhere, { protocol: '-1', cidr: '::/0' }];

interface Options {
  webIngress?: Permission[];
  webEgress?: Permission[];
  pubInbound?: AclRule[];
  pubRoutes?: [string, string][];
  privRoutes?: [string, string][];
}

/**
 * vpc-a (10.0.0.0/16, 2600:1f18:a::/56) with igw-a and the egress-only eigw-a; subnet-pub (2600:1f18:a:1::/64)
 * holds i-web (2600:1f18:a:1::10), subnet-priv (2600:1f18:a:2::/64) holds i-db (2600:1f18:a:2::20).
 */
function dual(options: Options = {}) {
  return new Network()
    .vpc('vpc-a', '10.0.0.0/16', '2600:1f18:a::/56')
    .subnet('subnet-pub', 'vpc-a', '10.0.1.0/24')
    .subnetIpv6('subnet-pub', '2600:1f18:a:1::/64')
    .subnet('subnet-priv', 'vpc-a', '10.0.2.0/24')
    .subnetIpv6('subnet-priv', '2600:1f18:a:2::/64')
    .igw('igw-a', 'vpc-a')
    .eigw('eigw-a', 'vpc-a')
    .routeTable('rtb-pub', 'vpc-a', { subnets: ['subnet-pub'], routes: [['10.0.0.0/16', 'local'], ['2600:1f18:a::/56', 'local'], ['0.0.0.0/0', 'igw-a'], ...(options.pubRoutes ?? [['::/0', 'igw-a']])] })
    .routeTable('rtb-priv', 'vpc-a', { main: true, subnets: ['subnet-priv'], routes: [['10.0.0.0/16', 'local'], ['2600:1f18:a::/56', 'local'], ...(options.privRoutes ?? [['::/0', 'eigw-a']])] })
    .acl('acl-pub', 'vpc-a', { subnets: ['subnet-pub'], inbound: options.pubInbound ?? V6_ALLOW_ALL, outbound: V6_ALLOW_ALL })
    .acl('acl-priv', 'vpc-a', { isDefault: true, subnets: ['subnet-priv'], inbound: V6_ALLOW_ALL, outbound: V6_ALLOW_ALL })
    .group('sg-web', 'vpc-a', { ingress: options.webIngress ?? [{ protocol: 'tcp', ports: [22, 22], cidr: '::/0' }], egress: options.webEgress ?? V6_ANYWHERE })
    .group('sg-db', 'vpc-a', { ingress: [], egress: V6_ANYWHERE })
    .instance('i-web', { subnet: 'subnet-pub', ip: '10.0.1.10', publicIp: '54.0.0.10', groups: ['sg-web'], ipv6: ['2600:1f18:a:1::10'] })
    .instance('i-db', { subnet: 'subnet-priv', ip: '10.0.2.20', groups: ['sg-db'], ipv6: ['2600:1f18:a:2::20'] })
    .snapshot();
}

/** The trace, its fix tried on the snapshot (as the service offers every fix), and the same flow traced once the fix is made. */
function fixed(snapshot: ReturnType<typeof dual>, request: FlowRequest) {
  const result = verifiedAnalysis(snapshot, request, analyzeFlow(snapshot.model, request));
  return { result, fix: result.blocked!.fix!, edits: result.blocked!.fix!.changes!.changes };
}

describe('IPv6 fixes: security groups (Ipv6Ranges)', () => {
  // https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html: an IPv6 source is an Ipv6Ranges CIDR (CidrIpv6)
  it('an inbound drop from the internet over IPv6: a rule for the asked port from ::/0, verified reachable', () => {
    const { result, fix, edits } = fixed(dual(), { from: 'internet', to: 'i-web', protocol: 'tcp', port: 443, family: 'ipv6' });
    expect(result.blocked).toMatchObject({ id: 'sg-web', code: 'ENI_SG_RULES_MISMATCH', direction: 'forward' });
    expect(edits).toEqual([{ action: 'AuthorizeSecurityGroupIngress', GroupId: 'sg-web', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, Ipv6Ranges: [{ CidrIpv6: '::/0' }] }] }]);
    expect(fix.command).toContain('"Ipv6Ranges":[{"CidrIpv6":"::/0"}]');
    expect(fix.repair).toMatchObject({ steps: 1, verdict: 'reachable' });
  });

  it('an outbound drop to an IPv6 internet address: an egress rule to that address (/128), verified reachable', () => {
    const { result, fix, edits } = fixed(dual({ webEgress: anywhere }), { from: 'i-web', to: '2001:db8::5', protocol: 'tcp', port: 443 });
    expect(result.blocked).toMatchObject({ id: 'sg-web', code: 'ENI_SG_RULES_MISMATCH', direction: 'forward' });
    expect(edits).toEqual([{ action: 'AuthorizeSecurityGroupEgress', GroupId: 'sg-web', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, Ipv6Ranges: [{ CidrIpv6: '2001:db8::5/128' }] }] }]);
    expect(fix.repair).toMatchObject({ verdict: 'reachable' });
  });
});

describe('IPv6 fixes: network ACLs (Ipv6CidrBlock)', () => {
  // https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html: IPv6 entries name an Ipv6CidrBlock and share the ACL's rule numbers with IPv4's
  it('an ACL with no IPv6 entry drops at its * rule: an inbound IPv6 entry after the last rule (100), verified reachable', () => {
    const { result, fix, edits } = fixed(dual({ pubInbound: allowAll }), { from: 'internet', to: 'i-web', protocol: 'tcp', port: 22, family: 'ipv6' });
    expect(result.blocked).toMatchObject({ id: 'acl-pub', code: 'SUBNET_ACL_RESTRICTION', direction: 'forward' });
    expect(edits).toEqual([{ action: 'CreateNetworkAclEntry', NetworkAclId: 'acl-pub', RuleNumber: 110, Egress: false, Protocol: 'tcp', RuleAction: 'allow', Ipv6CidrBlock: '::/0', PortRange: { From: 22, To: 22 } }]);
    expect(fix.command).toContain('--ipv6-cidr-block ::/0');
    expect(fix.repair).toMatchObject({ verdict: 'reachable' });
  });

  it('the new IPv6 entry takes a number free in both families: IPv4 rule 110 taken, IPv6 gets 120', () => {
    const inbound: AclRule[] = [...allowAll, { n: 110, action: 'allow', protocol: 'tcp', ports: [80, 80], cidr: '0.0.0.0/0' }];
    const { edits } = fixed(dual({ pubInbound: inbound }), { from: 'internet', to: 'i-web', protocol: 'tcp', port: 22, family: 'ipv6' });
    expect(edits).toMatchObject([{ action: 'CreateNetworkAclEntry', RuleNumber: 120, Ipv6CidrBlock: '::/0' }]);
  });

  it('and an IPv4 entry does the same: IPv6 rule 110 taken, the IPv4 fix after it gets 120 (AWS refuses a number already held)', () => {
    const inbound: AclRule[] = [
      { n: 100, action: 'allow', protocol: 'tcp', ports: [80, 80], cidr: '0.0.0.0/0' },
      { n: 110, action: 'allow', protocol: '-1', cidr: '::/0' },
    ];
    const { result, fix, edits } = fixed(dual({ pubInbound: inbound, webIngress: [{ protocol: 'tcp', ports: [22, 22], cidr: '0.0.0.0/0' }] }), { from: 'internet', to: 'i-web', protocol: 'tcp', port: 22 });
    // tcp 22 over IPv4 matches neither entry: the * rule drops it
    expect(result.blocked).toMatchObject({ id: 'acl-pub', code: 'SUBNET_ACL_RESTRICTION', direction: 'forward' });
    expect(edits).toEqual([{ action: 'CreateNetworkAclEntry', NetworkAclId: 'acl-pub', RuleNumber: 120, Egress: false, Protocol: 'tcp', RuleAction: 'allow', CidrBlock: '0.0.0.0/0', PortRange: { From: 22, To: 22 } }]);
    expect(fix.repair).toMatchObject({ verdict: 'reachable' });
  });
});

describe('IPv6 fixes: routes (DestinationIpv6CidrBlock)', () => {
  // https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html: a subnet routes ::/0 to the internet gateway for IPv6 internet traffic
  it('replies to an internet client with no IPv6 route: ::/0 to the internet gateway, verified reachable', () => {
    const { result, fix, edits } = fixed(dual({ pubRoutes: [] }), { from: 'internet', to: 'i-web', protocol: 'tcp', port: 22, family: 'ipv6' });
    expect(result.blocked).toMatchObject({ id: 'rtb-pub', code: 'NO_ROUTE_TO_DESTINATION', direction: 'return' });
    expect(edits).toEqual([{ action: 'CreateRoute', RouteTableId: 'rtb-pub', DestinationIpv6CidrBlock: '::/0', GatewayId: 'igw-a' }]);
    expect(fix.command).toContain('--destination-ipv6-cidr-block ::/0 --gateway-id igw-a');
    expect(fix.repair).toMatchObject({ verdict: 'reachable' });
  });

  // https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html: a private subnet routes ::/0 to the egress-only gateway
  it('a connection out of a private subnet with no IPv6 route: ::/0 to the egress-only gateway, verified reachable', () => {
    const { result, fix, edits } = fixed(dual({ privRoutes: [] }), { from: 'i-db', to: '2001:db8::5', protocol: 'tcp', port: 443 });
    expect(result.blocked).toMatchObject({ id: 'rtb-priv', code: 'NO_ROUTE_TO_DESTINATION', direction: 'forward' });
    expect(edits).toEqual([{ action: 'CreateRoute', RouteTableId: 'rtb-priv', DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: 'eigw-a' }]);
    expect(fix.repair).toMatchObject({ verdict: 'reachable' });
  });
});
