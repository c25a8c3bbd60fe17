// Every window runs with contextIsolation, sandbox and no Node integration,
// and its page can neither navigate away nor open windows.
import { EventEmitter } from 'node:events';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppWindow, guardWebContents, type GuardableWebContents } from '../../../electron/window-factory.js';
import { CONTENT_SECURITY_POLICY, isAppUrl, isExternalWebLink, SECURE_WEB_PREFERENCES } from '../../../electron/security.js';
import { repoRoot } from './desktop-fixture.js';

class RecordingWebContents extends EventEmitter implements GuardableWebContents {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  /** emits like Electron: returns whether the page's navigation was prevented */
  navigate(event: 'will-navigate' | 'will-redirect', url: string): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

class RecordingBrowserWindow {
  static created: Record<string, unknown>[] = [];
  readonly webContents = new RecordingWebContents();
  constructor(options: Record<string, unknown>) {
    RecordingBrowserWindow.created.push(options);
  }
}

function newWindow(opened: string[]) {
  return createAppWindow(
    { BrowserWindow: RecordingBrowserWindow, openExternal: async (url) => void opened.push(url) },
    { preload: '/app/dist/electron/preload.cjs', bounds: { width: 1000, height: 700 }, title: 'Reachmap', backgroundColor: '#fff' },
  );
}

describe('the window factory', () => {
  it('creates windows with the secure webPreferences and the preload', () => {
    RecordingBrowserWindow.created = [];
    newWindow([]);
    expect(RecordingBrowserWindow.created).toHaveLength(1);
    const prefs = RecordingBrowserWindow.created[0]?.['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webSecurity: true, webviewTag: false });
    expect(prefs['preload']).toBe('/app/dist/electron/preload.cjs');
    expect(SECURE_WEB_PREFERENCES).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(Object.isFrozen(SECURE_WEB_PREFERENCES)).toBe(true);
  });

  it('keeps navigation inside the app and sends web links to the system browser', () => {
    const opened: string[] = [];
    const { webContents } = newWindow(opened);
    expect(webContents.navigate('will-navigate', 'reachmap://app/index.html#/report')).toBe(false);
    expect(webContents.navigate('will-navigate', 'https://docs.aws.amazon.com/vpc/')).toBe(true);
    expect(webContents.navigate('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(webContents.navigate('will-navigate', 'smb://fileserver/share')).toBe(true);
    expect(opened).toEqual(['https://docs.aws.amazon.com/vpc/']);
  });

  it('denies every window.open, opening only web links outside', () => {
    const opened: string[] = [];
    const { webContents } = newWindow(opened);
    expect(webContents.openHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(webContents.openHandler?.({ url: 'reachmap://app/index.html' })).toEqual({ action: 'deny' });
    expect(webContents.openHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.org/']);
  });

  it('guards a page once, however many times it is handed over (web-contents-created, then the factory)', () => {
    const opened: string[] = [];
    const contents = new RecordingWebContents();
    guardWebContents(contents, async (url) => void opened.push(url));
    guardWebContents(contents, async (url) => void opened.push(url));
    expect(contents.navigate('will-navigate', 'https://example.org/')).toBe(true);
    expect(opened).toEqual(['https://example.org/']);
  });

  it('refuses <webview> tags', () => {
    const contents = new RecordingWebContents();
    guardWebContents(contents, async () => undefined);
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });
});

describe('where windows come from', () => {
  async function sourceFiles(dir: string): Promise<string[]> {
    const entries = await readdir(dir, { withFileTypes: true, recursive: true });
    return entries.filter((e) => e.isFile() && /\.[cm]?ts$/.test(e.name)).map((e) => path.join(e.parentPath, e.name));
  }

  it('only the factory constructs a BrowserWindow (or any other web view) in electron/, renderer/, shared/ and cli/', async () => {
    const offenders: string[] = [];
    for (const dir of ['electron', 'renderer', 'shared', 'cli']) {
      for (const file of await sourceFiles(path.join(repoRoot, dir)).catch(() => [])) {
        const text = await readFile(file, 'utf8');
        const relative = path.relative(repoRoot, file);
        if (/new\s+[\w.]*\b(BrowserWindow|BrowserView|WebContentsView)\s*\(/.test(text) && relative !== path.join('electron', 'window-factory.ts')) offenders.push(relative);
        if (/\b(nodeIntegration|contextIsolation|sandbox)\s*:\s*(true|false)/.test(text) && relative !== path.join('electron', 'security.ts')) offenders.push(`${relative} (sets webPreferences itself)`);
      }
    }
    expect(offenders).toEqual([]);
    const factory = await readFile(path.join(repoRoot, 'electron', 'window-factory.ts'), 'utf8');
    expect(factory.match(/new\s+[\w.]*BrowserWindow\s*\(/g)).toHaveLength(1);
  });
});

describe('origins and links', () => {
  it('knows its own pages', () => {
    expect(isAppUrl('reachmap://app/index.html')).toBe(true);
    expect(isAppUrl('reachmap://other/index.html')).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('opens outside only http(s) links without credentials', () => {
    expect(isExternalWebLink('https://aws.amazon.com/')).toBe(true);
    expect(isExternalWebLink('https://user:pw@aws.amazon.com/')).toBe(false);
    expect(isExternalWebLink('file:///etc/passwd')).toBe(false);
    expect(isExternalWebLink('ms-settings:')).toBe(false);
  });

  it('the CSP allows scripts from the app only, no eval, no network', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });
});
