// Issue 15, "What is broken today" and the map's hover help, in Debian's
// Chromium against `reachmap serve` on the demo: each test drives the page as
// a person would and reads what they would see.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserMissingLocally, screenshot, type PageGlobals } from './helpers/browser.js';
import { demoMapForSuite } from './helpers/demo-map.js';

describe.skipIf(browserMissingLocally)('issue 15: what was broken, fixed (demo network)', { timeout: 180_000 }, () => {
  const demo = demoMapForSuite();
  let page: Page;
  beforeAll(() => {
    page = demo.page;
  });

  it('Escape closes the Live snapshot dialog', async () => {
    await page.getByTestId('open-live').click();
    const dialog = page.getByTestId('live-snapshot');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: 5_000 });
  });

  it('Trace says why it is greyed out, and the port placeholder reads as an example', async () => {
    await page.getByTestId('query-from').fill('prod-api-1');
    await page.getByTestId('query-to').fill('prod-cache');
    await expect(page.getByTestId('query-run').isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('query-run-hint').textContent()).resolves.toBe('port needed for tcp');
    const port = page.getByTestId('query-port');
    await expect(port.getAttribute('placeholder')).resolves.toBe('e.g. 443');
    // lighter than a typed value
    const [placeholder, value] = await port.evaluate((input) => {
      const g = globalThis as unknown as { getComputedStyle(e: unknown, pseudo?: string): { color: string } };
      return [g.getComputedStyle(input, '::placeholder').color, g.getComputedStyle(input).color];
    });
    expect(placeholder).not.toBe(value);
    await port.fill('6379');
    await page.getByTestId('query-run-hint').waitFor({ state: 'detached' });
    await expect(page.getByTestId('query-run').isDisabled()).resolves.toBe(false);
  });

  it('the tag filter says "0 matches" when nothing carries the tag', async () => {
    const filter = page.getByTestId('tag-filter');
    await filter.fill('Name=no-such-thing-anywhere');
    await expect(page.getByTestId('tag-count').textContent()).resolves.toBe('0 matches');
    await filter.fill('Name=prod-cache');
    await expect(page.getByTestId('tag-count').textContent()).resolves.toMatch(/^[1-9]\d* match(es)?$/);
    await filter.fill('');
    await page.getByTestId('tag-count').waitFor({ state: 'detached' });
  });

  it('an export error is shown whole, wrapped, not cut to the toolbar', async () => {
    await page.getByTestId('query-run').click();
    await page.getByTestId('verdict').waitFor();
    // the report asks the question again: make that one answer fail with a long message (answered in the page, nothing sent)
    const message = `the report could not be drawn because ${'a long reason, '.repeat(12)}and this is its end`;
    await page.route('**/api/analyze', (route) => route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ error: { kind: 'input', message } }) }));
    await page.getByTestId('export-png').click();
    const status = page.getByTestId('export-status');
    await status.getByText(/this is its end/).waitFor();
    const box = await status.evaluate((el) => {
      const e = el as unknown as { scrollWidth: number; clientWidth: number; scrollHeight: number; clientHeight: number; getBoundingClientRect(): { right: number; bottom: number } };
      return { overflowX: e.scrollWidth - e.clientWidth, overflowY: e.scrollHeight - e.clientHeight, right: e.getBoundingClientRect().right, bottom: e.getBoundingClientRect().bottom };
    });
    expect(box.overflowX).toBeLessThanOrEqual(1);
    expect(box.overflowY).toBeLessThanOrEqual(1);
    expect(box.right).toBeLessThanOrEqual(1600);
    expect(box.bottom).toBeLessThanOrEqual(1000);
    await expect(status.textContent()).resolves.toContain(message);
    await screenshot(page, 'e2e-15-export-error-whole');
    await page.unroute('**/api/analyze');
    await status.locator('button[title="Dismiss"]').click();
  });

  it('an inspector opened from Trace closes when the user moves to Exposure or Diagnose', async () => {
    await page.getByTestId('search').fill('prod-web-1');
    await page.getByTestId('search-results').locator('li[data-id="eni-0de00000000000102"]').click();
    const inspector = page.getByTestId('inspector');
    await inspector.waitFor();
    await page.getByTestId('tab-diagnose').click();
    await inspector.waitFor({ state: 'detached', timeout: 5_000 });
    // one opened in Diagnose stays while Diagnose stays
    await page.getByTestId('search').fill('');
    await page.getByTestId('search').fill('prod-web-1');
    await page.getByTestId('search-results').locator('li[data-id="eni-0de00000000000102"]').click();
    await inspector.waitFor();
    await page.getByTestId('tab-diagnose').click();
    await expect(inspector.isVisible()).resolves.toBe(true);
    await page.getByTestId('tab-exposure').click();
    await inspector.waitFor({ state: 'detached', timeout: 5_000 });
    await page.getByTestId('tab-trace').click();
  });

  it('hovering a node shows its name, id, kind and address; hovering an edge names its kind and ends', async () => {
    const box = (await page.getByTestId('map').boundingBox())!;
    // prod-web-1 is eni-0de00000000000102, 10.0.0.21 / 203.0.113.11 (assets/demo)
    await page.getByTestId('fit').click();
    await page.waitForTimeout(400); // the fit and the sidebar settle
    const at = await page.evaluate(() => {
      const cy = (globalThis as unknown as PageGlobals).__reachmap!.cy;
      return cy.getElementById('eni-0de00000000000102').renderedPosition();
    });
    await page.mouse.move(box.x + at.x, box.y + at.y);
    const tooltip = page.getByTestId('map-tooltip');
    await tooltip.waitFor({ timeout: 5_000 });
    const text = await tooltip.textContent();
    expect(text).toContain('prod-web-1');
    expect(text).toContain('eni-0de00000000000102');
    expect(text).toContain('network interface');
    expect(text).toContain('10.0.0.21');
    await screenshot(page, 'e2e-15-tooltip-node');
    await page.mouse.move(box.x + 2, box.y + 2);
    await tooltip.waitFor({ state: 'detached' });
    // an edge: the midpoints of the drawn edges, tried until one is hovered as an edge (not under a node)
    const midpoints = await page.evaluate(() => {
      const cy = (globalThis as unknown as PageGlobals).__reachmap!.cy as unknown as { edges(s: string): { map<T>(f: (e: { renderedMidpoint(): { x: number; y: number } }) => T): T[] } };
      // the edges drawn at this zoom (those inside a box drawn as a card are not)
      return cy.edges('.l-peering:visible, .l-tgw-attachment:visible, .l-route:visible, .l-internet:visible').map((e) => e.renderedMidpoint());
    });
    let edgeText = '';
    for (const mid of midpoints.filter((m) => m.x > 20 && m.y > 60 && m.x < box.width - 20 && m.y < box.height - 80).slice(0, 20)) {
      await page.mouse.move(box.x + mid.x, box.y + mid.y);
      edgeText = (await tooltip.textContent({ timeout: 500 }).catch(() => null)) ?? '';
      if (edgeText.includes('→')) break;
    }
    expect(edgeText).toMatch(/→/);
    expect(edgeText).toMatch(/route|peering|transit gateway|internet/);
    await screenshot(page, 'e2e-15-tooltip-edge');
  });

  it('the legend explains every edge kind and node state', async () => {
    const legend = await page.getByTestId('legend').textContent();
    for (const word of ['path', 'return', 'route', 'peering', 'transit gateway', 'exposed', 'stopped', 'missing', 'unknown']) expect(legend).toContain(word);
    // every entry is on screen, none cut by the map's edge
    const [legendBox, mapBox] = [(await page.getByTestId('legend').boundingBox())!, (await page.getByTestId('map').boundingBox())!];
    expect(legendBox.x + legendBox.width).toBeLessThanOrEqual(mapBox.x + mapBox.width);
    await screenshot(page, 'e2e-15-legend');
  });

  it('one wheel notch zooms by about 1.2x, in and out, around the pointer', async () => {
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const zoom = () => page.evaluate(() => (globalThis as unknown as PageGlobals).__reachmap!.cy.zoom());
    for (const [delta, factor] of [[-100, 1.2], [100, 1 / 1.2], [100, 1 / 1.2], [-100, 1.2]] as const) {
      const before = await zoom();
      await page.mouse.wheel(0, delta);
      await page.waitForFunction((z) => (globalThis as unknown as PageGlobals).__reachmap!.cy.zoom() !== z, before);
      expect((await zoom()) / before).toBeCloseTo(factor, 2);
    }
  });
});
