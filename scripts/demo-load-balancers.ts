// The demo's load balancers (issue 16), in the exact shapes of the ELBv2
// describe APIs and of the collector's per-resource keys (DESIGN.md section
// 2): acme-prod-alb in front of the prod API, whose health check is planted
// blocked (F10), and the internal NLB acme-shared-logs-nlb in front of the
// log collector. assets/demo/README.md explains both.
import type { Json, RegionBuilder } from '../test/bench/describe-shapes.js';

const REGION = 'us-east-1';

export function elbArn(account: string, kind: 'loadbalancer/app' | 'loadbalancer/net' | 'targetgroup', name: string, id: string): string {
  return `arn:aws:elasticloadbalancing:${REGION}:${account}:${kind}/${name}/${id}`;
}

export interface DemoBalancer {
  readonly account: string;
  readonly name: string;
  readonly id: string;
  readonly type: 'application' | 'network';
  readonly scheme: 'internet-facing' | 'internal';
  readonly vpcId: string;
  /** [subnet id, zone] per enabled zone */
  readonly zones: readonly [string, string][];
  readonly securityGroups: readonly string[];
  readonly attributes: readonly [string, string][];
}

export function loadBalancerArn(lb: DemoBalancer): string {
  return elbArn(lb.account, lb.type === 'application' ? 'loadbalancer/app' : 'loadbalancer/net', lb.name, lb.id);
}

/** The description AWS gives a load balancer node's network interface. */
export function nodeDescription(lb: DemoBalancer): string {
  return `ELB ${lb.type === 'application' ? 'app' : 'net'}/${lb.name}/${lb.id}`;
}

function loadBalancer(lb: DemoBalancer): Json {
  const out: Json = {
    LoadBalancerArn: loadBalancerArn(lb),
    DNSName: `${lb.scheme === 'internal' ? 'internal-' : ''}${lb.name}-${lb.id.slice(0, 10)}.${REGION}.elb.amazonaws.com`,
    CanonicalHostedZoneId: lb.type === 'application' ? 'Z35SXDOTRQ7X7K' : 'Z26RNL4JYFTOTI',
    CreatedTime: '2026-09-14T08:30:12.000Z',
    LoadBalancerName: lb.name,
    Scheme: lb.scheme,
    VpcId: lb.vpcId,
    State: { Code: 'active' },
    Type: lb.type,
    AvailabilityZones: lb.zones.map(([SubnetId, ZoneName]) => ({ ZoneName, SubnetId, LoadBalancerAddresses: [] })),
  };
  if (lb.securityGroups.length > 0) out['SecurityGroups'] = [...lb.securityGroups];
  out['IpAddressType'] = 'ipv4';
  return out;
}

export interface DemoTargetGroup {
  readonly account: string;
  readonly name: string;
  readonly id: string;
  readonly protocol: 'HTTP' | 'TCP';
  readonly port: number;
  readonly vpcId: string;
  readonly loadBalancerArns: readonly string[];
  readonly healthCheck: { readonly protocol: 'HTTP' | 'TCP'; readonly port: string; readonly path?: string };
  /** [instance id, state, reason?] */
  readonly targets: readonly [string, string, string?][];
  readonly attributes: readonly [string, string][];
}

export function targetGroupArn(tg: DemoTargetGroup): string {
  return elbArn(tg.account, 'targetgroup', tg.name, tg.id);
}

function targetGroup(tg: DemoTargetGroup): Json {
  const http = tg.healthCheck.protocol === 'HTTP';
  return {
    TargetGroupArn: targetGroupArn(tg),
    TargetGroupName: tg.name,
    Protocol: tg.protocol,
    Port: tg.port,
    VpcId: tg.vpcId,
    HealthCheckProtocol: tg.healthCheck.protocol,
    HealthCheckPort: tg.healthCheck.port,
    HealthCheckEnabled: true,
    HealthCheckIntervalSeconds: http ? 15 : 30,
    HealthCheckTimeoutSeconds: http ? 5 : 10,
    HealthyThresholdCount: http ? 3 : 5,
    UnhealthyThresholdCount: 2,
    ...(http ? { HealthCheckPath: tg.healthCheck.path ?? '/', Matcher: { HttpCode: '200' } } : {}),
    LoadBalancerArns: [...tg.loadBalancerArns],
    TargetType: 'instance',
    ...(http ? { ProtocolVersion: 'HTTP1' } : {}),
    IpAddressType: 'ipv4',
  };
}

function targetHealth(tg: DemoTargetGroup): Json {
  const checkPort = (port: number) => (tg.healthCheck.port === 'traffic-port' ? String(port) : tg.healthCheck.port);
  return {
    TargetGroupArn: targetGroupArn(tg),
    TargetHealthDescriptions: tg.targets.map(([Id, State, Reason]) => ({
      Target: { Id, Port: tg.port },
      HealthCheckPort: checkPort(tg.port),
      TargetHealth: { State, ...(Reason ? { Reason, Description: REASON_WORDS[Reason] ?? Reason } : {}) },
    })),
  };
}

const REASON_WORDS: Readonly<Record<string, string>> = {
  'Target.Timeout': 'Request timed out',
  'Target.InvalidState': 'Target is in the stopped state',
};

export interface DemoListener {
  readonly id: string;
  readonly protocol: 'HTTPS' | 'TCP';
  readonly port: number;
  readonly targetGroupArn: string;
  /** [priority, path pattern, target group ARN] */
  readonly rules: readonly [string, string, string][];
}

function listenerArn(lb: DemoBalancer, listener: DemoListener): string {
  return `${loadBalancerArn(lb).replace(':loadbalancer/', ':listener/')}/${listener.id}`;
}

function listener(lb: DemoBalancer, l: DemoListener): Json {
  const out: Json = { ListenerArn: listenerArn(lb, l), LoadBalancerArn: loadBalancerArn(lb), Port: l.port, Protocol: l.protocol };
  if (l.protocol === 'HTTPS') {
    out['Certificates'] = [{ CertificateArn: `arn:aws:acm:${REGION}:${lb.account}:certificate/0de0c3a1-5e2b-4c7d-9f10-1a2b3c4d5e6f` }];
    out['SslPolicy'] = 'ELBSecurityPolicy-TLS13-1-2-2021-06';
  }
  out['DefaultActions'] = [{ Type: 'forward', TargetGroupArn: l.targetGroupArn, Order: 1 }];
  return out;
}

/** DescribeRules' answer: the numbered rules, then the default rule (the listener's default actions). */
function rules(lb: DemoBalancer, l: DemoListener): Json {
  const arn = listenerArn(lb, l).replace(':listener/', ':listener-rule/');
  return {
    ListenerArn: listenerArn(lb, l),
    Rules: [
      ...l.rules.map(([Priority, path, targetGroup], index) => ({
        RuleArn: `${arn}/${(index + 1).toString(16).padStart(16, '0')}`,
        Priority,
        Conditions: [{ Field: 'path-pattern', Values: [path], PathPatternConfig: { Values: [path] } }],
        Actions: [{ Type: 'forward', TargetGroupArn: targetGroup, Order: 1 }],
        IsDefault: false,
      })),
      { RuleArn: `${arn}/${'f'.repeat(16)}`, Priority: 'default', Conditions: [], Actions: [{ Type: 'forward', TargetGroupArn: l.targetGroupArn, Order: 1 }], IsDefault: true },
    ],
  };
}

/** One load balancer with its listeners (and their rules), its attributes and its target groups, into the region. */
export function addLoadBalancer(region: RegionBuilder, lb: DemoBalancer, listeners: readonly DemoListener[], groups: readonly DemoTargetGroup[]): void {
  region.add('LoadBalancers', loadBalancer(lb));
  region.add('LoadBalancerListeners', { LoadBalancerArn: loadBalancerArn(lb), Listeners: listeners.map((l) => listener(lb, l)) });
  region.add('LoadBalancerAttributes', { LoadBalancerArn: loadBalancerArn(lb), Attributes: lb.attributes.map(([Key, Value]) => ({ Key, Value })) });
  for (const l of listeners) region.add('LoadBalancerRules', rules(lb, l));
  for (const tg of groups) {
    region.add('TargetGroups', targetGroup(tg));
    region.add('LoadBalancerTargetHealth', targetHealth(tg));
    region.add('TargetGroupAttributes', { TargetGroupArn: targetGroupArn(tg), Attributes: tg.attributes.map(([Key, Value]) => ({ Key, Value })) });
  }
}
