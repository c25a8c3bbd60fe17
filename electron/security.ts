// The security settings every window of the app runs with, and the rules for
// where its pages may go. One place, so that a test can hold them to account.

/** The renderer is served from this origin by our own protocol handler (app-protocol.ts), never from file:. */
export const APP_SCHEME = 'reachmap';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export const SECURE_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
});

/**
 * Scripts only from the app itself, no eval, no plugins, no network: the
 * renderer talks to the main process over IPC only. Inline styles stay
 * allowed because Cytoscape and React write style attributes at run time;
 * inline scripts do not.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** A page of ours: only those may call the IPC handlers or be navigated to. */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && `${parsed.protocol}//${parsed.host}` === APP_ORIGIN;
}

/** A link the system browser may open: web pages only, never file:, smb:, custom schemes or credentials in the URL. */
export function isExternalWebLink(url: string): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.username === '' && parsed.password === '';
}

export interface PermissionSession {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void;
}

/** The app needs no camera, notifications, geolocation ...: every permission is refused. */
export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
