// Virtual private gateways and site-to-site VPN connections: exits to
// on-premises networks, and on-premises hosts as endpoints.
// AWS Site-to-Site VPN User Guide:
//  - tunnels: "Tunnel options" / VgwTelemetry, https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html
//  - static and dynamic routing, https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html
// VPC User Guide, "Route priority", https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html
// Transit Gateway guide, "VPN attachments", https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpn-attachments.html
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/model/errors.js';
import { problemsOf } from '../../../shared/engine/problems/index.js';
import { Network } from '../../fixtures/engine/network.js';
import { analyze, drop, hopIds } from './analyze-helper.js';

/**
 * vpc-a 10.0.0.0/16 with vgw-a attached; "app" 10.0.2.20 (sg-app: all out,
 * tcp 22 and 443 in from 10.0.0.0/16 and 192.168.0.0/16) in subnet-priv
 * (allow-all ACL), whose table sends 192.168.0.0/16 to vgw-a.
 */
function vpnNetwork(vpn: Parameters<Network['vpn']>[2] = {}, options: { routes?: [string, string, string?][]; propagatingVgws?: string[] } = {}): Network {
  return new Network()
    .vpc('vpc-a', '10.0.0.0/16')
    .subnet('subnet-priv', 'vpc-a', '10.0.2.0/24')
    .vgw('vgw-a', 'vpc-a')
    .vpn('vpn-a', { vgw: 'vgw-a' }, vpn)
    .routeTable('rtb-priv', 'vpc-a', { main: true, routes: options.routes ?? [['10.0.0.0/16', 'local'], ['192.168.0.0/16', 'vgw-a']], propagatingVgws: options.propagatingVgws })
    .acl('acl-priv', 'vpc-a', { isDefault: true, subnets: ['subnet-priv'] })
    .group('sg-app', 'vpc-a', {
      ingress: [
        { protocol: 'tcp', ports: [22, 22], cidr: '10.0.0.0/16' },
        { protocol: 'tcp', ports: [22, 22], cidr: '192.168.0.0/16' },
      ],
    })
    .instance('i-app', { subnet: 'subnet-priv', ip: '10.0.2.20', groups: ['sg-app'] });
}

describe('virtual private gateways and VPN connections', () => {
  it('a VPN whose tunnels are both down carries nothing: BAD_STATE_VPN at the connection (Reachability Analyzer\'s code)', () => {
    const model = vpnNetwork({ tunnels: ['DOWN', 'DOWN'], staticRoutes: ['192.168.0.0/16'] }).build();
    const result = analyze(model, { from: 'i-app', to: '192.168.50.10', port: 22 });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'vpn-connection', id: 'vpn-a', code: 'BAD_STATE_VPN', leg: 'forward' });
    expect(result.blocked!.detail).toContain('203.0.113.1 DOWN');
    // From the on-premises side the same connection refuses it.
    expect(drop(analyze(model, { from: '192.168.50.10', to: 'i-app', port: 22 }))).toEqual({ verdict: 'unreachable', kind: 'vpn-connection', id: 'vpn-a', code: 'BAD_STATE_VPN', leg: 'forward' });
  });

  it('one tunnel up is enough: the on-premises host is reached over the VPN and replies the same way', () => {
    const model = vpnNetwork({ tunnels: ['DOWN', 'UP'], staticRoutes: ['192.168.0.0/16'] }).build();
    const result = analyze(model, { from: 'i-app', to: '192.168.50.10', port: 22 });
    expect(result.verdict).toBe('reachable');
    expect(result.resolved.to).toEqual({ kind: 'on-premises', id: '192.168.50.10', ip: '192.168.50.10' });
    expect(hopIds(result).slice(-3)).toEqual(['vpn-gateway:vgw-a:transit', 'vpn-connection:vpn-a:transit', 'on-premises:cgw-a:ingress']);
    // The reply enters through vgw-a into vpc-a, then the subnet's inbound ACL, to the ENI.
    expect(hopIds(result, 'return').slice(0, 4)).toEqual(['on-premises:cgw-a:egress', 'vpn-connection:vpn-a:transit', 'vpn-gateway:vgw-a:transit', 'network-acl:acl-priv:ingress']);
  });

  it('an on-premises address that a VPN route covers is a source (--from 192.168.50.10), its reply routed back through the VGW', () => {
    const model = vpnNetwork({ tunnels: ['UP', 'UP'], staticRoutes: ['192.168.0.0/16'] }).build();
    const result = analyze(model, { from: '192.168.50.10', to: 'i-app', port: 22 });
    expect(result.verdict).toBe('reachable');
    expect(result.resolved.from).toEqual({ kind: 'on-premises', id: '192.168.50.10', ip: '192.168.50.10' });
    expect(hopIds(result)[0]).toBe('on-premises:cgw-a:egress');
    expect(hopIds(result, 'return')).toContain('route-table:rtb-priv:transit');
    expect(hopIds(result, 'return').at(-1)).toBe('on-premises:cgw-a:ingress');
    // Without a route back to the VGW the reply has nowhere to go.
    const noReturn = vpnNetwork({ tunnels: ['UP', 'UP'], staticRoutes: ['192.168.0.0/16'] }, { routes: [['10.0.0.0/16', 'local'], ['192.168.99.0/24', 'vgw-a']] }).build();
    expect(drop(analyze(noReturn, { from: '192.168.50.10', to: 'i-app', port: 22 }))).toEqual({ verdict: 'unreachable', kind: 'route-table', id: 'rtb-priv', code: 'NO_ROUTE_TO_DESTINATION', leg: 'return' });
  });

  it("an on-premises host asking for a VPC its VPN does not lead into is refused at the VGW (VGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS): a VGW admits only its own VPC's addresses, even one peered", () => {
    const network = vpnNetwork({ tunnels: ['UP', 'UP'], staticRoutes: ['192.168.0.0/16'] })
      .vpc('vpc-b', '10.1.0.0/16')
      .subnet('subnet-b', 'vpc-b', '10.1.1.0/24')
      .peering('pcx-ab', ['vpc-a', '10.0.0.0/16'], ['vpc-b', '10.1.0.0/16'])
      .routeTable('rtb-b', 'vpc-b', { main: true, routes: [['10.1.0.0/16', 'local'], ['10.0.0.0/16', 'pcx-ab']] })
      .acl('acl-b', 'vpc-b', { isDefault: true, subnets: ['subnet-b'] })
      .group('sg-b', 'vpc-b', { ingress: [{ protocol: '-1', cidr: '0.0.0.0/0' }] })
      .instance('i-b', { subnet: 'subnet-b', ip: '10.1.1.10', groups: ['sg-b'] });
    expect(drop(analyze(network.build(), { from: '192.168.50.10', to: 'i-b', port: 22 }))).toEqual({ verdict: 'unreachable', kind: 'vpn-gateway', id: 'vgw-a', code: 'VGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS', leg: 'forward' });
  });

  it('a private address no VPN route covers cannot send (exit 2)', () => {
    const model = vpnNetwork({ tunnels: ['UP', 'UP'], staticRoutes: ['192.168.0.0/16'] }).build();
    expect(() => analyze(model, { from: '172.16.0.5', to: 'i-app', port: 22 })).toThrow(InputError);
    expect(() => analyze(model, { from: '172.16.0.5', to: 'i-app', port: 22 })).toThrow(/no VPN route covers it/);
  });

  it('a static VPN carries only what its static routes cover: anything else the VGW drops (NO_ROUTE_TO_DESTINATION)', () => {
    const model = vpnNetwork({ tunnels: ['UP', 'UP'], staticRoutes: ['192.168.1.0/24'] }).build();
    expect(analyze(model, { from: 'i-app', to: '192.168.1.9', port: 22 }).verdict).toBe('reachable');
    expect(drop(analyze(model, { from: 'i-app', to: '192.168.50.10', port: 22 }))).toEqual({ verdict: 'unreachable', kind: 'vpn-gateway', id: 'vgw-a', code: 'NO_ROUTE_TO_DESTINATION', leg: 'forward' });
  });

  it('a BGP VPN carries what it advertises: known from routes propagated into the table, unknown otherwise', () => {
    // A static VPC route to the VGW says nothing of what the customer gateway advertises.
    const bgp = vpnNetwork({ tunnels: ['UP', 'UP'] }).build();
    expect(drop(analyze(bgp, { from: 'i-app', to: '192.168.50.10', port: 22 }))).toEqual({ verdict: 'unknown', kind: 'vpn-connection', id: 'vpn-a', code: 'UNKNOWN_RESOURCE', leg: 'forward' });
    // A propagated route (Origin EnableVgwRoutePropagation) is the VGW's own: it was advertised.
    const propagated = vpnNetwork({ tunnels: ['UP', 'UP'] }, { routes: [['10.0.0.0/16', 'local']] });
    propagated.add('RouteTables', {
      RouteTableId: 'rtb-edge-free',
      VpcId: 'vpc-a',
      Associations: [{ Main: false, SubnetId: 'subnet-priv' }],
      Routes: [
        { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active', Origin: 'CreateRouteTable' },
        { DestinationCidrBlock: '192.168.0.0/16', GatewayId: 'vgw-a', State: 'active', Origin: 'EnableVgwRoutePropagation' },
      ],
    });
    expect(analyze(propagated.build(), { from: 'i-app', to: '192.168.50.10', port: 22 }).verdict).toBe('reachable');
  });

  it('route propagation (PropagatingVgws) brings the static VPN routes into the table; a static route of the same prefix wins', () => {
    // No route to 192.168.0.0/16 is listed: the propagation adds it from vpn-a's static routes.
    const model = vpnNetwork({ tunnels: ['UP', 'UP'], staticRoutes: ['192.168.0.0/16'] }, { routes: [['10.0.0.0/16', 'local']], propagatingVgws: ['vgw-a'] }).build();
    const result = analyze(model, { from: 'i-app', to: '192.168.50.10', port: 22 });
    expect(result.verdict).toBe('reachable');
    expect(result.forward.hops.find((hop) => hop.kind === 'route-table')!.rule).toMatchObject({ route: { DestinationCidrBlock: '192.168.0.0/16', GatewayId: 'vgw-a', Origin: 'EnableVgwRoutePropagation' } });
    // A static route to the same prefix (here a blackhole) takes priority over the propagated one.
    const shadowed = vpnNetwork({ tunnels: ['UP', 'UP'], staticRoutes: ['192.168.0.0/16'] }, { routes: [['10.0.0.0/16', 'local'], ['192.168.0.0/16', 'vgw-a', 'blackhole']], propagatingVgws: ['vgw-a'] }).build();
    expect(drop(analyze(shadowed, { from: 'i-app', to: '192.168.50.10', port: 22 }))).toMatchObject({ kind: 'route-table', code: 'BAD_STATE_ROUTE' });
  });

  it('tunnel status missing from the snapshot is unknown, a VGW without any VPN connection is not modelled (Direct Connect may carry it)', () => {
    const noTelemetry = vpnNetwork({ staticRoutes: ['192.168.0.0/16'] }).build();
    expect(drop(analyze(noTelemetry, { from: 'i-app', to: '192.168.50.10', port: 22 }))).toEqual({ verdict: 'unknown', kind: 'vpn-connection', id: 'vpn-a', code: 'UNKNOWN_RESOURCE', leg: 'forward' });
    const deleted = vpnNetwork({ state: 'deleted', tunnels: ['UP', 'UP'], staticRoutes: ['192.168.0.0/16'] }).build();
    expect(drop(analyze(deleted, { from: 'i-app', to: '192.168.50.10', port: 22 }))).toEqual({ verdict: 'unknown', kind: 'vpn-gateway', id: 'vgw-a', code: 'UNSUPPORTED_COMPONENT', leg: 'forward' });
  });

  it('a VGW detached from the VPC drops (BAD_STATE); traffic from on-premises to an address outside the VGW\'s VPC is refused (VGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS)', () => {
    const detached = vpnNetwork({ tunnels: ['UP', 'UP'], staticRoutes: ['192.168.0.0/16'] });
    detached.add('VpnGateways', { VpnGatewayId: 'vgw-b', State: 'available', VpcAttachments: [{ VpcId: 'vpc-a', State: 'detached' }] });
    detached.add('RouteTables', { RouteTableId: 'rtb-b', VpcId: 'vpc-a', Associations: [{ Main: false, SubnetId: 'subnet-priv' }], Routes: [{ DestinationCidrBlock: '192.168.0.0/16', GatewayId: 'vgw-b', State: 'active', Origin: 'CreateRoute' }] });
    expect(drop(analyze(detached.build(), { from: 'i-app', to: '192.168.50.10', port: 22 }))).toEqual({ verdict: 'unreachable', kind: 'vpn-gateway', id: 'vgw-b', code: 'BAD_STATE', leg: 'forward' });
  });

  it('a destination beyond the on-premises network (the internet through a VPN default route) is unknown', () => {
    const model = vpnNetwork({ tunnels: ['UP', 'UP'], staticRoutes: ['0.0.0.0/0'] }, { routes: [['10.0.0.0/16', 'local'], ['0.0.0.0/0', 'vgw-a']] }).build();
    expect(drop(analyze(model, { from: 'i-app', to: '8.8.8.8', port: 443 }))).toEqual({ verdict: 'unknown', kind: 'on-premises', id: 'cgw-a', code: 'UNSUPPORTED_COMPONENT', leg: 'forward' });
  });
});

describe('transit gateway VPN attachments', () => {
  /** vpc-a (i-app 10.0.2.20) attached to tgw-1; tgw-attach-vpn is vpn-t's attachment; the TGW table routes 192.168.0.0/16 to it and 10.0.0.0/16 to vpc-a. */
  function tgwVpn(tunnels: string[]): Network {
    return new Network()
      .vpc('vpc-a', '10.0.0.0/16')
      .subnet('subnet-priv', 'vpc-a', '10.0.2.0/24')
      .tgw('tgw-1')
      .tgwVpcAttachment('tgw-attach-a', 'tgw-1', 'vpc-a', ['subnet-priv'], 'tgw-rtb-1')
      .tgwVpcAttachment('tgw-attach-vpn', 'tgw-1', 'vpn-t', [], 'tgw-rtb-1', { resourceType: 'vpn' })
      .vpn('vpn-t', { tgw: 'tgw-1' }, { tunnels })
      .tgwRouteTable('tgw-rtb-1', 'tgw-1', [['192.168.0.0/16', 'tgw-attach-vpn', 'vpn'], ['10.0.0.0/16', 'tgw-attach-a']])
      .routeTable('rtb-priv', 'vpc-a', { main: true, routes: [['10.0.0.0/16', 'local'], ['192.168.0.0/16', 'tgw-1']] })
      .acl('acl-priv', 'vpc-a', { isDefault: true, subnets: ['subnet-priv'] })
      .group('sg-app', 'vpc-a', { ingress: [{ protocol: 'tcp', ports: [22, 22], cidr: '192.168.0.0/16' }] })
      .instance('i-app', { subnet: 'subnet-priv', ip: '10.0.2.20', groups: ['sg-app'] });
  }

  it('a VPN attachment whose connection has a tunnel up reaches on-premises, both ways', () => {
    const model = tgwVpn(['UP', 'DOWN']).build();
    const out = analyze(model, { from: 'i-app', to: '192.168.50.10', port: 22 });
    expect(out.verdict).toBe('reachable');
    expect(hopIds(out).slice(-3)).toEqual(['tgw-attachment:tgw-attach-vpn:transit', 'vpn-connection:vpn-t:transit', 'on-premises:cgw-t:ingress']);
    const inbound = analyze(model, { from: '192.168.50.10', to: 'i-app', port: 22 });
    expect(inbound.verdict).toBe('reachable');
    expect(hopIds(inbound).slice(0, 3)).toEqual(['on-premises:cgw-t:egress', 'vpn-connection:vpn-t:transit', 'tgw-attachment:tgw-attach-vpn:transit']);
  });

  it('every tunnel down: TGW_BAD_STATE_VPN (Reachability Analyzer\'s code for a TGW VPN)', () => {
    const model = tgwVpn(['DOWN', 'DOWN']).build();
    expect(drop(analyze(model, { from: 'i-app', to: '192.168.50.10', port: 22 }))).toEqual({ verdict: 'unreachable', kind: 'vpn-connection', id: 'vpn-t', code: 'TGW_BAD_STATE_VPN', leg: 'forward' });
  });
});

describe('problems: VPN connections', () => {
  it('a routed VPN whose tunnels are all down is a high problem; one tunnel down is a low one; no fix is offered (the cause is on the customer side)', () => {
    const down = problemsOf(vpnNetwork({ tunnels: ['DOWN', 'DOWN'], staticRoutes: ['192.168.0.0/16'] }).build()).problems.filter((p) => p.kind.startsWith('vpn-'));
    // rtb-priv sends 192.168.0.0/16 to vgw-a, the gateway of vpn-a.
    expect(down.map((p) => [p.id, p.severity])).toEqual([['vpn-down:vpn-a', 'high']]);
    expect(down[0]!.related).toEqual(['vgw-a', 'cgw-a', 'rtb-priv']);
    expect(down[0]!.fix).toBeNull();
    const half = problemsOf(vpnNetwork({ tunnels: ['UP', 'DOWN'], staticRoutes: ['192.168.0.0/16'] }).build()).problems.filter((p) => p.kind.startsWith('vpn-'));
    expect(half.map((p) => [p.id, p.severity])).toEqual([['vpn-tunnel-down:vpn-a', 'low']]);
    const healthy = problemsOf(vpnNetwork({ tunnels: ['UP', 'UP'], staticRoutes: ['192.168.0.0/16'] }).build()).problems.filter((p) => p.kind.startsWith('vpn-'));
    expect(healthy).toEqual([]);
  });
});
