// DESIGN.md section 3, "Internet gateway" and "Return through the
// translator": outbound needs a public IP on the sender, inbound needs the
// public IP of an ENI of the attached VPC (translated to its private IP),
// private addresses are not routed on the internet, and replies leave
// through the gateway that translated the request.
import { describe, expect, it } from 'vitest';
import { Network, twoSubnetVpc } from '../../fixtures/engine/network.js';
import { analyze, drop, hopIds } from './analyze-helper.js';

const httpsFromAnywhere = [{ protocol: 'tcp', ports: [443, 443] as [number, number], cidr: '0.0.0.0/0' }];

describe('internet gateway', () => {
  it('outbound, the sender needs a public or Elastic IP, which replaces its private address', () => {
    const model = twoSubnetVpc().instance('i-noip', { subnet: 'subnet-pub', ip: '10.0.1.40', groups: ['sg-web'] }).build();
    const withIp = analyze(model, { from: 'i-web', to: '203.0.113.9', port: 443 });
    expect(withIp.verdict).toBe('reachable');
    expect(withIp.forward.hops.find((hop) => hop.kind === 'internet-gateway')).toMatchObject({ id: 'igw-a', action: 'translate' });
    expect(withIp.return!.hops[0]!.detail).toContain('replies to 54.0.0.10');
    const without = analyze(model, { from: 'i-noip', to: '203.0.113.9', port: 443 });
    expect(drop(without)).toEqual({ verdict: 'unreachable', kind: 'internet-gateway', id: 'igw-a', code: 'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS', leg: 'forward' });
    // subnet-pub routes 0.0.0.0/0 to igw-a, and sg-web admits nothing from the internet: an Elastic IP exposes nothing, so it is the fix.
    // The allocation is a new resource: the script allocates it into a quoted variable, and the one command stops until it is set.
    expect(without.blocked!.fix!.command).toBe('aws ec2 associate-address --network-interface-id eni-noip --allocation-id "${EIPALLOC_NEW_1:?set EIPALLOC_NEW_1 first: run the fix\'s script}" --region us-east-1');
    expect(without.blocked!.fix!.script!.split('\n')).toEqual([
      'EIPALLOC_NEW_1=$(aws ec2 allocate-address --domain vpc --query AllocationId --output text --region us-east-1)',
      'aws ec2 associate-address --network-interface-id eni-noip --allocation-id "$EIPALLOC_NEW_1" --region us-east-1',
    ]);
  });

  it('inbound, the public IP of an ENI in the VPC is translated to its private IP', () => {
    const model = twoSubnetVpc({ webGroup: httpsFromAnywhere }).build();
    const result = analyze(model, { from: 'internet', to: 'i-web', port: 443 });
    expect(result.verdict).toBe('reachable');
    // An instance asked for by an internet host is its public IP (section 5).
    expect(result.resolved).toEqual({ from: { kind: 'internet', id: 'internet', ip: '198.51.100.1' }, to: { kind: 'eni', id: 'eni-web', ip: '54.0.0.10' } });
    expect(hopIds(result)).toEqual([
      'internet:internet:egress',
      'internet-gateway:igw-a:transit',
      'network-acl:acl-pub:ingress',
      'security-group:sg-web:ingress',
      'eni:eni-web:ingress',
    ]);
    expect(result.forward.hops[1]!.detail).toContain('10.0.1.10');
    // The same host named by its public address.
    expect(analyze(model, { from: '198.51.100.77', to: '54.0.0.10', port: 443 }).verdict).toBe('reachable');
  });

  it('inbound to an instance without a public IP drops at the gateway (IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS)', () => {
    const model = twoSubnetVpc({ appGroup: httpsFromAnywhere }).build();
    const result = analyze(model, { from: 'internet', to: 'i-app', port: 443 });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'internet-gateway', id: 'igw-a', code: 'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS', leg: 'forward' });
    // i-app is in subnet-priv, whose table has no route to igw-a: a public IP would not reach it, and the fix never
    // makes a private subnet public. No single change is safe; the words say what to do instead.
    expect(result.blocked!.fix!.command).toBe('# no single safe change: see the options');
    expect(result.blocked!.fix!.text).toContain('private subnet');
    expect(result.blocked!.fix!.changes).toBeUndefined();
  });

  it('an internet host asking for an instance of a VPC with no internet gateway is not routed (internet, NO_ROUTE_TO_DESTINATION)', () => {
    const model = new Network()
      .vpc('vpc-closed', '10.5.0.0/16')
      .subnet('subnet-c', 'vpc-closed', '10.5.1.0/24')
      .routeTable('rtb-c', 'vpc-closed', { main: true, routes: [['10.5.0.0/16', 'local']] })
      .acl('acl-c', 'vpc-closed', { isDefault: true, subnets: ['subnet-c'] })
      .group('sg-c', 'vpc-closed', { ingress: httpsFromAnywhere })
      .instance('i-c', { subnet: 'subnet-c', ip: '10.5.1.5', groups: ['sg-c'] })
      .build();
    expect(drop(analyze(model, { from: 'internet', to: 'i-c', port: 443 }))).toEqual({ verdict: 'unreachable', kind: 'internet', id: 'internet', code: 'NO_ROUTE_TO_DESTINATION', leg: 'forward' });
  });

  it('a public address that nobody holds is an internet host: reachable through the gateway', () => {
    const model = twoSubnetVpc().build();
    expect(analyze(model, { from: 'i-web', to: '8.8.8.8', port: 443 }).resolved.to).toEqual({ kind: 'internet', id: 'internet', ip: '8.8.8.8' });
  });

  it('private destinations are not routed on the internet', () => {
    // rtb-pub sends everything outside the VPC to the gateway, 192.168.1.1 included.
    const model = twoSubnetVpc().build();
    const result = analyze(model, { from: 'i-web', to: '192.168.1.1', port: 443 });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'internet', id: 'internet', code: 'NO_ROUTE_TO_DESTINATION', leg: 'forward' });
    expect(result.forward.hops.at(-2)).toMatchObject({ kind: 'internet-gateway', action: 'translate' });
  });

  it('the reply must leave through the gateway that translated the request (NO_ROUTE_TO_DESTINATION on the return leg)', () => {
    // i-web is reached through igw-a at its public IP, but its table sends 0.0.0.0/0 to a NAT gateway.
    const model = twoSubnetVpc({ webGroup: httpsFromAnywhere, publicRoutes: [['10.0.0.0/16', 'local'], ['0.0.0.0/0', 'nat-a']] })
      .subnet('subnet-nat', 'vpc-a', '10.0.3.0/24')
      .nat('nat-a', 'subnet-nat', '10.0.3.100', '54.0.0.100')
      .routeTable('rtb-nat', 'vpc-a', { subnets: ['subnet-nat'], routes: [['10.0.0.0/16', 'local'], ['0.0.0.0/0', 'igw-a']] })
      .build();
    const result = analyze(model, { from: 'internet', to: 'i-web', port: 443 });
    expect(result.forward.delivered).toBe(true);
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'route-table', id: 'rtb-pub', code: 'NO_ROUTE_TO_DESTINATION', leg: 'return' });
    // For every internet client the default route itself would have to go to igw-a, making subnet-pub public: no single
    // change is safe, and that route is an option with its cost. A route for 198.51.100.1 would fix only the stand-in.
    expect(result.blocked!.fix!.command).toBe('# no single safe change: see the options');
    expect(result.blocked!.options!.map((o) => o.fix.command)).toEqual(['aws ec2 replace-route --route-table-id rtb-pub --destination-cidr-block 0.0.0.0/0 --gateway-id igw-a --region us-east-1']);
    // Named clients get the narrow route.
    const named = analyze(model, { from: 'internet', to: 'i-web', port: 443, clientCidr: '203.0.113.0/24' });
    expect(named.blocked!.fix!.command).toBe('aws ec2 create-route --route-table-id rtb-pub --destination-cidr-block 203.0.113.0/24 --gateway-id igw-a --region us-east-1');
  });

  it('a gateway that is not attached and available drops (BAD_STATE), both ways', () => {
    const detached = new Network()
      .vpc('vpc-d', '10.7.0.0/16')
      .subnet('subnet-d', 'vpc-d', '10.7.1.0/24')
      .igw('igw-d', 'vpc-d', 'detaching')
      .routeTable('rtb-d', 'vpc-d', { main: true, routes: [['10.7.0.0/16', 'local'], ['0.0.0.0/0', 'igw-d']] })
      .acl('acl-d', 'vpc-d', { isDefault: true, subnets: ['subnet-d'] })
      .group('sg-d', 'vpc-d', { ingress: httpsFromAnywhere })
      .instance('i-d', { subnet: 'subnet-d', ip: '10.7.1.5', groups: ['sg-d'], publicIp: '54.7.0.5' })
      .build();
    expect(drop(analyze(detached, { from: 'i-d', to: '203.0.113.9', port: 443 }))).toEqual({ verdict: 'unreachable', kind: 'internet-gateway', id: 'igw-d', code: 'BAD_STATE', leg: 'forward' });
    expect(drop(analyze(detached, { from: 'internet', to: 'i-d', port: 443 }))).toEqual({ verdict: 'unreachable', kind: 'internet-gateway', id: 'igw-d', code: 'BAD_STATE', leg: 'forward' });
  });

  it('`igw-...` as an endpoint is an internet host entering or leaving through that gateway', () => {
    const model = twoSubnetVpc({ webGroup: httpsFromAnywhere }).build();
    const result = analyze(model, { from: 'igw-a', to: 'i-web', port: 443 });
    expect(result.verdict).toBe('reachable');
    expect(result.resolved.from).toEqual({ kind: 'internet', id: 'igw-a', ip: '198.51.100.1' });
  });
});
