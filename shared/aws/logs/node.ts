// Flow log records from CloudWatch Logs (Node only; it pulls in the AWS SDK):
// the flow logs' LogFormat from EC2 DescribeFlowLogs, then every event of
// the log group in the time range through FilterLogEvents, page by page.
// The clients are made as the collector makes them: the user's credentials
// through the SDK's default chain, adaptive retry (throttling included),
// request and connection timeouts, one endpoint for every client when given;
// credential failures and refusals become one line the user can act on.
// Several groups are read at once, every request under one concurrency
// limit (the collector's Limiter and default), each group's events in order.
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeFlowLogsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { InputError } from '../../model/errors.js';
import { DEFAULT_CONCURRENCY } from '../collect/collect.js';
import { CollectError } from '../collect/errors.js';
import { Limiter } from '../collect/limiter.js';
import { credentialProvider, defaultRegion, effectiveProfile, sdkRequestOptions } from '../credentials/node.js';
import { credentialProblem, CredentialsError, errorCode, errorMessage } from '../credentials/problems.js';

/** FilterLogEvents' largest page (botocore's EventsLimit) */
const PAGE = 10_000;
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedAccess']);

export interface FetchLogEventsOptions {
  /** one or more groups of one region */
  readonly logGroups: readonly string[];
  /** milliseconds since the epoch; end exclusive */
  readonly startTime: number;
  readonly endTime: number;
  readonly profile?: string;
  readonly region?: string;
  readonly endpointUrl?: string;
  readonly maxAttempts?: number;
  readonly requestTimeoutMs?: number;
  readonly signal?: AbortSignal;
  /** AWS requests in flight at most, across the groups (default: the collector's) */
  readonly concurrency?: number;
  /** each group's LogFormats (none when unknown), before any of its events; `refused`: DescribeFlowLogs' error code when it was refused */
  readonly onFormats?: (logGroup: string, logFormats: readonly string[], refused: string | null) => void | Promise<void>;
  /** each page's messages, in order within its group */
  readonly onEvents: (logGroup: string, messages: readonly string[]) => void | Promise<void>;
  /** totals over the groups */
  readonly onProgress?: (progress: { pages: number; events: number }) => void;
}

export interface FetchedLogGroup {
  readonly logGroup: string;
  readonly events: number;
  readonly pages: number;
  /** the LogFormat of the flow logs that deliver to the group (all of them, when several with different formats) */
  readonly logFormats: readonly string[];
  readonly flowLogIds: readonly string[];
}

export interface FetchedLogGroups {
  readonly region: string;
  readonly groups: readonly FetchedLogGroup[];
  /** DescribeFlowLogs' error code when it was refused (every group's LogFormat is then unknown here) */
  readonly describeRefused: string | null;
}

export async function fetchLogEvents(options: FetchLogEventsOptions): Promise<FetchedLogGroups> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const profile = effectiveProfile(options.profile);
  const region = options.region ?? (await defaultRegion(options.profile));
  if (!region) throw new CollectError(`no region given and profile ${profile} names none: pass --region (e.g. us-east-1)`);
  const common = {
    region,
    credentials: credentialProvider({ ...(options.profile ? { profile: options.profile } : {}), ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}) }),
    ...sdkRequestOptions({ endpoint: options.endpointUrl, maxAttempts: options.maxAttempts, requestTimeoutMs: options.requestTimeoutMs }),
  };
  const ec2 = new EC2Client(common);
  const logs = new CloudWatchLogsClient(common);
  const limiter = new Limiter(options.concurrency ?? DEFAULT_CONCURRENCY);
  const send = <T>(task: () => Promise<T>) => limiter.run(task, options.signal);
  const refused = (what: string, error: unknown): never => {
    const problem = credentialProblem(error, profile);
    if (problem) throw new CredentialsError(problem);
    throw new CollectError(`${what}: ${errorCode(error)}: ${errorMessage(error)}`);
  };
  const totals = { pages: 0, events: 0 };

  /** the flow logs delivering to each group: one DescribeFlowLogs listing for all of them */
  async function describe(): Promise<{ formats: Map<string, string[]>; ids: Map<string, string[]>; refusedCode: string | null }> {
    const formats = new Map(options.logGroups.map((g) => [g, [] as string[]]));
    const ids = new Map(options.logGroups.map((g) => [g, [] as string[]]));
    try {
      let token: string | undefined;
      do {
        const page = await send(() => ec2.send(new DescribeFlowLogsCommand({ Filter: [{ Name: 'log-group-name', Values: [...options.logGroups] }], MaxResults: 1000, ...(token ? { NextToken: token } : {}) })));
        // filtered here too: the filter is a convenience of the API, the group's name is what counts
        for (const flowLog of page.FlowLogs ?? []) {
          const group = options.logGroups.find((g) => flowLog.LogGroupName === g || flowLog.LogDestination?.endsWith(`:log-group:${g}`) === true);
          if (group === undefined) continue;
          if (flowLog.FlowLogId) ids.get(group)!.push(flowLog.FlowLogId);
          const list = formats.get(group)!;
          if (flowLog.LogFormat && !list.includes(flowLog.LogFormat)) list.push(flowLog.LogFormat);
        }
        token = page.NextToken;
      } while (token);
      return { formats, ids, refusedCode: null };
    } catch (error) {
      if (credentialProblem(error, profile)) refused('ec2 DescribeFlowLogs', error);
      if (!DENIED.has(errorCode(error))) refused(`ec2 DescribeFlowLogs in ${region}`, error);
      return { formats, ids, refusedCode: errorCode(error) };
    }
  }

  async function readGroup(logGroup: string): Promise<{ pages: number; events: number }> {
    let pages = 0;
    let events = 0;
    try {
      let token: string | undefined;
      do {
        options.signal?.throwIfAborted();
        const page = await send(() => logs.send(new FilterLogEventsCommand({ logGroupName: logGroup, startTime: options.startTime, endTime: options.endTime, limit: PAGE, ...(token ? { nextToken: token } : {}) })));
        pages++;
        const messages = (page.events ?? []).map((event) => event.message ?? '').filter((message) => message !== '');
        events += messages.length;
        await options.onEvents(logGroup, messages);
        totals.pages++;
        totals.events += messages.length;
        options.onProgress?.({ ...totals });
        token = page.nextToken;
      } while (token);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const code = errorCode(error);
      if (code === 'ResourceNotFoundException') throw new InputError(`--log-group: ${logGroup} does not exist in ${region} for these credentials (${errorMessage(error)})`);
      if (DENIED.has(code)) throw new CollectError(`logs:FilterLogEvents on ${logGroup} was refused (${code}): grant the actions of docs/iam-policy-flowlogs.json`);
      refused(`logs FilterLogEvents on ${logGroup} in ${region}`, error);
    }
    return { pages, events };
  }

  try {
    const described = await describe();
    for (const group of options.logGroups) await options.onFormats?.(group, described.formats.get(group)!, described.refusedCode);
    const read = await Promise.all(options.logGroups.map((group) => readGroup(group)));
    return {
      region,
      describeRefused: described.refusedCode,
      groups: options.logGroups.map((logGroup, i) => ({ logGroup, ...read[i]!, logFormats: described.formats.get(logGroup)!, flowLogIds: described.ids.get(logGroup)! })),
    };
  } finally {
    ec2.destroy();
    logs.destroy();
  }
}
