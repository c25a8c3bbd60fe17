// DESIGN.md section 3 "Instances" and section 4 step 1 (both endpoints'
// state first), section 5 "Endpoints" (what names resolve to, what is bad
// input), and section 2 on what the snapshot does not hold (errors, missing
// resources, no ACL at all).
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/api/errors.js';
import { analyzeFlow } from '../../../shared/engine/index.js';
import { Network, twoSubnetVpc } from '../../fixtures/engine/network.js';
import { analyze, drop } from './analyze-helper.js';

describe('endpoint state, checked first at both ends', () => {
  it('a stopped source instance is the answer: BAD_STATE at its ENI, the first hop', () => {
    const model = twoSubnetVpc().instance('i-off', { subnet: 'subnet-pub', ip: '10.0.1.50', groups: ['sg-web'], state: 'stopped' }).build();
    const result = analyze(model, { from: 'i-off', to: 'i-app', port: 443 });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'eni', id: 'eni-off', code: 'BAD_STATE', leg: 'forward' });
    expect(result.forward.hops).toHaveLength(1);
    expect(result.blocked!.fix).toMatchObject({ text: 'Start i-off.', command: 'aws ec2 start-instances --instance-ids i-off --region us-east-1', changes: { changes: [{ action: 'StartInstances', InstanceIds: ['i-off'] }] } });
  });

  it('a stopped destination is found before the path is walked, even when the path would drop earlier', () => {
    // sg-web allows no tcp 8080, yet the destination's state is reported first.
    const model = twoSubnetVpc().group('sg-mute', 'vpc-a', { egress: [] }).instance('i-mute', { subnet: 'subnet-pub', ip: '10.0.1.51', groups: ['sg-mute'] }).instance('i-down', { subnet: 'subnet-priv', ip: '10.0.2.51', groups: ['sg-app'], state: 'stopped' }).build();
    const result = analyze(model, { from: 'i-mute', to: 'i-down', port: 8080 });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'eni', id: 'eni-down', code: 'BAD_STATE', leg: 'forward' });
    expect(result.forward.hops.map((hop) => hop.id)).toEqual(['eni-mute', 'eni-down']);
  });

  it('an ENI that is not in use sends and receives nothing', () => {
    const model = twoSubnetVpc().eni('eni-spare', { subnet: 'subnet-priv', ip: '10.0.2.77', groups: ['sg-app'], status: 'available' }).build();
    expect(drop(analyze(model, { from: 'i-web', to: 'eni-spare', port: 443 }))).toMatchObject({ kind: 'eni', id: 'eni-spare', code: 'BAD_STATE' });
    expect(drop(analyze(model, { from: '10.0.2.77', to: 'i-web', port: 443 }))).toMatchObject({ kind: 'eni', id: 'eni-spare', code: 'BAD_STATE' });
  });
});

describe('endpoints (section 5)', () => {
  const model = twoSubnetVpc()
    .vpc('vpc-twin', '10.0.0.0/16')
    .subnet('subnet-twin', 'vpc-twin', '10.0.2.0/24')
    .group('sg-twin', 'vpc-twin', {})
    .instance('i-twin', { subnet: 'subnet-twin', ip: '10.0.2.20', groups: ['sg-twin'] })
    .build();

  it('resolves i-, eni-, addresses (private and public) and internet', () => {
    expect(analyze(model, { from: 'i-web', to: 'eni-app', port: 22 }).resolved).toEqual({ from: { kind: 'eni', id: 'eni-web', ip: '10.0.1.10' }, to: { kind: 'eni', id: 'eni-app', ip: '10.0.2.20' } });
    expect(analyze(model, { from: '10.0.1.10', to: 'internet', port: 443 }).resolved).toEqual({ from: { kind: 'eni', id: 'eni-web', ip: '10.0.1.10' }, to: { kind: 'internet', id: 'internet', ip: '198.51.100.1' } });
    // Documentation ranges are internet hosts; the public IP of an ENI is that ENI.
    expect(analyze(model, { from: '203.0.113.5', to: '54.0.0.10', port: 443 }).resolved).toEqual({ from: { kind: 'internet', id: 'internet', ip: '203.0.113.5' }, to: { kind: 'eni', id: 'eni-web', ip: '54.0.0.10' } });
  });

  it.each([
    ['an address two ENIs hold (overlapping VPCs)', 'i-web', '10.0.2.20', /eni-app.*eni-twin|eni-twin.*eni-app/],
    ['a private address nobody holds, as a source', '10.0.9.9', 'i-web', /cannot send/],
    ['a transit gateway', 'i-web', 'tgw-0abc', /not an instance/],
    ['an IPv6 address', 'i-web', '2001:db8::1', /IPv6/],
    ['an unknown instance', 'i-nothere', 'i-web', /no such instance/],
    ['a NAT gateway as a source', 'nat-1', 'i-web', /only be a destination/],
  ])('refuses %s (InputError, exit 2)', (_what, from, to, message) => {
    expect(() => analyzeFlow(model, { from, to, port: 443 })).toThrow(InputError);
    expect(() => analyzeFlow(model, { from, to, port: 443 })).toThrow(message);
  });

  it('--port is required for tcp and udp and refused for icmp, all and numbers', () => {
    expect(() => analyzeFlow(model, { from: 'i-web', to: 'i-app' })).toThrow(/--port is required/);
    expect(() => analyzeFlow(model, { from: 'i-web', to: 'i-app', protocol: 'udp' })).toThrow(/--port is required/);
    expect(() => analyzeFlow(model, { from: 'i-web', to: 'i-app', protocol: 'icmp', port: 8 })).toThrow(/not accepted/);
    expect(() => analyzeFlow(model, { from: 'i-web', to: 'i-app', protocol: 'gre' })).toThrow(/--protocol/);
    expect(() => analyzeFlow(model, { from: 'i-web', to: 'i-app', port: 70000 })).toThrow(/port number/);
    expect(analyzeFlow(model, { from: 'i-web', to: 'i-app', protocol: '47' }).query).toEqual({ from: 'i-web', to: 'i-app', protocol: '47', port: null, sourcePort: 49152, family: 'ipv4' });
  });
});

describe('what the snapshot does not hold (section 2)', () => {
  const bare = () =>
    new Network()
      .vpc('vpc-a', '10.0.0.0/16')
      .subnet('subnet-1', 'vpc-a', '10.0.1.0/24')
      .subnet('subnet-2', 'vpc-a', '10.0.2.0/24')
      .routeTable('rtb-main', 'vpc-a', { main: true, routes: [['10.0.0.0/16', 'local']] })
      .group('sg-all', 'vpc-a', { ingress: [{ protocol: '-1', cidr: '10.0.0.0/16' }] })
      .instance('i-1', { subnet: 'subnet-1', ip: '10.0.1.5', groups: ['sg-all'] })
      .instance('i-2', { subnet: 'subnet-2', ip: '10.0.2.5', groups: ['sg-all'] });

  it("a VPC with no network ACL in the snapshot gets AWS's default ACL, and the answer says so", () => {
    const result = analyze(bare().build(), { from: 'i-1', to: 'i-2', port: 22 });
    expect(result.verdict).toBe('reachable');
    expect(result.warnings.some((w) => w.includes('default ACL') && w.includes('subnet-2'))).toBe(true);
  });

  it('when DescribeNetworkAcls failed, ACL hops there are unknown', () => {
    const result = analyze(bare().error('DescribeNetworkAcls').build(), { from: 'i-1', to: 'i-2', port: 22 });
    expect(drop(result)).toEqual({ verdict: 'unknown', kind: 'subnet', id: 'subnet-1', code: 'UNKNOWN_RESOURCE', leg: 'forward' });
    expect(result.blocked!.detail).toContain('DescribeNetworkAcls');
  });

  it('when DescribeRouteTables failed and no table is known, routing there is unknown', () => {
    const network = new Network()
      .vpc('vpc-a', '10.0.0.0/16')
      .subnet('subnet-1', 'vpc-a', '10.0.1.0/24')
      .acl('acl-a', 'vpc-a', { isDefault: true, subnets: ['subnet-1'] })
      .group('sg-all', 'vpc-a', {})
      .instance('i-1', { subnet: 'subnet-1', ip: '10.0.1.5', groups: ['sg-all'] })
      .error('DescribeRouteTables');
    const result = analyze(network.build(), { from: 'i-1', to: '203.0.113.9', port: 443 });
    expect(drop(result)).toEqual({ verdict: 'unknown', kind: 'subnet', id: 'subnet-1', code: 'UNKNOWN_RESOURCE', leg: 'forward' });
    expect(result.blocked!.detail).toContain('DescribeRouteTables');
  });

  it('a security group missing from the snapshot is unknown, named at the ENI that references it', () => {
    const model = bare().instance('i-3', { subnet: 'subnet-2', ip: '10.0.2.6', groups: ['sg-gone'] }).build();
    const result = analyze(model, { from: 'i-1', to: 'i-3', port: 22 });
    expect(drop(result)).toEqual({ verdict: 'unknown', kind: 'eni', id: 'eni-3', code: 'UNKNOWN_RESOURCE', leg: 'forward' });
    expect(result.blocked!.detail).toContain('sg-gone');
  });

  it('a load balancer on the path is not modelled (UNSUPPORTED_COMPONENT)', () => {
    const model = bare().eni('eni-nlb', { subnet: 'subnet-2', ip: '10.0.2.200', groups: [], type: 'network_load_balancer', description: 'ELB net/web/0123' }).build();
    expect(drop(analyze(model, { from: 'i-1', to: '10.0.2.200', port: 443 }))).toMatchObject({ verdict: 'unknown', kind: 'load-balancer', code: 'UNSUPPORTED_COMPONENT' });
  });
});
