// The observed-traffic edges as the map draws them: each between the visible
// nodes that stand for its ends (a closed box stands for what it holds), as
// wide as its weight, red where traffic was rejected, and the component that
// explains a REJECT marked red where the map draws it.
import type { ElementDefinition } from 'cytoscape';
import type { VisibleGraph } from '../map/visible-graph.js';
import type { MapOverlay } from '../map/MapView.js';
import { edgeWidth, type TrafficEdge, type WeightBy } from './traffic-edges.js';
import { bytesText, serviceText } from '../../../shared/api/flowlogs/protocols.js';

export interface TrafficOverlay {
  edges: ElementDefinition[];
  nodeClasses: [string, string][];
  /** edges whose two ends are inside one closed box: not drawn */
  insideBoxes: number;
}

export function serviceOf(edge: Pick<TrafficEdge, 'protocol' | 'port'>): string {
  return serviceText(edge.protocol, edge.port);
}

export function weightText(value: number, by: WeightBy): string {
  if (by === 'packets') return `${value.toLocaleString('en-US')} packet${value === 1 ? '' : 's'}`;
  return bytesText(value);
}

export function trafficOverlay(graph: VisibleGraph, edges: readonly TrafficEdge[], weightBy: WeightBy, selected: string | null): TrafficOverlay {
  const heaviest = edges.reduce((m, e) => Math.max(m, e[weightBy]), 0);
  const out: TrafficOverlay = { edges: [], nodeClasses: [], insideBoxes: 0 };
  for (const edge of edges) {
    const source = graph.standIn(edge.source);
    const target = graph.standIn(edge.target);
    if (!source || !target || source === target) {
      out.insideBoxes++;
      continue;
    }
    const classes = ['traffic'];
    if (edge.rejected.records > 0) classes.push('rejected');
    if (edge.disagreement) classes.push('disagrees');
    if (edge.id === selected) classes.push('traffic-selected');
    out.edges.push({
      group: 'edges',
      data: {
        id: edge.id,
        source,
        target,
        kind: 'traffic',
        width: edgeWidth(edge[weightBy], heaviest),
        weight: edge[weightBy],
        label: `${serviceOf(edge)} · ${weightText(edge[weightBy], weightBy)}`,
      },
      classes: classes.join(' '),
    });
    if (edge.dropAt) {
      const at = graph.standIn(edge.dropAt);
      if (at) out.nodeClasses.push([at, 'drop'], [at, 'traffic-drop']);
    }
  }
  return out;
}

/** the map's overlay with the traffic edges drawn too (their node marks go in with the other views' marks) */
export function withTraffic(overlay: MapOverlay, traffic: TrafficOverlay | null): MapOverlay {
  return traffic ? { ...overlay, edges: [...overlay.edges, ...traffic.edges] } : overlay;
}
