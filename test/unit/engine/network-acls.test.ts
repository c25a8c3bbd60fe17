// DESIGN.md section 3, "Network ACLs": stateless, per subnet, first match in
// ascending rule number, `*` denies; inbound matches the source, outbound the
// destination, ports the destination port; only across subnet boundaries;
// checked again for the return traffic to the ephemeral port.
import { describe, expect, it } from 'vitest';
import { natVpc, Network, twoSubnetVpc, type AclRule } from '../../fixtures/engine/network.js';
import { analyze, drop, hopIds } from './analyze-helper.js';

const fromPublic = (rules: AclRule[]) => ({ inbound: rules });

describe('network ACLs', () => {
  it('entries are evaluated in ascending rule number and the first match decides', () => {
    const denyFirst = twoSubnetVpc({ privateAcl: fromPublic([{ n: 100, action: 'deny', protocol: '6', cidr: '10.0.1.0/24', ports: [443, 443] }, { n: 200, action: 'allow', protocol: '-1', cidr: '0.0.0.0/0' }]) }).build();
    const result = analyze(denyFirst, { from: 'i-web', to: 'i-app', port: 443 });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'network-acl', id: 'acl-priv', code: 'SUBNET_ACL_RESTRICTION', leg: 'forward' });
    expect(result.blocked!.rule).toMatchObject({ ruleNumber: 100, entry: { RuleNumber: 100, RuleAction: 'deny' } });
    // An ACL entry admits a subnet, not one machine: the peer 10.0.1.10 is in subnet-pub, 10.0.1.0/24.
    expect(result.blocked!.fix!.command).toBe('aws ec2 create-network-acl-entry --network-acl-id acl-priv --ingress --rule-number 99 --protocol tcp --port-range From=443,To=443 --cidr-block 10.0.1.0/24 --rule-action allow --region us-east-1');
    // The same entries with the allow first: rule 100 allows, the deny at 200 is never reached.
    const allowFirst = twoSubnetVpc({ privateAcl: fromPublic([{ n: 100, action: 'allow', protocol: '-1', cidr: '0.0.0.0/0' }, { n: 200, action: 'deny', protocol: '6', cidr: '10.0.1.0/24', ports: [443, 443] }]) }).build();
    expect(analyze(allowFirst, { from: 'i-web', to: 'i-app', port: 443 }).verdict).toBe('reachable');
  });

  it('the * rule (32767) denies what no entry matches', () => {
    const model = twoSubnetVpc({ privateAcl: fromPublic([{ n: 100, action: 'allow', protocol: '6', cidr: '10.0.0.0/16', ports: [22, 22] }]) }).build();
    const result = analyze(model, { from: 'i-web', to: 'i-app', port: 443 });
    expect(drop(result)).toMatchObject({ id: 'acl-priv', code: 'SUBNET_ACL_RESTRICTION' });
    expect(result.blocked!.rule).toMatchObject({ ruleNumber: 32767 });
    // An ACL entry admits a subnet, not one machine: the peer 10.0.1.10 is in subnet-pub, 10.0.1.0/24.
    expect(result.blocked!.fix!.command).toBe('aws ec2 create-network-acl-entry --network-acl-id acl-priv --ingress --rule-number 110 --protocol tcp --port-range From=443,To=443 --cidr-block 10.0.1.0/24 --rule-action allow --region us-east-1');
  });

  it('inbound entries match the source address, outbound entries the destination', () => {
    // acl-pub denies outbound to the private subnet: judged on the destination 10.0.2.20.
    const outbound = twoSubnetVpc({ publicAcl: { outbound: [{ n: 50, action: 'deny', protocol: '-1', cidr: '10.0.2.0/24' }, { n: 100, action: 'allow', protocol: '-1', cidr: '0.0.0.0/0' }] } }).build();
    const out = analyze(outbound, { from: 'i-web', to: 'i-app', port: 22 });
    expect(drop(out)).toMatchObject({ id: 'acl-pub', code: 'SUBNET_ACL_RESTRICTION' });
    expect(out.forward.hops.at(-1)!.direction).toBe('egress');
    // acl-priv denies inbound from 10.0.2.0/24 (its own block), not from the source 10.0.1.10: no effect.
    const inbound = twoSubnetVpc({ privateAcl: fromPublic([{ n: 50, action: 'deny', protocol: '-1', cidr: '10.0.2.0/24' }, { n: 100, action: 'allow', protocol: '-1', cidr: '0.0.0.0/0' }]) }).build();
    expect(analyze(inbound, { from: 'i-web', to: 'i-app', port: 22 }).verdict).toBe('reachable');
  });

  it('port ranges match the destination port, not the source port', () => {
    const model = twoSubnetVpc({ privateAcl: fromPublic([{ n: 100, action: 'allow', protocol: '6', cidr: '10.0.0.0/16', ports: [443, 443] }]) }).build();
    expect(analyze(model, { from: 'i-web', to: 'i-app', port: 443, sourcePort: 50000 }).verdict).toBe('reachable');
    expect(drop(analyze(model, { from: 'i-web', to: 'i-app', port: 22, sourcePort: 443 }))).toMatchObject({ id: 'acl-priv', code: 'SUBNET_ACL_RESTRICTION' });
  });

  it('`all` traffic is matched only by protocol -1 entries: deny tcp 22 does not match it, allow -1 does', () => {
    const model = twoSubnetVpc({ appGroup: [{ protocol: '-1', cidr: '10.0.0.0/16' }], privateAcl: fromPublic([{ n: 10, action: 'deny', protocol: '6', cidr: '0.0.0.0/0', ports: [22, 22] }, { n: 100, action: 'allow', protocol: '-1', cidr: '0.0.0.0/0' }]) }).build();
    expect(analyze(model, { from: 'i-web', to: 'i-app', protocol: 'all' }).verdict).toBe('reachable');
    expect(drop(analyze(model, { from: 'i-web', to: 'i-app', port: 22 }))).toMatchObject({ id: 'acl-priv', code: 'SUBNET_ACL_RESTRICTION' });
  });

  it('ICMP entries match IcmpTypeCode; the reply is an echo reply (type 0)', () => {
    const icmpGroup = [{ protocol: 'icmp', ports: [-1, -1] as [number, number], cidr: '10.0.0.0/16' }];
    // Inbound allows only echo requests; outbound only echo replies: ping works.
    const ping = twoSubnetVpc({ appGroup: icmpGroup, privateAcl: { inbound: [{ n: 100, action: 'allow', protocol: '1', cidr: '10.0.0.0/16', icmp: [8, 0] }], outbound: [{ n: 100, action: 'allow', protocol: '1', cidr: '10.0.0.0/16', icmp: [0, 0] }] } }).build();
    expect(analyze(ping, { from: 'i-web', to: 'i-app', protocol: 'icmp' }).verdict).toBe('reachable');
    // Outbound allows echo requests (type 8) only: the reply (type 0) is denied on the return leg.
    const noReply = twoSubnetVpc({ appGroup: icmpGroup, privateAcl: { inbound: [{ n: 100, action: 'allow', protocol: '1', cidr: '10.0.0.0/16', icmp: [8, 0] }], outbound: [{ n: 100, action: 'allow', protocol: '1', cidr: '10.0.0.0/16', icmp: [8, -1] }] } }).build();
    const result = analyze(noReply, { from: 'i-web', to: 'i-app', protocol: 'icmp' });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'network-acl', id: 'acl-priv', code: 'SUBNET_ACL_RESTRICTION', leg: 'return' });
    expect(result.blocked!.fix!.command).toContain('--protocol icmp --icmp-type-code Type=0,Code=0');
  });

  it('ACLs are checked only across a subnet boundary, not between two ENIs of one subnet', () => {
    const denyAll: AclRule[] = [];
    const model = twoSubnetVpc({ privateAcl: { inbound: denyAll, outbound: denyAll } }).instance('i-peer', { subnet: 'subnet-priv', ip: '10.0.2.21', groups: ['sg-web'] }).build();
    const result = analyze(model, { from: 'i-peer', to: 'i-app', port: 22 });
    expect(result.verdict).toBe('reachable');
    expect([...hopIds(result), ...hopIds(result, 'return')].filter((id) => id.startsWith('network-acl'))).toEqual([]);
    // From the other subnet the deny-all ACL applies.
    expect(drop(analyze(model, { from: 'i-web', to: 'i-app', port: 22 }))).toMatchObject({ id: 'acl-priv', code: 'SUBNET_ACL_RESTRICTION', leg: 'forward' });
  });

  it('ACLs are stateless: the return traffic is checked again, to the source port (default 49152)', () => {
    // acl-priv lets 443 in, but lets out only ports 1024-32767: the reply to port 49152 is denied.
    const model = twoSubnetVpc({ privateAcl: { outbound: [{ n: 100, action: 'allow', protocol: '6', cidr: '10.0.0.0/16', ports: [1024, 32767] }] } }).build();
    const result = analyze(model, { from: 'i-web', to: 'i-app', port: 443 });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'network-acl', id: 'acl-priv', code: 'SUBNET_ACL_RESTRICTION', leg: 'return' });
    expect(result.return!.hops.at(-1)).toMatchObject({ direction: 'egress', action: 'deny' });
    // An ACL entry admits a subnet, not one machine: the peer 10.0.1.10 is in subnet-pub, 10.0.1.0/24.
    expect(result.blocked!.fix!.command).toBe('aws ec2 create-network-acl-entry --network-acl-id acl-priv --egress --rule-number 110 --protocol tcp --port-range From=1024,To=65535 --cidr-block 10.0.1.0/24 --rule-action allow --region us-east-1');
    // A client that picks source port 30000 gets its reply.
    expect(analyze(model, { from: 'i-web', to: 'i-app', port: 443, sourcePort: 30000 }).verdict).toBe('reachable');
  });

  it('a subnet with no explicit association uses the VPC default ACL', () => {
    const model = new Network()
      .vpc('vpc-a', '10.0.0.0/16')
      .subnet('subnet-1', 'vpc-a', '10.0.1.0/24')
      .subnet('subnet-2', 'vpc-a', '10.0.2.0/24')
      .routeTable('rtb-main', 'vpc-a', { main: true, routes: [['10.0.0.0/16', 'local']] })
      .acl('acl-default', 'vpc-a', { isDefault: true, subnets: [], inbound: [{ n: 100, action: 'deny', protocol: '6', cidr: '0.0.0.0/0', ports: [3306, 3306] }, { n: 200, action: 'allow' }] })
      .acl('acl-1', 'vpc-a', { subnets: ['subnet-1'] })
      .group('sg-all', 'vpc-a', { ingress: [{ protocol: '-1', cidr: '10.0.0.0/16' }] })
      .instance('i-1', { subnet: 'subnet-1', ip: '10.0.1.5', groups: ['sg-all'] })
      .instance('i-2', { subnet: 'subnet-2', ip: '10.0.2.5', groups: ['sg-all'] })
      .build();
    expect(drop(analyze(model, { from: 'i-1', to: 'i-2', port: 3306 }))).toMatchObject({ kind: 'network-acl', id: 'acl-default', code: 'SUBNET_ACL_RESTRICTION' });
    expect(analyze(model, { from: 'i-1', to: 'i-2', port: 3307 }).verdict).toBe('reachable');
  });

  it("a NAT gateway's subnet ACL applies on the way to the NAT and on from it", () => {
    const way = (publicAcl: { inbound?: AclRule[]; outbound?: AclRule[] }) => analyze(natVpc({ publicAcl }).build(), { from: 'i-app', to: '203.0.113.7', port: 443 });
    expect(way({}).verdict).toBe('reachable');
    // In to the NAT: acl-pub inbound judges the client 10.0.2.20.
    const toNat = way({ inbound: [{ n: 100, action: 'deny', protocol: '-1', cidr: '10.0.2.0/24' }, { n: 200, action: 'allow' }] });
    expect(drop(toNat)).toMatchObject({ id: 'acl-pub', code: 'SUBNET_ACL_RESTRICTION', leg: 'forward' });
    expect(toNat.forward.hops.at(-1)!.direction).toBe('ingress');
    // On from the NAT to the internet gateway: acl-pub outbound judges 203.0.113.7.
    const fromNat = way({ outbound: [{ n: 100, action: 'deny', protocol: '-1', cidr: '203.0.113.0/24' }, { n: 200, action: 'allow' }] });
    expect(drop(fromNat)).toMatchObject({ id: 'acl-pub', code: 'SUBNET_ACL_RESTRICTION', leg: 'forward' });
    expect(fromNat.forward.hops.at(-1)!.direction).toBe('egress');
    expect(hopIds(fromNat).indexOf('nat-gateway:nat-a:transit')).toBeLessThan(hopIds(fromNat).length - 1);
  });

  it('return traffic through a NAT gateway must be allowed for the whole range 1024-65535', () => {
    const network = (inbound: AclRule[]) => natVpc({ publicAcl: { inbound } }).build();
    const fromVpc: AclRule = { n: 100, action: 'allow', protocol: '-1', cidr: '10.0.0.0/16' };
    // 32768-65535 covers the client's 49152 but not all the ports the NAT gateway may pick.
    const narrow = analyze(network([fromVpc, { n: 200, action: 'allow', protocol: '6', cidr: '0.0.0.0/0', ports: [32768, 65535] }]), { from: 'i-app', to: '203.0.113.7', port: 443 });
    expect(drop(narrow)).toEqual({ verdict: 'unreachable', kind: 'network-acl', id: 'acl-pub', code: 'SUBNET_ACL_RESTRICTION', leg: 'return' });
    expect(narrow.blocked!.fix!.command).toContain('--port-range From=1024,To=65535');
    // A deny of part of the range before the allow also narrows it: the deny is named.
    const denied = analyze(network([fromVpc, { n: 150, action: 'deny', protocol: '6', cidr: '0.0.0.0/0', ports: [1024, 2047] }, { n: 200, action: 'allow', protocol: '6', cidr: '0.0.0.0/0', ports: [1024, 65535] }]), { from: 'i-app', to: '203.0.113.7', port: 443 });
    expect(denied.blocked).toMatchObject({ id: 'acl-pub', direction: 'return', rule: { ruleNumber: 150 } });
    expect(analyze(network([fromVpc, { n: 200, action: 'allow', protocol: '6', cidr: '0.0.0.0/0', ports: [1024, 65535] }]), { from: 'i-app', to: '203.0.113.7', port: 443 }).verdict).toBe('reachable');
  });
});
