// Ids a snapshot may not bring in. An id goes into fix commands, copy boxes
// and reports, and a snapshot is text someone else chose: an id such as
// `sg-0123 $(touch /tmp/x)` is refused here, before anything is built from
// it. AWS ids and ARNs use letters, digits and `. _ : / -` only (ARNs need
// `:` and `/`); hand-written test networks (`i-web`, `sg-app`) stay valid.
//
// A refused resource is left out of the model with a warning that names the
// file and JSON path of its id. It stays what the model calls unknown: what
// refers to it (an ENI's group, a route's target) is a missing reference, so
// a trace through it answers `unknown` (UNKNOWN_RESOURCE), never a fix. The
// snapshot still opens.
import type { ImportNotes } from './import-notes.js';
import { locate, locateInstance, placeText, recordMadeFrom, regionFallback, type JsonLocation } from './origins.js';
import { ID_MEMBERS, type RawRegion } from './raw.js';
import type { RegionInput } from './region-input.js';

/** The characters an id may hold. */
export const SAFE_ID = /^[A-Za-z0-9._:/-]+$/;

export function isSafeId(id: string): boolean {
  return SAFE_ID.test(id);
}


type Item = Record<string, unknown>;

function badId(item: unknown, member: string): string | undefined {
  const id = (item as Item | null)?.[member];
  return typeof id === 'string' && !SAFE_ID.test(id) ? id : undefined;
}

function refusal(where: JsonLocation, id: string): string {
  return `${placeText(where)}: id ${JSON.stringify(id)} holds characters other than letters, digits and . _ : / -: refused (answers that need it will be "unknown")`;
}

interface Instance {
  readonly InstanceId?: unknown;
  readonly NetworkInterfaces?: readonly unknown[] | null;
}

/** A reservation's instances (and their ENIs) without those whose ids are refused; the same object when none is. */
function cleanReservation(region: RawRegion, reservation: Item, fallback: JsonLocation, notes: ImportNotes): Item {
  const instances = (reservation.Instances ?? []) as readonly Instance[];
  let changed = false;
  const kept: Instance[] = [];
  for (const instance of instances) {
    const id = badId(instance, 'InstanceId');
    if (id !== undefined) {
      notes.warn(refusal(locateInstance(region, instance, fallback, ['InstanceId']), id));
      changed = true;
      continue;
    }
    const enis = instance.NetworkInterfaces ?? [];
    const goodEnis = enis.filter((eni, index) => {
      const eniId = badId(eni, 'NetworkInterfaceId');
      if (eniId === undefined) return true;
      notes.warn(refusal(locateInstance(region, instance, fallback, ['NetworkInterfaces', index, 'NetworkInterfaceId']), eniId));
      return false;
    });
    if (goodEnis.length === enis.length) kept.push(instance);
    else {
      kept.push({ ...instance, NetworkInterfaces: goodEnis });
      changed = true;
    }
  }
  return changed ? { ...reservation, Instances: kept } : reservation;
}

function hasBadId(data: RawRegion): boolean {
  for (const [key, member] of Object.entries(ID_MEMBERS)) {
    const list = (data as Record<string, unknown>)[key];
    if (Array.isArray(list) && list.some((item) => badId(item, member) !== undefined)) return true;
  }
  for (const reservation of (data.Reservations ?? []) as readonly Item[]) {
    for (const instance of (reservation.Instances ?? []) as readonly Instance[]) {
      if (badId(instance, 'InstanceId') !== undefined) return true;
      if ((instance.NetworkInterfaces ?? []).some((eni) => badId(eni, 'NetworkInterfaceId') !== undefined)) return true;
    }
  }
  return false;
}

/**
 * The regions without the resources whose ids are refused, one warning for
 * each; a region with none comes back as the same object.
 */
export function refuseUnsafeIds(regions: readonly RegionInput[], notes: ImportNotes, file: string): RegionInput[] {
  return regions.map((region) => {
    if (!hasBadId(region.data)) return region;
    const fallback = regionFallback(file, region.place);
    const data = region.data as Record<string, unknown>;
    const out: Record<string, unknown> = { ...data };
    for (const [key, member] of Object.entries(ID_MEMBERS)) {
      const list = data[key];
      if (!Array.isArray(list)) continue;
      out[key] = list.filter((item: unknown) => {
        const id = badId(item, member);
        if (id === undefined) return true;
        notes.warn(refusal(locate(region.data, key, item, fallback, [member]), id));
        return false;
      });
    }
    if (Array.isArray(data.Reservations)) {
      out.Reservations = (data.Reservations as Item[]).map((reservation) => cleanReservation(region.data, reservation, fallback, notes));
    }
    recordMadeFrom(out, region.data);
    return { place: region.place, data: out as RawRegion };
  });
}
