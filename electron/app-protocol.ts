// Serves the built renderer (dist/renderer) at reachmap://app/ with the
// Content-Security-Policy as a response header. A custom scheme rather than
// file:, so that the page has a real origin of its own and can read no other
// file of the disk.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { APP_SCHEME, CONTENT_SECURITY_POLICY } from './security.js';

/** Registered before the app is ready (protocol.registerSchemesAsPrivileged). */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under rootDir that a reachmap://app/... URL names, or null for any
 * other host or a path that would leave rootDir. A path without an extension
 * is a route of the single-page app and gets index.html.
 */
export function resolveAppAsset(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== 'app') return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const relative = pathname === '/' || path.posix.extname(pathname) === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = path.resolve(rootDir);
  const file = path.resolve(root, relative);
  return file.startsWith(root + path.sep) ? file : null;
}

export type ProtocolRequest = { url: string; method: string };

export function createAppProtocolHandler(rootDir: string): (request: ProtocolRequest) => Promise<Response> {
  const headers = (type: string) => ({ 'content-type': type, 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('method not allowed', { status: 405, headers: headers('text/plain') });
    const file = resolveAppAsset(rootDir, request.url);
    if (!file) return new Response('not found', { status: 404, headers: headers('text/plain') });
    try {
      const body = await fs.readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: headers(contentTypeOf(file)) });
    } catch {
      return new Response('not found', { status: 404, headers: headers('text/plain') });
    }
  };
}
