// The inspector's load-balancer tables (issue 16): the listeners' rules, the
// target groups, and each target's health as AWS collected it beside whether
// its health check crosses the network; on a target's network interface, its
// registrations.
import type { LoadBalancer, NetworkInterface, NetworkModel } from '../model/types.js';
import { loadBalancerTargetViews, targetViewsOfEni, type TargetView } from '../engine/load-balancer-view.js';
import type { InspectTable } from './inspect-types.js';

const TARGET_COLUMNS = ['target group', 'target', 'zone', 'health (AWS)', 'health check (network)', 'blocked at', 'fix'];

function targetRow(view: TargetView): string[] {
  return [view.group, view.target, view.zone, view.collected, view.healthCheck, view.blockedAt ?? '', view.fix ?? ''];
}

export function loadBalancerTables(model: NetworkModel, balancer: LoadBalancer): InspectTable[] {
  const rules = balancer.listeners.flatMap((listener) =>
    (listener.rules ?? []).map((rule) => [`${listener.protocol ?? '?'}:${listener.port ?? '?'}`, rule.priority, rule.conditions.join('; '), rule.actions.map((a) => `${a.type} ${a.targetGroupArns.map((arn) => model.targetGroups.get(arn)?.name ?? arn).join(', ')}`).join('; ')]),
  );
  const tables: InspectTable[] = [];
  if (rules.length > 0) tables.push({ title: 'Listener rules', columns: ['listener', 'priority', 'conditions', 'actions'], rows: rules });
  tables.push({ title: 'Targets', columns: TARGET_COLUMNS, rows: loadBalancerTargetViews(model, balancer).map(targetRow) });
  return tables;
}

export function targetTables(model: NetworkModel, eni: NetworkInterface): InspectTable[] {
  const views = targetViewsOfEni(model, eni);
  if (views.length === 0) return [];
  return [{ title: 'Load balancer target', columns: ['load balancer', ...TARGET_COLUMNS], rows: views.map((view) => [view.balancer, ...targetRow(view)]) }];
}
