// The desktop menu's work the page does, apart from React so that it can be
// tested in plain Node. The action names are those of electron/channels.ts
// (MENU_ACTIONS); the renderer does not import Electron's code.
export const PAGE_MENU_ACTIONS = ['take-snapshot', 'export-report', 'fit', 'collapse-all', 'exposure', 'compare'] as const;
export type PageMenuAction = (typeof PAGE_MENU_ACTIONS)[number];

/** one handler per action a component performs; several components may each handle their own */
export type MenuHandlers = Partial<Record<PageMenuAction, () => void>>;

function isPageMenuAction(action: string): action is PageMenuAction {
  return (PAGE_MENU_ACTIONS as readonly string[]).includes(action);
}

/** runs the handler of this action; false when the action is unknown or not handled here */
export function dispatchMenuAction(action: string, handlers: MenuHandlers): boolean {
  const handler = isPageMenuAction(action) ? handlers[action] : undefined;
  if (!handler) return false;
  handler();
  return true;
}
