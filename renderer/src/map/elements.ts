// Cytoscape elements for the visible graph, positioned by our layout.
import type { ElementDefinition } from 'cytoscape';
import type { VisibleGraph, VisibleNode } from './visible-graph.js';
import type { LayoutResult } from './layout.js';
import { CONTAINER_LABELS, isContainerKind } from './kinds.js';
import { leafLook } from './icons.js';
import { shownName } from '../display.js';

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

const DEAD_STATES = new Set(['stopped', 'stopping', 'terminated', 'failed', 'deleted', 'deleting', 'pending', 'rejected', 'expired', 'detached']);

/** drawn grey: a stopped instance, an ENI not in use, a gateway or link that is not up */
function isInactive(node: VisibleNode): boolean {
  if (node.kind === 'eni' && (node.data.status === 'available' || DEAD_STATES.has(String(node.data.instanceState)))) return true;
  return DEAD_STATES.has(String(node.data.state ?? node.data.status ?? ''));
}

/** drawn with a dotted amber ring: its state cannot be read (an instance the snapshot names but does not describe) */
function isUnknown(node: VisibleNode): boolean {
  const state = node.data.instanceState ?? node.data.state;
  return state === 'unknown' || (typeof node.data.instanceId === 'string' && node.data.instanceState === undefined);
}

export function nodeLabel(node: VisibleNode): string {
  if (node.container) {
    const kind = isContainerKind(node.kind) ? CONTAINER_LABELS[node.kind] : node.kind;
    const cidr = typeof node.data.cidr === 'string' ? node.data.cidr : Array.isArray(node.data.cidrs) ? (node.data.cidrs as string[]).join(', ') : '';
    const name = displayName(node);
    const head = node.kind === 'az' || node.kind === 'region' || node.kind === 'account' ? `${kind} ${name}` : `${kind} · ${name}`;
    const line = cidr ? `${head} · ${cidr}` : head;
    return node.collapsed ? `${line}\n${node.hiddenLeaves} inside · double-click to open` : line;
  }
  const ip = firstIp(node);
  const publicIp = typeof node.data.publicIp === 'string' ? ` · ${node.data.publicIp}` : '';
  return ip ? `${displayName(node)}\n${ip}${publicIp}` : displayName(node);
}

/** `routesOnDemand`: a large map leaves subnet route edges out (a third of its elements); the overlay adds the focused node's. */
export function buildElements(graph: VisibleGraph, layout: LayoutResult, routesOnDemand = false): ElementDefinition[] {
  const elements: ElementDefinition[] = [];
  for (const node of graph.nodes.values()) {
    const classes: string[] = [];
    const data: Record<string, unknown> = { id: node.id, kind: node.kind, label: nodeLabel(node), depth: depthOf(graph, node) };
    if (node.parent) data.parentId = node.parent;
    if (node.container) {
      classes.push('container', `c-${node.kind}`);
      if (node.kind === 'subnet') classes.push(node.data.public === true ? 'public' : 'private');
      if (node.collapsed) classes.push('collapsed');
      const box = layout.boxes[node.id] ?? { w: 160, h: 60 };
      data.w = box.w;
      data.h = box.h;
    } else {
      const look = leafLook(node.kind);
      classes.push('leaf', `k-${node.kind}`);
      data.icon = look.icon;
      data.color = look.color;
      if (isInactive(node)) classes.push('inactive');
      if (node.kind === 'missing' || node.data.missing === true) classes.push('missing');
      else if (isUnknown(node)) classes.push('unknown');
      // for the hover tooltip
      data.name = displayName(node);
      const state = node.data.instanceState ?? node.data.state ?? node.data.status;
      if (typeof state === 'string') data.state = state;
      if (typeof node.data.instanceId === 'string') data.instanceId = node.data.instanceId;
    }
    const position = layout.positions[node.id];
    elements.push({ group: 'nodes', data, classes: classes.join(' '), ...(position ? { position: { ...position } } : {}) });
  }
  for (const edge of graph.edges) {
    if (routesOnDemand && edge.kind === 'route') continue;
    elements.push({ group: 'edges', data: { id: edge.id, source: edge.source, target: edge.target, kind: edge.kind }, classes: `link l-${edge.kind}` });
  }
  return elements;
}
