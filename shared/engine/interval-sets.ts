// Sets of integers as sorted, disjoint, non-adjacent inclusive intervals: the
// ports a flow may use, and (as uint32) the source addresses admitted. The
// symbolic analyses split such a space at every boundary a rule draws, so that
// each elementary interval is judged once, by one representative.
import type { PortRange } from '../model/types.js';
import { intersects, subtract } from './port-ranges.js';

export type Interval = PortRange;
export type IntervalSet = readonly Interval[];

export const ALL_PORTS: Interval = { from: 0, to: 65535 };

/** Sorted, overlapping and adjacent intervals merged. */
export function normalize(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.from - b.from);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.from <= last.to + 1) merged[merged.length - 1] = { from: last.from, to: Math.max(last.to, interval.to) };
    else merged.push({ from: interval.from, to: interval.to });
  }
  return merged;
}

export function union(a: IntervalSet, b: IntervalSet): Interval[] {
  return normalize([...a, ...b]);
}

export function difference(set: IntervalSet, cut: IntervalSet): Interval[] {
  let left = normalize(set);
  for (const interval of cut) left = subtract(left, interval);
  return left;
}

export function intersection(a: IntervalSet, b: IntervalSet): Interval[] {
  const result: Interval[] = [];
  for (const x of a) for (const y of b) if (intersects(x, y)) result.push({ from: Math.max(x.from, y.from), to: Math.min(x.to, y.to) });
  return normalize(result);
}

export function has(set: IntervalSet, value: number): boolean {
  return set.some((interval) => interval.from <= value && value <= interval.to);
}

export function sameSet(a: IntervalSet, b: IntervalSet): boolean {
  return a.length === b.length && a.every((interval, i) => interval.from === b[i]!.from && interval.to === b[i]!.to);
}

export function keyOf(set: IntervalSet): string {
  return set.map((interval) => `${interval.from}-${interval.to}`).join(',');
}

/**
 * Boundaries collected from rules: each value is the first of a new
 * elementary interval (a rule's `from`, and its `to + 1`).
 */
export class Boundaries {
  private readonly starts = new Set<number>();

  /** Marks where the interval [from, to] begins and where it ends. */
  add(interval: Interval): void {
    this.starts.add(interval.from);
    this.starts.add(interval.to + 1);
  }

  addAll(other: Boundaries): void {
    for (const start of other.starts) this.starts.add(start);
  }

  get size(): number {
    return this.starts.size;
  }

  /** The elementary intervals of `space` (sorted, disjoint): no boundary falls inside one. */
  split(space: IntervalSet): Interval[] {
    const cuts = [...this.starts].sort((a, b) => a - b);
    const pieces: Interval[] = [];
    for (const interval of space) {
      let from = interval.from;
      for (const cut of cuts) {
        if (cut <= from) continue;
        if (cut > interval.to) break;
        pieces.push({ from, to: cut - 1 });
        from = cut;
      }
      pieces.push({ from, to: interval.to });
    }
    return pieces;
  }
}
