// The "load balancer" layer of `diagnose` (issue 16.2): for a machine
// registered behind a load balancer, the listeners that lead to it, its
// health (as AWS collected it and as the network decides the health check),
// and whether the load balancer's clients reach it through the load balancer.
import type { DiagnoseCheck } from './diagnose-types.js';
import type { LoadBalancer, NetworkInterface, NetworkModel } from '../model/types.js';
import { analyzeFlow } from './analyze.js';
import { healthCheckOf } from './health-checks.js';
import { balancersOfGroup, listenerId, registeredTargets, targetWords, type LbTarget } from './load-balancing.js';
import { check } from './diagnose-layers.js';

function isThisMachine(target: LbTarget, eni: NetworkInterface): boolean {
  return target.eni?.id === eni.id || (eni.instanceId !== undefined && target.id === eni.instanceId);
}

/** Listeners of `balancer` whose default action or rules forward to the group. */
function listenersTo(balancer: LoadBalancer, groupArn: string) {
  return balancer.listeners.filter((listener) => [...listener.defaultActions, ...(listener.rules ?? []).flatMap((rule) => rule.actions)].some((action) => action.targetGroupArns.includes(groupArn)));
}

export function loadBalancerChecks(model: NetworkModel, eni: NetworkInterface): DiagnoseCheck[] {
  const checks: DiagnoseCheck[] = [];
  for (const group of model.targetGroups.values()) {
    for (const balancer of balancersOfGroup(model, group)) {
      const target = registeredTargets(model, balancer, group).find((candidate) => isThisMachine(candidate, eni));
      if (!target) continue;
      const component = { id: group.arn, kind: 'target-group' as const };
      const listeners = listenersTo(balancer, group.arn);
      const words = listeners.map((l) => `${l.protocol ?? '?'}:${l.port ?? '?'}`).join(', ');
      checks.push(
        check('load-balancer', `lb-listeners:${balancer.name}:${group.name}`, `A listener of ${balancer.name} leads to it through ${group.name}`, listeners.length ? 'pass' : 'warn', listeners[0] ? { id: listenerId(balancer, listeners[0]), kind: 'listener' } : component,
          listeners.length ? `${balancer.name} (${balancer.type}, ${balancer.scheme}) forwards ${words} to ${group.name}, which holds ${targetWords(target)}.` : `${group.name} holds ${targetWords(target)}, but no listener of ${balancer.name} forwards to it.`),
      );
      const health = healthCheckOf(model, balancer, target);
      const collected = target.health.state ? `AWS reports it ${target.health.state}${target.health.reason ? ` (${target.health.reason})` : ''}` : 'AWS reported no health for it';
      const what = `${health.protocol}${health.path ? ` ${health.path}` : ''} on port ${health.port ?? '?'}`;
      if (health.verdict === 'unreachable' && health.blocked) {
        checks.push(check('load-balancer', `lb-health-check:${balancer.name}:${group.name}`, `${balancer.name}'s health check (${what}) reaches it`, 'fail', { id: health.blocked.id, kind: health.blocked.kind },
          `${collected}. The check from node ${health.node ?? '?'} is dropped on the ${health.blocked.direction} leg at ${health.blocked.kind} ${health.blocked.id} (${health.blocked.code}): ${health.blocked.detail}`, health.blocked.fix));
      } else {
        const status = health.verdict === 'unknown' ? 'unknown' : target.health.state === 'unhealthy' ? 'warn' : 'pass';
        const tail = target.health.state === 'unhealthy' && health.verdict === 'reachable' ? ' The network lets it through: the target itself does not answer the check as expected.' : '';
        checks.push(check('load-balancer', `lb-health-check:${balancer.name}:${group.name}`, `${balancer.name}'s health check (${what}) reaches it`, status, component, `${collected}. ${health.note}${tail}`));
      }
      for (const listener of listeners) {
        if (listener.port === undefined) continue;
        const protocol = ['UDP'].includes((listener.protocol ?? '').toUpperCase()) ? 'udp' : 'tcp';
        const from = balancer.scheme === 'internet-facing' ? 'internet' : clientIn(model, balancer, eni);
        if (!from) continue;
        const result = analyzeFlow(model, { from, to: balancer.arn, protocol, port: listener.port, target: target.id });
        const status = result.verdict === 'reachable' ? 'pass' : result.verdict === 'unknown' ? 'unknown' : 'fail';
        const blocked = result.blocked;
        checks.push({
          ...check('load-balancer', `lb-clients:${balancer.name}:${protocol}/${listener.port}`, `${from === 'internet' ? 'The internet' : from} reaches it through ${balancer.name} on ${protocol} ${listener.port}`, status, blocked ? { id: blocked.id, kind: blocked.kind } : component,
            blocked ? `Dropped on the ${blocked.direction} leg at ${blocked.kind} ${blocked.id} (${blocked.code}): ${blocked.detail}` : `${from} -> ${balancer.name} (${result.resolved.to.ip}) -> ${targetWords(target)} is delivered and answered.`, blocked?.fix ?? null),
          flow: { from, to: balancer.arn, protocol, port: listener.port, verdict: result.verdict, blocked },
        });
      }
    }
  }
  return checks;
}

/** An internal load balancer's client: a running machine of its VPC other than the target, for a representative trace. */
function clientIn(model: NetworkModel, balancer: LoadBalancer, target: NetworkInterface): string | undefined {
  for (const candidate of model.networkInterfaces.values()) {
    if (candidate.vpcId !== balancer.vpcId || candidate.id === target.id || candidate.instanceId === undefined) continue;
    if (model.instances.get(candidate.instanceId)?.state !== 'running') continue;
    return candidate.id;
  }
  return undefined;
}
