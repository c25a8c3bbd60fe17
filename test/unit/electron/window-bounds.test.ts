import { describe, expect, it } from 'vitest';
import { DEFAULT_BOUNDS, restoreBounds } from '../../../electron/window-bounds.js';

const laptop = { x: 0, y: 0, width: 1920, height: 1050 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('restoreBounds', () => {
  it('opens with the defaults the first time', () => {
    expect(restoreBounds(undefined, [laptop])).toEqual(DEFAULT_BOUNDS);
  });

  it('restores a window that is on a display, maximized or not', () => {
    expect(restoreBounds({ x: 2000, y: 100, width: 1400, height: 900, maximized: true }, [laptop, rightMonitor])).toEqual({ x: 2000, y: 100, width: 1400, height: 900, maximized: true });
  });

  it('drops the position when its monitor is gone, so the window opens centred', () => {
    expect(restoreBounds({ x: 2000, y: 100, width: 1400, height: 900 }, [laptop])).toEqual({ width: 1400, height: 900 });
    // only a sliver (30 px) of the title bar would be on screen: not enough to grab it
    expect(restoreBounds({ x: 1890, y: 100, width: 1000, height: 700 }, [laptop])).toEqual({ width: 1000, height: 700 });
  });

  it('shrinks a window larger than any display and grows one below the minimum', () => {
    expect(restoreBounds({ x: 0, y: 0, width: 5000, height: 3000 }, [laptop])).toEqual({ x: 0, y: 0, width: 1920, height: 1050 });
    expect(restoreBounds({ width: 200, height: 100 }, [laptop])).toEqual({ width: 720, height: 480 });
  });
});
