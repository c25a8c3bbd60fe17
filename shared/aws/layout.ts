// Naming and merging rules of the folder layout (DESIGN section 2), kept
// apart from the file system so that they can be tested and reused.
import { recordMergedFrom } from './origins.js';
import type { RawRegion } from './raw.js';

export const UNKNOWN = 'unknown';

/**
 * A key found in several files of one region is concatenated, in file order
 * (the same resource in two files is then two copies: see duplicates.ts).
 */
export function mergeRegionObjects(parts: readonly RawRegion[]): RawRegion {
  const out: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      const previous = Object.hasOwn(out, key) ? out[key] : undefined;
      // defined, not assigned: a key named "__proto__" stays a key (and is warned about as unknown), never the prototype
      if (Array.isArray(previous) && Array.isArray(value)) Object.defineProperty(out, key, { value: [...previous, ...value], enumerable: true, writable: true, configurable: true });
      else if (previous === undefined) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  recordMergedFrom(out, parts);
  return out as RawRegion;
}

/** "us-east-2a" -> "us-east-2"; local and wavelength zones ("us-west-2-lax-1a") map to their parent region. */
export function regionOfAvailabilityZone(zone: string): string | undefined {
  return /^([a-z]{2}(?:-[a-z]+)+-\d+)/.exec(zone)?.[1];
}

/** The region named by the subnets' availability zones, when they name one. */
export function regionFromSubnets(region: RawRegion): string | undefined {
  for (const subnet of region.Subnets ?? []) {
    const name = subnet.AvailabilityZone ? regionOfAvailabilityZone(subnet.AvailabilityZone) : undefined;
    if (name) return name;
  }
  return undefined;
}
