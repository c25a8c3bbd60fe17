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
