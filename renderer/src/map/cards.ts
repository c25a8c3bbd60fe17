// What a box says when it is drawn as a card (zoomed out, or closed): its
// kind and name, its CIDR, what it holds and anything wrong inside. Counted
// once per graph over the whole network, so that a closed or filtered box
// still says what is in it.
import type { GraphIndex } from './visible-graph.js';
import { CONTAINER_LABELS, isContainerKind, normalKind } from './kinds.js';

export interface Inside {
  vpcs: number;
  subnets: number;
  instances: number;
  /** interfaces that belong to no instance (load balancers', NAT gateways', endpoints') */
  otherEnis: number;
  stopped: number;
  missing: number;
}

const DEAD_STATES = new Set(['stopped', 'stopping', 'terminated', 'failed', 'deleted', 'deleting', 'pending', 'rejected', 'expired', 'detached']);

/** a stopped instance, an ENI not in use, a gateway or link that is not up: the map draws these grey */
export function isInactiveData(kind: string, data: Record<string, unknown>): boolean {
  if (kind === 'eni' && (data.status === 'available' || DEAD_STATES.has(String(data.instanceState)))) return true;
  return DEAD_STATES.has(String(data.state ?? data.status ?? ''));
}

function empty(): Inside {
  return { vpcs: 0, subnets: 0, instances: 0, otherEnis: 0, stopped: 0, missing: 0 };
}

/** per container id, what it holds (every descendant, whatever is drawn) */
export function countInside(index: GraphIndex): Map<string, Inside> {
  const out = new Map<string, Inside>();
  const visit = (id: string): { inside: Inside; instances: Set<string> } => {
    const inside = empty();
    const instances = new Set<string>();
    for (const kid of index.children.get(id) ?? []) {
      const node = index.byId.get(kid)!;
      const kind = normalKind(node.kind);
      const data = node.data ?? {};
      if (kind === 'vpc') inside.vpcs++;
      if (kind === 'subnet') inside.subnets++;
      if (kind === 'eni') {
        if (typeof data.instanceId === 'string') {
          if (!instances.has(data.instanceId)) {
            instances.add(data.instanceId);
            if (isInactiveData(kind, data)) inside.stopped++;
          }
        } else inside.otherEnis++;
      } else if (kind === 'instance') {
        if (!instances.has(kid)) {
          instances.add(kid);
          if (isInactiveData(kind, data)) inside.stopped++;
        }
      }
      if (kind === 'missing' || data.missing === true) inside.missing++;
      if ((index.children.get(kid)?.length ?? 0) > 0) {
        const below = visit(kid);
        for (const key of Object.keys(inside) as (keyof Inside)[]) if (key !== 'instances') inside[key] += below.inside[key];
        // an instance's ENIs may sit in two subnets: count it once
        for (const instance of below.instances) instances.add(instance);
      }
    }
    inside.instances = instances.size;
    out.set(id, inside);
    return { inside, instances };
  };
  for (const root of index.children.get(null) ?? []) if ((index.children.get(root)?.length ?? 0) > 0) visit(root);
  return out;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** a box's address blocks, one line per family: IPv4, then IPv6 where it has any (a dual-stack VPC or subnet) */
export function addressBlockLines(data: Record<string, unknown>): string[] {
  const v4 = typeof data.cidr === 'string' ? data.cidr : Array.isArray(data.cidrs) ? (data.cidrs as string[]).join(', ') : '';
  const v6 = Array.isArray(data.ipv6Cidrs) ? (data.ipv6Cidrs as string[]).join(', ') : '';
  // an IPv6-only subnet's `cidr` is its IPv6 block already: said once
  return v6 ? [v4, v6].filter((line, i) => line !== '' && !(i === 0 && v6.startsWith(line))) : [v4];
}

/** the lines of a box's card: "VPC acme-prod", its CIDR (a line per family), what it holds, what is wrong inside */
export function cardLines(kind: string, name: string, cidr: string | readonly string[], inside: Inside | undefined): string[] {
  const title = `${isContainerKind(kind) ? CONTAINER_LABELS[kind] : kind} ${name}`;
  const lines = [title];
  for (const line of typeof cidr === 'string' ? [cidr] : cidr) if (line) lines.push(line);
  if (inside) {
    // short lines: the shorter the widest line, the larger the card's type
    const boxes: string[] = [];
    if (inside.vpcs > 0) boxes.push(plural(inside.vpcs, 'VPC'));
    if (inside.subnets > 0 && kind !== 'subnet') boxes.push(plural(inside.subnets, 'subnet'));
    if (boxes.length > 0) lines.push(boxes.join(' · '));
    const machines = [plural(inside.instances, 'instance')];
    // a zone's or subnet's card counts the interfaces of no instance too; a VPC's stays short, to read from further out
    if (inside.otherEnis > 0 && (kind === 'subnet' || kind === 'az')) machines.push(plural(inside.otherEnis, 'other ENI'));
    lines.push(machines.join(' · '));
    const wrong: string[] = [];
    if (inside.stopped > 0) wrong.push(`${inside.stopped} stopped`);
    if (inside.missing > 0) wrong.push(`${inside.missing} missing`);
    lines.push(wrong.length > 0 ? wrong.join(' · ') : inside.instances > 0 ? 'all running' : 'empty');
  }
  return lines;
}

/**
 * The font size (map units) at which `lines` fill a w × h box with a margin: a bigger box reads from further out.
 * `widthShare`: how much of the width the widest line may take (a card's first line drawn alone may take nearly all).
 */
export function cardFontSize(lines: string[], w: number, h: number, widthShare = 0.86): number {
  const widest = Math.max(...lines.map((line) => line.length), 8);
  // an average glyph of a sans-serif is about 0.58 em wide; a line is 1.25 em tall; 0.85 of the height leaves a margin
  // and lets a dual-stack box's extra address line (6 lines) keep the type of an IPv4 one's 5
  const byWidth = (w * widthShare) / (widest * 0.58);
  const byHeight = (h * 0.85) / (lines.length * 1.25);
  return Math.max(11, Math.min(byWidth, byHeight, 600));
}
