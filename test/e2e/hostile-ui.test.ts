// Issue 13, item 8 (the UI's side): a snapshot from someone else's hands, with
// markup and script payloads, bidirectional overrides and a 20,000-character
// Name tag, opened in the map, the inspector and the report view. Built here
// from the bundled demo (test/fixtures/hostile-ui is this test's own small set):
// nothing may be injected, no dialog may open, the map must draw, and labels
// are cut to 64 characters with the full name in the inspector.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissingLocally, KEEP_NAMES_SHIM, launchBrowser, openMap, type PageGlobals } from './helpers/browser.js';
import { pageAt, repoRoot, startServe, type RunningServe } from './helpers/serve.js';

const MARKUP = `<img src=x onerror=alert(1)><script>alert(2)</script>"'><svg onload=alert(3)>`;
const BIDI = '\u202eevil\u202c';
const LONG = `L${'x'.repeat(19_998)}Z`;
// prod-web-1, prod-web-2 and prod-api-1 of the demo (assets/demo/README.md)
const NAMES: Record<string, string> = {
  'i-0de00000000000102': LONG,
  'i-0de00000000000103': `web2 ${MARKUP}`,
  'i-0de00000000000105': `api ${BIDI} done`,
};

function hostileDemo(dir: string): string {
  const snapshot = JSON.parse(readFileSync(path.join(repoRoot, 'assets/demo/demo-snapshot.json'), 'utf8'));
  for (const region of Object.values(snapshot.accounts['111122223333']) as { Reservations?: { Instances: { InstanceId: string; Tags?: { Key: string; Value: string }[] }[] }[] }[]) {
    for (const reservation of region.Reservations ?? []) {
      for (const instance of reservation.Instances) {
        const name = NAMES[instance.InstanceId];
        if (name !== undefined) instance.Tags = [{ Key: 'Name', Value: name }, { Key: MARKUP, Value: MARKUP }];
      }
    }
  }
  const file = path.join(dir, 'hostile-ui.json');
  writeFileSync(file, JSON.stringify(snapshot));
  return file;
}

interface Watch {
  dialogs: string[];
  errors: string[];
}

function watch(page: Page): Watch {
  const seen: Watch = { dialogs: [], errors: [] };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => seen.errors.push(error.message));
  return seen;
}

/** elements the payloads would create: an <img src=x>, an inline script, an <svg onload>, any on* attribute */
async function injected(page: Page): Promise<number> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number; [i: number]: { attributes: { length: number; [i: number]: { name: string } } } } } }).document;
    let count = doc.querySelectorAll('img[src="x"], script:not([src]), svg[onload]').length;
    const all = doc.querySelectorAll('*');
    for (let i = 0; i < all.length; i++) {
      const attributes = all[i]!.attributes;
      for (let j = 0; j < attributes.length; j++) if (/^on/i.test(attributes[j]!.name)) count++;
    }
    return count;
  });
}

describe.skipIf(browserMissingLocally)('13.8 the browser views and the UI report on a hostile snapshot', { timeout: 300_000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'reachmap-hostile-ui-'));
  let serve: RunningServe;
  let browser: Browser;
  beforeAll(async () => {
    serve = await startServe(['--snapshot', hostileDemo(dir)]);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the map draws, with labels cut to 64 characters and overrides escaped; nothing injected, no dialog', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const seen = watch(page);
    await openMap(page, serve.url);
    const labels = await page.evaluate(() => {
      const cy = (globalThis as unknown as PageGlobals).__reachmap!.cy;
      return ['eni-0de00000000000102', 'eni-0de00000000000103', 'eni-0de00000000000105'].map((id) => cy.getElementById(id).data('label'));
    });
    const [long, markup, bidi] = labels.map((label) => label.split('\n')[0]!);
    expect(long).toBe(`L${'x'.repeat(62)}\u2026`);
    expect(markup).toBe(`web2 ${MARKUP}`.slice(0, 63) + '\u2026');
    expect(bidi).toBe('api \\u202eevil\\u202c done');
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__reachmap!.cy.nodes().length)).toBeGreaterThan(30);
    // the inspector shows the full name, escaped
    await page.evaluate(() => (globalThis as unknown as { __reachmap: { cy: { getElementById(id: string): { emit(e: string): void } } } }).__reachmap.cy.getElementById('eni-0de00000000000105').emit('tap'));
    const heading = page.getByTestId('inspector').locator('h3');
    await heading.waitFor();
    expect(await heading.textContent()).toBe('api \\u202eevil\\u202c done');
    expect(await injected(page)).toBe(0);
    expect(seen.dialogs).toEqual([]);
    expect(seen.errors).toEqual([]);
  });

  it('the report view of a flow from the long-named instance: ready, names cut and escaped, nothing injected', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const seen = watch(page);
    await page.addInitScript(KEEP_NAMES_SHIM);
    await page.goto(pageAt(serve, '#/report?from=i-0de00000000000102&to=i-0de00000000000105&protocol=tcp&port=443'));
    await page.waitForFunction(() => Boolean((globalThis as unknown as PageGlobals).document.body.dataset.reportState), undefined, { timeout: 120_000 });
    const state = await page.evaluate(() => (globalThis as unknown as PageGlobals).document.body.dataset.reportState);
    expect(state).toBe('ready');
    const text = (await page.locator('#reachmap-report').textContent()) ?? '';
    expect(text).toContain(`L${'x'.repeat(62)}\u2026`);
    expect(text).not.toContain('x'.repeat(100));
    expect(text).not.toContain('\u202e');
    expect(text).toContain('api \\u202eevil\\u202c done');
    expect(await injected(page)).toBe(0);
    expect(seen.dialogs).toEqual([]);
    expect(seen.errors).toEqual([]);
  });
});
