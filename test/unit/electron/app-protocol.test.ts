// reachmap://app/ serves the built renderer, with the CSP, and nothing else of the disk.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, resolveAppAsset } from '../../../electron/app-protocol.js';
import { CONTENT_SECURITY_POLICY } from '../../../electron/security.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'reachmap-renderer-'));
  await mkdir(path.join(root, 'assets'));
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Reachmap</title>');
  await writeFile(path.join(root, 'assets', 'app-1234.js'), 'console.log(1)');
  await writeFile(path.join(path.dirname(root), 'secret.txt'), 'outside');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(path.join(path.dirname(root), 'secret.txt'), { force: true });
});

describe('resolveAppAsset', () => {
  it('maps app URLs to files under the renderer folder, routes to index.html', () => {
    expect(resolveAppAsset(root, 'reachmap://app/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppAsset(root, 'reachmap://app/assets/app-1234.js')).toBe(path.join(root, 'assets', 'app-1234.js'));
    expect(resolveAppAsset(root, 'reachmap://app/report?flow=1')).toBe(path.join(root, 'index.html'));
  });

  it('never leaves the renderer folder and serves no other host or scheme', () => {
    // the URL parser resolves encoded dot segments itself: they end at the renderer folder's root
    expect(resolveAppAsset(root, 'reachmap://app/%2e%2e/secret.txt')).toBe(path.join(root, 'secret.txt'));
    expect(resolveAppAsset(root, 'reachmap://app/..%2fsecret.txt')).toBeNull();
    expect(resolveAppAsset(root, 'reachmap://app/%2e%2e%2f%2e%2e%2fetc%2fpasswd.txt')).toBeNull();
    expect(resolveAppAsset(root, 'reachmap://app/a%00.js')).toBeNull();
    expect(resolveAppAsset(root, 'reachmap://evil/index.html')).toBeNull();
    expect(resolveAppAsset(root, 'file:///etc/passwd')).toBeNull();
  });
});

describe('the protocol handler', () => {
  const handler = () => createAppProtocolHandler(root);

  it('answers with the file, its type and the Content-Security-Policy', async () => {
    const response = await handler()({ url: 'reachmap://app/index.html', method: 'GET' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Reachmap</title>');
    const script = await handler()({ url: 'reachmap://app/assets/app-1234.js', method: 'GET' });
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('404 for a missing file or a path outside, 405 for anything but GET and HEAD', async () => {
    expect((await handler()({ url: 'reachmap://app/missing.js', method: 'GET' })).status).toBe(404);
    expect((await handler()({ url: 'reachmap://app/%2e%2e/secret.txt', method: 'GET' })).status).toBe(404);
    expect((await handler()({ url: 'reachmap://app/index.html', method: 'POST' })).status).toBe(405);
  });
});
