// DESIGN.md section 3, "NAT gateway" (public): TCP, UDP and ICMP routed to it
// within its VPC; translates the source, then follows its subnet's route
// table; never accepts connections started from outside; private NAT
// gateways are not modelled.
import { describe, expect, it } from 'vitest';
import { natVpc } from '../../fixtures/engine/network.js';
import { analyze, drop, hopIds } from './analyze-helper.js';

/** natVpc plus vpc-b (10.1.0.0/16, peered with vpc-a over pcx-ab) holding i-b (10.1.1.5); its main table rtb-b sends 0.0.0.0/0 to `exit`. */
function withVpcB(exit: string) {
  return natVpc()
    .vpc('vpc-b', '10.1.0.0/16')
    .subnet('subnet-b', 'vpc-b', '10.1.1.0/24')
    .peering('pcx-ab', ['vpc-a', '10.0.0.0/16'], ['vpc-b', '10.1.0.0/16'])
    .routeTable('rtb-b', 'vpc-b', { main: true, routes: [['10.1.0.0/16', 'local'], ['0.0.0.0/0', exit]] })
    .acl('acl-b', 'vpc-b', { isDefault: true, subnets: ['subnet-b'] })
    .group('sg-b', 'vpc-b', {})
    .instance('i-b', { subnet: 'subnet-b', ip: '10.1.1.5', groups: ['sg-b'] })
    .build();
}

describe('NAT gateway', () => {
  it("translates the source to its own address, then follows its subnet's route table", () => {
    const result = analyze(natVpc().build(), { from: 'i-app', to: '203.0.113.7', port: 443 });
    expect(result.verdict).toBe('reachable');
    expect(hopIds(result)).toEqual([
      'eni:eni-app:egress',
      'security-group:sg-app:egress',
      'network-acl:acl-priv:egress',
      'route-table:rtb-priv:transit',
      'network-acl:acl-pub:ingress',
      'nat-gateway:nat-a:transit',
      'network-acl:acl-pub:egress',
      'route-table:rtb-pub:transit',
      'internet-gateway:igw-a:transit',
      'internet:internet:ingress',
    ]);
    // The internet sees the NAT gateway's Elastic IP, and the reply comes back through it.
    expect(result.return!.hops[0]!.detail).toContain('replies to 54.0.0.100');
    expect(hopIds(result, 'return')).toContain('nat-gateway:nat-a:transit');
    expect(result.return!.hops.at(-1)).toMatchObject({ id: 'eni-app', action: 'deliver' });
  });

  it.each(['udp', 'icmp'])('carries %s', (protocol) => {
    const result = analyze(natVpc().build(), { from: 'i-app', to: '203.0.113.7', protocol, ...(protocol === 'udp' ? { port: 53 } : {}) });
    expect(result.verdict).toBe('reachable');
  });

  it.each(['all', '47'])('does not carry protocol %s (PROTOCOL_RESTRICTION)', (protocol) => {
    const result = analyze(natVpc().build(), { from: 'i-app', to: '203.0.113.7', protocol });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'nat-gateway', id: 'nat-a', code: 'PROTOCOL_RESTRICTION', leg: 'forward' });
    expect(result.blocked!.fix).toBeNull();
  });

  it('never accepts connections started from outside (NGW_INBOUND_CONNECTION)', () => {
    const model = natVpc().build();
    const fromInternet = analyze(model, { from: 'internet', to: '54.0.0.100', port: 443 });
    expect(drop(fromInternet)).toEqual({ verdict: 'unreachable', kind: 'nat-gateway', id: 'nat-a', code: 'NGW_INBOUND_CONNECTION', leg: 'forward' });
    const fromInside = analyze(model, { from: 'i-app', to: 'nat-a', port: 443 });
    expect(fromInside.resolved.to).toEqual({ kind: 'eni', id: 'eni-nat-a', ip: '10.0.1.100' });
    expect(drop(fromInside)).toMatchObject({ kind: 'nat-gateway', id: 'nat-a', code: 'NGW_INBOUND_CONNECTION' });
  });

  it('a NAT gateway that is not available drops (BAD_STATE); as a destination it is checked first', () => {
    const model = natVpc({ state: 'failed' }).build();
    expect(drop(analyze(model, { from: 'i-app', to: '203.0.113.7', port: 443 }))).toEqual({ verdict: 'unreachable', kind: 'nat-gateway', id: 'nat-a', code: 'BAD_STATE', leg: 'forward' });
    const asDestination = analyze(model, { from: 'i-app', to: 'nat-a', port: 443 });
    expect(drop(asDestination)).toMatchObject({ kind: 'nat-gateway', id: 'nat-a', code: 'BAD_STATE' });
    expect(asDestination.forward.hops).toHaveLength(2);
  });

  it('a private NAT gateway is not modelled: unknown (UNSUPPORTED_COMPONENT)', () => {
    const result = analyze(natVpc({ connectivity: 'private' }).build(), { from: 'i-app', to: '203.0.113.7', port: 443 });
    expect(drop(result)).toEqual({ verdict: 'unknown', kind: 'nat-gateway', id: 'nat-a', code: 'UNSUPPORTED_COMPONENT', leg: 'forward' });
  });

  it('refuses traffic routed to it by a route table of another VPC (NGW_REQUIRES_SOURCE_IN_VPC)', () => {
    // rtb-b, vpc-b's main table, names vpc-a's nat-a for 0.0.0.0/0: the packet reaches nat-a
    // (acl-pub allows it in) but comes from outside nat-a's VPC.
    const model = withVpcB('nat-a');
    const result = analyze(model, { from: 'i-b', to: '203.0.113.7', port: 443 });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'nat-gateway', id: 'nat-a', code: 'NGW_REQUIRES_SOURCE_IN_VPC', leg: 'forward' });
    expect(hopIds(result).slice(-3)).toEqual(['route-table:rtb-b:transit', 'network-acl:acl-pub:ingress', 'nat-gateway:nat-a:transit']);
    expect(result.blocked!.fix).toBeNull();
  });

  it('never serves traffic that arrived over a peering: the peering itself refuses it (PCX_REQUIRES_ADDRESS_IN_VPC_CIDR)', () => {
    const model = withVpcB('pcx-ab');
    const result = analyze(model, { from: 'i-b', to: '203.0.113.7', port: 443 });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'peering', id: 'pcx-ab', code: 'PCX_REQUIRES_ADDRESS_IN_VPC_CIDR', leg: 'forward' });
    expect(hopIds(result)).not.toContain('nat-gateway:nat-a:transit');
  });
});
