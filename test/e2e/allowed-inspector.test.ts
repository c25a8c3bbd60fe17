// Issue 15.5: "what can A send to B" in the inspector when two nodes are
// selected (the second with shift held), in real Chromium through the web
// face, on the bundled demo.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserMissingLocally, screenshot, type PageGlobals } from './helpers/browser.js';
import { demoMapForSuite } from './helpers/demo-map.js';

const PROD_API_1 = 'eni-0de00000000000105';
const PROD_CACHE = 'eni-0de0000000000010a';

/** the node's position on the page, after the map has framed both nodes at a zoom where they are drawn */
async function pagePoint(page: Page, id: string): Promise<{ x: number; y: number }> {
  const position = await page.evaluate((nodeId) => (globalThis as unknown as PageGlobals).__reachmap!.cy.getElementById(nodeId).renderedPosition(), id);
  const box = (await page.getByTestId('map').boundingBox())!;
  return { x: box.x + position.x, y: box.y + position.y };
}

describe.skipIf(browserMissingLocally)('what one node can send to another, in the inspector', { timeout: 120_000 }, () => {
  const demo = demoMapForSuite();
  let page: Page;
  beforeAll(() => {
    page = demo.page;
  });

  it('shift-clicking prod-cache after prod-api-1 lists what gets through and back: tcp 6380 only (demo fault F1)', async () => {
    // both in acme-prod, close enough to frame together at a zoom where ENIs are drawn
    await page.evaluate(([a, b]) => {
      const cy = (globalThis as unknown as { __reachmap: { cy: import('cytoscape').Core } }).__reachmap.cy;
      cy.zoom(1.2);
      cy.center(cy.getElementById(a!).union(cy.getElementById(b!)));
    }, [PROD_API_1, PROD_CACHE]);
    await page.waitForFunction(([a, b]) => {
      const cy = (globalThis as unknown as { __reachmap: { cy: import('cytoscape').Core } }).__reachmap.cy;
      return cy.getElementById(a!).visible() && cy.getElementById(b!).visible();
    }, [PROD_API_1, PROD_CACHE]);

    const api = await pagePoint(page, PROD_API_1);
    await page.mouse.click(api.x, api.y);
    await page.getByTestId('inspector').waitFor();
    await expect(page.getByTestId('allowed-hint').textContent()).resolves.toContain('Shift-click');

    const cache = await pagePoint(page, PROD_CACHE);
    await page.keyboard.down('Shift');
    await page.mouse.click(cache.x, cache.y);
    await page.keyboard.up('Shift');

    const section = page.getByTestId('allowed-between');
    await section.waitFor();
    await expect(section.locator('h4').textContent()).resolves.toBe('What prod-api-1 can send to prod-cache');
    // prod-cache's group acme-prod-cache admits only tcp 6380 from acme-prod-api, prod-api-1's group
    // (scripts/make-demo.ts, assets/demo/README.md F1); the subnets' ACLs let the rest through both ways
    await page.getByTestId('allowed-reachable').waitFor();
    await expect(page.getByTestId('allowed-reachable').locator('li').allTextContents()).resolves.toEqual(['tcp 6380']);
    await screenshot(page, 'e2e-15-allowed-inspector');

    // a plain click elsewhere ends the pair: the inspector of prod-api-1 alone offers the hint again
    await page.mouse.click(api.x, api.y);
    await page.getByTestId('allowed-hint').waitFor();
    await expect(page.getByTestId('allowed-between').count()).resolves.toBe(0);
  });
});
