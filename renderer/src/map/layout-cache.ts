// Layouts are cached per snapshot (its content hash) and per view (what is
// collapsed or filtered), so that reopening a large snapshot is instant.
import type { LayoutResult } from './layout.js';

const PREFIX = 'reachmap.layout.v3.';
const MAX_ENTRIES = 12;
const MAX_CHARS = 3_000_000;

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

export function layoutCacheKey(snapshotHash: string, view: string): string {
  return `${PREFIX}${snapshotHash}.${fnv1a(view)}`;
}

export function readCachedLayout(key: string): LayoutResult | null {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as LayoutResult) : null;
  } catch {
    return null;
  }
}

export function writeCachedLayout(key: string, layout: LayoutResult): void {
  try {
    const text = JSON.stringify(layout);
    if (text.length > MAX_CHARS) return;
    const keys = Object.keys(localStorage).filter((k) => k.startsWith(PREFIX));
    // Oldest entries go first once the cache is full (insertion order is close enough to age here).
    for (const old of keys.slice(0, Math.max(0, keys.length - MAX_ENTRIES + 1))) localStorage.removeItem(old);
    localStorage.setItem(key, text);
  } catch {
    // A full or disabled storage only costs a recomputation.
  }
}
