// The account and region filters: which boxes of account > region > VPC stay
// on the map. Both hold together (one account's one region); what sits in no
// account (the internet) always stays. Only the account and region boxes are
// judged: visible-graph.ts does not descend into a box that is filtered out.
import type { GraphNode } from '../../../shared/api/reachmap-api.js';
import type { GraphIndex } from './visible-graph.js';
import { normalKind } from './kinds.js';

export interface PlaceFilter {
  /** an account box's node id (`account:111122223333`), or null for every account */
  account?: string | null;
  /** a region's name (`us-east-1`), in whichever account, or null for every region */
  region?: string | null;
}

export interface PlaceOptions {
  accounts: { id: string; name: string }[];
  /** region names per account box id, sorted */
  regions: Map<string, string[]>;
}

/** the accounts on the map and the regions each holds, for the filters' choices */
export function placeOptions(index: GraphIndex): PlaceOptions {
  const accounts: PlaceOptions['accounts'] = [];
  const regions = new Map<string, string[]>();
  for (const id of index.children.get(null) ?? []) {
    const node = index.byId.get(id)!;
    if (normalKind(node.kind) !== 'account') continue;
    accounts.push({ id, name: node.name });
    const names = (index.children.get(id) ?? []).map((kid) => index.byId.get(kid)!).filter((kid) => normalKind(kid.kind) === 'region').map((kid) => kid.name);
    regions.set(id, [...new Set(names)].sort());
  }
  return { accounts, regions };
}

/** the region names to choose from: the chosen account's, else every account's */
export function regionChoices(options: PlaceOptions, account: string | null | undefined): string[] {
  const lists = account ? [options.regions.get(account) ?? []] : [...options.regions.values()];
  return [...new Set(lists.flat())].sort();
}

function holdsRegion(index: GraphIndex, accountId: string, region: string): boolean {
  return (index.children.get(accountId) ?? []).some((kid) => {
    const node = index.byId.get(kid)!;
    return normalKind(node.kind) === 'region' && node.name === region;
  });
}

/** false for an account box or region box the filters leave out (an account with none of the chosen region goes too) */
export function passesPlace(index: GraphIndex, node: GraphNode, filter: PlaceFilter): boolean {
  if (!filter.account && !filter.region) return true;
  const kind = normalKind(node.kind);
  if (kind === 'account') {
    if (filter.account && node.id !== filter.account) return false;
    return !filter.region || holdsRegion(index, node.id, filter.region);
  }
  if (kind === 'region') return !filter.region || node.name === filter.region;
  return true;
}

/** whether a node sits in what the filters keep (its account and region boxes pass) */
export function insidePlace(index: GraphIndex, id: string, ancestors: readonly string[], filter: PlaceFilter): boolean {
  return [id, ...ancestors].every((at) => {
    const node = index.byId.get(at);
    return !node || passesPlace(index, node, filter);
  });
}
