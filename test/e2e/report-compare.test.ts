// `reachmap report --compare OLD` through the real CLI: Debian's Chromium
// draws the comparison of the demo with an earlier copy made on purpose
// (acme-prod-db, sg-...104, did not yet admit 5432 from acme-prod-api), and
// the PNG is read back: the two interfaces holding that group (prod-db-primary
// and prod-db-replica) carry the amber "modified" halo (#f59f00 at 0.55 over
// a light fill), which a comparison with an unchanged copy does not have.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserMissingLocally } from './helpers/browser.js';
import { reportPng } from './helpers/report-run.js';
import { ensureRendererBuilt, repoRoot } from './helpers/serve.js';

const out = mkdtempSync(path.join(tmpdir(), 'reachmap-report-compare-'));

function reportOf(older: string, name: string): Buffer {
  const file = path.join(out, `${name}.png`);
  return reportPng(['--compare', older], file);
}

/** pixels of the halo's blend: red high, green between the amber's and white's, blue low */
function amberPixels(bytes: Buffer): number {
  const png = PNG.sync.read(bytes);
  let count = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const r = png.data[i]!;
    const g = png.data[i + 1]!;
    const b = png.data[i + 2]!;
    if (r >= 235 && g >= 170 && g <= 215 && b <= 140) count++;
  }
  return count;
}

describe.skipIf(browserMissingLocally)('reachmap report --compare (CLI, headless Chromium, demo network)', { timeout: 400_000 }, () => {
  beforeAll(() => ensureRendererBuilt());

  it('marks the changed group\'s interfaces on the map; an unchanged copy marks nothing', () => {
    const raw = JSON.parse(readFileSync(path.join(repoRoot, 'assets/demo/demo-snapshot.json'), 'utf8'));
    const unchanged = path.join(out, 'unchanged.json');
    writeFileSync(unchanged, JSON.stringify(raw));
    const db = raw.accounts['111122223333']['us-east-1'].SecurityGroups.find((g: { GroupId: string }) => g.GroupId === 'sg-0de00000000000104');
    const postgres = db.IpPermissions.find((p: { FromPort: number }) => p.FromPort === 5432);
    postgres.UserIdGroupPairs = postgres.UserIdGroupPairs.filter((pair: { GroupId: string }) => pair.GroupId !== 'sg-0de00000000000103');
    const older = path.join(out, 'older.json');
    writeFileSync(older, JSON.stringify(raw));

    const changed = reportOf(older, 'changed');
    const same = reportOf(unchanged, 'same');
    const facts = { changed: amberPixels(changed), same: amberPixels(same), width: PNG.sync.read(changed).width };
    console.log(`compare report: ${JSON.stringify(facts)} (${path.join(out, 'changed.png')})`);
    expect(facts.width).toBe(2400);
    // two halos of 9 CSS px (18 device px) around 40 px nodes, even shrunk to fit the page
    expect(facts.changed - facts.same).toBeGreaterThan(1000);
  });
});
