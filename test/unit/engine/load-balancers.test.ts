// Load balancers on the path (issue 16): an ALB and an NLB in small
// hand-written networks, one AWS rule per test. Expected values are worked
// out by hand from the fixtures below and the AWS pages each test cites.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/api/errors.js';
import { analyzeFlow } from '../../../shared/engine/index.js';
import { problemsOf } from '../../../shared/engine/problems/index.js';
import { diagnose } from '../../../shared/engine/diagnose.js';
import { exposureOf } from '../../../shared/engine/exposure.js';
import { graphOf } from '../../../shared/api/graph.js';
import { allowedBetween } from '../../../shared/engine/allowed-between.js';
import { inspectComponent } from '../../../shared/api/inspect.js';
import { Network, lbArn, tgArn, type LbListenerSpec } from '../../fixtures/engine/network.js';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { AnalyzeResult } from '../../../shared/api/analysis-types.js';
import type { FlowRequest } from '../../../shared/engine/index.js';
import type { NetworkModel } from '../../../shared/model/types.js';
import { analyze as analyzeChecked, drop, hopIds } from './analyze-helper.js';

const validate = new Ajv2020({ allErrors: true }).compile(JSON.parse(readFileSync(new URL('../../../docs/schemas/analyze.schema.json', import.meta.url), 'utf8')) as object);

/** Every answer here also validates against docs/schemas/analyze.schema.json. */
function analyze(model: NetworkModel, request: FlowRequest): AnalyzeResult {
  const result = analyzeChecked(model, request);
  expect(validate(result), JSON.stringify(validate.errors)).toBe(true);
  return result;
}

/**
 * One VPC 10.0.0.0/16 in two zones. Public subnets pub-a 10.0.1.0/24
 * (us-east-1a) and pub-b 10.0.3.0/24 (us-east-1b) route 0.0.0.0/0 to igw-a;
 * app subnets app-a 10.0.2.0/24 (1a) and app-b 10.0.4.0/24 (1b) only local.
 * Every ACL allows all. The ALB "shop" has nodes 10.0.1.50 (54.0.0.50) and
 * 10.0.3.50 (54.0.0.51) with sg-alb (tcp 443 in from anywhere, all out);
 * HTTPS:443 forwards to tg-web (HTTP 8080, health check /health on the
 * traffic port) holding i-web-a 10.0.2.10 and i-web-b 10.0.4.10, whose
 * sg-web admits tcp 8080 from sg-alb. i-client (10.0.4.20, sg-client) is a
 * machine inside the VPC.
 */
function shop(options: { albPorts?: [number, number]; health?: [string, string?][]; tgAttributes?: Record<string, string>; healthCheck?: Record<string, unknown>; listeners?: LbListenerSpec[]; webIngress?: { protocol: string; ports: [number, number]; group?: string; cidr?: string }[] } = {}): Network {
  const health = options.health ?? [['healthy'], ['healthy']];
  return new Network()
    .vpc('vpc-a', '10.0.0.0/16')
    .subnet('subnet-pub-a', 'vpc-a', '10.0.1.0/24', 'us-east-1a')
    .subnet('subnet-pub-b', 'vpc-a', '10.0.3.0/24', 'us-east-1b')
    .subnet('subnet-app-a', 'vpc-a', '10.0.2.0/24', 'us-east-1a')
    .subnet('subnet-app-b', 'vpc-a', '10.0.4.0/24', 'us-east-1b')
    .igw('igw-a', 'vpc-a')
    .routeTable('rtb-main', 'vpc-a', { main: true, routes: [['10.0.0.0/16', 'local']] })
    .routeTable('rtb-pub', 'vpc-a', { subnets: ['subnet-pub-a', 'subnet-pub-b'], routes: [['10.0.0.0/16', 'local'], ['0.0.0.0/0', 'igw-a']] })
    .acl('acl-all', 'vpc-a', { isDefault: true, subnets: ['subnet-pub-a', 'subnet-pub-b', 'subnet-app-a', 'subnet-app-b'] })
    .group('sg-alb', 'vpc-a', { ingress: [{ protocol: 'tcp', ports: options.albPorts ?? [443, 443], cidr: '0.0.0.0/0' }] })
    .group('sg-web', 'vpc-a', { ingress: options.webIngress ?? [{ protocol: 'tcp', ports: [8080, 8080], group: 'sg-alb' }] })
    .group('sg-client', 'vpc-a', {})
    .instance('i-web-a', { subnet: 'subnet-app-a', ip: '10.0.2.10', groups: ['sg-web'], name: 'web-a' })
    .instance('i-web-b', { subnet: 'subnet-app-b', ip: '10.0.4.10', groups: ['sg-web'], name: 'web-b' })
    .instance('i-client', { subnet: 'subnet-app-b', ip: '10.0.4.20', groups: ['sg-client'] })
    .loadBalancer('shop', {
      type: 'application',
      vpc: 'vpc-a',
      nodes: [
        ['subnet-pub-a', '10.0.1.50', '54.0.0.50'],
        ['subnet-pub-b', '10.0.3.50', '54.0.0.51'],
      ],
      groups: ['sg-alb'],
      listeners: options.listeners ?? [{ port: 443, protocol: 'HTTPS', targetGroup: 'tg-web' }],
      attributes: {},
    })
    .targetGroup('tg-web', {
      vpc: 'vpc-a',
      protocol: 'HTTP',
      port: 8080,
      loadBalancers: ['shop'],
      targets: [
        ['i-web-a', health[0]![0], 8080, health[0]![1]],
        ['i-web-b', health[1]![0], 8080, health[1]![1]],
      ],
      attributes: options.tgAttributes ?? {},
      ...(options.healthCheck ? { healthCheck: options.healthCheck } : {}),
    });
}

describe('an application load balancer (issue 16.1)', () => {
  it('the internet reaches the ALB on its listener and goes on to a target: client -> node -> target, and back', () => {
    // sg-alb admits 443 from anywhere; the node opens its own connection from 10.0.1.50 to i-web-a:8080,
    // which sg-web admits from sg-alb. https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-update-security-groups.html
    const result = analyze(shop().build(), { from: 'internet', to: 'shop', port: 443 });
    expect(result.verdict).toBe('reachable');
    expect(result.resolved.to).toEqual({ kind: 'load-balancer', id: lbArn('shop', 'application'), name: 'shop', ip: '54.0.0.50' });
    expect(hopIds(result)).toEqual([
      'internet:internet:egress',
      'internet-gateway:igw-a:transit',
      'network-acl:acl-all:ingress',
      'security-group:sg-alb:ingress',
      `listener:${lbArn('shop', 'application').replace(':loadbalancer/', ':listener/')}/443:ingress`,
      `target-group:${tgArn('tg-web')}:transit`,
      'load-balancer:shop:transit',
      'security-group:sg-alb:egress',
      'network-acl:acl-all:egress',
      'route-table:rtb-pub:transit',
      'network-acl:acl-all:ingress',
      'security-group:sg-web:ingress',
      'eni:eni-web-a:ingress',
    ]);
    // the target sees the node's address, from the node's ephemeral ports
    expect(result.forward.hops.find((hop) => hop.kind === 'load-balancer')!.rule).toMatchObject({ sourceIp: '10.0.1.50', preserveClientIp: false });
    // the reply goes back through the same node and out of the internet gateway that translated 54.0.0.50
    expect(hopIds(result, 'return')).toContain('load-balancer:shop:transit');
    expect(hopIds(result, 'return')).toContain('internet-gateway:igw-a:transit');
    expect(result.targets!.map((t) => [t.target.id, t.target.zone, t.verdict, t.node?.ip])).toEqual([
      ['i-web-a', 'us-east-1a', 'reachable', '54.0.0.50'],
      ['i-web-b', 'us-east-1b', 'reachable', '54.0.0.51'],
    ]);
  });

  it('a listener on another port: ELBV2_LISTENER_PORT_RESTRICTION at the listener, with the listener command as the fix', () => {
    // the ALB listens on 443 only; a client asking for 80 (which sg-alb admits here) finds no listener
    const result = analyze(shop({ albPorts: [80, 443] }).build(), { from: 'internet', to: 'shop', port: 80 });
    expect(drop(result)).toMatchObject({ verdict: 'unreachable', kind: 'listener', code: 'ELBV2_LISTENER_PORT_RESTRICTION', leg: 'forward' });
    expect(result.blocked!.detail).toBe('shop has no listener on port 80: its listeners are HTTPS:443.');
    expect(result.blocked!.fix!.command).toContain("aws elbv2 create-listener --load-balancer-arn 'arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/shop/0123abcd' --protocol 'HTTPS' --port '80'");
    expect(result.targets).toEqual([]);
    // with sg-alb admitting 443 only, the security group drops port 80 first (it is checked before the listener)
    expect(drop(analyze(shop().build(), { from: 'internet', to: 'shop', port: 80 }))).toMatchObject({ kind: 'security-group', id: 'sg-alb', code: 'ENI_SG_RULES_MISMATCH' });
  });

  it('a listener whose default action answers itself (fixed-response) sends nowhere: ELBV2_LISTENER_REQUIRES_TG_ACCEPT', () => {
    const result = analyze(shop({ listeners: [{ port: 443, protocol: 'HTTPS', defaultType: 'fixed-response' }] }).build(), { from: 'internet', to: 'shop', port: 443 });
    expect(drop(result)).toMatchObject({ verdict: 'unreachable', kind: 'listener', code: 'ELBV2_LISTENER_REQUIRES_TG_ACCEPT' });
  });

  it('a rule forwards to another group: its targets are followed too, and named with the rule', () => {
    const network = shop({ listeners: [{ port: 443, protocol: 'HTTPS', targetGroup: 'tg-web', rules: [{ priority: '10', path: '/api/*', targetGroup: 'tg-api' }] }] })
      .instance('i-api', { subnet: 'subnet-app-a', ip: '10.0.2.40', groups: ['sg-web'] })
      .targetGroup('tg-api', { vpc: 'vpc-a', protocol: 'HTTP', port: 8080, loadBalancers: ['shop'], targets: [['i-api', 'healthy']], attributes: {} });
    const result = analyze(network.build(), { from: 'internet', to: 'shop', port: 443 });
    expect(result.targets!.map((t) => [t.target.id, t.target.via])).toEqual([
      ['i-api', 'rule 10 (path-pattern /api/*)'],
      ['i-web-a', 'default action'],
      ['i-web-b', 'default action'],
    ]);
  });

  it('every target unhealthy: the ALB fails open and sends to all of them, said in the warnings', () => {
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html
    // "If a target group contains only unhealthy registered targets, the load balancer routes requests to all those targets"
    const result = analyze(shop({ health: [['unhealthy', 'Target.Timeout'], ['unhealthy', 'Target.Timeout']] }).build(), { from: 'internet', to: 'shop', port: 443 });
    expect(result.verdict).toBe('reachable');
    expect(result.targets!.every((t) => t.target.routed)).toBe(true);
    expect(result.warnings).toContain('No target of tg-web is healthy: shop fails open and sends to all of them.');
  });

  it('an unhealthy target while another is healthy is not used; pinned with --target it is dropped at the target group', () => {
    const model = shop({ health: [['unhealthy', 'Target.FailedHealthChecks'], ['healthy']] }).build();
    const result = analyze(model, { from: 'internet', to: 'shop', port: 443 });
    expect(result.verdict).toBe('reachable');
    // healthy first: i-web-b leads, from the node of its own zone
    expect(result.targets!.map((t) => [t.target.id, t.target.routed])).toEqual([
      ['i-web-b', true],
      ['i-web-a', false],
    ]);
    expect(result.resolved.to.ip).toBe('54.0.0.51');
    const pinned = analyze(model, { from: 'internet', to: 'shop', port: 443, target: 'i-web-a' });
    expect(drop(pinned)).toMatchObject({ verdict: 'unreachable', kind: 'target-group', id: tgArn('tg-web'), code: 'ELBV2_TARGET_NOT_IN_SERVICE' });
    expect(() => analyzeFlow(model, { from: 'internet', to: 'shop', port: 443, target: 'i-nothere' })).toThrow(InputError);
  });

  it('the target security group does not admit the load balancer: the drop names the target group and the fix admits sg-alb', () => {
    const result = analyze(shop({ webIngress: [{ protocol: 'tcp', ports: [8080, 8080], cidr: '10.9.0.0/16' }] }).build(), { from: 'internet', to: 'shop', port: 443 });
    expect(drop(result)).toMatchObject({ verdict: 'unreachable', kind: 'security-group', id: 'sg-web', code: 'ENI_SG_RULES_MISMATCH', leg: 'forward' });
    expect(result.blocked!.fix!.changes!.changes).toEqual([
      { action: 'AuthorizeSecurityGroupIngress', GroupId: 'sg-web', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: 'sg-alb' }] }] },
    ]);
    expect(result.warnings).toEqual(expect.arrayContaining(['Target i-web-b of tg-web is unreachable at security-group sg-web (ENI_SG_RULES_MISMATCH).']));
  });
});

describe('health checks (issue 16.2)', () => {
  it('a health check blocked by the target security group: computed unreachable at sg-web, the fix admits the load balancer security group on the check port', () => {
    // the check goes to port 8081 (HealthCheckPort), which sg-web does not open; traffic to 8080 still passes
    const model = shop({ health: [['unhealthy', 'Target.Timeout'], ['unhealthy', 'Target.Timeout']], healthCheck: { HealthCheckPort: '8081' } }).build();
    const result = analyze(model, { from: 'internet', to: 'shop', port: 443 });
    const health = result.targets![0]!.health;
    expect(health.collected).toEqual({ state: 'unhealthy', reason: 'Target.Timeout', description: null });
    expect(health.computed).toMatchObject({ protocol: 'HTTP', port: 8081, path: '/health', verdict: 'unreachable' });
    expect(health.computed!.blocked).toMatchObject({ kind: 'security-group', id: 'sg-web', code: 'ENI_SG_RULES_MISMATCH' });
    expect(health.computed!.blocked!.fix!.changes!.changes).toEqual([
      { action: 'AuthorizeSecurityGroupIngress', GroupId: 'sg-web', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 8081, ToPort: 8081, UserIdGroupPairs: [{ GroupId: 'sg-alb' }] }] },
    ]);
    expect(health.computed!.blocked!.fix!.text).toContain('sg-alb');
    expect(health.computed!.note).toContain('whether the application answers it');
    expect(health.disagreement).toBeNull();
  });

  it('collected unhealthy while the network lets the check through: the disagreement is said', () => {
    const model = shop({ health: [['unhealthy', 'Target.ResponseCodeMismatch'], ['healthy']] }).build();
    const result = analyze(model, { from: 'internet', to: 'shop', port: 443 });
    const webA = result.targets!.find((t) => t.target.id === 'i-web-a')!;
    expect(webA.health.computed!.verdict).toBe('reachable');
    expect(webA.health.disagreement).toContain('AWS reports i-web-a unhealthy (Target.ResponseCodeMismatch), yet the network lets the health check through');
  });
});

describe('reachmap problems: targets failing health checks (issue 16.2)', () => {
  it('a health check the target security group blocks is a high problem with the fix admitting sg-alb; an unhealthy target the network lets through is medium, without a fix', () => {
    const blocked = problemsOf(shop({ health: [['unhealthy', 'Target.Timeout'], ['unhealthy', 'Target.Timeout']], healthCheck: { HealthCheckPort: '8081' } }).build()).problems.filter((p) => p.kind === 'health-check-blocked');
    expect(blocked.map((p) => [p.id, p.severity])).toEqual([
      [`health-check-blocked:${tgArn('tg-web')}:i-web-a:shop`, 'high'],
      [`health-check-blocked:${tgArn('tg-web')}:i-web-b:shop`, 'high'],
    ]);
    expect(blocked[0]!.explanation).toContain('security-group sg-web');
    expect(blocked[0]!.fix!.changes!.changes[0]).toMatchObject({ action: 'AuthorizeSecurityGroupIngress', GroupId: 'sg-web', IpPermissions: [{ FromPort: 8081, UserIdGroupPairs: [{ GroupId: 'sg-alb' }] }] });
    const application = problemsOf(shop({ health: [['unhealthy', 'Target.ResponseCodeMismatch'], ['healthy']] }).build()).problems.filter((p) => p.kind === 'target-unhealthy' || p.kind === 'health-check-blocked');
    expect(application.map((p) => [p.kind, p.severity, p.fix])).toEqual([['target-unhealthy', 'medium', null]]);
    expect(application[0]!.explanation).toContain('whether the application answers it with the expected code is outside the network');
  });
});

describe('reachmap diagnose of a machine behind a load balancer: the "load balancer" layer (issue 16.2)', () => {
  it('the listener that leads to it, its blocked health check with the fix, and the internet reaching it through the ALB', () => {
    const model = shop({ health: [['unhealthy', 'Target.Timeout'], ['unhealthy', 'Target.Timeout']], healthCheck: { HealthCheckPort: '8081' } }).build();
    const report = diagnose(model, 'i-web-a', { port: 8080 });
    const layer = report.checks.filter((c) => c.layer === 'load-balancer');
    expect(layer.map((c) => [c.id, c.status])).toEqual([
      ['lb-listeners:shop:tg-web', 'pass'],
      ['lb-health-check:shop:tg-web', 'fail'],
      ['lb-clients:shop:tcp/443', 'pass'],
    ]);
    expect(layer[0]!.detail).toBe('shop (application, internet-facing) forwards HTTPS:443 to tg-web, which holds i-web-a (10.0.2.10):8080.');
    expect(layer[1]!.component).toEqual({ id: 'sg-web', kind: 'security-group' });
    expect(layer[1]!.fix!.text).toContain('sg-alb');
    expect(layer[2]!.flow).toMatchObject({ from: 'internet', verdict: 'reachable' });
  });
});

describe('reachmap exposure: internet-facing load balancers in `loadBalancers` (issue 16.2)', () => {
  it('the ALB listener with the sources sg-alb admits and its targets; the internal NLB is not listed; node ENIs stay out of the per-ENI list', () => {
    const report = exposureOf(database().build());
    expect(report.loadBalancers).toEqual([
      {
        loadBalancer: 'shop',
        arn: lbArn('shop', 'application'),
        type: 'application',
        dnsName: 'shop-0123.us-east-1.elb.amazonaws.com',
        vpc: 'vpc-a',
        listeners: [
          {
            listener: `${lbArn('shop', 'application').replace(':loadbalancer/', ':listener/')}/443`,
            protocol: 'HTTPS',
            port: 443,
            sources: ['0.0.0.0/0'],
            verdict: 'reachable',
            blocked: null,
            targets: [
              { id: 'i-web-a', name: 'web-a', ip: '10.0.2.10', port: 8080, targetGroup: 'tg-web', routed: true, verdict: 'reachable', health: 'healthy' },
              { id: 'i-web-b', name: 'web-b', ip: '10.0.4.10', port: 8080, targetGroup: 'tg-web', routed: true, verdict: 'reachable', health: 'healthy' },
            ],
            example: { from: 'internet', to: 'shop', protocol: 'tcp', port: 443 },
          },
        ],
      },
    ]);
    expect(report.exposed.map((e) => e.eni)).not.toContain('eni-shop-0');
  });
});

describe('the map and the inspector (issue 16.7)', () => {
  it('the graph leads from the ALB to its nodes and its targets, and marks a target whose health check is blocked; the inspector says why', () => {
    const model = shop({ health: [['unhealthy', 'Target.Timeout'], ['healthy']], healthCheck: { HealthCheckPort: '8081' } }).build();
    const graph = graphOf(model);
    expect(graph.edges.filter((e) => e.kind === 'lb-node' || e.kind === 'lb-target')).toEqual([
      { source: 'shop', target: 'eni-shop-0', kind: 'lb-node' },
      { source: 'shop', target: 'eni-shop-1', kind: 'lb-node' },
      { source: 'shop', target: 'eni-web-b', kind: 'lb-target' },
      { source: 'shop', target: 'eni-web-a', kind: 'lb-target' },
    ]);
    // both fail the check on 8081; i-web-b is reported healthy, but the network blocks its check: marked too
    expect(graph.nodes.filter((n) => n.data?.['targetHealth'] === 'unhealthy').map((n) => n.id).sort()).toEqual(['eni-web-a', 'eni-web-b']);
    expect(graph.nodes.find((n) => n.id === 'eni-shop-0')!.parent).toBe('subnet-pub-a');
    const targets = inspectComponent(model, 'shop').tables.find((t) => t.title === 'Targets')!;
    expect(targets.rows.map((row) => [row[1], row[3], row[4], row[5]])).toEqual([
      ['i-web-b (10.0.4.10):8080', 'healthy', 'HTTP /health port 8081: unreachable', 'security-group sg-web (ENI_SG_RULES_MISMATCH)'],
      ['i-web-a (10.0.2.10):8080', 'unhealthy (Target.Timeout)', 'HTTP /health port 8081: unreachable', 'security-group sg-web (ENI_SG_RULES_MISMATCH)'],
    ]);
    expect(inspectComponent(model, 'eni-web-a').tables.find((t) => t.title === 'Load balancer target')!.rows[0]![0]).toBe('shop');
  });
});

describe('allowed through a load balancer: what the client may send it, followed on to the targets', () => {
  it('only the listener port, which sg-alb admits and the targets answer: tcp 443', () => {
    // sg-alb admits tcp 443 only; the listener HTTPS:443 forwards to tg-web, whose targets admit 8080 from sg-alb.
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html
    const result = allowedBetween(shop().build(), 'i-client', 'shop');
    expect(result.reachable).toEqual([{ protocol: 'tcp', ports: [{ from: 443, to: 443 }] }]);
    expect(result.unknown).toEqual([]);
    expect(result.to).toMatchObject({ kind: 'load-balancer', name: 'shop' });
  });

  it('a port sg-alb admits but no listener takes is not allowed: sg-alb admits 80-443, the answer is still tcp 443 alone', () => {
    // ports 80-442 pass sg-alb and find no listener (ELBV2_LISTENER_PORT_RESTRICTION): the listener port is its own class
    const result = allowedBetween(shop({ albPorts: [80, 443] }).build(), 'internet', 'shop');
    expect(result.reachable).toEqual([{ protocol: 'tcp', ports: [{ from: 443, to: 443 }] }]);
  });

  it('nothing when no target admits the load balancer: the listener leads nowhere the reply can come from', () => {
    const result = allowedBetween(shop({ webIngress: [{ protocol: 'tcp', ports: [8080, 8080], cidr: '10.9.0.0/16' }] }).build(), 'i-client', 'shop');
    expect(result.reachable).toEqual([]);
  });
});

describe('zones and cross-zone load balancing (issue 16.1)', () => {
  // tg-web with cross-zone off: each node sends only to targets in its own zone
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/disable-cross-zone.html
  const crossZoneOff = { 'load_balancing.cross_zone.enabled': 'false' };

  it('no healthy target in the client zone with cross-zone off: the node named by its address has nothing to send to (ELBV2_NO_TARGETS_IN_AZ)', () => {
    const model = shop({ health: [['unhealthy', 'Target.Timeout'], ['healthy']], tgAttributes: crossZoneOff }).build();
    // 10.0.1.50 is the node in us-east-1a, where the only target (i-web-a) is unhealthy while i-web-b is healthy
    const byNode = analyze(model, { from: 'i-client', to: '10.0.1.50', port: 443 });
    expect(drop(byNode)).toMatchObject({ verdict: 'unreachable', kind: 'load-balancer', id: 'shop', code: 'ELBV2_NO_TARGETS_IN_AZ' });
    expect(byNode.blocked!.fix!.command).toContain("--attributes 'Key=load_balancing.cross_zone.enabled,Value=true'");
    // by name, DNS returns only the node of us-east-1b, which has a healthy target: reachable
    const byName = analyze(model, { from: 'i-client', to: 'shop', port: 443 });
    expect(byName.verdict).toBe('reachable');
    expect(byName.resolved.to.ip).toBe('10.0.3.50');
  });

  it('cross-zone on (the ALB default): the node in us-east-1a sends to the healthy target in us-east-1b', () => {
    const model = shop({ health: [['unhealthy', 'Target.Timeout'], ['healthy']] }).build();
    const byNode = analyze(model, { from: 'i-client', to: '10.0.1.50', port: 443 });
    expect(byNode.verdict).toBe('reachable');
    expect(byNode.targets![0]!.node).toEqual({ id: 'eni-shop-0', ip: '10.0.1.50', zone: 'us-east-1a' });
  });
});

/**
 * A network load balancer "db" without security groups, one node 10.0.1.60
 * in pub-a; TCP:5432 forwards to tg-db (TCP 5432, instance targets) holding
 * i-db 10.0.2.30, whose sg-db admits 5432 from 10.0.1.0/24 only (the load
 * balancer's subnet), not from the client 10.0.4.20.
 */
function database(attributes?: Record<string, string>): Network {
  return shop()
    .group('sg-db', 'vpc-a', { ingress: [{ protocol: 'tcp', ports: [5432, 5432], cidr: '10.0.1.0/24' }] })
    .instance('i-db', { subnet: 'subnet-app-a', ip: '10.0.2.30', groups: ['sg-db'] })
    .loadBalancer('db', { type: 'network', vpc: 'vpc-a', scheme: 'internal', nodes: [['subnet-pub-a', '10.0.1.60']], listeners: [{ port: 5432, protocol: 'TCP', targetGroup: 'tg-db' }], attributes: { 'load_balancing.cross_zone.enabled': 'false' } })
    .targetGroup('tg-db', { vpc: 'vpc-a', protocol: 'TCP', port: 5432, loadBalancers: ['db'], targets: [['i-db', 'healthy']], ...(attributes ? { attributes } : {}) });
}

describe('a network load balancer and client IP preservation (issue 16.1)', () => {
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html#client-ip-preservation
  // "Client IP preservation is enabled by default for instance targets": the target sees the client's address.
  it('preservation on (the default for instance targets, attributes missing): the target sees the client, whose address sg-db does not admit', () => {
    const result = analyze(database().build(), { from: 'i-client', to: 'db', port: 5432 });
    expect(drop(result)).toMatchObject({ verdict: 'unreachable', kind: 'security-group', id: 'sg-db', code: 'ENI_SG_RULES_MISMATCH', leg: 'forward' });
    expect(result.forward.hops.find((hop) => hop.kind === 'load-balancer' && hop.action === 'translate')!.rule).toMatchObject({ sourceIp: '10.0.4.20', preserveClientIp: true });
    // no security group on the NLB: nothing filters the client there
    expect(hopIds(result)).toContain('load-balancer:db:ingress');
    expect(result.warnings.some((w) => w.startsWith("The snapshot holds no TargetGroupAttributes for tg-db: AWS's defaults were assumed (client IP preservation on"))).toBe(true);
  });

  it('preservation off: the target sees the node 10.0.1.60, which sg-db admits', () => {
    const result = analyze(database({ 'preserve_client_ip.enabled': 'false' }).build(), { from: 'i-client', to: 'db', port: 5432 });
    expect(result.verdict).toBe('reachable');
    expect(result.forward.hops.find((hop) => hop.kind === 'load-balancer' && hop.action === 'translate')!.rule).toMatchObject({ sourceIp: '10.0.1.60', preserveClientIp: false });
  });

  it('preservation on, the reply returns through the node: the target subnet ACL must let it out to the client', () => {
    const network = database({ 'preserve_client_ip.enabled': 'true' });
    // sg-db admits the client too, so the forward leg delivers; app-a's ACL lets nothing out to 10.0.4.0/24
    network.group('sg-db2', 'vpc-a', { ingress: [{ protocol: 'tcp', ports: [5432, 5432], cidr: '10.0.0.0/16' }] });
    const raw = network as unknown as { data: Record<string, Record<string, unknown>[]> };
    for (const eni of raw.data['NetworkInterfaces']!) if (eni['NetworkInterfaceId'] === 'eni-db') eni['Groups'] = [{ GroupId: 'sg-db2', GroupName: 'sg-db2' }];
    raw.data['NetworkAcls'] = raw.data['NetworkAcls']!.map((acl) => ({ ...acl, Associations: (acl['Associations'] as { SubnetId: string }[]).filter((a) => a.SubnetId !== 'subnet-app-a') }));
    network.acl('acl-app-a', 'vpc-a', { subnets: ['subnet-app-a'], outbound: [{ n: 100, action: 'deny', cidr: '10.0.4.0/24' }, { n: 200, action: 'allow', cidr: '0.0.0.0/0' }] });
    const result = analyze(network.build(), { from: 'i-client', to: 'db', port: 5432 });
    expect(drop(result)).toMatchObject({ verdict: 'unreachable', kind: 'network-acl', id: 'acl-app-a', code: 'SUBNET_ACL_RESTRICTION', leg: 'return' });
  });
});
