// UI benchmark: `reachmap serve` on synthetic networks of 1k and 5k ENIs,
// driven in Debian's Chromium. Figures: time to first render and to
// interactive (from navigation start, cold layout cache, then reopened with
// the cached layout), and frame time while panning (as opened, and with every
// container expanded). Targets (issue 5): 5k ENIs first render < 3 s,
// panning < 50 ms a frame.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { KEEP_NAMES_SHIM, launchBrowser, type PageGlobals } from '../e2e/helpers/browser.js';
import { startServe } from '../e2e/helpers/serve.js';
import { formatMs, printTable, summarize } from './measure.js';
import { generateSnapshot } from './synthetic.js';

const SIZES = [1_000, 5_000];
const TARGET_FIRST_RENDER_MS = { enis: 5_000, ms: 3_000 };
const TARGET_FRAME_MS = 50;
const PAN_FRAMES = 90;

interface OpenFigures {
  /** the page's main-thread busy time until interactive (CDP TaskDuration): less inflated than wall time on a busy machine */
  busyMs: number;
  firstRender: number;
  interactive: number;
  layoutAndElements: number;
  nodes: number;
  renderer: string;
}

async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN;
}

async function openAndTime(page: Page, url: string): Promise<OpenFigures> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url);
  const before = await taskSeconds(cdp);
  await page.waitForFunction(() => Number((globalThis as unknown as PageGlobals).document.body.dataset.mapReady ?? '0') > 0, undefined, { timeout: 120_000 });
  const busyMs = ((await taskSeconds(cdp)) - before) * 1000;
  await cdp.detach();
  const figures = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals & { performance: { getEntriesByName(name: string): { startTime: number }[] } };
    const mark = (name: string) => g.performance.getEntriesByName(name).at(-1)?.startTime ?? Number.NaN;
    return {
      firstRender: mark('reachmap:first-render'),
      interactive: mark('reachmap:interactive'),
      layoutAndElements: mark('reachmap:first-render') - mark('reachmap:graph-received'),
      nodes: Number(g.document.body.dataset.mapReady),
      renderer: g.__reachmap?.renderer ?? 'none',
    };
  });
  return { ...figures, busyMs };
}

/** Pans the map a little every animation frame and returns the time between frames. */
async function panFrameTimes(page: Page): Promise<number[]> {
  return page.evaluate(async (frames) => {
    const g = globalThis as unknown as PageGlobals & { requestAnimationFrame(cb: (t: number) => void): void };
    const cy = g.__reachmap!.cy;
    const times: number[] = [];
    let last = -1;
    await new Promise<void>((resolve) => {
      const step = (now: number) => {
        if (last >= 0) times.push(now - last);
        last = now;
        if (times.length >= frames) return resolve();
        cy.panBy({ x: times.length % 60 < 30 ? 14 : -14, y: 6 });
        g.requestAnimationFrame(step);
      };
      g.requestAnimationFrame(step);
    });
    return times;
  }, PAN_FRAMES);
}

function ok(pass: boolean): string {
  return pass ? 'ok' : 'OVER';
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'reachmap-ui-bench-'));
  const browser = await launchBrowser();
  const rows: string[][] = [['ENIs', 'renderer', 'nodes drawn', 'open', 'first render', 'interactive', 'main-thread busy', 'layout+draw', 'pan p50', 'pan p95', 'pan max']];
  try {
    for (const enis of SIZES) {
      const file = path.join(dir, `synthetic-${enis}.json`);
      writeFileSync(file, JSON.stringify(generateSnapshot({ enis, seed: 7 })));
      const serve = await startServe(['--snapshot', file]);
      try {
        const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
        await context.addInitScript(KEEP_NAMES_SHIM);
        const page = await context.newPage();
        const cold = await openAndTime(page, serve.url);
        const pan = summarize(await panFrameTimes(page));
        // Reopened in the same browser: the layout comes from the cache (localStorage, per snapshot hash).
        const warm = await openAndTime(page, serve.url.replace(/#token=.*/, ''));
        const draws = await page.evaluate(() => Number((globalThis as unknown as PageGlobals).document.body.dataset.mapDraws ?? '0'));
        await page.getByRole('button', { name: 'All', exact: true }).click();
        // Expanding redraws the map, unless it opened fully expanded already (small networks).
        await page
          .waitForFunction((n) => Number((globalThis as unknown as PageGlobals).document.body.dataset.mapDraws ?? '0') > n, draws, { timeout: 120_000 })
          .catch(() => undefined);
        await page.getByTestId('fit').click();
        const expandedNodes = await page.evaluate(() => (globalThis as unknown as PageGlobals).__reachmap!.cy.nodes().length);
        const panExpanded = summarize(await panFrameTimes(page));
        const line = (label: string, figures: OpenFigures, frames: ReturnType<typeof summarize> | null, nodes = figures.nodes) => [
          String(enis),
          figures.renderer,
          String(nodes),
          label,
          formatMs(figures.firstRender),
          formatMs(figures.interactive),
          formatMs(figures.busyMs),
          formatMs(figures.layoutAndElements),
          frames ? formatMs(frames.p50) : '',
          frames ? formatMs(frames.p95) : '',
          frames ? formatMs(frames.max) : '',
        ];
        rows.push(line('cold', cold, pan));
        rows.push(line('cached layout', warm, null));
        rows.push(line('all expanded', warm, panExpanded, expandedNodes).map((cell, i) => (i >= 4 && i <= 7 ? '' : cell)));
        if (enis === TARGET_FIRST_RENDER_MS.enis) {
          console.log(`target: ${enis} ENIs first render < ${TARGET_FIRST_RENDER_MS.ms} ms: ${formatMs(cold.firstRender)} ${ok(cold.firstRender < TARGET_FIRST_RENDER_MS.ms)}`);
        }
        console.log(`target: ${enis} ENIs panning < ${TARGET_FRAME_MS} ms a frame (p95): as opened ${formatMs(pan.p95)} ${ok(pan.p95 < TARGET_FRAME_MS)}, all expanded ${formatMs(panExpanded.p95)} ${ok(panExpanded.p95 < TARGET_FRAME_MS)}`);
        await context.close();
      } finally {
        await serve.stop();
      }
    }
    printTable(rows);
    console.log(`machine load average while measuring: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`);
    console.log('times from navigation start (the page loaded after navigation, busy time counted from there); "layout+draw" from the graph arriving to the first frame; pan = time between animation frames while panning');
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
