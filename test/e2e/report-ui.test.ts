// The report from the web face: "Export PNG" after a trace, the download
// read back; and the report route with redaction, read as text. Expected
// values from assets/demo/README.md (fault F1, account 111122223333, public
// addresses in 203.0.113.0/24), read by hand.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, browserMissingLocally, launchBrowser, openMap, screenshot, KEEP_NAMES_SHIM } from './helpers/browser.js';
import { pageAt, startServe, type RunningServe } from './helpers/serve.js';
import { pngFacts } from './helpers/report-png.js';

interface ReportPageGlobals {
  document: { body: { dataset: Record<string, string | undefined> }; querySelector(selector: string): { textContent: string | null } | null };
}

async function exportPng(page: Page, keepAs?: string, fileName?: string): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('export-png').click()]);
  if (fileName) expect(download.suggestedFilename()).toBe(fileName);
  const png = readFileSync((await download.path())!);
  if (keepAs) {
    mkdirSync(artifactsDir, { recursive: true });
    writeFileSync(path.join(artifactsDir, `${keepAs}.png`), png);
  }
  return png;
}

describe.skipIf(browserMissingLocally)('Export PNG and the report route in the web face (demo network)', { timeout: 300_000 }, () => {
  let serve: RunningServe;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    serve = await startServe();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
    await openMap(page, serve.url);
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('Export PNG is offered only once there is an answer', async () => {
    await expect(page.getByTestId('export-png').isDisabled()).resolves.toBe(true);
  });

  it('after tracing F1 (prod-api-1 -> prod-cache tcp 6379), downloads a 2x report with the drop marker', async () => {
    await page.getByTestId('query-from').fill('i-0de00000000000105');
    await page.getByTestId('query-to').fill('i-0de0000000000010a');
    await page.getByTestId('query-port').fill('6379');
    await page.getByTestId('query-run').click();
    await expect(page.getByTestId('verdict').textContent()).resolves.toContain('Unreachable');
    const png = await exportPng(page, 'report-ui-blocked', 'reachmap-i-0de00000000000105-to-i-0de0000000000010a-tcp-6379.png');
    await expect(page.getByTestId('export-status').textContent()).resolves.toBe('PNG downloaded');
    await screenshot(page, 'report-ui-export-button');
    const facts = pngFacts(png);
    console.log(`UI export, blocked flow: ${facts.width}x${facts.height}, grey variance ${facts.greyVariance.toFixed(0)}, drop-red pixels ${facts.dropRedPixels}`);
    // The report is 1200 CSS px wide, exported at 2 device px each.
    expect(facts.width).toBe(2400);
    expect(facts.height).toBeGreaterThan(2400);
    expect(facts.greyVariance).toBeGreaterThan(100);
    expect(facts.dropRedPixels).toBeGreaterThan(1000);
    // Deterministic: the same question exported again is the same picture.
    const again = await exportPng(page);
    expect(again.equals(png)).toBe(true);
  });

  it('the exposure view exports a report with no drop marker', async () => {
    await page.getByTestId('tab-exposure').click();
    await page.getByTestId('exposure-table').waitFor();
    const facts = pngFacts(await exportPng(page, 'report-ui-exposure'));
    console.log(`UI export, exposure: ${facts.width}x${facts.height}, drop-red pixels ${facts.dropRedPixels}`);
    expect(facts.width).toBe(2400);
    expect(facts.greyVariance).toBeGreaterThan(100);
    expect(facts.dropRedPixels).toBe(0);
  });

  it('the report route with redact=1 shows no account id and no public address', async () => {
    const report = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await report.addInitScript(KEEP_NAMES_SHIM);
    await report.goto(pageAt(serve, '#/report?from=internet&to=i-0de00000000000102&protocol=tcp&port=443&redact=1'));
    await report.waitForFunction(() => Boolean((globalThis as unknown as ReportPageGlobals).document.body.dataset.reportState), undefined, { timeout: 120_000 });
    const { state, text } = await report.evaluate(() => {
      const g = globalThis as unknown as ReportPageGlobals;
      return { state: g.document.body.dataset.reportState, text: g.document.querySelector('#reachmap-report')?.textContent ?? '' };
    });
    expect(state).toBe('ready');
    // R1 is reachable: prod-web-1 through its Elastic IP 203.0.113.11, masked here.
    expect(text).toContain('Reachable');
    expect(text).toContain('prod-web-1');
    expect(text).toContain('acct-1');
    expect(text).toMatch(/public-ip-\d/);
    expect(text).not.toContain('111122223333');
    expect(text).not.toMatch(/203\.0\.113\.\d/);
    await report.close();
  });

  it('a diagnosis report carries its family: prod-status over IPv6 is asked and answered at its IPv6 address (F11\'s machine)', async () => {
    const report = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await report.addInitScript(KEEP_NAMES_SHIM);
    const textOf = async (hash: string) => {
      await report.goto(pageAt(serve, hash));
      await report.waitForFunction(() => (globalThis as unknown as ReportPageGlobals).document.body.dataset.reportState === 'ready', undefined, { timeout: 120_000 });
      return (await report.locator('#reachmap-report').textContent()) ?? '';
    };
    // assets/demo/README.md: prod-status holds 10.0.40.10 and 2600:1f18:4de0:119::10
    const ipv6 = await textOf('#/report?diagnose=prod-status&family=ipv6&port=22');
    expect(ipv6).toContain('Why can prod-status not be reached on port 22 over IPv6?');
    expect(ipv6).toContain('2600:1f18:4de0:119::10');
    const ipv4 = await textOf('#/report?diagnose=prod-status&port=22');
    expect(ipv4).toContain('Why can prod-status not be reached on port 22?');
    await report.close();
  });

  it('the report through acme-prod-alb lists each target with AWS\'s health and the network\'s answer for its health check (F10); redacted, it leaks nothing', async () => {
    const report = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await report.addInitScript(KEEP_NAMES_SHIM);
    const blocks = async (hash: string) => {
      await report.goto(pageAt(serve, hash));
      await report.waitForFunction(() => Boolean((globalThis as unknown as ReportPageGlobals).document.body.dataset.reportState), undefined, { timeout: 120_000 });
      return { all: (await report.locator('#reachmap-report').textContent()) ?? '', targets: await report.getByTestId('report-lb-target').allTextContents() };
    };
    const plain = await blocks('#/report?from=internet&to=acme-prod-alb&protocol=tcp&port=443');
    // assets/demo/README.md: acme-prod-api-tg holds prod-api-1, -2 (unhealthy, Target.Timeout) and -3 (unused, stopped);
    // its check is HTTP /health on 8081, which acme-prod-api (sg-0de00000000000103) does not admit from the ALB's nodes
    expect(plain.targets).toHaveLength(3);
    expect(plain.targets[0]).toContain('prod-api-1');
    expect(plain.targets[0]).toContain('unhealthy (Target.Timeout)');
    expect(plain.targets[0]).toContain('HTTP /health on port 8081: the network drops it');
    expect(plain.targets[0]).toContain('ENI_SG_RULES_MISMATCH');
    expect(plain.targets[0]).toContain('sg-0de00000000000103');
    expect(plain.targets[0]).toContain('from the security group acme-prod-alb (sg-0de00000000000107)');
    expect(plain.targets[0]).toContain('outside the network');
    expect(plain.targets[1]).toContain('prod-api-2');
    expect(plain.targets[2]).toContain('prod-api-3');
    expect(plain.targets[2]).toContain('unused (Target.InvalidState)');
    const redacted = await blocks('#/report?from=internet&to=acme-prod-alb&protocol=tcp&port=443&redact=1');
    expect(redacted.targets).toHaveLength(3);
    expect(redacted.all).not.toContain('111122223333');
    expect(redacted.all).not.toMatch(/203\.0\.113\.\d/);
    await report.close();
  });
});
