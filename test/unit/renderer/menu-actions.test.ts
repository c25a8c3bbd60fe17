// The page's side of the desktop menu: each action reaches its own handler and
// no other, and the page knows every action main can send.
import { describe, expect, it } from 'vitest';
import { MENU_ACTIONS } from '../../../electron/channels.js';
import { dispatchMenuAction, PAGE_MENU_ACTIONS, type MenuHandlers, type PageMenuAction } from '../../../renderer/src/bridge/menu-actions.js';

function recorder(): { handlers: MenuHandlers; calls: PageMenuAction[] } {
  const calls: PageMenuAction[] = [];
  const handlers: MenuHandlers = {
    'take-snapshot': () => calls.push('take-snapshot'),
    fit: () => calls.push('fit'),
    'collapse-all': () => calls.push('collapse-all'),
    exposure: () => calls.push('exposure'),
  };
  return { handlers, calls };
}

describe('dispatchMenuAction', () => {
  it('runs exactly the handler the menu item names', () => {
    for (const action of ['take-snapshot', 'fit', 'collapse-all', 'exposure'] as const) {
      const { handlers, calls } = recorder();
      expect(dispatchMenuAction(action, handlers)).toBe(true);
      expect(calls).toEqual([action]);
    }
  });

  it('leaves an action to the component that handles it (the main screen does not export, the export button does)', () => {
    const { handlers, calls } = recorder();
    expect(dispatchMenuAction('export-report', handlers)).toBe(false);
    let exported = 0;
    expect(dispatchMenuAction('export-report', { 'export-report': () => void exported++ })).toBe(true);
    expect(calls).toEqual([]);
    expect(exported).toBe(1);
  });

  it('ignores a name that is not a menu action, even one that is a property of every object', () => {
    const { handlers, calls } = recorder();
    expect(dispatchMenuAction('open-snapshot', handlers)).toBe(false);
    expect(dispatchMenuAction('toString', handlers)).toBe(false);
    expect(calls).toEqual([]);
  });

  it('knows every action the desktop menu sends (electron/channels.ts)', () => {
    expect([...PAGE_MENU_ACTIONS].sort()).toEqual([...MENU_ACTIONS].sort());
  });
});
