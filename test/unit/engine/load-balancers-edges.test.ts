// Four load-balancer cases the differential run against the independent
// oracle (test/oracle/differential-load-balancers.test.ts) found the engine
// answering wrongly, each pinned here in a small network written by hand.
// Expected values are worked out from the fixture below and the cited pages.
import { describe, expect, it } from 'vitest';
import { Network, lbArn } from '../../fixtures/engine/network.js';
import { analyze, drop } from './analyze-helper.js';

/**
 * VPC 10.0.0.0/16 in one zone: public subnet pub 10.0.1.0/24 routing
 * 0.0.0.0/0 to igw-a, app subnet 10.0.2.0/24 with only the local route;
 * every ACL allows all. ALB "shop" has one node 10.0.1.50 (public 54.0.0.50)
 * with sg-alb (tcp 443 in from anywhere, and ICMP when asked; all out); HTTPS:443 forwards to
 * tg-web, port 8080. i-web (10.0.2.10, sg-web admitting 8080 from sg-alb)
 * and i-pub (10.0.1.20, public 54.0.0.20, sg-pub admitting 8080 from sg-alb)
 * are its candidate targets.
 */
function shop(spec: { webState?: string; targetType?: 'instance' | 'ip'; targets: string[]; albAdmitsPing?: boolean }): Network {
  return new Network()
    .vpc('vpc-a', '10.0.0.0/16')
    .subnet('subnet-pub', 'vpc-a', '10.0.1.0/24', 'us-east-1a')
    .subnet('subnet-app', 'vpc-a', '10.0.2.0/24', 'us-east-1a')
    .igw('igw-a', 'vpc-a')
    .routeTable('rtb-main', 'vpc-a', { main: true, routes: [['10.0.0.0/16', 'local']] })
    .routeTable('rtb-pub', 'vpc-a', { subnets: ['subnet-pub'], routes: [['10.0.0.0/16', 'local'], ['0.0.0.0/0', 'igw-a']] })
    .acl('acl-all', 'vpc-a', { isDefault: true, subnets: ['subnet-pub', 'subnet-app'] })
    .group('sg-alb', 'vpc-a', { ingress: [{ protocol: 'tcp', ports: [443, 443], cidr: '0.0.0.0/0' }, ...(spec.albAdmitsPing ? [{ protocol: 'icmp', ports: [-1, -1] as [number, number], cidr: '0.0.0.0/0' }] : [])] })
    .group('sg-web', 'vpc-a', { ingress: [{ protocol: 'tcp', ports: [8080, 8080], group: 'sg-alb' }] })
    .group('sg-pub', 'vpc-a', { ingress: [{ protocol: 'tcp', ports: [8080, 8080], group: 'sg-alb' }] })
    .instance('i-web', { subnet: 'subnet-app', ip: '10.0.2.10', groups: ['sg-web'], state: spec.webState ?? 'running' })
    .instance('i-pub', { subnet: 'subnet-pub', ip: '10.0.1.20', groups: ['sg-pub'], publicIp: '54.0.0.20' })
    .loadBalancer('shop', { type: 'application', vpc: 'vpc-a', nodes: [['subnet-pub', '10.0.1.50', '54.0.0.50']], groups: ['sg-alb'], listeners: [{ port: 443, protocol: 'HTTPS', targetGroup: 'tg-web' }], attributes: {} })
    .targetGroup('tg-web', { vpc: 'vpc-a', protocol: 'HTTP', port: 8080, type: spec.targetType ?? 'instance', loadBalancers: ['shop'], targets: spec.targets.map((id) => [id, 'healthy'] as [string, string]), attributes: {} });
}

describe('load balancer edges the differential run found', () => {
  it('an ip target whose interface belongs to a stopped instance receives nothing: BAD_STATE at that interface, even while its collected health is still healthy', () => {
    // DESIGN.md section 3, "only running instances and in-use ENIs send or receive traffic"; AWS reports such a target
    // unused with Target.InvalidState ("The target is in the stopped or terminated state"):
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html
    const result = analyze(shop({ webState: 'stopped', targetType: 'ip', targets: ['10.0.2.10'] }).build(), { from: 'internet', to: 'shop', port: 443 });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'eni', id: 'eni-web', code: 'BAD_STATE', leg: 'forward' });
    expect(result.blocked!.fix!.command).toBe('aws ec2 start-instances --instance-ids i-web --region us-east-1');
  });

  it('ICMP (ping) to a load balancer finds no listener whatever the port: ELBV2_LISTENERS_MISMATCH at the load balancer', () => {
    // A listener is "a protocol and a port" (HTTP/HTTPS for an ALB; TCP, TLS, UDP, TCP_UDP for an NLB): none takes ICMP.
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html
    // sg-alb admits ICMP here, so that the listener is what decides
    const model = shop({ targets: ['i-web'], albAdmitsPing: true }).build();
    const result = analyze(model, { from: 'internet', to: 'shop', protocol: 'icmp' });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'load-balancer', id: 'shop', code: 'ELBV2_LISTENERS_MISMATCH', leg: 'forward' });
    expect(result.blocked!.detail).toBe('shop listens only on TCP and UDP ports (HTTPS:443): no listener takes this protocol.');
  });

  it('a node named by its interface id, asked from the internet, is reached at its public address like an instance is', () => {
    // `--to eni-...` names a machine, not an address: an internet client connects to the public IP associated with it.
    const result = analyze(shop({ targets: ['i-web'] }).build(), { from: 'internet', to: 'eni-shop-0', port: 443 });
    expect(result.verdict).toBe('reachable');
    expect(result.resolved.to).toEqual({ kind: 'load-balancer', id: lbArn('shop', 'application'), name: 'shop', ip: '54.0.0.50' });
    // by its private address, the internet cannot reach it (the internet gateway admits only public addresses)
    expect(drop(analyze(shop({ targets: ['i-web'] }).build(), { from: 'internet', to: '10.0.1.50', port: 443 }))).toMatchObject({ kind: 'internet-gateway', code: 'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS' });
  });

  it('a target that is itself the client (hairpin through the public address) answers the node locally: the internet gateway that translated its own request does not bind that reply', () => {
    // i-pub connects to 54.0.0.50 through igw-a (source 10.0.1.20 -> 54.0.0.20); the ALB opens its own connection
    // from 10.0.1.50 to i-pub:8080, whose reply goes to 10.0.1.50 by the local route; only the node's reply to
    // 54.0.0.20 must leave through igw-a. https://docs.aws.amazon.com/elasticloadbalancing/latest/application/introduction.html
    // ("the load balancer ... routes it to a target using its own connection")
    const result = analyze(shop({ targets: ['i-pub'] }).build(), { from: 'i-pub', to: 'shop', port: 443 });
    expect(result.resolved.to.ip).toBe('10.0.1.50');
    const viaPublic = analyze(shop({ targets: ['i-pub'] }).build(), { from: 'i-pub', to: '54.0.0.50', port: 443 });
    expect(viaPublic.verdict).toBe('reachable');
    expect(viaPublic.return!.hops.filter((hop) => hop.kind === 'internet-gateway').map((hop) => hop.id)).toEqual(['igw-a', 'igw-a']);
    expect(result.verdict).toBe('reachable');
  });
});
