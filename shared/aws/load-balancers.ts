// Elastic Load Balancing v2: load balancers with their listeners and
// attributes, target groups with their targets' health.
import type { LoadBalancer, LoadBalancerAction, LoadBalancerListener, LoadBalancerRule, Placement, TargetGroup } from '../model/types.js';
import type { RawOf } from './raw.js';
import type { RedundantFields } from './redundant-fields.js';
import { itemsOf, type RegionInput } from './region-input.js';

type RawListener = NonNullable<RawOf<'LoadBalancerListeners'>['Listeners']>[number];
type RawAction = NonNullable<RawListener['DefaultActions']>[number];
type RawRule = NonNullable<RawOf<'LoadBalancerRules'>['Rules']>[number];

/** Actions in their Order (AWS runs authenticate-* before the final forward, fixed-response or redirect). */
function actionsOf(raw: readonly RawAction[] | null | undefined): LoadBalancerAction[] {
  const sorted = [...(raw ?? [])].sort((a, b) => (a.Order ?? 0) - (b.Order ?? 0));
  return sorted.map((action) => {
    const arns = new Set<string>();
    if (action.TargetGroupArn) arns.add(action.TargetGroupArn);
    for (const group of action.ForwardConfig?.TargetGroups ?? []) if ((group.Weight ?? 1) > 0) arns.add(group.TargetGroupArn);
    return { type: action.Type ?? 'forward', targetGroupArns: [...arns] };
  });
}

/** "path-pattern /api/*" from either the old Values or the typed *Config member. */
function conditionText(condition: Record<string, unknown>): string {
  const field = typeof condition['Field'] === 'string' ? condition['Field'] : 'condition';
  const values = new Set<string>();
  for (const value of Array.isArray(condition['Values']) ? condition['Values'] : []) if (typeof value === 'string') values.add(value);
  for (const [key, member] of Object.entries(condition)) {
    if (!key.endsWith('Config') || member === null || typeof member !== 'object') continue;
    const inner = (member as Record<string, unknown>)['Values'];
    for (const value of Array.isArray(inner) ? inner : []) if (typeof value === 'string') values.add(value);
  }
  return values.size > 0 ? `${field} ${[...values].join(', ')}` : field;
}

/** The values of the rule's source-ip condition (old Values or SourceIpConfig), undefined when it has none. */
function sourceIpsOf(conditions: readonly Record<string, unknown>[]): string[] | undefined {
  const condition = conditions.find((c) => c['Field'] === 'source-ip');
  if (!condition) return undefined;
  const config = condition['SourceIpConfig'] as { Values?: unknown } | undefined;
  const values = [...(Array.isArray(condition['Values']) ? condition['Values'] : []), ...(Array.isArray(config?.Values) ? config.Values : [])];
  return values.filter((value): value is string => typeof value === 'string');
}

function ruleOf(raw: RawRule): LoadBalancerRule {
  return {
    arn: raw.RuleArn ?? undefined,
    priority: raw.Priority ?? (raw.IsDefault ? 'default' : '?'),
    isDefault: raw.IsDefault ?? raw.Priority === 'default',
    conditions: (raw.Conditions ?? []).map(conditionText),
    sourceIps: sourceIpsOf(raw.Conditions ?? []),
    actions: actionsOf(raw.Actions),
  };
}

/** Rules by priority number (lowest first), the default rule left out: the listener's default actions are it. */
function rulesOf(raw: readonly RawRule[]): LoadBalancerRule[] {
  const number = (rule: LoadBalancerRule) => (/^\d+$/.test(rule.priority) ? Number(rule.priority) : Number.MAX_SAFE_INTEGER);
  return raw.map(ruleOf).filter((rule) => !rule.isDefault).sort((a, b) => number(a) - number(b));
}

function listenerOf(raw: RawListener, rules: ReadonlyMap<string, RawRule[]>): LoadBalancerListener {
  const defaultActions = actionsOf(raw.DefaultActions);
  const own = raw.ListenerArn ? rules.get(raw.ListenerArn) : undefined;
  return {
    arn: raw.ListenerArn ?? undefined,
    protocol: raw.Protocol ?? undefined,
    port: raw.Port ?? undefined,
    targetGroupArns: [...new Set(defaultActions.flatMap((action) => action.targetGroupArns))],
    defaultActions,
    rules: own === undefined ? undefined : rulesOf(own),
  };
}

/** The name an ELBv2 ARN ends with: loadbalancer/app/NAME/ID, targetgroup/NAME/ID. */
const NAME_IN_ARN = { LoadBalancers: /:loadbalancer\/(?:app|net|gwy)\/([^/]+)\/[^/]+$/, TargetGroups: /:targetgroup\/([^/]+)\/[^/]+$/ } as const;

/** The record's name, or the one in its ARN (said), or a refusal. */
function elbName(region: RegionInput, key: keyof typeof NAME_IN_ARN, raw: { readonly [member: string]: unknown }, member: string, arn: string, fields: RedundantFields): string {
  const own = raw[member];
  if (typeof own === 'string' && own) return own;
  const where = fields.where(region, key, raw, [member]);
  const fromArn = NAME_IN_ARN[key].exec(arn)?.[1];
  if (!fromArn) return fields.cannotFill(where, `its ARN ${arn} does not name it`);
  fields.filledIn(where, fromArn, 'the name in its ARN');
  return fromArn;
}

export function loadBalancersOf(region: RegionInput, place: Placement, fields: RedundantFields): LoadBalancer[] {
  const rules = new Map<string, RawRule[]>();
  for (const entry of itemsOf(region, 'LoadBalancerRules')) {
    const list = rules.get(entry.ListenerArn) ?? [];
    list.push(...(entry.Rules ?? []));
    rules.set(entry.ListenerArn, list);
  }
  const listeners = new Map<string, LoadBalancerListener[]>();
  for (const entry of itemsOf(region, 'LoadBalancerListeners')) {
    const list = listeners.get(entry.LoadBalancerArn) ?? [];
    list.push(...(entry.Listeners ?? []).map((listener) => listenerOf(listener, rules)));
    listeners.set(entry.LoadBalancerArn, list);
  }
  const attributes = new Map<string, Record<string, string>>();
  for (const entry of itemsOf(region, 'LoadBalancerAttributes')) {
    const record = attributes.get(entry.LoadBalancerArn) ?? {};
    for (const attribute of entry.Attributes ?? []) record[attribute.Key] = attribute.Value ?? '';
    attributes.set(entry.LoadBalancerArn, record);
  }
  return itemsOf(region, 'LoadBalancers').map((raw) => {
    const name = elbName(region, 'LoadBalancers', raw, 'LoadBalancerName', raw.LoadBalancerArn, fields);
    return {
      account: place.account, region: place.region,
      arn: raw.LoadBalancerArn,
      id: name,
      name,
      dnsName: raw.DNSName ?? undefined,
      type: raw.Type ?? 'application',
      scheme: raw.Scheme ?? 'internet-facing',
      vpcId: raw.VpcId ?? undefined,
      state: raw.State?.Code ?? 'active',
      subnetIds: (raw.AvailabilityZones ?? []).flatMap((zone) => (zone.SubnetId ? [zone.SubnetId] : [])),
      securityGroupIds: raw.SecurityGroups ?? [],
      listeners: listeners.get(raw.LoadBalancerArn) ?? [],
      attributes: attributes.get(raw.LoadBalancerArn) ?? {},
      attributesRead: attributes.has(raw.LoadBalancerArn),
      ipAddressType: raw.IpAddressType ?? 'ipv4',
    };
  });
}

const HEALTH_CHECK = /^(HealthCheck|Matcher)/;

export function targetGroupsOf(region: RegionInput, place: Placement, fields: RedundantFields): TargetGroup[] {
  const health = new Map<string, TargetGroup['targets'][number][]>();
  for (const entry of itemsOf(region, 'LoadBalancerTargetHealth')) {
    const list = health.get(entry.TargetGroupArn) ?? [];
    for (const description of entry.TargetHealthDescriptions ?? []) {
      list.push({
        targetId: description.Target.Id,
        port: description.Target.Port ?? undefined,
        state: description.TargetHealth?.State ?? undefined,
        reason: description.TargetHealth?.Reason ?? undefined,
        description: description.TargetHealth?.Description ?? undefined,
        availabilityZone: description.Target.AvailabilityZone ?? undefined,
        healthCheckPort: description.HealthCheckPort ?? undefined,
      });
    }
    health.set(entry.TargetGroupArn, list);
  }
  const attributes = new Map<string, Record<string, string>>();
  for (const entry of itemsOf(region, 'TargetGroupAttributes')) {
    const record = attributes.get(entry.TargetGroupArn) ?? {};
    for (const attribute of entry.Attributes ?? []) record[attribute.Key] = attribute.Value ?? '';
    attributes.set(entry.TargetGroupArn, record);
  }
  return itemsOf(region, 'TargetGroups').map((raw) => ({
    account: place.account, region: place.region,
    arn: raw.TargetGroupArn,
    name: elbName(region, 'TargetGroups', raw, 'TargetGroupName', raw.TargetGroupArn, fields),
    protocol: raw.Protocol ?? undefined,
    port: raw.Port ?? undefined,
    vpcId: raw.VpcId ?? undefined,
    targetType: raw.TargetType ?? undefined,
    loadBalancerArns: raw.LoadBalancerArns ?? [],
    healthCheck: Object.fromEntries(Object.entries(raw).filter(([key]) => HEALTH_CHECK.test(key))),
    targets: health.get(raw.TargetGroupArn) ?? [],
    targetsRead: health.has(raw.TargetGroupArn),
    attributes: attributes.get(raw.TargetGroupArn),
    ipAddressType: raw.IpAddressType ?? 'ipv4',
  }));
}
