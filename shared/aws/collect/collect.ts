// The live collection: for each account (one profile each, or one role
// each in an organization), who the credentials belong to, which regions,
// then every list call of every account and region at once (under one
// concurrency limit), each followed by its per-resource calls as soon as its
// list is known. A call AWS refuses becomes an entry of `errors` and the rest
// goes on; only a run in which every call fails is a failure.
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { SNAPSHOT_FORMAT, type RawError, type RawRegion, type RawSnapshot } from '../raw.js';
import { credentialProblem, CredentialsError, errorCode, errorMessage } from '../credentials/problems.js';
import { PER_RESOURCE_CALLS, REGION_LIST_CALLS, type ListCall, type PerResourceCall } from './calls.js';
import { CollectCancelledError, CollectError, TIMEOUT_CODE } from './errors.js';
import { Limiter } from './limiter.js';
import { plainList, toPlainJson } from './plain-json.js';
import { isPlainJsonAnswer } from './xml/protocols.js';
import { LIST_PAGES, RESOURCE_PAGES, TOKEN_MEMBERS, type Pages, type RegionClients } from './sdk-calls.js';

/** Two regions' list calls start in one wave; EC2's request bucket (100 a region) absorbs such a burst. */
export const DEFAULT_CONCURRENCY = 32;

export interface CollectProgress {
  /** calls finished, all their pages read (failed ones included) */
  readonly callsDone: number;
  /** calls known so far: grows as lists reveal the resources that need per-resource calls */
  readonly callsTotal: number;
  /** HTTP requests answered (one per page) */
  readonly requests: number;
  /** resources collected so far */
  readonly resources: number;
  readonly account?: string;
  readonly region?: string;
  readonly api?: string;
}

export interface CollectClients {
  readonly sts: STSClient;
  /** the EC2 client for DescribeRegions */
  readonly home: RegionClients;
  forRegion(region: string): RegionClients;
}

export interface CollectRequest {
  /** regions to read, or every enabled region of the account */
  readonly regions: readonly string[] | 'all';
  /** the profile the credentials come from, for messages and the snapshot's `source` */
  readonly profile: string;
  /** several profiles (one account each), for the snapshot's `source` */
  readonly profiles?: readonly string[];
  readonly partition?: string;
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: CollectProgress) => void;
}

type Row = Record<string, unknown>;

/** What a failed call records: AWS's code and message, or for a timeout a line a person can read. */
function failureOf(error: unknown): { code: string; message: string } {
  const { name, code, $metadata } = (error ?? {}) as { name?: unknown; code?: unknown; $metadata?: { attempts?: number } };
  if (name === 'TimeoutError' || code === 'ETIMEDOUT') {
    const attempts = $metadata?.attempts;
    return { code: TIMEOUT_CODE, message: `no answer in time${attempts ? `, asked ${attempts} time${attempts === 1 ? '' : 's'}` : ''}` };
  }
  return { code: errorCode(error), message: errorMessage(error) };
}

class Run {
  readonly errors: RawError[] = [];
  private readonly limiter: Limiter;
  private callsDone = 0;
  private callsTotal = 0;
  private callsOk = 0;
  private requests = 0;
  private resources = 0;

  constructor(private readonly request: CollectRequest) {
    this.limiter = new Limiter(request.concurrency ?? DEFAULT_CONCURRENCY);
  }

  get signal(): AbortSignal | undefined {
    return this.request.signal;
  }

  checkCancelled(): void {
    if (this.signal?.aborted) throw new CollectCancelledError();
  }

  planned(count: number): void {
    this.callsTotal += count;
  }

  report(account: string | undefined, region: string | undefined, api: string): void {
    this.request.onProgress?.({
      callsDone: this.callsDone,
      callsTotal: this.callsTotal,
      requests: this.requests,
      resources: this.resources,
      account: account || undefined,
      region,
      api,
    });
  }

  /** One request under the concurrency limit. */
  async send<T>(account: string | undefined, region: string | undefined, api: string, task: () => Promise<T>): Promise<T> {
    this.checkCancelled();
    try {
      const answer = await this.limiter.run(task, this.signal);
      this.requests++;
      this.report(account, region, api);
      return answer;
    } catch (error) {
      this.checkCancelled();
      throw error;
    }
  }

  /** Every page of one call; undefined when AWS refused it (recorded in `errors`). */
  async readPages(
    account: string,
    region: string,
    api: string,
    pages: () => Pages,
    where: { key: string; resourceId?: string },
  ): Promise<object[] | undefined> {
    const answers: object[] = [];
    try {
      const iterator = pages();
      for (;;) {
        const next = await this.send(account, region, api, () => iterator.next());
        if (next.done) break;
        answers.push(next.value);
      }
      this.callsOk++;
      return answers;
    } catch (error) {
      this.checkCancelled();
      this.errors.push({
        account,
        region,
        api,
        ...failureOf(error),
        key: where.key,
        ...(where.resourceId ? { resourceId: where.resourceId } : {}),
      });
      return undefined;
    } finally {
      this.callsDone++;
      this.report(account, region, api);
    }
  }

  counted(items: Row[]): Row[] {
    this.resources += items.length;
    return items;
  }

  /** A call the whole run depends on: any failure ends the run with one clear line (naming `profile`). */
  async accountCall<T>(api: string, what: string, task: () => Promise<T>, profile = this.request.profile, account?: string): Promise<T> {
    this.planned(1);
    try {
      return await this.send(account, undefined, api, task);
    } catch (error) {
      if (error instanceof CollectCancelledError) throw error;
      const problem = credentialProblem(error, profile);
      if (problem) throw new CredentialsError(problem);
      throw new CollectError(`${what}: ${errorCode(error)}: ${errorMessage(error)}`);
    } finally {
      this.callsDone++;
    }
  }

  /** Throws when nothing at all could be read, naming the first refusal. */
  checkSomethingRead(): void {
    if (this.callsOk > 0 || this.errors.length === 0) return;
    const first = this.errors[0]!;
    const credentials = credentialProblem(first, this.request.profile);
    if (credentials) throw new CredentialsError(credentials);
    throw new CollectError(`every AWS call failed; the first: ${first.api} in ${first.region}: ${first.code}: ${first.message}`);
  }
}

function listOf(answers: readonly object[], member: string): Row[] {
  return answers.flatMap((answer) => {
    const list = (answer as Row)[member];
    // answers read by our protocols are plain JSON already; a copy of 10k ENIs costs half a second
    return isPlainJsonAnswer(answer) && Array.isArray(list) ? (list as Row[]) : plainList(list);
  });
}

/** Members of the last page other than the list and the page tokens (e.g. AdditionalRoutesAvailable). */
function extraMembers(answers: readonly object[], childKey: string): Row {
  const last = (toPlainJson(answers[answers.length - 1] ?? {}) ?? {}) as Row;
  return Object.fromEntries(Object.entries(last).filter(([key]) => key !== childKey && !TOKEN_MEMBERS.has(key)));
}

async function collectPerResource(
  run: Run,
  account: string,
  clients: RegionClients,
  region: string,
  call: PerResourceCall,
  parents: Row[],
  data: Record<string, Row[]>,
): Promise<void> {
  const ids = parents.map((parent) => parent[call.idField]).filter((id): id is string => typeof id === 'string');
  run.planned(ids.length);
  const entries = await Promise.all(
    ids.map(async (id) => {
      const answers = await run.readPages(
        account,
        region,
        call.api,
        () => RESOURCE_PAGES[call.api]!({ clients, pageSize: call.maxPage, signal: run.signal }, id),
        { key: call.key, resourceId: id },
      );
      if (!answers) return undefined;
      const children = run.counted(listOf(answers, call.childKey));
      return { [call.idField]: id, [call.childKey]: children, ...extraMembers(answers, call.childKey) };
    }),
  );
  if (call.key === call.parentKey) {
    // ManagedPrefixLists[].Entries: the entries belong inside the list they were read for
    for (const entry of entries) {
      const parent = entry && parents.find((row) => row[call.idField] === entry[call.idField]);
      if (parent) parent[call.childKey] = entry[call.childKey];
    }
    return;
  }
  const collected = entries.filter((entry): entry is Row => entry !== undefined);
  data[call.key] = collected;
  // calls made per resource of these entries' lists (DescribeRules per listener)
  const dependents = PER_RESOURCE_CALLS.filter((dependent) => dependent.parentKey === call.key && dependent.parentList !== undefined);
  await Promise.all(dependents.map((dependent) => collectPerResource(run, account, clients, region, dependent, collected.flatMap((entry) => listOf([entry], dependent.parentList!)), data)));
}

async function collectList(
  run: Run,
  account: string,
  clients: RegionClients,
  region: string,
  call: ListCall,
  data: Record<string, Row[]>,
): Promise<void> {
  const answers = await run.readPages(
    account,
    region,
    call.api,
    () => LIST_PAGES[call.api]!({ clients, pageSize: call.maxPage, signal: run.signal }),
    { key: call.key },
  );
  if (!answers) return;
  const items = run.counted(listOf(answers, call.member ?? call.key));
  data[call.key] = items;
  const dependents = PER_RESOURCE_CALLS.filter((dependent) => dependent.parentKey === call.key && dependent.parentList === undefined);
  await Promise.all(dependents.map((dependent) => collectPerResource(run, account, clients, region, dependent, items, data)));
}

async function collectRegion(run: Run, account: string, clients: RegionClients, region: string): Promise<RawRegion> {
  const data: Record<string, Row[]> = {};
  await Promise.all(REGION_LIST_CALLS.map((call) => collectList(run, account, clients, region, call, data)));
  // keys in a stable order, whatever order the answers came in
  const ordered: Record<string, Row[]> = {};
  for (const key of [...REGION_LIST_CALLS.map((c) => c.key), ...PER_RESOURCE_CALLS.map((c) => c.key)]) {
    if (data[key]) ordered[key] = data[key];
  }
  return ordered as RawRegion;
}

async function callerAccount(run: Run, source: AccountSource): Promise<string> {
  const identity = await run.accountCall(
    'GetCallerIdentity',
    `cannot identify the AWS account${source.label ? ` of ${source.label}` : ''} (STS GetCallerIdentity)`,
    () => source.clients.sts.send(new GetCallerIdentityCommand({}), { abortSignal: run.signal }),
    source.profile,
    source.account,
  );
  if (!identity.Account) throw new CollectError('STS GetCallerIdentity returned no account id');
  return identity.Account;
}

async function enabledRegions(run: Run, source: AccountSource, account: string): Promise<string[]> {
  const answer = await run.accountCall(
    'DescribeRegions',
    `cannot list the enabled regions of account ${account} (EC2 DescribeRegions)`,
    () => source.clients.home.ec2.send(new DescribeRegionsCommand({ AllRegions: false }), { abortSignal: run.signal }),
    source.profile,
    account,
  );
  return (answer.Regions ?? []).map((region) => region.RegionName).filter((name): name is string => !!name);
}

/** One account to collect: its clients, and how the user knows it. */
export interface AccountSource {
  readonly clients: CollectClients;
  /** the profile whose credentials reach it (for messages about credentials) */
  readonly profile: string;
  /** the account id when already known (an organization's member); else STS says */
  readonly account?: string;
  /** e.g. "profile prod" or "role ReachmapRead in 222233334444", for messages */
  readonly label?: string;
}

/** What collecting an organization knew before the first describe call: accounts it could not enter, and names. */
export interface CollectExtras {
  /** accounts whose role could not be assumed: region "*", api "sts:AssumeRole" */
  readonly errors?: readonly RawError[];
  readonly accountNames?: Readonly<Record<string, string>>;
}

async function collectAccount(run: Run, source: AccountSource, request: CollectRequest): Promise<[string, Record<string, RawRegion>]> {
  const account = source.account ?? (await callerAccount(run, source));
  const regions = request.regions === 'all' ? await enabledRegions(run, source, account) : [...request.regions];
  if (regions.length === 0) throw new CollectError(`no region to collect in account ${account}`);
  run.planned(regions.length * REGION_LIST_CALLS.length);
  const collected = await Promise.all(regions.map((region) => collectRegion(run, account, source.clients.forRegion(region), region)));
  return [account, Object.fromEntries(regions.map((region, index) => [region, collected[index]!]))];
}

/** Several accounts in one snapshot, all under the one concurrency limit. */
export async function collectAccounts(sources: readonly AccountSource[], request: CollectRequest, extras: CollectExtras = {}): Promise<RawSnapshot> {
  const run = new Run(request);
  const createdAt = new Date().toISOString();
  const collected = await Promise.all(sources.map((source) => collectAccount(run, source, request)));
  run.checkCancelled();
  const accounts: Record<string, Record<string, RawRegion>> = {};
  for (const [account, regions] of collected) {
    // two profiles of one account: one account, its regions once
    accounts[account] = { ...accounts[account], ...regions };
  }
  run.checkSomethingRead();
  const profiles = request.profiles && request.profiles.length > 1 ? { profiles: [...request.profiles] } : {};
  const names = extras.accountNames && Object.keys(extras.accountNames).length > 0 ? { accountNames: { ...extras.accountNames } } : {};
  return {
    format: SNAPSHOT_FORMAT,
    createdAt,
    source: { kind: 'aws-live', profile: request.profile, ...profiles, partition: request.partition ?? 'aws', ...names },
    accounts,
    errors: [...(extras.errors ?? []), ...run.errors],
  };
}

export async function collectSnapshot(clients: CollectClients, request: CollectRequest): Promise<RawSnapshot> {
  return collectAccounts([{ clients, profile: request.profile }], request);
}
