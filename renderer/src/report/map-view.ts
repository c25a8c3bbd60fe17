// Which part of the network a report draws, and how: the same visible graph,
// layout, elements and overlay as the main screen. VPCs the question does not
// touch are drawn closed (one box each), and on a large network the subnets
// off the path too, so that the map stays readable on a printed page.
import type { ElementDefinition } from 'cytoscape';
import type { Graph } from '../../../shared/api/reachmap-api.js';
import { anchorResult } from '../map/path-anchors.js';
import { buildVisibleGraph, indexGraph, ancestorsOf, type GraphIndex } from '../map/visible-graph.js';
import { computeLayout } from '../map/layout.js';
import { buildElements } from '../map/elements.js';
import { countInside } from '../map/cards.js';
import { buildOverlay, dropNode, type AnchoredResult } from '../map/overlay.js';
import { normalKind } from '../map/kinds.js';
import type { MapOverlay } from '../map/MapView.js';
import type { ReportAnswer } from './load-report.js';
import type { Edit } from '../../../shared/api/changes.js';
import { editedNodes } from '../edits/tried-fixes.js';
import { diffMarks } from '../compare/diff-marks.js';
import { flowLogMarks } from './flowlog-marks.js';

/** width over height of the report's map */
const REPORT_ASPECT = 1136 / 1500;

/** above this many ENIs the subnets off the path are drawn closed (the main screen's threshold) */
const LARGE_ENIS = 1500;

export interface ReportMapModel {
  elements: ElementDefinition[];
  overlay: MapOverlay;
  /** the visible node marked as the drop point, if the flow is dropped */
  drop: string | null;
  /** the exposed ENIs (or the boxes that stand for them) */
  exposed: string[];
}

/** the component of the diagnosis's first failing check, when it is drawn as a node of its own (a gateway, an ENI) */
function diagnoseFailure(index: GraphIndex, answer: ReportAnswer): string | null {
  if (answer.kind !== 'diagnose') return null;
  const first = answer.result.firstFailure;
  const check = first ? answer.result.checks.find((c) => c.id === first.id && c.layer === first.layer) : undefined;
  const id = check?.component?.id;
  return id && index.byId.has(id) ? id : null;
}

function touchedIds(index: GraphIndex, answer: ReportAnswer, anchored: AnchoredResult | null): string[] {
  if (anchored) {
    // the question's two ends count as touched even where the path stops short of them (a VPN that is down leaves the destination's VPC, and its VGW, drawn open)
    const { from, to } = anchored.result.resolved;
    const ends = [from.id, to.id].filter((id) => index.byId.has(id));
    return [...anchored.forward, ...(anchored.back ?? []), ...ends].filter((id): id is string => id !== null);
  }
  if (answer.kind === 'exposure') return answer.report.exposed.flatMap((e) => [e.eni, ...(e.instance ? [e.instance] : [])]).filter((id) => index.byId.has(id));
  if (answer.kind === 'diagnose') {
    return [answer.result.target.eni, answer.target].filter((id) => index.byId.has(id)).slice(0, 1);
  }
  if (answer.kind === 'compare') return diffMarks(index, answer.report.changes).map(([id]) => id);
  if (answer.kind === 'flowlogs') return flowLogMarks(index, answer.report).map(([id]) => id);
  return [];
}

function closedContainers(graph: Graph, index: GraphIndex, touched: string[]): Set<string> {
  const open = new Set(touched.flatMap((id) => [id, ...ancestorsOf(index, id)]));
  const large = graph.nodes.filter((n) => normalKind(n.kind) === 'eni').length > LARGE_ENIS;
  const closeKinds = new Set(large ? ['vpc', 'subnet'] : ['vpc']);
  const closed = new Set<string>();
  // Nothing touched (a diagnose target drawn nowhere): show everything rather than a row of closed boxes.
  if (open.size === 0 && !large) return closed;
  for (const node of graph.nodes) {
    if (closeKinds.has(normalKind(node.kind)) && !open.has(node.id) && (index.children.get(node.id)?.length ?? 0) > 0) closed.add(node.id);
  }
  return closed;
}

/** `edits`: the edits tried on the snapshot, whose components are marked as on the main screen */
export function reportMapModel(graph: Graph, answer: ReportAnswer, edits: readonly Edit[] = []): ReportMapModel {
  const index = indexGraph(graph);
  let anchored: AnchoredResult | null = null;
  if (answer.kind === 'flow') {
    const anchors = anchorResult(index, answer.result);
    anchored = { result: answer.result, forward: anchors.forward.anchors, back: anchors.return?.anchors ?? null };
  }
  const failure = diagnoseFailure(index, answer);
  const touched = [...touchedIds(index, answer, anchored), ...(failure ? [failure] : [])];
  const visible = buildVisibleGraph(graph, index, closedContainers(graph, index, touched), { vpc: null, hiddenKinds: new Set() });
  const exposed = answer.kind === 'exposure' ? touched : [];
  const marks = editedNodes(index, edits).map((id): [string, string] => [id, 'edited']);
  if (answer.kind === 'compare') marks.push(...diffMarks(index, answer.report.changes));
  if (answer.kind === 'flowlogs') marks.push(...flowLogMarks(index, answer.report));
  const overlay = buildOverlay({ graph: visible, answer: anchored, hoveredHop: null, exposed, dimmed: null, focusNode: null, marks });
  let drop = anchored ? dropNode(visible, anchored) : null;
  if (answer.kind === 'diagnose') {
    // The diagnosed machine is marked as a flow's endpoint is, and the component of the first failure as a drop point.
    const target = touched[0] ? visible.standIn(touched[0]) : undefined;
    if (target) overlay.nodeClasses.set(target, [...(overlay.nodeClasses.get(target) ?? []), 'endpoint']);
    drop = failure ? (visible.standIn(failure) ?? null) : null;
    if (drop) overlay.nodeClasses.set(drop, [...(overlay.nodeClasses.get(drop) ?? []), 'drop']);
  }
  // laid out for the report's page, taller than a screen (ReportMap.tsx: 1136 px wide, at most 1500 high)
  const elements = buildElements(visible, computeLayout(visible, REPORT_ASPECT), false, countInside(index));
  return {
    elements,
    overlay,
    drop,
    exposed: [...new Set(exposed.map((id) => visible.standIn(id)).filter((id): id is string => Boolean(id)))],
  };
}
