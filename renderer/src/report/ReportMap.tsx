// The report's map: drawn by Cytoscape with the main screen's style, off
// screen, then exported once as an image (cy.png, full graph, scale capped so
// that a large network shrinks to fit instead of being cut off). The report
// holds a plain <img>, which the CLI's screenshot and the UI's export both
// capture the same way. The drop callout is laid over the image as on screen.
import { useEffect, useRef, useState } from 'react';
import cytoscape, { type Core } from 'cytoscape';
import { mapStyle } from '../map/style.js';
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
  /** where the drop point sits, as fractions of the image */
  dropAt: { x: number; y: number } | null;
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
    let dropAt: DrawnMap['dropAt'] = null;
    const drop = model.drop ? cy.getElementById(model.drop) : null;
    if (drop && drop.nonempty()) {
      const box = drop.boundingBox({ includeLabels: false });
      dropAt = { x: (box.x2 - bb.x1) / w, y: (box.y1 - bb.y1) / h };
    }
    return { src, width: Math.round((w * scale) / EXPORT_SCALE), height: Math.round((h * scale) / EXPORT_SCALE), dropAt };
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

  useEffect(() => {
    if (drawn || failed) done.current();
  }, [drawn, failed]);

  if (failed) return <p className="error-text">The map could not be drawn: {failed}</p>;
  if (!drawn) return <div className="report-map-scratch" ref={scratch} />;
  return (
    <div className="report-map" style={{ width: drawn.width, height: drawn.height }} data-testid="report-map">
      <img src={drawn.src} width={drawn.width} height={drawn.height} alt="network map" />
      {callout && drawn.dropAt && (
        <div className="map-callout report-callout" style={{ left: `${drawn.dropAt.x * 100}%`, top: `${drawn.dropAt.y * 100}%` }} data-testid="report-callout">
          <span className="code">{callout.code}</span>
          <span>{callout.title}</span>
        </div>
      )}
    </div>
  );
}
