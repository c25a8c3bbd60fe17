// Applies the level of detail (detail-levels.ts) to a live Cytoscape map:
// read the thresholds from the elements once, then on every zoom restyle
// only what changed, and only when a threshold was crossed.
import type { Core, ElementDefinition, NodeSingular } from 'cytoscape';
import { detailBand, detailPlan, detailStates, type DetailPlan, type DetailState } from './detail-levels.js';

/** the overlay classes whose nodes must be seen: boxes above them are drawn open at any zoom */
export const MUST_SHOW = ['on-path', 'drop', 'endpoint', 'hop-hover', 'exposed', 'edited', 'repaired', 'problem', 'diff-added', 'diff-removed', 'diff-modified'];

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

  /**
   * The map's next elements, with the classes of their state at `zoom` (the
   * zoom they will be shown at) already in: added so, each node is styled once.
   */
  prepare(elements: ElementDefinition[], zoom: number): ElementDefinition[] {
    const nodes = elements.filter((e) => e.group === 'nodes').map((e) => {
      const data = e.data as Record<string, unknown>;
      const parent = (data.owner ?? data.parentId) as string | undefined;
      return {
        id: String(data.id),
        parent: parent ?? null,
        fontSize: Number(data.fs ?? 0),
        ...(data.openZoom !== undefined
          ? { openZoom: Number(data.openZoom), cardFontSize: Number(data.cardFs), cardTitleFontSize: Number(data.cardTitleFs ?? 0) }
          : {}),
      };
    });
    this.plan = detailPlan(nodes);
    this.states = detailStates(this.plan, zoom, this.forced);
    this.band = detailBand(this.plan, zoom);
    this.drawnKey = this.forcedKey;
    return elements.map((element) => {
      if (element.group !== 'nodes') return element;
      const state = this.states.get(String(element.data.id))!;
      const extra = [state.hidden ? 'lod-hidden' : '', state.carded ? 'carded' : '', state.titleOnly ? 'card-title' : '', state.labelled ? '' : 'lbl-off']
        .filter(Boolean)
        .join(' ');
      return extra ? { ...element, classes: `${String(element.classes ?? '')} ${extra}` } : element;
    });
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
        if (before && before.hidden === state.hidden && before.carded === state.carded && before.labelled === state.labelled && before.titleOnly === state.titleOnly) continue;
        const node = this.cy.getElementById(id);
        if (!before) continue;
        if (before.hidden !== state.hidden) node.toggleClass('lod-hidden', state.hidden);
        if (before.carded !== state.carded) node.toggleClass('carded', state.carded);
        if (before.labelled !== state.labelled) node.toggleClass('lbl-off', !state.labelled);
        if (before.titleOnly !== state.titleOnly) node.toggleClass('card-title', state.titleOnly);
      }
    });
    this.states = next;
  }
}
