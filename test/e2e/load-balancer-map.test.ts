// Load balancers on the map (issue 16.7), in Debian's Chromium against
// `reachmap serve` on the demo. Expected values read by hand from
// assets/demo/README.md: acme-prod-alb (internet-facing, nodes
// eni-0de000000000001f2 and -1f3) forwards HTTPS:443 to acme-prod-api-tg,
// whose health check on 8081 acme-prod-api (sg-0de00000000000103) does not
// admit (F10): prod-api-1 and -2 are unhealthy (Target.Timeout).
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserMissingLocally, nodeClasses, screenshot, type PageGlobals } from './helpers/browser.js';
import { demoMapForSuite } from './helpers/demo-map.js';


describe.skipIf(browserMissingLocally)('load balancers on the map (demo network)', { timeout: 180_000 }, () => {
  const demo = demoMapForSuite();
  let page: Page;
  beforeAll(() => {
    page = demo.page;
  });

  it('the ALB sits in prod, its nodes in their subnets, and the targets failing F10 are marked unhealthy', async () => {
    const placed = await page.evaluate(() => {
      const cy = (globalThis as unknown as PageGlobals).__reachmap!.cy;
      const parent = (id: string) => cy.getElementById(id).data('parentId') as string | undefined;
      return { lb: parent('acme-prod-alb'), nodeA: parent('eni-0de000000000001f2'), nodeB: parent('eni-0de000000000001f3') };
    });
    expect(placed).toEqual({ lb: 'vpc-0de00000000000100', nodeA: 'subnet-0de00000000000111', nodeB: 'subnet-0de00000000000112' });
    expect(await nodeClasses(page, 'eni-0de00000000000105')).toContain('unhealthy');
    expect(await nodeClasses(page, 'eni-0de00000000000106')).toContain('unhealthy');
    // the log collector behind the NLB is healthy and its check passes
    expect(await nodeClasses(page, 'eni-0de00000000000205')).not.toContain('unhealthy');
  });

  it('a trace to the ALB draws client -> load balancer -> target and back', async () => {
    await page.getByTestId('tab-trace').click();
    await page.getByTestId('query-from').fill('internet');
    await page.getByTestId('query-to').fill('acme-prod-alb');
    await page.getByTestId('query-port').fill('443');
    await page.getByTestId('query-run').click();
    await page.locator('[data-testid="verdict"].reachable').waitFor();
    const paths = await page.evaluate(() => {
      const cy = (globalThis as unknown as PageGlobals).__reachmap!.cy;
      return { forward: cy.edges('edge.path.forward').map((e) => [e.data('source'), e.data('target')]), back: cy.edges('edge.path.return').map((e) => [e.data('source'), e.data('target')]) };
    });
    // healthy first, then zone: none is healthy (fail open), prod-api-1 (us-east-1a) leads, through the node of its zone
    expect(paths.forward).toContainEqual(['internet', 'igw-0de00000000000100']);
    expect(paths.forward.some(([, target]) => target === 'acme-prod-alb')).toBe(true);
    expect(paths.forward.some(([source, target]) => source === 'acme-prod-alb' && target !== 'acme-prod-alb')).toBe(true);
    expect(paths.forward.at(-1)).toEqual([expect.any(String), 'eni-0de00000000000105']);
    expect(paths.back.some(([source]) => source === 'acme-prod-alb')).toBe(true);
    expect(await nodeClasses(page, 'acme-prod-alb')).toContain('on-path');
    expect(await nodeClasses(page, 'eni-0de00000000000105')).toContain('on-path');
    // prod-api-1 is on the path and unhealthy: it keeps the orange double border (style.ts, node.unhealthy: #e8590c)
    // and the path's blue (#2563eb) rings it; prod-api-2, off the path, has the orange border and no ring
    const look = await page.evaluate(() => {
      const cy = (globalThis as unknown as { __reachmap: { cy: import('cytoscape').Core } }).__reachmap.cy;
      const of = (id: string) => {
        const node = cy.getElementById(id);
        return { border: node.style('border-color'), borderStyle: node.style('border-style'), ring: node.style('outline-color'), ringWidth: parseFloat(node.style('outline-width')) };
      };
      return { api1: of('eni-0de00000000000105'), api2: of('eni-0de00000000000106') };
    });
    expect(look.api1).toMatchObject({ border: 'rgb(232,89,12)', borderStyle: 'double', ring: 'rgb(37,99,235)' });
    expect(look.api1.ringWidth).toBeGreaterThan(0);
    expect(look.api2).toMatchObject({ border: 'rgb(232,89,12)', borderStyle: 'double' });
    expect(look.api2.ringWidth).toBe(0);
    await screenshot(page, 'e2e-lb-01-trace-through-alb');
  });

  it('the inspector shows the listeners, the rules and each target with its health, and why a target is unhealthy', async () => {
    await page.getByTestId('search').fill('acme-prod-alb');
    await page.getByTestId('search-results').locator('li[data-id="acme-prod-alb"]').click();
    const inspector = page.getByTestId('inspector');
    const targets = inspector.getByTestId('table-Targets');
    await targets.waitFor();
    const rows = await targets.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')));
    expect(rows.map((row) => [row[1], row[3], row[5]])).toEqual([
      ['i-0de00000000000105 (10.0.10.11):8080', 'unhealthy (Target.Timeout)', 'security-group sg-0de00000000000103 (ENI_SG_RULES_MISMATCH)'],
      ['i-0de00000000000106 (10.0.11.11):8080', 'unhealthy (Target.Timeout)', 'security-group sg-0de00000000000103 (ENI_SG_RULES_MISMATCH)'],
      ['i-0de00000000000107 (10.0.10.12):8080', 'unused (Target.InvalidState)', 'eni eni-0de00000000000107 (BAD_STATE)'],
    ]);
    expect(rows[0]![4]).toBe('HTTP /health port 8081: unreachable');
    expect(rows[0]![6]).toContain('allowing tcp port 8081 from the security group acme-prod-alb (sg-0de00000000000107)');
    await expect(inspector.getByTestId('table-Listener rules').textContent()).resolves.toContain('path-pattern /api/*');
    await screenshot(page, 'e2e-lb-02-inspector-alb');
    // the unhealthy target itself says why
    await page.getByTestId('search').fill('prod-api-1');
    await page.getByTestId('search-results').locator('li[data-id="eni-0de00000000000105"]').click();
    const registration = page.getByTestId('inspector').getByTestId('table-Load balancer target');
    await registration.waitFor();
    await expect(registration.textContent()).resolves.toContain('acme-prod-alb');
    await expect(registration.textContent()).resolves.toContain('sg-0de00000000000103');
    await screenshot(page, 'e2e-lb-03-inspector-target');
  });
});
