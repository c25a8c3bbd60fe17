// The importer validates with checks compiled from raw.ts's zod schemas
// (schema-check.ts) and asks zod only for the issue to report. The compiled
// check must give zod's verdict: on the demo and every Batfish sample, and on
// each of their values replaced by the wrong kinds of value, one at a time.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { regionKeySchemas, type RegionKey } from '../../../shared/aws/raw.js';
import { compileCheck } from '../../../shared/aws/schema-check.js';

const root = path.resolve(import.meta.dirname, '../../..');

function jsonFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return jsonFilesUnder(file);
    return name.endsWith('.json') ? [file] : [];
  });
}

/** Every describe-API list of the demo and the Batfish samples, by key. */
function samples(): Map<RegionKey, unknown[]> {
  const byKey = new Map<RegionKey, unknown[]>();
  const addRegion = (region: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(region)) {
      if (key in regionKeySchemas && Array.isArray(value)) byKey.set(key as RegionKey, [...(byKey.get(key as RegionKey) ?? []), ...value]);
    }
  };
  const demo = JSON.parse(readFileSync(path.join(root, 'assets/demo/demo-snapshot.json'), 'utf8')) as { accounts: Record<string, Record<string, Record<string, unknown>>> };
  for (const regions of Object.values(demo.accounts)) for (const region of Object.values(regions)) addRegion(region);
  for (const file of jsonFilesUnder(path.join(root, 'test/fixtures/batfish'))) {
    const value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) addRegion(value as Record<string, unknown>);
  }
  return byKey;
}

const WRONG: unknown[] = [undefined, null, 0, 7, -1, 1.5, 2 ** 60, Number.NaN, 'x', '', 'tcp', '10.0.0.0/33', '10.0.0.0/8', '10.0.0.1', true, [], [{}], {}, { Key: 'k' }];

/** Copies of `value` with one value somewhere inside replaced by `replacement` (at most `limit` places). */
function mutations(value: unknown, replacement: unknown, limit: number): unknown[] {
  const out: unknown[] = [];
  const visit = (node: unknown, rebuild: (replaced: unknown) => unknown) => {
    if (out.length >= limit) return;
    out.push(rebuild(replacement));
    if (Array.isArray(node)) node.forEach((item, i) => visit(item, (r) => rebuild(node.map((x, j) => (j === i ? r : x)))));
    else if (node !== null && typeof node === 'object') {
      for (const key of Object.keys(node)) visit((node as Record<string, unknown>)[key], (r) => rebuild({ ...node, [key]: r }));
    }
  };
  visit(value, (r) => r);
  return out;
}

describe("compiled schema checks give zod's verdict", () => {
  const byKey = samples();

  it('accept every sample, as zod does', () => {
    expect(byKey.size).toBeGreaterThan(10);
    for (const [key, items] of byKey) {
      const schema = z.array(regionKeySchemas[key] as z.ZodType);
      expect(schema.safeParse(items).success, key).toBe(true);
      expect(compileCheck(schema)(items), key).toBe(true);
    }
  });

  it('agree on samples with one value made wrong', () => {
    let compared = 0;
    let refused = 0;
    for (const [key, items] of byKey) {
      const schema = regionKeySchemas[key] as z.ZodType;
      const check = compileCheck(schema);
      for (const item of items.slice(0, 3)) {
        for (const wrong of WRONG) {
          for (const mutated of mutations(item, wrong, 400)) {
            const verdict = schema.safeParse(mutated).success;
            expect(check(mutated), `${key}: ${JSON.stringify(mutated)}`).toBe(verdict);
            compared++;
            if (!verdict) refused++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
    expect(refused).toBeGreaterThan(compared / 4);
  });

  it('leave what they do not compile to zod', () => {
    const cases: [z.ZodType, unknown[]][] = [
      [z.string().min(3), ['ab', 'abc', 3]],
      [z.strictObject({ a: z.string() }), [{ a: 'x' }, { a: 'x', b: 1 }]],
      [z.looseObject({ a: z.string() }), [{ a: 'x', b: 1 }, { b: 1 }]],
      [z.string().transform((s) => s.length), ['abc', 1]],
      [z.literal('x'), ['x', 'y']],
      [z.record(z.string(), z.number()), [{ a: 1 }, { a: 'b' }]],
      [z.number().int().min(2), [1, 2, 2.5]],
      [z.string().refine((s) => s.length > 1, { abort: true }), ['a', 'ab']],
      [z.object({ n: z.number() }), [{ n: Infinity }, { n: 1 }, [], null]],
    ];
    for (const [schema, values] of cases) {
      const check = compileCheck(schema);
      for (const value of values) expect(check(value), JSON.stringify(value)).toBe(schema.safeParse(value).success);
    }
  });
});
