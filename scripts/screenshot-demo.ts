// Writes the README's pictures: docs/screenshot-overview.png, the demo as it
// opens (each VPC a card), and docs/screenshot-demo.png, one of its planted
// faults asked (prod-api-1 -> prod-cache, tcp 6379).
//   node --import tsx scripts/screenshot-demo.ts
import path from 'node:path';
import { launchBrowser, openMap } from '../test/e2e/helpers/browser.js';
import { repoRoot, startServe } from '../test/e2e/helpers/serve.js';

const serve = await startServe();
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 960 }, deviceScaleFactor: 1 });
  await openMap(page, serve.url);
  await page.waitForTimeout(500);
  const overview = path.join(repoRoot, 'docs', 'screenshot-overview.png');
  await page.screenshot({ path: overview });
  console.log(`wrote ${overview}`);
  await page.getByTestId('query-from').fill('prod-api-1');
  await page.getByTestId('query-to').fill('prod-cache');
  await page.getByTestId('query-port').fill('6379');
  await page.getByTestId('query-run').click();
  await page.getByTestId('drop-card').waitFor();
  await page.waitForTimeout(1000);
  const out = path.join(repoRoot, 'docs', 'screenshot-demo.png');
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await serve.stop();
}
