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
import { CHECK_BLOCKED_MARK, CHECK_PASSES_MARK, colourAround, colourSpots, PATH_BLUE, pngFacts, squares, UNHEALTHY_ORANGE } from './helpers/report-png.js';

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

    // The target section: one square per target of acme-prod-alb, coloured by whether the network lets its health check through.
    // None does: prod-api-1 and -2 are dropped by acme-prod-api (F10, no rule for tcp 8081), prod-api-3 is stopped.
    const blocked = squares(through, CHECK_BLOCKED_MARK);
    console.log(`ALB report: target squares, check blocked ${JSON.stringify(blocked)}`);
    expect(blocked).toHaveLength(3);
    expect(squares(through, CHECK_PASSES_MARK)).toHaveLength(0);
    // one below the other, in one column, below the map (its bottom is under the three target nodes)
    expect(new Set(blocked.map((s) => Math.round(s.x / 10))).size).toBe(1);
    expect(blocked.every((s) => s.y > stillMarked[0]!.y)).toBe(true);
    // R1 passes no load balancer and ends at no target: no such section
    expect(squares(plain, CHECK_BLOCKED_MARK)).toHaveLength(0);
    expect(squares(plain, CHECK_PASSES_MARK)).toHaveLength(0);
  });

  it('a flow to a target behind the ALB, and one through the log NLB, list the targets with their health checks', () => {
    // R3 (prod-web-1 -> prod-api-1 tcp 8080) ends at a target of acme-prod-api-tg: its one registration, check blocked (F10)
    const toTarget = report('api-1', ['--from', 'i-0de00000000000102', '--to', 'i-0de00000000000105', '--protocol', 'tcp', '--port', '8080']);
    expect(squares(toTarget, CHECK_BLOCKED_MARK)).toHaveLength(1);
    expect(squares(toTarget, CHECK_PASSES_MARK)).toHaveLength(0);
    // R16 (prod-api-1 -> acme-shared-logs-nlb tcp 6514): one target, shared-log-collector, healthy; the TCP check on 6514
    // from the NLB's nodes (10.1.0.200, 10.1.1.200) is admitted by acme-shared-logs (tcp 6514 from 10.0.0.0/8)
    const throughNlb = report('nlb', ['--from', 'i-0de00000000000105', '--to', 'acme-shared-logs-nlb', '--protocol', 'tcp', '--port', '6514']);
    expect(squares(throughNlb, CHECK_PASSES_MARK)).toHaveLength(1);
    expect(squares(throughNlb, CHECK_BLOCKED_MARK)).toHaveLength(0);
  });
});
