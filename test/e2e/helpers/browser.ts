// Debian's Chromium, driven by playwright-core, with the flags every browser
// we start must carry (nothing leaves 127.0.0.1). In CI a missing browser is
// a failure: launch() throws and the suite fails.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { BROWSER_FLAGS } from '../../../cli/report/browser.js';
import { repoRoot } from './serve.js';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = BROWSER_FLAGS;

/** outside CI, a machine without Chromium skips the browser tests; in CI it fails them */
export const browserMissingLocally = !existsSync(CHROMIUM) && !process.env.CI;

/**
 * tsx compiles our page.evaluate callbacks with esbuild's keepNames, which
 * wraps named functions in a `__name` helper that only exists in Node.
 */
export const KEEP_NAMES_SHIM = 'globalThis.__name = globalThis.__name || ((fn) => fn);';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (.ci/run does)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

export const artifactsDir = path.join(repoRoot, 'test', 'artifacts');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Opens the page and waits until the map holds its elements; reports which Cytoscape renderer ran. */
export async function openMap(page: Page, url: string): Promise<string> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.addInitScript(KEEP_NAMES_SHIM);
  await page.goto(url);
  await page.waitForFunction(() => Number((globalThis as unknown as PageGlobals).document.body.dataset.mapReady ?? '0') > 0, undefined, { timeout: 150_000 });
  if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
  const [renderer, reason] = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    return [g.__reachmap?.renderer ?? 'none', g.__reachmap?.rendererReason ?? ''];
  });
  console.log(`Cytoscape renderer: ${renderer === 'webgl' ? 'WebGL' : renderer} (${reason})`);
  return renderer;
}

/**
 * What the page exposes, as typed inside page.evaluate callbacks (the tests
 * compile without the DOM library): `const g = globalThis as unknown as PageGlobals`.
 */
export interface PageGlobals {
  __reachmap?: { renderer: string; rendererReason: string; cy: CyLike };
  document: { body: { dataset: Record<string, string | undefined> } };
}

export interface CyNodeLike {
  empty(): boolean;
  classes(): string[];
  data(key: string): string;
  renderedPosition(): { x: number; y: number };
}

export interface CyLike {
  getElementById(id: string): CyNodeLike;
  edges(selector: string): { map<T>(fn: (edge: { data(key: string): string }) => T): T[] };
  nodes(): { length: number };
  panBy(offset: { x: number; y: number }): void;
  zoom(): number;
}

/** The classes Cytoscape holds for a node, read from the live map ([] when the map has no such node). */
export function nodeClasses(page: Page, id: string): Promise<string[]> {
  return page.evaluate((nodeId) => {
    const cy = (globalThis as unknown as PageGlobals).__reachmap!.cy;
    const node = cy.getElementById(nodeId);
    return node.empty() ? [] : node.classes();
  }, id);
}

/** waits until the map's view has held still for a few polls (a redraw, a fit, an animation are over) */
export async function mapStill(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const g = globalThis as unknown as { __reachmap: { cy: import('cytoscape').Core }; __still?: number; __state?: string };
      const cy = g.__reachmap.cy;
      const state = JSON.stringify([cy.pan(), cy.zoom(), cy.nodes().length]);
      g.__still = state === g.__state ? (g.__still ?? 0) + 1 : 0;
      g.__state = state;
      return g.__still >= 3;
    },
    undefined,
    { polling: 100, timeout: 60_000 },
  );
}
