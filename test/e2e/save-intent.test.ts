// Save as intent in the web face (Debian's Chromium against `reachmap serve`
// on the demo): an analyzed flow is copied as an intents-file entry, and that
// entry, pasted into a file, passes `reachmap check`. R5 of the demo
// (assets/demo/README.md): prod-api-1 -> prod-cache tcp 6380 is reachable.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIntents } from '../../shared/api/intents.js';
import { ensureBuilt, runCli } from '../integration/cli/run-cli.js';
import { browserMissingLocally, launchBrowser, openMap, screenshot } from './helpers/browser.js';
import { startServe, type RunningServe } from './helpers/serve.js';

describe.skipIf(browserMissingLocally)('Save as intent in the browser', () => {
  let serve: RunningServe;
  let browser: Browser;
  const temp = mkdtempSync(path.join(tmpdir(), 'reachmap-save-intent-'));

  beforeAll(async () => {
    ensureBuilt();
    browser = await launchBrowser();
    serve = await startServe();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    rmSync(temp, { recursive: true, force: true });
  });

  it('copies the analyzed flow as an intent that reachmap check passes', async () => {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    await openMap(page, serve.url);
    await page.getByTestId('tab-trace').click();
    await page.getByTestId('query-from').fill('i-0de00000000000105');
    await page.getByTestId('query-to').fill('i-0de0000000000010a');
    await page.getByTestId('query-port').fill('6380');
    await page.getByTestId('query-run').click();
    await page.getByTestId('verdict').waitFor();
    await expect(page.getByTestId('verdict').textContent()).resolves.toContain('Reachable');
    const save = page.getByTestId('save-intent');
    // the intent pins the verdict shown
    await expect(save.getByTestId('save-intent-expect').inputValue()).resolves.toBe('reachable');
    await save.getByRole('button', { name: 'Copy as intent' }).click();
    await save.getByRole('button', { name: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    await screenshot(page, 'e2e-save-intent-copied');
    await context.close();

    const file = path.join(temp, 'intents.yaml');
    writeFileSync(file, `# pasted from the map\nflows:\n${copied}\n`);
    const [flow] = parseIntents(`flows:\n${copied}\n`, 'pasted.yaml').flows;
    expect(flow).toMatchObject({ protocol: 'tcp', port: 6380, sourcePort: undefined, expect: 'reachable' });
    // the map names endpoints by their ENI or instance: either way prod-api-1 and prod-cache
    expect(['i-0de00000000000105', 'eni-0de00000000000105']).toContain(flow!.from);
    expect(['i-0de0000000000010a', 'eni-0de0000000000010a']).toContain(flow!.to);
    const run = runCli(['check', '--intents', file]);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('1 passed, 0 failed');
    expect(run.status).toBe(0);
  });
});
