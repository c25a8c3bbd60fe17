// Targets failing their health checks: where the network blocks the check
// from the load balancer's nodes (the drop and its fix, from the trace's
// generators), and where AWS reports a target unhealthy though the network
// lets the check through (the application's side: said, not fixed).
import type { NetworkModel } from '../../model/types.js';
import { healthCheckOf } from '../health-checks.js';
import { balancersOfGroup, registeredTargets, targetWords } from '../load-balancing.js';
import type { Problem } from '../problems-types.js';

export function loadBalancerProblems(model: NetworkModel): Problem[] {
  const problems: Problem[] = [];
  for (const group of model.targetGroups.values()) {
    for (const balancer of balancersOfGroup(model, group)) {
      if (balancer.type !== 'application' && balancer.type !== 'network') continue;
      for (const target of registeredTargets(model, balancer, group)) {
        if (target.health.state === 'unused' || target.health.state === 'draining') continue;
        const check = healthCheckOf(model, balancer, target);
        const collected = target.health.state ? `AWS reports it ${target.health.state}${target.health.reason ? ` (${target.health.reason})` : ''}.` : 'AWS reported no health for it.';
        const component = { id: target.group.arn, kind: 'target-group' as const, name: group.name };
        const related = [balancer.arn, target.id, ...(target.eni ? [target.eni.id] : [])];
        const what = `${check.protocol}${check.path ? ` ${check.path}` : ''} on port ${check.port ?? '?'}`;
        if (check.verdict === 'unreachable' && check.blocked) {
          const b = check.blocked;
          problems.push({
            id: `health-check-blocked:${group.arn}:${target.id}:${balancer.name}`,
            kind: 'health-check-blocked',
            severity: 'high',
            component,
            title: `${balancer.name} cannot health-check ${targetWords(target)}: ${b.kind} ${b.id} drops it`,
            explanation: `The health check of ${group.name} (${what}) from ${balancer.name}'s node ${check.node ?? '?'} is dropped on the ${b.direction} leg at ${b.kind} ${b.id} (${b.code}): ${b.detail} ${collected} A target that fails its checks gets no traffic while others are healthy.`,
            fix: b.fix,
            ...(b.options ? { options: b.options } : {}),
            related,
          });
        } else if (target.health.state === 'unhealthy' && check.verdict === 'reachable') {
          problems.push({
            id: `target-unhealthy:${group.arn}:${target.id}:${balancer.name}`,
            kind: 'target-unhealthy',
            severity: 'medium',
            component,
            title: `${targetWords(target)} of ${group.name} is unhealthy, though the network lets its health check through`,
            explanation: `${collected} The health check (${what}) crosses the network from every node of ${balancer.name}: the target itself does not answer it as expected. ${check.note}`,
            fix: null,
            related,
          });
        }
      }
    }
  }
  return problems;
}
