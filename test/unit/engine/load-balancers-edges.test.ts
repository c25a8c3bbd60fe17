// Edges of load balancing in a small network written by hand: four cases
// the differential run against the independent oracle
// (test/oracle/differential-load-balancers.test.ts) found the engine
// answering wrongly, listener rule conditions, and what is not modelled.
// Expected values are worked out from the fixture below and the cited pages.
import { describe, expect, it } from 'vitest';
import { Network, lbArn, tgArn, type LbListenerSpec } from '../../fixtures/engine/network.js';
import { analyze, drop } from './analyze-helper.js';

/**
 * VPC 10.0.0.0/16 in one zone: public subnet pub 10.0.1.0/24 routing
 * 0.0.0.0/0 to igw-a, app subnet 10.0.2.0/24 with only the local route;
 * every ACL allows all. ALB "shop" has one node 10.0.1.50 (public 54.0.0.50)
 * with sg-alb (tcp 443 in from anywhere, and ICMP when asked; all out); HTTPS:443 forwards to
 * tg-web, port 8080. i-web (10.0.2.10, sg-web admitting 8080 from sg-alb)
 * and i-pub (10.0.1.20, public 54.0.0.20, sg-pub admitting 8080 from sg-alb)
 * are its candidate targets. As a network load balancer ("network"), the
 * node has no security groups and tg-web is TCP 8080.
 */
function shop(spec: { webState?: string; targetType?: 'instance' | 'ip' | 'lambda'; targets: string[]; albAdmitsPing?: boolean; listeners?: LbListenerSpec[]; type?: 'application' | 'network' | 'gateway'; targetsAdmitVpc?: boolean; tgAttributes?: Record<string, string> }): Network {
  const fromVpc = spec.targetsAdmitVpc ? [{ protocol: 'tcp', ports: [8080, 8080] as [number, number], cidr: '10.0.0.0/16' }] : [];
  return new Network()
    .vpc('vpc-a', '10.0.0.0/16')
    .subnet('subnet-pub', 'vpc-a', '10.0.1.0/24', 'us-east-1a')
    .subnet('subnet-app', 'vpc-a', '10.0.2.0/24', 'us-east-1a')
    .igw('igw-a', 'vpc-a')
    .routeTable('rtb-main', 'vpc-a', { main: true, routes: [['10.0.0.0/16', 'local']] })
    .routeTable('rtb-pub', 'vpc-a', { subnets: ['subnet-pub'], routes: [['10.0.0.0/16', 'local'], ['0.0.0.0/0', 'igw-a']] })
    .acl('acl-all', 'vpc-a', { isDefault: true, subnets: ['subnet-pub', 'subnet-app'] })
    .group('sg-alb', 'vpc-a', { ingress: [{ protocol: 'tcp', ports: [443, 443], cidr: '0.0.0.0/0' }, ...(spec.albAdmitsPing ? [{ protocol: 'icmp', ports: [-1, -1] as [number, number], cidr: '0.0.0.0/0' }] : [])] })
    .group('sg-web', 'vpc-a', { ingress: [{ protocol: 'tcp', ports: [8080, 8080], group: 'sg-alb' }, ...fromVpc] })
    .group('sg-pub', 'vpc-a', { ingress: [{ protocol: 'tcp', ports: [8080, 8080], group: 'sg-alb' }, ...fromVpc] })
    .instance('i-web', { subnet: 'subnet-app', ip: '10.0.2.10', groups: ['sg-web'], state: spec.webState ?? 'running' })
    .instance('i-pub', { subnet: 'subnet-pub', ip: '10.0.1.20', groups: ['sg-pub'], publicIp: '54.0.0.20' })
    .loadBalancer('shop', { type: spec.type ?? 'application', vpc: 'vpc-a', nodes: [['subnet-pub', '10.0.1.50', '54.0.0.50']], groups: spec.type === 'gateway' || spec.type === 'network' ? [] : ['sg-alb'], listeners: spec.listeners ?? [{ port: 443, protocol: 'HTTPS', targetGroup: 'tg-web' }], attributes: {} })
    .targetGroup('tg-web', { vpc: 'vpc-a', protocol: spec.type === 'network' ? 'TCP' : 'HTTP', port: 8080, type: spec.targetType ?? 'instance', loadBalancers: ['shop'], targets: spec.targets.map((id) => [id, 'healthy'] as [string, string]), attributes: spec.tgAttributes ?? {} });
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

describe('listener rule conditions: a TCP question carries no HTTP request', () => {
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html
  // host-header, path-pattern, http-header, http-request-method and query-string match the request, which the
  // client writes: some request of any client matches them. source-ip matches "the source IP address of the
  // request", which the network decides: only the clients it covers take the rule.
  const onlyFromTen: LbListenerSpec[] = [{ port: 443, protocol: 'HTTPS', rules: [{ priority: '10', sourceIp: ['10.0.0.0/8'], targetGroup: 'tg-web' }] }];

  it('a group that only a source-ip rule leads to is not reached by a client outside it: ELBV2_RULE_SOURCE_IP_MISMATCH at the listener', () => {
    // the default action answers itself (fixed-response); rule 10 forwards to tg-web for 10.0.0.0/8 only;
    // the internet host 198.51.100.1 arrives as itself (an ALB sees the client's address)
    const result = analyze(shop({ targets: ['i-web'], listeners: onlyFromTen }).build(), { from: 'internet', to: 'shop', port: 443 });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'listener', id: `${lbArn('shop', 'application').replace(':loadbalancer/', ':listener/')}/443`, code: 'ELBV2_RULE_SOURCE_IP_MISMATCH', leg: 'forward' });
    expect(result.blocked!.detail).toBe('The rules of HTTPS:443 that forward to tg-web (rule 10 (source-ip 10.0.0.0/8)) take only clients from 10.0.0.0/8 (source-ip); shop sees this client as 198.51.100.1.');
    expect(result.blocked!.fix!.text).toBe('Add 198.51.100.1/32 to the source-ip condition of rule 10 (source-ip 10.0.0.0/8) of shop, or forward to tg-web from a rule without one.');
  });

  it('a client the source-ip condition covers takes the rule: i-pub (10.0.1.20) reaches i-web through it', () => {
    const result = analyze(shop({ targets: ['i-web'], listeners: onlyFromTen }).build(), { from: 'i-pub', to: 'shop', port: 443 });
    expect(result.verdict).toBe('reachable');
    expect(result.targets!.map((t) => [t.target.id, t.target.via])).toEqual([['i-web', 'rule 10 (source-ip 10.0.0.0/8)']]);
  });

  it('the same group also behind the default action takes any client', () => {
    const listeners: LbListenerSpec[] = [{ port: 443, protocol: 'HTTPS', targetGroup: 'tg-web', rules: [{ priority: '10', sourceIp: ['10.0.0.0/8'], targetGroup: 'tg-web' }] }];
    expect(analyze(shop({ targets: ['i-web'], listeners }).build(), { from: 'internet', to: 'shop', port: 443 }).verdict).toBe('reachable');
  });

  it('a group only a path rule leads to is reached (the client may ask for /api/...), and the warnings say by which requests', () => {
    const listeners: LbListenerSpec[] = [{ port: 443, protocol: 'HTTPS', rules: [{ priority: '10', path: '/api/*', targetGroup: 'tg-web' }] }];
    const result = analyze(shop({ targets: ['i-web'], listeners }).build(), { from: 'internet', to: 'shop', port: 443 });
    expect(result.verdict).toBe('reachable');
    expect(result.warnings).toContain('i-web is reached only by requests matching rule 10 (path-pattern /api/*); a request no rule matches gets the default action (fixed-response).');
  });
});

describe('what the engine does not follow through a load balancer: UNSUPPORTED_COMPONENT, never a guess', () => {
  it('a Lambda function target (ALB target type lambda): unknown at its target group, the target listed without a zone', () => {
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html
    const fn = 'arn:aws:lambda:us-east-1:111111111111:function:checkout';
    const result = analyze(shop({ targetType: 'lambda', targets: [fn] }).build(), { from: 'internet', to: 'shop', port: 443 });
    expect(drop(result)).toEqual({ verdict: 'unknown', kind: 'target-group', id: tgArn('tg-web'), code: 'UNSUPPORTED_COMPONENT', leg: 'forward' });
    expect(result.blocked!.detail).toBe(`shop cannot be followed to ${fn}: ${fn} is a Lambda function (target type lambda), which the engine does not follow.`);
    expect(result.targets!.map((t) => [t.target.id, t.target.zone, t.target.routed])).toEqual([[fn, null, true]]);
  });

  it('a gateway load balancer: unknown at the load balancer', () => {
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/gateway/introduction.html (GENEVE to appliances: not modelled)
    const result = analyze(shop({ type: 'gateway', targets: ['i-web'] }).build(), { from: 'i-pub', to: 'shop', port: 443 });
    expect(drop(result)).toEqual({ verdict: 'unknown', kind: 'load-balancer', id: 'shop', code: 'UNSUPPORTED_COMPONENT', leg: 'forward' });
  });
});

describe('a target that is the client of its own network load balancer (client IP preservation)', () => {
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-troubleshooting.html#loopback-timeout
  // and https://repost.aws/knowledge-center/target-connection-fails-load-balancer: with the client's address
  // preserved, a target the NLB picks for its own connection gets a packet from itself and sends no reply;
  // "the connection fails only when the source and destination are the same".
  // Here "shop" is an internal NLB (node 10.0.1.50, no security groups) with TCP:443 -> tg-web (TCP 8080,
  // instance targets: preservation on by default); sg-web and sg-pub also admit 8080 from 10.0.0.0/16.
  const nlb = { type: 'network' as const, targetsAdmitVpc: true, listeners: [{ port: 443, protocol: 'TCP', targetGroup: 'tg-web' }] };

  it('its only target: delivered, then no reply: ELBV2_LOOPBACK_WITH_CLIENT_IP at the target group, on the return leg, the fix turning preservation off', () => {
    const result = analyze(shop({ ...nlb, targets: ['i-pub'] }).build(), { from: 'i-pub', to: 'shop', port: 443 });
    expect(result.forward.delivered).toBe(true);
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'target-group', id: tgArn('tg-web'), code: 'ELBV2_LOOPBACK_WITH_CLIENT_IP', leg: 'return' });
    expect(result.blocked!.fix!.command).toBe(`aws elbv2 modify-target-group-attributes --target-group-arn '${tgArn('tg-web')}' --attributes 'Key=preserve_client_ip.enabled,Value=false' --region 'us-east-1'`);
  });

  it('with another target, the connection succeeds there: reachable through i-web, i-pub listed as failing', () => {
    const result = analyze(shop({ ...nlb, targets: ['i-pub', 'i-web'] }).build(), { from: 'i-pub', to: 'shop', port: 443 });
    expect(result.verdict).toBe('reachable');
    expect(result.targets!.map((t) => [t.target.id, t.verdict, t.blocked?.code ?? null])).toEqual([
      ['i-pub', 'unreachable', 'ELBV2_LOOPBACK_WITH_CLIENT_IP'],
      ['i-web', 'reachable', null],
    ]);
  });

  it('preservation off: the target sees the node 10.0.1.50 and answers it', () => {
    const result = analyze(shop({ ...nlb, targets: ['i-pub'], tgAttributes: { 'preserve_client_ip.enabled': 'false' } }).build(), { from: 'i-pub', to: 'shop', port: 443 });
    expect(result.verdict).toBe('reachable');
  });
});
