// Subscribes a component to the desktop menu and to snapshots that main opens
// (File > Open, Open Recent). Both subscriptions exist only in the desktop
// bridge: in the web face this does nothing.
import { useEffect, useRef } from 'react';
import type { SnapshotSummary } from '../../../shared/api/reachmap-api.js';
import { dispatchMenuAction, type MenuHandlers } from './menu-actions.js';

export interface DesktopEvents {
  onMenuAction?(listener: (action: string) => void): () => void;
  onSnapshotOpened?(listener: (summary: SnapshotSummary) => void): () => void;
}

export function useMenuActions(handlers: MenuHandlers, onSnapshotOpened?: (summary: SnapshotSummary) => void): void {
  // The latest handlers, so that one subscription for the page's life always calls the current closures.
  const latest = useRef({ handlers, onSnapshotOpened });
  latest.current = { handlers, onSnapshotOpened };

  useEffect(() => {
    const bridge: DesktopEvents | undefined = window.reachmap;
    const stopMenu = bridge?.onMenuAction?.((action) => void dispatchMenuAction(action, latest.current.handlers));
    const stopOpened = bridge?.onSnapshotOpened?.((summary) => latest.current.onSnapshotOpened?.(summary));
    return () => {
      stopMenu?.();
      stopOpened?.();
    };
  }, []);
}
