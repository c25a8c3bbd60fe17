// The Cytoscape map: our elements with preset positions, the overlay of the
// current question (path edges, marked nodes) and the drop callout.
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { mapStyle } from './style.js';
import type { RendererChoice } from './renderer-choice.js';
import { edgeTip, nodeTip, type Tip } from './tooltip.js';
import { WHEEL_NOTCH_ZOOM, wheelNotches } from './wheel.js';
import { DetailController } from './detail-controller.js';
import { placeCallout, TOUCH_PX, type Rect } from './callout-place.js';

export interface MapOverlay {
  /** extra edges drawn over the map (the question's path) */
  edges: ElementDefinition[];
  /** node id -> classes to add (on-path, drop, exposed, dim, endpoint, hop-hover) */
  nodeClasses: Map<string, string[]>;
  /** edge ids (of `edges`) -> classes to add */
  edgeClasses: Map<string, string[]>;
}

export interface DropCallout {
  nodeId: string;
  code: string;
  title: string;
}

/** a part of the map to show whole: `key` changes for each new request */
export interface FrameRequest {
  key: string;
  /** visible node ids */
  ids: string[];
}

/** a box the user opened or closed: it keeps its place on screen while the map is laid out again */
export interface PinRequest {
  key: string;
  id: string;
}

export interface MapHandle {
  fit(ids?: string[]): void;
  zoomBy(factor: number): void;
  focus(id: string): void;
}

interface Props {
  elements: ElementDefinition[];
  /** changes when a new snapshot or view should be fitted to the screen */
  fitKey: string;
  large: boolean;
  renderer: RendererChoice;
  overlay: MapOverlay;
  callout: DropCallout | null;
  frame?: FrameRequest | null;
  pin?: PinRequest | null;
  /** `additive`: shift, ctrl or cmd held (a second node selected alongside the first) */
  onTap(id: string | null, additive?: boolean): void;
  onDoubleTap(id: string): void;
  onHover(id: string | null): void;
  /** an edge clicked (the traffic overlay's edges are selectable) */
  onEdgeTap?(id: string): void;
}

declare global {
  interface Window {
    /** for the end-to-end tests and the UI benchmark */
    __reachmap?: { cy: Core; renderer: RendererChoice['name']; rendererReason: string };
  }
}

interface Bounds {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** what the bounds of the map are made of: a node's centre, its box (containers) and what it is */
interface Placed {
  x: number;
  y: number;
  w?: number;
  h?: number;
  holder: boolean;
  title: boolean;
}

/** Bounds from positions and box sizes alone: Cytoscape's own fit measures every label first, seconds on a large map. */
function boundsOfPlaced(items: Iterable<Placed>): Bounds | null {
  let bounds: Bounds | null = null;
  for (const item of items) {
    // a box's title sits in the band above the box, counted with it
    if (item.title) continue;
    const w = item.w ?? 40;
    const h = item.h ?? 40;
    // Leaves carry two label lines below; containers their title above.
    const below = item.w === undefined ? 34 : 0;
    const above = item.w === undefined ? 0 : item.holder ? 60 : 24;
    const box = { x1: item.x - w / 2 - 10, y1: item.y - h / 2 - above, x2: item.x + w / 2 + 10, y2: item.y + h / 2 + below };
    bounds = bounds
      ? { x1: Math.min(bounds.x1, box.x1), y1: Math.min(bounds.y1, box.y1), x2: Math.max(bounds.x2, box.x2), y2: Math.max(bounds.y2, box.y2) }
      : box;
  }
  return bounds;
}

function boundsOf(nodes: cytoscape.NodeCollection): Bounds | null {
  const w = (v: unknown) => (v === undefined ? undefined : Number(v));
  return boundsOfPlaced(nodes.map((node) => ({ ...node.position(), w: w(node.data('w')), h: w(node.data('h')), holder: node.hasClass('holder'), title: node.hasClass('title') })));
}

function boundsOfDefinitions(elements: ElementDefinition[]): Bounds | null {
  const placed: Placed[] = [];
  for (const e of elements) {
    if (e.group !== 'nodes' || !e.position) continue;
    const classes = ` ${String(e.classes ?? '')} `;
    const data = e.data as Record<string, unknown>;
    placed.push({ ...e.position, w: data.w === undefined ? undefined : Number(data.w), h: data.h === undefined ? undefined : Number(data.h), holder: classes.includes(' holder '), title: classes.includes(' title ') });
  }
  return boundsOfPlaced(placed);
}

/** the viewport that fits `bounds` in the map above the legend, which lies over its bottom edge */
function fittedViewport(cy: Core, bounds: Bounds, padding: number, maxZoom = cy.maxZoom()): { zoom: number; pan: { x: number; y: number } } {
  const w = cy.width();
  const h = cy.height() - LEGEND_H;
  const zoom = Math.min(maxZoom, Math.max(cy.minZoom(), Math.min((w - 2 * padding) / (bounds.x2 - bounds.x1), (h - 2 * padding) / (bounds.y2 - bounds.y1))));
  return { zoom, pan: { x: (w - zoom * (bounds.x1 + bounds.x2)) / 2, y: (h - zoom * (bounds.y1 + bounds.y2)) / 2 } };
}

function fitTo(cy: Core, bounds: Bounds | null, padding: number, maxZoom = cy.maxZoom()): void {
  if (bounds) cy.viewport(fittedViewport(cy, bounds, padding, maxZoom));
}

/** the top-left corner of a node's box on screen */
function cornerOnScreen(cy: Core, id: string): { x: number; y: number } | null {
  const node = cy.getElementById(id);
  if (node.empty()) return null;
  const { x, y } = node.renderedPosition();
  const zoom = cy.zoom();
  return { x: x - (Number(node.data('w') ?? 40) * zoom) / 2, y: y - (Number(node.data('h') ?? 40) * zoom) / 2 };
}

/** the labels (and icons) drawn inside the viewport, as rendered boxes: what a callout must not cover */
function labelsOnScreen(cy: Core): Rect[] {
  const extent = cy.extent();
  const rects: Rect[] = [];
  cy.nodes(':visible').forEach((node) => {
    if (node.hasClass('lbl-off') || !node.style('label')) return;
    const { x, y } = node.position();
    const w = Number(node.data('w') ?? 200);
    const h = Number(node.data('h') ?? 120);
    if (x + w / 2 < extent.x1 || x - w / 2 > extent.x2 || y + h / 2 < extent.y1 || y - h / 2 > extent.y2) return;
    const box = node.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false });
    if (Number.isFinite(box.x1) && box.w > 0) rects.push({ x1: box.x1, y1: box.y1, x2: box.x2, y2: box.y2 });
    if (node.hasClass('leaf')) {
      // an icon is covered from its first pixel: grown by the slack placeCallout allows a label's padding
      const body = node.renderedBoundingBox({ includeLabels: false, includeOverlays: false });
      rects.push({ x1: body.x1 - TOUCH_PX, y1: body.y1 - TOUCH_PX, x2: body.x2 + TOUCH_PX, y2: body.y2 + TOUCH_PX });
    }
  });
  return rects;
}

const OVERLAY_CLASSES = 'on-path drop exposed dim endpoint hop-hover focus edited repaired problem diff-added diff-removed diff-modified traffic-drop';
/** a trace is framed no closer than this: a short path keeps some context, and its names read (a leaf's from zoom 1) */
const FRAME_MAX_ZOOM = 1.25;
/** the legend's height over the bottom of the map (two rows at most) */
const LEGEND_H = 64;

export const MapView = forwardRef<MapHandle, Props>(function MapView(props, ref) {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const detail = useRef<DetailController | null>(null);
  const framed = useRef<string>('');
  const pinned = useRef<string>('');
  const calloutBox = useRef<HTMLDivElement>(null);
  /** the callout's size its place was chosen for: placed again once it is drawn at another size */
  const calloutSize = useRef<{ w: number; h: number } | null>(null);
  const [calloutDrawn, setCalloutDrawn] = useState(0);
  const handlers = useRef(props);
  handlers.current = props;
  const fitted = useRef<string>('');
  /** the callout's top-left corner and the point of the node it speaks of (its leader line's end) */
  const [calloutAt, setCalloutAt] = useState<{ x: number; y: number; to: { x: number; y: number } } | null>(null);
  const [tip, setTip] = useState<{ x: number; y: number; elementId: string; tip: Tip } | null>(null);

  useEffect(() => {
    const cy = cytoscape({
      container: container.current!,
      style: mapStyle(props.large),
      layout: { name: 'preset' },
      minZoom: 0.02,
      maxZoom: 3,
      autoungrabify: true,
      boxSelectionEnabled: false,
      selectionType: 'single',
      hideEdgesOnViewport: props.large,
      textureOnViewport: props.large && props.renderer.name === 'canvas',
      motionBlur: false,
      pixelRatio: props.large ? 1 : 'auto',
      ...(props.renderer.name === 'webgl' ? { renderer: { name: 'canvas', webgl: true } } : {}),
    } as cytoscape.CytoscapeOptions);
    cyRef.current = cy;
    detail.current = new DetailController(cy);
    cy.on('zoom', () => detail.current?.update());
    cy.on('select unselect', 'node', () => detail.current?.showNodes());
    window.__reachmap = { cy, renderer: props.renderer.name, rendererReason: props.renderer.reason };
    container.current!.dataset.renderer = props.renderer.name;
    cy.on('tap', 'node', (event) => {
      const pointer = event.originalEvent as MouseEvent | undefined;
      handlers.current.onTap(event.target.id(), Boolean(pointer && (pointer.shiftKey || pointer.ctrlKey || pointer.metaKey)));
    });
    cy.on('tap', (event) => {
      if (event.target === cy) handlers.current.onTap(null);
    });
    cy.on('tap', 'edge', (event) => handlers.current.onEdgeTap?.(event.target.id()));
    cy.on('dbltap', 'node', (event) => handlers.current.onDoubleTap(event.target.id()));
    cy.on('mouseover', 'node', (event) => handlers.current.onHover(event.target.id()));
    cy.on('mouseout', 'node', () => handlers.current.onHover(null));
    const nameOf = (node: cytoscape.NodeSingular) => String(node.data('name') ?? String(node.data('label') ?? node.id()).split('\n')[0]);
    cy.on('mouseover', 'node', (event) => {
      const node = event.target as cytoscape.NodeSingular;
      setTip({ ...event.renderedPosition, elementId: node.id(), tip: nodeTip(node.data() as Parameters<typeof nodeTip>[0], node.classes()) });
    });
    cy.on('mouseover', 'edge', (event) => {
      const edge = event.target as cytoscape.EdgeSingular;
      setTip({ ...event.renderedPosition, elementId: edge.id(), tip: edgeTip(edge.data() as { id: string; kind?: string }, edge.classes(), nameOf(edge.source()), nameOf(edge.target())) });
    });
    // only the element's own mouseout hides its tip: the overlay re-adding path edges under the pointer must not
    cy.on('mouseout', 'node, edge', (event) => setTip((shown) => (shown && shown.elementId === (event.target as cytoscape.SingularElementArgument).id() ? null : shown)));
    cy.on('viewport', () => setTip(null));
    // Wheel zoom at a steady speed: caught before Cytoscape's own handler, which scales a notch by guesses about the device.
    const onWheel = (event: WheelEvent) => {
      if (event.deltaY === 0) return;
      event.preventDefault();
      event.stopPropagation();
      const rect = container.current!.getBoundingClientRect();
      const level = cy.zoom() * WHEEL_NOTCH_ZOOM ** -wheelNotches(event.deltaY, event.deltaMode);
      cy.zoom({ level, renderedPosition: { x: event.clientX - rect.left, y: event.clientY - rect.top } });
    };
    const wrap = container.current!.parentElement!;
    wrap.addEventListener('wheel', onWheel, { capture: true, passive: false });
    return () => {
      wrap.removeEventListener('wheel', onWheel, { capture: true });
      cy.destroy();
      cyRef.current = null;
    };
    // The stylesheet and renderer are chosen once per map: the parent remounts us when they change.
  }, []);

  useEffect(() => {
    const cy = cyRef.current!;
    performance.mark('reachmap:elements-start');
    // The box opened or closed keeps its top-left corner where it was on screen: the map grows from it instead of jumping.
    const pin = props.pin && pinned.current !== props.pin.key ? props.pin : null;
    const pinBefore = pin ? cornerOnScreen(cy, pin.id) : null;
    // The view the new elements are shown in, known before they are added: each arrives with its level of detail for it.
    const fit = fitted.current !== props.fitKey ? boundsOfDefinitions(props.elements) : null;
    const view = fit ? fittedViewport(cy, fit, 30) : null;
    const elements = detail.current!.prepare(props.elements, view?.zoom ?? cy.zoom());
    cy.batch(() => {
      cy.elements().remove();
      cy.add(elements);
    });
    if (fitted.current !== props.fitKey) {
      fitted.current = props.fitKey;
      if (view) cy.viewport(view);
    } else if (pin) {
      pinned.current = pin.key;
      const after = cornerOnScreen(cy, pin.id);
      if (pinBefore && after) cy.panBy({ x: pinBefore.x - after.x, y: pinBefore.y - after.y });
    }
    // Cytoscape draws in its own animation frame; the WebGL path emits no 'render' event, so count frames instead.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        performance.mark('reachmap:first-render');
        // The first task the page runs after drawing: from here input is answered.
        setTimeout(() => {
          performance.mark('reachmap:interactive');
          document.body.dataset.mapReady = String(cy.nodes().length);
          document.body.dataset.mapDraws = String(Number(document.body.dataset.mapDraws ?? '0') + 1);
        }, 0);
      }),
    );
  }, [props.elements, props.fitKey]);

  useEffect(() => {
    const cy = cyRef.current!;
    cy.batch(() => {
      cy.remove('edge.path, edge.on-demand, edge.traffic');
      // Only what carries an overlay class: restyling every element costs seconds on a large map.
      cy.elements(OVERLAY_CLASSES.split(' ').map((c) => `.${c}`).join(', ')).removeClass(OVERLAY_CLASSES);
      cy.add(props.overlay.edges);
      for (const [id, classes] of props.overlay.nodeClasses) cy.getElementById(id).addClass(classes.join(' '));
      for (const [id, classes] of props.overlay.edgeClasses) cy.getElementById(id).addClass(classes.join(' '));
    });
    detail.current!.showNodes();
  }, [props.overlay, props.elements]);

  // A trace, an exposure list: framed whole, after the elements and the overlay are in.
  useEffect(() => {
    const cy = cyRef.current!;
    const frame = props.frame;
    if (!frame || framed.current === frame.key) return;
    let target = cy.collection();
    for (const id of frame.ids) target = target.union(cy.getElementById(id));
    if (target.empty()) return;
    framed.current = frame.key;
    fitTo(cy, boundsOf(target.nodes()), 60, FRAME_MAX_ZOOM);
  }, [props.frame, props.elements, props.overlay]);

  useEffect(() => {
    const cy = cyRef.current!;
    const nodeId = props.callout?.nodeId;
    if (!nodeId) {
      setCalloutAt(null);
      return;
    }
    let queued = 0;
    const place = () => {
      queued = 0;
      const node = cy.getElementById(nodeId);
      if (node.empty() || !node.visible()) return setCalloutAt(null);
      const box = node.renderedBoundingBox({ includeLabels: false });
      const size = { w: calloutBox.current?.offsetWidth ?? 280, h: calloutBox.current?.offsetHeight ?? 52 };
      calloutSize.current = size;
      // the legend lies over the map's bottom edge
      const spot = placeCallout({ x1: box.x1, y1: box.y1, x2: box.x2, y2: box.y2 }, size, { w: cy.width(), h: cy.height() - LEGEND_H }, labelsOnScreen(cy));
      setCalloutAt({ ...spot, to: { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 } });
    };
    // once a frame at most: measuring the labels on screen on every viewport event would slow panning
    const update = () => {
      if (!queued) queued = requestAnimationFrame(place);
    };
    update();
    cy.on('viewport resize', update);
    return () => {
      if (queued) cancelAnimationFrame(queued);
      cy.off('viewport resize', update);
    };
  }, [props.callout, props.elements, calloutDrawn]);

  // The first placing guessed the callout's size: once drawn, place it again if it came out another size.
  useEffect(() => {
    const box = calloutBox.current;
    const used = calloutSize.current;
    if (box && used && (box.offsetWidth !== used.w || box.offsetHeight !== used.h)) setCalloutDrawn((n) => n + 1);
  }, [calloutAt]);

  useImperativeHandle(ref, () => ({
    fit(ids) {
      const cy = cyRef.current!;
      let target = cy.collection();
      for (const id of ids ?? []) target = target.union(cy.getElementById(id));
      // A short path fitted alone would fill the screen with two icons: keep some context around it.
      if (target.nonempty()) fitTo(cy, boundsOf(target.nodes()), 110, 0.9);
      else fitTo(cy, boundsOf(cy.nodes()), 30);
    },
    zoomBy(factor) {
      const cy = cyRef.current!;
      cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    },
    focus(id) {
      const cy = cyRef.current!;
      const node = cy.getElementById(id);
      if (node.empty()) return;
      cy.$(':selected').unselect();
      node.select();
      cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1) }, { duration: props.large ? 0 : 250 });
    },
  }));

  return (
    <div className="map-wrap">
      <div className="map" ref={container} data-testid="map" />
      {props.callout && calloutAt && calloutSize.current && (
        // a leader from the callout to its node: the callout may sit a little away, where it covers no label
        <svg className="callout-leader" width="100%" height="100%" aria-hidden="true">
          <line x1={Math.max(calloutAt.x, Math.min(calloutAt.to.x, calloutAt.x + calloutSize.current.w))} y1={Math.max(calloutAt.y, Math.min(calloutAt.to.y, calloutAt.y + calloutSize.current.h))} x2={calloutAt.to.x} y2={calloutAt.to.y} />
        </svg>
      )}
      {props.callout && calloutAt && (
        <div className="map-callout" ref={calloutBox} style={{ left: calloutAt.x, top: calloutAt.y }} data-testid="map-callout">
          <span className="code">{props.callout.code}</span>
          <span>{props.callout.title}</span>
        </div>
      )}
      {tip && (
        <div className="map-tooltip" role="tooltip" style={{ left: Math.max(4, Math.min(tip.x + 14, (cyRef.current?.width() ?? 1e9) - 300)), top: tip.y + 14 }} data-testid="map-tooltip">
          <strong className="tip-title">{tip.tip.title}</strong>
          {tip.tip.id && <span className="mono tip-id">{tip.tip.id}</span>}
          {tip.tip.kind !== tip.tip.title && <span className="tip-kind">{tip.tip.kind}</span>}
          {tip.tip.facts.map((fact) => <span key={fact} className="tip-fact">{fact}</span>)}
        </div>
      )}
    </div>
  );
});
