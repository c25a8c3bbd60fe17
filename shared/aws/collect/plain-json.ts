// SDK v3 answers are describe-API JSON with two differences from what the
// AWS CLI prints (and Batfish stores): timestamps are Date objects and every
// answer carries `$metadata`. This turns them back into plain JSON.

export function toPlainJson(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toPlainJson);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === '$metadata' || item === undefined) continue;
      out[key] = toPlainJson(item);
    }
    return out;
  }
  return value;
}

export function plainList(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? (value.map(toPlainJson) as Record<string, unknown>[]) : [];
}
