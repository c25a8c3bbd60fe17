// Applies the level of detail (detail-levels.ts) to a live Cytoscape map:
// read the thresholds from the elements once, then on every zoom restyle
// only what changed, and only when a threshold was crossed.
import type { Core, NodeSingular } from 'cytoscape';
import { detailBand, detailPlan, detailStates, type DetailPlan, type DetailState } from './detail-levels.js';

/** the overlay classes whose nodes must be seen: boxes above them are drawn open at any zoom */
export const MUST_SHOW = ['on-path', 'drop', 'endpoint', 'hop-hover', 'exposed', 'edited', 'repaired'];

function parentOf(node: NodeSingular): string | null {
  const owner = node.data('owner') as string | undefined;
  const parent = (owner ?? node.data('parentId')) as string | undefined;
  return parent ?? null;
}

export class DetailController {
  private plan: DetailPlan = { nodes: [], thresholds: [] };
  private band = -1;
  private forced = new Set<string>();
  private forcedKey = '';
  private drawnKey = '';
  private states = new Map<string, DetailState>();

  constructor(private readonly cy: Core) {}

  /** the map's elements changed: read their thresholds again */
  load(): void {
    const nodes = this.cy.nodes().map((node) => ({
      id: node.id(),
      parent: parentOf(node),
      fontSize: Number(node.data('fs') ?? 0),
      ...(node.data('openZoom') !== undefined ? { openZoom: Number(node.data('openZoom')), cardFontSize: Number(node.data('cardFs')) } : {}),
    }));
    this.plan = detailPlan(nodes);
    // Nodes arrive without our classes (any left are cleared): every state is new.
    this.cy.nodes('.lod-hidden, .carded, .lbl-off').removeClass('lod-hidden carded lbl-off');
    this.states = new Map();
    this.band = -1;
    this.update();
  }

  /** the nodes the overlay marks: every box above them stays open */
  showNodes(): void {
    const forced = new Set<string>();
    this.cy.nodes([...MUST_SHOW.map((c) => `.${c}`), ':selected'].join(', ')).forEach((node) => {
      for (let parent = parentOf(node); parent && !forced.has(parent); parent = parentOf(this.cy.getElementById(parent) as NodeSingular)) {
        forced.add(parent);
      }
    });
    this.forced = forced;
    this.forcedKey = [...forced].sort().join(' ');
    this.update();
  }

  /** called on every zoom: a binary search unless a threshold was crossed */
  update(): void {
    const band = detailBand(this.plan, this.cy.zoom());
    if (band === this.band && this.forcedKey === this.drawnKey) return;
    this.band = band;
    this.drawnKey = this.forcedKey;
    const next = detailStates(this.plan, this.cy.zoom(), this.forced);
    this.cy.batch(() => {
      for (const [id, state] of next) {
        const before = this.states.get(id);
        if (before && before.hidden === state.hidden && before.carded === state.carded && before.labelled === state.labelled) continue;
        const node = this.cy.getElementById(id);
        if (!before) {
          // a node just added carries none of these: add what applies, in one restyle
          const classes = [state.hidden ? 'lod-hidden' : '', state.carded ? 'carded' : '', state.labelled ? '' : 'lbl-off'].filter(Boolean);
          if (classes.length > 0) node.addClass(classes.join(' '));
          continue;
        }
        if (before.hidden !== state.hidden) node.toggleClass('lod-hidden', state.hidden);
        if (before.carded !== state.carded) node.toggleClass('carded', state.carded);
        if (before.labelled !== state.labelled) node.toggleClass('lbl-off', !state.labelled);
      }
    });
    this.states = next;
  }
}
