// The Problems tab in Chromium through the web face: `reachmap problems` on the
// demo, listed riskiest first, each opened to its explanation and fix and
// shown on the map. Expected values come from the demo's planted faults
// (assets/demo/README.md, F4 and F9), never from our own output.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserMissingLocally, screenshot, type PageGlobals } from './helpers/browser.js';
import { demoMapForSuite } from './helpers/demo-map.js';

describe.skipIf(browserMissingLocally)('the Problems tab (demo network)', { timeout: 180_000 }, () => {
  const demo = demoMapForSuite();
  let page: Page;
  beforeAll(() => {
    page = demo.page;
  });

  it('the sidebar\'s six tabs sit whole on one row (a lone tab wrapped under the others looked like a second menu)', async () => {
    const tops = await page.locator('nav.tabs button').evaluateAll((buttons) => buttons.map((b) => Math.round(b.getBoundingClientRect().top)));
    expect(tops).toHaveLength(6);
    expect(new Set(tops).size).toBe(1);
    // ...and all of them whole, none cut at the sidebar's edge
    const { scrollWidth, clientWidth } = await page.locator('nav.tabs').evaluate((nav) => ({ scrollWidth: nav.scrollWidth, clientWidth: nav.clientWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  });

  it('lists the planted faults, high severity first', async () => {
    await page.getByTestId('tab-problems').click();
    const list = page.getByTestId('problem-list');
    await list.waitFor();
    const items = await list.locator('li.problem').evaluateAll((lis) => lis.map((li) => ({ id: li.getAttribute('data-problem'), severity: li.getAttribute('data-severity') })));
    const ids = items.map((item) => item.id);
    // F4: shared-services' default route still points at the deleted NAT gateway
    expect(ids).toContain('blackhole-route:rtb-0de00000000000203:0.0.0.0/0');
    // F9: acme-tgw-main's static blackhole route for the old data centre
    expect(ids).toContain('tgw-blackhole-route:tgw-rtb-0de00000000000100:192.168.0.0/16');
    // riskiest first: no high after a medium or low
    const rank = { high: 0, medium: 1, low: 2 } as Record<string, number>;
    const ranks = items.map((item) => rank[item.severity ?? ''] ?? 9);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
  });

  it('a problem opened shows its component by name, its explanation and fix, and its subnets on the map', async () => {
    const item = page.locator('li[data-problem="blackhole-route:rtb-0de00000000000203:0.0.0.0/0"]');
    // the route table acme-shared-private, named before its id
    await expect(item.locator('.problem-component').textContent()).resolves.toMatch(/acme-shared-private\s*rtb-0de00000000000203/);
    await item.getByTestId('problem-select').click();
    const body = item.getByTestId('problem-body');
    await body.waitFor();
    await expect(body.textContent()).resolves.toContain('nat-0de00000000000200');
    await expect(body.textContent()).resolves.toContain('aws ec2');
    // rtb-0de00000000000203 serves shared-private-a and shared-private-b (assets/demo/README.md): both lit, on screen
    await page.waitForFunction(() => {
      const cy = (globalThis as unknown as PageGlobals).__reachmap!.cy;
      return cy.getElementById('subnet-0de00000000000212').classes().includes('problem');
    });
    await page.waitForTimeout(300);
    const lit = await page.evaluate(() => {
      const cy = (globalThis as unknown as { __reachmap: { cy: import('cytoscape').Core } }).__reachmap.cy;
      return {
        w: cy.width(),
        h: cy.height(),
        nodes: cy.nodes('.problem').map((n) => ({ id: n.id(), visible: n.visible(), ...n.renderedBoundingBox({ includeLabels: false }) })),
      };
    });
    expect(lit.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['subnet-0de00000000000212', 'subnet-0de00000000000213']));
    for (const node of lit.nodes) {
      expect(node.visible, node.id).toBe(true);
      expect(node.x1, node.id).toBeGreaterThanOrEqual(0);
      expect(node.y1, node.id).toBeGreaterThanOrEqual(0);
      expect(node.x2, node.id).toBeLessThanOrEqual(lit.w);
      expect(node.y2, node.id).toBeLessThanOrEqual(lit.h);
    }
    await page.getByTestId('legend-problem').waitFor();
    await screenshot(page, 'e2e-30-problems-tab');
  });
});
