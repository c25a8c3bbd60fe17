// Copy-on-write edits of a raw snapshot's describe JSON. The snapshot given
// is never modified: an edited item is a new object, and only the arrays and
// region records on its way from the root are copied, so that editing one
// security group of a 10k-ENI snapshot copies a handful of objects.
import type { Placement } from '../../model/types.js';
import { ID_MEMBERS, type RawOf, type RawRegion, type RawSnapshot, type RegionKey } from '../raw.js';

type Item = Record<string, unknown>;
export type RawInstance = NonNullable<RawOf<'Reservations'>['Instances']>[number];

export interface Located<T> {
  readonly place: Placement;
  readonly item: T;
}


export class RawEditor {
  private current: RawSnapshot;
  /** regions and lists already copied in this edit session: copied once, then changed in place */
  private readonly ownRegions = new Set<RawRegion>();
  private readonly ownLists = new Set<unknown[]>();
  private readonly found = new Map<string, Map<string, Located<Item>>>();

  constructor(readonly base: RawSnapshot) {
    this.current = base;
  }

  get snapshot(): RawSnapshot {
    return this.current;
  }

  /** The item of `key` whose id field is `id`, where it lives (the first copy, as the importer keeps). */
  find<K extends RegionKey>(key: K, id: string): Located<RawOf<K>> | undefined {
    const field = ID_MEMBERS[key];
    if (!field) throw new Error(`${key} items have no id field`);
    let byId = this.found.get(key);
    if (!byId) {
      byId = new Map();
      for (const [account, regions] of Object.entries(this.current.accounts)) {
        for (const [region, data] of Object.entries(regions)) {
          for (const item of (data[key] as readonly Item[] | undefined) ?? []) {
            const itemId = item[field];
            if (typeof itemId === 'string' && !byId.has(itemId)) byId.set(itemId, { place: { account, region }, item });
          }
        }
      }
      this.found.set(key, byId);
    }
    return byId.get(id) as Located<RawOf<K>> | undefined;
  }

  /** An instance, wherever its reservation is. */
  findInstance(instanceId: string): Located<RawInstance> | undefined {
    for (const [account, regions] of Object.entries(this.current.accounts)) {
      for (const [region, data] of Object.entries(regions)) {
        for (const reservation of data.Reservations ?? []) {
          const item = (reservation.Instances ?? []).find((instance) => instance.InstanceId === instanceId);
          if (item) return { place: { account, region }, item };
        }
      }
    }
    return undefined;
  }

  private region(place: Placement): Record<string, unknown> {
    const accounts = this.current.accounts;
    const regions = accounts[place.account];
    const data = regions?.[place.region];
    if (!regions || !data) throw new Error(`no region ${place.account}/${place.region} in the snapshot`);
    if (this.ownRegions.has(data)) return data as Record<string, unknown>;
    const copy: Record<string, unknown> = { ...data };
    this.ownRegions.add(copy as RawRegion);
    this.current = { ...this.current, accounts: { ...accounts, [place.account]: { ...regions, [place.region]: copy as RawRegion } } };
    return copy;
  }

  private list(place: Placement, key: RegionKey): unknown[] {
    const data = this.region(place);
    const existing = (data[key] as unknown[] | undefined) ?? [];
    if (this.ownLists.has(existing)) return existing;
    const copy = [...existing];
    this.ownLists.add(copy);
    data[key] = copy;
    return copy;
  }

  /** Replaces the item of `key` with this id by `next` (built by the caller from the old one). */
  replace<K extends RegionKey>(key: K, id: string, next: RawOf<K>): void {
    const located = this.find(key, id);
    if (!located) throw new Error(`${key} ${id} is not in the snapshot`);
    const list = this.list(located.place, key);
    const index = list.indexOf(located.item);
    list[index] = next;
    this.found.get(key)!.set(id, { place: located.place, item: next as Item });
  }

  append<K extends RegionKey>(place: Placement, key: K, item: RawOf<K>): void {
    this.list(place, key).push(item);
    const field = ID_MEMBERS[key];
    const id = field ? (item as Item)[field] : undefined;
    if (typeof id === 'string') this.found.get(key)?.set(id, { place, item: item as Item });
  }

  /** Replaces an instance (inside its reservation) by `update(old)`. */
  updateInstance(instanceId: string, update: (old: Item) => Item): void {
    const located = this.findInstance(instanceId);
    if (!located) throw new Error(`instance ${instanceId} is not in the snapshot`);
    const reservations = this.list(located.place, 'Reservations') as Item[];
    const index = reservations.findIndex((reservation) => ((reservation.Instances as Item[] | undefined) ?? []).includes(located.item as Item));
    const reservation = reservations[index]!;
    const instances = (reservation.Instances as Item[]).map((instance) => (instance === located.item ? update(instance) : instance));
    reservations[index] = { ...reservation, Instances: instances };
  }

  /** The instances holding a copy of this ENI (DescribeInstances repeats each instance's ENIs). */
  instancesWithInterface(eniId: string): string[] {
    const ids: string[] = [];
    for (const regions of Object.values(this.current.accounts)) {
      for (const data of Object.values(regions)) {
        for (const reservation of data.Reservations ?? []) {
          for (const instance of reservation.Instances ?? []) {
            if ((instance.NetworkInterfaces ?? []).some((eni) => eni.NetworkInterfaceId === eniId)) ids.push(instance.InstanceId);
          }
        }
      }
    }
    return ids;
  }
}
