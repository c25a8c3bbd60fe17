// Gateway route tables (edge associations): a route table associated with an
// internet gateway or a virtual private gateway routes the traffic entering
// the VPC through it, e.g. to a middlebox appliance (VPC User Guide, "Gateway
// route tables", https://docs.aws.amazon.com/vpc/latest/userguide/gateway-route-tables.html).
// The appliance's interface must have its source/destination check off
// (VPC User Guide, NAT instances, "Disable source/destination checks",
// https://docs.aws.amazon.com/vpc/latest/userguide/work-with-nat-instances.html#EIP_Disable_SrcDestCheck);
// what the appliance then forwards is outside the snapshot: unknown, never a
// confident answer.
import { describe, expect, it } from 'vitest';
import { Network, twoSubnetVpc } from '../../fixtures/engine/network.js';
import { analyze, drop, hopIds } from './analyze-helper.js';
import { exposureOf } from '../../../shared/engine/exposure.js';

const internetIn = [{ protocol: 'tcp', ports: [443, 443] as [number, number], cidr: '0.0.0.0/0' }];

/** twoSubnetVpc with i-web open to the internet on 443, an appliance ENI 10.0.3.5 in subnet-fw, and a gateway route table on igw-a. */
function edgeNetwork(routes: [string, string, string?][], appliance: { sourceDestCheck?: boolean; groups?: string[] } = {}): Network {
  return twoSubnetVpc({ webGroup: internetIn })
    .subnet('subnet-fw', 'vpc-a', '10.0.3.0/24')
    .group('sg-fw', 'vpc-a', { ingress: [{ protocol: '-1', cidr: '0.0.0.0/0' }] })
    .group('sg-closed', 'vpc-a', {})
    .eni('eni-fw', { subnet: 'subnet-fw', ip: '10.0.3.5', groups: appliance.groups ?? ['sg-fw'], sourceDestCheck: appliance.sourceDestCheck ?? false })
    .routeTable('rtb-edge', 'vpc-a', { gateways: ['igw-a'], routes });
}

describe('gateway route tables', () => {
  it('an edge-associated table that keeps the local route changes nothing, and is shown on the path', () => {
    const result = analyze(edgeNetwork([['10.0.0.0/16', 'local']]).build(), { from: 'internet', to: 'i-web', port: 443 });
    expect(result.verdict).toBe('reachable');
    expect(hopIds(result)).toContain('route-table:rtb-edge:transit');
  });

  it("a route to an appliance ENI for the web subnet sends the internet's traffic to the appliance: unknown, not reachable", () => {
    const model = edgeNetwork([['10.0.0.0/16', 'local'], ['10.0.1.0/24', 'eni-fw']]).build();
    const result = analyze(model, { from: 'internet', to: 'i-web', port: 443 });
    expect(drop(result)).toEqual({ verdict: 'unknown', kind: 'eni', id: 'eni-fw', code: 'UNSUPPORTED_COMPONENT', leg: 'forward' });
    expect(result.blocked!.detail).toContain('middlebox appliance');
    // The same table applies to replies entering through igw-a: i-web's own outbound flow also passes the appliance.
    expect(drop(analyze(model, { from: 'i-web', to: '203.0.113.9', port: 443 }))).toEqual({ verdict: 'unknown', kind: 'eni', id: 'eni-fw', code: 'UNSUPPORTED_COMPONENT', leg: 'return' });
  });

  it('exposure does not claim what the appliance decides: the web instance is listed as unknown, not exposed', () => {
    const model = edgeNetwork([['10.0.0.0/16', 'local'], ['10.0.1.0/24', 'eni-fw']]).build();
    const report = exposureOf(model);
    expect(report.exposed.map((entry) => entry.eni)).not.toContain('eni-web');
    expect(report.warnings.some((w) => w.includes('eni-web') && w.includes('eni-fw'))).toBe(true);
  });

  it('an appliance whose source/destination check is on drops what is not addressed to it (ENI_SOURCE_DEST_CHECK_RESTRICTION)', () => {
    const model = edgeNetwork([['10.0.0.0/16', 'local'], ['10.0.1.0/24', 'eni-fw']], { sourceDestCheck: true }).build();
    expect(drop(analyze(model, { from: 'internet', to: 'i-web', port: 443 }))).toEqual({ verdict: 'unreachable', kind: 'eni', id: 'eni-fw', code: 'ENI_SOURCE_DEST_CHECK_RESTRICTION', leg: 'forward' });
  });

  it("the appliance's security groups judge what it receives", () => {
    const model = edgeNetwork([['10.0.0.0/16', 'local'], ['10.0.1.0/24', 'eni-fw']], { groups: ['sg-closed'] }).build();
    expect(drop(analyze(model, { from: 'internet', to: 'i-web', port: 443 }))).toEqual({ verdict: 'unreachable', kind: 'security-group', id: 'sg-closed', code: 'ENI_SG_RULES_MISMATCH', leg: 'forward' });
  });

  it('a route to a Gateway Load Balancer endpoint is not modelled: unknown', () => {
    const network = edgeNetwork([['10.0.0.0/16', 'local'], ['10.0.1.0/24', 'vpce-gwlb']]);
    network.add('VpcEndpoints', { VpcEndpointId: 'vpce-gwlb', VpcId: 'vpc-a', VpcEndpointType: 'GatewayLoadBalancer', ServiceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-1', State: 'available', SubnetIds: ['subnet-fw'] });
    expect(drop(analyze(network.build(), { from: 'internet', to: 'i-web', port: 443 }))).toEqual({ verdict: 'unknown', kind: 'vpc-endpoint', id: 'vpce-gwlb', code: 'UNSUPPORTED_COMPONENT', leg: 'forward' });
  });

  it('a VGW edge association routes what enters from on-premises', () => {
    const network = new Network()
      .vpc('vpc-a', '10.0.0.0/16')
      .subnet('subnet-priv', 'vpc-a', '10.0.2.0/24')
      .subnet('subnet-fw', 'vpc-a', '10.0.3.0/24')
      .vgw('vgw-a', 'vpc-a')
      .vpn('vpn-a', { vgw: 'vgw-a' }, { tunnels: ['UP', 'UP'], staticRoutes: ['192.168.0.0/16'] })
      .routeTable('rtb-priv', 'vpc-a', { main: true, routes: [['10.0.0.0/16', 'local'], ['192.168.0.0/16', 'vgw-a']] })
      .routeTable('rtb-vgw-edge', 'vpc-a', { gateways: ['vgw-a'], routes: [['10.0.0.0/16', 'local'], ['10.0.2.0/24', 'eni-fw']] })
      .acl('acl-all', 'vpc-a', { isDefault: true, subnets: ['subnet-priv', 'subnet-fw'] })
      .group('sg-all', 'vpc-a', { ingress: [{ protocol: '-1', cidr: '0.0.0.0/0' }] })
      .eni('eni-fw', { subnet: 'subnet-fw', ip: '10.0.3.5', groups: ['sg-all'], sourceDestCheck: false })
      .instance('i-app', { subnet: 'subnet-priv', ip: '10.0.2.20', groups: ['sg-all'] });
    expect(drop(analyze(network.build(), { from: '192.168.50.10', to: 'i-app', port: 22 }))).toEqual({ verdict: 'unknown', kind: 'eni', id: 'eni-fw', code: 'UNSUPPORTED_COMPONENT', leg: 'forward' });
  });
});
