// The map's look. Large maps drop what costs the most per frame (dashes,
// edge labels, bezier curves): Cytoscape's own performance advice.
import type { StylesheetJson } from 'cytoscape';

const CONTAINER_COLOURS: Record<string, { border: string; fill: string; text: string }> = {
  account: { border: '#9aa5b8', fill: '#ffffff', text: '#4a5568' },
  region: { border: '#2c8aa3', fill: '#f3fafc', text: '#1f6a7d' },
  vpc: { border: '#8c4fd6', fill: '#faf7ff', text: '#6b35b0' },
  az: { border: '#7a93b5', fill: '#ffffff', text: '#4d6584' },
  subnet: { border: '#3b6fd1', fill: '#f2f6fe', text: '#2b58ad' },
};

export function mapStyle(large: boolean): StylesheetJson {
  const containers = Object.entries(CONTAINER_COLOURS).map(([kind, colour]) => ({
    selector: `node.c-${kind}`,
    style: { 'border-color': colour.border, 'background-color': colour.fill, color: colour.text },
  }));
  const titles = Object.entries(CONTAINER_COLOURS).map(([kind, colour]) => ({ selector: `node.t-${kind}`, style: { color: colour.text } }));
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'z-index-compare': 'manual',
        'font-family': 'Inter, "Segoe UI", system-ui, sans-serif',
        // Our level of detail (detail-levels.ts) hides a label below 11 px on screen; Cytoscape's own cut-off rounds the zoom to a power of two.
        'font-size': 'data(fs)',
        'min-zoomed-font-size': 0,
        'text-wrap': 'wrap',
        'text-max-width': '118px',
      },
    },
    {
      selector: 'node.leaf',
      style: {
        shape: 'round-rectangle',
        width: 40,
        height: 40,
        'background-color': 'data(color)',
        'background-image': 'data(icon)',
        'background-width': '70%',
        'background-height': '70%',
        'background-clip': 'none',
        'border-width': 0,
        'text-valign': 'bottom',
        'text-margin-y': 5,
        color: '#1f2937',
        // over the lines that pass under a name (the report's picture too)
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.85,
        'text-background-padding': '1px',
        'z-index': 20,
      },
    },
    { selector: 'node.k-internet', style: { shape: 'ellipse', width: 52, height: 52, 'font-weight': 'bold' } },
    { selector: 'node.inactive', style: { 'background-color': '#a0aec0' } },
    { selector: 'node.missing', style: { 'background-color': '#adb5bd', 'border-width': 2, 'border-style': 'dashed', 'border-color': '#c92a2a' } },
    { selector: 'node.unknown', style: { 'border-width': 3, 'border-style': 'dotted', 'border-color': '#f59f00' } },
    // a load balancer's target that AWS does not report healthy, or whose health check the network blocks
    { selector: 'node.unhealthy', style: { 'border-width': 3, 'border-style': 'double', 'border-color': '#e8590c' } },
    {
      selector: 'node.container',
      style: {
        shape: 'round-rectangle',
        'corner-radius': 8,
        width: 'data(w)',
        height: 'data(h)',
        'border-width': 1.5,
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -6,
        'font-weight': 'bold',
        'text-max-width': 'data(tw)',
        'z-index': 'data(depth)',
      },
    },
    ...containers,
    ...titles,
    { selector: 'node.c-vpc', style: { 'border-width': 2.5 } },
    { selector: 'node.c-az', style: { 'border-style': large ? 'solid' : 'dashed' } },
    { selector: 'node.c-subnet.public', style: { 'border-color': '#2f9e44', 'background-color': '#f1faf3', color: '#237a35' } },
    { selector: 'node.t-subnet.public', style: { color: '#237a35' } },
    {
      selector: 'node.collapsed',
      style: {
        'text-valign': 'center',
        'text-margin-y': 0,
        'border-width': 2,
        'line-height': 1.25,
        // a closed box is a card: lines passing by go under it (those to it end at its border), not through its text
        'z-index': 16,
      },
    },
    // An open box's own label is its card, drawn only when zoomed out far enough that its contents are hidden; its title is a node of its own.
    { selector: 'node.holder', style: { label: '' } },
    {
      selector: 'node.holder.carded',
      style: {
        label: 'data(label)',
        'font-size': 'data(cardFs)',
        'text-valign': 'center',
        'text-margin-y': 0,
        'line-height': 1.25,
        'border-width': 3,
        // above the lines that cross it: what it holds is hidden, so they lead nowhere inside it
        'z-index': 19,
      },
    },
    // a card too small to read whole says at least what it is, in its first line's larger type
    { selector: 'node.holder.carded.card-title', style: { label: 'data(cardTitle)', 'font-size': 'data(cardTitleFs)' } },
    {
      selector: 'node.title',
      style: {
        shape: 'rectangle',
        width: 1,
        height: 1,
        'background-opacity': 0,
        'border-width': 0,
        'text-valign': 'center',
        'text-halign': 'center',
        'font-weight': 'bold',
        'text-wrap': 'ellipsis',
        'text-max-width': 'data(tw)',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.9,
        'text-background-padding': '2px',
        'text-background-shape': 'roundrectangle',
        events: 'no',
        'z-index': 19,
      },
    },
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'line-color': '#a8b3c4',
        'curve-style': large ? 'haystack' : 'bezier',
        'target-arrow-shape': large ? 'none' : 'triangle',
        'target-arrow-color': '#a8b3c4',
        'arrow-scale': 0.8,
        opacity: 0.8,
        'z-index-compare': 'manual',
        'z-index': 15,
      },
    },
    { selector: 'edge.to-box', style: { 'curve-style': 'straight' } },
    // On a large map every subnet's routes would be a hairball: only those of the node hovered or selected are drawn.
    { selector: 'edge.l-route', style: { opacity: 0.3, width: 1 } },
    { selector: 'edge.l-internet', style: { opacity: 0.5, 'line-color': '#7b3fe4', 'target-arrow-color': '#7b3fe4' } },
    { selector: 'edge.focus', style: { opacity: 1, width: 2.5, 'line-color': '#334155', 'target-arrow-color': '#334155', 'z-index': 17 } },
    { selector: 'edge.l-lb-node, edge.l-lb-target', style: { 'line-color': '#8c4fd6', 'target-arrow-color': '#8c4fd6', width: 1.5, 'line-style': 'dashed', opacity: 0.6 } },
    { selector: 'edge.l-peering', style: { 'line-color': '#0f8a7e', 'target-arrow-color': '#0f8a7e', width: 2.5 } },
    { selector: 'edge.l-attachment, edge.l-tgw-attachment', style: { 'line-color': '#c7417b', 'target-arrow-color': '#c7417b', width: 2 } },
    { selector: 'node.dim', style: { opacity: 0.25 } },
    { selector: 'edge.dim', style: { opacity: 0.08 } },
    { selector: 'node.exposed', style: { 'background-color': '#e8590c', 'border-width': 4, 'border-color': '#ffd8a8' } },
    { selector: 'node.container.exposed', style: { 'background-color': '#fff4e6', 'border-color': '#e8590c' } },
    { selector: 'node.on-path', style: { 'border-width': 4, 'border-color': '#2563eb' } },
    { selector: 'node.container.on-path', style: { 'border-width': 3, 'border-color': '#2563eb' } },
    { selector: 'node.endpoint', style: { 'border-width': 5, 'border-color': '#111827' } },
    // An unhealthy target the trace passes or ends at keeps its orange double border; the path's (or the endpoint's) colour rings it outside.
    { selector: 'node.unhealthy.on-path, node.unhealthy.endpoint', style: { 'border-width': 4, 'border-style': 'double', 'border-color': '#e8590c', 'outline-width': 4, 'outline-offset': 1, 'outline-opacity': 1 } },
    { selector: 'node.unhealthy.on-path', style: { 'outline-color': '#2563eb' } },
    { selector: 'node.unhealthy.endpoint', style: { 'outline-color': '#111827' } },
    { selector: 'node.drop', style: { 'border-width': 6, 'border-color': '#e03131', 'background-color': '#e03131' } },
    { selector: 'node.container.drop', style: { 'background-color': '#fff5f5' } },
    // A component a tried fix changed: a teal halo behind it, which the path's and the drop's borders do not hide.
    { selector: 'node.edited', style: { 'underlay-color': '#0ca678', 'underlay-opacity': 0.55, 'underlay-padding': 9, 'underlay-shape': 'round-rectangle' } },
    { selector: 'node.container.edited', style: { 'underlay-opacity': 0.3, 'underlay-padding': 5 } },
    // Where the flow was dropped before the edits, and no longer is: green where it was red.
    { selector: 'node.repaired', style: { 'border-width': 6, 'border-color': '#2f9e44' } },
    // A problem picked in the Problems tab: a red halo, which the node's own colours do not hide.
    { selector: 'node.problem', style: { 'underlay-color': '#e03131', 'underlay-opacity': 0.45, 'underlay-padding': 10, 'underlay-shape': 'round-rectangle' } },
    { selector: 'node.container.problem', style: { 'underlay-opacity': 0.25, 'underlay-padding': 6, 'border-color': '#e03131', 'border-width': 3 } },
    // Compare with…: added (green), removed (red, dashed), modified (amber) since the other snapshot
    { selector: 'node.diff-modified', style: { 'underlay-color': '#f59f00', 'underlay-opacity': 0.55, 'underlay-padding': 9, 'underlay-shape': 'round-rectangle' } },
    { selector: 'node.diff-added', style: { 'underlay-color': '#2f9e44', 'underlay-opacity': 0.55, 'underlay-padding': 9, 'underlay-shape': 'round-rectangle' } },
    { selector: 'node.diff-removed', style: { 'underlay-color': '#e03131', 'underlay-opacity': 0.5, 'underlay-padding': 9, 'underlay-shape': 'round-rectangle', 'border-style': 'dashed', 'border-width': 3, 'border-color': '#e03131' } },
    { selector: 'node.container.diff-modified, node.container.diff-added, node.container.diff-removed', style: { 'underlay-opacity': 0.3, 'underlay-padding': 5 } },
    { selector: 'node.hop-hover', style: { 'border-width': 7, 'border-color': '#f59f00' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#0b7285' } },
    {
      selector: 'edge.path',
      style: {
        width: 4,
        'curve-style': 'bezier',
        'control-point-step-size': 40,
        'target-arrow-shape': 'triangle',
        'arrow-scale': 1.2,
        opacity: 1,
        'z-index': 18,
      },
    },
    { selector: 'edge.path.forward', style: { 'line-color': '#2563eb', 'target-arrow-color': '#2563eb', color: '#1d4ed8' } },
    {
      selector: 'edge.path.return',
      style: { 'line-color': '#9333ea', 'target-arrow-color': '#9333ea', color: '#7e22ce', 'line-style': large ? 'solid' : 'dashed', width: 3 },
    },
    { selector: 'edge.path.blocked', style: { 'line-color': '#e03131', 'target-arrow-color': '#e03131', 'target-arrow-shape': 'tee' } },
    { selector: 'edge.hop-hover', style: { width: 7 } },
    // Observed traffic (flow logs): as wide as its weight, red where rejected, dashed where the records disagree with the configuration.
    {
      selector: 'edge.traffic',
      style: {
        width: 'data(width)', 'line-color': '#1c7ed6', 'target-arrow-color': '#1c7ed6', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', opacity: 0.7, 'z-index': 16,
        label: 'data(label)', 'font-size': 10, color: '#1e3a5f', 'text-rotation': 'autorotate', 'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': '1px',
      },
    },
    { selector: 'edge.traffic.rejected', style: { 'line-color': '#e03131', 'target-arrow-color': '#e03131', color: '#a61e1e' } },
    { selector: 'edge.traffic.disagrees', style: { 'line-style': 'dashed' } },
    { selector: 'edge.traffic-selected', style: { opacity: 1, 'z-index': 19, 'underlay-color': '#0b7285', 'underlay-opacity': 0.35, 'underlay-padding': 5 } },
    // Level of detail (detail-levels.ts), last so that nothing above overrides it.
    { selector: 'node.lbl-off', style: { label: '' } },
    { selector: 'node.lod-hidden', style: { display: 'none' } },
  ] as StylesheetJson;
}
