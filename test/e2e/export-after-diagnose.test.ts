// Export PNG after a Diagnose by name (issue 15, "what is broken today"): the
// report asks the API with the name typed, and a PNG is downloaded. The
// expected target is the demo's planted F5 (assets/demo/README.md): prod-web-3.
import type { Browser } from 'playwright-core';
import { PNG } from 'pngjs';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissingLocally, launchBrowser, openMap, screenshot } from './helpers/browser.js';
import { startServe, type RunningServe } from './helpers/serve.js';

describe.skipIf(browserMissingLocally)('Export PNG after Diagnose by name (demo network)', { timeout: 180_000 }, () => {
  let serve: RunningServe;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
    serve = await startServe();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('downloads the report of prod-web-3, diagnosed by its Name', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
    await openMap(page, serve.url);
    await page.getByTestId('tab-diagnose').click();
    await page.getByTestId('diagnose-target').fill('prod-web-3');
    await page.getByTestId('diagnose-run').click();
    await page.getByTestId('diagnose').waitFor();
    // every failing layer, per kind of source: the internet stops at acme-prod-igw (F5: no public IP,
    // IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS at igw-0de00000000000100), and the public-IP check fails for every source
    const failures = page.getByTestId('diagnose-failures');
    await expect(failures.locator('li[data-source="from the internet"]').textContent()).resolves.toContain('igw-0de00000000000100');
    await expect(failures.locator('li[data-source="for every source"]').textContent()).resolves.toContain('Topology and addressing');
    await screenshot(page, 'e2e-31-diagnose-by-source');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('export-png').click()]);
    const file = await download.path();
    const png = PNG.sync.read(readFileSync(file!));
    // a page of a report, not an error image
    expect(png.width).toBeGreaterThan(1000);
    expect(png.height).toBeGreaterThan(1000);
    await expect(page.getByTestId('export-status').textContent()).resolves.not.toContain('failed');
  });
});
