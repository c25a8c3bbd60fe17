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
/** how far apart the spots tried are, in pixels */
const STEP = 8;
const MARGIN = 6;
/** a label's box includes its background's padding: touching it by this much is not covering it */
export const TOUCH_PX = 3;

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
  const h = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
  return w > 0 && h > 0 ? w * h : 0;
}

function clamp(value: number, low: number, high: number): number {
  return Math.max(low, Math.min(value, Math.max(low, high)));
}

/** `node`: the dropping node's box on screen; `size`: the callout's; `map`: the drawable area; `labels`: label boxes on screen (and icons, which it should not hide either) */
export function placeCallout(node: Rect, size: { w: number; h: number }, map: { w: number; h: number }, labels: readonly Rect[]): { x: number; y: number } {
  const candidates: { x: number; y: number; far: number }[] = [];
  // near first, then further out: beside the node (sliding up and down), above and below it (sliding across)
  for (const [far, gap] of [[0, GAP], [1, GAP * 4], [2, GAP * 8], [3, GAP * 16]] as const) {
    // the usual spot first: right of the node, level with its top
    candidates.push({ x: node.x2 + gap, y: node.y1, far });
    for (let y = node.y1 - gap - size.h; y <= node.y2 + gap; y += STEP) {
      candidates.push({ x: node.x2 + gap, y, far }, { x: node.x1 - gap - size.w, y, far });
    }
    for (let x = node.x1 - gap - size.w; x <= node.x2 + gap; x += STEP * 2) {
      candidates.push({ x, y: node.y1 - gap - size.h, far }, { x, y: node.y2 + gap, far });
    }
  }
  let best = { x: 0, y: 0 };
  let bestCost = Number.POSITIVE_INFINITY;
  for (const spot of candidates) {
    const x = clamp(spot.x, MARGIN, map.w - size.w - MARGIN);
    const y = clamp(spot.y, MARGIN, map.h - size.h - MARGIN);
    const box = { x1: x, y1: y, x2: x + size.w, y2: y + size.h };
    // covering the node it points at is worse than covering any label; among clear spots, the nearest wins
    let cost = overlap(box, node) * 100 + spot.far;
    // a pixel less slack than allowed: the map sits at fractions of a pixel on the page
    const slack = TOUCH_PX - 1;
    for (const label of labels) cost += overlap(box, { x1: label.x1 + slack, y1: label.y1 + slack, x2: label.x2 - slack, y2: label.y2 - slack }) * 10;
    if (cost < bestCost) {
      best = { x, y };
      bestCost = cost;
    }
  }
  return best;
}
