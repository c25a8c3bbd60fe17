// The question's answer drawn over the map: path edges per leg, the nodes on
// the path, the dropping node, and what the user is hovering.
import type { AnalyzeResult } from '../../../shared/api/analysis-types.js';
import type { MapOverlay } from './MapView.js';
import type { VisibleGraph } from './visible-graph.js';

export interface AnchoredResult {
  result: AnalyzeResult;
  forward: (string | null)[];
  back: (string | null)[] | null;
}

export interface OverlayInput {
  graph: VisibleGraph;
  answer: AnchoredResult | null;
  hoveredHop: { leg: 'forward' | 'return'; index: number } | null;
  exposed: string[];
  dimmed: Set<string> | null;
  /** the hovered or selected node: its routes and links are drawn in full */
  focusNode: string | null;
  /** graph node id -> class, for marks of other views (the diagnosed instance and its failing component) */
  marks?: [string, string][];
  /** large maps leave route edges out of the map: the focused node's are added here */
  routesOnDemand?: boolean;
}

function isAncestorOf(graph: VisibleGraph, ancestor: string, id: string | undefined): boolean {
  let parent = id ? (graph.nodes.get(id)?.parent ?? null) : null;
  while (parent) {
    if (parent === ancestor) return true;
    parent = graph.nodes.get(parent)?.parent ?? null;
  }
  return false;
}

function containsEither(graph: VisibleGraph, node: string, before: string | undefined, after: string | undefined): boolean {
  return isAncestorOf(graph, node, before) || isAncestorOf(graph, node, after);
}

function addClass(map: Map<string, string[]>, id: string, cls: string): void {
  const list = map.get(id) ?? [];
  if (!list.includes(cls)) list.push(cls);
  map.set(id, list);
}

/** the visible node a leg's hop is drawn on */
export function hopNode(graph: VisibleGraph, answer: AnchoredResult, leg: 'forward' | 'return', index: number): string | null {
  const anchors = leg === 'forward' ? answer.forward : answer.back;
  const anchor = anchors?.[index];
  return anchor ? (graph.standIn(anchor) ?? null) : null;
}

/** the visible node that drops the flow, if any */
export function dropNode(graph: VisibleGraph, answer: AnchoredResult): string | null {
  const blocked = answer.result.blocked;
  if (!blocked) return null;
  const leg = blocked.direction === 'return' ? 'return' : 'forward';
  const hops = leg === 'forward' ? answer.result.forward.hops : answer.result.return?.hops ?? [];
  return hopNode(graph, answer, leg, hops.length - 1);
}

export function buildOverlay({ graph, answer, hoveredHop, exposed, dimmed, focusNode, marks, routesOnDemand }: OverlayInput): MapOverlay {
  const overlay: MapOverlay = { edges: [], nodeClasses: new Map(), edgeClasses: new Map() };
  for (const [id, cls] of marks ?? []) {
    const node = graph.standIn(id);
    if (node) addClass(overlay.nodeClasses, node, cls);
  }
  const focus = focusNode ? graph.standIn(focusNode) : undefined;
  if (focus) {
    for (const edge of graph.edges) {
      if (edge.source !== focus && edge.target !== focus) continue;
      if (routesOnDemand && edge.kind === 'route') {
        overlay.edges.push({ group: 'edges', data: { id: `focus:${edge.id}`, source: edge.source, target: edge.target, kind: edge.kind }, classes: 'link l-route focus on-demand' });
      } else overlay.edgeClasses.set(edge.id, ['focus']);
    }
  }
  for (const id of exposed) {
    const node = graph.standIn(id);
    if (node) addClass(overlay.nodeClasses, node, 'exposed');
  }
  if (dimmed) for (const id of dimmed) addClass(overlay.nodeClasses, id, 'dim');
  if (!answer) return overlay;
  const legs: ['forward' | 'return', (string | null)[] | null, boolean][] = [
    ['forward', answer.forward, answer.result.forward.delivered],
    ['return', answer.back, answer.result.return?.delivered ?? true],
  ];
  for (const [leg, anchors, delivered] of legs) {
    if (!anchors) continue;
    const stops: string[] = [];
    for (const anchor of anchors) {
      const node = anchor ? graph.standIn(anchor) : undefined;
      if (node && stops[stops.length - 1] !== node) stops.push(node);
    }
    stops.forEach((node) => addClass(overlay.nodeClasses, node, 'on-path'));
    // A subnet's ACL or routes are checked while the packet is in an ENI inside it: the line runs between the ENIs, the box is lit.
    const drawn = stops.filter((node, i) => !containsEither(graph, node, stops[i - 1], stops[i + 1]));
    stops.length = 0;
    stops.push(...drawn);
    for (let i = 1; i < stops.length; i++) {
      const id = `path:${leg}:${i}`;
      const classes = ['path', leg];
      if (!delivered && i === stops.length - 1) classes.push('blocked');
      overlay.edges.push({ group: 'edges', data: { id, source: stops[i - 1]!, target: stops[i]! }, classes: classes.join(' ') });
    }
  }
  const from = answer.forward[0] ? graph.standIn(answer.forward[0]) : undefined;
  if (from) addClass(overlay.nodeClasses, from, 'endpoint');
  const drop = dropNode(graph, answer);
  if (drop) addClass(overlay.nodeClasses, drop, 'drop');
  if (hoveredHop) {
    const node = hopNode(graph, answer, hoveredHop.leg, hoveredHop.index);
    if (node) addClass(overlay.nodeClasses, node, 'hop-hover');
  }
  return overlay;
}
