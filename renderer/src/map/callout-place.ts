// Where the drop callout goes: beside the dropping node, on screen, over as
// few labels as possible. Tries the four sides (right first, where the eye
// goes after the node), each kept inside the map, and takes the one that
// covers the least label area; the node itself is never covered.

export interface Rect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

const GAP = 12;
const MARGIN = 6;

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
  const h = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
  return w > 0 && h > 0 ? w * h : 0;
}

function clamp(value: number, low: number, high: number): number {
  return Math.max(low, Math.min(value, Math.max(low, high)));
}

/** `node`: the dropping node's box on screen; `size`: the callout's; `map`: the drawable area; `labels`: label boxes on screen */
export function placeCallout(node: Rect, size: { w: number; h: number }, map: { w: number; h: number }, labels: readonly Rect[]): { x: number; y: number } {
  const midY = (node.y1 + node.y2) / 2 - size.h / 2;
  const midX = (node.x1 + node.x2) / 2 - size.w / 2;
  const candidates = [
    { x: node.x2 + GAP, y: node.y1 },
    { x: node.x2 + GAP, y: midY },
    { x: node.x1 - GAP - size.w, y: node.y1 },
    { x: node.x1 - GAP - size.w, y: midY },
    { x: midX, y: node.y1 - GAP - size.h },
    { x: midX, y: node.y2 + GAP },
    { x: node.x2 + GAP, y: node.y2 + GAP },
    { x: node.x1 - GAP - size.w, y: node.y1 - GAP - size.h },
  ].map((spot) => ({ x: clamp(spot.x, MARGIN, map.w - size.w - MARGIN), y: clamp(spot.y, MARGIN, map.h - size.h - MARGIN) }));
  let best = candidates[0]!;
  let bestCost = Number.POSITIVE_INFINITY;
  for (const spot of candidates) {
    const box = { x1: spot.x, y1: spot.y, x2: spot.x + size.w, y2: spot.y + size.h };
    // covering the node it points at is worse than covering any label
    let cost = overlap(box, node) * 100;
    for (const label of labels) cost += overlap(box, label);
    if (cost < bestCost) {
      best = spot;
      bestCost = cost;
    }
  }
  return best;
}
