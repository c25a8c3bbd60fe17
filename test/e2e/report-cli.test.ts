// `reachmap report` through the real CLI: Debian's Chromium renders the report
// view of the demo, and the PNGs are read back. Which flows are blocked or
// allowed, and where, is taken from assets/demo/README.md (the planted faults
// and the flows that must be reachable), read by hand.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserMissingLocally, CHROMIUM } from './helpers/browser.js';
import { ensureRendererBuilt, repoRoot } from './helpers/serve.js';
import { pngFacts, samePixels } from './helpers/report-png.js';

const out = mkdtempSync(path.join(tmpdir(), 'reachmap-report-'));

function reachmap(args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'cli', 'main.ts'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true' },
    timeout: 170_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function report(name: string, question: string[], extra: string[] = []): { file: string; bytes: Buffer } {
  const file = path.join(out, `${name}.png`);
  const run = reachmap(['report', ...question, '--png', file, '--browser', CHROMIUM, ...extra]);
  expect(run.stderr).toBe('');
  // issue 15.6: on success it says where the PNG went, as an absolute path
  expect(run.stdout).toBe(`Wrote the report to ${path.resolve(file)}\n`);
  expect(run.status).toBe(0);
  return { file, bytes: readFileSync(file) };
}

// F1: prod-api-1 -> prod-cache tcp 6379, dropped by sg-0de00000000000105 (the cache's group opens 6380 only).
const BLOCKED = ['--from', 'i-0de00000000000105', '--to', 'i-0de0000000000010a', '--protocol', 'tcp', '--port', '6379'];
// R1: internet -> prod-web-1 tcp 443, through igw-0de00000000000100 to its Elastic IP 203.0.113.11.
const ALLOWED = ['--from', 'internet', '--to', 'i-0de00000000000102', '--protocol', 'tcp', '--port', '443'];

describe.skipIf(browserMissingLocally)('reachmap report (CLI, headless Chromium, demo network)', { timeout: 400_000 }, () => {
  beforeAll(() => ensureRendererBuilt());

  it('a blocked flow: a 2x PNG with the drop marker red on it, the same picture twice', () => {
    const first = report('blocked', BLOCKED);
    const facts = pngFacts(first.bytes);
    console.log(`blocked flow report: ${facts.width}x${facts.height}, grey variance ${facts.greyVariance.toFixed(0)}, drop-red pixels ${facts.dropRedPixels}`);
    // The report is 1200 CSS px wide, captured at 2 device px each.
    expect(facts.width).toBe(2400);
    expect(facts.height).toBeGreaterThan(2400);
    expect(facts.greyVariance).toBeGreaterThan(100);
    // The drop point is a filled 40x40 node (more than 1000 device px even shrunk to fit) plus the blocked edge and the callout's border.
    expect(facts.dropRedPixels).toBeGreaterThan(1000);
    // Like every file Reachmap writes, readable by its owner only (issue 13, item 7): sharing is the user's chmod.
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
    const second = report('blocked-again', BLOCKED);
    expect(samePixels(first.bytes, second.bytes)).toBe(true);
  });

  it('an allowed flow: drawn, with no drop marker red anywhere', () => {
    const facts = pngFacts(report('allowed', ALLOWED).bytes);
    console.log(`allowed flow report: ${facts.width}x${facts.height}, grey variance ${facts.greyVariance.toFixed(0)}, drop-red pixels ${facts.dropRedPixels}`);
    expect(facts.width).toBe(2400);
    expect(facts.greyVariance).toBeGreaterThan(100);
    expect(facts.dropRedPixels).toBe(0);
  });

  it('the exposure report of the demo: drawn, no drop marker red', () => {
    const facts = pngFacts(report('exposure', ['--exposure']).bytes);
    console.log(`exposure report: ${facts.width}x${facts.height}, grey variance ${facts.greyVariance.toFixed(0)}, drop-red pixels ${facts.dropRedPixels}`);
    expect(facts.width).toBe(2400);
    expect(facts.greyVariance).toBeGreaterThan(100);
    expect(facts.dropRedPixels).toBe(0);
  });

  it('a diagnosis of prod-web-3 on 443 (F5: no public IP): its ENI marked as the drop point', () => {
    const facts = pngFacts(report('diagnose', ['--diagnose', 'i-0de00000000000104', '--port', '443']).bytes);
    console.log(`diagnose report: ${facts.width}x${facts.height}, drop-red pixels ${facts.dropRedPixels}`);
    expect(facts.width).toBe(2400);
    expect(facts.greyVariance).toBeGreaterThan(100);
    expect(facts.dropRedPixels).toBeGreaterThan(1000);
  });

  // F11: internet -> prod-status (i-0de0000000000010d) tcp 22 over IPv6: 2001:db8::1 through acme-prod-igw to 2600:1f18:4de0:119::10, admitted by ::/0.
  it('an IPv6 flow (F11, --family ipv6): drawn, with no drop marker red', () => {
    const facts = pngFacts(report('ipv6-allowed', ['--from', 'internet', '--to', 'i-0de0000000000010d', '--port', '22', '--family', 'ipv6']).bytes);
    console.log(`IPv6 flow report: ${facts.width}x${facts.height}, grey variance ${facts.greyVariance.toFixed(0)}, drop-red pixels ${facts.dropRedPixels}`);
    expect(facts.width).toBe(2400);
    expect(facts.greyVariance).toBeGreaterThan(100);
    expect(facts.dropRedPixels).toBe(0);
  });

  // acme-network-eigw (eigw-0de00000000000500) lets no connection in from the internet: network-dns (i-0de00000000000501) on udp 53 over IPv6.
  it('an IPv6 flow dropped at the egress-only gateway: the drop marker red on it', () => {
    const facts = pngFacts(report('ipv6-blocked', ['--from', 'internet', '--to', 'i-0de00000000000501', '--protocol', 'udp', '--port', '53', '--family', 'ipv6']).bytes);
    console.log(`IPv6 blocked report: ${facts.width}x${facts.height}, drop-red pixels ${facts.dropRedPixels}`);
    expect(facts.width).toBe(2400);
    expect(facts.dropRedPixels).toBeGreaterThan(1000);
  });

  it('--redact gives another picture of the same question', () => {
    const plain = readFileSync(path.join(out, 'blocked.png'));
    const redacted = report('blocked-redacted', BLOCKED, ['--redact']).bytes;
    expect(pngFacts(redacted).width).toBe(2400);
    expect(samePixels(plain, redacted)).toBe(false);
  });
});

describe('reachmap report: bad input is one line and exit 2, nothing written', () => {
  const cases: [string, string[], RegExp][] = [
    ['no question', [], /exactly one question/],
    ['two questions', ['--exposure', '--diagnose', 'i-0de00000000000105'], /exactly one question/],
    ['a flow without --to', ['--from', 'i-0de00000000000105'], /both --from and --to/],
    ['an unknown endpoint', ['--from', 'i-0de000000000ffff', '--to', 'internet', '--port', '443'], /i-0de000000000ffff/],
    ['a browser that is not there', [...BLOCKED, '--browser', '/nonexistent/chromium'], /--browser: "\/nonexistent\/chromium" is not an executable file/],
    ['--family without a flow', ['--exposure', '--family', 'ipv6'], /--family goes with --from\/--to/],
    ['an IPv4 address on an IPv6 flow', ['--from', '198.51.100.7', '--to', 'i-0de0000000000010d', '--port', '22', '--family', 'ipv6'], /198\.51\.100\.7/],
  ];
  for (const [name, args, message] of cases) {
    it(name, () => {
      const file = path.join(out, `bad-${name.replace(/\W+/g, '-')}.png`);
      const run = reachmap(['report', ...args, '--png', file]);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(message);
      expect(existsSync(file)).toBe(false);
    });
  }
});
