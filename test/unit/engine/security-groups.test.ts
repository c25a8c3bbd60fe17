// DESIGN.md section 3, "Security groups": one test per rule, each on a small
// network written for it (test/fixtures/engine/network.ts).
import { describe, expect, it } from 'vitest';
import { Network, twoSubnetVpc } from '../../fixtures/engine/network.js';
import { analyze, drop } from './analyze-helper.js';

describe('security groups', () => {
  it('egress is checked at the source ENI: a group with no egress rule allows nothing out', () => {
    const model = twoSubnetVpc().group('sg-mute', 'vpc-a', { egress: [] }).instance('i-mute', { subnet: 'subnet-pub', ip: '10.0.1.30', groups: ['sg-mute'] }).build();
    // sg-app allows tcp 443 from 10.0.0.0/16, but sg-mute lets nothing leave i-mute.
    const result = analyze(model, { from: 'i-mute', to: 'i-app', port: 443 });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'security-group', id: 'sg-mute', code: 'ENI_SG_RULES_MISMATCH', leg: 'forward' });
    expect(result.forward.hops.at(-1)).toMatchObject({ direction: 'egress', action: 'deny' });
    // i-app carries sg-app in the same VPC: the rule names the group, so every member of sg-app is admitted, not one address.
    expect(result.blocked!.fix!.command).toBe(`aws ec2 authorize-security-group-egress --group-id sg-mute --ip-permissions '[{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"UserIdGroupPairs":[{"GroupId":"sg-app"}]}]' --region us-east-1`);
  });

  it('ingress is checked at the destination ENI: the port must be allowed there', () => {
    const model = twoSubnetVpc().build();
    // sg-app opens 22 and 443 to the VPC, not 80.
    expect(drop(analyze(model, { from: 'i-web', to: 'i-app', port: 443 }))).toEqual({ verdict: 'reachable' });
    const result = analyze(model, { from: 'i-web', to: 'i-app', port: 80 });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'security-group', id: 'sg-app', code: 'ENI_SG_RULES_MISMATCH', leg: 'forward' });
    // i-web carries sg-web, in sg-app's VPC: AWS lets the rule name the group.
    expect(result.blocked!.fix).toMatchObject({
      text: 'Add an inbound rule to sg-app allowing tcp port 80 from the security group sg-web, carried by eni-web.',
      command: `aws ec2 authorize-security-group-ingress --group-id sg-app --ip-permissions '[{"IpProtocol":"tcp","FromPort":80,"ToPort":80,"UserIdGroupPairs":[{"GroupId":"sg-web"}]}]' --region us-east-1`,
      changes: { format: 'reachmap-changes/1', changes: [{ action: 'AuthorizeSecurityGroupIngress', GroupId: 'sg-app', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, UserIdGroupPairs: [{ GroupId: 'sg-web' }] }] }] },
    });
    // Near misses: sg-app admits the same peer (10.0.0.0/16 holds 10.0.1.10) on 22 and 443.
    expect(result.blocked!.nearMisses).toEqual([
      'sg-app allows tcp port 22 from 10.0.0.0/16; the flow is tcp port 80 from 10.0.1.10 (another port).',
      'sg-app allows tcp port 443 from 10.0.0.0/16; the flow is tcp port 80 from 10.0.1.10 (another port).',
    ]);
  });

  it("the ENI's groups are a union; a drop names the first group and lists every group searched", () => {
    const model = twoSubnetVpc()
      .group('sg-first', 'vpc-a', { ingress: [] })
      .group('sg-second', 'vpc-a', { ingress: [{ protocol: 'tcp', ports: [8443, 8443], cidr: '10.0.1.0/24' }] })
      .instance('i-two', { subnet: 'subnet-priv', ip: '10.0.2.40', groups: ['sg-first', 'sg-second'] })
      .build();
    // 8443 is allowed by the second group alone: the union admits it.
    const allowed = analyze(model, { from: 'i-web', to: 'i-two', port: 8443 });
    expect(allowed.verdict).toBe('reachable');
    expect(allowed.forward.hops.find((hop) => hop.kind === 'security-group' && hop.direction === 'ingress')?.id).toBe('sg-second');
    const denied = analyze(model, { from: 'i-web', to: 'i-two', port: 9000 });
    expect(drop(denied)).toMatchObject({ kind: 'security-group', id: 'sg-first', code: 'ENI_SG_RULES_MISMATCH' });
    expect(denied.blocked!.rule).toMatchObject({ groups: ['sg-first', 'sg-second'] });
  });

  it('protocol -1 matches every protocol; a protocol-specific rule does not match `all`', () => {
    const model = twoSubnetVpc({ appGroup: [{ protocol: 'tcp', ports: [0, 65535], cidr: '10.0.0.0/16' }] }).group('sg-any', 'vpc-a', { ingress: [{ protocol: '-1', cidr: '10.0.1.0/24' }] }).instance('i-any', { subnet: 'subnet-priv', ip: '10.0.2.50', groups: ['sg-any'] }).build();
    expect(analyze(model, { from: 'i-web', to: 'i-any', protocol: 'udp', port: 53 }).verdict).toBe('reachable');
    expect(analyze(model, { from: 'i-web', to: 'i-any', protocol: '47' }).verdict).toBe('reachable');
    expect(analyze(model, { from: 'i-web', to: 'i-any', protocol: 'all' }).verdict).toBe('reachable');
    // sg-app allows every TCP port but names TCP: "all" is a protocol no rule names.
    expect(drop(analyze(model, { from: 'i-web', to: 'i-app', protocol: 'all' }))).toMatchObject({ id: 'sg-app', code: 'ENI_SG_RULES_MISMATCH' });
  });

  it('a group peer stands for the private IPs of every ENI that carries the group', () => {
    const model = twoSubnetVpc({ appGroup: [{ protocol: 'tcp', ports: [5432, 5432], group: 'sg-web' }] })
      .group('sg-other', 'vpc-a', {})
      .instance('i-other', { subnet: 'subnet-pub', ip: '10.0.1.11', groups: ['sg-other'] })
      .build();
    expect(analyze(model, { from: 'i-web', to: 'i-app', port: 5432 }).verdict).toBe('reachable');
    // i-other is in the same subnet as i-web but does not carry sg-web.
    expect(drop(analyze(model, { from: 'i-other', to: 'i-app', port: 5432 }))).toMatchObject({ id: 'sg-app', code: 'ENI_SG_RULES_MISMATCH' });
  });

  it('a group reference also works across an active peering in the same region', () => {
    const model = new Network()
      .vpc('vpc-a', '10.0.0.0/16')
      .vpc('vpc-b', '10.1.0.0/16')
      .subnet('subnet-a', 'vpc-a', '10.0.1.0/24')
      .subnet('subnet-b', 'vpc-b', '10.1.1.0/24')
      .peering('pcx-ab', ['vpc-a', '10.0.0.0/16'], ['vpc-b', '10.1.0.0/16'])
      .routeTable('rtb-a', 'vpc-a', { main: true, routes: [['10.0.0.0/16', 'local'], ['10.1.0.0/16', 'pcx-ab']] })
      .routeTable('rtb-b', 'vpc-b', { main: true, routes: [['10.1.0.0/16', 'local'], ['10.0.0.0/16', 'pcx-ab']] })
      .acl('acl-a', 'vpc-a', { isDefault: true, subnets: ['subnet-a'] })
      .acl('acl-b', 'vpc-b', { isDefault: true, subnets: ['subnet-b'] })
      .group('sg-client', 'vpc-a', {})
      .group('sg-stranger', 'vpc-a', {})
      .group('sg-db', 'vpc-b', { ingress: [{ protocol: 'tcp', ports: [5432, 5432], group: 'sg-client', peering: 'pcx-ab' }] })
      .instance('i-client', { subnet: 'subnet-a', ip: '10.0.1.5', groups: ['sg-client'] })
      .instance('i-stranger', { subnet: 'subnet-a', ip: '10.0.1.6', groups: ['sg-stranger'] })
      .instance('i-db', { subnet: 'subnet-b', ip: '10.1.1.5', groups: ['sg-db'] })
      .build();
    expect(analyze(model, { from: 'i-client', to: 'i-db', port: 5432 }).verdict).toBe('reachable');
    expect(drop(analyze(model, { from: 'i-stranger', to: 'i-db', port: 5432 }))).toMatchObject({ id: 'sg-db', code: 'ENI_SG_RULES_MISMATCH' });
  });

  it('a prefix-list peer stands for the CIDRs of the list', () => {
    const model = twoSubnetVpc({ appGroup: [{ protocol: 'tcp', ports: [443, 443], prefixList: 'pl-offices' }] })
      .prefixList('pl-offices', '10.0.1.0/25', '192.0.2.0/24')
      .instance('i-high', { subnet: 'subnet-pub', ip: '10.0.1.200', groups: ['sg-web'] })
      .build();
    // 10.0.1.10 is in 10.0.1.0/25; 10.0.1.200 is not.
    expect(analyze(model, { from: 'i-web', to: 'i-app', port: 443 }).verdict).toBe('reachable');
    expect(drop(analyze(model, { from: 'i-high', to: 'i-app', port: 443 }))).toMatchObject({ id: 'sg-app', code: 'ENI_SG_RULES_MISMATCH' });
  });

  it('ICMP rules match type and code, -1 meaning any; `--protocol icmp` is an echo request', () => {
    const echoRequest = twoSubnetVpc({ appGroup: [{ protocol: 'icmp', ports: [8, 0], cidr: '10.0.0.0/16' }] }).build();
    const echoReplyOnly = twoSubnetVpc({ appGroup: [{ protocol: 'icmp', ports: [0, -1], cidr: '10.0.0.0/16' }] }).build();
    const anyIcmp = twoSubnetVpc({ appGroup: [{ protocol: 'icmp', ports: [-1, -1], cidr: '10.0.0.0/16' }] }).build();
    expect(analyze(echoRequest, { from: 'i-web', to: 'i-app', protocol: 'icmp' }).verdict).toBe('reachable');
    expect(drop(analyze(echoReplyOnly, { from: 'i-web', to: 'i-app', protocol: 'icmp' }))).toMatchObject({ id: 'sg-app', code: 'ENI_SG_RULES_MISMATCH' });
    const any = analyze(anyIcmp, { from: 'i-web', to: 'i-app', protocol: 'icmp' });
    expect(any.verdict).toBe('reachable');
    expect(any.query).toEqual({ from: 'i-web', to: 'i-app', protocol: 'icmp', port: null, sourcePort: 49152, family: 'ipv4' });
  });

  it('groups are stateful: the reply needs no rule (the destination allows nothing out)', () => {
    const model = twoSubnetVpc().group('sg-silent', 'vpc-a', { ingress: [{ protocol: 'tcp', ports: [443, 443], cidr: '10.0.0.0/16' }], egress: [] }).instance('i-silent', { subnet: 'subnet-priv', ip: '10.0.2.60', groups: ['sg-silent'] }).build();
    const result = analyze(model, { from: 'i-web', to: 'i-silent', port: 443 });
    expect(result.verdict).toBe('reachable');
    expect(result.return!.hops[1]).toMatchObject({ kind: 'security-group', id: 'sg-silent', action: 'allow', rule: { stateful: true } });
  });
});
