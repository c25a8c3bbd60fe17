// Endpoints named the way people name them: a load balancer's DNS name or a
// Name tag (issue 15, in DESIGN.md section 5's order, after `internet`,
// addresses and ids). A Name names an instance before its own ENIs, then a
// load balancer, then a VPC. A name that matches several components is an
// error listing them; a name that matches none gets the nearest names as
// "did you mean". Names come from the data: messages show them through the
// display sanitiser.
import { InputError } from '../model/errors.js';
import { displayText, truncateForDisplay } from '../model/display-text.js';
import type { NetworkModel } from '../model/types.js';

export type NamedKind = 'instance' | 'eni' | 'load-balancer' | 'vpc';

export interface NamedComponent {
  readonly kind: NamedKind;
  readonly id: string;
  readonly name: string;
}

interface NameIndex {
  /** exact Name -> the components carrying it, instances and ENIs first, then load balancers, then VPCs */
  readonly byName: ReadonlyMap<string, readonly NamedComponent[]>;
  /** lower-case DNS name -> load balancer id */
  readonly byDnsName: ReadonlyMap<string, string>;
}

// Built once per model (the model is never mutated; an edited snapshot is a new model).
const indexes = new WeakMap<NetworkModel, NameIndex>();

function nameIndex(model: NetworkModel): NameIndex {
  let index = indexes.get(model);
  if (index) return index;
  const byName = new Map<string, NamedComponent[]>();
  const add = (kind: NamedKind, id: string, name: string | undefined) => {
    if (name === undefined || name === '' || name === id) return;
    const list = byName.get(name);
    if (list) list.push({ kind, id, name });
    else byName.set(name, [{ kind, id, name }]);
  };
  for (const instance of model.instances.values()) add('instance', instance.id, instance.name);
  for (const eni of model.networkInterfaces.values()) add('eni', eni.id, eni.name);
  const byDnsName = new Map<string, string>();
  for (const balancer of model.loadBalancers.values()) {
    if (balancer.dnsName) byDnsName.set(balancer.dnsName.toLowerCase().replace(/\.$/, ''), balancer.id);
  }
  for (const vpc of model.vpcs.values()) add('vpc', vpc.id, vpc.name);
  index = { byName, byDnsName };
  indexes.set(model, index);
  return index;
}

const KIND_WORDS: Record<NamedKind, string> = { instance: 'instance', eni: 'network interface', 'load-balancer': 'load balancer', vpc: 'VPC' };

/** How many candidates an ambiguity lists before "and N more". */
const LISTED = 10;

function candidateList(candidates: readonly NamedComponent[]): string {
  const shown = candidates.slice(0, LISTED).map((c) => `${truncateForDisplay(c.name)} (${KIND_WORDS[c.kind]} ${displayText(c.id)})`);
  const more = candidates.length > LISTED ? ` and ${candidates.length - LISTED} more` : '';
  return `${shown.join(', ')}${more}`;
}

/** The load balancer whose DNS name this is, if any. */
export function loadBalancerByDnsName(model: NetworkModel, text: string): string | undefined {
  if (model.loadBalancers.size === 0) return undefined;
  return nameIndex(model).byDnsName.get(text.toLowerCase().replace(/\.$/, ''));
}

/**
 * The one component a Name tag names, or undefined when no component carries
 * it. An instance's own ENIs do not compete with it; otherwise machines
 * (instances, ENIs) come first, then load balancers, then VPCs, and two of
 * the first kind found are an InputError listing them.
 */
export function componentNamed(model: NetworkModel, name: string): NamedComponent | undefined {
  const all = nameIndex(model).byName.get(name);
  if (!all) return undefined;
  const instances = new Set(all.filter((c) => c.kind === 'instance').map((c) => c.id));
  const machines = all.filter((c) => c.kind === 'instance' || (c.kind === 'eni' && !ownedByNamedInstance(model, c.id, instances)));
  for (const tier of [machines, all.filter((c) => c.kind === 'load-balancer'), all.filter((c) => c.kind === 'vpc')]) {
    if (tier.length === 1) return tier[0]!;
    if (tier.length > 1) {
      throw new InputError(`endpoint "${truncateForDisplay(name)}" is the Name of ${tier.length} components: ${candidateList(tier)}; name one by its id`);
    }
  }
  return undefined;
}

function ownedByNamedInstance(model: NetworkModel, eniId: string, instances: ReadonlySet<string>): boolean {
  const owner = model.networkInterfaces.get(eniId)?.instanceId;
  return owner !== undefined && instances.has(owner);
}

/** Levenshtein distance, given up past `limit` (names are short; the cap keeps a 10k-ENI scan cheap). */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    previous = row;
  }
  return previous[b.length]!;
}

/**
 * The names nearest to `text`: the same name in another case, else those at
 * the smallest edit distance (at most 2, and less than a third of the name),
 * up to three, in order of name.
 */
export function nearestNames(model: NetworkModel, text: string): string[] {
  const names = [...nameIndex(model).byName.keys()];
  const lower = text.toLowerCase();
  const sameCase = names.filter((name) => name.toLowerCase() === lower);
  if (sameCase.length > 0) return sameCase.sort().slice(0, 3);
  const limit = Math.min(2, Math.floor((text.length - 1) / 3));
  if (limit < 1) return [];
  let best = limit + 1;
  let nearest: string[] = [];
  for (const name of names) {
    const d = distance(lower, name.toLowerCase(), Math.min(limit, best));
    if (d < best) {
      best = d;
      nearest = [name];
    } else if (d === best && d <= limit) nearest.push(name);
  }
  return best <= limit ? nearest.sort().slice(0, 3) : [];
}

/** " did you mean prod-api-1?" (or "a or b?"), or "" when no name is near. */
export function didYouMean(model: NetworkModel, text: string): string {
  const nearest = nearestNames(model, text).map((name) => truncateForDisplay(name));
  if (nearest.length === 0) return '';
  const list = nearest.length === 1 ? nearest[0]! : `${nearest.slice(0, -1).join(', ')} or ${nearest[nearest.length - 1]!}`;
  return `: did you mean ${list}?`;
}
