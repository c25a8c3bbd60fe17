// The drop callout: beside its node, inside the map, over as few labels as
// possible. Boxes in screen pixels, drawn by hand.
import { describe, expect, it } from 'vitest';
import { placeCallout } from '../../../renderer/src/map/callout-place.js';

const map = { w: 1000, h: 600 };
const size = { w: 200, h: 50 };

describe('where the drop callout goes', () => {
  it('to the right of the node, at its top, when nothing is there', () => {
    expect(placeCallout({ x1: 100, y1: 100, x2: 140, y2: 140 }, size, map, [])).toEqual({ x: 152, y: 100 });
  });

  it('to the left when the node is at the right edge: it stays on the map', () => {
    const spot = placeCallout({ x1: 950, y1: 100, x2: 990, y2: 140 }, size, map, []);
    expect(spot.x + size.w).toBeLessThanOrEqual(map.w);
    expect(spot.x + size.w).toBeLessThanOrEqual(950);
  });

  it('around a label on its right: another side that covers no label', () => {
    const labels = [{ x1: 145, y1: 80, x2: 400, y2: 160 }];
    const spot = placeCallout({ x1: 300, y1: 300, x2: 340, y2: 340 }, size, map, [{ x1: 345, y1: 280, x2: 600, y2: 360 }, ...labels]);
    const box = { x1: spot.x, y1: spot.y, x2: spot.x + size.w, y2: spot.y + size.h };
    for (const label of [{ x1: 345, y1: 280, x2: 600, y2: 360 }]) {
      const overlaps = box.x1 < label.x2 && box.x2 > label.x1 && box.y1 < label.y2 && box.y2 > label.y1;
      expect(overlaps).toBe(false);
    }
    // and never over the node itself
    expect(box.x2 <= 300 || box.x1 >= 340 || box.y2 <= 300 || box.y1 >= 340).toBe(true);
  });

  it('inside the map in a corner too small for any side: clamped to the edges', () => {
    const spot = placeCallout({ x1: 0, y1: 0, x2: 990, y2: 590 }, size, map, []);
    expect(spot.x).toBeGreaterThanOrEqual(0);
    expect(spot.y).toBeGreaterThanOrEqual(0);
    expect(spot.x + size.w).toBeLessThanOrEqual(map.w);
    expect(spot.y + size.h).toBeLessThanOrEqual(map.h);
  });
});
