// Prefix lists: AWS-managed ones from DescribePrefixLists (`Cidrs`) and
// managed prefix lists with their entries (GetManagedPrefixListEntries).
import { parseCidr, type Cidr } from '../model/ipv4.js';
import { parseCidr6, type Cidr6 } from '../model/ipv6.js';
import type { PrefixList } from '../model/types.js';
import type { ImportNotes } from './import-notes.js';
import { itemsOf, placeOf, type RegionInput } from './region-input.js';

/** A list's entries by family (AWS-managed lists may mix them; a managed list has one AddressFamily). */
function cidrsByFamily(texts: readonly string[], listId: string, notes: ImportNotes): { cidrs: Cidr[]; ipv6Cidrs: Cidr6[] } {
  const cidrs: Cidr[] = [];
  const ipv6Cidrs: Cidr6[] = [];
  for (const text of texts) {
    const cidr = parseCidr(text);
    const cidr6 = cidr ? undefined : parseCidr6(text);
    if (cidr) cidrs.push(cidr);
    else if (cidr6) ipv6Cidrs.push(cidr6);
    else notes.warnGrouped('prefix list entries that are not CIDRs', `${listId} ${text}`);
  }
  return { cidrs, ipv6Cidrs };
}

/** A list found by both APIs is kept once, preferring the copy that carries entries. */
export function prefixListsOf(region: RegionInput, notes: ImportNotes): PrefixList[] {
  const place = placeOf(region);
  const byId = new Map<string, PrefixList>();
  const add = (list: PrefixList) => {
    const previous = byId.get(list.id);
    const empty = (l: PrefixList) => l.cidrs.length === 0 && l.ipv6Cidrs.length === 0;
    if (!previous || (empty(previous) && !empty(list))) byId.set(list.id, list);
  };
  for (const raw of itemsOf(region, 'PrefixLists')) {
    add({ account: place.account, region: place.region, id: raw.PrefixListId, name: raw.PrefixListName ?? undefined, ...cidrsByFamily(raw.Cidrs ?? [], raw.PrefixListId, notes), awsManaged: true });
  }
  for (const raw of itemsOf(region, 'ManagedPrefixLists')) {
    const texts = (raw.Entries ?? []).map((entry) => entry.Cidr);
    add({ account: place.account, region: place.region, id: raw.PrefixListId, name: raw.PrefixListName ?? undefined, ...cidrsByFamily(texts, raw.PrefixListId, notes), awsManaged: raw.OwnerId === 'AWS' });
  }
  return [...byId.values()];
}
