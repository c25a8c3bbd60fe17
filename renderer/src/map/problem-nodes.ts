// Where a problem of `reachmap problems` is drawn: its component when it is a
// node of the map, and the components it involves (the subnets a route table
// serves, the interfaces behind a rule) that are. A route table, an ACL or a
// security group is not a node: what uses it stands for it.
import type { Problem } from '../../../shared/api/problems-types.js';
import type { GraphIndex } from './visible-graph.js';

export function problemNodes(index: GraphIndex, problem: Problem): string[] {
  return [...new Set([problem.component.id, ...problem.related])].filter((id) => index.byId.has(id));
}
