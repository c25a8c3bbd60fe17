// Our own layout, computed from containment and applied with Cytoscape's
// `preset` layout. Containers are not Cytoscape compound nodes: recomputing
// nested compound bounds cost seconds at 1k ENIs, and we know every box
// already. Here: containers tiled, AZs side by side in their VPC, subnets
// as rows inside their AZ, ENIs on a grid inside their subnet, gateways on
// the edge of the VPC (or region) that holds them. Linear in the node count,
// and stable: the same snapshot always gives the same picture.
import type { VisibleGraph, VisibleNode } from './visible-graph.js';
import { isGatewayKind } from './kinds.js';

export interface Point {
  x: number;
  y: number;
}

export interface LayoutResult {
  /** centre of every node */
  positions: Record<string, Point>;
  /** size of every container's box (expanded, collapsed or empty): containers are drawn as plain nodes behind their contents */
  boxes: Record<string, { w: number; h: number }>;
  /** height of the band above each open box that holds its title */
  bands: Record<string, number>;
}

export const LEAF_BODY = 40;
const CELL_W = 128;
const CELL_H = 92;
// A closed box is a card: its name, CIDR, counts, status and the hint to open it, in five lines.
const BOX_W = 360;
const BOX_H = 200;
const BOX_CELL_H = BOX_H + 22;
export const PADDING = 18;
export const LABEL_H = 26;
/** boxes whose title grows with their width, as a map's region names do (a large box opens far out, and its title must read then), with their smallest band */
const SCALED_TITLES: Record<string, number> = { account: 44, region: 40, vpc: LABEL_H };

/** the band above an open box that holds its title */
export function titleBand(kind: string, width: number): number {
  const least = SCALED_TITLES[kind];
  return least === undefined ? LABEL_H : Math.round(Math.max(least, Math.min(width / 26, 420)));
}
const GAP = 28;

/**
 * The width an open account or region box needs for its title to read whole:
 * their band has a floor, so a box that holds little (an account the snapshot
 * did not collect, with one "not collected" node) would cut "Account 4444…".
 */
function titleWidth(node: VisibleNode): number {
  const least = SCALED_TITLES[node.kind];
  if (least === undefined || least <= LABEL_H) return 0;
  const title = `${node.kind === 'account' ? 'Account' : 'Region'} ${node.name}`;
  // the title's font is 0.7 of its band (elements.ts); a bold glyph (digits above all) up to about 0.68 em wide
  return Math.ceil(title.length * 0.68 * least * 0.7) + 2 * PADDING;
}
/** width over height of the map on a laptop screen: what a box's shape is brought close to */
const SCREEN_ASPECT = 1.6;

interface Size {
  w: number;
  h: number;
}

type Arrangement = 'grid' | 'stack' | 'row' | 'tile';

function arrangementOf(node: VisibleNode): Arrangement {
  if (node.kind === 'az') return 'stack';
  if (node.kind === 'vpc') return 'row';
  if (node.kind === 'subnet' || node.kind === 'instance') return 'grid';
  return 'tile';
}

function isBox(node: VisibleNode): boolean {
  return node.container && (node.collapsed || node.children.length === 0);
}

function gridColumns(count: number): number {
  if (count <= 4) return Math.max(count, 1);
  return Math.min(Math.max(4, Math.ceil(Math.sqrt(count * 1.6))), 24);
}

/** `aspect`: width over height of the picture the map is drawn into (a screen's by default; the report's page is taller than wide) */
export function computeLayout(graph: VisibleGraph, aspect = SCREEN_ASPECT): LayoutResult {
  const result: LayoutResult = { positions: {}, boxes: {}, bands: {} };
  const sizes = new Map<string, Size>();
  const tilePlans = new Map<string, { x: number; y: number }[]>();
  /** a VPC whose zones are stacked rather than side by side */
  const chosen = new Map<string, Arrangement>();

  const nodeOf = (id: string) => graph.nodes.get(id)!;
  const leavesOf = (node: VisibleNode) =>
    node.children.filter(isLeafLike).sort((a, b) => gatewayOrder(nodeOf(a).kind) - gatewayOrder(nodeOf(b).kind));
  const isLeafLike = (id: string) => {
    const node = nodeOf(id);
    return !node.container || isBox(node);
  };
  const cellOf = (id: string): Size => (isBox(nodeOf(id)) ? { w: BOX_W + 20, h: BOX_CELL_H } : { w: CELL_W, h: CELL_H });

  /** a strip of cells, wrapped into rows no wider than `width` */
  function stripRows(ids: string[], width: number): { rows: { id: string; x: number; y: number; w: number }[][]; size: Size } {
    const rows: { id: string; x: number; y: number; w: number }[][] = [];
    let x = 0;
    let y = 0;
    let rowH = 0;
    let maxW = 0;
    for (const id of ids) {
      const cell = cellOf(id);
      if (rows.length === 0 || (x > 0 && x + cell.w > width)) {
        if (rows.length > 0) y += rowH;
        x = 0;
        rowH = 0;
        rows.push([]);
      }
      rows[rows.length - 1]!.push({ id, x, y, w: cell.w });
      x += cell.w;
      rowH = Math.max(rowH, cell.h);
      maxW = Math.max(maxW, x);
    }
    return { rows, size: rows.length === 0 ? { w: 0, h: 0 } : { w: maxW, h: y + rowH } };
  }

  const stripSize = (ids: string[], width: number): Size => stripRows(ids, width).size;

  function shelfPackTo(ids: string[], target: number): { size: Size; places: { x: number; y: number }[] } {
    const places: { x: number; y: number }[] = [];
    let x = 0;
    let y = 0;
    let shelfH = 0;
    let maxW = 0;
    for (const id of ids) {
      const size = sizes.get(id)!;
      if (x > 0 && x + size.w > target) {
        y += shelfH + GAP;
        x = 0;
        shelfH = 0;
      }
      places.push({ x, y });
      x += size.w + GAP;
      shelfH = Math.max(shelfH, size.h);
      maxW = Math.max(maxW, x - GAP);
    }
    return { size: { w: maxW, h: y + shelfH }, places };
  }

  /** boxes in shelves, the shelf width chosen among the widths of the first few boxes so that the whole is closest to a screen's shape */
  function shelfPack(ids: string[]): { size: Size; places: { x: number; y: number }[] } {
    const misfit = (size: Size) => Math.abs(Math.log(size.w / Math.max(size.h, 1) / aspect));
    let best = shelfPackTo(ids, Number.POSITIVE_INFINITY);
    let width = 0;
    // at most 64 widths tried: enough for any row a screen shows, and linear in the boxes
    for (const id of ids.slice(0, 64)) {
      width += sizes.get(id)!.w + (width > 0 ? GAP : 0);
      const plan = shelfPackTo(ids, width);
      if (misfit(plan.size) < misfit(best.size)) best = plan;
    }
    return best;
  }

  /** natural outer size (box + label above) of a node */
  function measure(id: string): Size {
    const node = nodeOf(id);
    let size: Size;
    if (!node.container || isBox(node)) {
      size = cellOf(id);
    } else {
      const leaves = leavesOf(node);
      const containers = node.children.filter((kid) => !isLeafLike(kid));
      containers.forEach(measure);
      leaves.forEach(measure);
      const arrangement = containers.length === 0 ? 'grid' : arrangementOf(node);
      let content: Size;
      if (arrangement === 'grid') {
        const columns = gridColumns(leaves.length);
        const rows = Math.ceil(leaves.length / columns);
        content = { w: columns * CELL_W, h: rows * CELL_H };
        // A grid may hold collapsed containers too (an instance's ENIs): size by the widest cell.
        const widest = Math.max(CELL_W, ...leaves.map((leaf) => cellOf(leaf).w));
        const tallest = Math.max(CELL_H, ...leaves.map((leaf) => cellOf(leaf).h));
        content = { w: columns * widest, h: rows * tallest };
      } else {
        let block: Size;
        if (arrangement === 'stack') {
          const w = Math.max(...containers.map((c) => sizes.get(c)!.w));
          block = { w, h: containers.reduce((sum, c) => sum + sizes.get(c)!.h, 0) + GAP * (containers.length - 1) };
        } else if (arrangement === 'row') {
          const row = {
            w: containers.reduce((sum, c) => sum + sizes.get(c)!.w, 0) + GAP * (containers.length - 1),
            h: Math.max(...containers.map((c) => sizes.get(c)!.h)),
          };
          const stack = { w: Math.max(...containers.map((c) => sizes.get(c)!.w)), h: containers.reduce((sum, c) => sum + sizes.get(c)!.h, 0) + GAP * (containers.length - 1) };
          // Wide, flat zones side by side would make a VPC a thin strip whose card cannot be read from afar: stacked when that is closer to a screen's shape.
          const misfit = (size: Size) => Math.abs(Math.log(size.w / size.h / aspect));
          const stacked = misfit(stack) < misfit(row);
          if (stacked) chosen.set(id, 'stack');
          block = stacked ? stack : row;
        } else {
          const plan = shelfPack(containers);
          tilePlans.set(id, plan.places);
          block = plan.size;
        }
        const strip = stripSize(leaves, Math.max(block.w, CELL_W * 4));
        content = { w: Math.max(block.w, strip.w), h: block.h + (strip.h > 0 ? strip.h + GAP / 2 : 0) };
      }
      const w = Math.max(content.w + 2 * PADDING, titleWidth(node));
      size = { w, h: content.h + 2 * PADDING + titleBand(node.kind, w) };
    }
    sizes.set(id, size);
    return size;
  }

  function placeStrip(ids: string[], left: number, top: number, width: number): void {
    const { rows } = stripRows(ids, width);
    for (const row of rows) {
      const rowW = row.reduce((sum, cell) => sum + cell.w, 0);
      const offset = (width - rowW) / 2;
      for (const cell of row) place(cell.id, left + offset + cell.x, top + cell.y, cell.w);
    }
  }

  /** lay `id` out with its outer box's top-left at (left, top), stretched to `width` */
  function place(id: string, left: number, top: number, width: number, height?: number): void {
    const node = nodeOf(id);
    const size = sizes.get(id)!;
    if (!node.container || isBox(node)) {
      const cell = cellOf(id);
      const bodyH = isBox(node) ? BOX_H : LEAF_BODY;
      const labelAbove = isBox(node) && !node.collapsed ? LABEL_H : 0;
      result.positions[id] = { x: left + width / 2, y: top + labelAbove + bodyH / 2 + (cell.h - bodyH - labelAbove) / 4 };
      if (isBox(node)) result.boxes[id] = { w: Math.max(BOX_W, width - 20), h: bodyH };
      return;
    }
    const innerLeft = left + PADDING;
    const band = titleBand(node.kind, size.w);
    result.bands[id] = band;
    const innerTop = top + band + PADDING;
    const innerW = width - 2 * PADDING;
    const boxH = (height ?? size.h) - band;
    result.positions[id] = { x: left + width / 2, y: top + band + boxH / 2 };
    result.boxes[id] = { w: width, h: boxH };
    const leaves = leavesOf(node);
    const containers = node.children.filter((kid) => !isLeafLike(kid));
    const arrangement = containers.length === 0 ? 'grid' : (chosen.get(id) ?? arrangementOf(node));
    if (arrangement === 'grid') {
      const columns = gridColumns(leaves.length);
      const cellW = Math.max(CELL_W, ...leaves.map((leaf) => cellOf(leaf).w));
      const cellH = Math.max(CELL_H, ...leaves.map((leaf) => cellOf(leaf).h));
      const offset = (innerW - columns * cellW) / 2;
      leaves.forEach((leaf, i) => {
        place(leaf, innerLeft + offset + (i % columns) * cellW, innerTop + Math.floor(i / columns) * cellH, cellW);
      });
      return;
    }
    const strip = stripSize(leaves, Math.max(innerW, CELL_W * 4));
    if (leaves.length > 0) placeStrip(leaves, innerLeft, innerTop, innerW);
    const blockTop = innerTop + (strip.h > 0 ? strip.h + GAP / 2 : 0);
    if (arrangement === 'stack') {
      let y = blockTop;
      for (const c of containers) {
        place(c, innerLeft, y, innerW);
        y += sizes.get(c)!.h + GAP;
      }
    } else if (arrangement === 'row') {
      const rowH = Math.max(...containers.map((c) => sizes.get(c)!.h));
      const total = containers.reduce((sum, c) => sum + sizes.get(c)!.w, 0) + GAP * (containers.length - 1);
      let x = innerLeft + (innerW - total) / 2;
      for (const c of containers) {
        place(c, x, blockTop, sizes.get(c)!.w, rowH);
        x += sizes.get(c)!.w + GAP;
      }
    } else {
      const places = tilePlans.get(id)!;
      containers.forEach((c, i) => place(c, innerLeft + places[i]!.x, blockTop + places[i]!.y, sizes.get(c)!.w));
    }
  }

  // The roots: containers tiled, loose nodes (the internet) in a strip above them.
  const rootLeaves = graph.roots.filter(isLeafLike);
  const rootContainers = graph.roots.filter((id) => !isLeafLike(id));
  rootContainers.forEach(measure);
  rootLeaves.forEach(measure);
  let top = 0;
  const plan = rootContainers.length > 0 ? shelfPack(rootContainers) : { size: { w: CELL_W * 4, h: 0 }, places: [] };
  if (rootLeaves.length > 0) {
    const strip = stripSize(rootLeaves, Math.max(plan.size.w, CELL_W));
    placeStrip(rootLeaves, 0, 0, Math.max(plan.size.w, strip.w));
    top = strip.h + GAP * 2;
  }
  rootContainers.forEach((id, i) => place(id, plan.places[i]!.x, top + plan.places[i]!.y, sizes.get(id)!.w));
  return result;
}

/** kinds a VPC's edge strip holds, in this order (internet-facing first) */
export function gatewayOrder(kind: string): number {
  const order = ['internet-gateway', 'egress-only-internet-gateway', 'nat-gateway', 'load-balancer', 'vpc-endpoint', 'vpn-gateway', 'peering', 'transit-gateway'];
  const index = order.indexOf(kind);
  return index === -1 ? (isGatewayKind(kind) ? order.length : order.length + 1) : index;
}
