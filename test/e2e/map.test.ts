// The map, driven in Debian's Chromium against `reachmap serve` on the demo.
// Expected values come from assets/demo/demo-snapshot.json, read by hand
// (ids, addresses, rules) and from the faults its generator plants
// (scripts/make-demo.ts), never from our own output.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissingLocally, launchBrowser, nodeClasses, openMap, screenshot, type PageGlobals } from './helpers/browser.js';
import { repoRoot, startServe, type RunningServe } from './helpers/serve.js';



describe.skipIf(browserMissingLocally)('the map in a browser (demo network)', { timeout: 180_000 }, () => {
  let serve: RunningServe;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    serve = await startServe();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('opens the demo: its counts in the header, its instances on the map', async () => {
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await openMap(page, serve.url);
    await expect(page.getByTestId('snapshot-summary').textContent()).resolves.toContain('4 VPCs · 19 subnets · 25 instances · 34 ENIs');
    // (the workload account's three VPCs and the network account's acme-network)
    // prod-web-1 is i-0de00000000000102 with ENI eni-0de00000000000102, 10.0.0.21 / 203.0.113.11, in prod-public-a.
    const label = await page.evaluate(() => {
      const cy = (globalThis as unknown as PageGlobals).__reachmap!.cy;
      const node = cy.getElementById('eni-0de00000000000102');
      return { label: node.data('label'), parent: node.data('parentId') };
    });
    expect(label.label).toContain('prod-web-1');
    expect(label.label).toContain('10.0.0.21');
    expect(label.parent).toBe('subnet-0de00000000000111');
    // The token left the address bar once read.
    expect(page.url()).not.toContain('token=');
    await screenshot(page, 'e2e-01-demo-opens');
  });

  it('search finds an instance by its private address and opens it in the inspector', async () => {
    await page.getByTestId('search').fill('10.0.20.21');
    const results = page.getByTestId('search-results');
    await expect(results.locator('li').first().getAttribute('data-id')).resolves.toBe('eni-0de0000000000010a');
    await expect(results.textContent()).resolves.toContain('prod-cache');
    await screenshot(page, 'e2e-02-search');
    await results.locator('li').first().click();
    const inspector = page.getByTestId('inspector');
    await inspector.getByText('prod-cache', { exact: true }).waitFor();
    await expect(inspector.textContent()).resolves.toContain('i-0de0000000000010a (running)');
    // The cache's group opens only 6380 (the planted fault): its inbound rules say so.
    await expect(inspector.getByTestId('table-sg-0de00000000000105: Inbound rules').textContent()).resolves.toMatch(/tcp\s*6380/);
  });

  it('inspector lists the subnet ACL entries in rule-number order', async () => {
    // prod-web-1's subnet uses acme-prod-public-acl (acl-0de00000000000102), inbound rules
    // 100 tcp 443, 110 tcp 80, 120 tcp 22, 130 all from 10.0.0.0/8, 140 tcp 1024-65535, then the default denies (*):
    // IPv4's, and IPv6's (prod has an IPv6 block, assets/demo/README.md).
    await page.getByTestId('search').fill('prod-web-1');
    await page.getByTestId('search-results').locator('li[data-id="eni-0de00000000000102"]').click();
    const table = page.getByTestId('inspector').getByTestId('table-acl-0de00000000000102: Inbound entries');
    await table.waitFor();
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent)));
    expect(rows).toEqual([
      ['100', 'tcp', '443', '0.0.0.0/0', 'ALLOW'],
      ['110', 'tcp', '80', '0.0.0.0/0', 'ALLOW'],
      ['120', 'tcp', '22', '0.0.0.0/0', 'ALLOW'],
      ['130', 'all', 'all', '10.0.0.0/8', 'ALLOW'],
      ['140', 'tcp', '1024-65535', '0.0.0.0/0', 'ALLOW'],
      ['*', 'all', 'all', '0.0.0.0/0', 'DENY'],
      ['*', 'all', 'all', '::/0', 'DENY'],
    ]);
    await screenshot(page, 'e2e-03-inspector-acl');
  });

  it('a planted fault asked through the UI: the drop is marked on the map with its reason and fix', async () => {
    // Planted in the demo: prod-cache listens on 6379 but its group acme-prod-cache (sg-0de00000000000105)
    // admits only 6380 from the API tier. From prod-api-1 (typed by name) to prod-cache (picked on the map).
    await page.getByTestId('tab-trace').click();
    await page.getByTestId('query-from').fill('prod-api-1');
    await page.locator('button[title="Pick on the map"]').nth(1).click();
    // Picking closes the inspector the previous test left open: the map widens, its toolbar re-wraps and the view
    // moves. Read the node's position only once the view has held still for a few polls (a person clicks then too).
    await page.waitForFunction(
      () => {
        const globals = globalThis as unknown as PageGlobals & { __mapState?: string; __mapStill?: number };
        const cy = globals.__reachmap!.cy as unknown as { pan(): { x: number; y: number }; zoom(): number; container(): { getBoundingClientRect(): { top: number; left: number; width: number; height: number } } | null };
        const rect = cy.container()!.getBoundingClientRect();
        const state = JSON.stringify([cy.pan(), cy.zoom(), rect.top, rect.left, rect.width, rect.height]);
        globals.__mapStill = state === globals.__mapState ? (globals.__mapStill ?? 0) + 1 : 0;
        globals.__mapState = state;
        return globals.__mapStill >= 3;
      },
      undefined,
      { polling: 100 },
    );
    const position = await page.evaluate(() => {
      const cy = (globalThis as unknown as PageGlobals).__reachmap!.cy;
      return cy.getElementById('eni-0de0000000000010a').renderedPosition();
    });
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.click(box.x + position.x, box.y + position.y);
    await expect(page.getByTestId('query-to').inputValue()).resolves.toBe('eni-0de0000000000010a');
    await page.getByTestId('query-port').fill('6379');
    await page.getByTestId('query-run').click();
    await page.getByTestId('verdict').waitFor();
    await expect(page.getByTestId('verdict').textContent()).resolves.toContain('Unreachable');
    await expect(page.getByTestId('drop-code').textContent()).resolves.toBe('ENI_SG_RULES_MISMATCH');
    await expect(page.getByTestId('drop-component').textContent()).resolves.toContain('sg-0de00000000000105');
    const fix = await page.getByTestId('fix-command').textContent();
    expect(fix).toContain('authorize-security-group-ingress');
    expect(fix).toContain('--group-id sg-0de00000000000105');
    expect(fix).toContain('6379');
    // On the map: the cache's ENI is the red drop node, with the callout beside it; the API's ENI is on the path.
    expect(await nodeClasses(page, 'eni-0de0000000000010a')).toContain('drop');
    expect(await nodeClasses(page, 'eni-0de00000000000105')).toContain('on-path');
    await expect(page.getByTestId('map-callout').textContent()).resolves.toContain('ENI_SG_RULES_MISMATCH');
    // Hovering the last forward hop (the group's ingress check) lights the cache's node.
    await page.getByTestId('hops-forward').locator('li').last().hover();
    expect(await nodeClasses(page, 'eni-0de0000000000010a')).toContain('hop-hover');
    await screenshot(page, 'e2e-04-planted-fault');
  });

  it('a reachable flow draws the forward and the return path, distinctly', async () => {
    // prod-web-1 (203.0.113.11) opens 443 to 0.0.0.0/0; its subnet routes 0.0.0.0/0 to acme-prod-igw and its ACL allows 443 in, all out.
    await page.getByTestId('query-from').fill('internet');
    await page.getByTestId('query-to').fill('prod-web-1');
    await page.getByTestId('query-port').fill('443');
    await page.getByTestId('query-run').click();
    // by its class: a text match on "Reachable" also finds the previous flow's "Unreachable" before this answer arrives
    await page.locator('[data-testid="verdict"].reachable').waitFor();
    await expect(page.getByTestId('hops-return').locator('li').count()).resolves.toBeGreaterThan(1);
    const paths = await page.evaluate(() => {
      const cy = (globalThis as unknown as PageGlobals).__reachmap!.cy;
      return { forward: cy.edges('edge.path.forward').map((e) => [e.data('source'), e.data('target')]), back: cy.edges('edge.path.return').map((e) => [e.data('source'), e.data('target')]) };
    });
    expect(paths.forward).toContainEqual(['internet', 'igw-0de00000000000100']);
    expect(paths.forward).toContainEqual(['igw-0de00000000000100', 'eni-0de00000000000102']);
    expect(paths.back).toContainEqual(['eni-0de00000000000102', 'igw-0de00000000000100']);
    expect(paths.back).toContainEqual(['igw-0de00000000000100', 'internet']);
    expect(await nodeClasses(page, 'eni-0de00000000000102')).not.toContain('drop');
    await screenshot(page, 'e2e-04b-reachable');
  });

  it('diagnose walks the layers for an instance and stops at the planted fault', async () => {
    // Planted: prod-web-3 (i-0de00000000000104) sits in the public subnet prod-public-b but has no public IP.
    await page.getByTestId('tab-diagnose').click();
    await page.getByTestId('diagnose-target').fill('prod-web-3');
    await page.getByTestId('diagnose-run').click();
    const panel = page.getByTestId('diagnose');
    await panel.waitFor();
    const failed = await panel.locator('li.check[data-status="fail"] .title').allTextContents();
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]).toMatch(/public|Elastic IP/i);
    // acme-prod-web admits 80 as well as 443 from anywhere: an Elastic IP would expose more than asked, so the fix says no single change is safe
    await expect(panel.textContent()).resolves.toContain('no single change is safe');
    expect(await nodeClasses(page, 'eni-0de00000000000104')).toContain('drop');
    await screenshot(page, 'e2e-07-diagnose');
  });

  it('the exposure view lists the instances the internet reaches', async () => {
    await page.getByTestId('tab-exposure').click();
    const table = page.getByTestId('exposure-table');
    await table.waitFor();
    const enis = await table.locator('tbody tr[data-eni]').evaluateAll((trs) => [...new Set(trs.map((tr) => tr.getAttribute('data-eni')))]);
    // prod-web-1 and prod-web-2 hold public IPs, sit in prod-public-a/b (0.0.0.0/0 -> igw), and their group
    // opens 443 and 80 to 0.0.0.0/0 through an ACL allowing both. prod-web-3 has no public IP; prod-api-1 none either.
    expect(enis).toContain('eni-0de00000000000102');
    expect(enis).toContain('eni-0de00000000000103');
    expect(enis).not.toContain('eni-0de00000000000104');
    expect(enis).not.toContain('eni-0de00000000000105');
    expect(await nodeClasses(page, 'eni-0de00000000000102')).toContain('exposed');
    await screenshot(page, 'e2e-05-exposure');
  });
});

describe.skipIf(browserMissingLocally)('a snapshot that fails to import', { timeout: 180_000 }, () => {
  let serve: RunningServe;
  let browser: Browser;
  let badFile: string;

  beforeAll(async () => {
    // The demo with one subnet CIDR made impossible: /33.
    const demo = JSON.parse(readFileSync(path.join(repoRoot, 'assets', 'demo', 'demo-snapshot.json'), 'utf8'));
    demo.accounts['111122223333']['us-east-1'].Subnets[2].CidrBlock = '10.0.10.0/33';
    badFile = path.join(mkdtempSync(path.join(tmpdir(), 'reachmap-e2e-')), 'broken-snapshot.json');
    writeFileSync(badFile, JSON.stringify(demo));
    browser = await launchBrowser();
    serve = await startServe(['--snapshot', badFile]);
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('shows the file, the field and the value in the page', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
    await page.goto(serve.url);
    const message = page.getByTestId('error-message');
    await message.waitFor();
    const text = await message.textContent();
    expect(text).toContain('broken-snapshot.json');
    expect(text).toContain('Subnets[2].CidrBlock');
    expect(text).toContain('10.0.10.0/33');
    await expect(page.getByTestId('state-error').textContent()).resolves.toContain('could not be opened');
    await screenshot(page, 'e2e-06-bad-snapshot');
  });
});
