// Elastic Load Balancing v2: load balancers with their listeners and
// attributes, target groups with their targets' health.
import type { LoadBalancer, LoadBalancerListener, Placement, TargetGroup } from '../model/types.js';
import type { RawOf } from './raw.js';
import type { RedundantFields } from './redundant-fields.js';
import { itemsOf, type RegionInput } from './region-input.js';

type RawListener = NonNullable<RawOf<'LoadBalancerListeners'>['Listeners']>[number];

function listenerOf(raw: RawListener): LoadBalancerListener {
  const arns = new Set<string>();
  for (const action of raw.DefaultActions ?? []) {
    if (action.TargetGroupArn) arns.add(action.TargetGroupArn);
    for (const group of action.ForwardConfig?.TargetGroups ?? []) arns.add(group.TargetGroupArn);
  }
  return { arn: raw.ListenerArn ?? undefined, protocol: raw.Protocol ?? undefined, port: raw.Port ?? undefined, targetGroupArns: [...arns] };
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
  const listeners = new Map<string, LoadBalancerListener[]>();
  for (const entry of itemsOf(region, 'LoadBalancerListeners')) {
    const list = listeners.get(entry.LoadBalancerArn) ?? [];
    list.push(...(entry.Listeners ?? []).map(listenerOf));
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
      });
    }
    health.set(entry.TargetGroupArn, list);
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
  }));
}
