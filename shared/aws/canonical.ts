// Canonical JSON (keys sorted, no whitespace): the same snapshot content
// gives the same text, and so the same hash, whatever order it was read in.
// JSON.stringify does the walking; the replacer only reorders objects whose
// keys are not already sorted (AWS output mostly is), which keeps it fast.
import { InputError } from '../model/errors.js';
import { isNestedDeeperThan, MAX_JSON_DEPTH } from '../model/json-text.js';

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

/**
 * Safe against depth: JSON.stringify recurses, so data nested deeper than
 * the stack allows (files are refused beyond MAX_JSON_DEPTH when read; data
 * built in memory is not) is an InputError, never a stack overflow.
 */
export function canonicalJson(value: unknown): string {
  try {
    return JSON.stringify(value, sortedKeys) ?? 'null';
  } catch (error) {
    if (error instanceof RangeError && isNestedDeeperThan(value)) {
      throw new InputError(`the snapshot's data is nested more than ${MAX_JSON_DEPTH} levels deep (no AWS answer is)`);
    }
    throw error;
  }
}
