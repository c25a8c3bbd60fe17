// `reachmap report` of a flow through the demo's load balancer, rendered by
// Debian's Chromium and read back pixel by pixel. What must be on it is taken
// from assets/demo/README.md by hand: acme-prod-alb forwards HTTPS:443 to
// acme-prod-api-tg, whose three targets are all not healthy (F10: prod-api-1
// and prod-api-2 unhealthy, Target.Timeout; prod-api-3 unused, stopped), so
// the ALB fails open and the trace delivers to the first target in order,
// prod-api-1. The map marks a target that is not healthy with an orange
// double border; the target the trace reaches keeps it, ringed by the path's blue.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserMissingLocally } from './helpers/browser.js';
import { reportPng } from './helpers/report-run.js';
import { ensureRendererBuilt } from './helpers/serve.js';
import { colourAround, colourSpots, PATH_BLUE, pngFacts, UNHEALTHY_ORANGE } from './helpers/report-png.js';

const out = mkdtempSync(path.join(tmpdir(), 'reachmap-report-lb-'));

function report(name: string, question: string[]): Buffer {
  const file = path.join(out, `${name}.png`);
  return reportPng(question, file);
}

describe.skipIf(browserMissingLocally)('reachmap report through a load balancer (CLI, headless Chromium, demo network)', { timeout: 400_000 }, () => {
  beforeAll(() => ensureRendererBuilt());

  it('internet -> acme-prod-alb tcp 443: the three targets that are not healthy are marked, prod-api-1 too, which the path reaches and rings in blue', () => {
    // R1 (internet -> prod-web-1 tcp 443) does not touch the targets: all three carry the orange mark
    const plain = report('web', ['--from', 'internet', '--to', 'i-0de00000000000102', '--protocol', 'tcp', '--port', '443']);
    const marked = colourSpots(plain, UNHEALTHY_ORANGE).sort((a, b) => a.x - b.x);
    console.log(`R1 report: unhealthy marks at ${JSON.stringify(marked)}`);
    expect(marked).toHaveLength(3);
    // the three sit side by side on one row of the map (prod-api-1 and prod-api-3 in prod-app-a, prod-api-2 in prod-app-b)
    expect(Math.max(...marked.map((s) => s.y)) - Math.min(...marked.map((s) => s.y))).toBeLessThan(20);

    const through = report('alb', ['--from', 'internet', '--to', 'acme-prod-alb', '--protocol', 'tcp', '--port', '443']);
    const facts = pngFacts(through);
    console.log(`ALB report: ${facts.width}x${facts.height}, drop-red pixels ${facts.dropRedPixels}`);
    expect(facts.width).toBe(2400);
    // reachable: nothing dropped, so no drop marker
    expect(facts.dropRedPixels).toBe(0);
    const stillMarked = colourSpots(through, UNHEALTHY_ORANGE).sort((a, b) => a.x - b.x);
    console.log(`ALB report: unhealthy marks at ${JSON.stringify(stillMarked)}`);
    // prod-api-1 (the leftmost: 10.0.10.11 comes first in prod-app-a) keeps its mark under the path, as do the other two
    expect(stillMarked).toHaveLength(3);
    const [api1] = marked;
    expect(stillMarked.some((s) => Math.abs(s.x - api1!.x) <= 60)).toBe(true);
    // around its mark the path's blue is drawn now (the forward path ends there, its ring around the node); in R1 it was not
    const blueThrough = colourAround(through, PATH_BLUE, api1!.x + 20, api1!.y + 20, 40);
    const bluePlain = colourAround(plain, PATH_BLUE, api1!.x + 20, api1!.y + 20, 40);
    console.log(`path blue around prod-api-1: ${blueThrough} through the ALB, ${bluePlain} in R1`);
    expect(blueThrough).toBeGreaterThan(100);
    expect(bluePlain).toBeLessThan(blueThrough / 4);
  });
});
