// Flow log records from CloudWatch Logs (Node only; it pulls in the AWS SDK):
// the flow logs' LogFormat from EC2 DescribeFlowLogs, then every event of
// the log group in the time range through FilterLogEvents, page by page.
// The clients are made as the collector makes them: the user's credentials
// through the SDK's default chain, adaptive retry (throttling included),
// request and connection timeouts, one endpoint for every client when given;
// credential failures and refusals become one line the user can act on.
import { CloudWatchLogsClient, paginateFilterLogEvents } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client, paginateDescribeFlowLogs } from '@aws-sdk/client-ec2';
import { InputError } from '../../model/errors.js';
import { CollectError } from '../collect/errors.js';
import { credentialProvider, defaultRegion, effectiveProfile, sdkRequestOptions } from '../credentials/node.js';
import { credentialProblem, CredentialsError, errorCode, errorMessage } from '../credentials/problems.js';

/** FilterLogEvents' largest page (botocore's EventsLimit) */
const PAGE = 10_000;
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedAccess']);

export interface FetchLogEventsOptions {
  readonly logGroup: string;
  /** milliseconds since the epoch; end exclusive */
  readonly startTime: number;
  readonly endTime: number;
  readonly profile?: string;
  readonly region?: string;
  readonly endpointUrl?: string;
  readonly maxAttempts?: number;
  readonly requestTimeoutMs?: number;
  readonly signal?: AbortSignal;
  /** the LogFormats of the flow logs delivering to the group (none when unknown), before any event */
  readonly onFormats?: (logFormats: readonly string[]) => void | Promise<void>;
  /** each page's messages, in order */
  readonly onEvents: (messages: readonly string[]) => void | Promise<void>;
  readonly onProgress?: (progress: { pages: number; events: number }) => void;
}

export interface FetchedLogGroup {
  readonly region: string;
  readonly events: number;
  readonly pages: number;
  /** the LogFormat of the flow logs that deliver to the group (all of them, when several with different formats) */
  readonly logFormats: readonly string[];
  readonly flowLogIds: readonly string[];
  readonly warnings: readonly string[];
}

export async function fetchLogEvents(options: FetchLogEventsOptions): Promise<FetchedLogGroup> {
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
  const refused = (what: string, error: unknown): never => {
    const problem = credentialProblem(error, profile);
    if (problem) throw new CredentialsError(problem);
    throw new CollectError(`${what}: ${errorCode(error)}: ${errorMessage(error)}`);
  };
  try {
    const warnings: string[] = [];
    const logFormats: string[] = [];
    const flowLogIds: string[] = [];
    try {
      const pages = paginateDescribeFlowLogs({ client: ec2, pageSize: 1000 }, { Filter: [{ Name: 'log-group-name', Values: [options.logGroup] }] });
      for await (const page of pages) {
        // filtered here too: the filter is a convenience of the API, the group's name is what counts
        for (const flowLog of page.FlowLogs ?? []) {
          if (flowLog.LogGroupName !== options.logGroup && flowLog.LogDestination?.endsWith(`:log-group:${options.logGroup}`) !== true) continue;
          if (flowLog.FlowLogId) flowLogIds.push(flowLog.FlowLogId);
          if (flowLog.LogFormat && !logFormats.includes(flowLog.LogFormat)) logFormats.push(flowLog.LogFormat);
        }
      }
    } catch (error) {
      if (credentialProblem(error, profile)) refused('ec2 DescribeFlowLogs', error);
      if (!DENIED.has(errorCode(error))) refused(`ec2 DescribeFlowLogs in ${region}`, error);
      warnings.push(`ec2:DescribeFlowLogs was refused (${errorCode(error)}): the flow log's LogFormat is unknown`);
    }
    await options.onFormats?.(logFormats);
    let pages = 0;
    let events = 0;
    try {
      const paginator = paginateFilterLogEvents(
        { client: logs, pageSize: PAGE },
        { logGroupName: options.logGroup, startTime: options.startTime, endTime: options.endTime },
      );
      for await (const page of paginator) {
        options.signal?.throwIfAborted();
        pages++;
        const messages = (page.events ?? []).map((event) => event.message ?? '').filter((message) => message !== '');
        events += messages.length;
        await options.onEvents(messages);
        options.onProgress?.({ pages, events });
      }
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const code = errorCode(error);
      if (code === 'ResourceNotFoundException') throw new InputError(`--log-group: ${options.logGroup} does not exist in ${region} for these credentials (${errorMessage(error)})`);
      if (DENIED.has(code)) throw new CollectError(`logs:FilterLogEvents on ${options.logGroup} was refused (${code}): grant the actions of docs/iam-policy-flowlogs.json`);
      refused(`logs FilterLogEvents on ${options.logGroup} in ${region}`, error);
    }
    return { region, events, pages, logFormats, flowLogIds, warnings };
  } finally {
    ec2.destroy();
    logs.destroy();
  }
}
