// The observed-traffic edges as the map draws them: each between the visible
// nodes that stand for its ends (a closed box stands for what it holds), as
// wide as its weight, red where traffic was rejected, and the component that
// explains a REJECT marked red where the map draws it.
import type { ElementDefinition } from 'cytoscape';
import type { VisibleGraph } from '../map/visible-graph.js';
import { edgeWidth, type TrafficEdge, type WeightBy } from './traffic-edges.js';
import { bytesText, serviceText } from '../../../shared/api/flowlogs/protocols.js';

export interface TrafficOverlay {
  edges: ElementDefinition[];
  nodeClasses: [string, string][];
  /** edges whose two ends are inside one closed box: not drawn */
  insideBoxes: number;
  /** a bundle's drawn id -> its services' edge ids, heaviest first */
  bundles: Map<string, string[]>;
}

export function serviceOf(edge: Pick<TrafficEdge, 'protocol' | 'port'>): string {
  return serviceText(edge.protocol, edge.port);
}

export function weightText(value: number, by: WeightBy): string {
  if (by === 'packets') return `${value.toLocaleString('en-US')} packet${value === 1 ? '' : 's'}`;
  return bytesText(value);
}

/** Beyond this many, only the heaviest lines (and the selected one) carry a label: hundreds of labels hide the map. */
const LABELLED_LINES = 25;

/**
 * One line per pair of visible ends: an edge of its own where only one
 * service runs between them, else a bundle (`traffic-bundle:` id) weighing
 * what its services weigh together, so that a hundred services between two
 * interfaces are one thick line, not a fan of a hundred.
 */
export function trafficOverlay(graph: VisibleGraph, edges: readonly TrafficEdge[], weightBy: WeightBy, selected: string | null): TrafficOverlay {
  const out: TrafficOverlay = { edges: [], nodeClasses: [], insideBoxes: 0, bundles: new Map() };
  const lines = new Map<string, { source: string; target: string; members: TrafficEdge[] }>();
  for (const edge of edges) {
    const source = graph.standIn(edge.source);
    const target = graph.standIn(edge.target);
    if (!source || !target || source === target) {
      out.insideBoxes++;
      continue;
    }
    const key = `${source}|${target}`;
    const line = lines.get(key) ?? { source, target, members: [] };
    line.members.push(edge);
    lines.set(key, line);
    if (edge.dropAt) {
      const at = graph.standIn(edge.dropAt);
      if (at) out.nodeClasses.push([at, 'drop'], [at, 'traffic-drop']);
    }
  }
  const weighed = [...lines.values()].map((line) => ({ ...line, weight: line.members.reduce((n, e) => n + e[weightBy], 0) }));
  const heaviest = weighed.reduce((m, l) => Math.max(m, l.weight), 0);
  weighed.sort((a, b) => b.weight - a.weight);
  for (const [rank, line] of weighed.entries()) {
    const only = line.members.length === 1 ? line.members[0]! : null;
    const id = only ? only.id : `traffic-bundle:${line.source}|${line.target}`;
    if (!only) out.bundles.set(id, line.members.map((e) => e.id));
    const classes = ['traffic'];
    if (!only) classes.push('bundle');
    if (line.members.some((e) => e.rejected.records > 0)) classes.push('rejected');
    if (line.members.some((e) => e.disagreement)) classes.push('disagrees');
    if (line.members.some((e) => e.id === selected)) classes.push('traffic-selected');
    const text = `${only ? serviceOf(only) : `${line.members.length} services`} · ${weightText(line.weight, weightBy)}`;
    out.edges.push({
      group: 'edges',
      data: { id, source: line.source, target: line.target, kind: 'traffic', width: edgeWidth(line.weight, heaviest), weight: line.weight, tip: text, label: rank < LABELLED_LINES || classes.includes('traffic-selected') ? text : '' },
      classes: classes.join(' '),
    });
  }
  return out;
}

/** The edge a click on a drawn line selects: itself, or a bundle's first rejected service, else its heaviest. */
export function edgeOfLine(overlay: TrafficOverlay | null, edges: readonly TrafficEdge[], lineId: string): string {
  const members = overlay?.bundles.get(lineId);
  if (!members) return lineId;
  return members.find((id) => (edges.find((e) => e.id === id)?.rejected.records ?? 0) > 0) ?? members[0]!;
}

/** the map's overlay (MapView's MapOverlay) with the traffic lines drawn too (their node marks go in with the other views' marks) */
export function withTraffic<Overlay extends { edges: ElementDefinition[] }>(overlay: Overlay, traffic: TrafficOverlay | null): Overlay {
  return traffic ? { ...overlay, edges: [...overlay.edges, ...traffic.edges] } : overlay;
}
