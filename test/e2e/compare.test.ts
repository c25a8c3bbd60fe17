// Issue 19, Compare with…, in Debian's Chromium against `reachmap serve` on
// the demo: the open demo is compared with an earlier copy made on purpose
// (the database admitted the API tier only later, a subnet was added, an
// interface deleted). The panel lists the intents the change fixed and every
// component change; the map marks what it draws; selecting a change shows its
// before and after. Expected values are read from the demo's data.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissingLocally, launchBrowser, openMap, screenshot, type PageGlobals } from './helpers/browser.js';
import { repoRoot, startServe, type RunningServe } from './helpers/serve.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** the demo as it was "yesterday": sg-...104 without 5432 from the API tier, no subnet shared-tgw-b, one more interface */
function yesterday(dir: string): string {
  const raw = JSON.parse(readFileSync(path.join(repoRoot, 'assets/demo/demo-snapshot.json'), 'utf8')) as Json;
  const east = raw.accounts['111122223333']['us-east-1'];
  const db = east.SecurityGroups.find((g: Json) => g.GroupId === 'sg-0de00000000000104');
  const postgres = db.IpPermissions.find((p: Json) => p.FromPort === 5432);
  postgres.UserIdGroupPairs = postgres.UserIdGroupPairs.filter((pair: Json) => pair.GroupId !== 'sg-0de00000000000103');
  east.Subnets = east.Subnets.filter((s: Json) => s.SubnetId !== 'subnet-0de00000000000215');
  const spare = structuredClone(east.NetworkInterfaces.find((e: Json) => e.NetworkInterfaceId === 'eni-0de00000000000107'));
  spare.NetworkInterfaceId = 'eni-0de00000000000fff';
  spare.PrivateIpAddress = '10.0.10.99';
  spare.PrivateIpAddresses = [{ PrivateIpAddress: '10.0.10.99', Primary: true }];
  delete spare.Attachment;
  spare.Status = 'available';
  spare.TagSet = [{ Key: 'Name', Value: 'old-spare' }];
  east.NetworkInterfaces.push(spare);
  const file = path.join(dir, 'yesterday.json');
  writeFileSync(file, JSON.stringify(raw));
  return file;
}

describe.skipIf(browserMissingLocally)('issue 19: Compare with… (demo network)', { timeout: 180_000 }, () => {
  let serve: RunningServe;
  let browser: Browser;
  let page: Page;
  let oldFile: string;

  beforeAll(async () => {
    oldFile = yesterday(mkdtempSync(path.join(tmpdir(), 'reachmap-compare-e2e-')));
    browser = await launchBrowser();
    serve = await startServe();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await openMap(page, serve.url);
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('an unreadable other snapshot is said so, naming the file', async () => {
    await page.getByTestId('open-compare').click();
    await page.getByTestId('compare-path').fill('/nonexistent/older.json');
    await page.getByTestId('compare-run').click();
    await expect(page.getByTestId('compare-error').textContent()).resolves.toContain('/nonexistent/older.json');
  });

  it('lists the changes and the intents they fixed, marks the map, and shows a change before and after', async () => {
    await page.getByTestId('compare-path').fill(oldFile);
    await page.getByTestId('compare-other-is').selectOption('old');
    await page.getByTestId('compare-intents').fill(path.join(repoRoot, 'docs/examples/demo-intents.yaml'));
    await page.getByTestId('compare-run').click();
    const summary = page.getByTestId('compare-summary');
    await summary.waitFor();
    await expect(summary.textContent()).resolves.toContain('3 components changed (1 added, 1 removed, 1 modified)');

    // the API servers (sg-...103) reach the databases only since the rule was added: those two intents, fixed;
    // and the transit gateway attachment acme-tgw-shared names subnet shared-tgw-b (us-east-1b) for its zone:
    // without it prod-api-1 (us-east-1b) could not be traced across, so the artifacts intent was fixed by the new subnet
    const flips = await page.getByTestId('compare-flip').allTextContents();
    expect(flips).toHaveLength(3);
    expect(flips[0]).toMatch(/^fixed prod-api-1 writes to the primary database: .*ingress tcp 5432 from sg-0de00000000000103 added/);
    expect(flips[1]).toMatch(/^fixed prod-api-2 reads from the replica: .*ingress tcp 5432 from sg-0de00000000000103 added/);
    expect(flips[2]).toMatch(/^fixed prod-api-1 fetches artifacts across the transit gateway: .*subnet subnet-0de00000000000215 \(shared-tgw-b\) created/);

    const changes = page.getByTestId('compare-change');
    const listed = await changes.evaluateAll((items) => items.map((item) => [item.getAttribute('data-change'), item.getAttribute('data-id')]));
    // in the snapshot format's order of lists: subnets, security groups, interfaces
    expect(listed).toEqual([
      ['added', 'subnet-0de00000000000215'],
      ['modified', 'sg-0de00000000000104'],
      ['removed', 'eni-0de00000000000fff'],
    ]);

    // the map marks what it draws: the new subnet, and the database interfaces that hold the changed group
    await page.getByTestId('legend-compare').waitFor();
    const classes = await page.evaluate(() => {
      const cy = (globalThis as unknown as PageGlobals).__reachmap!.cy;
      return Object.fromEntries(['subnet-0de00000000000215', 'eni-0de00000000000108', 'eni-0de00000000000109', 'eni-0de00000000000105'].map((id) => [id, cy.getElementById(id).classes()]));
    });
    expect(classes['subnet-0de00000000000215']).toContain('diff-added');
    expect(classes['eni-0de00000000000108']).toContain('diff-modified');
    expect(classes['eni-0de00000000000109']).toContain('diff-modified');
    expect(classes['eni-0de00000000000105']).not.toContain('diff-modified');

    await page.locator('[data-testid="compare-change"][data-id="sg-0de00000000000104"]').click();
    const detail = page.getByTestId('compare-detail');
    await detail.waitFor();
    const rows = await page.getByTestId('compare-edit').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td"), (td) => td.textContent)));
    expect(rows).toEqual([['rule added', '—', 'ingress tcp 5432 from sg-0de00000000000103']]);
    const shot = await screenshot(page, 'compare-with');
    console.log(`screenshot: ${shot}`);
  });
});
