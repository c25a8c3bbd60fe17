// Prefix lists: AWS-managed ones from DescribePrefixLists (`Cidrs`) and
// managed prefix lists with their entries (GetManagedPrefixListEntries).
import { parseCidr, type Cidr } from '../model/ipv4.js';
import type { PrefixList } from '../model/types.js';
import type { ImportNotes } from './import-notes.js';
import { itemsOf, placeOf, type RegionInput } from './region-input.js';

function ipv4Cidrs(texts: readonly string[], listId: string, notes: ImportNotes): Cidr[] {
  const out: Cidr[] = [];
  for (const text of texts) {
    const cidr = parseCidr(text);
    if (cidr) out.push(cidr);
    else notes.warnGrouped('prefix list entries that are not IPv4 CIDRs', `${listId} ${text}`);
  }
  return out;
}

/** A list found by both APIs is kept once, preferring the copy that carries entries. */
export function prefixListsOf(region: RegionInput, notes: ImportNotes): PrefixList[] {
  const place = placeOf(region);
  const byId = new Map<string, PrefixList>();
  const add = (list: PrefixList) => {
    const previous = byId.get(list.id);
    if (!previous || (previous.cidrs.length === 0 && list.cidrs.length > 0)) byId.set(list.id, list);
  };
  for (const raw of itemsOf(region, 'PrefixLists')) {
    add({ account: place.account, region: place.region, id: raw.PrefixListId, name: raw.PrefixListName ?? undefined, cidrs: ipv4Cidrs(raw.Cidrs ?? [], raw.PrefixListId, notes), awsManaged: true });
  }
  for (const raw of itemsOf(region, 'ManagedPrefixLists')) {
    if (raw.AddressFamily === 'IPv6') {
      notes.warnGrouped('IPv6 prefix lists', raw.PrefixListId);
      continue;
    }
    const texts = (raw.Entries ?? []).map((entry) => entry.Cidr);
    add({ account: place.account, region: place.region, id: raw.PrefixListId, name: raw.PrefixListName ?? undefined, cidrs: ipv4Cidrs(texts, raw.PrefixListId, notes), awsManaged: raw.OwnerId === 'AWS' });
  }
  return [...byId.values()];
}
