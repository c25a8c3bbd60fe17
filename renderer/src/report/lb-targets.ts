// The targets a report's load-balancer section lists, from whichever answer
// the report holds: a flow through a load balancer carries each target's own
// result (`targets[]`); a flow to, or a diagnosis of, a machine registered
// behind load balancers asks the inspector for its registrations. Either way
// each target comes with its health whole: AWS's state and reason, whether
// the network lets the health check through, and where not, the drop.
import type { Blocked, TargetHealthView, Verdict } from '../../../shared/api/analysis-types.js';
import type { Graph, ReachmapApi } from '../../../shared/api/reachmap-api.js';
import type { ReportAnswer } from './load-report.js';

export interface ReportLbTarget {
  balancer: string;
  group: string;
  /** "i-0123 (10.0.10.11):8080", with its name first when it has one */
  target: string;
  zone: string;
  /** through the load balancer: whether it sends to this target, and this target's own trace */
  trace?: { routed: boolean; verdict: Verdict; blocked: Blocked | null };
  health: TargetHealthView;
}

function throughBalancer(answer: Extract<ReportAnswer, { kind: 'flow' }>): ReportLbTarget[] {
  const balancer = answer.result.resolved.to;
  return (answer.result.targets ?? []).map(({ target, verdict, blocked, health }) => ({
    balancer: balancer.name ?? balancer.id,
    group: target.targetGroup,
    target: `${target.name ? `${target.name} ` : ''}${target.id}${target.ip ? ` (${target.ip})` : ''}:${target.port ?? '?'}`,
    zone: target.zone ?? '',
    trace: { routed: target.routed, verdict, blocked },
    health,
  }));
}

/** the network interface the answer ends at (a flow's destination, a diagnosed machine), when one is registered behind a load balancer */
function registeredEni(answer: ReportAnswer, graph: Graph): string | null {
  const eni = answer.kind === 'flow' && answer.result.resolved.to.kind === 'eni' ? answer.result.resolved.to.id : answer.kind === 'diagnose' ? answer.result.target.eni : null;
  return eni !== null && graph.edges.some((edge) => edge.kind === 'lb-target' && edge.target === eni) ? eni : null;
}

export async function loadBalancerTargetsOf(api: ReachmapApi, answer: ReportAnswer, graph: Graph): Promise<ReportLbTarget[]> {
  if (answer.kind === 'flow' && answer.result.targets) return throughBalancer(answer);
  const eni = registeredEni(answer, graph);
  if (eni === null) return [];
  const inspection = await api.inspect(eni);
  const name = inspection.name ? `${inspection.name} ` : '';
  return (inspection.loadBalancerTargets ?? []).map((view) => ({ balancer: view.balancer, group: view.group, target: `${name}${view.target}`, zone: view.zone, health: view.health }));
}
