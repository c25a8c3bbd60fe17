// Elastic Load Balancing v2: load balancers with their listeners and
// attributes, target groups with their targets' health.
import type { LoadBalancer, LoadBalancerListener, Placement, TargetGroup } from '../model/types.js';
import type { RawOf } from './raw.js';
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

export function loadBalancersOf(region: RegionInput, place: Placement): LoadBalancer[] {
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
  return itemsOf(region, 'LoadBalancers').map((raw) => ({
    account: place.account, region: place.region,
    arn: raw.LoadBalancerArn,
    id: raw.LoadBalancerName,
    name: raw.LoadBalancerName,
    type: raw.Type ?? 'application',
    scheme: raw.Scheme ?? 'internet-facing',
    vpcId: raw.VpcId ?? undefined,
    state: raw.State?.Code ?? 'active',
    subnetIds: (raw.AvailabilityZones ?? []).flatMap((zone) => (zone.SubnetId ? [zone.SubnetId] : [])),
    securityGroupIds: raw.SecurityGroups ?? [],
    listeners: listeners.get(raw.LoadBalancerArn) ?? [],
    attributes: attributes.get(raw.LoadBalancerArn) ?? {},
  }));
}

const HEALTH_CHECK = /^(HealthCheck|Matcher)/;

export function targetGroupsOf(region: RegionInput, place: Placement): TargetGroup[] {
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
    name: raw.TargetGroupName,
    protocol: raw.Protocol ?? undefined,
    port: raw.Port ?? undefined,
    vpcId: raw.VpcId ?? undefined,
    targetType: raw.TargetType ?? undefined,
    loadBalancerArns: raw.LoadBalancerArns ?? [],
    healthCheck: Object.fromEntries(Object.entries(raw).filter(([key]) => HEALTH_CHECK.test(key))),
    targets: health.get(raw.TargetGroupArn) ?? [],
  }));
}
