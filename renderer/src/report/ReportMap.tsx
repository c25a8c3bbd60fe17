// The report's map: drawn by Cytoscape with the main screen's style, off
// screen, then exported once as an image (cy.png, full graph, scale capped so
// that a large network shrinks to fit instead of being cut off). The report
// holds a plain <img>, which the CLI's screenshot and the UI's export both
// capture the same way. The drop callout is laid over the image as on screen,
// where it covers the fewest nodes and names (the main screen's placement).
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import cytoscape, { type Core } from 'cytoscape';
import { mapStyle } from '../map/style.js';
import { placeCallout, type Rect } from '../map/callout-place.js';
import type { ReportMapModel } from './map-view.js';

/** the map's width on the page (CSS px): the report is 1200 px wide */
export const MAP_WIDTH = 1136;
const MAP_MAX_HEIGHT = 1500;
/** device pixels per CSS pixel of the exported report */
export const EXPORT_SCALE = 2;

export interface DrawnMap {
  src: string;
  /** CSS size on the page */
  width: number;
  height: number;
  /** the drop point's box, and every other node's and name's, in CSS px on the image: where the callout should not go */
  dropBox: Rect | null;
  covered: Rect[];
}

/** a node's box (with its name, or without) in CSS px on the exported image */
function onImage(box: { x1: number; y1: number; x2: number; y2: number }, origin: { x1: number; y1: number }, perUnit: number): Rect {
  return { x1: (box.x1 - origin.x1) * perUnit, y1: (box.y1 - origin.y1) * perUnit, x2: (box.x2 - origin.x1) * perUnit, y2: (box.y2 - origin.y1) * perUnit };
}

function sameImageTwice(cy: Core, scale: number): Promise<string> {
  // Icons load asynchronously inside Cytoscape: export until two exports a frame apart agree.
  return new Promise((resolve) => {
    let previous = '';
    let tries = 0;
    const step = () => {
      const now = cy.png({ output: 'base64uri', full: true, bg: '#ffffff', scale, maxWidth: MAP_WIDTH * EXPORT_SCALE });
      if ((now === previous && tries >= 3) || tries > 40) return resolve(now);
      previous = now;
      tries++;
      setTimeout(() => requestAnimationFrame(step), 60);
    };
    requestAnimationFrame(step);
  });
}

export async function drawMap(scratch: HTMLElement, model: ReportMapModel): Promise<DrawnMap> {
  // A container of its own per drawing: React's development mode mounts twice, and two maps must not share one.
  const container = document.createElement('div');
  container.className = 'report-map-canvas';
  scratch.appendChild(container);
  const cy = cytoscape({
    container,
    style: mapStyle(false),
    layout: { name: 'preset' },
    autoungrabify: true,
    motionBlur: false,
    pixelRatio: 1,
  } as cytoscape.CytoscapeOptions);
  try {
    cy.add(model.elements);
    cy.add(model.overlay.edges);
    for (const [id, classes] of model.overlay.nodeClasses) cy.getElementById(id).addClass(classes.join(' '));
    for (const [id, classes] of model.overlay.edgeClasses) cy.getElementById(id).addClass(classes.join(' '));
    const bb = cy.elements().boundingBox();
    const w = Math.ceil(bb.w);
    const h = Math.ceil(bb.h);
    const scale = Math.min(EXPORT_SCALE, (MAP_WIDTH * EXPORT_SCALE) / w, (MAP_MAX_HEIGHT * EXPORT_SCALE) / h);
    const src = await sameImageTwice(cy, scale);
    let dropBox: Rect | null = null;
    const covered: Rect[] = [];
    const drop = model.drop ? cy.getElementById(model.drop) : null;
    if (drop && drop.nonempty()) {
      const box = drop.boundingBox({ includeLabels: false });
      const perUnit = scale / EXPORT_SCALE;
      dropBox = onImage(box, bb, perUnit);
      cy.nodes('.leaf, .title').forEach((node) => {
        if (node.id() !== model.drop) covered.push(onImage(node.boundingBox({ includeLabels: true, includeOverlays: false }), bb, perUnit));
      });
    }
    return { src, width: Math.round((w * scale) / EXPORT_SCALE), height: Math.round((h * scale) / EXPORT_SCALE), dropBox, covered };
  } finally {
    cy.destroy();
    container.remove();
  }
}

export function ReportMap({ model, callout, onDrawn }: { model: ReportMapModel; callout: { code: string; title: string } | null; onDrawn(): void }) {
  const scratch = useRef<HTMLDivElement>(null);
  const [drawn, setDrawn] = useState<DrawnMap | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const done = useRef(onDrawn);
  done.current = onDrawn;
  const calloutBox = useRef<HTMLDivElement>(null);
  const [placed, setPlaced] = useState<{ x: number; y: number } | null>(null);

  useEffect(() => {
    let live = true;
    drawMap(scratch.current!, model).then(
      (map) => live && setDrawn(map),
      (error: unknown) => live && setFailed(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, [model]);

  // the callout's size is known once it is laid out: placed then, before the page says it is ready
  useLayoutEffect(() => {
    const box = calloutBox.current;
    if (!drawn || !drawn.dropBox || !box) return;
    setPlaced(placeCallout(drawn.dropBox, { w: box.offsetWidth, h: box.offsetHeight }, { w: drawn.width, h: drawn.height }, drawn.covered));
  }, [drawn]);

  const waiting = Boolean(callout && drawn?.dropBox && !placed);
  useEffect(() => {
    if ((drawn && !waiting) || failed) done.current();
  }, [drawn, failed, waiting]);

  if (failed) return <p className="error-text">The map could not be drawn: {failed}</p>;
  if (!drawn) return <div className="report-map-scratch" ref={scratch} />;
  return (
    <div className="report-map" style={{ width: drawn.width, height: drawn.height }} data-testid="report-map">
      <img src={drawn.src} width={drawn.width} height={drawn.height} alt="network map" />
      {callout && drawn.dropBox && (
        <div ref={calloutBox} className={`map-callout report-callout${placed ? ' placed' : ''}`} style={placed ? { left: placed.x, top: placed.y } : { left: 0, top: 0, visibility: 'hidden' }} data-testid="report-callout">
          <span className="code">{callout.code}</span>
          <span>{callout.title}</span>
        </div>
      )}
    </div>
  );
}
