// DESIGN.md section 3, "Route tables": explicit association else main table,
// longest prefix over CIDRs and prefix lists, the local route covers every
// VPC CIDR, blackholes drop, unmodelled targets and missing resources are
// unknown.
import { describe, expect, it } from 'vitest';
import { Network, twoSubnetVpc } from '../../fixtures/engine/network.js';
import { analyze, drop } from './analyze-helper.js';

const internetIn = [{ protocol: 'tcp', ports: [443, 443] as [number, number], cidr: '0.0.0.0/0' }];

describe('route tables', () => {
  it("a subnet uses its explicitly associated table, else the VPC's main table", () => {
    const model = twoSubnetVpc().build();
    // subnet-pub is associated with rtb-pub (0.0.0.0/0 -> igw-a); subnet-priv falls back to rtb-main (local only).
    const web = analyze(model, { from: 'i-web', to: '203.0.113.9', port: 443 });
    expect(web.verdict).toBe('reachable');
    expect(web.forward.hops.find((hop) => hop.kind === 'route-table')!.id).toBe('rtb-pub');
    const app = analyze(model, { from: 'i-app', to: '203.0.113.9', port: 443 });
    expect(drop(app)).toEqual({ verdict: 'unreachable', kind: 'route-table', id: 'rtb-main', code: 'NO_ROUTE_TO_DESTINATION', leg: 'forward' });
    expect(app.blocked!.rule).toEqual({ route: null });
  });

  it('the longest prefix wins', () => {
    // 203.0.113.9 matches 0.0.0.0/0 (-> igw-a) and 203.0.113.0/24 (a blackhole): the /24 decides.
    const model = twoSubnetVpc({ publicRoutes: [['10.0.0.0/16', 'local'], ['0.0.0.0/0', 'igw-a'], ['203.0.113.0/24', 'igw-gone', 'blackhole']] }).build();
    const result = analyze(model, { from: 'i-web', to: '203.0.113.9', port: 443 });
    expect(drop(result)).toMatchObject({ kind: 'route-table', id: 'rtb-pub', code: 'BAD_STATE_ROUTE' });
    expect(result.blocked!.rule).toMatchObject({ route: { DestinationCidrBlock: '203.0.113.0/24', State: 'blackhole' } });
    expect(analyze(model, { from: 'i-web', to: '198.51.100.9', port: 443 }).verdict).toBe('reachable');
  });

  it('prefix-list destinations take part in the longest-prefix match', () => {
    const model = new Network()
      .vpc('vpc-a', '10.0.0.0/16')
      .subnet('subnet-a', 'vpc-a', '10.0.1.0/24')
      .igw('igw-a', 'vpc-a')
      .prefixList('pl-partners', '203.0.113.0/24')
      .routeTable('rtb-a', 'vpc-a', { main: true, routes: [['10.0.0.0/16', 'local'], ['pl-partners', 'igw-a']] })
      .acl('acl-a', 'vpc-a', { isDefault: true, subnets: ['subnet-a'] })
      .group('sg-a', 'vpc-a', {})
      .instance('i-a', { subnet: 'subnet-a', ip: '10.0.1.5', groups: ['sg-a'], publicIp: '54.0.0.5' })
      .build();
    const partner = analyze(model, { from: 'i-a', to: '203.0.113.50', port: 443 });
    expect(partner.verdict).toBe('reachable');
    expect(partner.forward.hops.find((hop) => hop.kind === 'route-table')!.detail).toContain('pl-partners -> igw-a');
    expect(drop(analyze(model, { from: 'i-a', to: '192.0.2.50', port: 443 }))).toMatchObject({ id: 'rtb-a', code: 'NO_ROUTE_TO_DESTINATION' });
  });

  it('the local route covers every CIDR block of the VPC', () => {
    const model = new Network()
      .vpc('vpc-a', '10.0.0.0/16', '100.64.0.0/16')
      .subnet('subnet-1', 'vpc-a', '10.0.1.0/24')
      .subnet('subnet-2', 'vpc-a', '100.64.1.0/24')
      // The dump lists only the primary block's local route.
      .routeTable('rtb-a', 'vpc-a', { main: true, routes: [['10.0.0.0/16', 'local']] })
      .acl('acl-a', 'vpc-a', { isDefault: true, subnets: ['subnet-1', 'subnet-2'] })
      .group('sg-a', 'vpc-a', { ingress: [{ protocol: '-1', cidr: '0.0.0.0/0' }] })
      .instance('i-1', { subnet: 'subnet-1', ip: '10.0.1.5', groups: ['sg-a'] })
      .instance('i-2', { subnet: 'subnet-2', ip: '100.64.1.5', groups: ['sg-a'] })
      .build();
    const result = analyze(model, { from: 'i-1', to: 'i-2', port: 80 });
    expect(result.verdict).toBe('reachable');
    expect(result.forward.hops.find((hop) => hop.kind === 'route-table')!.detail).toContain('100.64.0.0/16 -> local');
  });

  it('a blackhole route drops (BAD_STATE_ROUTE), whether or not its target is present', () => {
    const model = twoSubnetVpc({ webGroup: internetIn })
      .nat('nat-a', 'subnet-pub', '10.0.1.100', '54.0.0.100')
      .routeTable('rtb-priv', 'vpc-a', { subnets: ['subnet-priv'], routes: [['10.0.0.0/16', 'local'], ['0.0.0.0/0', 'nat-deleted', 'blackhole']] })
      .build();
    const result = analyze(model, { from: 'i-app', to: '203.0.113.9', port: 443 });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'route-table', id: 'rtb-priv', code: 'BAD_STATE_ROUTE', leg: 'forward' });
    expect(result.blocked!.fix!.command).toBe('aws ec2 replace-route --route-table-id rtb-priv --destination-cidr-block 0.0.0.0/0 --nat-gateway-id nat-a --region us-east-1');
  });

  it('a route to a resource missing from the snapshot is unknown, named at the route table (UNKNOWN_RESOURCE)', () => {
    const model = twoSubnetVpc().routeTable('rtb-priv', 'vpc-a', { subnets: ['subnet-priv'], routes: [['10.0.0.0/16', 'local'], ['0.0.0.0/0', 'nat-elsewhere']] }).build();
    const result = analyze(model, { from: 'i-app', to: '203.0.113.9', port: 443 });
    expect(drop(result)).toEqual({ verdict: 'unknown', kind: 'route-table', id: 'rtb-priv', code: 'UNKNOWN_RESOURCE', leg: 'forward' });
    expect(result.blocked!.detail).toContain('nat-elsewhere');
    expect(result.blocked!.fix).toBeNull();
    expect(result.warnings.join(' ')).toContain('nat-elsewhere');
  });

  it.each([
    ['a virtual private gateway', 'vgw-1', 'vpn-gateway'],
    ['a gateway VPC endpoint', 'vpce-1', 'vpc-endpoint'],
    ['an appliance ENI', 'eni-appliance', 'eni'],
  ])('a route to %s (not modelled) makes the answer unknown (UNSUPPORTED_COMPONENT)', (_what, target, kind) => {
    const network = twoSubnetVpc().routeTable('rtb-priv', 'vpc-a', { subnets: ['subnet-priv'], routes: [['10.0.0.0/16', 'local'], ['192.168.0.0/16', target]] });
    if (target === 'vgw-1') network.add('VpnGateways', { VpnGatewayId: 'vgw-1', State: 'available', VpcAttachments: [{ VpcId: 'vpc-a', State: 'attached' }] });
    if (target === 'vpce-1') network.add('VpcEndpoints', { VpcEndpointId: 'vpce-1', VpcId: 'vpc-a', VpcEndpointType: 'Gateway', ServiceName: 'com.amazonaws.us-east-1.s3', State: 'available', RouteTableIds: ['rtb-priv'] });
    if (target === 'eni-appliance') network.eni('eni-appliance', { subnet: 'subnet-pub', ip: '10.0.1.99', groups: ['sg-web'] });
    const result = analyze(network.build(), { from: 'i-app', to: '192.168.7.7', port: 443 });
    expect(drop(result)).toEqual({ verdict: 'unknown', kind, id: target, code: 'UNSUPPORTED_COMPONENT', leg: 'forward' });
  });

  it('an address of the VPC that no ENI holds is dropped in its subnet, after that subnet\'s inbound ACL; outside every subnet by the VPC', () => {
    const model = twoSubnetVpc().build();
    const result = analyze(model, { from: 'i-web', to: '10.0.2.99', port: 443 });
    expect(result.resolved.to).toEqual({ kind: 'address', id: '10.0.2.99', ip: '10.0.2.99' });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'subnet', id: 'subnet-priv', code: 'NO_ROUTE_TO_DESTINATION', leg: 'forward' });
    expect(result.forward.hops.at(-2)).toMatchObject({ kind: 'network-acl', id: 'acl-priv', direction: 'ingress' });
    expect(result.blocked!.fix).toBeNull();
    expect(drop(analyze(model, { from: 'i-web', to: '10.0.200.1', port: 443 }))).toMatchObject({ kind: 'vpc', id: 'vpc-a', code: 'NO_ROUTE_TO_DESTINATION' });
  });
});
