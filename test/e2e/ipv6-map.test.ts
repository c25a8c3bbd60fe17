// IPv6 on the map (issue 17, point 6), in Chromium through the web face, on
// the demo. From assets/demo/README.md and scripts/make-demo.ts, read by hand:
// acme-prod (vpc-0de00000000000100) holds 2600:1f18:4de0:100::/56; its
// dual-stack subnet prod-edge-a (subnet-0de00000000000119, 10.0.40.0/24,
// 2600:1f18:4de0:119::/64) routes ::/0 to acme-prod-igw (igw-0de00000000000100)
// and holds prod-status (i-0de0000000000010d, 2600:1f18:4de0:119::10), whose
// group acme-prod-status admits tcp 22 from ::/0 only (F11). acme-network
// (vpc-0de00000000000500) routes ::/0 to its egress-only gateway
// acme-network-eigw (eigw-0de00000000000500), behind which network-dns
// (i-0de00000000000501) sits in network-core-a (subnet-0de00000000000511).
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserMissingLocally, mapStill, nodeClasses, screenshot } from './helpers/browser.js';
import { demoMapForSuite } from './helpers/demo-map.js';

const PROD_VPC = 'vpc-0de00000000000100';
const PROD_EDGE_A = 'subnet-0de00000000000119';
const PROD_IGW = 'igw-0de00000000000100';
const PROD_STATUS_ENI = 'eni-0de0000000000010d';
const NETWORK_VPC = 'vpc-0de00000000000500';
const NETWORK_CORE_A = 'subnet-0de00000000000511';
const NETWORK_EIGW = 'eigw-0de00000000000500';

type Cy = import('cytoscape').Core;

function nodeData(page: Page, id: string): Promise<Record<string, unknown> | null> {
  return page.evaluate((nodeId) => {
    const node = (globalThis as unknown as { __reachmap: { cy: Cy } }).__reachmap.cy.getElementById(nodeId);
    return node.empty() ? null : (node.data() as Record<string, unknown>);
  }, id);
}

function links(page: Page, selector: string): Promise<string[][]> {
  return page.evaluate((sel) => (globalThis as unknown as { __reachmap: { cy: Cy } }).__reachmap.cy.edges(sel).map((e) => [e.source().id(), e.target().id()]), selector);
}

async function trace(page: Page, flow: { from: string; to: string; protocol?: string; port?: string; family: '' | 'ipv4' | 'ipv6' }): Promise<string> {
  await page.getByTestId('tab-trace').click();
  await page.getByTestId('query-from').fill(flow.from);
  await page.getByTestId('query-to').fill(flow.to);
  await page.getByTestId('query-protocol').selectOption(flow.protocol ?? 'tcp');
  await page.getByTestId('query-family').selectOption(flow.family);
  if (flow.port !== undefined) await page.getByTestId('query-port').fill(flow.port);
  // the previous answer's verdict goes away first: wait for this one's
  const before = (await page.getByTestId('verdict').count()) > 0 ? await page.getByTestId('verdict').textContent() : null;
  await page.getByTestId('query-run').click();
  await page.waitForFunction((old) => {
    const doc = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document;
    const verdict = doc.querySelector('[data-testid="verdict"]');
    const busy = doc.querySelector('[data-testid="query-run"]')?.textContent === 'Tracing…';
    return verdict !== null && !busy && verdict.textContent !== old;
  }, before);
  await mapStill(page);
  return (await page.getByTestId('verdict').textContent()) ?? '';
}

describe.skipIf(browserMissingLocally)('IPv6 on the map (demo network)', { timeout: 180_000 }, () => {
  const demo = demoMapForSuite();
  let page: Page;
  beforeAll(() => {
    page = demo.page;
  });

  it('the dual-stack subnet prod-edge-a shows its IPv6 block on its card and title, acme-prod its /56', async () => {
    const subnet = await nodeData(page, PROD_EDGE_A);
    expect(String(subnet?.label)).toContain('10.0.40.0/24');
    expect(String(subnet?.label)).toContain('2600:1f18:4de0:119::/64');
    expect(String((await nodeData(page, `title:${PROD_EDGE_A}`))?.label)).toContain('2600:1f18:4de0:119::/64');
    expect(String((await nodeData(page, PROD_VPC))?.label)).toContain('2600:1f18:4de0:100::/56');
    // prod-status carries its IPv6 address for the tooltip; the inspector lists it
    expect((await nodeData(page, PROD_STATUS_ENI))?.ipv6).toBe('2600:1f18:4de0:119::10');
    await page.getByTestId('search').fill('2600:1f18:4de0:119::10');
    await page.getByTestId('search-results').locator(`li[data-id="${PROD_STATUS_ENI}"]`).click();
    const inspector = page.getByTestId('inspector');
    await inspector.getByText('2600:1f18:4de0:119::10', { exact: true }).waitFor();
    // prod-edge-a uses acme-prod's default ACL (acl-0de00000000000101): in a VPC with an IPv6 block AWS gives it
    // allow-all for each family (100, 101) and each family's catch-all deny (32767, 32768), both shown as *
    const rows = await inspector.getByTestId('table-acl-0de00000000000101: Inbound entries').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent)));
    expect(rows).toEqual([
      ['100', 'all', 'all', '0.0.0.0/0', 'ALLOW'],
      ['101', 'all', 'all', '::/0', 'ALLOW'],
      ['*', 'all', 'all', '0.0.0.0/0', 'DENY'],
      ['*', 'all', 'all', '::/0', 'DENY'],
    ]);
    await mapStill(page);
    await screenshot(page, 'e2e-17-dual-stack-subnet');
    await page.locator('.drawer button[title="Close"]').click();
    // hovered, its tooltip names the IPv6 address too
    await mapStill(page);
    const at = await page.evaluate((id) => (globalThis as unknown as { __reachmap: { cy: Cy } }).__reachmap.cy.getElementById(id).renderedPosition(), PROD_STATUS_ENI);
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.move(box.x + at.x, box.y + at.y);
    const tooltip = page.getByTestId('map-tooltip');
    await tooltip.waitFor();
    await expect(tooltip.textContent()).resolves.toContain('IPv6 2600:1f18:4de0:119::10');
    await page.mouse.move(box.x + 2, box.y + 2);
  });

  it('the egress-only gateway is a node in acme-network, linked to the subnet routing ::/0 to it and to the internet', async () => {
    expect((await nodeData(page, NETWORK_EIGW))?.parentId).toBe(NETWORK_VPC);
    expect(await links(page, `edge[source = "${NETWORK_CORE_A}"][target = "${NETWORK_EIGW}"]`)).toEqual([[NETWORK_CORE_A, NETWORK_EIGW]]);
    expect(await links(page, `edge[source = "${NETWORK_EIGW}"][target = "internet"]`)).toEqual([[NETWORK_EIGW, 'internet']]);
  });

  it('an IPv6 trace from the internet to prod-status on tcp 22 (F11) is drawn through the internet gateway, both ways', async () => {
    const verdict = await trace(page, { from: 'internet', to: 'prod-status', port: '22', family: 'ipv6' });
    expect(verdict).toContain('Reachable');
    // internet is 2001:db8::1 on IPv6; prod-status answers at its IPv6 address
    expect(verdict).toContain('2001:db8::1 → 2600:1f18:4de0:119::10');
    const forward = await links(page, 'edge.path.forward');
    expect(forward).toContainEqual(['internet', PROD_IGW]);
    expect(forward).toContainEqual([PROD_IGW, PROD_STATUS_ENI]);
    const back = await links(page, 'edge.path.return');
    expect(back).toContainEqual([PROD_STATUS_ENI, PROD_IGW]);
    expect(back).toContainEqual([PROD_IGW, 'internet']);
    expect(await nodeClasses(page, PROD_STATUS_ENI)).toContain('on-path');
    expect(await nodeClasses(page, PROD_STATUS_ENI)).not.toContain('drop');
    await screenshot(page, 'e2e-17-ipv6-trace-f11');
  });

  it('an IPv6 address typed as the source decides the family', async () => {
    const verdict = await trace(page, { from: '2001:db8::77', to: 'prod-status', port: '22', family: '' });
    expect(verdict).toContain('Reachable');
    expect(verdict).toContain('2001:db8::77 → 2600:1f18:4de0:119::10');
  });

  it('SSH to prod-status over IPv4 is dropped at its group (the ::/0 rule admits IPv6 only), marked on its interface', async () => {
    const verdict = await trace(page, { from: 'internet', to: 'prod-status', port: '22', family: 'ipv4' });
    expect(verdict).toContain('Unreachable');
    await expect(page.getByTestId('drop-code').textContent()).resolves.toBe('ENI_SG_RULES_MISMATCH');
    expect(await nodeClasses(page, PROD_STATUS_ENI)).toContain('drop');
  });

  it('Diagnose takes a family: prod-status over IPv6 is diagnosed at its IPv6 address, on Auto at its IPv4 one', async () => {
    await page.getByTestId('tab-diagnose').click();
    await page.getByTestId('diagnose-target').fill('prod-status');
    await page.getByTestId('diagnose-port').fill('22');
    await page.getByTestId('diagnose-family').selectOption('ipv6');
    await page.getByTestId('diagnose-run').click();
    const line = page.getByTestId('diagnose-target-line');
    await expect.poll(async () => (await line.count()) > 0 ? line.textContent() : '', { timeout: 30_000 }).toContain('2600:1f18:4de0:119::10');
    // an IPv6 address is global: no public address beside it
    expect(await line.textContent()).toContain('over IPv6');
    expect(await line.textContent()).not.toContain('203.0.113.13');
    await screenshot(page, 'e2e-17-ipv6-diagnose');
    await page.getByTestId('diagnose-family').selectOption('');
    await page.getByTestId('diagnose-run').click();
    // Auto: the machine has both families, so IPv4 (10.0.40.10, public 203.0.113.13)
    await expect.poll(async () => line.textContent(), { timeout: 30_000 }).toContain('10.0.40.10 · 203.0.113.13');
  });

  it('the exposure view lists prod-status once per family: its IPv6 entry with SSH from ::/0 (F11)', async () => {
    await page.getByTestId('tab-exposure').click();
    const rows = page.getByTestId('exposure-table').locator(`tbody tr[data-eni="${PROD_STATUS_ENI}"]`);
    await rows.first().waitFor();
    // acme-prod-status: 443 from 0.0.0.0/0 (IPv4); 443 and 22 from ::/0 (IPv6)
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-family')))).toEqual(['ipv4', 'ipv6']);
    const ipv6 = (await rows.nth(1).textContent()) ?? '';
    expect(ipv6).toContain('2600:1f18:4de0:119::10');
    // one service: tcp 22 and 443, both from ::/0
    expect(ipv6).toMatch(/tcp 22, 443\s*from ::\/0/);
    expect(await rows.nth(0).textContent()).not.toContain('::/0');
    expect(await nodeClasses(page, PROD_STATUS_ENI)).toContain('exposed');
    await screenshot(page, 'e2e-17-ipv6-exposure');
  });

  it('an IPv6 connection from the internet to network-dns is dropped at the egress-only gateway, marked there', async () => {
    const verdict = await trace(page, { from: 'internet', to: 'network-dns', protocol: 'udp', port: '53', family: 'ipv6' });
    expect(verdict).toContain('Unreachable');
    await expect(page.getByTestId('drop-code').textContent()).resolves.toBe('EIGW_INBOUND_CONNECTION');
    expect(await nodeClasses(page, NETWORK_EIGW)).toContain('drop');
    expect(await links(page, 'edge.path.forward.blocked')).toEqual([['internet', NETWORK_EIGW]]);
    await expect(page.getByTestId('map-callout').textContent()).resolves.toContain('EIGW_INBOUND_CONNECTION');
    await screenshot(page, 'e2e-17-ipv6-eigw-drop');
  });
});
