// What a snapshot could not read, by account, region and describe key (and
// resource, where one call of several failed): the diff compares none of it,
// so that a failed call is never mistaken for resources deleted.
import { snapshotKeyOfApi } from '../collection-errors.js';
import type { RawSnapshot } from '../raw.js';

export interface Unreadable {
  /** error code by describe key, for a whole key of a region */
  readonly keys: Map<string, string>;
  /** error code by "key\0resourceId" */
  readonly resources: Map<string, string>;
}

export const placeKey = (account: string, region: string) => `${account}\u0000${region}`;
export const resourceKey = (key: string, id: string) => `${key}\u0000${id}`;

/** The snapshot's errors by place; a region of "*" or "" stands for every region of its account. */
export function unreadableOf(raw: RawSnapshot): (account: string, region: string) => Unreadable {
  const byPlace = new Map<string, Unreadable>();
  const get = (place: string) => {
    let entry = byPlace.get(place);
    if (!entry) byPlace.set(place, (entry = { keys: new Map(), resources: new Map() }));
    return entry;
  };
  for (const error of raw.errors) {
    const key = error.key ?? snapshotKeyOfApi(error.api);
    const region = error.region === '' ? '*' : error.region;
    const entry = get(placeKey(error.account, region));
    if (error.resourceId) entry.resources.set(resourceKey(key, error.resourceId), error.code);
    else entry.keys.set(key, error.code);
  }
  const none: Unreadable = { keys: new Map(), resources: new Map() };
  return (account, region) => {
    const here = byPlace.get(placeKey(account, region));
    const everywhere = byPlace.get(placeKey(account, '*'));
    if (!everywhere) return here ?? none;
    return { keys: new Map([...everywhere.keys, ...(here?.keys ?? [])]), resources: new Map([...everywhere.resources, ...(here?.resources ?? [])]) };
  };
}
