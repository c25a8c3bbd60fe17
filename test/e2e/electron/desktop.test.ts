/// <reference lib="dom" />
// The desktop app end to end: the real Electron binary, main process,
// preload and renderer, driven by Playwright. Runs wherever an Electron binary
// is present (ELECTRON_OVERRIDE_DIST_PATH or node_modules/electron/dist) and
// skips with one line where none is. Expected values come from the demo
// network (assets/demo/demo-snapshot.json and the faults scripts/make-demo.ts
// plants), as in test/e2e/map.test.ts. Needs `npm run build`.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ElectronApplication, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickMenu, electronLookup, launchDesktop, repoRoot, screenshot } from './launch.js';

if (!electronLookup.found) console.log(`Electron end-to-end tests skipped: ${electronLookup.reason}`);

async function waitForFile(file: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > until) throw new Error(`${file} was not written`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.skipIf(!electronLookup.found)('the desktop app (Playwright _electron.launch)', () => {
  let userData: string;
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    userData = await mkdtemp(path.join(os.tmpdir(), 'reachmap-electron-'));
    ({ app, page } = await launchDesktop(userData));
  });
  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await rm(userData, { recursive: true, force: true });
  });

  it('opens one window on the demo, from reachmap://app, with no Node in the page', async () => {
    expect(page.url()).toBe('reachmap://app/index.html');
    await expect(page.title()).resolves.toBe('Reachmap');
    await expect(page.getByTestId('snapshot-summary').textContent()).resolves.toContain('4 VPCs · 19 subnets · 25 instances · 34 ENIs');
    const isolation = await page.evaluate(() => ({
      shell: (window as unknown as { reachmap: { shell: string } }).reachmap.shell,
      frozen: Object.isFrozen((window as unknown as { reachmap: object }).reachmap),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(isolation).toEqual({ shell: 'electron', frozen: true, require: 'undefined', process: 'undefined' });
    await expect(app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).resolves.toBe(1);
    await screenshot(page, 'electron-01-demo');
  });

  it('the CSP keeps the page off the network (blocked before any packet is sent)', async () => {
    const outcome = await page.evaluate(() =>
      fetch('http://127.0.0.1:9/').then(
        () => 'fetched',
        () => 'blocked',
      ),
    );
    expect(outcome).toBe('blocked');
  });

  it('keeps navigation in the app and sends links to the (stubbed) system browser', async () => {
    await app.evaluate(({ shell }) => {
      const opened: string[] = [];
      (globalThis as unknown as { opened: string[] }).opened = opened;
      shell.openExternal = async (url: string) => void opened.push(url);
    });
    await page.evaluate(() => void window.open('https://docs.aws.amazon.com/vpc/'));
    await page.evaluate(() => {
      window.location.href = 'https://example.org/away';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe('reachmap://app/index.html');
    await expect(app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).resolves.toBe(1);
    await expect(app.evaluate(() => (globalThis as unknown as { opened: string[] }).opened)).resolves.toEqual(['https://docs.aws.amazon.com/vpc/', 'https://example.org/away']);
  });

  it('analyzes a flow through the UI: prod-api-1 to prod-cache on 6379 is dropped by acme-prod-cache', async () => {
    // Planted in the demo: prod-cache (eni-0de0000000000010a) listens on 6379 but its group
    // acme-prod-cache (sg-0de00000000000105) admits only 6380 from the API tier.
    await page.getByTestId('tab-trace').click();
    await page.getByTestId('query-from').fill('prod-api-1');
    await page.getByTestId('query-to').fill('eni-0de0000000000010a');
    await page.getByTestId('query-port').fill('6379');
    await page.getByTestId('query-run').click();
    await page.getByTestId('verdict').waitFor();
    await expect(page.getByTestId('verdict').textContent()).resolves.toContain('Unreachable');
    await expect(page.getByTestId('drop-code').textContent()).resolves.toBe('ENI_SG_RULES_MISMATCH');
    await expect(page.getByTestId('drop-component').textContent()).resolves.toContain('sg-0de00000000000105');
    await screenshot(page, 'electron-02-flow-dropped');
  });

  it('View > Internet Exposure (a menu action) opens the exposure view in the page', async () => {
    await clickMenu(app, 'exposure');
    await page.getByTestId('exposure-table').waitFor({ timeout: 30_000 });
    await screenshot(page, 'electron-03-exposure');
  });

  it('File > Export Report… writes the PNG where the (stubbed) save dialog says, readable by its owner only', async () => {
    const out = path.join(userData, 'exported-report.png');
    await app.evaluate(({ dialog }, file) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath: file })) as typeof dialog.showSaveDialog;
    }, out);
    await clickMenu(app, 'export-report');
    await waitForFile(out);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const png = PNG.sync.read(await readFile(out));
    expect(png.width).toBeGreaterThanOrEqual(800);
    expect(png.height).toBeGreaterThanOrEqual(600);
    const distinct = new Set<number>();
    for (let i = 0; i < png.data.length && distinct.size < 50; i += 4 * 97) distinct.add(png.data.readUInt32BE(i));
    expect(distinct.size, 'the picture is not blank').toBeGreaterThan(10);
    expect((await stat(out)).mode & 0o777).toBe(0o600);
  });

  it('File > Take Snapshot… opens the live snapshot form of the top bar', async () => {
    await clickMenu(app, 'take-snapshot');
    await page.getByTestId('live-snapshot').waitFor({ timeout: 10_000 });
    await page.getByTestId('live-snapshot').getByTitle('Close').click();
    await expect(page.getByTestId('live-snapshot').count()).resolves.toBe(0);
  });

  it('File > Open Snapshot… (stubbed dialog) makes the page reload the summary of what main opened', async () => {
    const demoFile = path.join(repoRoot, 'assets', 'demo', 'demo-snapshot.json');
    await app.evaluate(({ dialog }, file) => {
      dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [file] })) as typeof dialog.showOpenDialog;
    }, demoFile);
    await clickMenu(app, 'open-snapshot');
    // Opened by path, the same network is labelled with that path rather than "demo".
    await expect.poll(() => page.getByTestId('snapshot-summary').textContent(), { timeout: 30_000 }).toContain('demo-snapshot.json');
    await expect(page.getByTestId('snapshot-summary').textContent()).resolves.toContain('4 VPCs · 19 subnets · 25 instances · 34 ENIs');
  });

  it('remembers the theme and the window bounds across a restart, in a settings file only its owner reads', async () => {
    await clickMenu(app, 'theme-dark');
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.setBounds({ x: 40, y: 40, width: 1111, height: 777 }));
    await app.close();

    const settingsFile = path.join(userData, 'settings.json');
    expect((await stat(settingsFile)).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(await readFile(settingsFile, 'utf8')) as { theme: string; windowBounds: { width: number; height: number } };
    expect(saved.theme).toBe('dark');
    expect(saved.windowBounds).toMatchObject({ width: 1111, height: 777 });

    ({ app, page } = await launchDesktop(userData));
    await expect(app.evaluate(({ nativeTheme }) => nativeTheme.themeSource)).resolves.toBe('dark');
    await expect(app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getNormalBounds())).resolves.toMatchObject({ width: 1111, height: 777 });
    await expect(page.evaluate(() => (window as unknown as { reachmap: { desktopSettings(): Promise<{ theme: string }> } }).reachmap.desktopSettings())).resolves.toMatchObject({ theme: 'dark' });
  });
});
