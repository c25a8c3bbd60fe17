// The same resource described more than once: a file given twice, two files
// of a folder describing the same VPC, a peering or a shared transit gateway
// listed by both of its accounts or regions. The model holds one object per
// id, so the importer keeps one copy and leaves the others out, before
// anything is built from them. The rules:
//
// - Which copy is kept: the first, in order of account, then region (both
//   compared as text), then position in the region's list (for a folder:
//   files in name order, then position in the file). This order does not
//   depend on the order in which a snapshot file lists its accounts and
//   regions, so the same snapshot content always gives the same model.
// - Except a resource that names its owner account (OwnerId; a transit
//   gateway attachment's ResourceOwnerId, a VPC attachment's VpcOwnerId; an
//   instance its reservation's OwnerId is not kept per instance): the copy
//   read in the owner's account is kept, since the owner sees the whole
//   resource (a participant of a shared subnet, or an account that accepted
//   a peering, sees it from outside).
// - And a VPC peering connection: the copy seen from its requester's side
//   is kept, i.e. the copy read in the account and region RequesterVpcInfo
//   names (a copy in the requester's region wins over one only in its
//   account); the first in the order above when no copy matches. A peering
//   is created by its requester, and its copies usually differ only in where
//   they were read, which the model records: a cross-region peering is
//   placed in the requester's region whichever region was read first.
// - Copies are compared canonically (key order does not matter). Identical
//   copies, such as a cross-region peering listed by both regions, are left
//   out without a word. Copies that differ give one warning that names every
//   copy's file and JSON path, the members that differ, and the copy kept.
// - Copies read in different accounts or regions are compared without their
//   Tags, which AWS keeps per account (each account tags a shared transit
//   gateway or its side of a peering its own way); the kept copy's tags are
//   the model's. Peering copies are also compared without each side's
//   PeeringOptions, which each side sees only for itself.
//
// Lists of per-resource answers (TransitGatewayPropagations,
// TransitGatewayStaticRoutes, LoadBalancerListeners, ...) are not resources:
// two entries for one route table or load balancer are concatenated.
import { canonicalJson } from './canonical.js';
import type { ImportNotes } from './import-notes.js';
import { locate, locateInstance, placeText, recordMadeFrom, regionFallback } from './origins.js';
import type { RawOf, RawRegion, RegionKey } from './raw.js';
import type { RegionInput } from './region-input.js';

type IdOf<K extends RegionKey> = (item: RawOf<K>) => string | null | undefined;

/** The lists whose items are resources with an id of their own, and that id. */
const RESOURCE_IDS: { readonly [K in RegionKey]?: IdOf<K> } = {
  Vpcs: (item) => item.VpcId,
  Subnets: (item) => item.SubnetId,
  RouteTables: (item) => item.RouteTableId,
  NetworkAcls: (item) => item.NetworkAclId,
  SecurityGroups: (item) => item.GroupId,
  NetworkInterfaces: (item) => item.NetworkInterfaceId,
  InternetGateways: (item) => item.InternetGatewayId,
  EgressOnlyInternetGateways: (item) => item.EgressOnlyInternetGatewayId,
  NatGateways: (item) => item.NatGatewayId,
  VpcPeeringConnections: (item) => item.VpcPeeringConnectionId,
  TransitGateways: (item) => item.TransitGatewayId,
  TransitGatewayAttachments: (item) => item.TransitGatewayAttachmentId,
  TransitGatewayVpcAttachments: (item) => item.TransitGatewayAttachmentId,
  TransitGatewayRouteTables: (item) => item.TransitGatewayRouteTableId,
  PrefixLists: (item) => item.PrefixListId,
  ManagedPrefixLists: (item) => item.PrefixListId,
  VpcEndpoints: (item) => item.VpcEndpointId,
  VpnGateways: (item) => item.VpnGatewayId,
  VpnConnections: (item) => item.VpnConnectionId,
  LoadBalancers: (item) => item.LoadBalancerArn,
  TargetGroups: (item) => item.TargetGroupArn,
  Addresses: (item) => item.AllocationId ?? item.PublicIp,
};

/** Instances are resources too, nested in reservations; they get a list name of their own. */
const INSTANCES = 'Reservations[].Instances';

type Item = Record<string, unknown>;

interface Copy {
  readonly region: RegionInput;
  readonly item: Item;
}

function byPlace(a: RegionInput, b: RegionInput): number {
  const { account: accountA, region: regionA } = a.place;
  const { account: accountB, region: regionB } = b.place;
  if (accountA !== accountB) return accountA < accountB ? -1 : 1;
  if (regionA !== regionB) return regionA < regionB ? -1 : 1;
  return 0;
}

/** Calls `visit` for each item of `list` in `region` (instances: of every reservation). */
function eachItem(region: RegionInput, list: string, visit: (item: Item) => void): void {
  if (list !== INSTANCES) {
    for (const item of (region.data[list] as readonly Item[] | undefined) ?? []) visit(item);
    return;
  }
  for (const reservation of region.data.Reservations ?? []) for (const item of (reservation.Instances ?? []) as Item[]) visit(item);
}

/** The copies of each id found more than once in `list`, in the order above; undefined when there are none. */
function copiesOf(ordered: readonly RegionInput[], list: string, idOf: (item: Item) => unknown): Map<string, Copy[]> | undefined {
  // the common case, no id twice, costs one set of ids
  const seen = new Set<string>();
  let repeated: Set<string> | undefined;
  for (const region of ordered) {
    eachItem(region, list, (item) => {
      const id = idOf(item);
      if (typeof id !== 'string') return;
      if (seen.has(id)) (repeated ??= new Set()).add(id);
      else seen.add(id);
    });
  }
  if (!repeated) return undefined;
  const twice: ReadonlySet<string> = repeated;
  const copies = new Map<string, Copy[]>();
  for (const region of ordered) {
    eachItem(region, list, (item) => {
      const id = idOf(item);
      if (typeof id !== 'string' || !twice.has(id)) return;
      const known = copies.get(id);
      if (known) known.push({ region, item });
      else copies.set(id, [{ region, item }]);
    });
  }
  return copies;
}

type PeeringSide = { readonly Region?: unknown; readonly OwnerId?: unknown } | undefined;

/** The member that names a resource's owner account, for the lists whose items carry one. */
const OWNER_MEMBERS: Readonly<Record<string, string>> = {
  Vpcs: 'OwnerId',
  Subnets: 'OwnerId',
  RouteTables: 'OwnerId',
  NetworkAcls: 'OwnerId',
  SecurityGroups: 'OwnerId',
  NetworkInterfaces: 'OwnerId',
  InternetGateways: 'OwnerId',
  EgressOnlyInternetGateways: 'OwnerId',
  TransitGateways: 'OwnerId',
  TransitGatewayAttachments: 'ResourceOwnerId',
  TransitGatewayVpcAttachments: 'VpcOwnerId',
  TransitGatewayRouteTables: 'OwnerId',
  ManagedPrefixLists: 'OwnerId',
  VpcEndpoints: 'OwnerId',
};

/** The copy read in the account its owner member names, when one was. */
function ownersCopy(list: string, copies: readonly Copy[]): { kept: Copy; reason: string } | undefined {
  const member = OWNER_MEMBERS[list];
  if (!member) return undefined;
  for (const copy of copies) {
    const owner = copy.item[member];
    if (typeof owner === 'string' && copy.region.place.account === owner) return { kept: copy, reason: `the owner account's (${owner})` };
  }
  return undefined;
}

/** A peering's copy from its requester's side, and why; the owner's copy; otherwise the first copy. */
function keptCopy(list: string, copies: readonly Copy[]): { kept: Copy; reason: string } {
  const first = { kept: copies[0]!, reason: 'the first by account, region and position' };
  if (list !== 'VpcPeeringConnections') return ownersCopy(list, copies) ?? first;
  const requester = copies[0]!.item.RequesterVpcInfo as PeeringSide;
  let best = first;
  let bestScore = 0;
  for (const copy of copies) {
    const inRegion = typeof requester?.Region === 'string' && copy.region.place.region === requester.Region;
    const inAccount = typeof requester?.OwnerId === 'string' && copy.region.place.account === requester.OwnerId;
    const score = (inRegion ? 2 : 0) + (inAccount ? 1 : 0);
    if (score > bestScore) {
      bestScore = score;
      const where = inRegion && inAccount ? 'account and region' : inRegion ? 'region' : 'account';
      best = { kept: copy, reason: `the requester's ${where}` };
    }
  }
  return best;
}

function withoutPeeringOptions(side: unknown): unknown {
  if (side === null || typeof side !== 'object' || !('PeeringOptions' in side)) return side;
  const { PeeringOptions: _options, ...rest } = side as Record<string, unknown>;
  return rest;
}

/** One member as compared: see the rules above for what copies from two places may differ in. */
function comparable(list: string, member: string, value: unknown, samePlace: boolean): string | undefined {
  if (samePlace) return canonicalJson(value);
  if (member === 'Tags') return undefined;
  if (list === 'VpcPeeringConnections' && (member === 'RequesterVpcInfo' || member === 'AccepterVpcInfo')) {
    return canonicalJson(withoutPeeringOptions(value));
  }
  return canonicalJson(value);
}

/** The top-level members in which `other` differs from `kept`, sorted. */
function differingMembers(list: string, kept: Copy, other: Copy): string[] {
  const samePlace = byPlace(kept.region, other.region) === 0;
  const members = new Set([...Object.keys(kept.item), ...Object.keys(other.item)]);
  const out: string[] = [];
  for (const member of members) {
    if (comparable(list, member, kept.item[member], samePlace) !== comparable(list, member, other.item[member], samePlace)) out.push(member);
  }
  return out.sort();
}

function placeOfCopy(list: string, copy: Copy, file: string): string {
  const fallback = regionFallback(file, copy.region.place);
  return placeText(list === INSTANCES ? locateInstance(copy.region.data, copy.item, fallback) : locate(copy.region.data, list, copy.item, fallback));
}

function warnDiffering(notes: ImportNotes, list: string, id: string, copies: readonly Copy[], kept: Copy, reason: string, members: readonly string[], file: string): void {
  const times = copies.length === 2 ? 'twice' : `${copies.length} times`;
  const others = copies.filter((copy) => copy !== kept).map((copy) => placeOfCopy(list, copy, file));
  const leftOut = others.length === 1 ? others[0]! : `${others.slice(0, -1).join(', ')} and ${others.at(-1)!}`;
  notes.warnListed(
    'resources described more than once, differently',
    `${id} is described ${times}, differently (in ${members.join(', ')}): kept ${placeOfCopy(list, kept, file)} (${reason}), left out ${leftOut}`,
  );
}

/** A region without the left-out copies, which are in `lists` of it. */
function withoutLeftOut(region: RegionInput, lists: ReadonlySet<string>, leftOut: ReadonlySet<unknown>): RegionInput {
  const data: Record<string, unknown> = { ...region.data };
  for (const list of lists) {
    if (list !== INSTANCES) {
      data[list] = (region.data[list] as readonly unknown[]).filter((item) => !leftOut.has(item));
      continue;
    }
    data.Reservations = (region.data.Reservations ?? []).map((reservation) =>
      reservation.Instances?.some((instance) => leftOut.has(instance))
        ? { ...reservation, Instances: reservation.Instances.filter((instance) => !leftOut.has(instance)) }
        : reservation,
    );
  }
  recordMadeFrom(data, region.data);
  return { place: region.place, data: data as RawRegion };
}

/**
 * Keeps one copy of each resource (see the rules above), warning about
 * copies that differ. `file` names the snapshot for regions no file was
 * recorded for. Regions without copies to leave out are returned as they are.
 */
export function keepOneCopyEach(regions: readonly RegionInput[], notes: ImportNotes, file: string): RegionInput[] {
  const ordered = [...regions].sort(byPlace);
  const leftOut = new Set<unknown>();
  /** the lists of each region that lose copies */
  const touched = new Map<RegionInput, Set<string>>();
  const lists: [string, (item: Item) => unknown][] = Object.entries(RESOURCE_IDS).map(([list, idOf]) => [list, idOf as (item: Item) => unknown]);
  lists.push([INSTANCES, (item) => item.InstanceId]);
  for (const [list, idOf] of lists) {
    const repeated = copiesOf(ordered, list, idOf);
    if (!repeated) continue;
    for (const [id, copies] of repeated) {
      const { kept, reason } = keptCopy(list, copies);
      const members = new Set<string>();
      for (const copy of copies) {
        if (copy === kept) continue;
        leftOut.add(copy.item);
        const listsLosing = touched.get(copy.region);
        if (listsLosing) listsLosing.add(list);
        else touched.set(copy.region, new Set([list]));
        for (const member of differingMembers(list, kept, copy)) members.add(member);
      }
      if (members.size > 0) warnDiffering(notes, list, id, copies, kept, reason, [...members].sort(), file);
    }
  }
  return regions.map((region) => {
    const lists = touched.get(region);
    return lists ? withoutLeftOut(region, lists, leftOut) : region;
  });
}
