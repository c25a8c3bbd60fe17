// One account/region of the raw snapshot, as each concept module receives it.
import type { Placement } from '../model/types.js';
import type { RawOf, RawRegion, RegionKey } from './raw.js';

export interface RegionInput {
  readonly place: Placement;
  readonly data: RawRegion;
}

/** An absent key counts as an empty list, as in Batfish. */
export function itemsOf<K extends RegionKey>(region: RegionInput, key: K): readonly RawOf<K>[] {
  return (region.data[key] as readonly RawOf<K>[] | undefined) ?? [];
}

export function placeOf(region: RegionInput): Placement {
  return { account: region.place.account, region: region.place.region };
}
