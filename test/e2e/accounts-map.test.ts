// Accounts on the map (issue 18, point 6), in Chromium through the web face.
// The demo holds two accounts (assets/demo/README.md, scripts/make-demo.ts):
// the workload account 111122223333 with acme-prod (vpc-0de00000000000100) and
// acme-shared-services (vpc-0de00000000000200) in us-east-1 and acme-analytics
// (vpc-0de00000000000300) in eu-west-1, and the network account 444455556666
// with acme-network (vpc-0de00000000000500) in us-east-1, peered with acme-prod
// by pcx-0de00000000000501. Expected boxes are read off that, by hand.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserMissingLocally, mapStill, nodeClasses, screenshot } from './helpers/browser.js';
import { demoMapForSuite } from './helpers/demo-map.js';
import { repoRoot } from './helpers/serve.js';

const WORKLOAD = '111122223333';
const NETWORK = '444455556666';
const ACME_PROD = 'vpc-0de00000000000100';
const ACME_SHARED = 'vpc-0de00000000000200';
const ACME_ANALYTICS = 'vpc-0de00000000000300';
const ACME_NETWORK = 'vpc-0de00000000000500';

/** the account, region and VPC boxes on the map now */
function boxesShown(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cy = (globalThis as unknown as { __reachmap: { cy: import('cytoscape').Core } }).__reachmap.cy;
    return cy
      .nodes('.container')
      .filter((node) => ['account', 'region', 'vpc'].includes(String(node.data('kind'))))
      .map((node) => node.id())
      .sort();
  });
}

async function chooseFilters(page: Page, account: string, region: string): Promise<void> {
  await page.getByTestId('filter-account').selectOption(account);
  await page.getByTestId('filter-region').selectOption(region);
  await mapStill(page);
}

describe.skipIf(browserMissingLocally)('the account and region filters together (demo network)', { timeout: 180_000 }, () => {
  const demo = demoMapForSuite();

  it('offers both accounts and both regions', async () => {
    const page = demo.page;
    const accounts = await page.getByTestId('filter-account').locator('option').evaluateAll((options) => options.map((o) => o.getAttribute('value')));
    expect(accounts).toEqual(['', `account:${WORKLOAD}`, `account:${NETWORK}`]);
    const regions = await page.getByTestId('filter-region').locator('option').evaluateAll((options) => options.map((o) => o.getAttribute('value')));
    expect(regions).toEqual(['', 'eu-west-1', 'us-east-1']);
  });

  it('the workload account in us-east-1: its two VPCs there, not acme-analytics (eu-west-1) nor the network account', async () => {
    const page = demo.page;
    await chooseFilters(page, `account:${WORKLOAD}`, 'us-east-1');
    expect(await boxesShown(page)).toEqual([`account:${WORKLOAD}`, `region:${WORKLOAD}/us-east-1`, ACME_PROD, ACME_SHARED].sort());
    await screenshot(page, 'e2e-18-filter-workload-us-east-1');
  });

  it('the network account keeps us-east-1, which it has: acme-network alone; it offers only the regions it has', async () => {
    const page = demo.page;
    await page.getByTestId('filter-account').selectOption(`account:${NETWORK}`);
    await mapStill(page);
    await expect(page.getByTestId('filter-region').inputValue()).resolves.toBe('us-east-1');
    const regions = await page.getByTestId('filter-region').locator('option').evaluateAll((options) => options.map((o) => o.getAttribute('value')));
    expect(regions).toEqual(['', 'us-east-1']);
    expect(await boxesShown(page)).toEqual([`account:${NETWORK}`, `region:${NETWORK}/us-east-1`, ACME_NETWORK].sort());
    await screenshot(page, 'e2e-18-filter-network');
  });

  it('eu-west-1 in every account: the workload account\'s acme-analytics only (the network account has no eu-west-1)', async () => {
    const page = demo.page;
    await chooseFilters(page, '', 'eu-west-1');
    expect(await boxesShown(page)).toEqual([`account:${WORKLOAD}`, `region:${WORKLOAD}/eu-west-1`, ACME_ANALYTICS].sort());
    await screenshot(page, 'e2e-18-filter-eu-west-1');
    await chooseFilters(page, '', '');
    expect(await boxesShown(page)).toHaveLength(2 + 3 + 4);
  });

  it('finding a machine the filters hide lifts them: prod-web-1 (workload account) searched while the network account is shown', async () => {
    const page = demo.page;
    await chooseFilters(page, `account:${NETWORK}`, 'us-east-1');
    expect(await boxesShown(page)).not.toContain(ACME_PROD);
    // prod-web-1 is eni-0de00000000000102 in acme-prod (assets/demo)
    await page.getByTestId('search').fill('prod-web-1');
    await page.getByTestId('search-results').locator('li[data-id="eni-0de00000000000102"]').click();
    await mapStill(page);
    await expect(page.getByTestId('filter-account').inputValue()).resolves.toBe('');
    await expect(page.getByTestId('filter-region').inputValue()).resolves.toBe('');
    expect(await boxesShown(page)).toContain(ACME_PROD);
    expect(await nodeClasses(page, 'eni-0de00000000000102')).not.toEqual([]);
  });
});

/**
 * The demo as collected when the network account's role could not be assumed: nothing of it, and an
 * account-wide error (region "*"). The workload account still lists pcx-0de00000000000501, whose
 * requester is acme-network of 444455556666.
 */
function networkAccountUnreadable(): string {
  const demo = JSON.parse(readFileSync(path.join(repoRoot, 'assets', 'demo', 'demo-snapshot.json'), 'utf8'));
  delete demo.accounts[NETWORK];
  demo.errors.push({ account: NETWORK, region: '*', api: 'sts:AssumeRole', code: 'AccessDenied', message: `not authorized to assume arn:aws:iam::${NETWORK}:role/ReachmapRead` });
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'reachmap-e2e-')), 'network-account-unreadable.json');
  writeFileSync(file, JSON.stringify(demo));
  return file;
}

describe.skipIf(browserMissingLocally)('a component of an account the snapshot could not read', { timeout: 180_000 }, () => {
  const unreadable = demoMapForSuite(undefined, () => ['--snapshot', networkAccountUnreadable()]);

  it('draws acme-network as a "not collected" node with the account id, in that account\'s box, peered with acme-prod', async () => {
    const page = unreadable.page;
    const node = await page.evaluate((id) => {
      const cy = (globalThis as unknown as { __reachmap: { cy: import('cytoscape').Core } }).__reachmap.cy;
      const n = cy.getElementById(id);
      let account = '';
      // boxes are plain nodes drawn behind their contents: containment is data.parentId
      for (let parent = cy.getElementById(String(n.data('parentId'))); parent.nonempty(); parent = cy.getElementById(String(parent.data('parentId') ?? ''))) {
        if (parent.data('kind') === 'account') account = parent.id();
      }
      const linked = n.connectedEdges().map((e) => [e.source().id(), e.target().id()].join('>'));
      return { exists: n.nonempty(), label: String(n.data('label')), account, linked };
    }, ACME_NETWORK);
    expect(node.exists).toBe(true);
    expect(node.label).toContain('not collected');
    expect(node.label).toContain(NETWORK);
    expect(node.account).toBe(`account:${NETWORK}`);
    expect(node.linked).toContain(`${ACME_NETWORK}>pcx-0de00000000000501`);
    expect(await nodeClasses(page, ACME_NETWORK)).toContain('missing');
    // its account's box holds that one node, yet its title is drawn whole: the text, measured in the page's font, fits the width allowed
    const title = await page.evaluate((id) => {
      const g = globalThis as unknown as { __reachmap: { cy: import('cytoscape').Core }; document: { createElement(tag: 'canvas'): { getContext(kind: '2d'): { font: string; measureText(text: string): { width: number } } } } };
      const t = g.__reachmap.cy.getElementById(`title:${id}`);
      const context = g.document.createElement('canvas').getContext('2d');
      context.font = `${String(t.style('font-weight'))} ${String(t.style('font-size'))} ${String(t.style('font-family'))}`;
      return { label: String(t.data('label')), width: context.measureText(String(t.data('label'))).width, max: parseFloat(String(t.style('text-max-width'))) };
    }, `account:${NETWORK}`);
    expect(title.label).toBe(`Account ${NETWORK}`);
    expect(title.width).toBeLessThanOrEqual(title.max);
    // found by its account id, and shown close enough to read
    await page.getByTestId('search').fill(NETWORK);
    await page.getByTestId('search-results').locator(`li[data-id="${ACME_NETWORK}"]`).click();
    await mapStill(page);
    const drawn = await page.evaluate((id) => {
      const cy = (globalThis as unknown as { __reachmap: { cy: import('cytoscape').Core } }).__reachmap.cy;
      const n = cy.getElementById(id);
      return { visible: n.visible(), label: String(n.style('label')), px: parseFloat(String(n.style('font-size'))) * cy.zoom() };
    }, ACME_NETWORK);
    expect(drawn.visible).toBe(true);
    expect(drawn.label).toContain(`not collected: account ${NETWORK}`);
    expect(drawn.px).toBeGreaterThanOrEqual(11);
    // picked, the inspector says whose it is instead of "no component"
    const inspector = page.getByTestId('inspector');
    await inspector.getByText(`account ${NETWORK} is not in this snapshot`, { exact: false }).waitFor();
    await expect(inspector.locator('.error-text').count()).resolves.toBe(0);
    await screenshot(page, 'e2e-18-not-collected');
  });
});
