// A live snapshot taken from the page of `reachmap serve`, against the local
// AWS test server (never AWS itself): the progress shows, and the map opens on
// what was collected. The served account is the demo's.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsTestServer, type AwsTestServer } from '../aws-server/server.js';
import { accounts } from '../fixtures/engine/network.js';
import { NETWORK, sharedTransitGateway, WORKLOAD_A, WORKLOAD_B } from '../fixtures/engine/organization.js';
import { demoSnapshot, isolateAwsEnvironment, serve as serveAws, TEST_SECRET, writeProfiles } from '../integration/collector/helpers.js';
import { readSnapshotPath } from '../../shared/aws/read/node.js';
import { browserMissingLocally, launchBrowser, openMap, screenshot } from './helpers/browser.js';
import { startServe, type RunningServe } from './helpers/serve.js';

/** The local AWS server (started by `startAws`, after the environment is isolated), `reachmap serve` and a page on it, for one suite. */
function liveFaceForSuite(startAws: () => Promise<AwsTestServer>, watch?: (page: Page) => void) {
  const face = {} as { aws: AwsTestServer; serve: RunningServe; browser: Browser; page: Page };
  const saved = { ...process.env };
  beforeAll(async () => {
    // The server's process inherits credentials that only the local test server accepts.
    isolateAwsEnvironment();
    face.aws = await startAws();
    face.serve = await startServe();
    face.browser = await launchBrowser();
    face.page = await face.browser.newPage({ viewport: { width: 1600, height: 1000 } });
    watch?.(face.page);
    await openMap(face.page, face.serve.url);
  });
  afterAll(async () => {
    await face.browser?.close();
    await face.serve?.stop();
    await face.aws?.close();
    process.env = saved;
  });
  return face;
}

describe.skipIf(browserMissingLocally)('a live snapshot from the web face', { timeout: 240_000 }, () => {
  const face = liveFaceForSuite(async () => serveAws(await readSnapshotPath(demoSnapshot)));

  it('shows the progress, then opens the collected network', async () => {
    await face.page.getByTestId('open-live').click();
    const dialog = face.page.getByTestId('live-snapshot');
    await dialog.getByPlaceholder('an AWS-compatible endpoint').fill(face.aws.url);
    await dialog.getByPlaceholder(/or all$/).fill('all');
    await face.page.getByTestId('live-start').click();
    await face.page.getByTestId('live-progress').waitFor();
    await dialog.waitFor({ state: 'detached', timeout: 120_000 });
    const summary = face.page.getByTestId('snapshot-summary');
    await summary.getByText(/^live: profile/).waitFor();
    // The demo account, collected back: 3 VPCs, 18 subnets, 23 instances, 32 ENIs (prod's dual-stack prod-edge-a and prod-status included).
    await expect(summary.textContent()).resolves.toContain('3 VPCs · 18 subnets · 23 instances · 32 ENIs');
    expect(face.aws.calls.some((call) => call.action === 'DescribeNetworkInterfaces')).toBe(true);
    await screenshot(face.page, 'e2e-08-live-snapshot');
  });
});

// Several accounts from the page (issue "Across accounts"): the three-account
// organization of test/fixtures/engine/organization.ts served by the local
// AWS server, which picks the account by the access key; one profile per
// account in the server process's own credentials file. The page names
// profiles and a role, never a key: the keys stay in `reachmap serve`.
describe.skipIf(browserMissingLocally)('a live snapshot of several accounts from the web face', { timeout: 240_000 }, () => {
  const ROLE = 'ReachmapRead';
  const PROFILE_KEYS: Record<string, string> = { network: 'AKIDORGNETWORK', 'workload-a': 'AKIDORGWORKLOADA', 'workload-b': 'AKIDORGWORKLOADB' };
  const seenByPage: string[] = [];
  const face = liveFaceForSuite(
    async () => {
      writeProfiles(PROFILE_KEYS);
      const { net, a, b } = sharedTransitGateway();
      return startAwsTestServer({
        snapshot: accounts([net, a, b]).raw,
        accessKeys: { AKIDORGNETWORK: NETWORK, AKIDORGWORKLOADA: WORKLOAD_A, AKIDORGWORKLOADB: WORKLOAD_B },
        organization: { managementAccount: NETWORK, accounts: [{ Id: NETWORK, Name: 'network' }, { Id: WORKLOAD_A, Name: 'workload-a' }, { Id: WORKLOAD_B, Name: 'workload-b' }], roles: { [WORKLOAD_A]: [ROLE], [WORKLOAD_B]: [ROLE] } },
      });
    },
    // everything the server sends the page, to show that no key or secret is among it
    (page) => page.on('response', (response) => void response.text().then((text) => seenByPage.push(text), () => undefined)),
  );

  async function takeLive(fill: (dialog: ReturnType<Page['getByTestId']>) => Promise<void>): Promise<string> {
    await face.page.getByTestId('open-live').click();
    const dialog = face.page.getByTestId('live-snapshot');
    await dialog.getByPlaceholder('an AWS-compatible endpoint').fill(face.aws.url);
    await dialog.getByPlaceholder(/or all$/).fill('us-east-1');
    await fill(dialog);
    await face.page.getByTestId('live-start').click();
    await dialog.waitFor({ state: 'detached', timeout: 120_000 });
    return (await face.page.getByTestId('snapshot-summary').textContent()) ?? '';
  }

  it('three profiles, one account each, make one snapshot of the organization', async () => {
    face.aws.calls.length = 0;
    const summary = await takeLive(async (dialog) => {
      await dialog.locator('select').selectOption('network');
      await face.page.getByTestId('live-also-workload-a').check();
      await face.page.getByTestId('live-also-workload-b').check();
      await screenshot(face.page, 'e2e-08b-live-several-profiles');
    });
    expect(summary).toContain('live: profiles network, workload-a, workload-b');
    // vpc-a of A and vpc-b of B (the network account holds the transit gateway only): one subnet, instance and ENI each
    expect(summary).toContain('2 VPCs · 2 subnets · 2 instances · 2 ENIs');
    expect(new Set(face.aws.calls.filter((call) => call.action === 'DescribeVpcs').map((call) => call.account))).toEqual(new Set([NETWORK, WORKLOAD_A, WORKLOAD_B]));
  });

  it('a role assumed in every account of the organization, from the management account\'s profile', async () => {
    face.aws.calls.length = 0;
    const summary = await takeLive(async (dialog) => {
      await dialog.locator('select').selectOption('network');
      await face.page.getByTestId('live-org-role').fill(ROLE);
    });
    expect(summary).toContain(`live: role ${ROLE} from profile network`);
    expect(summary).toContain('2 VPCs · 2 subnets · 2 instances · 2 ENIs');
    expect(face.aws.calls.filter((call) => call.action === 'AssumeRole')).toHaveLength(2);
    // the two members' roles were assumed; the caller's own account was read with its own credentials
    expect(new Set(face.aws.calls.filter((call) => call.action === 'DescribeVpcs').map((call) => call.account))).toEqual(new Set([NETWORK, WORKLOAD_A, WORKLOAD_B]));
    await screenshot(face.page, 'e2e-08c-live-org-role');
  });

  it('no access key or secret ever reached the page', () => {
    const everything = seenByPage.join('\n');
    expect(everything.length).toBeGreaterThan(0);
    for (const secret of [TEST_SECRET, ...Object.values(PROFILE_KEYS)]) expect(everything).not.toContain(secret);
  });
});
