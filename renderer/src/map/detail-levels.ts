// Level of detail: what the map draws at a zoom level. A label is drawn only
// when it is at least LEGIBLE_PX high on screen; a box whose contents could
// not be read at this zoom is drawn as a card (its name, CIDR, counts and
// status in large type) with its contents hidden, and opens as you zoom in.
// Thresholds are fixed per map, so a zoom that crosses none costs a binary
// search; one that crosses any recomputes every node's state in one pass and
// restyles only the nodes whose state changed.

/** the smallest label a person reads without effort, in screen pixels */
export const LEGIBLE_PX = 11;

export interface DetailNode {
  id: string;
  /** the node whose opening shows this one (a container, or a title's own box); null at the root */
  parent: string | null;
  /** label font size, in map units (0: no label) */
  fontSize: number;
  /** a container with contents: the zoom from which it is drawn open (below: a card) */
  openZoom?: number;
  /** a container's card text size, in map units */
  cardFontSize?: number;
  /** the size its card's first line (kind and name) alone would take: a small box still says what it is */
  cardTitleFontSize?: number;
}

export interface DetailState {
  hidden: boolean;
  /** a container drawn as a card */
  carded: boolean;
  /** its label (title, card text) is drawn */
  labelled: boolean;
  /** a card too small to read whole, drawn with its first line only, larger */
  titleOnly: boolean;
}

export interface DetailPlan {
  /** parents before their children */
  nodes: DetailNode[];
  /** every zoom at which some state changes, ascending */
  thresholds: number[];
}

export function detailPlan(nodes: DetailNode[]): DetailPlan {
  const thresholds = new Set<number>();
  for (const node of nodes) {
    if (node.fontSize > 0) thresholds.add(LEGIBLE_PX / node.fontSize);
    if (node.openZoom !== undefined) thresholds.add(node.openZoom);
    if (node.cardFontSize) thresholds.add(LEGIBLE_PX / node.cardFontSize);
    if (node.cardTitleFontSize) thresholds.add(LEGIBLE_PX / node.cardTitleFontSize);
  }
  return { nodes, thresholds: [...thresholds].sort((a, b) => a - b) };
}

/** how many thresholds lie at or below `zoom`: equal bands draw the same */
export function detailBand(plan: DetailPlan, zoom: number): number {
  let lo = 0;
  let hi = plan.thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (plan.thresholds[mid]! <= zoom) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** every node's state at `zoom`; `forcedOpen`: containers drawn open whatever the zoom (those holding the path drawn) */
export function detailStates(plan: DetailPlan, zoom: number, forcedOpen: ReadonlySet<string>): Map<string, DetailState> {
  const states = new Map<string, DetailState>();
  /** containers whose contents are drawn */
  const showing = new Set<string>();
  for (const node of plan.nodes) {
    const hidden = node.parent !== null && !showing.has(node.parent);
    const isBox = node.openZoom !== undefined;
    const open = isBox && !hidden && (zoom >= node.openZoom! || forcedOpen.has(node.id));
    if (open) showing.add(node.id);
    const carded = isBox && !hidden && !open;
    const wholeCard = carded && zoom * (node.cardFontSize ?? 0) >= LEGIBLE_PX;
    const titleOnly = carded && !wholeCard && zoom * (node.cardTitleFontSize ?? 0) >= LEGIBLE_PX;
    const labelled = !hidden && (carded ? wholeCard || titleOnly : !isBox && zoom * node.fontSize >= LEGIBLE_PX);
    states.set(node.id, { hidden, carded, labelled, titleOnly });
  }
  return states;
}
