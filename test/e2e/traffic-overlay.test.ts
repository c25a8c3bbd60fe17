// Issue 20.4, the map's overlay of observed traffic, in Debian's Chromium
// against `reachmap serve` on the demo. The records are written by hand for
// the demo's network (assets/demo/README.md), on 2026-11-29 (10:00Z is
// 1795946400):
//   A  prod-web-1 (10.0.0.21) -> prod-api-1 (10.0.10.11) tcp 8080, ACCEPT at
//      both interfaces, 40 packets and 30,000 bytes each (one conversation
//      seen twice: the edge weighs 30,000 bytes, not 60,000), 10:00;
//   B  prod-api-1 -> prod-db-primary (10.0.20.11) tcp 5432, ACCEPT, 120
//      packets but 9,000 bytes, 11:00;
//   C  F1: prod-api-1 -> prod-cache (10.0.20.21) tcp 6379, ACCEPT leaving
//      prod-api-1 and REJECT at prod-cache, whose only group acme-prod-cache
//      (sg-0de00000000000105) admits 6380 only, 10:00;
//   D  prod-web-2 (10.0.1.21) -> prod-api-2 (10.0.11.11) tcp 8080, ACCEPT,
//      5 packets, 800 bytes, at 12:00 only.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { browserMissingLocally, screenshot, type PageGlobals } from './helpers/browser.js';
import { demoMapForSuite } from './helpers/demo-map.js';

const T = 1795946400;
const rec = (eni: string, src: string, dst: string, sport: number, dport: number, packets: number, bytes: number, start: number, action: 'ACCEPT' | 'REJECT') =>
  `2 111122223333 eni-0de${eni} ${src} ${dst} ${sport} ${dport} 6 ${packets} ${bytes} ${start} ${start + 60} ${action} OK`;
const LINES = [
  rec('00000000000102', '10.0.0.21', '10.0.10.11', 41000, 8080, 40, 30000, T, 'ACCEPT'),
  rec('00000000000105', '10.0.0.21', '10.0.10.11', 41000, 8080, 40, 30000, T, 'ACCEPT'),
  rec('00000000000105', '10.0.10.11', '10.0.20.11', 42000, 5432, 120, 9000, T + 3600, 'ACCEPT'),
  rec('00000000000105', '10.0.10.11', '10.0.20.21', 50001, 6379, 10, 1500, T, 'ACCEPT'),
  rec('0000000000010a', '10.0.10.11', '10.0.20.21', 50001, 6379, 10, 1500, T, 'REJECT'),
  rec('00000000000103', '10.0.1.21', '10.0.11.11', 43000, 8080, 5, 800, T + 7200, 'ACCEPT'),
];
const EDGE = {
  A: 'traffic:eni-0de00000000000102|eni-0de00000000000105|6|8080',
  B: 'traffic:eni-0de00000000000105|eni-0de00000000000108|6|5432',
  C: 'traffic:eni-0de00000000000105|eni-0de0000000000010a|6|6379',
  D: 'traffic:eni-0de00000000000103|eni-0de00000000000106|6|8080',
};

const dir = mkdtempSync(path.join(tmpdir(), 'reachmap-traffic-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface EdgeSeen {
  id: string;
  width: number;
  weight: number;
  colour: string;
  classes: string[];
}

describe.skipIf(browserMissingLocally)('issue 20: the map overlay of observed traffic (demo network)', { timeout: 240_000 }, () => {
  const demo = demoMapForSuite();

  async function trafficEdges(): Promise<EdgeSeen[]> {
    return demo.page.evaluate(() => {
      const cy = (globalThis as unknown as PageGlobals).__reachmap!.cy as unknown as {
        edges(selector: string): { map<T>(fn: (e: { id(): string; data(k: string): number; classes(): string[]; renderedStyle(k: string): string; style(k: string): string }) => T): T[] };
      };
      return cy.edges('.traffic').map((e) => ({ id: e.id(), width: parseFloat(e.style('width')), weight: e.data('weight'), colour: e.style('line-color'), classes: e.classes() }));
    });
  }

  async function waitForEdges(count: number): Promise<EdgeSeen[]> {
    await demo.page.waitForFunction((n) => {
      const cy = (globalThis as unknown as PageGlobals).__reachmap!.cy as unknown as { edges(s: string): { length: number } };
      return cy.edges('.traffic').length === n;
    }, count, { timeout: 60_000 });
    return trafficEdges();
  }

  it('a file that is not there is said so, naming it', async () => {
    const { page } = demo;
    await page.getByTestId('tab-traffic').click();
    await page.getByTestId('traffic-paths').fill('/nonexistent/flows.log');
    await page.getByTestId('traffic-run').click();
    await expect(page.getByTestId('traffic-error').textContent()).resolves.toContain('/nonexistent/flows.log');
  });

  it('draws one edge per conversation, weighted by bytes or packets, the REJECT red at the group that explains it', async () => {
    const { page } = demo;
    const log = path.join(dir, 'flows.log');
    writeFileSync(log, `${LINES.join('\n')}\n`);
    await page.getByTestId('traffic-paths').fill(log);
    await page.getByTestId('traffic-run').click();
    const edges = await waitForEdges(4);
    const byId = Object.fromEntries(edges.map((e) => [e.id, e]));
    expect(Object.keys(byId).sort()).toEqual(Object.values(EDGE).sort());
    // A is seen at both ends: its weight is one interface's 30,000 bytes
    expect(byId[EDGE.A]!.weight).toBe(30000);
    expect(byId[EDGE.B]!.weight).toBe(9000);
    expect(byId[EDGE.A]!.width).toBeGreaterThan(byId[EDGE.B]!.width);
    // F1: the only rejected edge is red (#e03131), the accepted ones are not
    expect(byId[EDGE.C]!.classes).toContain('rejected');
    expect(byId[EDGE.C]!.colour).toBe('rgb(224,49,49)');
    for (const id of [EDGE.A, EDGE.B, EDGE.D]) expect(byId[id]!.colour).not.toBe('rgb(224,49,49)');
    // the component that explains it, acme-prod-cache, is drawn on prod-cache's interface, the only one marked
    const dropped = await page.evaluate(() => {
      const cy = (globalThis as unknown as PageGlobals).__reachmap!.cy as unknown as { nodes(s: string): { map<T>(fn: (n: { id(): string }) => T): T[] } };
      return cy.nodes('.traffic-drop').map((n) => n.id());
    });
    expect(dropped).toEqual(['eni-0de0000000000010a']);
    await expect(page.getByTestId('traffic-drawn').textContent()).resolves.toMatch(/^4 edges drawn/);
    console.log(`screenshot: ${await screenshot(page, 'traffic-overlay')}`);

    // by packets, B (120) outweighs A (40)
    await page.getByTestId('traffic-weight-packets').check();
    await page.waitForFunction((id) => {
      const cy = (globalThis as unknown as PageGlobals).__reachmap!.cy as unknown as { getElementById(i: string): { data(k: string): number } };
      return cy.getElementById(id).data('weight') === 120;
    }, EDGE.B);
    const byPackets = Object.fromEntries((await trafficEdges()).map((e) => [e.id, e]));
    expect(byPackets[EDGE.A]!.weight).toBe(40);
    expect(byPackets[EDGE.B]!.width).toBeGreaterThan(byPackets[EDGE.A]!.width);
    await page.getByTestId('traffic-weight-bytes').check();
  });

  it('the time filter: 09:30 to 11:30 leaves out D (12:00 only); the whole window brings it back', async () => {
    const { page } = demo;
    await expect(page.getByTestId('traffic-from').inputValue()).resolves.toBe('2026-11-29T10:00:00Z');
    await expect(page.getByTestId('traffic-to').inputValue()).resolves.toBe('2026-11-29T12:01:00Z');
    await page.getByTestId('traffic-from').fill('2026-11-29T09:30:00Z');
    await page.getByTestId('traffic-to').fill('2026-11-29T11:30:00Z');
    await page.getByTestId('traffic-filter').click();
    const narrowed = await waitForEdges(3);
    expect(narrowed.map((e) => e.id).sort()).toEqual([EDGE.A, EDGE.B, EDGE.C].sort());
    await expect(page.getByTestId('traffic-filtered').textContent()).resolves.toContain('1 record outside it');
    await page.getByTestId('traffic-whole').click();
    await waitForEdges(4);
  });

  it('selecting the rejected edge on the map lists its records and draws the engine\'s trace to the drop', async () => {
    const { page } = demo;
    // a click on the edge itself, at its middle on screen (known once the renderer has drawn it)
    await page.waitForFunction((id) => {
      const cy = (globalThis as unknown as PageGlobals).__reachmap!.cy as unknown as { getElementById(i: string): { renderedMidpoint(): { x: number } | undefined } };
      return cy.getElementById(id).renderedMidpoint()?.x !== undefined;
    }, EDGE.C);
    const at = await page.evaluate((id) => {
      const cy = (globalThis as unknown as PageGlobals).__reachmap!.cy as unknown as { getElementById(i: string): { renderedMidpoint(): { x: number; y: number } }; container(): { getBoundingClientRect(): { left: number; top: number } } };
      const mid = cy.getElementById(id).renderedMidpoint();
      const box = cy.container().getBoundingClientRect();
      return { x: box.left + mid.x, y: box.top + mid.y };
    }, EDGE.C);
    await page.mouse.click(at.x, at.y);
    const detail = page.getByTestId('traffic-detail');
    await detail.waitFor();
    const rows = await page.getByTestId('traffic-record').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent)));
    // the two records of F1's conversation: the ACCEPT leaving prod-api-1 and the REJECT at prod-cache (lines 4 and 5)
    expect(rows.map((r) => [r[1], r[2], r[3], r[6]?.replace(/^.*\//, '')])).toEqual([
      ['eni-0de00000000000105', 'request ACCEPT', '10.0.10.11:50001 → 10.0.20.21:6379', 'flows.log:4'],
      ['eni-0de0000000000010a', 'request REJECT', '10.0.10.11:50001 → 10.0.20.21:6379', 'flows.log:5'],
    ]);
    const trace = page.getByTestId('traffic-trace');
    await trace.waitFor();
    await expect(trace.textContent()).resolves.toMatch(/unreachable.*sg-0de00000000000105.*ENI_SG_RULES_MISMATCH/);
    // drawn like a normal trace: the forward path's edges, and the drop on prod-cache's interface
    const drawn = await page.evaluate(() => {
      const cy = (globalThis as unknown as PageGlobals).__reachmap!.cy as unknown as { edges(s: string): { length: number }; getElementById(i: string): { classes(): string[] } };
      return { path: cy.edges('.path.forward').length, cache: cy.getElementById('eni-0de0000000000010a').classes(), selected: cy.getElementById('traffic:eni-0de00000000000105|eni-0de0000000000010a|6|6379').classes() };
    });
    expect(drawn.path).toBeGreaterThan(0);
    expect(drawn.cache).toContain('drop');
    expect(drawn.selected).toContain('traffic-selected');
    console.log(`screenshot: ${await screenshot(demo.page, 'traffic-overlay-selected')}`);
  });

  it('hostile text in a record (markup and a right-to-left override in its interface id) is shown escaped, never run', async () => {
    const { page } = demo;
    const hostile = `eni-<img/src=x/onerror=alert(1)>\u202Egpj.exe`;
    const log = path.join(dir, 'hostile.log');
    writeFileSync(log, `2 111122223333 ${hostile} 10.0.0.21 10.0.10.11 41002 8080 6 1 60 ${T} ${T + 60} ACCEPT OK\n`);
    await page.getByTestId('traffic-paths').fill(log);
    await page.getByTestId('traffic-run').click();
    await waitForEdges(1);
    await page.getByTestId('traffic-edge').first().click();
    await page.getByTestId('traffic-detail').waitFor();
    const cells = await page.getByTestId('traffic-record').evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[1]!.textContent ?? ''));
    expect(cells).toHaveLength(1);
    // the markup is text, the override a visible escape
    expect(cells[0]).toContain('<img/src=x/onerror=alert(1)>');
    expect(cells[0]).not.toContain('\u202E');
    expect(await page.locator('[data-testid="traffic"] img').count()).toBe(0);
    // the interface is not in the snapshot: the flow is traced between the addresses, prod-web-1 to prod-api-1 on 8080, which acme-prod-api admits from the web group
    const trace = page.getByTestId('traffic-trace');
    await trace.waitFor();
    await expect(trace.textContent()).resolves.toMatch(/^The configuration: reachable;/);
  });

  it('a large input stays usable: 22,000 conversations, 2,001 edges, the 150 heaviest drawn and the rest counted', async () => {
    const { page } = demo;
    // 20,000 internet clients to prod-web-1 on 443 (one edge: the internet to prod-web-1), 1000 + i bytes each;
    // 2,000 services between prod-web-1 and prod-api-1 on ports 1000..2999, as many bytes as port - 1000
    const lines: string[] = [];
    for (let i = 0; i < 20000; i++) lines.push(`2 111122223333 eni-0de00000000000102 198.51.${(i >> 8) & 255}.${i & 255} 10.0.0.21 40000 443 6 10 ${1000 + i} ${T} ${T + 60} ACCEPT OK`);
    for (let p = 0; p < 2000; p++) lines.push(`2 111122223333 eni-0de00000000000102 10.0.0.21 10.0.10.11 50000 ${1000 + p} 6 10 ${p} ${T} ${T + 60} ACCEPT OK`);
    const log = path.join(dir, 'large.log');
    writeFileSync(log, `${lines.join('\n')}\n`);
    await page.getByTestId('traffic-paths').fill(log);
    await page.getByTestId('traffic-run').click();
    // two lines: the internet to prod-web-1, and one bundle of the services between prod-web-1 and prod-api-1
    const drawn = await waitForEdges(2);
    await expect(page.getByTestId('traffic-summary').textContent()).resolves.toMatch(/^22000 conversations from 22000 records/);
    await expect(page.getByTestId('traffic-drawn').textContent()).resolves.toMatch(/^150 edges drawn as 2 lines .*; the 1851 lightest not drawn/);
    // the internet's edge (20,000 x 1000 + 0..19,999 bytes) and ports 2851..2999 (1851..1999 bytes)
    const listed = await page.getByTestId('traffic-edge').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-id') ?? ''));
    const ports = listed.map((id) => Number(id.split('|').pop())).sort((a, b) => a - b);
    expect(ports).toEqual([443, ...Array.from({ length: 149 }, (_, i) => 2851 + i)]);
    const byId = Object.fromEntries(drawn.map((e) => [e.id, e]));
    expect(byId['traffic:internet|eni-0de00000000000102|6|443']!.weight).toBe(20000 * 1000 + (19999 * 20000) / 2);
    // 1851 + ... + 1999 bytes
    expect(byId['traffic-bundle:eni-0de00000000000102|eni-0de00000000000105']!.weight).toBe(((1851 + 1999) * 149) / 2);
    // a click on the bundle selects its heaviest service, port 2999
    await page.evaluate(() => {
      const cy = (globalThis as unknown as PageGlobals).__reachmap!.cy as unknown as { getElementById(i: string): { emit(e: string): void } };
      cy.getElementById('traffic-bundle:eni-0de00000000000102|eni-0de00000000000105').emit('tap');
    });
    await expect(page.locator('[data-testid="traffic-detail"] h4').first().textContent()).resolves.toBe('prod-web-1 → prod-api-1 tcp/2999');
    console.log(`screenshot: ${await screenshot(page, 'traffic-overlay-large')}`);
  });
});
