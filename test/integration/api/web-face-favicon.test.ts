// Issue 15.6: every page load asked for /favicon.ico and got a 404. The web
// face serves the app's icon there, without a token like the page's other
// static files, while the API's token and Host rules stay as they were.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebFace, type WebFace } from '../../../shared/api/http/node.js';
import type { ReachmapApi } from '../../../shared/api/reachmap-api.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const temp = mkdtempSync(path.join(tmpdir(), 'reachmap-favicon-'));

interface Reply {
  status: number;
  type: string | undefined;
  body: Buffer;
}

function get(face: WebFace, pathname: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: face.port, path: pathname, method, headers: { host: `127.0.0.1:${face.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the web face serves the app icon at /favicon.ico', () => {
  let face: WebFace;
  const service = { currentSnapshot: async () => null } as unknown as ReachmapApi;
  beforeAll(async () => {
    face = await startWebFace({ service, rendererDir: path.join(temp, 'renderer') });
  });
  afterAll(async () => {
    await face?.close();
    rmSync(temp, { recursive: true, force: true });
  });

  it('is 200, image/png, the bytes of assets/icons/app.png, with no token', async () => {
    const reply = await get(face, '/favicon.ico');
    expect(reply.status).toBe(200);
    expect(reply.type).toBe('image/png');
    expect(reply.body.equals(readFileSync(path.join(repoRoot, 'assets', 'icons', 'app.png')))).toBe(true);
  });

  it('keeps the Host rule: another Host gets 403, not the icon', async () => {
    const reply = await get(face, '/favicon.ico', { host: 'evil.example:80' });
    expect(reply.status).toBe(403);
  });

  it('leaves the API as it was: no token 401, the right token 200', async () => {
    expect((await get(face, '/api/currentSnapshot', {}, 'POST')).status).toBe(401);
    expect((await get(face, '/api/currentSnapshot', { 'x-reachmap-token': 'wrong' }, 'POST')).status).toBe(401);
    const allowed = await get(face, '/api/currentSnapshot', { 'x-reachmap-token': face.token, 'content-type': 'application/json' }, 'POST');
    expect(allowed.status).toBe(200);
  });
});
