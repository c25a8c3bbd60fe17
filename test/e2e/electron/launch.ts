/// <reference lib="dom" />
// Starting the desktop app under Playwright's Electron driver. Spectron, which
// the design card named, was deprecated in February 2022 and cannot drive
// current Electron; Playwright's `_electron.launch` replaces it.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { findElectronBinary } from '../../../electron/electron-binary.js';
import { CHROMIUM_FLAGS } from '../helpers/browser.js';

export const repoRoot = path.resolve(import.meta.dirname, '../../..');
export const artifactsDir = path.join(repoRoot, 'test', 'artifacts');

export const electronLookup = findElectronBinary(repoRoot);

/**
 * The flags every browser we start carries (test/e2e/helpers/browser.ts), as
 * far as Electron has them: `--headless` is Chromium's headless shell, which
 * Electron is not; without a display it runs on Ozone's headless platform.
 */
export const ELECTRON_FLAGS = [
  ...CHROMIUM_FLAGS.filter((flag) => flag !== '--headless'),
  ...(process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY'] ? ['--ozone-platform=headless'] : []),
];

export async function launchDesktop(userDataDir: string): Promise<{ app: ElectronApplication; page: Page }> {
  if (!electronLookup.found) throw new Error(electronLookup.reason);
  const app = await electron.launch({
    executablePath: electronLookup.binary.executable,
    args: [...ELECTRON_FLAGS, repoRoot],
    env: { ...process.env, REACHMAP_USER_DATA_DIR: userDataDir, AWS_EC2_METADATA_DISABLED: 'true' } as Record<string, string>,
    timeout: 60_000,
  });
  const page = await app.firstWindow();
  await page.waitForFunction(() => Number(document.body.dataset['mapReady'] ?? '0') > 0, undefined, { timeout: 60_000 });
  const renderer = await page.evaluate(() => (window as unknown as { __reachmap?: { renderer: string } }).__reachmap?.renderer ?? 'none');
  console.log(`Cytoscape renderer in Electron: ${renderer === 'webgl' ? 'WebGL' : renderer}`);
  return { app, page };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`) });
}

/** clicks a menu item by id, as the user would (its handler runs in main) */
export async function clickMenu(app: ElectronApplication, id: string): Promise<void> {
  const clicked = await app.evaluate(({ Menu }, itemId) => {
    const item = Menu.getApplicationMenu()?.getMenuItemById(itemId);
    item?.click();
    return item !== null && item !== undefined;
  }, id);
  if (!clicked) throw new Error(`no menu item ${id}`);
}
