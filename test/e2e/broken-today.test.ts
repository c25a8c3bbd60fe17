// Issue 15, "What is broken today" and the map's hover help, in Debian's
// Chromium against `reachmap serve` on the demo: each test drives the page as
// a person would and reads what they would see.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissingLocally, launchBrowser, openMap, screenshot } from './helpers/browser.js';
import { startServe, type RunningServe } from './helpers/serve.js';

describe.skipIf(browserMissingLocally)('issue 15: what was broken, fixed (demo network)', { timeout: 180_000 }, () => {
  let serve: RunningServe;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    serve = await startServe();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await openMap(page, serve.url);
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
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
});
