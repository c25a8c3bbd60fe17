// Window bounds are remembered across runs, but a saved position may lie on a
// monitor that is gone: then the window opens centred rather than off screen.

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized?: boolean;
}

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_BOUNDS: WindowBounds = { width: 1280, height: 820 };
const MIN_WIDTH = 720;
const MIN_HEIGHT = 480;
/** how much of the window's top edge must be on a display so that the user can grab it */
const GRAB_WIDTH = 120;
const GRAB_HEIGHT = 40;

function overlap(a: Area, b: Area): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

function grabbable(titleBar: Area, workAreas: readonly Area[]): boolean {
  return workAreas.some((area) => {
    const { width, height } = overlap(titleBar, area);
    return width >= Math.min(GRAB_WIDTH, titleBar.width) && height >= Math.min(GRAB_HEIGHT, titleBar.height);
  });
}

/** The bounds to open the window with, from the saved ones and the displays' work areas now. */
export function restoreBounds(saved: WindowBounds | undefined, workAreas: readonly Area[]): WindowBounds {
  if (!saved) return { ...DEFAULT_BOUNDS };
  const largest = workAreas.reduce((max, a) => ({ width: Math.max(max.width, a.width), height: Math.max(max.height, a.height) }), { width: 0, height: 0 });
  const fit = (value: number, min: number, max: number): number => Math.round(Math.max(min, max > 0 ? Math.min(value, max) : value));
  const width = fit(saved.width, MIN_WIDTH, largest.width);
  const height = fit(saved.height, MIN_HEIGHT, largest.height);
  const maximized = saved.maximized === true ? { maximized: true } : {};
  if (saved.x === undefined || saved.y === undefined) return { width, height, ...maximized };
  const titleBar = { x: saved.x, y: saved.y, width, height: GRAB_HEIGHT };
  if (!grabbable(titleBar, workAreas)) return { width, height, ...maximized };
  return { x: Math.round(saved.x), y: Math.round(saved.y), width, height, ...maximized };
}
