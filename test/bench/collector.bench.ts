// Collector benchmark (issue 4): a synthetic 10k-ENI account in 2 regions
// served by the local AWS server with 50 ms added to every answer and AWS's
// 1000-item pages. Prints the wall time, the number of calls, and the ratio
// to the critical-path bound: the longest chain of calls that must follow one
// another (STS, DescribeRegions, then a list's pages and the pages of the
// per-resource calls it leads to) times the latency. Target: ratio <= 1.5.
import { collectLiveSnapshot } from '../../shared/aws/collect/node.js';
import { PER_RESOURCE_CALLS, REGION_LIST_CALLS } from '../../shared/aws/collect/calls.js';
import type { RawSnapshot } from '../../shared/aws/raw.js';
import { startAwsTestServer, type ReceivedCall } from '../aws-server/server.js';
import { formatMs, printTable, timeIt } from './measure.js';
import { generateSnapshot } from './synthetic.js';

const LATENCY_MS = 50;
const ENIS = 10_000;
const REGIONS = 2;
const TARGET_RATIO = 1.5;

function isolateAws(): void {
  for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name];
  Object.assign(process.env, {
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ACCESS_KEY_ID: 'AKIDREACHMAPBENCH',
    AWS_SECRET_ACCESS_KEY: 'bench-secret',
    AWS_CONFIG_FILE: '/nonexistent/reachmap-bench/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/reachmap-bench/credentials',
    // a client left without an endpoint fails on a closed local port instead of reaching AWS
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
  });
}

/** Requests that had to follow one another, counted from what the server received. */
function longestChain(calls: readonly ReceivedCall[]): number {
  const count = (match: (call: ReceivedCall) => boolean) => calls.filter(match).length;
  const accountSteps = count((c) => c.action === 'GetCallerIdentity') + count((c) => c.action === 'DescribeRegions');
  const regions = [...new Set(calls.filter((c) => c.service !== 'sts' && c.action !== 'DescribeRegions').map((c) => c.region))];
  let longest = 0;
  for (const region of regions) {
    for (const list of REGION_LIST_CALLS) {
      const pages = count((c) => c.region === region && c.action === list.api);
      let dependentPages = 0;
      for (const dependent of PER_RESOURCE_CALLS.filter((d) => d.parentKey === list.key)) {
        const perResource = new Map<string, number>();
        for (const call of calls) {
          if (call.region !== region || call.action !== dependent.api || !call.resourceId) continue;
          perResource.set(call.resourceId, (perResource.get(call.resourceId) ?? 0) + 1);
        }
        dependentPages = Math.max(dependentPages, ...perResource.values());
      }
      longest = Math.max(longest, pages + dependentPages);
    }
  }
  return accountSteps + longest;
}

export async function run(): Promise<void> {
  isolateAws();
  const snapshot = generateSnapshot({ enis: ENIS, regions: REGIONS }) as unknown as RawSnapshot;
  const server = await startAwsTestServer({ snapshot, faults: { latencyMs: LATENCY_MS } });
  try {
    // a small warm-up collection loads the SDK and the service models outside the measured run
    server.faults.latencyMs = 0;
    await collectLiveSnapshot({ regions: 'all', endpointUrl: server.url });
    server.calls.length = 0;
    server.faults.latencyMs = LATENCY_MS;

    const { result, ms } = await timeIt(() => collectLiveSnapshot({ regions: 'all', endpointUrl: server.url }));
    const chain = longestChain(server.calls);
    const bound = chain * LATENCY_MS;
    const collectedEnis = Object.values(result.accounts)
      .flatMap((account) => Object.values(account))
      .reduce((n, region) => n + (region.NetworkInterfaces?.length ?? 0), 0);
    const ratio = ms / bound;
    printTable([
      ['ENIs', 'regions', 'calls', 'errors', 'wall', 'chain', 'bound', 'ratio', 'target'],
      [
        String(collectedEnis),
        String(Object.values(result.accounts).flatMap((a) => Object.keys(a)).length),
        String(server.calls.length),
        String(result.errors.length),
        formatMs(ms),
        `${chain} calls`,
        formatMs(bound),
        ratio.toFixed(2),
        `<= ${TARGET_RATIO} ${ratio <= TARGET_RATIO ? 'met' : 'MISSED'}`,
      ],
    ]);
  } finally {
    await server.close();
  }
}
