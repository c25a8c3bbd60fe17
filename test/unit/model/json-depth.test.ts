// isNestedDeeperThan walks every value of a parsed file: exact at the limit,
// for arrays and objects alike, and safe at any depth.
import { describe, expect, it } from 'vitest';
import { isNestedDeeperThan, jsonDepthProblem, MAX_JSON_DEPTH } from '../../../shared/model/json-text.js';

/** `levels` containers, each holding the next: arrays, objects, or both in turn */
function nested(levels: number, kind: 'array' | 'object' | 'mixed'): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) {
    const asArray = kind === 'array' || (kind === 'mixed' && i % 2 === 0);
    value = asArray ? [1, value, null] : { a: 1, b: value, c: null };
  }
  return value;
}

describe('isNestedDeeperThan', () => {
  it('is exact at the limit, for arrays, objects and both', () => {
    for (const kind of ['array', 'object', 'mixed'] as const) {
      expect(isNestedDeeperThan(nested(5, kind), 5), kind).toBe(false);
      expect(isNestedDeeperThan(nested(6, kind), 5), kind).toBe(true);
      expect(isNestedDeeperThan(nested(MAX_JSON_DEPTH, kind)), kind).toBe(false);
      expect(isNestedDeeperThan(nested(MAX_JSON_DEPTH + 1, kind)), kind).toBe(true);
    }
  });

  it('finds the one deep branch among shallow ones, and counts scalars as no level', () => {
    const wide = { a: [1, 2, { b: 3 }], c: nested(3, 'mixed'), d: [[], {}] };
    expect(isNestedDeeperThan(wide, 4)).toBe(false);
    expect(isNestedDeeperThan({ ...wide, e: [nested(4, 'array')] }, 4)).toBe(true);
    for (const scalar of [null, 1, 'x', true, undefined]) expect(isNestedDeeperThan(scalar, 0)).toBe(false);
    expect(isNestedDeeperThan([], 0)).toBe(true);
  });

  it('walks 100,000 levels without running out of stack, and names the path', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
    expect(isNestedDeeperThan(deep)).toBe(true);
    expect(jsonDepthProblem(deep)?.kind).toBe('depth');
  });
});
