// Draws the app icon, assets/icons/app.png (1024x1024): a small network whose
// path ends at a red drop marker. Run `node assets/icons/app-icon.mjs` after a
// change; electron-builder derives the .icns and .ico from the PNG.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const SIZE = 1024;
const SAMPLES = 3; // per axis: 9 samples a pixel smooth the edges

const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
const TOP = hex('#1f4e79');
const BOTTOM = hex('#0b1d33');
const EDGE = hex('#8ecae6');
const NODE = hex('#f1faee');
const RING = hex('#219ebc');
const DROP = hex('#e63946');
const WHITE = hex('#ffffff');

const nodes = { a: [0.25, 0.72], b: [0.43, 0.42], c: [0.7, 0.64], d: [0.74, 0.28] };
const edges = [
  ['a', 'b', EDGE],
  ['b', 'c', EDGE],
  ['b', 'd', DROP],
];

function segmentDistance([px, py], [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function insideRoundedSquare(x, y, margin, radius) {
  const cx = Math.min(Math.max(x, margin + radius), 1 - margin - radius);
  const cy = Math.min(Math.max(y, margin + radius), 1 - margin - radius);
  return Math.hypot(x - cx, y - cy) <= radius;
}

/** the colour at a point of the unit square, or null outside the icon */
function colourAt(x, y) {
  if (!insideRoundedSquare(x, y, 0.04, 0.19)) return null;
  let colour = TOP.map((t, i) => t + (BOTTOM[i] - t) * y);
  for (const [from, to, c] of edges) if (segmentDistance([x, y], nodes[from], nodes[to]) < 0.028) colour = c;
  for (const [name, [nx, ny]] of Object.entries(nodes)) {
    const r = Math.hypot(x - nx, y - ny);
    if (name === 'd') {
      if (r < 0.1) colour = DROP;
      const u = (x - nx) / 0.1;
      const v = (y - ny) / 0.1;
      if (r < 0.1 && (Math.abs(u - v) < 0.2 || Math.abs(u + v) < 0.2) && Math.abs(u) < 0.5 && Math.abs(v) < 0.5) colour = WHITE;
    } else if (r < 0.085) {
      colour = r < 0.06 ? NODE : RING;
    }
  }
  return colour;
}

const png = new PNG({ width: SIZE, height: SIZE });
for (let py = 0; py < SIZE; py += 1) {
  for (let px = 0; px < SIZE; px += 1) {
    const sum = [0, 0, 0, 0];
    for (let sy = 0; sy < SAMPLES; sy += 1) {
      for (let sx = 0; sx < SAMPLES; sx += 1) {
        const c = colourAt((px + (sx + 0.5) / SAMPLES) / SIZE, (py + (sy + 0.5) / SAMPLES) / SIZE);
        if (!c) continue;
        sum[0] += c[0];
        sum[1] += c[1];
        sum[2] += c[2];
        sum[3] += 1;
      }
    }
    const at = (py * SIZE + px) * 4;
    const n = sum[3];
    png.data[at] = n ? Math.round(sum[0] / n) : 0;
    png.data[at + 1] = n ? Math.round(sum[1] / n) : 0;
    png.data[at + 2] = n ? Math.round(sum[2] / n) : 0;
    png.data[at + 3] = Math.round((255 * n) / (SAMPLES * SAMPLES));
  }
}
writeFileSync(fileURLToPath(new URL('./app.png', import.meta.url)), PNG.sync.write(png));
