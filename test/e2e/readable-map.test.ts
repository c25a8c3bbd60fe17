// A map a person can read, measured in Chromium through the web face: the
// size labels are drawn at on screen, the cards shown zoomed out, where a
// trace and its callout land, what a drag and the collapse buttons do.
// Expected names come from assets/demo/README.md (the demo's VPCs and
// regions) and from test/bench/synthetic.ts (its regions), never from our
// own output.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissingLocally, launchBrowser, mapStill, openMap, screenshot } from './helpers/browser.js';
import { startServe, type RunningServe } from './helpers/serve.js';
import { generateSnapshot } from '../bench/synthetic.js';

/** the smallest label a person reads without effort, in screen pixels (issue 15) */
const LEGIBLE_PX = 11;

interface DrawnLabel {
  id: string;
  text: string;
  px: number;
}

/** every label Cytoscape draws now: on a node that is displayed, with a non-empty label; its size on screen is font size × zoom */
function drawnLabels(page: Page): Promise<DrawnLabel[]> {
  return page.evaluate(() => {
    const cy = (globalThis as unknown as { __reachmap: { cy: import('cytoscape').Core } }).__reachmap.cy;
    const zoom = cy.zoom();
    return cy
      .nodes()
      .filter((node) => node.visible() && Boolean(node.style('label')))
      .map((node) => ({ id: node.id(), text: String(node.style('label')), px: parseFloat(String(node.style('font-size'))) * zoom }));
  });
}

interface Viewport {
  w: number;
  h: number;
  pan: { x: number; y: number };
  zoom: number;
}

function viewport(page: Page): Promise<Viewport> {
  return page.evaluate(() => {
    const cy = (globalThis as unknown as { __reachmap: { cy: import('cytoscape').Core } }).__reachmap.cy;
    return { w: cy.width(), h: cy.height(), pan: cy.pan(), zoom: cy.zoom() };
  });
}

function expectAllLegible(labels: DrawnLabel[]): void {
  const small = labels.filter((label) => label.px < LEGIBLE_PX - 1e-6);
  expect(small, `labels drawn below ${LEGIBLE_PX} px: ${JSON.stringify(small.slice(0, 5))}`).toEqual([]);
}

describe.skipIf(browserMissingLocally)('a map you can read (demo network)', { timeout: 240_000 }, () => {
  let serve: RunningServe;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    serve = await startServe();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await openMap(page, serve.url);
    await mapStill(page);
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('first view: every label drawn is at least 11 px, and the three VPCs read as cards', async () => {
    const labels = await drawnLabels(page);
    expectAllLegible(labels);
    // The demo's VPCs and their regions (assets/demo/README.md): each drawn as a card with its name, CIDR and
    // counts, or inside its region's card, which counts it (a small region reads as one card first).
    const texts = labels.map((l) => l.text);
    let vpcCards = 0;
    for (const [name, cidr, region] of [['acme-prod', '10.0.0.0/16', 'us-east-1'], ['acme-shared-services', '10.1.0.0/16', 'us-east-1'], ['acme-analytics', '10.20.0.0/16', 'eu-west-1']]) {
      const card = texts.find((text) => text.split('\n')[0] === `VPC ${name}`);
      const regionCard = texts.find((text) => text.split('\n')[0] === `Region ${region}` && /\d+ VPCs?/.test(text));
      expect(card ?? regionCard, `${name} or its region ${region} as a card`).toBeDefined();
      if (card) {
        vpcCards++;
        expect(card).toContain(cidr);
        expect(card).toMatch(/\d+ subnets?/);
      }
    }
    expect(vpcCards).toBeGreaterThanOrEqual(2);
    // both accounts named (assets/demo/README.md): the network account's small box says at least what it is
    expect(texts.some((t) => t.startsWith('Account 111122223333'))).toBe(true);
    expect(texts.some((t) => t.startsWith('Account 444455556666'))).toBe(true);
    // and both regions named, as titles or cards
    expect(texts.some((t) => t.startsWith('Region us-east-1'))).toBe(true);
    expect(texts.some((t) => t.startsWith('Region eu-west-1'))).toBe(true);
    await screenshot(page, 'e2e-20-first-view-demo');
  });

  it('zooming in replaces the cards by what they hold, every label still at least 11 px', async () => {
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 6; i++) {
      await page.mouse.wheel(0, -100);
      await page.waitForTimeout(60);
    }
    await mapStill(page);
    const labels = await drawnLabels(page);
    expectAllLegible(labels);
    // at 1.2^6 ≈ 3× the first zoom the VPCs are open: their titles are drawn instead of their cards
    expect(labels.some((l) => /^VPC · /.test(l.text))).toBe(true);
    await screenshot(page, 'e2e-21-zoomed-in-demo');
  });

  it('a drag that starts inside a box pans the map and moves no node', async () => {
    // a point inside acme-prod's box that is on no leaf: the middle of the gap between its two zones' columns
    const before = await page.evaluate(() => {
      const cy = (globalThis as unknown as { __reachmap: { cy: import('cytoscape').Core } }).__reachmap.cy;
      cy.zoom(1);
      const vpc = cy.getElementById('vpc-0de00000000000100');
      cy.center(vpc);
      const bb = vpc.renderedBoundingBox({ includeLabels: false });
      return {
        start: { x: bb.x1 + 8, y: (bb.y1 + bb.y2) / 2 },
        node: cy.getElementById('eni-0de00000000000102').position(),
        pan: cy.pan(),
        hit: cy.getElementById('vpc-0de00000000000100').visible(),
      };
    });
    expect(before.hit).toBe(true);
    const map = (await page.getByTestId('map').boundingBox())!;
    const start = { x: map.x + before.start.x, y: map.y + before.start.y };
    expect(start.y).toBeLessThan(map.y + map.height);
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(start.x + 12 * i, start.y + 5 * i);
    await page.mouse.up();
    const after = await page.evaluate(() => {
      const cy = (globalThis as unknown as { __reachmap: { cy: import('cytoscape').Core } }).__reachmap.cy;
      return { node: cy.getElementById('eni-0de00000000000102').position(), pan: cy.pan() };
    });
    // the view moved with the pointer (120, 50 px, less Cytoscape's few pixels of drag threshold); the node stayed where it was on the map
    expect(after.pan.x - before.pan.x).toBeGreaterThan(100);
    expect(after.pan.y - before.pan.y).toBeGreaterThan(35);
    expect(after.node).toEqual(before.node);
  });

  it('"Collapse every VPC" fits the closed boxes on screen, and double-click opens one in place', async () => {
    await page.getByTitle('Collapse every VPC').click();
    await mapStill(page);
    const view = await viewport(page);
    const boxes = await page.evaluate(() => {
      const cy = (globalThis as unknown as { __reachmap: { cy: import('cytoscape').Core } }).__reachmap.cy;
      return cy.nodes().filter((n) => n.visible()).map((n) => ({ id: n.id(), ...n.renderedBoundingBox({ includeLabels: false }) }));
    });
    // the demo's four VPCs closed (assets/demo/README.md: prod, shared-services, analytics, and acme-network in the
    // network account), each drawn and inside the view
    const vpcs = boxes.filter((b) => b.id.startsWith('vpc-'));
    expect(vpcs.map((b) => b.id).sort()).toEqual(['vpc-0de00000000000100', 'vpc-0de00000000000200', 'vpc-0de00000000000300', 'vpc-0de00000000000500']);
    for (const b of boxes) {
      expect(b.x1, b.id).toBeGreaterThanOrEqual(0);
      expect(b.y1, b.id).toBeGreaterThanOrEqual(0);
      expect(b.x2, b.id).toBeLessThanOrEqual(view.w);
      expect(b.y2, b.id).toBeLessThanOrEqual(view.h);
    }
    expectAllLegible(await drawnLabels(page));
    await screenshot(page, 'e2e-22-collapsed-vpcs');
    // double-click acme-prod: it opens, its top-left corner stays where it was on screen
    const prod = vpcs.find((b) => b.id === 'vpc-0de00000000000100')!;
    const map = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.dblclick(map.x + (prod.x1 + prod.x2) / 2, map.y + (prod.y1 + prod.y2) / 2);
    await page.waitForFunction(() => {
      const cy = (globalThis as unknown as { __reachmap: { cy: import('cytoscape').Core } }).__reachmap.cy;
      return !cy.getElementById('vpc-0de00000000000100').hasClass('collapsed');
    });
    await mapStill(page);
    const opened = await page.evaluate(() => {
      const cy = (globalThis as unknown as { __reachmap: { cy: import('cytoscape').Core } }).__reachmap.cy;
      const node = cy.getElementById('vpc-0de00000000000100');
      const { x, y } = node.renderedPosition();
      return { x1: x - (Number(node.data('w')) * cy.zoom()) / 2, y1: y - (Number(node.data('h')) * cy.zoom()) / 2, w: Number(node.data('w')) };
    });
    expect(Math.abs(opened.x1 - prod.x1)).toBeLessThan(4);
    expect(Math.abs(opened.y1 - prod.y1)).toBeLessThan(4);
    // opened, not squashed: its box is wider than the closed card was
    expect(opened.w).toBeGreaterThan(300);
    // the double-click's taps selected the VPC: its inspector closes with Escape
    await page.keyboard.press('Escape');
    await page.getByTitle('Expand everything').click();
    await mapStill(page);
  });

  for (const [title, from, to, port] of [
    ['from the internet', 'internet', 'prod-web-1', '443'],
    ['across two VPCs and regions (peering prod-analytics)', 'prod-api-1', 'analytics-warehouse', '5439'],
  ] as const) {
    it(`a trace ${title} is framed whole`, async () => {
      await page.getByTestId('tab-trace').click();
      await page.getByTestId('query-from').fill(from);
      await page.getByTestId('query-to').fill(to);
      await page.getByTestId('query-port').fill(port);
      await page.getByTestId('query-run').click();
      await page.getByTestId('verdict').waitFor();
      await page.waitForFunction(() => {
        const cy = (globalThis as unknown as { __reachmap: { cy: import('cytoscape').Core } }).__reachmap.cy;
        return cy.edges('.path').length > 0;
      });
      await mapStill(page);
      await screenshot(page, `e2e-23-trace-${from}`);
      const view = await viewport(page);
      const drawn = await page.evaluate(() => {
        const cy = (globalThis as unknown as { __reachmap: { cy: import('cytoscape').Core } }).__reachmap.cy;
        return cy.elements('edge.path, node.on-path, node.endpoint, node.drop').map((e) => ({ id: e.id(), visible: e.visible(), ...e.renderedBoundingBox({ includeLabels: false }) }));
      });
      expect(drawn.length).toBeGreaterThan(2);
      for (const e of drawn) {
        expect(e.visible, `${e.id} is drawn`).toBe(true);
        expect(e.x1, e.id).toBeGreaterThanOrEqual(0);
        expect(e.y1, e.id).toBeGreaterThanOrEqual(0);
        expect(e.x2, e.id).toBeLessThanOrEqual(view.w);
        expect(e.y2, e.id).toBeLessThanOrEqual(view.h);
      }
      expectAllLegible(await drawnLabels(page));
    });
  }

  it('the drop callout stays on screen and covers no label', async () => {
    // prod-api-1 -> prod-cache 6379: dropped by the cache's group (planted, assets/demo/README.md)
    await page.getByTestId('query-from').fill('prod-api-1');
    await page.getByTestId('query-to').fill('prod-cache');
    await page.getByTestId('query-port').fill('6379');
    await page.getByTestId('query-run').click();
    await page.getByTestId('map-callout').waitFor();
    await mapStill(page);
    await page.waitForTimeout(200);
    await screenshot(page, 'e2e-24-callout');
    const map = (await page.getByTestId('map').boundingBox())!;
    const callout = (await page.getByTestId('map-callout').boundingBox())!;
    expect(callout.x).toBeGreaterThanOrEqual(map.x);
    expect(callout.y).toBeGreaterThanOrEqual(map.y);
    expect(callout.x + callout.width).toBeLessThanOrEqual(map.x + map.width);
    expect(callout.y + callout.height).toBeLessThanOrEqual(map.y + map.height);
    const labels = await page.evaluate(() => {
      const cy = (globalThis as unknown as { __reachmap: { cy: import('cytoscape').Core } }).__reachmap.cy;
      return cy
        .nodes()
        .filter((node) => node.visible() && Boolean(node.style('label')))
        .map((node) => ({ id: node.id(), ...node.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true }) }));
    });
    const local = { x1: callout.x - map.x, y1: callout.y - map.y, x2: callout.x - map.x + callout.width, y2: callout.y - map.y + callout.height };
    // covering: overlapping a label's box by more than its background's few pixels of padding
    const TOUCH = 3;
    const covered = labels.filter((l) => l.x1 + TOUCH < local.x2 && l.x2 - TOUCH > local.x1 && l.y1 + TOUCH < local.y2 && l.y2 - TOUCH > local.y1);
    expect(covered.map((l) => l.id)).toEqual([]);
    await screenshot(page, 'e2e-24-callout');
  });
});

describe.skipIf(browserMissingLocally)('a map you can read (5,000 ENIs, the bench generator)', { timeout: 240_000 }, () => {
  let serve: RunningServe;
  let browser: Browser;

  beforeAll(async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'reachmap-e2e-5k-')), 'synthetic-5000.json');
    writeFileSync(file, JSON.stringify(generateSnapshot({ enis: 5000, seed: 7 })));
    browser = await launchBrowser();
    serve = await startServe(['--snapshot', file]);
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('first view: every label drawn is at least 11 px, the regions read as cards, and few lines are drawn', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await openMap(page, serve.url);
    await mapStill(page);
    const labels = await drawnLabels(page);
    expectAllLegible(labels);
    // synthetic.ts spreads 5,000 ENIs over 25 VPCs in two regions, us-east-1 and eu-west-1: both named (a title or a
    // card), and the network read as cards with their counts (the regions', or their VPCs')
    const firstLines = labels.map((l) => l.text.split('\n')[0]);
    expect(firstLines).toEqual(expect.arrayContaining(['Region us-east-1', 'Region eu-west-1']));
    const cards = labels.filter((l) => /^(Region|VPC) /.test(l.text) && /\d+ (VPCs?|subnets?)/.test(l.text));
    expect(cards.length).toBeGreaterThanOrEqual(2);
    // not a hairball: a handful of lines, not the thousands of a 5,000-ENI network
    const lines = await page.evaluate(() => {
      const cy = (globalThis as unknown as { __reachmap: { cy: import('cytoscape').Core } }).__reachmap.cy;
      return cy.edges().filter((e) => e.visible()).length;
    });
    // at most the lines between VPC cards: 25 VPCs each with a transit gateway attachment (VPC to attachment to
    // gateway, 2 lines) and floor(25 / 4) = 6 peerings (VPC to peering to VPC, 2 lines): 62 (synthetic.ts)
    expect(lines).toBeLessThanOrEqual(2 * 25 + 2 * 6);
    await screenshot(page, 'e2e-25-first-view-5k');
    // zoomed in twice as far, VPCs read as cards
    await page.evaluate(() => {
      const cy = (globalThis as unknown as { __reachmap: { cy: import('cytoscape').Core } }).__reachmap.cy;
      cy.zoom({ level: cy.zoom() * 2.5, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    });
    await mapStill(page);
    const closer = await drawnLabels(page);
    expectAllLegible(closer);
    expect(closer.filter((l) => l.text.startsWith('VPC ')).length).toBeGreaterThan(3);
    await screenshot(page, 'e2e-26-vpc-cards-5k');
  });
});
