// DESIGN.md section 3, "VPC peering": active only, not transitive, routes on
// both sides.
import { describe, expect, it } from 'vitest';
import { Network } from '../../fixtures/engine/network.js';
import { analyze, drop, hopIds } from './analyze-helper.js';

/** vpc-a (10.0/16) - pcx-ab - vpc-b (10.1/16) - pcx-bc - vpc-c (10.2/16); vpc-a also routes 10.2/16 to pcx-ab. */
function peered(options: { status?: string; returnRoute?: boolean } = {}): Network {
  const network = new Network();
  for (const [name, octet] of [['a', 0], ['b', 1], ['c', 2]] as const) {
    network
      .vpc(`vpc-${name}`, `10.${octet}.0.0/16`)
      .subnet(`subnet-${name}`, `vpc-${name}`, `10.${octet}.1.0/24`)
      .acl(`acl-${name}`, `vpc-${name}`, { isDefault: true, subnets: [`subnet-${name}`] })
      .group(`sg-${name}`, `vpc-${name}`, { ingress: [{ protocol: '-1', cidr: '10.0.0.0/8' }] })
      .instance(`i-${name}`, { subnet: `subnet-${name}`, ip: `10.${octet}.1.5`, groups: [`sg-${name}`] });
  }
  return network
    .peering('pcx-ab', ['vpc-a', '10.0.0.0/16'], ['vpc-b', '10.1.0.0/16'], options.status)
    .peering('pcx-bc', ['vpc-b', '10.1.0.0/16'], ['vpc-c', '10.2.0.0/16'])
    .routeTable('rtb-a', 'vpc-a', { main: true, routes: [['10.0.0.0/16', 'local'], ['10.1.0.0/16', 'pcx-ab'], ['10.2.0.0/16', 'pcx-ab']] })
    .routeTable('rtb-b', 'vpc-b', { main: true, routes: [['10.1.0.0/16', 'local'], ...(options.returnRoute === false ? [] : [['10.0.0.0/16', 'pcx-ab'] as [string, string]]), ['10.2.0.0/16', 'pcx-bc']] })
    .routeTable('rtb-c', 'vpc-c', { main: true, routes: [['10.2.0.0/16', 'local'], ['10.1.0.0/16', 'pcx-bc']] });
}

describe('VPC peering', () => {
  it('an active peering with routes on both sides carries traffic between the two VPCs', () => {
    const result = analyze(peered().build(), { from: 'i-a', to: 'i-b', port: 22 });
    expect(result.verdict).toBe('reachable');
    expect(hopIds(result)).toContain('peering:pcx-ab:transit');
    expect(hopIds(result, 'return')).toEqual(expect.arrayContaining(['route-table:rtb-b:transit', 'peering:pcx-ab:transit']));
  });

  it('is not transitive: a destination outside the peer VPC is refused (PCX_REQUIRES_ADDRESS_IN_VPC_CIDR)', () => {
    // vpc-a sends 10.2/16 to pcx-ab hoping vpc-b forwards it over pcx-bc.
    const result = analyze(peered().build(), { from: 'i-a', to: 'i-c', port: 22 });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'peering', id: 'pcx-ab', code: 'PCX_REQUIRES_ADDRESS_IN_VPC_CIDR', leg: 'forward' });
    expect(result.blocked!.fix).toBeNull();
  });

  it('both sides need routes: without the route back the reply is dropped on the return leg', () => {
    const result = analyze(peered({ returnRoute: false }).build(), { from: 'i-a', to: 'i-b', port: 22 });
    expect(result.forward.delivered).toBe(true);
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'route-table', id: 'rtb-b', code: 'NO_ROUTE_TO_DESTINATION', leg: 'return' });
    expect(result.blocked!.fix!.command).toBe('aws ec2 create-route --route-table-id rtb-b --destination-cidr-block 10.0.0.0/16 --vpc-peering-connection-id pcx-ab --region us-east-1');
  });

  it('only an active peering carries traffic (BAD_STATE, fix: accept it)', () => {
    const result = analyze(peered({ status: 'pending-acceptance' }).build(), { from: 'i-a', to: 'i-b', port: 22 });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'peering', id: 'pcx-ab', code: 'BAD_STATE', leg: 'forward' });
    expect(result.blocked!.fix!.command).toBe('aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id pcx-ab --region us-east-1');
  });

  it('a peering to a VPC missing from the snapshot (another account) is unknown, named at the peering', () => {
    const network = peered().peering('pcx-ext', ['vpc-a', '10.0.0.0/16'], ['vpc-external', '172.20.0.0/16']);
    network.subnet('subnet-a2', 'vpc-a', '10.0.2.0/24').routeTable('rtb-a2', 'vpc-a', { subnets: ['subnet-a2'], routes: [['10.0.0.0/16', 'local'], ['172.20.0.0/16', 'pcx-ext']] }).instance('i-a2', { subnet: 'subnet-a2', ip: '10.0.2.5', groups: ['sg-a'] });
    const result = analyze(network.build(), { from: 'i-a2', to: '172.20.1.1', port: 22 });
    expect(drop(result)).toEqual({ verdict: 'unknown', kind: 'peering', id: 'pcx-ext', code: 'UNKNOWN_RESOURCE', leg: 'forward' });
    expect(result.blocked!.detail).toContain('vpc-external');
  });
});
