// One browser, one `reachmap serve` on the bundled demo and one page with the
// map open, for a describe block: started before its tests, stopped after.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, openMap } from './browser.js';
import { startServe, type RunningServe } from './serve.js';

export interface DemoMap {
  readonly page: Page;
  readonly serve: RunningServe;
}

/**
 * call inside `describe`; read `.page` in a test or a later beforeAll.
 * `serveArgs`: what else `reachmap serve` is given, asked for when the suite starts (a `--snapshot` written then).
 */
export function demoMapForSuite(viewport = { width: 1600, height: 1000 }, serveArgs: () => string[] = () => []): DemoMap {
  let browser: Browser | undefined;
  let serve: RunningServe | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    serve = await startServe(serveArgs());
    page = await browser.newPage({ viewport });
    await openMap(page, serve.url);
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });
  return {
    get page() {
      if (!page) throw new Error('the demo map is not open yet: read .page inside a test');
      return page;
    },
    get serve() {
      if (!serve) throw new Error('the demo map is not open yet: read .serve inside a test');
      return serve;
    },
  };
}
