// A live snapshot taken from the page of `reachmap serve`, against the local
// AWS test server (never AWS itself): the progress shows, and the map opens on
// what was collected. The served account is the demo's.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsTestServer } from '../aws-server/server.js';
import { demoSnapshot, isolateAwsEnvironment, serve as serveAws } from '../integration/collector/helpers.js';
import { readSnapshotPath } from '../../shared/aws/read/node.js';
import { browserMissingLocally, launchBrowser, openMap, screenshot } from './helpers/browser.js';
import { startServe, type RunningServe } from './helpers/serve.js';

describe.skipIf(browserMissingLocally)('a live snapshot from the web face', { timeout: 240_000 }, () => {
  let aws: AwsTestServer;
  let serve: RunningServe;
  let browser: Browser;
  let page: Page;
  const saved = { ...process.env };

  beforeAll(async () => {
    // The server's process inherits credentials that only the local test server accepts.
    isolateAwsEnvironment();
    aws = await serveAws(await readSnapshotPath(demoSnapshot));
    serve = await startServe();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await openMap(page, serve.url);
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await aws?.close();
    process.env = saved;
  });

  it('shows the progress, then opens the collected network', async () => {
    await page.getByTestId('open-live').click();
    const dialog = page.getByTestId('live-snapshot');
    await dialog.getByPlaceholder('an AWS-compatible endpoint').fill(aws.url);
    await dialog.getByPlaceholder(/or all$/).fill('all');
    await page.getByTestId('live-start').click();
    await page.getByTestId('live-progress').waitFor();
    await dialog.waitFor({ state: 'detached', timeout: 120_000 });
    const summary = page.getByTestId('snapshot-summary');
    await summary.getByText(/^live: profile/).waitFor();
    // The demo account, collected back: 3 VPCs, 18 subnets, 23 instances, 32 ENIs (prod's dual-stack prod-edge-a and prod-status included).
    await expect(summary.textContent()).resolves.toContain('3 VPCs · 18 subnets · 23 instances · 32 ENIs');
    expect(aws.calls.some((call) => call.action === 'DescribeNetworkInterfaces')).toBe(true);
    await screenshot(page, 'e2e-08-live-snapshot');
  });
});
