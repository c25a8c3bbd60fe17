// Canonical JSON (keys sorted, no whitespace): the same snapshot content
// gives the same text, and so the same hash, whatever order it was read in.
// JSON.stringify does the walking; the replacer only reorders objects whose
// keys are not already sorted (AWS output mostly is), which keeps it fast.
function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++) sorted = keys[i - 1]! < keys[i]!;
  if (sorted) return value;
  const out: Record<string, unknown> = {};
  for (const key of keys.sort()) out[key] = (value as Record<string, unknown>)[key];
  return out;
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, sortedKeys) ?? 'null';
}
