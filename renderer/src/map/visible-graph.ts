// The part of the graph on screen: filters applied and collapsed containers
// standing in for everything inside them. Edges whose ends are hidden are
// redrawn to the nearest visible ancestor, once.
import type { Graph, GraphNode } from '../../../shared/api/reachmap-api.js';
import { isContainerKind, normalKind } from './kinds.js';
import { passesPlace, type PlaceFilter } from './place-filter.js';

export interface VisibleNode {
  id: string;
  kind: string;
  name: string;
  parent: string | null;
  data: Record<string, unknown>;
  container: boolean;
  collapsed: boolean;
  /** leaves hidden inside a collapsed container */
  hiddenLeaves: number;
  children: string[];
}

export interface VisibleEdge {
  id: string;
  source: string;
  target: string;
  kind: string;
}

export interface VisibleGraph {
  nodes: Map<string, VisibleNode>;
  roots: string[];
  edges: VisibleEdge[];
  /** any graph node id -> the visible node that stands for it (itself, or a collapsed ancestor) */
  standIn(id: string): string | undefined;
}

export interface ViewFilter extends PlaceFilter {
  vpc: string | null;
  hiddenKinds: ReadonlySet<string>;
}

export interface GraphIndex {
  byId: Map<string, GraphNode>;
  children: Map<string | null, string[]>;
}

export function indexGraph(graph: Graph): GraphIndex {
  const byId = new Map<string, GraphNode>();
  const children = new Map<string | null, string[]>();
  for (const node of graph.nodes) byId.set(node.id, node);
  for (const node of graph.nodes) {
    const parent = node.parent && byId.has(node.parent) ? node.parent : null;
    const list = children.get(parent) ?? [];
    list.push(node.id);
    children.set(parent, list);
  }
  return { byId, children };
}

export function ancestorsOf(index: GraphIndex, id: string): string[] {
  const out: string[] = [];
  let parent = index.byId.get(id)?.parent ?? null;
  while (parent && index.byId.has(parent)) {
    out.push(parent);
    parent = index.byId.get(parent)?.parent ?? null;
  }
  return out;
}

function vpcOf(index: GraphIndex, id: string): string | null {
  for (const candidate of [id, ...ancestorsOf(index, id)]) {
    if (normalKind(index.byId.get(candidate)?.kind ?? '') === 'vpc') return candidate;
  }
  return null;
}

function isAncestor(nodes: Map<string, VisibleNode>, ancestor: string, id: string): boolean {
  let parent = nodes.get(id)?.parent ?? null;
  while (parent) {
    if (parent === ancestor) return true;
    parent = nodes.get(parent)?.parent ?? null;
  }
  return false;
}

export function buildVisibleGraph(graph: Graph, index: GraphIndex, collapsed: ReadonlySet<string>, filter: ViewFilter): VisibleGraph {
  const nodes = new Map<string, VisibleNode>();
  const standIns = new Map<string, string>();
  const roots: string[] = [];

  function passesFilter(node: GraphNode): boolean {
    const kind = normalKind(node.kind);
    // An instance is drawn as its ENIs: the "instance" filter hides the ENIs that belong to one, "eni" the others.
    const shownAs = kind === 'eni' && node.data?.instanceId ? 'instance' : kind;
    if (filter.hiddenKinds.has(shownAs)) return false;
    if (!passesPlace(index, node, filter)) return false;
    if (filter.vpc && ['vpc', 'az', 'subnet', 'instance', 'eni'].includes(kind)) return vpcOf(index, node.id) === filter.vpc;
    if (filter.vpc && kind !== 'account' && kind !== 'region' && kind !== 'internet') {
      // A gateway stays when it belongs to the chosen VPC (its parent) or sits outside every VPC.
      const vpc = vpcOf(index, node.id);
      return vpc === null || vpc === filter.vpc;
    }
    return true;
  }

  function countLeaves(id: string): number {
    const kids = index.children.get(id) ?? [];
    if (kids.length === 0) return 1;
    return kids.reduce((sum, kid) => sum + countLeaves(kid), 0);
  }

  function hideUnder(id: string, standIn: string): void {
    for (const kid of index.children.get(id) ?? []) {
      standIns.set(kid, standIn);
      hideUnder(kid, standIn);
    }
  }

  function visit(id: string, parent: string | null): void {
    const node = index.byId.get(id)!;
    if (!passesFilter(node)) return;
    const kind = normalKind(node.kind);
    const kids = index.children.get(id) ?? [];
    const isCollapsed = collapsed.has(id) && kids.length > 0;
    const visible: VisibleNode = {
      id,
      kind,
      name: node.name,
      parent,
      data: node.data ?? {},
      container: isContainerKind(kind) || kids.length > 0,
      collapsed: isCollapsed,
      hiddenLeaves: isCollapsed ? kids.reduce((sum, kid) => sum + countLeaves(kid), 0) : 0,
      children: [],
    };
    nodes.set(id, visible);
    standIns.set(id, id);
    if (parent) nodes.get(parent)!.children.push(id);
    else roots.push(id);
    if (isCollapsed) hideUnder(id, id);
    else for (const kid of kids) visit(kid, id);
  }

  for (const root of index.children.get(null) ?? []) visit(root, null);

  const edges: VisibleEdge[] = [];
  const seen = new Set<string>();
  for (const edge of graph.edges) {
    const source = standIns.get(edge.source);
    const target = standIns.get(edge.target);
    if (!source || !target || source === target) continue;
    // Containment is drawn by the boxes themselves: an edge between a node and its own container is noise.
    if (isAncestor(nodes, source, target) || isAncestor(nodes, target, source)) continue;
    const key = `${source}|${target}|${edge.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push({ id: `e:${key}`, source, target, kind: edge.kind });
  }
  return { nodes, roots, edges, standIn: (id) => standIns.get(id) };
}
