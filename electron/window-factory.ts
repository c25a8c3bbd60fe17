// The only place where the app creates a BrowserWindow (a test searches the
// sources for any other construction): every window gets the secure
// webPreferences, and its page can neither navigate away nor open windows.
import { isAppUrl, isExternalWebLink, SECURE_WEB_PREFERENCES } from './security.js';
import type { WindowBounds } from './window-bounds.js';

export interface PreventableEvent {
  preventDefault(): void;
}

/** The part of Electron's WebContents the guards use. */
export interface GuardableWebContents {
  on(event: string, listener: (...args: any[]) => void): unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface AppWindowOptions {
  preload: string;
  bounds: WindowBounds;
  title: string;
  backgroundColor: string;
  icon?: string;
}

export interface WindowFactoryDeps<W extends { webContents: GuardableWebContents }> {
  BrowserWindow: new (options: ReturnType<typeof appWindowConstructorOptions>) => W;
  /** opens a web link in the system browser (Electron's shell.openExternal) */
  openExternal(url: string): Promise<void>;
}

export function appWindowConstructorOptions(options: AppWindowOptions) {
  const { x, y, width, height } = options.bounds;
  return {
    ...(x === undefined || y === undefined ? {} : { x, y }),
    width,
    height,
    minWidth: 720,
    minHeight: 480,
    title: options.title,
    backgroundColor: options.backgroundColor,
    ...(options.icon ? { icon: options.icon } : {}),
    show: false,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: options.preload },
  };
}

/** web-contents-created guards every page, and the factory its own window: each gets one set of guards */
const guarded = new WeakSet<GuardableWebContents>();

export function guardWebContents(contents: GuardableWebContents, openExternal: (url: string) => Promise<void>): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);
  const openOutside = (url: string): void => {
    if (isExternalWebLink(url)) openExternal(url).catch((error: unknown) => console.error(`could not open ${url}: ${String(error)}`));
  };
  const keepInApp = (event: PreventableEvent, url: string): void => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    openOutside(url);
  };
  contents.on('will-navigate', keepInApp);
  contents.on('will-redirect', keepInApp);
  contents.on('will-attach-webview', (event: PreventableEvent) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
}

export function createAppWindow<W extends { webContents: GuardableWebContents }>(deps: WindowFactoryDeps<W>, options: AppWindowOptions): W {
  const window = new deps.BrowserWindow(appWindowConstructorOptions(options));
  guardWebContents(window.webContents, deps.openExternal);
  return window;
}
