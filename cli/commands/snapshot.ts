// `reachmap snapshot`: collects the network of an AWS account with the local
// credentials and writes a reachmap-snapshot/1 file (mode 0600). Progress
// goes to stderr: a bar on a terminal, plain lines otherwise.
import type { Command } from 'commander';
import { InputError } from '../../shared/api/errors.js';
import type { CollectorProgress as CollectProgress } from '../../shared/api/live/node.js';
import { CollectCancelledError, TIMEOUT_CODE } from '../../shared/api/live/errors.js';
import type { RawError, RawSnapshot } from '../../shared/api/snapshot/node.js';
import { action } from '../common.js';
import { parseConcurrency } from '../concurrency-option.js';
import { shown, writeErrorText } from '../output.js';
import { registerSnapshotMergeCommand } from './snapshot-merge.js';

interface SnapshotCommandOptions {
  /** given more than once: one account each, collected into one snapshot */
  profile?: string[];
  orgRole?: string;
  accounts?: string;
  regions?: string;
  out: string;
  endpointUrl?: string;
  concurrency?: string;
  requestTimeout?: string;
}

/** 128 + SIGINT, as shells report an interrupted command */
const EXIT_INTERRUPTED = 130;
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const PLAIN_LINE_INTERVAL_MS = 1000;

export function parseRegions(text: string | undefined): readonly string[] | 'all' | undefined {
  if (text === undefined) return undefined;
  if (text.trim() === 'all') return 'all';
  const regions = text.split(',').map((region) => region.trim());
  for (const region of regions) {
    if (!REGION_NAME.test(region)) throw new InputError(`--regions: "${region}" is not an AWS region name (e.g. us-east-1), nor "all"`);
  }
  return [...new Set(regions)];
}

function parseEndpoint(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError(`--endpoint-url: "${text}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InputError(`--endpoint-url: "${text}" is not an http(s) URL`);
  return text;
}


function parseRequestTimeout(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 3600) {
    throw new InputError(`--request-timeout: "${text}" is not a number of seconds from 1 to 3600`);
  }
  return seconds * 1000;
}

function progressText(progress: CollectProgress): string {
  const where = shown([progress.account, progress.region, progress.api].filter(Boolean).join(' '));
  return `${progress.callsDone}/${progress.callsTotal} calls, ${progress.resources} resources${where ? `, ${where}` : ''}`;
}

/** A redrawn bar on a terminal; elsewhere a plain line when calls finish, at most one a second. */
function progressPrinter(stream: NodeJS.WriteStream): { update(progress: CollectProgress): void; end(): void } {
  if (stream.isTTY) {
    let drawn = false;
    return {
      update(progress) {
        const width = 24;
        const done = progress.callsTotal > 0 ? Math.round((width * progress.callsDone) / progress.callsTotal) : 0;
        const line = `[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${progressText(progress)}`;
        const columns = stream.columns || 80;
        stream.write(`\r${line.slice(0, columns - 1).padEnd(columns - 1)}`);
        drawn = true;
      },
      end() {
        if (drawn) stream.write('\n');
      },
    };
  }
  let lastLine = 0;
  let lastDone = -1;
  return {
    update(progress) {
      const now = Date.now();
      const finished = progress.callsDone === progress.callsTotal && progress.callsTotal > 0;
      if (progress.callsDone === lastDone || (!finished && now - lastLine < PLAIN_LINE_INTERVAL_MS)) return;
      lastDone = progress.callsDone;
      lastLine = now;
      stream.write(`snapshot: ${progressText(progress)}\n`);
    },
    end() {},
  };
}

/**
 * One warning per API, region and code: a policy that denies a per-resource
 * call denies it for every load balancer or route table, and a line each
 * would bury the summary.
 */
export function warningLines(errors: readonly RawError[]): string[] {
  const groups = new Map<string, RawError[]>();
  for (const error of errors) {
    const key = `${error.account} ${error.region} ${error.api} ${error.code}`;
    const group = groups.get(key);
    if (group) group.push(error);
    else groups.set(key, [error]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0]!;
    if (first.region === '*') {
      return `warning: account ${shown(first.account)} could not be read (${shown(first.api)} refused: ${shown(first.code)}: ${shown(first.message)}): everything of it is unknown`;
    }
    const what = first.code === TIMEOUT_CODE ? 'gave no answer' : 'refused';
    const resources = group.filter((error) => error.resourceId).length;
    const where =
      resources === 0 ? '' : resources === 1 ? ` for ${first.resourceId}` : ` for ${resources} resources (${first.resourceId} and others)`;
    return `warning: ${shown(first.api)} in ${shown(first.region)}${shown(where)} ${what}: ${shown(first.code)}: ${shown(first.message)}`;
  });
}

function summary(snapshot: RawSnapshot, resources: number, out: string): string {
  const regions = Object.values(snapshot.accounts).flatMap((account) => Object.keys(account));
  const accounts = Object.keys(snapshot.accounts).map(shown).join(', ');
  const failed = snapshot.errors.length;
  const errors = failed === 0 ? 'no errors' : `${failed} call${failed === 1 ? '' : 's'} failed (recorded as unknown)`;
  return `snapshot: account ${accounts}, ${regions.length} region(s), ${resources} resources, ${errors} -> ${out}\n`;
}

export function registerSnapshotCommand(program: Command): void {
  const snapshot = program
    .command('snapshot')
    .description('collect the network of an AWS account with your local credentials (read-only: docs/iam-policy.json)')
    .requiredOption('--out <file>', 'the reachmap-snapshot/1 file to write (mode 0600)')
    .option('--profile <name>', 'AWS profile (default: AWS_PROFILE, else environment credentials, else "default"); give it once per account to collect several accounts into one snapshot', (value: string, previous: string[] | undefined) => [...(previous ?? []), value])
    .option('--org-role <role>', 'collect every active account of the organization (from its management or a delegated-administrator profile) by assuming this role in each; the caller\'s own account with its own credentials (caller policy: docs/iam-policy-org-caller.json)')
    .option('--accounts <ids>', 'with --org-role: only these comma-separated account ids')
    .option('--regions <list>', 'comma-separated regions, or "all" for every enabled region (default: the profile\'s region)')
    .option('--endpoint-url <url>', 'send every AWS call (STS included) to this endpoint')
    .option('--concurrency <n>', 'AWS requests in flight at most (default 32)')
    .option('--request-timeout <seconds>', 'give up on an AWS answer after this long, then retry it (default 60)')
    .action(
      action(async (options: SnapshotCommandOptions) => {
        if (options.accounts !== undefined && options.orgRole === undefined) throw new InputError('--accounts chooses accounts of an organization: give it with --org-role');
        const { checkRoleName, parseAccountIds } = await import('../../shared/api/live/organization.js');
        const orgRole = options.orgRole === undefined ? undefined : checkRoleName(options.orgRole);
        const accounts = options.accounts === undefined ? undefined : parseAccountIds(options.accounts);
        const regions = parseRegions(options.regions);
        const endpointUrl = parseEndpoint(options.endpointUrl);
        const concurrency = parseConcurrency(options.concurrency);
        const requestTimeoutMs = parseRequestTimeout(options.requestTimeout);
        const printer = progressPrinter(process.stderr);
        const cancel = new AbortController();
        const onInterrupt = () => cancel.abort();
        process.once('SIGINT', onInterrupt);
        let resources = 0;
        try {
          // loaded here: the SDK clients are large, and the other commands need none of them
          const { writeLiveSnapshot } = await import('../../shared/api/live/node.js');
          const snapshot = await writeLiveSnapshot(options.out, {
            ...(options.profile ? { profiles: options.profile } : {}),
            ...(orgRole ? { orgRole } : {}),
            ...(accounts ? { accounts } : {}),
            regions,
            endpointUrl,
            concurrency,
            requestTimeoutMs,
            signal: cancel.signal,
            onProgress: (progress) => {
              resources = progress.resources;
              printer.update(progress);
            },
          });
          printer.end();
          for (const line of warningLines(snapshot.errors)) writeErrorText(`${line}\n`);
          writeErrorText(summary(snapshot, resources, options.out));
          return undefined;
        } catch (error) {
          printer.end();
          if (error instanceof CollectCancelledError) {
            process.stderr.write('error: collection cancelled, nothing written\n');
            return EXIT_INTERRUPTED;
          }
          throw error;
        } finally {
          process.removeListener('SIGINT', onInterrupt);
        }
      }),
    );
  registerSnapshotMergeCommand(snapshot);
}
