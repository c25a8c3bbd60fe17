// The renderer talks to the core only through window.reachmap: Electron's
// preload provides it; in a plain browser the web face's HTTP bridge does.
import type { ReachmapApi } from '../../../shared/api/reachmap-api.js';
import { addressWithoutToken, createHttpBridge, tokenFromLocation } from './http-bridge.js';
import type { DesktopEvents } from './useMenuActions.js';

declare global {
  interface Window {
    /** the desktop bridge adds its events (and more) to the API; the web face's HTTP bridge is the API alone */
    reachmap?: ReachmapApi & DesktopEvents;
  }
}

export function getApi(): ReachmapApi {
  if (window.reachmap) return window.reachmap;
  // The token leaves the address bar (screenshots, history) but survives a reload of this tab.
  const token = tokenFromLocation(window.location) ?? sessionStorage.getItem('reachmap.token');
  if (token) {
    sessionStorage.setItem('reachmap.token', token);
    history.replaceState(null, '', addressWithoutToken(window.location));
  }
  if (!token) throw new Error('This page needs the address printed by `reachmap serve` (it carries the access token).');
  window.reachmap = createHttpBridge(token);
  return window.reachmap;
}
