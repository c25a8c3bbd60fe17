// Cytoscape elements for the visible graph, positioned by our layout.
import type { ElementDefinition } from 'cytoscape';
import type { VisibleGraph, VisibleNode } from './visible-graph.js';
import { LABEL_H, type LayoutResult } from './layout.js';
import { CONTAINER_LABELS, isContainerKind } from './kinds.js';
import { leafLook } from './icons.js';
import { shownName } from '../display.js';
import { addressBlockLines, cardFontSize, cardLines, isInactiveData, type Inside } from './cards.js';
import { LEGIBLE_PX } from './detail-levels.js';

/** label sizes in map units: a leaf's name reads from zoom 1 on */
export const LEAF_FONT = 11;
/** an open box's title fills most of its band (layout.ts titleBand): a box opens only once its title reads */
const TITLE_FILL = 0.7;

function depthOf(graph: VisibleGraph, node: VisibleNode): number {
  let depth = 0;
  for (let parent = node.parent; parent; parent = graph.nodes.get(parent)?.parent ?? null) depth++;
  return depth;
}

function firstIp(node: VisibleNode): string | undefined {
  const ips = node.data.privateIps;
  if (Array.isArray(ips) && typeof ips[0] === 'string') return ips[0];
  return typeof node.data.privateIp === 'string' ? node.data.privateIp : undefined;
}

/** the name (or the id), escaped and cut to 64 characters: a 20,000-character Name tag must not blank the map */
function displayName(node: VisibleNode): string {
  return node.name && node.name !== node.id ? shownName(node.name) : shownName(node.id);
}

/** drawn grey: a stopped instance, an ENI not in use, a gateway or link that is not up */
function isInactive(node: VisibleNode): boolean {
  return isInactiveData(node.kind, node.data);
}

/** drawn with a dotted amber ring: its state cannot be read (an instance the snapshot names but does not describe) */
function isUnknown(node: VisibleNode): boolean {
  const state = node.data.instanceState ?? node.data.state;
  return state === 'unknown' || (typeof node.data.instanceId === 'string' && node.data.instanceState === undefined);
}

/** an open box's title, a closed box's card, a leaf's name and address */
export function nodeLabel(node: VisibleNode, inside?: Inside): string {
  if (node.container) {
    if (node.collapsed) {
      // the hint to open it is the legend's and the tooltip's: the card stays short, to read from further out
      const lines = cardLines(node.kind, displayName(node), addressBlockLines(node.data), inside);
      if (!inside) lines.push(`${node.hiddenLeaves} inside`);
      return lines.join('\n');
    }
    const kind = isContainerKind(node.kind) ? CONTAINER_LABELS[node.kind] : node.kind;
    const cidr = addressBlockLines(node.data).filter(Boolean).join(' · ');
    const name = displayName(node);
    const head = node.kind === 'az' || node.kind === 'region' || node.kind === 'account' ? `${kind} ${name}` : `${kind} · ${name}`;
    return cidr ? `${head} · ${cidr}` : head;
  }
  const ip = firstIp(node);
  const publicIp = typeof node.data.publicIp === 'string' ? ` · ${node.data.publicIp}` : '';
  return ip ? `${displayName(node)}\n${ip}${publicIp}` : displayName(node);
}

/** the id of the node that carries an open box's title */
export function titleId(id: string): string {
  return `title:${id}`;
}

/** an open box (with contents drawn): its card when zoomed out, its title when open */
function isHolder(node: VisibleNode): boolean {
  return node.container && !node.collapsed && node.children.length > 0;
}

function titleFont(band: number): number {
  // zones and subnets open close up: their titles need not shout
  return band <= LABEL_H ? 14 : band * TITLE_FILL;
}

/**
 * The zoom from which each open box is drawn open: where everything it holds
 * can be read, each inner box either as a card or open in turn, each leaf by
 * its name. Zooming out turns it into a card before its contents become noise.
 */
function openZooms(graph: VisibleGraph, layout: LayoutResult, cardFonts: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  const nodes = [...graph.nodes.values()];
  // children before parents
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    if (!isHolder(node)) continue;
    const boxes = node.children.filter((kid) => cardFonts.has(kid));
    // an inner box reads as its card, or open in turn; a leaf by its name
    const readable = boxes.map((kid) => Math.min(LEGIBLE_PX / cardFonts.get(kid)!, out.get(kid) ?? Number.POSITIVE_INFINITY));
    const contents = readable.length > 0 ? Math.max(...readable) : LEGIBLE_PX / LEAF_FONT;
    out.set(node.id, Math.max(contents, LEGIBLE_PX / titleFont(layout.bands[node.id] ?? LABEL_H)));
  }
  return out;
}

/**
 * `routesOnDemand`: a large map leaves subnet route edges out (a third of its elements); the overlay adds the focused node's.
 * `inside`: what each box holds (cards.ts countInside), for the cards' counts.
 */
export function buildElements(graph: VisibleGraph, layout: LayoutResult, routesOnDemand = false, inside?: Map<string, Inside>): ElementDefinition[] {
  const elements: ElementDefinition[] = [];
  const cardFonts = new Map<string, number>();
  const cards = new Map<string, string[]>();
  for (const node of graph.nodes.values()) {
    if (!node.container) continue;
    const box = layout.boxes[node.id] ?? { w: 160, h: 60 };
    // a closed box's card ends with the hint to open it
    const lines = node.collapsed ? nodeLabel(node, inside?.get(node.id)).split('\n') : cardLines(node.kind, displayName(node), addressBlockLines(node.data), inside?.get(node.id));
    if (!isHolder(node) && !node.collapsed) continue;
    cards.set(node.id, lines);
    cardFonts.set(node.id, cardFontSize(lines, box.w, box.h));
  }
  const opens = openZooms(graph, layout, cardFonts);
  for (const node of graph.nodes.values()) {
    const classes: string[] = [];
    const data: Record<string, unknown> = { id: node.id, kind: node.kind, label: nodeLabel(node, inside?.get(node.id)), depth: depthOf(graph, node) };
    if (node.parent) data.parentId = node.parent;
    const position = layout.positions[node.id];
    let title: ElementDefinition | null = null;
    if (node.container) {
      classes.push('container', `c-${node.kind}`);
      if (node.kind === 'subnet') classes.push(node.data.public === true ? 'public' : 'private');
      if (node.collapsed) classes.push('collapsed');
      const box = layout.boxes[node.id] ?? { w: 160, h: 60 };
      data.w = box.w;
      data.h = box.h;
      data.tw = Math.max(40, box.w - 16);
      if (isHolder(node)) {
        classes.push('holder');
        const openZoom = opens.get(node.id)!;
        data.label = cards.get(node.id)!.join('\n');
        data.cardFs = cardFonts.get(node.id);
        const cardTitle = cards.get(node.id)![0]!;
        data.cardTitle = cardTitle;
        data.cardTitleFs = cardFontSize([cardTitle], box.w, box.h, 0.96);
        data.openZoom = openZoom;
        data.fs = 0;
        // The title is a node of its own, drawn above the lines that cross the box (a box's own label sits under them).
        if (position) {
          title = {
            group: 'nodes',
            data: { id: titleId(node.id), kind: 'title', label: nodeLabel(node), fs: titleFont(layout.bands[node.id] ?? LABEL_H), tw: box.w, owner: node.id },
            classes: `title t-${node.kind}`,
            position: { x: position.x, y: position.y - box.h / 2 - (layout.bands[node.id] ?? LABEL_H) / 2 },
            pannable: true,
          };
        }
      } else data.fs = node.collapsed ? cardFonts.get(node.id)! : 12;
    } else {
      const look = leafLook(node.kind);
      classes.push('leaf', `k-${node.kind}`);
      data.icon = look.icon;
      data.color = look.color;
      if (isInactive(node)) classes.push('inactive');
      if (node.kind === 'missing' || node.data.missing === true) classes.push('missing');
      else if (isUnknown(node)) classes.push('unknown');
      if (node.data.targetHealth === 'unhealthy') {
        classes.push('unhealthy');
        data.targetHealth = 'unhealthy';
      }
      // for the hover tooltip
      data.name = displayName(node);
      const state = node.data.instanceState ?? node.data.state ?? node.data.status;
      if (typeof state === 'string') data.state = state;
      if (typeof node.data.instanceId === 'string') data.instanceId = node.data.instanceId;
      // the tooltip's IPv6 line (the label keeps its two lines: the layout sizes leaves for them)
      if (Array.isArray(node.data.ipv6Ips) && node.data.ipv6Ips.length > 0) data.ipv6 = (node.data.ipv6Ips as string[]).join(', ');
      data.fs = LEAF_FONT;
    }
    // pannable: a drag that starts on a node or inside a box pans the map (nodes are not dragged)
    elements.push({ group: 'nodes', data, classes: classes.join(' '), pannable: true, ...(position ? { position: { ...position } } : {}) });
    if (title) elements.push(title);
  }
  for (const edge of graph.edges) {
    if (routesOnDemand && edge.kind === 'route') continue;
    // A line to a box ends at its border (a large map's haystack lines would run to its centre, across everything inside).
    const toBox = graph.nodes.get(edge.source)?.container || graph.nodes.get(edge.target)?.container;
    elements.push({ group: 'edges', data: { id: edge.id, source: edge.source, target: edge.target, kind: edge.kind }, classes: `link l-${edge.kind}${toBox ? ' to-box' : ''}` });
  }
  return elements;
}
