// Reading a report PNG back: its size, whether anything is drawn on it, and
// how many pixels carry the map's drop-marker red.
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';

/** the drop point's colour in the map's style (renderer/src/map/style.ts, `node.drop`: #e03131) */
export const DROP_RED = { r: 0xe0, g: 0x31, b: 0x31 };

export interface PngFacts {
  width: number;
  height: number;
  /** variance of the grey level over all pixels: 0 for a blank picture */
  greyVariance: number;
  /** pixels within a few levels of the drop red */
  dropRedPixels: number;
}

export function pngFacts(bytes: Buffer, tolerance = 16): PngFacts {
  const png = PNG.sync.read(bytes);
  let sum = 0;
  let sumSq = 0;
  let red = 0;
  const n = png.width * png.height;
  for (let i = 0; i < png.data.length; i += 4) {
    const r = png.data[i]!;
    const g = png.data[i + 1]!;
    const b = png.data[i + 2]!;
    const grey = 0.299 * r + 0.587 * g + 0.114 * b;
    sum += grey;
    sumSq += grey * grey;
    if (Math.abs(r - DROP_RED.r) <= tolerance && Math.abs(g - DROP_RED.g) <= tolerance && Math.abs(b - DROP_RED.b) <= tolerance) red++;
  }
  const mean = sum / n;
  return { width: png.width, height: png.height, greyVariance: sumSq / n - mean * mean, dropRedPixels: red };
}

export function pngFactsOfFile(file: string): PngFacts {
  return pngFacts(readFileSync(file));
}

/** pixel-for-pixel equality of two PNGs (their bytes may differ in compression only) */
export function samePixels(a: Buffer, b: Buffer): boolean {
  const pa = PNG.sync.read(a);
  const pb = PNG.sync.read(b);
  return pa.width === pb.width && pa.height === pb.height && pa.data.equals(pb.data);
}

/** a colour of the map's style, as drawn */
export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** the mark of a load balancer's target that is not healthy (renderer/src/map/style.ts, `node.unhealthy`: #e8590c) */
export const UNHEALTHY_ORANGE: Rgb = { r: 0xe8, g: 0x59, b: 0x0c };
/** the forward path (renderer/src/map/style.ts, `node.on-path` and `edge.path.forward`: #2563eb) */
export const PATH_BLUE: Rgb = { r: 0x25, g: 0x63, b: 0xeb };

function near(data: Buffer, i: number, colour: Rgb, tolerance: number): boolean {
  return Math.abs(data[i]! - colour.r) <= tolerance && Math.abs(data[i + 1]! - colour.g) <= tolerance && Math.abs(data[i + 2]! - colour.b) <= tolerance;
}

/**
 * The places where a colour is drawn: its pixels grouped greedily, each
 * joining the first group whose first pixel lies within `radius` px on both
 * axes (a node's border is one group), with the group's first pixel and size.
 */
export function colourSpots(bytes: Buffer, colour: Rgb, radius = 60, tolerance = 24): { x: number; y: number; pixels: number }[] {
  const png = PNG.sync.read(bytes);
  const spots: { x: number; y: number; pixels: number }[] = [];
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      if (!near(png.data, (y * png.width + x) * 4, colour, tolerance)) continue;
      const spot = spots.find((s) => Math.abs(s.x - x) <= radius && Math.abs(s.y - y) <= radius);
      if (spot) spot.pixels++;
      else spots.push({ x, y, pixels: 1 });
    }
  }
  return spots;
}

/** How many pixels of a colour lie within `radius` px of (x, y). */
export function colourAround(bytes: Buffer, colour: Rgb, x: number, y: number, radius: number, tolerance = 24): number {
  const png = PNG.sync.read(bytes);
  let count = 0;
  for (let yy = Math.max(0, y - radius); yy <= Math.min(png.height - 1, y + radius); yy++) {
    for (let xx = Math.max(0, x - radius); xx <= Math.min(png.width - 1, x + radius); xx++) if (near(png.data, (yy * png.width + xx) * 4, colour, tolerance)) count++;
  }
  return count;
}

/** the square before a load balancer's target in the report's target section (renderer/src/report/report.css, `.lbt-mark.blocked`: #b45309): the network blocks its health check */
export const CHECK_BLOCKED_MARK: Rgb = { r: 0xb4, g: 0x53, b: 0x09 };
/** the same square when the network lets the health check through (`.lbt-mark.passes`: #4d7c0f) */
export const CHECK_PASSES_MARK: Rgb = { r: 0x4d, g: 0x7c, b: 0x0f };

/**
 * The filled squares of one colour, at least `minPixels` of it together within `radius` px (glyphs of that colour are far smaller):
 * by default the target section's marks, 12 CSS px a side, 24 px in the 2x picture; a map node (40 CSS px) needs a larger radius.
 */
export function squares(bytes: Buffer, colour: Rgb, minPixels = 300, radius = 20): { x: number; y: number; pixels: number }[] {
  return colourSpots(bytes, colour, radius, 10).filter((spot) => spot.pixels >= minPixels);
}

/** node fills of the map's kinds (renderer/src/map/icons.ts): a VPN gateway (and a VPN connection, unless marked otherwise) and the on-premises network */
export const VPN_GATEWAY_FILL: Rgb = { r: 0x8a, g: 0x5a, b: 0x00 };
export const ON_PREMISES_FILL: Rgb = { r: 0x6b, g: 0x5b, b: 0x3e };
/** a VPC endpoint's fill (#3d6fd1): two levels of red from a subnet's border (#3b6fd1), so it is looked for exactly */
export const VPC_ENDPOINT_FILL: Rgb = { r: 0x3d, g: 0x6f, b: 0xd1 };
