// A load balancer and its targets as the map and the inspector show them:
// each listener with its rules, each target with AWS's collected health
// beside whether its health check crosses the network (and where it does
// not, the component and the fix).
import type { LoadBalancer, NetworkInterface, NetworkModel } from '../model/types.js';
import type { TargetHealthView } from './analysis-types.js';
import { healthView } from './health-checks.js';
import { balancersOfGroup, registeredTargets, targetWords } from './load-balancing.js';

export interface TargetView {
  readonly balancer: string;
  readonly group: string;
  readonly target: string;
  readonly eni: string | undefined;
  readonly zone: string;
  /** "healthy", "unhealthy (Target.Timeout)", ... */
  readonly collected: string;
  /** "HTTP /health port 8081: reachable" */
  readonly healthCheck: string;
  /** where the network drops the health check, with its code; null when it does not */
  readonly blockedAt: string | null;
  readonly fix: string | null;
  /** AWS does not report it healthy, or the network blocks its check */
  readonly unhealthy: boolean;
  /** the same, whole: AWS's answer, ours (with the blocking rule and fix, the check's path and what the network cannot tell), and where they disagree */
  readonly health: TargetHealthView;
}

function viewsOf(model: NetworkModel, balancer: LoadBalancer, only?: (eniId: string | undefined, targetId: string) => boolean): TargetView[] {
  const views: TargetView[] = [];
  for (const group of model.targetGroups.values()) {
    if (!balancersOfGroup(model, group).includes(balancer)) continue;
    for (const target of registeredTargets(model, balancer, group)) {
      if (only && !only(target.eni?.id, target.id)) continue;
      const health = healthView(model, balancer, target);
      const check = health.computed!;
      const state = target.health.state ?? 'not reported';
      const blocked = check.verdict === 'unreachable' ? check.blocked : null;
      views.push({
        balancer: balancer.name,
        group: group.name,
        target: targetWords(target),
        eni: target.eni?.id,
        zone: target.zone ?? '',
        collected: `${state}${target.health.reason ? ` (${target.health.reason})` : ''}`,
        healthCheck: `${check.protocol}${check.path ? ` ${check.path}` : ''} port ${check.port ?? '?'}: ${check.verdict}`,
        blockedAt: blocked ? `${blocked.kind} ${blocked.id} (${blocked.code})` : null,
        fix: blocked?.fix ? `${blocked.fix.text} ${blocked.fix.command}` : null,
        unhealthy: (target.health.state !== undefined && target.health.state !== 'healthy') || blocked !== null,
        health,
      });
    }
  }
  return views;
}

export function loadBalancerTargetViews(model: NetworkModel, balancer: LoadBalancer): TargetView[] {
  return viewsOf(model, balancer);
}

/** The registrations of this network interface (or its instance) behind any load balancer. */
export function targetViewsOfEni(model: NetworkModel, eni: NetworkInterface): TargetView[] {
  const mine = (eniId: string | undefined, targetId: string) => eniId === eni.id || (eni.instanceId !== undefined && targetId === eni.instanceId);
  return [...model.loadBalancers.values()].flatMap((balancer) => viewsOf(model, balancer, mine));
}
