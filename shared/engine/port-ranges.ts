// Port sets as sorted lists of disjoint inclusive ranges: the ACL check asks
// whether a whole range survives first-match evaluation, and the set-based
// analyses build on the same operations.
import type { PortRange } from '../model/types.js';

export function intersects(a: PortRange, b: PortRange): boolean {
  return a.from <= b.to && b.from <= a.to;
}

export function contains(outer: PortRange, inner: PortRange): boolean {
  return outer.from <= inner.from && inner.to <= outer.to;
}

/** `set` minus `cut`, both sorted and disjoint. */
export function subtract(set: readonly PortRange[], cut: PortRange): PortRange[] {
  const result: PortRange[] = [];
  for (const range of set) {
    if (!intersects(range, cut)) {
      result.push(range);
      continue;
    }
    if (range.from < cut.from) result.push({ from: range.from, to: cut.from - 1 });
    if (range.to > cut.to) result.push({ from: cut.to + 1, to: range.to });
  }
  return result;
}
