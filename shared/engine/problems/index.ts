// `problemsOf`: what a careful reviewer flags without being asked, one family
// per module, highest severity first, then by id. Every problem's fix comes
// from the engine's fix generators (fixes/), as a trace's and diagnose's do.
import type { NetworkModel } from '../../model/types.js';
import { exposureOf } from '../exposure.js';
import type { ExposureReport } from '../exposure-types.js';
import type { ProblemsReport } from '../problems-types.js';
import { internetProblems } from './internet.js';
import { loadBalancerProblems } from './load-balancers.js';
import { aclProblems } from './network-acls.js';
import { peeringProblems } from './peering.js';
import { severityRank } from './problem.js';
import { routeProblems } from './routes.js';
import { securityGroupProblems } from './security-groups.js';
import { stoppedProblems } from './stopped.js';
import { transitGatewayProblems } from './transit-gateway.js';
import { vpnProblems } from './vpn.js';

export type { Problem, ProblemsReport, ProblemSeverity, ProblemKind } from '../problems-types.js';

export function problemsOf(model: NetworkModel, exposure: ExposureReport = exposureOf(model)): ProblemsReport {
  const problems = [
    ...routeProblems(model),
    ...peeringProblems(model),
    ...transitGatewayProblems(model),
    ...internetProblems(model, exposure),
    ...securityGroupProblems(model),
    ...aclProblems(model),
    ...stoppedProblems(model),
    ...loadBalancerProblems(model),
    ...vpnProblems(model),
  ];
  const seen = new Set<string>();
  const unique = problems.filter((p) => (seen.has(p.id) ? false : (seen.add(p.id), true)));
  unique.sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { problems: unique, warnings: [...exposure.warnings] };
}
