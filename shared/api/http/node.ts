// The web face: the built renderer and the API as JSON over HTTP, on
// 127.0.0.1 only. Every request must name us in its Host header (no DNS
// rebinding) and every API call must carry this run's token (no cross-site
// driving): DESIGN.md section 7.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isApiMethod } from '../api-methods.js';
import { checkApiArguments, checkEndpointUrl } from '../arguments.js';
import { InputError } from '../errors.js';
import { packageRoot } from '../package-root/node.js';
import type { ApiError, CollectProgress, LiveSnapshotRequest, ReachmapApi } from '../reachmap-api.js';
import { TOKEN_HEADER, TOKEN_QUERY } from './protocol.js';

export interface WebFaceOptions {
  service: ReachmapApi;
  /** the folder of the built renderer (index.html and its assets) */
  rendererDir: string;
  /** 0 or absent: any free port */
  port?: number;
  /** fixed token (tests); absent: a random one per run */
  token?: string;
  /**
   * endpoints off loopback that `takeSnapshot` may send signed requests to
   * (`reachmap serve --allow-endpoint URL`); loopback ones are always allowed
   */
  allowedEndpoints?: readonly string[];
  /** the PNG served at /favicon.ico; absent: the app's icon, assets/icons/app.png */
  iconFile?: string;
}

export interface WebFace {
  port: number;
  token: string;
  /** the address to open, the token in its fragment (`/#token=…`): never sent to the server, never in a Referer */
  url: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  // The page address may carry the token: never hand it to another site.
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

const MAX_BODY_BYTES = 1 << 20;

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function refuse(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: { kind: 'input', message } satisfies ApiError });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new InputError('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function toApiError(error: unknown): { status: number; error: ApiError } {
  if (error instanceof InputError) return { status: 400, error: { kind: 'input', message: error.message } };
  const message = error instanceof Error ? error.message : String(error);
  console.error(`reachmap serve: internal error: ${message}`);
  return { status: 500, error: { kind: 'internal', message: `internal error: ${message}` } };
}

export async function startWebFace(options: WebFaceOptions): Promise<WebFace> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererRoot = path.resolve(options.rendererDir);
  const iconFile = options.iconFile ?? path.join(packageRoot(), 'assets', 'icons', 'app.png');
  const progressClients = new Set<ServerResponse>();
  let port = 0;

  function broadcast(progress: CollectProgress): void {
    const frame = `event: progress\ndata: ${JSON.stringify(progress)}\n\n`;
    for (const client of progressClients) client.write(frame);
  }

  async function callApi(method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return refuse(res, 405, 'API calls are POST requests');
    if (!isApiMethod(method)) return refuse(res, 404, `no API method "${method}"`);
    let args: unknown[];
    try {
      const text = await readBody(req);
      const parsed = text ? (JSON.parse(text) as { args?: unknown }) : {};
      if (parsed.args !== undefined && !Array.isArray(parsed.args)) throw new InputError('"args" must be an array');
      // JSON has no undefined: an absent optional argument travels as null.
      args = ((parsed.args as unknown[] | undefined) ?? []).map((arg) => (arg === null ? undefined : arg));
    } catch (error) {
      const message = error instanceof InputError ? error.message : 'request body is not JSON';
      return refuse(res, 400, message);
    }
    try {
      // the schemas that guard the desktop app's IPC: a malformed argument is a 400 naming it, never a TypeError from the core
      args = checkApiArguments(method, args);
      if (method === 'takeSnapshot') {
        checkEndpointUrl((args[0] as LiveSnapshotRequest).endpointUrl, options.allowedEndpoints, 'start `reachmap serve` with --allow-endpoint URL to allow it');
      }
    } catch (error) {
      const { status, error: apiError } = toApiError(error);
      return sendJson(res, status, { error: apiError });
    }
    try {
      const service = options.service as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
      const callArgs = method === 'takeSnapshot' ? [args[0], broadcast] : args;
      const value = await service[method]!.apply(options.service, callArgs);
      sendJson(res, 200, { value: value ?? null });
    } catch (error) {
      const { status, error: apiError } = toApiError(error);
      sendJson(res, status, { error: apiError });
    }
  }

  function openEvents(res: ServerResponse): void {
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    progressClients.add(res);
    res.on('close', () => progressClients.delete(res));
  }

  /** the app's icon, asked for by every browser on every page load: a static file like the page's, no token */
  async function serveIcon(res: ServerResponse): Promise<void> {
    const body = await readFile(iconFile).catch(() => null);
    if (!body) return refuse(res, 404, 'not found: /favicon.ico');
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'image/png' });
    res.end(body);
  }

  async function serveFile(pathname: string, res: ServerResponse): Promise<void> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return refuse(res, 400, 'malformed percent-encoding in the address');
    }
    const relative = decoded.replace(/^\/+/, '');
    let file = path.resolve(rendererRoot, relative || 'index.html');
    if (file !== rendererRoot && !file.startsWith(rendererRoot + path.sep)) return refuse(res, 403, 'outside the renderer folder');
    const info = await stat(file).catch(() => null);
    // Client-side routes (e.g. /report) are the page itself.
    if (!info || info.isDirectory()) {
      if (path.extname(file)) return refuse(res, 404, `not found: ${pathname}`);
      file = path.join(rendererRoot, 'index.html');
    }
    const body = await readFile(file).catch(() => null);
    if (!body) {
      res.writeHead(503, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('The renderer is not built: run `npm run build:renderer`.\n');
      return;
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  }

  const server = createServer((req, res) => {
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!allowedHosts.includes(req.headers.host ?? '')) return refuse(res, 403, 'forbidden: unexpected Host header');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.some((host) => origin === `http://${host}`)) {
      return refuse(res, 403, 'forbidden: cross-origin request');
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    } catch {
      return refuse(res, 400, 'malformed request address');
    }
    if (url.pathname.startsWith('/api/')) {
      const given = (req.headers[TOKEN_HEADER] as string | undefined) ?? url.searchParams.get(TOKEN_QUERY);
      if (!sameToken(given, token)) return refuse(res, 401, 'forbidden: missing or wrong token');
      const method = url.pathname.slice('/api/'.length);
      if (method === 'events') return openEvents(res);
      void callApi(method, req, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'only GET outside /api/');
    void (url.pathname === '/favicon.ico' ? serveIcon(res) : serveFile(url.pathname, res)).catch((error) => {
      const { status, error: apiError } = toApiError(error);
      sendJson(res, status, { error: apiError });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#${TOKEN_QUERY}=${encodeURIComponent(token)}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of progressClients) client.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
