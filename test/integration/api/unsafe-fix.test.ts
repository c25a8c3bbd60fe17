// A fix that would widen the internet's reach beyond the question is not
// offered as the fix: tried on the snapshot, it becomes an option with that
// cost named. The network is built by hand so that the only repair opens more.
import { describe, expect, it } from 'vitest';
import { verifiedAnalysis } from '../../../shared/api/fixes/verify.js';
import { analyzeFlow } from '../../../shared/engine/analyze.js';
import { Network } from '../../fixtures/engine/network.js';

/**
 * One public subnet (0.0.0.0/0 -> igw-a) whose ACL lets tcp 443 and 8080 in
 * from anywhere but lets out nothing but the VPC: every reply to the internet
 * is denied. i-a (54.0.0.1) admits 443 from anywhere; i-b (54.0.0.2) admits
 * 8080 from anywhere. Opening the ephemeral ports out, the only repair of
 * internet -> i-a:443, would also let the internet reach i-b on 8080.
 */
function network() {
  return new Network()
    .vpc('vpc-a', '10.0.0.0/16')
    .subnet('subnet-pub', 'vpc-a', '10.0.1.0/24')
    .igw('igw-a', 'vpc-a')
    .routeTable('rtb-pub', 'vpc-a', { main: true, routes: [['10.0.0.0/16', 'local'], ['0.0.0.0/0', 'igw-a']] })
    .acl('acl-pub', 'vpc-a', {
      subnets: ['subnet-pub'],
      inbound: [
        { n: 100, action: 'allow', protocol: 'tcp', ports: [443, 443], cidr: '0.0.0.0/0' },
        { n: 110, action: 'allow', protocol: 'tcp', ports: [8080, 8080], cidr: '0.0.0.0/0' },
      ],
      outbound: [{ n: 100, action: 'allow', protocol: '-1', cidr: '10.0.0.0/16' }],
    })
    .group('sg-a', 'vpc-a', { ingress: [{ protocol: 'tcp', ports: [443, 443], cidr: '0.0.0.0/0' }] })
    .group('sg-b', 'vpc-a', { ingress: [{ protocol: 'tcp', ports: [8080, 8080], cidr: '0.0.0.0/0' }] })
    .instance('i-a', { subnet: 'subnet-pub', ip: '10.0.1.10', groups: ['sg-a'], publicIp: '54.0.0.1' })
    .instance('i-b', { subnet: 'subnet-pub', ip: '10.0.1.20', groups: ['sg-b'], publicIp: '54.0.0.2' })
    .snapshot();
}

describe('a fix that widens exposure beyond the question', () => {
  it('becomes an option naming what it would open; the fix says no single change is safe', () => {
    const snapshot = network();
    const request = { from: 'internet', to: 'i-a', protocol: 'tcp', port: 443 };
    const raw = analyzeFlow(snapshot.model, request);
    expect(raw.blocked).toMatchObject({ id: 'acl-pub', code: 'SUBNET_ACL_RESTRICTION', direction: 'return' });
    const verified = verifiedAnalysis(snapshot, request, raw);
    const { fix, options } = verified.blocked!;
    expect(fix!.changes).toBeUndefined();
    expect(fix!.command).toBe('# no single safe change: see the options');
    expect(fix!.text).toContain('tcp 8080 on eni-b');
    expect(options).toHaveLength(1);
    expect(options![0]!.fix.changes!.changes[0]).toMatchObject({ action: 'CreateNetworkAclEntry', NetworkAclId: 'acl-pub', Egress: true, CidrBlock: '0.0.0.0/0', PortRange: { From: 1024, To: 65535 } });
    expect(options![0]!.tradeOff).toBe('It would also let the internet reach tcp 8080 on eni-b.');
  });

  it('is the fix when nothing else would open: with i-b admitting 8080 from the VPC only, the same entry is safe and verified', () => {
    // i-b's group admits 8080 from the VPC only: the entry then exposes nothing beyond the question.
    const tame = new Network()
      .vpc('vpc-a', '10.0.0.0/16')
      .subnet('subnet-pub', 'vpc-a', '10.0.1.0/24')
      .igw('igw-a', 'vpc-a')
      .routeTable('rtb-pub', 'vpc-a', { main: true, routes: [['10.0.0.0/16', 'local'], ['0.0.0.0/0', 'igw-a']] })
      .acl('acl-pub', 'vpc-a', { subnets: ['subnet-pub'], inbound: [{ n: 100, action: 'allow', protocol: 'tcp', ports: [443, 443], cidr: '0.0.0.0/0' }], outbound: [{ n: 100, action: 'allow', protocol: '-1', cidr: '10.0.0.0/16' }] })
      .group('sg-a', 'vpc-a', { ingress: [{ protocol: 'tcp', ports: [443, 443], cidr: '0.0.0.0/0' }] })
      .group('sg-b', 'vpc-a', { ingress: [{ protocol: 'tcp', ports: [8080, 8080], cidr: '10.0.0.0/16' }] })
      .instance('i-a', { subnet: 'subnet-pub', ip: '10.0.1.10', groups: ['sg-a'], publicIp: '54.0.0.1' })
      .instance('i-b', { subnet: 'subnet-pub', ip: '10.0.1.20', groups: ['sg-b'], publicIp: '54.0.0.2' })
      .snapshot();
    const request = { from: 'internet', to: 'i-a', protocol: 'tcp', port: 443 };
    const verified = verifiedAnalysis(tame, request, analyzeFlow(tame.model, request));
    expect(verified.blocked!.fix!.changes).toBeDefined();
    expect(verified.blocked!.fix!.repair).toMatchObject({ verdict: 'reachable', steps: 1 });
    expect(verified.blocked!.options).toBeUndefined();
  });
});
