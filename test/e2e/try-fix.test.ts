// Trying a fix on the map (issue 14.6), in Debian's Chromium against
// `reachmap serve` on the demo. F1 (assets/demo/README.md): prod-api-1
// (i-0de00000000000105, group acme-prod-api sg-0de00000000000103) cannot
// reach prod-cache (i-0de0000000000010a, ENI eni-0de0000000000010a, group
// acme-prod-cache sg-0de00000000000105) on tcp 6379: the cache's group admits
// 6380 only. Admitting 6379 from acme-prod-api repairs it.
//
// The engine is gaining each fix's change set (`blocked.fix.changes`). Where
// this build's fixes do not carry one yet, the test hands the page a
// hand-written change set inside the analyze answer (a route on the page's
// own request; only where the fix has none), so that the button,
// applyChanges, the re-trace, Undo, Save and Copy all run through the UI's own
// code; the `it.skipIf(!hasFixChanges)` test at the end checks the engine's
// own change set for F1, on a page without hand-written ones, once it is there.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyzeResult } from '../../shared/api/analysis-types.js';
import type { DiagnoseReport } from '../../shared/api/diagnose-types.js';
import { readChangeSetText, type ChangeSet } from '../../shared/api/changes.js';
import { createNodeReachmapService } from '../../shared/api/service/node.js';
import { artifactsDir, browserMissingLocally, launchBrowser, openMap, screenshot, type PageGlobals } from './helpers/browser.js';
import { startServe, type RunningServe } from './helpers/serve.js';

const PROD_API = 'i-0de00000000000105';
const PROD_CACHE = 'i-0de0000000000010a';
const CACHE_ENI = 'eni-0de0000000000010a';
const CACHE_SUBNET = 'subnet-0de00000000000115';

/** F1's fix, written by hand from the demo's ids: what the engine's right-sized fix is (issue 14.2) */
const ADMIT_6379: ChangeSet = {
  format: 'reachmap-changes/1',
  changes: [{ action: 'AuthorizeSecurityGroupIngress', GroupId: 'sg-0de00000000000105', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 6379, ToPort: 6379, UserIdGroupPairs: [{ GroupId: 'sg-0de00000000000103' }] }] }],
};
/** tcp 6381 is refused twice: acme-prod-data-acl admits 6379-6380 only, then the cache's group; both edits at once */
const ADMIT_6381: ChangeSet = {
  format: 'reachmap-changes/1',
  changes: [
    { action: 'CreateNetworkAclEntry', NetworkAclId: 'acl-0de00000000000104', RuleNumber: 111, Egress: false, Protocol: 'tcp', RuleAction: 'allow', CidrBlock: '10.0.10.0/24', PortRange: { From: 6381, To: 6381 } },
    { action: 'AuthorizeSecurityGroupIngress', GroupId: 'sg-0de00000000000105', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 6381, ToPort: 6381, UserIdGroupPairs: [{ GroupId: 'sg-0de00000000000103' }] }] },
  ],
};
const HAND_WRITTEN: Record<number, ChangeSet> = { 6379: ADMIT_6379, 6381: ADMIT_6381 };
/** the diagnosis's fix for prod-cache's group: tcp 6379 from the prod VPC */
const ADMIT_6379_VPC: ChangeSet = {
  format: 'reachmap-changes/1',
  changes: [{ action: 'AuthorizeSecurityGroupIngress', GroupId: 'sg-0de00000000000105', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 6379, ToPort: 6379, IpRanges: [{ CidrIp: '10.0.0.0/16' }] }] }],
};

/** whether this build's engine gives F1's fix its change set */
const hasFixChanges = await (async () => {
  const service = await createNodeReachmapService();
  await service.openSnapshot();
  const f1 = await service.analyze({ from: PROD_API, to: PROD_CACHE, protocol: 'tcp', port: 6379 });
  return (f1.blocked?.fix as { changes?: unknown } | null | undefined)?.changes !== undefined;
})();

/** A fix without a change set (every fix, until the engine carries them) gets the hand-written one of its port; the engine's own are left as they are. */
async function handWrittenFixes(page: Page): Promise<void> {
  await page.route('**/api/analyze', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { value?: AnalyzeResult };
    const fix = body.value?.blocked?.fix as (AnalyzeResult['blocked'] & object)['fix'] & { changes?: ChangeSet };
    const port = body.value?.query.port;
    if (fix && !fix.changes && port !== undefined && port !== null && HAND_WRITTEN[port]) fix.changes = HAND_WRITTEN[port];
    await route.fulfill({ response, json: body });
  });
}

function nodeClasses(page: Page, id: string): Promise<string[]> {
  return page.evaluate((nodeId) => {
    const node = (globalThis as unknown as PageGlobals).__reachmap!.cy.getElementById(nodeId);
    return node.empty() ? [] : node.classes();
  }, id);
}

async function trace(page: Page, port: number, verdict: 'reachable' | 'unreachable'): Promise<void> {
  await page.getByTestId('tab-trace').click();
  await page.getByTestId('query-from').fill(PROD_API);
  await page.getByTestId('query-to').fill(PROD_CACHE);
  await page.getByTestId('query-port').fill(String(port));
  await page.getByTestId('query-run').click();
  // by class and port: the previous answer stays on screen until this one arrives
  await page.locator(`[data-testid="verdict"].${verdict}`, { hasText: `/${port}` }).waitFor();
}

describe.skipIf(browserMissingLocally)('Try this fix on the map (demo fault F1)', { timeout: 180_000 }, () => {
  let serve: RunningServe;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    serve = await startServe();
    context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, permissions: ['clipboard-read', 'clipboard-write'], acceptDownloads: true });
    page = await context.newPage();
    // where a fix carries no change set (all of them, before the engine gives theirs), the page gets the hand-written one
    if (!hasFixChanges) console.log('this build\'s fixes carry no change set yet: the page gets hand-written ones for tcp 6379 and 6381');
    await handWrittenFixes(page);
    await openMap(page, serve.url);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await serve?.stop();
  });

  it('Try this fix turns F1 reachable: the new path replaces the old one, the edited components are marked, a bar says so', async () => {
    await trace(page, 6379, 'unreachable');
    expect(await nodeClasses(page, CACHE_ENI)).toContain('drop');
    await expect(page.getByTestId('edits-bar').count()).resolves.toBe(0);
    const button = page.getByTestId('try-fix');
    await expect(button.textContent()).resolves.toMatch(/^Try (this fix|the whole repair)$/);
    await button.click();

    await page.locator('[data-testid="verdict"].reachable').waitFor();
    await expect(page.getByTestId('verdict-before').textContent()).resolves.toMatch(/^Before the edits: Unreachable \(ENI_SG_RULES_MISMATCH at sg-0de00000000000105\)/);
    await expect(page.getByTestId('drop-card').count()).resolves.toBe(0);
    // the answer says it is on an edited snapshot
    await expect(page.locator('.answer .warnings').textContent()).resolves.toMatch(/on the snapshot with 1 edits? applied \((fix|repair): /);
    // on the map: the cache is no longer the drop; it is where the flow was dropped (green now) and a member of the edited group
    const cache = await nodeClasses(page, CACHE_ENI);
    expect(cache).not.toContain('drop');
    expect(cache).toEqual(expect.arrayContaining(['on-path', 'edited', 'repaired']));
    expect(await nodeClasses(page, 'eni-0de00000000000105')).not.toContain('edited');
    const paths = await page.evaluate(() => {
      const cy = (globalThis as unknown as PageGlobals).__reachmap!.cy;
      return { forward: cy.edges('edge.path.forward').map((e) => [e.data('source'), e.data('target')]), blocked: cy.edges('edge.path.blocked').map((e) => e.data('id')) };
    });
    expect(paths.forward).toContainEqual(['eni-0de00000000000105', CACHE_ENI]);
    expect(paths.blocked).toEqual([]);
    await expect(page.getByTestId('edits-count').textContent()).resolves.toBe('1 fix tried');
    await expect(page.getByTestId('legend-edited').textContent()).resolves.toContain('edited');
    await screenshot(page, 'e2e-try-fix-01-reachable');
  });

  it('Copy AWS CLI script puts the pile\'s commands on the clipboard, with their region', async () => {
    await page.getByRole('button', { name: 'Copy AWS CLI script' }).click();
    await page.getByTestId('edits-bar').getByRole('button', { name: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await page.getByTestId('edits-copy').getAttribute('data-script'));
    const commands = copied.split('\n').filter((line) => line.startsWith('aws '));
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatch(/^aws ec2 authorize-security-group-ingress --group-id sg-0de00000000000105 .*6379.*sg-0de00000000000103.* --region us-east-1$/);
    expect(copied).toMatch(/^#!\/bin\/sh\n# Reachmap: /);
  });

  it('Save change set downloads the pile as a reachmap-changes/1 file that readChangeSetText accepts', async () => {
    const download = page.waitForEvent('download');
    await page.getByTestId('edits-save').click();
    const file = await (await download).path();
    expect((await download).suggestedFilename()).toBe('reachmap-changes.json');
    const saved = readChangeSetText(readFileSync(file, 'utf8'), 'reachmap-changes.json');
    if (!hasFixChanges) expect(saved.changes).toEqual(ADMIT_6379.changes);
    else expect(saved.changes.length).toBeGreaterThan(0);
    await expect(page.getByTestId('edits-status').textContent()).resolves.toContain('downloaded');
  });

  it('the report of the tried fix shows the verdict before and after', async () => {
    const download = page.waitForEvent('download');
    await page.getByTestId('export-png').click();
    // the report is drawn off screen, then turned into the PNG
    const before = page.locator('[data-testid="report-before"]');
    await before.waitFor({ state: 'attached' });
    await expect(before.textContent()).resolves.toMatch(/Before the edits\s*Unreachable\s*dropped on the way there at .*sg-0de00000000000105 \(ENI_SG_RULES_MISMATCH\)/);
    await expect(page.locator('[data-testid="report-after"]').textContent()).resolves.toMatch(/After the edits\s*Reachable/);
    await expect(page.locator('[data-testid="report-edits"] li').allTextContents()).resolves.toEqual([expect.stringMatching(/^(fix|repair): /)]);
    // its map marks the edited components as the screen does
    await expect(page.locator('#reachmap-report .report-legend').textContent()).resolves.toContain('edited (a fix tried)');
    // kept beside the screenshots, to be looked at
    await (await download).saveAs(path.join(artifactsDir, 'e2e-try-fix-02-report.png'));
  });

  it('edits pile up; Undo takes back the last, Undo all the rest, and F1 is unreachable again', async () => {
    await trace(page, 6381, 'unreachable');
    // the edits of the first fix stay marked while another question is asked
    expect(await nodeClasses(page, CACHE_ENI)).toContain('edited');
    await page.getByTestId('try-fix').click();
    await expect.poll(() => page.getByTestId('edits-count').textContent()).toBe('2 fixes tried');
    // the question is asked again on the edited snapshot: its new path replaces the one that was dropped at the data subnet's ACL
    await page.locator('[data-testid="verdict"].reachable', { hasText: '/6381' }).waitFor();
    await expect.poll(() => nodeClasses(page, CACHE_SUBNET)).not.toContain('drop');
    expect(await nodeClasses(page, CACHE_SUBNET)).toContain('edited');
    await screenshot(page, 'e2e-try-fix-03-two-tried');
    const script = (await page.getByTestId('edits-copy').getAttribute('data-script')) ?? '';
    expect(script.split('\n').filter((line) => line.startsWith('aws ')).length).toBeGreaterThanOrEqual(2);

    await page.getByTestId('edits-undo').click();
    await expect.poll(() => page.getByTestId('edits-count').textContent()).toBe('1 fix tried');
    await page.locator('[data-testid="verdict"].unreachable').waitFor();
    await trace(page, 6379, 'reachable');

    await page.getByTestId('edits-undo').click();
    await page.locator('[data-testid="verdict"].unreachable').waitFor();
    await expect(page.getByTestId('edits-bar').count()).resolves.toBe(0);
    await expect(page.getByTestId('drop-code').textContent()).resolves.toBe('ENI_SG_RULES_MISMATCH');
    expect(await nodeClasses(page, CACHE_ENI)).toEqual(expect.arrayContaining(['drop']));
    expect(await nodeClasses(page, CACHE_ENI)).not.toContain('edited');
    expect(await nodeClasses(page, CACHE_SUBNET)).not.toContain('edited');
    await screenshot(page, 'e2e-try-fix-04-undone');
  });

  it('Undo all takes back every fix tried at once', async () => {
    await page.getByTestId('try-fix').click();
    await page.locator('[data-testid="verdict"].reachable').waitFor();
    await trace(page, 6381, 'unreachable');
    await page.getByTestId('try-fix').click();
    await expect.poll(() => page.getByTestId('edits-count').textContent()).toBe('2 fixes tried');
    // the ACL edit marks the subnets that use acme-prod-data-acl
    expect(await nodeClasses(page, CACHE_SUBNET)).toContain('edited');
    await page.getByTestId('edits-undo-all').click();
    await expect.poll(() => page.getByTestId('edits-bar').count()).toBe(0);
    await page.locator('[data-testid="verdict"].unreachable').waitFor();
    await trace(page, 6379, 'unreachable');
  });

  it('a diagnosis check\'s fix is tried the same way: the checklist is asked again on the edited snapshot', async () => {
    // prod-cache on 6379: the filtering layer fails at its group (sg-0de00000000000105 admits 6380 only)
    await page.route('**/api/diagnose', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { value?: DiagnoseReport };
      for (const check of body.value?.checks ?? []) {
        const fix = check.fix as (typeof check.fix & { changes?: ChangeSet }) | null;
        if (check.id === 'security-groups:tcp/6379' && fix && !fix.changes) fix.changes = ADMIT_6379_VPC;
      }
      await route.fulfill({ response, json: body });
    });
    await page.getByTestId('tab-diagnose').click();
    await page.getByTestId('diagnose-target').fill(PROD_CACHE);
    await page.getByTestId('diagnose-port').fill('6379');
    await page.getByTestId('diagnose-run').click();
    const groups = page.locator('li.check[data-status] .title', { hasText: /^The security groups admit tcp 6379$/ }).locator('xpath=ancestor::li[1]');
    await expect.poll(() => groups.getAttribute('data-status')).toBe('fail');
    await groups.getByTestId('diagnose-try-fix').click();
    await expect.poll(() => groups.getAttribute('data-status')).toBe('pass');
    await expect(page.getByTestId('edits-count').textContent()).resolves.toBe('1 fix tried');
    await screenshot(page, 'e2e-try-fix-05-diagnose');
    await page.getByTestId('edits-undo').click();
    await expect.poll(() => groups.getAttribute('data-status')).toBe('fail');
    await expect(page.getByTestId('edits-bar').count()).resolves.toBe(0);
    await page.unroute('**/api/diagnose');
  });

  // The engine's own change set for F1 (no hand-written one): skipped until this build's fixes carry `changes`.
  it.skipIf(!hasFixChanges)('the engine\'s own fix for F1, tried from the button, makes it reachable', async () => {
    const own = await context.newPage();
    await openMap(own, serve.url);
    await trace(own, 6379, 'unreachable');
    await own.getByTestId('try-fix').click();
    await own.locator('[data-testid="verdict"].reachable').waitFor();
    await own.getByTestId('edits-undo-all').or(own.getByTestId('edits-undo')).first().click();
    await own.locator('[data-testid="verdict"].unreachable').waitFor();
    await own.close();
  });
});
