// DESIGN.md section 3, "Return through the translator": the return leg must
// leave through the internet gateway or NAT gateway that translated the
// forward leg; a return route that sends it elsewhere drops it there
// (NO_ROUTE_TO_DESTINATION, direction return). As the lead ruled: a route
// into a NAT or internet gateway that translated nothing of the request is
// "elsewhere" (it would rewrite the reply's source, which the client cannot
// match to its connection), and this is judged before whether the route's
// target is in the snapshot, since every gateway that translated the
// request is. Expected values are worked out by hand from the networks below.
import { describe, expect, it } from 'vitest';
import { Network, twoSubnetVpc, type Permission } from '../../fixtures/engine/network.js';
import { analyze, drop, hopIds } from './analyze-helper.js';

const fromPrivateRanges: Permission[] = [{ protocol: '-1', cidr: '10.0.0.0/8' }];

/** vpc-b 10.1.0.0/16, peered with vpc-a over pcx-ab: i-b (10.1.1.5); its main table rtb-b holds `routes`. */
function withPeerB(network: Network, routes: [string, string][]): Network {
  return network
    .vpc('vpc-b', '10.1.0.0/16')
    .subnet('subnet-b', 'vpc-b', '10.1.1.0/24')
    .peering('pcx-ab', ['vpc-a', '10.0.0.0/16'], ['vpc-b', '10.1.0.0/16'])
    .routeTable('rtb-b', 'vpc-b', { main: true, routes: [['10.1.0.0/16', 'local'], ...routes] })
    .acl('acl-b', 'vpc-b', { isDefault: true, subnets: ['subnet-b'] })
    .group('sg-b', 'vpc-b', { ingress: fromPrivateRanges })
    .instance('i-b', { subnet: 'subnet-b', ip: '10.1.1.5', groups: ['sg-b'] });
}

/**
 * vpc-a 10.0.0.0/16 as natVpc has it: i-app (10.0.2.20, sg-app allows
 * everything in) in subnet-priv, whose table rtb-priv sends 0.0.0.0/0 to
 * nat-a (10.0.1.100) in subnet-pub; rtb-pub sends 0.0.0.0/0 to igw-a and
 * vpc-b's 10.1.0.0/16 to pcx-ab. Every ACL allows everything.
 */
function natVpcPeered(privateRoutes: [string, string][] = []): Network {
  return new Network()
    .vpc('vpc-a', '10.0.0.0/16')
    .subnet('subnet-pub', 'vpc-a', '10.0.1.0/24')
    .subnet('subnet-priv', 'vpc-a', '10.0.2.0/24')
    .igw('igw-a', 'vpc-a')
    .nat('nat-a', 'subnet-pub', '10.0.1.100', '54.0.0.100')
    .routeTable('rtb-pub', 'vpc-a', { subnets: ['subnet-pub'], routes: [['10.0.0.0/16', 'local'], ['0.0.0.0/0', 'igw-a'], ['10.1.0.0/16', 'pcx-ab']] })
    .routeTable('rtb-priv', 'vpc-a', { main: true, routes: [['10.0.0.0/16', 'local'], ['0.0.0.0/0', 'nat-a'], ...privateRoutes] })
    .acl('acl-priv', 'vpc-a', { isDefault: true, subnets: ['subnet-priv'] })
    .acl('acl-pub', 'vpc-a', { subnets: ['subnet-pub'] })
    .group('sg-app', 'vpc-a', { ingress: [{ protocol: '-1', cidr: '0.0.0.0/0' }] })
    .instance('i-app', { subnet: 'subnet-priv', ip: '10.0.2.20', groups: ['sg-app'] });
}

describe('return through the translator', () => {
  it('case 1: a reply that a NAT gateway would re-translate drops at the route table that sends it there, whose fix is the missing return route', () => {
    // i-b -> i-app (10.0.2.20) over pcx-ab: rtb-b 10.0.0.0/16 -> pcx-ab, acl-priv and sg-app
    // allow everything: the request is delivered, translated by nobody. The reply
    // 10.0.2.20 -> 10.1.1.5 meets rtb-priv, whose best match is 0.0.0.0/0 -> nat-a:
    // nat-a translated nothing of the request, so the reply would reach i-b from
    // 10.0.1.100 (nat-a's address), which i-b cannot match to its connection.
    const result = analyze(withPeerB(natVpcPeered(), [['10.0.0.0/16', 'pcx-ab']]).build(), { from: 'i-b', to: 'i-app', port: 80 });
    expect(result.forward.delivered).toBe(true);
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'route-table', id: 'rtb-priv', code: 'NO_ROUTE_TO_DESTINATION', leg: 'return' });
    expect(hopIds(result, 'return')).not.toContain('nat-gateway:nat-a:transit');
    expect(result.blocked!.detail).toContain('nat-a');
    expect(result.blocked!.fix!.command).toBe('aws ec2 create-route --route-table-id rtb-priv --destination-cidr-block 10.1.0.0/16 --vpc-peering-connection-id pcx-ab --region us-east-1');
  });

  it('case 2: a reply routed into an internet gateway that translated nothing drops at that route table, not at the gateway', () => {
    // i-b -> i-web (10.0.1.10, public 54.0.0.10) over pcx-ab; sg-web allows 10.0.0.0/8.
    // The reply 10.0.1.10 -> 10.1.1.5 meets rtb-pub: 0.0.0.0/0 -> igw-a, the only
    // match. igw-a translated nothing of the request (it came over the peering), so
    // rtb-pub is where the reply goes astray; the fix is its route back over pcx-ab.
    const model = withPeerB(twoSubnetVpc({ webGroup: fromPrivateRanges }), [['10.0.0.0/16', 'pcx-ab']]).build();
    const result = analyze(model, { from: 'i-b', to: 'i-web', port: 443 });
    expect(result.forward.delivered).toBe(true);
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'route-table', id: 'rtb-pub', code: 'NO_ROUTE_TO_DESTINATION', leg: 'return' });
    expect(hopIds(result, 'return')).not.toContain('internet-gateway:igw-a:transit');
    expect(result.blocked!.fix!.command).toBe('aws ec2 create-route --route-table-id rtb-pub --destination-cidr-block 10.1.0.0/16 --vpc-peering-connection-id pcx-ab --region us-east-1');
  });

  it('case 2: with the return route in place the same flow is reachable', () => {
    // rtb-pub now also routes 10.1.0.0/16 to pcx-ab: longer than 0.0.0.0/0, so the reply takes it.
    const model = withPeerB(
      twoSubnetVpc({ webGroup: fromPrivateRanges, publicRoutes: [['10.0.0.0/16', 'local'], ['0.0.0.0/0', 'igw-a'], ['10.1.0.0/16', 'pcx-ab']] }),
      [['10.0.0.0/16', 'pcx-ab']],
    ).build();
    const result = analyze(model, { from: 'i-b', to: 'i-web', port: 443 });
    expect(result.verdict).toBe('reachable');
    expect(hopIds(result, 'return')).toContain('peering:pcx-ab:transit');
  });

  it('case 3: a reply routed to an absent internet gateway, not the one that translated the request, is NO_ROUTE, not UNKNOWN_RESOURCE', () => {
    // internet -> i-web at 54.0.0.10: igw-a translates it to 10.0.1.10. rtb-pub sends
    // 0.0.0.0/0 to igw-gone, which the snapshot lacks; a VPC has one internet
    // gateway and igw-a is it, so igw-gone is certainly not the translator.
    const model = twoSubnetVpc({ webGroup: [{ protocol: 'tcp', ports: [443, 443], cidr: '0.0.0.0/0' }], publicRoutes: [['10.0.0.0/16', 'local'], ['0.0.0.0/0', 'igw-gone']] }).build();
    const result = analyze(model, { from: 'internet', to: 'i-web', port: 443 });
    expect(result.forward.delivered).toBe(true);
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'route-table', id: 'rtb-pub', code: 'NO_ROUTE_TO_DESTINATION', leg: 'return' });
    // Internet clients at large: only the default route could carry the replies, which would make subnet-pub public.
    expect(result.blocked!.fix!.command).toBe('# no single safe change: see the options');
    expect(result.blocked!.options!.map((o) => o.fix.command)).toEqual(['aws ec2 replace-route --route-table-id rtb-pub --destination-cidr-block 0.0.0.0/0 --gateway-id igw-a --region us-east-1']);
    expect(result.warnings).toContain('igw-gone is referenced by rtb-pub but is not in the snapshot.');
  });

  it('case 3: a reply to a NAT-translated request routed to an absent NAT gateway is NO_ROUTE; to an absent peering it stays UNKNOWN_RESOURCE', () => {
    // i-app -> i-b: rtb-priv 0.0.0.0/0 -> nat-a, which translates the source to
    // 10.0.1.100; rtb-pub routes 10.1.0.0/16 over pcx-ab; sg-b allows 10.0.0.0/8.
    // The reply 10.1.1.5 -> 10.0.1.100 meets rtb-b, whose only way out is 0.0.0.0/0.
    const network = (returnTarget: string): Network => withPeerB(natVpcPeered(), [['0.0.0.0/0', returnTarget]]);
    // nat-gone cannot be nat-a, the NAT gateway that translated the request: certainly not the way back.
    const toAbsentNat = analyze(network('nat-gone').build(), { from: 'i-app', to: 'i-b', port: 443 });
    expect(hopIds(toAbsentNat)).toContain('nat-gateway:nat-a:transit');
    expect(toAbsentNat.forward.delivered).toBe(true);
    expect(drop(toAbsentNat)).toEqual({ verdict: 'unreachable', kind: 'route-table', id: 'rtb-b', code: 'NO_ROUTE_TO_DESTINATION', leg: 'return' });
    expect(toAbsentNat.blocked!.fix!.command).toBe('aws ec2 create-route --route-table-id rtb-b --destination-cidr-block 10.0.0.0/16 --vpc-peering-connection-id pcx-ab --region us-east-1');
    // An absent peering might well be the way back to 10.0.1.100: the answer depends on it.
    const toAbsentPeering = analyze(network('pcx-gone').build(), { from: 'i-app', to: 'i-b', port: 443 });
    expect(drop(toAbsentPeering)).toEqual({ verdict: 'unknown', kind: 'route-table', id: 'rtb-b', code: 'UNKNOWN_RESOURCE', leg: 'return' });
  });

  it('a reply routed to the NAT gateway that translated the request goes back through it', () => {
    // i-app -> i-c (10.0.3.5): rtb-priv's 10.0.3.0/24 -> nat-a is longer than the local
    // 10.0.0.0/16, so the request goes through nat-a (source 10.0.1.100), then rtb-pub
    // delivers it locally. The reply 10.0.3.5 -> 10.0.1.100 meets rtb-c, whose
    // 10.0.1.0/24 -> nat-a is again longer than local: nat-a is the translator, the
    // reply is addressed to it, and it translates it back to 10.0.2.20.
    const model = natVpcPeered([['10.0.3.0/24', 'nat-a']])
      .subnet('subnet-c', 'vpc-a', '10.0.3.0/24')
      .routeTable('rtb-c', 'vpc-a', { subnets: ['subnet-c'], routes: [['10.0.0.0/16', 'local'], ['10.0.1.0/24', 'nat-a']] })
      .acl('acl-c', 'vpc-a', { subnets: ['subnet-c'] })
      .group('sg-c', 'vpc-a', { ingress: fromPrivateRanges })
      .instance('i-c', { subnet: 'subnet-c', ip: '10.0.3.5', groups: ['sg-c'] })
      .build();
    const result = analyze(model, { from: 'i-app', to: 'i-c', port: 443 });
    expect(result.verdict).toBe('reachable');
    expect(hopIds(result, 'return')).toEqual([
      'eni:eni-c:egress',
      'security-group:sg-c:egress',
      'network-acl:acl-c:egress',
      'route-table:rtb-c:transit',
      'network-acl:acl-pub:ingress',
      'nat-gateway:nat-a:transit',
      'network-acl:acl-pub:egress',
      'route-table:rtb-pub:transit',
      'network-acl:acl-priv:ingress',
      // security groups are stateful: the reply passes sg-app as part of the connection
      'security-group:sg-app:ingress',
      'eni:eni-app:ingress',
    ]);
    expect(result.return!.hops.find((hop) => hop.kind === 'nat-gateway')).toMatchObject({ action: 'translate' });
  });
});
