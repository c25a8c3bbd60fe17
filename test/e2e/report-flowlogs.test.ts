// `reachmap report --flowlogs FILES` through the real CLI: Debian's Chromium
// draws the flow-log section of the demo and the PNG is read back. Records
// written for F1 (REJECT at prod-cache) and F2 (the dashboard's reply
// REJECTed by its ACL) put the drop red (#e03131) on those two interfaces;
// records of accepted traffic only put it nowhere but the legend's swatch.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissingLocally } from './helpers/browser.js';
import { reportPng } from './helpers/report-run.js';
import { ensureRendererBuilt } from './helpers/serve.js';

const out = mkdtempSync(path.join(tmpdir(), 'reachmap-report-flowlogs-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const ACCEPTED = [
  '2 111122223333 eni-0de00000000000105 10.0.10.11 10.0.20.21 50001 6379 6 10 1500 1795946400 1795946460 ACCEPT OK',
  '2 111122223333 eni-0de00000000000102 10.0.0.21 10.0.10.11 41000 8080 6 40 30000 1795946400 1795946460 ACCEPT OK',
];
const REJECTED = [
  '2 111122223333 eni-0de0000000000010a 10.0.10.11 10.0.20.21 50001 6379 6 10 1500 1795946400 1795946460 REJECT OK',
  '2 111122223333 eni-0de00000000000301 198.51.100.7 10.20.0.11 51000 443 6 10 1500 1795946400 1795946460 ACCEPT OK',
  '2 111122223333 eni-0de00000000000301 10.20.0.11 198.51.100.7 443 51000 6 8 900 1795946400 1795946460 REJECT OK',
];

function reportOf(lines: string[], name: string): Buffer {
  const log = path.join(out, `${name}.log`);
  writeFileSync(log, `${lines.join('\n')}\n`);
  const file = path.join(out, `${name}.png`);
  return reportPng(['--flowlogs', log], file);
}

/** pixels of the drop red (#e03131, antialiased edges allowed) */
function redPixels(bytes: Buffer): number {
  const png = PNG.sync.read(bytes);
  let count = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (png.data[i]! >= 215 && png.data[i + 1]! <= 70 && png.data[i + 2]! <= 70) count++;
  }
  return count;
}

describe.skipIf(browserMissingLocally)('reachmap report --flowlogs (CLI, headless Chromium, demo network)', { timeout: 400_000 }, () => {
  beforeAll(() => ensureRendererBuilt());

  it('marks the interfaces whose REJECTs the configuration explains in red; accepted traffic alone marks none', () => {
    const rejected = redPixels(reportOf([...ACCEPTED, ...REJECTED], 'rejected'));
    const accepted = redPixels(reportOf(ACCEPTED, 'accepted'));
    console.log(`flow-log report red pixels: ${JSON.stringify({ rejected, accepted })} (${out})`);
    // two node icons of about 2,700 red pixels each at the report's scale, against the legend's swatch
    expect(rejected).toBeGreaterThan(accepted + 3000);
  });
});
