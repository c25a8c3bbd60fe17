// Where a comparison's changes show on the map: a component drawn on it is
// marked itself; a security group on the interfaces that hold it, an ACL or
// route table on the subnets that use it, an instance on its interfaces. A
// component of the other snapshot only (deleted, when the other is the older)
// is not on this map: the panel lists it.
import type { ComponentChange } from '../../../shared/api/diff/types.js';
import type { GraphIndex } from '../map/visible-graph.js';

export type DiffMark = 'diff-added' | 'diff-removed' | 'diff-modified';

const RANK: Record<DiffMark, number> = { 'diff-modified': 0, 'diff-added': 1, 'diff-removed': 2 };

/** The map's nodes a change shows on (drawn ones only). */
export function nodesOfChange(index: GraphIndex, change: Pick<ComponentChange, 'id' | 'kind'>): string[] {
  const out = new Set<string>();
  if (index.byId.has(change.id)) out.add(change.id);
  for (const node of index.byId.values()) {
    const data = node.data ?? {};
    const groups = Array.isArray(data.securityGroupIds) ? (data.securityGroupIds as unknown[]) : [];
    if (change.kind === 'security-group' && node.kind !== 'instance' && groups.includes(change.id)) out.add(node.id);
    if (change.kind === 'network-acl' && data.networkAclId === change.id) out.add(node.id);
    if (change.kind === 'route-table' && data.routeTableId === change.id) out.add(node.id);
    if (change.kind === 'instance' && data.instanceId === change.id) out.add(node.id);
  }
  return [...out];
}

/** One mark per node: removed over added over modified, where several changes meet on one node. */
export function diffMarks(index: GraphIndex, changes: readonly ComponentChange[]): [string, DiffMark][] {
  const marks = new Map<string, DiffMark>();
  for (const change of changes) {
    const mark: DiffMark = change.change === 'added' ? 'diff-added' : change.change === 'removed' ? 'diff-removed' : 'diff-modified';
    for (const id of nodesOfChange(index, change)) {
      const known = marks.get(id);
      if (!known || RANK[mark] > RANK[known]) marks.set(id, mark);
    }
  }
  return [...marks];
}
