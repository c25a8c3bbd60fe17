// Sets of ports as sorted, disjoint inclusive intervals: what an exposure rule
// allows, what the internet reaches, and what is left over.
import type { PortSpan } from './document.js';

/** sorted by start, overlapping and adjacent spans merged (any integers: ports, or IPv4 addresses as uint32) */
export function mergeSpans(spans: readonly PortSpan[]): PortSpan[] {
  const sorted = [...spans].sort((a, b) => a.from - b.from);
  const merged: PortSpan[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.from <= last.to + 1) last.to = Math.max(last.to, span.to);
    else merged.push({ from: span.from, to: span.to });
  }
  return merged;
}

/** the ports of `base` that no span of `removed` covers */
export function subtractSpans(base: readonly PortSpan[], removed: readonly PortSpan[]): PortSpan[] {
  const holes = mergeSpans(removed);
  const left: PortSpan[] = [];
  for (const span of mergeSpans(base)) {
    let start = span.from;
    for (const hole of holes) {
      if (hole.to < start || hole.from > span.to) continue;
      if (hole.from > start) left.push({ from: start, to: hole.from - 1 });
      start = hole.to + 1;
      if (start > span.to) break;
    }
    if (start <= span.to) left.push({ from: start, to: span.to });
  }
  return left;
}

/** "22", "8000-8100", "22, 80-81" */
export function formatSpans(spans: readonly PortSpan[]): string {
  return spans.map((span) => (span.from === span.to ? `${span.from}` : `${span.from}-${span.to}`)).join(', ');
}
