// Where a comparison's changes show on the map: a component drawn on it is
// marked itself; a security group on the interfaces that hold it, an ACL or
// route table on the subnets that use it, an instance on its interfaces. A
// component of the other snapshot only (deleted, when the other is the older)
// is not on this map: the panel lists it. The nodes are indexed by what they
// refer to once, so that thousands of changes cost one pass over the map.
import type { ComponentChange } from '../../../shared/api/diff/types.js';
import type { GraphIndex } from '../map/visible-graph.js';

export type DiffMark = 'diff-added' | 'diff-removed' | 'diff-modified';

const RANK: Record<DiffMark, number> = { 'diff-modified': 0, 'diff-added': 1, 'diff-removed': 2 };

/** kind -> referenced id -> the nodes that refer to it */
type Referrers = Map<string, Map<string, string[]>>;

const referrersCache = new WeakMap<GraphIndex, Referrers>();

function referrersOf(index: GraphIndex): Referrers {
  const known = referrersCache.get(index);
  if (known) return known;
  const out: Referrers = new Map([['security-group', new Map()], ['network-acl', new Map()], ['route-table', new Map()], ['instance', new Map()]]);
  const add = (kind: string, id: unknown, node: string) => {
    if (typeof id !== 'string') return;
    const byId = out.get(kind)!;
    const list = byId.get(id);
    if (list) list.push(node);
    else byId.set(id, [node]);
  };
  for (const node of index.byId.values()) {
    const data = node.data ?? {};
    if (node.kind !== 'instance' && Array.isArray(data.securityGroupIds)) for (const group of data.securityGroupIds as unknown[]) add('security-group', group, node.id);
    add('network-acl', data.networkAclId, node.id);
    add('route-table', data.routeTableId, node.id);
    add('instance', data.instanceId, node.id);
  }
  referrersCache.set(index, out);
  return out;
}

/** The map's nodes a change shows on (drawn ones only). */
export function nodesOfChange(index: GraphIndex, change: Pick<ComponentChange, 'id' | 'kind'>): string[] {
  const out = new Set<string>();
  if (index.byId.has(change.id)) out.add(change.id);
  for (const node of referrersOf(index).get(change.kind)?.get(change.id) ?? []) out.add(node);
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
