// Renders the report view headlessly: the web face's server on 127.0.0.1
// (its per-run token and Host check, the same service the CLI already opened),
// a Chromium driven by playwright-core that may load nothing but that server,
// and a screenshot of the report element at 2 device pixels per CSS pixel.
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startWebFace } from '../../shared/api/http/node.js';
import type { ReachmapApi } from '../../shared/api/reachmap-api.js';
import { packageRoot } from '../../shared/api/snapshot/node.js';
import { BROWSER_FLAGS } from './browser.js';

/** the report page's address fragment (`#/report?…`, as renderer/src/report/question.ts reads it) */
export type ReportFragment = string;

const READY_TIMEOUT_MS = 120_000;

export async function renderReportPng(service: ReachmapApi, fragment: ReportFragment, browserPath: string): Promise<Buffer> {
  const face = await startWebFace({ service, rendererDir: path.join(packageRoot(), 'dist', 'renderer') });
  const browser = await chromium.launch({ executablePath: browserPath, args: BROWSER_FLAGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, deviceScaleFactor: 2, colorScheme: 'light', locale: 'en-US', timezoneId: 'UTC' });
    const ours = `http://127.0.0.1:${face.port}/`;
    // Anything but our own server is refused before it leaves the browser.
    await context.route('**/*', (route) => (route.request().url().startsWith(ours) || route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // The fragment is the report's question, so the token goes in the query: the page reads it from
    // there and takes it out of the address. Playwright navigates over its pipe, not on a command line.
    await page.goto(`${ours}?token=${encodeURIComponent(face.token)}${fragment}`);
    await page.waitForFunction(() => Boolean((globalThis as unknown as { document: { body: { dataset: Record<string, string | undefined> } } }).document.body.dataset.reportState), undefined, {
      timeout: READY_TIMEOUT_MS,
    });
    const state = await page.evaluate(() => {
      const dataset = (globalThis as unknown as { document: { body: { dataset: Record<string, string | undefined> } } }).document.body.dataset;
      return { state: dataset.reportState, error: dataset.reportError };
    });
    if (state.state !== 'ready') throw new Error(`the report page failed: ${state.error ?? pageErrors.join('; ')}`);
    const report = page.locator('#reachmap-report');
    const box = await report.boundingBox();
    // The whole report in the viewport: the screenshot is then one capture, never stitched.
    if (box) await page.setViewportSize({ width: 1280, height: Math.ceil(box.y + box.height + 40) });
    return await report.screenshot({ animations: 'disabled', caret: 'hide', scale: 'device', type: 'png' });
  } finally {
    await browser.close();
    await face.close();
  }
}
