// The map's hover help and wheel speed (issue 15, item 2): what a tooltip says
// for a node and an edge, and how far one wheel notch zooms.
import { describe, expect, it } from 'vitest';
import { edgeTip, nodeTip } from '../../../renderer/src/map/tooltip.js';
import { WHEEL_NOTCH_ZOOM, wheelNotches } from '../../../renderer/src/map/wheel.js';

describe('map tooltips', () => {
  it('a node: its name, its id, its kind, its addresses and its state', () => {
    const tip = nodeTip(
      { id: 'eni-0de00000000000102', kind: 'eni', name: 'prod-web-1', label: 'prod-web-1\n10.0.0.21 · 203.0.113.11', state: 'running', instanceId: 'i-0de00000000000102' },
      ['leaf', 'k-eni', 'exposed'],
    );
    expect(tip).toEqual({
      title: 'prod-web-1',
      id: 'eni-0de00000000000102',
      kind: 'network interface',
      facts: ['10.0.0.21 · 203.0.113.11', 'instance i-0de00000000000102', 'state: running', 'exposed to the internet'],
    });
  });

  it('a stopped node and a missing one say so', () => {
    expect(nodeTip({ id: 'eni-1', kind: 'eni', name: 'batch', label: 'batch\n10.0.30.11', state: 'stopped' }, ['leaf', 'inactive']).facts).toContain('stopped or not in use');
    expect(nodeTip({ id: 'pcx-9', kind: 'missing', label: 'pcx-9' }, ['leaf', 'missing']).kind).toMatch(/^missing/);
  });

  it('an edge: its kind in words and the names of its ends; a path edge says which leg', () => {
    expect(edgeTip({ id: 'e1', kind: 'peering' }, ['link', 'l-peering'], 'acme-prod', 'acme-shared')).toEqual({
      title: 'VPC peering',
      id: null,
      kind: 'VPC peering',
      facts: ['acme-prod → acme-shared'],
    });
    expect(edgeTip({ id: 'path:return:1' }, ['path', 'return'], 'prod-cache', 'prod-api-1').title).toBe('return path');
    expect(edgeTip({ id: 'path:forward:2' }, ['path', 'forward', 'blocked'], 'prod-api-1', 'prod-cache').facts).toContain('the flow is dropped at its end');
  });
});

describe('wheel zoom', () => {
  it('one notch is 1.2x, whether the wheel reports pixels or lines; a flick is capped at three notches', () => {
    expect(WHEEL_NOTCH_ZOOM).toBe(1.2);
    expect(wheelNotches(100, 0)).toBe(1);
    expect(wheelNotches(-3, 1)).toBe(-1);
    expect(wheelNotches(4000, 0)).toBe(3);
    expect(wheelNotches(10, 0)).toBeCloseTo(0.1);
  });
});
