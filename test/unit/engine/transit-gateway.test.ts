// DESIGN.md section 3, "Transit gateway": lookup in the route table the VPC
// attachment is associated with (static and propagated routes, longest
// prefix, blackhole), the AZ rule on both legs, states, unmodelled
// attachments; and the attachment subnets' network ACLs as AWS's Transit
// Gateway guide, "Network ACLs for transit gateways"
// (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-nacls.html), describes them.
import { describe, expect, it } from 'vitest';
import { Network, type AclRule } from '../../fixtures/engine/network.js';
import { analyze, drop, hopIds } from './analyze-helper.js';

interface Options {
  routes?: [string, string | undefined, string?][];
  propagations?: [string, string][];
  associateA?: string;
  attachmentState?: string;
  acls?: Record<string, { inbound?: AclRule[]; outbound?: AclRule[] }>;
}

/**
 * vpc-a 10.0.0.0/16 and vpc-b 10.1.0.0/16, each with an instance subnet in
 * us-east-1a (x1, 10.x.1.0/24), one in us-east-1b (x2, 10.x.2.0/24) and the
 * attachment subnet (xtgw, 10.x.0.0/28) in us-east-1a only. Both attachments
 * are associated with tgw-rtb-main (unless told otherwise).
 */
function tgwNetwork(options: Options = {}): Network {
  const network = new Network().tgw('tgw-1');
  for (const [name, octet] of [['a', 0], ['b', 1]] as const) {
    const vpc = `vpc-${name}`;
    network
      .vpc(vpc, `10.${octet}.0.0/16`)
      .subnet(`subnet-${name}1`, vpc, `10.${octet}.1.0/24`, 'us-east-1a')
      .subnet(`subnet-${name}2`, vpc, `10.${octet}.2.0/24`, 'us-east-1b')
      .subnet(`subnet-${name}tgw`, vpc, `10.${octet}.0.0/28`, 'us-east-1a')
      .routeTable(`rtb-${name}`, vpc, { main: true, routes: [[`10.${octet}.0.0/16`, 'local'], ['10.0.0.0/8', 'tgw-1']] })
      .group(`sg-${name}`, vpc, { ingress: [{ protocol: '-1', cidr: '10.0.0.0/8' }] })
      .instance(`i-${name}1`, { subnet: `subnet-${name}1`, ip: `10.${octet}.1.5`, groups: [`sg-${name}`] })
      .instance(`i-${name}2`, { subnet: `subnet-${name}2`, ip: `10.${octet}.2.5`, groups: [`sg-${name}`] })
      .instance(`i-${name}t`, { subnet: `subnet-${name}tgw`, ip: `10.${octet}.0.5`, groups: [`sg-${name}`] });
    for (const subnet of [`${name}1`, `${name}2`, `${name}tgw`]) network.acl(`acl-${subnet}`, vpc, { subnets: [`subnet-${subnet}`], ...options.acls?.[subnet] });
  }
  return network
    .tgwVpcAttachment('tgw-attach-a', 'tgw-1', 'vpc-a', ['subnet-atgw'], options.associateA ?? 'tgw-rtb-main', { state: options.attachmentState })
    .tgwVpcAttachment('tgw-attach-b', 'tgw-1', 'vpc-b', ['subnet-btgw'], 'tgw-rtb-main')
    .tgwRouteTable('tgw-rtb-main', 'tgw-1', options.routes ?? [['10.0.0.0/16', 'tgw-attach-a'], ['10.1.0.0/16', 'tgw-attach-b']], options.propagations ?? []);
}

const denyFrom = (cidr: string): AclRule[] => [{ n: 50, action: 'deny', protocol: '-1', cidr }, { n: 100, action: 'allow' }];

describe('transit gateway', () => {
  it('carries traffic between attached VPCs: attachment, its subnet ACL, the TGW, its route table, the other attachment', () => {
    const result = analyze(tgwNetwork().build(), { from: 'i-a1', to: 'i-b1', port: 22 });
    expect(result.verdict).toBe('reachable');
    expect(hopIds(result)).toEqual([
      'eni:eni-a1:egress',
      'security-group:sg-a:egress',
      'network-acl:acl-a1:egress',
      'route-table:rtb-a:transit',
      'tgw-attachment:tgw-attach-a:transit',
      'network-acl:acl-atgw:ingress',
      'transit-gateway:tgw-1:transit',
      'tgw-route-table:tgw-rtb-main:transit',
      'tgw-attachment:tgw-attach-b:transit',
      'network-acl:acl-btgw:egress',
      'route-table:rtb-b:transit',
      'network-acl:acl-b1:ingress',
      'security-group:sg-b:ingress',
      'eni:eni-b1:ingress',
    ]);
  });

  it('propagated routes count like static ones', () => {
    const model = tgwNetwork({ routes: [], propagations: [['tgw-attach-a', 'vpc-a'], ['tgw-attach-b', 'vpc-b']] }).build();
    const result = analyze(model, { from: 'i-a1', to: 'i-b1', port: 22 });
    expect(result.verdict).toBe('reachable');
    expect(result.forward.hops.find((hop) => hop.kind === 'tgw-route-table')!.detail).toContain('propagated');
  });

  it('the lookup happens in the route table the attachment is associated with', () => {
    // tgw-attach-a is associated with tgw-rtb-isolated, which knows only vpc-a; tgw-rtb-main would route 10.1/16.
    const model = tgwNetwork({ associateA: 'tgw-rtb-isolated' }).tgwRouteTable('tgw-rtb-isolated', 'tgw-1', [['10.0.0.0/16', 'tgw-attach-a']]).build();
    const result = analyze(model, { from: 'i-a1', to: 'i-b1', port: 22 });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'tgw-route-table', id: 'tgw-rtb-isolated', code: 'NO_ROUTE_TO_DESTINATION', leg: 'forward' });
    expect(result.blocked!.fix!.command).toBe('aws ec2 create-transit-gateway-route --transit-gateway-route-table-id tgw-rtb-isolated --destination-cidr-block 10.1.0.0/16 --transit-gateway-attachment-id tgw-attach-b --region us-east-1');
  });

  it('longest prefix wins; a blackhole route drops (TGW_RTB_BAD_STATE_ROUTE)', () => {
    const model = tgwNetwork({ routes: [['10.0.0.0/16', 'tgw-attach-a'], ['10.1.0.0/16', 'tgw-attach-b'], ['10.1.1.0/24', undefined]] }).build();
    const result = analyze(model, { from: 'i-a1', to: 'i-b1', port: 22 });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'tgw-route-table', id: 'tgw-rtb-main', code: 'TGW_RTB_BAD_STATE_ROUTE', leg: 'forward' });
    // 10.1.0.5 is outside the blackholed /24 and goes by the /16.
    expect(analyze(model, { from: 'i-a1', to: 'i-bt', port: 22 }).verdict).toBe('reachable');
  });

  it('a sender can use the TGW only if the attachment has a subnet in its AZ (TGW_ROUTE_AZ_RESTRICTION, forward)', () => {
    const result = analyze(tgwNetwork().build(), { from: 'i-a2', to: 'i-b1', port: 22 });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'tgw-attachment', id: 'tgw-attach-a', code: 'TGW_ROUTE_AZ_RESTRICTION', leg: 'forward' });
    expect(result.blocked!.fix!.command).toBe('aws ec2 modify-transit-gateway-vpc-attachment --transit-gateway-attachment-id tgw-attach-a --add-subnet-ids subnet-a2 --region us-east-1');
  });

  it('the AZ rule holds on the return leg too', () => {
    // i-b2 (us-east-1b) is reached through subnet-btgw (us-east-1a), but cannot send its reply into the TGW.
    const result = analyze(tgwNetwork().build(), { from: 'i-a1', to: 'i-b2', port: 22 });
    expect(result.forward.delivered).toBe(true);
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'tgw-attachment', id: 'tgw-attach-b', code: 'TGW_ROUTE_AZ_RESTRICTION', leg: 'return' });
  });

  it('an attachment that is not available drops (BAD_STATE)', () => {
    const result = analyze(tgwNetwork({ attachmentState: 'pendingAcceptance' }).build(), { from: 'i-a1', to: 'i-b1', port: 22 });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'tgw-attachment', id: 'tgw-attach-a', code: 'BAD_STATE', leg: 'forward' });
    expect(result.blocked!.fix!.command).toContain('accept-transit-gateway-vpc-attachment --transit-gateway-attachment-id tgw-attach-a');
  });

  it('a VPN attachment whose connection is not in the snapshot is unknown (UNKNOWN_RESOURCE); lookups only VPN propagations could answer are unknown (UNSUPPORTED_COMPONENT)', () => {
    const vpnRoute = tgwNetwork({ routes: [['10.0.0.0/16', 'tgw-attach-a'], ['10.1.0.0/16', 'tgw-attach-b'], ['192.168.0.0/16', 'tgw-attach-vpn', 'vpn']] })
      .tgwVpcAttachment('tgw-attach-vpn', 'tgw-1', 'vpn-1', [], undefined, { resourceType: 'vpn' })
      .routeTable('rtb-x', 'vpc-a', { subnets: ['subnet-a1'], routes: [['10.0.0.0/16', 'local'], ['0.0.0.0/0', 'tgw-1']] })
      .build();
    expect(drop(analyze(vpnRoute, { from: 'i-a1', to: '192.168.1.1', port: 22 }))).toEqual({ verdict: 'unknown', kind: 'tgw-attachment', id: 'tgw-attach-vpn', code: 'UNKNOWN_RESOURCE', leg: 'forward' });
    const propagated = tgwNetwork({ propagations: [['tgw-attach-vpn', 'vpn-1']] })
      .tgwVpcAttachment('tgw-attach-vpn', 'tgw-1', 'vpn-1', [], undefined, { resourceType: 'vpn' })
      .routeTable('rtb-x', 'vpc-a', { subnets: ['subnet-a1'], routes: [['10.0.0.0/16', 'local'], ['0.0.0.0/0', 'tgw-1']] })
      .build();
    expect(drop(analyze(propagated, { from: 'i-a1', to: '192.168.1.1', port: 22 }))).toMatchObject({ verdict: 'unknown', id: 'tgw-attach-vpn', code: 'UNSUPPORTED_COMPONENT' });
  });

  it('a NAT gateway serves traffic that entered its VPC through a transit gateway attachment (centralised egress), and the reply goes back the same way', () => {
    // vpc-e (10.9.0.0/16): the attachment subnet routes 0.0.0.0/0 to nat-e; nat-e's subnet routes 0.0.0.0/0 to igw-e and 10.0.0.0/16 back to the TGW.
    const model = tgwNetwork({ routes: [['10.0.0.0/16', 'tgw-attach-a'], ['10.1.0.0/16', 'tgw-attach-b'], ['0.0.0.0/0', 'tgw-attach-e']] })
      .vpc('vpc-e', '10.9.0.0/16')
      .subnet('subnet-etgw', 'vpc-e', '10.9.0.0/28', 'us-east-1a')
      .subnet('subnet-epub', 'vpc-e', '10.9.1.0/24', 'us-east-1a')
      .igw('igw-e', 'vpc-e')
      .nat('nat-e', 'subnet-epub', '10.9.1.100', '54.9.0.100')
      .routeTable('rtb-etgw', 'vpc-e', { subnets: ['subnet-etgw'], routes: [['10.9.0.0/16', 'local'], ['0.0.0.0/0', 'nat-e']] })
      .routeTable('rtb-epub', 'vpc-e', { subnets: ['subnet-epub'], routes: [['10.9.0.0/16', 'local'], ['0.0.0.0/0', 'igw-e'], ['10.0.0.0/16', 'tgw-1']] })
      .acl('acl-e', 'vpc-e', { isDefault: true, subnets: ['subnet-etgw', 'subnet-epub'] })
      .tgwVpcAttachment('tgw-attach-e', 'tgw-1', 'vpc-e', ['subnet-etgw'], 'tgw-rtb-main')
      .subnet('subnet-a3', 'vpc-a', '10.0.3.0/24', 'us-east-1a')
      .acl('acl-a3', 'vpc-a', { subnets: ['subnet-a3'] })
      .routeTable('rtb-a3', 'vpc-a', { subnets: ['subnet-a3'], routes: [['10.0.0.0/16', 'local'], ['0.0.0.0/0', 'tgw-1']] })
      .instance('i-a3', { subnet: 'subnet-a3', ip: '10.0.3.5', groups: ['sg-a'] })
      .build();
    const result = analyze(model, { from: 'i-a3', to: '203.0.113.7', port: 443 });
    expect(result.verdict).toBe('reachable');
    const forward = hopIds(result);
    expect(forward.indexOf('tgw-attachment:tgw-attach-e:transit')).toBeLessThan(forward.indexOf('nat-gateway:nat-e:transit'));
    expect(forward.at(-2)).toBe('internet-gateway:igw-e:transit');
    expect(hopIds(result, 'return')).toEqual(expect.arrayContaining(['nat-gateway:nat-e:transit', 'tgw-attachment:tgw-attach-e:transit', 'tgw-attachment:tgw-attach-a:transit']));
  });

  it('a routing loop (the TGW sends 10.5/16 to vpc-b, whose table sends it back) ends in NO_ROUTE_TO_DESTINATION', () => {
    const model = tgwNetwork({ routes: [['10.0.0.0/16', 'tgw-attach-a'], ['10.1.0.0/16', 'tgw-attach-b'], ['10.5.0.0/16', 'tgw-attach-b']] }).build();
    const result = analyze(model, { from: 'i-a1', to: '10.5.0.9', port: 22 });
    expect(drop(result)).toMatchObject({ verdict: 'unreachable', code: 'NO_ROUTE_TO_DESTINATION', leg: 'forward' });
    expect(result.blocked!.detail).toContain('loops');
  });

  describe('network ACLs of the attachment subnets (asymmetric, per the Transit Gateway guide)', () => {
    it("instance to TGW: the attachment subnet's inbound rules apply (on the source address)", () => {
      const result = analyze(tgwNetwork({ acls: { atgw: { inbound: denyFrom('10.0.1.0/24') } } }).build(), { from: 'i-a1', to: 'i-b1', port: 22 });
      expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'network-acl', id: 'acl-atgw', code: 'SUBNET_ACL_RESTRICTION', leg: 'forward' });
      expect(result.forward.hops.at(-1)!.direction).toBe('ingress');
    });

    it("instance to TGW: the attachment subnet's outbound rules do not apply; TGW to instances: they do", () => {
      // acl-atgw denies everything outbound: the request into the TGW passes, the reply from the TGW to i-a1 does not.
      const result = analyze(tgwNetwork({ acls: { atgw: { outbound: [] } } }).build(), { from: 'i-a1', to: 'i-b1', port: 22 });
      expect(result.forward.delivered).toBe(true);
      expect(hopIds(result)).not.toContain('network-acl:acl-atgw:egress');
      expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'network-acl', id: 'acl-atgw', code: 'SUBNET_ACL_RESTRICTION', leg: 'return' });
      expect(result.return!.hops.at(-1)!.direction).toBe('egress');
    });

    it('TGW to an instance in the attachment subnet itself: no ACL rule is evaluated; the instance to the TGW: both directions of that ACL are', () => {
      // acl-btgw denies vpc-a inbound: the request from the TGW to i-bt is not judged by it.
      const result = analyze(tgwNetwork({ acls: { btgw: { inbound: denyFrom('10.0.0.0/16') } } }).build(), { from: 'i-a1', to: 'i-bt', port: 22 });
      expect(result.verdict).toBe('reachable');
      expect(hopIds(result).filter((id) => id.includes('acl-btgw'))).toEqual([]);
      // The reply from i-bt into the TGW meets acl-btgw outbound (destination 10.0.1.5) and inbound (source 10.1.0.5).
      expect(hopIds(result, 'return').filter((id) => id.includes('acl-btgw'))).toEqual(['network-acl:acl-btgw:egress', 'network-acl:acl-btgw:ingress']);
      // So an inbound deny of its own address drops the reply.
      const ownDenied = analyze(tgwNetwork({ acls: { btgw: { inbound: denyFrom('10.1.0.0/28') } } }).build(), { from: 'i-a1', to: 'i-bt', port: 22 });
      expect(drop(ownDenied)).toEqual({ verdict: 'unreachable', kind: 'network-acl', id: 'acl-btgw', code: 'SUBNET_ACL_RESTRICTION', leg: 'return' });
    });
  });
});
