// DESIGN.md section 7: the web face answers only requests addressed to it by
// name (no DNS rebinding) that carry this run's token (no cross-site driving).
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type RunningServe } from './helpers/serve.js';

interface Answer {
  status: number;
  body: string;
}

function send(port: number, path: string, headers: Record<string, string>, body?: string, hostAddress = '127.0.0.1'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: hostAddress, port, path, method: body === undefined ? 'GET' : 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('reachmap serve: who may talk to it', { timeout: 120_000 }, () => {
  let serve: RunningServe;
  beforeAll(async () => {
    serve = await startServe();
  });
  afterAll(async () => {
    await serve?.stop();
  });

  const api = (headers: Record<string, string>, path = '/api/currentSnapshot') => send(serve.port, path, { 'content-type': 'application/json', ...headers }, '{"args":[]}');

  it('prints an address on 127.0.0.1 that carries a token', () => {
    expect(serve.url.startsWith('http://127.0.0.1:')).toBe(true);
    expect(serve.token.length).toBeGreaterThanOrEqual(24);
  });

  it('answers an API call with the right Host and token, with the demo open', async () => {
    const answer = await api({ host: `127.0.0.1:${serve.port}`, 'x-reachmap-token': serve.token });
    expect(answer.status).toBe(200);
    const summary = JSON.parse(answer.body).value;
    // The bundled demo (assets/demo/demo-snapshot.json): account 111122223333 has 2 + 1 VPCs,
    // 14 + 4 subnets, 18 + 5 instances, 26 + 6 ENIs (four of them load-balancer nodes; prod-edge-a and prod-status
    // included); the network account 444455556666 one VPC, one subnet, two instances with an ENI each.
    expect(summary.counts).toEqual({ vpcs: 4, subnets: 19, instances: 25, enis: 34 });
    const viaLocalhost = await api({ host: `localhost:${serve.port}`, 'x-reachmap-token': serve.token });
    expect(viaLocalhost.status).toBe(200);
  });

  it('refuses a foreign Host header, token or not (DNS rebinding)', async () => {
    for (const host of ['evil.example:80', `evil.example:${serve.port}`, `127.0.0.1.nip.io:${serve.port}`, '127.0.0.1', `localhost:${serve.port + 1}`]) {
      const answer = await api({ host, 'x-reachmap-token': serve.token });
      expect(answer.status, host).toBe(403);
      expect(JSON.parse(answer.body).error.message).toMatch(/Host/);
    }
    const page = await send(serve.port, '/', { host: `attacker.test:${serve.port}` });
    expect(page.status).toBe(403);
  });

  it('refuses an API call without the token or with a wrong one', async () => {
    const host = `127.0.0.1:${serve.port}`;
    const missing = await api({ host });
    expect(missing.status).toBe(401);
    expect(missing.body).not.toContain('vpc-');
    // the last character changed to another one (a token that already ends in x stays wrong)
    const wrong = await api({ host, 'x-reachmap-token': `${serve.token.slice(0, -1)}${serve.token.endsWith('x') ? 'y' : 'x'}` });
    expect(wrong.status).toBe(401);
    const inQuery = await send(serve.port, `/api/currentSnapshot?token=${encodeURIComponent(serve.token)}`, { host, 'content-type': 'application/json' }, '{"args":[]}');
    expect(inQuery.status).toBe(200);
    const events = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: serve.port, path: '/api/events', headers: { host } }, (res) => {
        resolve(res.statusCode ?? 0);
        res.destroy();
      });
      req.on('error', reject);
      req.end();
    });
    expect(events).toBe(401);
  });

  it('refuses a cross-site request even with the token', async () => {
    const answer = await api({ host: `127.0.0.1:${serve.port}`, 'x-reachmap-token': serve.token, origin: 'https://attacker.test' });
    expect(answer.status).toBe(403);
  });

  it('allows only the API methods, and no path outside the renderer folder', async () => {
    const host = `127.0.0.1:${serve.port}`;
    const unknown = await api({ host, 'x-reachmap-token': serve.token }, '/api/constructor');
    expect(unknown.status).toBe(404);
    const escape = await send(serve.port, '/..%2f..%2fpackage.json', { host });
    expect([403, 404]).toContain(escape.status);
    expect(escape.body).not.toContain('"name": "reachmap"');
  });

  it('serves the page with a strict content security policy and no referrer', async () => {
    const page = await send(serve.port, '/', { host: `127.0.0.1:${serve.port}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    const head = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: serve.port, path: '/', headers: { host: `127.0.0.1:${serve.port}` } }, (res) => {
        resolve(res.headers);
        res.destroy();
      });
      req.on('error', reject);
      req.end();
    });
    expect(String(head['content-security-policy'])).toContain("script-src 'self'");
    expect(head['referrer-policy']).toBe('no-referrer');
  });

  it('does not listen on the machine’s other addresses', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((info) => info && info.family === 'IPv4' && !info.internal);
    if (!external) return; // a machine with loopback only has nothing else to listen on
    await expect(send(serve.port, '/', { host: `127.0.0.1:${serve.port}` }, undefined, external.address)).rejects.toThrow(/ECONNREFUSED/);
  });
});
