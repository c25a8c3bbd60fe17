// The map's layout, checked on a small network written here by hand: boxes
// nest and do not overlap, subnets are rows in their AZ, AZs sit side by side,
// ENIs sit inside their subnet, gateways on their VPC's top edge.
import { describe, expect, it } from 'vitest';
import type { Graph, GraphNode } from '../../../shared/api/reachmap-api.js';
import { computeLayout, type LayoutResult } from '../../../renderer/src/map/layout.js';
import { buildVisibleGraph, indexGraph } from '../../../renderer/src/map/visible-graph.js';

function node(id: string, kind: string, parent: string | null): GraphNode {
  return { id, kind, name: id, parent };
}

const graph: Graph = {
  nodes: [
    node('account:1', 'account', null),
    node('region:1/us-east-1', 'region', 'account:1'),
    node('vpc-a', 'vpc', 'region:1/us-east-1'),
    node('igw-a', 'internet-gateway', 'vpc-a'),
    node('nat-a', 'nat-gateway', 'vpc-a'),
    node('az:vpc-a/us-east-1a', 'availability-zone', 'vpc-a'),
    node('az:vpc-a/us-east-1b', 'availability-zone', 'vpc-a'),
    node('subnet-public-a', 'subnet', 'az:vpc-a/us-east-1a'),
    node('subnet-private-a', 'subnet', 'az:vpc-a/us-east-1a'),
    node('subnet-private-b', 'subnet', 'az:vpc-a/us-east-1b'),
    node('subnet-empty-b', 'subnet', 'az:vpc-a/us-east-1b'),
    ...Array.from({ length: 7 }, (_, i) => node(`eni-pa${i}`, 'eni', 'subnet-public-a')),
    { ...node('eni-pr0', 'eni', 'subnet-private-a'), data: { instanceId: 'i-pr0' } },
    ...Array.from({ length: 3 }, (_, i) => node(`eni-pb${i}`, 'eni', 'subnet-private-b')),
    node('vpc-b', 'vpc', 'region:1/us-east-1'),
    node('az:vpc-b/us-east-1a', 'availability-zone', 'vpc-b'),
    node('subnet-b', 'subnet', 'az:vpc-b/us-east-1a'),
    node('eni-b0', 'eni', 'subnet-b'),
    node('tgw-1', 'transit-gateway', 'region:1/us-east-1'),
    node('internet', 'internet', null),
  ],
  edges: [
    { source: 'subnet-public-a', target: 'igw-a', kind: 'route' },
    { source: 'eni-pa0', target: 'subnet-public-a', kind: 'member' },
  ],
};

type Box = { x1: number; y1: number; x2: number; y2: number };

function boxOf(layout: LayoutResult, id: string): Box {
  const p = layout.positions[id]!;
  const b = layout.boxes[id] ?? { w: 40, h: 40 };
  return { x1: p.x - b.w / 2, y1: p.y - b.h / 2, x2: p.x + b.w / 2, y2: p.y + b.h / 2 };
}

const inside = (inner: Box, outer: Box) => inner.x1 >= outer.x1 && inner.x2 <= outer.x2 && inner.y1 >= outer.y1 && inner.y2 <= outer.y2;
const overlap = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

describe('computeLayout', () => {
  const index = indexGraph(graph);
  const visible = buildVisibleGraph(graph, index, new Set(), { vpc: null, hiddenKinds: new Set() });
  const layout = computeLayout(visible);

  it('places every node, and gives every container a box', () => {
    for (const n of graph.nodes) expect(layout.positions[n.id], n.id).toBeDefined();
    for (const id of ['account:1', 'vpc-a', 'az:vpc-a/us-east-1a', 'subnet-public-a', 'subnet-empty-b']) expect(layout.boxes[id], id).toBeDefined();
  });

  it('nests every node inside its parent box', () => {
    for (const n of graph.nodes) {
      if (!n.parent) continue;
      expect(inside(boxOf(layout, n.id), boxOf(layout, n.parent)), `${n.id} in ${n.parent}`).toBe(true);
    }
  });

  it('never overlaps siblings', () => {
    for (const parent of index.children.keys()) {
      const kids = index.children.get(parent)!;
      for (let i = 0; i < kids.length; i++) {
        for (let j = i + 1; j < kids.length; j++) {
          expect(overlap(boxOf(layout, kids[i]!), boxOf(layout, kids[j]!)), `${kids[i]} / ${kids[j]}`).toBe(false);
        }
      }
    }
  });

  it('stacks subnets as rows of their AZ, and puts the AZs side by side', () => {
    const publicA = boxOf(layout, 'subnet-public-a');
    const privateA = boxOf(layout, 'subnet-private-a');
    expect(privateA.y1).toBeGreaterThanOrEqual(publicA.y2);
    expect(privateA.x1).toBeCloseTo(publicA.x1);
    const azA = boxOf(layout, 'az:vpc-a/us-east-1a');
    const azB = boxOf(layout, 'az:vpc-a/us-east-1b');
    expect(azB.x1).toBeGreaterThanOrEqual(azA.x2);
    expect(azB.y1).toBeCloseTo(azA.y1);
  });

  it('lays seven ENIs out on a grid of several columns and two rows', () => {
    const xs = new Set(Array.from({ length: 7 }, (_, i) => layout.positions[`eni-pa${i}`]!.x));
    const ys = new Set(Array.from({ length: 7 }, (_, i) => layout.positions[`eni-pa${i}`]!.y));
    expect(ys.size).toBe(2);
    expect(xs.size).toBeGreaterThanOrEqual(4);
  });

  it('puts the VPC gateways on its top edge, above the AZs, internet gateway first', () => {
    const igw = layout.positions['igw-a']!;
    const nat = layout.positions['nat-a']!;
    const azTop = Math.min(boxOf(layout, 'az:vpc-a/us-east-1a').y1, boxOf(layout, 'az:vpc-a/us-east-1b').y1);
    expect(igw.y).toBeLessThan(azTop);
    expect(nat.y).toBe(igw.y);
    expect(igw.x).toBeLessThan(nat.x);
    expect(layout.positions.internet!.y).toBeLessThan(boxOf(layout, 'account:1').y1);
  });

  it('gives the same picture every time', () => {
    expect(computeLayout(buildVisibleGraph(graph, index, new Set(), { vpc: null, hiddenKinds: new Set() }))).toEqual(layout);
  });

  it('draws a collapsed subnet as one box and its ENIs through it', () => {
    const collapsed = buildVisibleGraph(graph, index, new Set(['subnet-public-a']), { vpc: null, hiddenKinds: new Set() });
    expect(collapsed.nodes.has('eni-pa0')).toBe(false);
    expect(collapsed.standIn('eni-pa3')).toBe('subnet-public-a');
    expect(collapsed.nodes.get('subnet-public-a')!.hiddenLeaves).toBe(7);
    // The member edge ENI -> its own subnet is containment, not an edge on the map; the route to the IGW is.
    expect(collapsed.edges.map((e) => [e.source, e.target])).toEqual([['subnet-public-a', 'igw-a']]);
  });

  it('hides the ENIs of instances, or the others, by the kind filter', () => {
    const noInstances = buildVisibleGraph(graph, index, new Set(), { vpc: null, hiddenKinds: new Set(['instance']) });
    expect(noInstances.nodes.has('eni-pr0')).toBe(false);
    expect(noInstances.nodes.has('eni-pa0')).toBe(true);
    const noBareEnis = buildVisibleGraph(graph, index, new Set(), { vpc: null, hiddenKinds: new Set(['eni']) });
    expect(noBareEnis.nodes.has('eni-pr0')).toBe(true);
    expect(noBareEnis.nodes.has('eni-pa0')).toBe(false);
  });

  it('shows one VPC when filtered, keeping the region-level gateways', () => {
    const filtered = buildVisibleGraph(graph, index, new Set(), { vpc: 'vpc-b', hiddenKinds: new Set() });
    expect(filtered.nodes.has('vpc-a')).toBe(false);
    expect(filtered.nodes.has('eni-b0')).toBe(true);
    expect(filtered.nodes.has('tgw-1')).toBe(true);
  });
});
