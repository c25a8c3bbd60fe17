// A function over an integer space that is constant on each elementary piece
// (cut at a rule set's boundaries): judged once per piece and per key (a
// protocol), looked up by binary search. The exposure audit builds one per
// network ACL, security-group set and route table, shared by every ENI that
// uses it.
import type { Boundaries, Interval } from './interval-sets.js';

export class Piecewise<V> {
  private readonly pieces: Interval[];
  private readonly starts: number[];
  private readonly values: Map<number, V>[];

  constructor(
    boundaries: Boundaries,
    space: readonly Interval[],
    private readonly judge: (representative: number, key: number) => V,
  ) {
    this.pieces = boundaries.split(space);
    this.starts = this.pieces.map((piece) => piece.from);
    this.values = this.pieces.map(() => new Map());
  }

  /** The value at `x` (which must lie in the space) for `key`. */
  at(x: number, key: number): V {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle]! <= x) low = middle;
      else high = middle - 1;
    }
    const cache = this.values[low]!;
    let value = cache.get(key);
    if (value === undefined) {
      value = this.judge(this.pieces[low]!.from, key);
      cache.set(key, value);
    }
    return value;
  }
}
