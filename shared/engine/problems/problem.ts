// What every family of problems shares: naming a component, building a
// problem, severities in order.
import { componentName } from '../component-names.js';
import type { NetworkModel } from '../../model/types.js';
import type { Problem, ProblemComponent, ProblemSeverity } from '../problems-types.js';

export const SEVERITY_ORDER: readonly ProblemSeverity[] = ['high', 'medium', 'low'];

export function severityRank(severity: ProblemSeverity): number {
  return SEVERITY_ORDER.indexOf(severity);
}

/** The component as a problem names it: id, kind and Name (an ENI of an instance takes the instance's). */
export function componentOf(model: NetworkModel, id: string, kind: ProblemComponent['kind']): ProblemComponent {
  return { id, kind, name: componentName(model, id) };
}

/** "prod-api-1 (i-...)": the Name first, as fixes word it. */
export function named(component: ProblemComponent): string {
  return component.name && component.name !== component.id ? `${component.name} (${component.id})` : component.id;
}

export function problem(fields: Problem): Problem {
  return fields;
}

/** Running ENIs in these subnets: whether a problem touches live machines. */
export function busySubnets(model: NetworkModel, subnetIds: readonly string[]): boolean {
  return subnetIds.some((id) => (model.indexes.enisBySubnet.get(id) ?? []).some((eni) => eni.status === 'in-use'));
}
