// The map's level of detail: a label is drawn only at 11 px or more on
// screen (font size × zoom), and a box whose contents cannot be read is a
// card. Expected states worked out by hand from the sizes below.
import { describe, expect, it } from 'vitest';
import { detailBand, detailPlan, detailStates, type DetailNode } from '../../../renderer/src/map/detail-levels.js';

// a region holding a VPC holding one ENI; the VPC's title is a node of its own
const nodes: DetailNode[] = [
  { id: 'region', parent: null, fontSize: 0, openZoom: 0.3, cardFontSize: 100 },
  { id: 'vpc', parent: 'region', fontSize: 0, openZoom: 0.6, cardFontSize: 40 },
  { id: 'title:vpc', parent: 'vpc', fontSize: 20 },
  { id: 'eni', parent: 'vpc', fontSize: 11 },
];
const plan = detailPlan(nodes);

function at(zoom: number, forced: string[] = []) {
  return Object.fromEntries([...detailStates(plan, zoom, new Set(forced))].map(([id, s]) => [id, `${s.hidden ? 'hidden' : s.carded ? 'card' : 'open'}${s.labelled ? '+label' : ''}`]));
}

describe('level of detail', () => {
  it('far out: the region is a card, its 100-unit text 20 px at zoom 0.2; what it holds is hidden', () => {
    expect(at(0.2)).toEqual({ region: 'card+label', vpc: 'hidden', 'title:vpc': 'hidden', eni: 'hidden' });
  });

  it('closer: the region opens at 0.3 and shows the VPC as a card (40 × 0.4 = 16 px)', () => {
    expect(at(0.4)).toEqual({ region: 'open', vpc: 'card+label', 'title:vpc': 'hidden', eni: 'hidden' });
  });

  it('a card whose text would be under 11 px is drawn without it (40 × 0.25 = 10 px)', () => {
    // the region forced open at 0.25 (it holds a path drawn): the VPC card shows, unlabelled
    expect(at(0.25, ['region'])).toEqual({ region: 'open', vpc: 'card', 'title:vpc': 'hidden', eni: 'hidden' });
  });

  it('a card too small to read whole keeps its first line when that alone reads (title 60 × 0.25 = 15 px, whole 10 px)', () => {
    const small = detailPlan([
      { id: 'region', parent: null, fontSize: 0, openZoom: 0.3, cardFontSize: 100 },
      { id: 'vpc', parent: 'region', fontSize: 0, openZoom: 0.6, cardFontSize: 40, cardTitleFontSize: 60 },
    ]);
    const vpc = detailStates(small, 0.25, new Set(['region'])).get('vpc')!;
    expect(vpc).toEqual({ hidden: false, carded: true, labelled: true, titleOnly: true });
    // at 0.3 the whole card reads (40 × 0.3 = 12 px): no longer the first line only
    expect(detailStates(small, 0.3, new Set()).get('vpc')).toEqual({ hidden: false, carded: true, labelled: true, titleOnly: false });
    // and at 0.15 not even the first line reads (9 px): nothing drawn
    expect(detailStates(small, 0.15, new Set(['region'])).get('vpc')).toMatchObject({ carded: true, labelled: false, titleOnly: false });
  });

  it('the VPC opens at 0.6: its title reads (20 × 0.7 = 14 px), the ENI is drawn without its 7.7 px name', () => {
    expect(at(0.7)).toEqual({ region: 'open', vpc: 'open', 'title:vpc': 'open+label', eni: 'open' });
  });

  it('at zoom 1 the ENI name reads (11 px)', () => {
    expect(at(1)['eni']).toBe('open+label');
  });

  it('a box holding what must be seen is open at any zoom', () => {
    expect(at(0.2, ['region', 'vpc'])).toEqual({ region: 'open', vpc: 'open', 'title:vpc': 'open', eni: 'open' });
  });

  it('zooms that cross no threshold fall in the same band', () => {
    // thresholds: 11/100, 11/40, 11/20, 11/11 and the open zooms 0.3 and 0.6
    expect(plan.thresholds).toEqual([0.11, 0.275, 0.3, 0.55, 0.6, 1]);
    expect(detailBand(plan, 0.31)).toBe(detailBand(plan, 0.54));
    expect(detailBand(plan, 0.56)).not.toBe(detailBand(plan, 0.54));
  });
});
