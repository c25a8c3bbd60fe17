// Wheel zoom at a steady speed: one notch of a mouse wheel is one step, as in
// maps and drawing tools, whatever the device reports a notch as.

/** one wheel notch zooms by this factor */
export const WHEEL_NOTCH_ZOOM = 1.2;

/** the notches one wheel event stands for: Chromium reports a notch as 100 px (deltaMode 0), or 3 lines (deltaMode 1); a flick counts at most 3 */
export function wheelNotches(deltaY: number, deltaMode: number): number {
  const notches = deltaMode === 1 ? deltaY / 3 : deltaMode === 2 ? deltaY : deltaY / 100;
  return Math.max(-3, Math.min(3, notches));
}
