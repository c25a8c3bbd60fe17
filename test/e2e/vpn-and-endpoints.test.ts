// VPNs and VPC endpoints on the map, in Debian's Chromium against `reachmap
// serve` on Batfish's samples. Expected values are read from the samples'
// describe JSON by hand (ids, tunnel status, prefix lists).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissingLocally, CHROMIUM, launchBrowser, openMap, screenshot, type PageGlobals } from './helpers/browser.js';
import { colourAround, colourSpots, ON_PREMISES_FILL, PATH_BLUE, pngFacts, squares, VPC_ENDPOINT_FILL, VPN_GATEWAY_FILL } from './helpers/report-png.js';
import { reportPng } from './helpers/report-run.js';
import { repoRoot, startServe, type RunningServe } from './helpers/serve.js';

const sample = (name: string) => path.join(repoRoot, 'test/fixtures/batfish', name);

function nodeClasses(page: Page, id: string): Promise<string[]> {
  return page.evaluate((nodeId) => {
    const cy = (globalThis as unknown as PageGlobals).__reachmap!.cy;
    const node = cy.getElementById(nodeId);
    return node.empty() ? [] : node.classes();
  }, id);
}

function nodeKind(page: Page, id: string): Promise<string | null> {
  return page.evaluate((nodeId) => {
    const cy = (globalThis as unknown as PageGlobals).__reachmap!.cy;
    const node = cy.getElementById(nodeId);
    return node.empty() ? null : node.data('kind');
  }, id);
}

async function trace(page: Page, from: string, to: string, port: string): Promise<void> {
  await page.getByTestId('tab-trace').click();
  await page.getByTestId('query-from').fill(from);
  await page.getByTestId('query-to').fill(to);
  await page.getByTestId('query-port').fill(port);
  await page.getByTestId('query-run').click();
  await page.getByTestId('verdict').waitFor();
}

describe.skipIf(browserMissingLocally)('VPNs and VPC endpoints on the map', { timeout: 180_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe('test-vpn-gateway: a VPN whose two tunnels are down', () => {
    let serve: RunningServe;
    let page: Page;
    beforeAll(async () => {
      serve = await startServe(['--snapshot', sample('test-vpn-gateway')]);
      page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await openMap(page, serve.url);
    });
    afterAll(async () => {
      await page?.close();
      await serve?.stop();
    });

    it('draws the VGW, its VPN connection and the on-premises network behind the customer gateway', async () => {
      // VpnGateways.json: vgw-0c09...; VpnConnections.json: vpn-0370... on it, CustomerGatewayId cgw-07af...
      expect(await nodeKind(page, 'vgw-0c09bd7fadac961bf')).toBe('vpn-gateway');
      expect(await nodeKind(page, 'vpn-03701a53bba3c48b7')).toBe('vpn-connection');
      expect(await nodeKind(page, 'cgw-07affe708bb0e5fb6')).toBe('on-premises');
    });

    it('a trace from an on-premises host stops at the VPN connection, marked on the map (BAD_STATE_VPN)', async () => {
      await trace(page, '192.168.50.10', 'i-099cf38911942421c', '22');
      await expect(page.getByTestId('verdict').textContent()).resolves.toContain('Unreachable');
      await expect(page.getByTestId('drop-code').textContent()).resolves.toBe('BAD_STATE_VPN');
      await expect(page.getByTestId('drop-component').textContent()).resolves.toContain('vpn-03701a53bba3c48b7');
      expect(await nodeClasses(page, 'vpn-03701a53bba3c48b7')).toContain('drop');
      expect(await nodeClasses(page, 'cgw-07affe708bb0e5fb6')).toContain('on-path');
      await screenshot(page, 'e2e-vpn-tunnels-down');
    });
  });

  describe('test-vpc-endpoint-gateway: S3 through a gateway endpoint', () => {
    let serve: RunningServe;
    let page: Page;
    beforeAll(async () => {
      serve = await startServe(['--snapshot', sample('test-vpc-endpoint-gateway')]);
      page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await openMap(page, serve.url);
    });
    afterAll(async () => {
      await page?.close();
      await serve?.stop();
    });

    it('a trace to an S3 address is reachable through the endpoint, which is on the drawn path', async () => {
      // private-web01 (10.1.101.36) routes pl-63a5400a (com.amazonaws.us-east-1.s3, 52.216.0.0/15) to vpce-0b73...
      await trace(page, 'private-web01', '52.216.10.1', '443');
      await expect(page.getByTestId('verdict').textContent()).resolves.toContain('Reachable');
      expect(await nodeKind(page, 'vpce-0b7357542bb7b83ec')).toBe('vpc-endpoint');
      expect(await nodeClasses(page, 'vpce-0b7357542bb7b83ec')).toContain('on-path');
      await screenshot(page, 'e2e-s3-gateway-endpoint');
    });
  });

  it('the report of the on-premises trace: drawn, with the VPN connection as the drop point in red, the VGW and the on-premises network', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'reachmap-vpn-report-')), 'vpn.png');
    const args = ['report', '--snapshot', sample('test-vpn-gateway'), '--from', '192.168.50.10', '--to', 'i-099cf38911942421c', '--port', '22', '--png', file, '--browser', CHROMIUM];
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'cli', 'main.ts'), ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true' }, timeout: 170_000 });
    expect(run.status).toBe(0);
    const facts = pngFacts(readFileSync(file));
    console.log(`VPN report: ${facts.width}x${facts.height}, grey variance ${facts.greyVariance.toFixed(0)}, drop-red pixels ${facts.dropRedPixels}`);
    expect(facts.width).toBe(2400);
    expect(facts.greyVariance).toBeGreaterThan(100);
    // the drop point (vpn-0370..., a filled 40x40 node) and the callout's border
    expect(facts.dropRedPixels).toBeGreaterThan(1000);
    // The flow stops at the VPN, short of the destination's VPC; that VPC is still drawn open (the question names a machine in it),
    // with the VGW it attaches (VpnGateways.json: vgw-0c09..., VpcAttachments vpc-0b96...), and the on-premises network behind
    // cgw-07af... is drawn too. VPN-gateway brown: the VGW only (vpn-0370... is filled drop red, vpn-0504... is not available: grey).
    const png = readFileSync(file);
    const vgw = squares(png, VPN_GATEWAY_FILL, 1200, 90);
    const onPremises = squares(png, ON_PREMISES_FILL, 1200, 90);
    console.log(`VPN report: VGW fills ${JSON.stringify(vgw)}, on-premises fills ${JSON.stringify(onPremises)}`);
    expect(vgw).toHaveLength(1);
    expect(onPremises).toHaveLength(1);
  });

  it('the report of an S3 flow draws the gateway endpoint with the path ending at it; a non-S3 address does not use it', () => {
    // RouteTables.json: private-web01's table routes pl-63a5400a (S3, 52.216.0.0/15) to vpce-0b73... and has no default route
    const out = mkdtempSync(path.join(tmpdir(), 'reachmap-vpce-report-'));
    const question = (to: string) => ['--snapshot', sample('test-vpc-endpoint-gateway'), '--from', 'private-web01', '--to', to, '--port', '443'];
    // the sample's files Reachmap does not read (RDS, OpenSearch, endpoint services) are named on stderr, and nothing else
    const sampleWarning = /^warning: unknown keys ignored: [^\n]*\n$/;
    const s3 = reportPng(question('52.216.10.1'), path.join(out, 's3.png'), sampleWarning);
    const other = reportPng(question('8.8.8.8'), path.join(out, 'other.png'), sampleWarning);
    const endpointIn = (png: Buffer) => colourSpots(png, VPC_ENDPOINT_FILL, 90, 1).filter((spot) => spot.pixels >= 1200);
    const [inS3] = endpointIn(s3);
    const [inOther] = endpointIn(other);
    expect(endpointIn(s3)).toHaveLength(1);
    expect(endpointIn(other)).toHaveLength(1);
    const blueAround = (png: Buffer, at: { x: number; y: number }) => colourAround(png, PATH_BLUE, at.x + 30, at.y + 30, 60);
    console.log(`S3 report: endpoint at ${JSON.stringify(inS3)}, path blue around it ${blueAround(s3, inS3!)}; 8.8.8.8: ${blueAround(other, inOther!)}`);
    // reachable through the endpoint: no drop; the forward path's blue rings the endpoint
    expect(pngFacts(s3).dropRedPixels).toBe(0);
    expect(blueAround(s3, inS3!)).toBeGreaterThan(100);
    // 8.8.8.8 has no route (NO_ROUTE_TO_DESTINATION at the route table): dropped, and the endpoint is off the path
    expect(pngFacts(other).dropRedPixels).toBeGreaterThan(1000);
    expect(blueAround(other, inOther!)).toBe(0);
  });
});
