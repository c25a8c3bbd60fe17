// A local AWS endpoint for the collector's tests: a real HTTP server on
// 127.0.0.1 that speaks the EC2 Query API, the ELBv2 Query API, STS
// (GetCallerIdentity, AssumeRole) and AWS JSON 1.1 services (Organizations)
// over the content of a raw snapshot, with injectable
// faults (page size, throttling, denied actions, latency, expired
// credentials). Every request is recorded so that tests can check what the
// collector really sent.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RawRegion, RawSnapshot } from '../../shared/aws/raw.js';
import { AwsFault, operationSpec, type Answer, type ServiceName } from './operations.js';
import { loadServiceModel, shapeOf, type ServiceModel } from './service-model.js';
import { escapeXml, serializeMembers } from './xml.js';
import { answerJsonRequest, JSON_CONTENT_TYPE, jsonError, jsonTarget, type JsonService } from './json-protocol.js';
import { organizationsService, type TestOrganization } from './organizations.js';
import { logsService, type TestLogGroups } from './logs.js';

export interface Faults {
  /** items per page for paginated calls (AWS: at most 1000) */
  pageSize?: number;
  /** action -> how many of its first calls answer RequestLimitExceeded (EC2) or Throttling (ELBv2, STS) */
  throttleFirst?: Record<string, number>;
  /** actions answered with UnauthorizedOperation (EC2) or AccessDenied (ELBv2, STS) */
  denied?: string[];
  /** added to every answer */
  latencyMs?: number;
  /** every call answers ExpiredToken, as AWS does for an expired session token */
  expiredCredentials?: boolean;
  /** actions never answered: the connection stays open, silent (a hung proxy or network) */
  hang?: string[];
  /** JSON 1.1 requests (CloudWatch Logs, Organizations) are held until this many are in flight at once, then all answered: proof that a client sends that many concurrently */
  gatherJson?: number;
}

export interface ReceivedCall {
  readonly service: ServiceName;
  readonly action: string;
  readonly account: string;
  readonly region: string;
  /** 0: never answered (the `hang` fault) */
  readonly status: number;
  /** the resource a per-resource call was made for (route table, prefix list, load balancer, target group) */
  readonly resourceId?: string;
}

const RESOURCE_PARAMS = ['TransitGatewayRouteTableId', 'PrefixListId', 'LoadBalancerArn', 'TargetGroupArn'];

export interface AwsTestServerOptions {
  readonly snapshot: RawSnapshot;
  /** access key id -> account it signs for; without it every key is the snapshot's first account */
  readonly accessKeys?: Readonly<Record<string, string>>;
  readonly faults?: Faults;
  /** Organizations' view of the accounts, and the roles STS AssumeRole may enter */
  readonly organization?: TestOrganization;
  /** CloudWatch Logs: account -> log group -> events (FilterLogEvents) */
  readonly logGroups?: TestLogGroups;
  /**
   * Seconds each role session lasts, by the order AssumeRole hands them out
   * for one account (the last repeats; negative: expired already); default
   * 3600. A request signed by an expired session is refused (ExpiredToken),
   * so that expiry happens by data, never by waiting.
   */
  readonly sessionLifetimes?: readonly number[];
}

const MODEL_OF_SERVICE = { ec2: 'ec2', elbv2: 'elbv2', sts: 'sts', organizations: 'organizations', logs: 'logs' } as const;
/** SigV4 signing names, as they appear in the credential scope */
const SIGNING_NAMES: Readonly<Record<string, ServiceName>> = {
  ec2: 'ec2',
  elasticloadbalancing: 'elbv2',
  sts: 'sts',
  organizations: 'organizations',
  logs: 'logs',
};
const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const MAX_PAGE = 1000;
/** not an AWS path: the test's own control of a server running in another process */
export const CONTROL_PATH = '/__reachmap';

export class AwsTestServer {
  readonly calls: ReceivedCall[] = [];
  /** JSON 1.1 requests being answered now, and the most at once */
  jsonInFlight = 0;
  maxJsonInFlight = 0;
  private readonly heldJson: (() => void)[] = [];
  faults: Faults;
  private readonly server: http.Server;
  private readonly callsPerAction = new Map<string, number>();
  /**
   * Answers already serialized, by account, region, page size and request
   * body: a benchmark measures the collector, and AWS's own serialization
   * does not run on the collector's machine.
   */
  private readonly answerCache = new Map<string, Buffer>();
  /** temporary access keys handed out by AssumeRole -> the account they sign for, until when */
  private readonly assumedKeys = new Map<string, { account: string; expires: number }>();
  private readonly jsonServices: Partial<Record<ServiceName, JsonService>>;
  private port = 0;

  constructor(private readonly options: AwsTestServerOptions) {
    this.faults = { ...options.faults };
    this.jsonServices = { organizations: organizationsService(options.organization), logs: logsService(options.logGroups) };
    this.server = http.createServer((request, response) => {
      void this.handle(request, response);
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Actions received, each once, sorted. */
  actions(): string[] {
    return [...new Set(this.calls.map((call) => call.action))].sort();
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const body = await readBody(request);
    if (request.url?.startsWith(CONTROL_PATH)) {
      this.control(request, body, response);
      return;
    }
    const scope = credentialScope(request.headers.authorization);
    const service = SIGNING_NAMES[scope?.service ?? ''] ?? 'ec2';
    const region = scope?.region ?? 'us-east-1';
    const target = jsonTarget(request.headers['x-amz-target']);
    if (target) {
      await this.handleJson(service, target, body, scope?.accessKeyId, region, response);
      return;
    }
    const params = new URLSearchParams(body);
    const action = params.get('Action') ?? '';
    const model = loadServiceModel(MODEL_OF_SERVICE[service]);
    let account = '';
    let status = 200;
    let xml: string | Buffer[];
    try {
      account = this.accountFor(scope?.accessKeyId);
      this.checkFaults(service, action);
      const cacheKey = `${service} ${account} ${region} ${this.faults.pageSize ?? ''} ${body}`;
      let members = this.answerCache.get(cacheKey);
      if (!members) {
        members = Buffer.from(this.answerMembers(model, service, action, { account, region, params }));
        // STS answers hold fresh credentials: never served twice
        if (service !== 'sts') this.answerCache.set(cacheKey, members);
      }
      xml = this.wrapAnswer(model, service, action, members);
    } catch (error) {
      const fault =
        error instanceof AwsFault ? error : new AwsFault('InternalError', error instanceof Error ? error.message : String(error), 500);
      status = fault.status;
      xml = service === 'ec2' ? ec2ErrorXml(fault) : queryErrorXml(model, fault);
    }
    if (this.faults.hang?.includes(action)) {
      this.calls.push({ service, action, account, region, status: 0 });
      return;
    }
    const resourceParam = RESOURCE_PARAMS.find((name) => params.has(name));
    this.calls.push({ service, action, account, region, status, ...(resourceParam ? { resourceId: params.get(resourceParam)! } : {}) });
    const latency = this.faults.latencyMs ?? 0;
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    if (response.destroyed) return;
    response.writeHead(status, { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': randomUUID() });
    if (typeof xml === 'string') {
      response.end(xml);
      return;
    }
    for (const part of xml.slice(0, -1)) response.write(part);
    response.end(xml[xml.length - 1]);
  }

  /** For a server in another process: GET the calls received, POST new faults (JSON). */
  private control(request: http.IncomingMessage, body: string, response: http.ServerResponse): void {
    if (request.method === 'POST' && request.url === `${CONTROL_PATH}/faults`) {
      this.faults = JSON.parse(body) as Faults;
      this.calls.length = 0;
      this.callsPerAction.clear();
      response.writeHead(204).end();
    } else if (request.method === 'GET' && request.url === `${CONTROL_PATH}/calls`) {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.calls));
    } else {
      response.writeHead(404).end();
    }
  }

  /** A request of the AWS JSON 1.1 protocol (X-Amz-Target): Organizations, CloudWatch Logs. */
  private async handleJson(
    service: ServiceName,
    target: { prefix: string; operation: string },
    body: string,
    accessKeyId: string | undefined,
    region: string,
    response: http.ServerResponse,
  ): Promise<void> {
    let account = '';
    const jsonService = this.jsonServices[service];
    const answer = jsonService
      ? answerJsonRequest(jsonService, target, body, {
          account: () => (account = this.accountFor(accessKeyId)),
          region,
          pageCap: this.faults.pageSize,
          check: (operation) => this.checkFaults(service, operation),
        })
      : { status: 400, body: jsonError(new AwsFault('UnknownOperationException', `no JSON service ${service} here`)), operation: target.operation };
    if (this.faults.hang?.includes(answer.operation)) {
      this.calls.push({ service, action: answer.operation, account, region, status: 0 });
      return;
    }
    this.calls.push({ service, action: answer.operation, account, region, status: answer.status });
    this.jsonInFlight++;
    this.maxJsonInFlight = Math.max(this.maxJsonInFlight, this.jsonInFlight);
    try {
      const gather = this.faults.gatherJson ?? 0;
      if (gather > 1 && this.maxJsonInFlight < gather) await new Promise<void>((resolve) => this.heldJson.push(resolve));
      else for (const release of this.heldJson.splice(0)) release();
      const latency = this.faults.latencyMs ?? 0;
      if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
      if (response.destroyed) return;
      response.writeHead(answer.status, { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': randomUUID() });
      response.end(answer.body);
    } finally {
      this.jsonInFlight--;
    }
  }

  /** STS AssumeRole: a role of the organization's `roles` gives a new key that signs for the role's account. */
  private assumeRole(roleArn: string): { accessKeyId: string; account: string; expiration: Date } | undefined {
    const match = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
    if (!match) throw new AwsFault('ValidationError', `${roleArn} is not a role ARN`);
    const [, account, role] = match;
    if (!this.options.organization?.roles?.[account!]?.includes(role!)) return undefined;
    const accessKeyId = `ASIAREACHMAP${String(this.assumedKeys.size).padStart(4, '0')}${account}`;
    const earlier = [...this.assumedKeys.values()].filter((session) => session.account === account).length;
    const lifetimes = this.options.sessionLifetimes ?? [3600];
    const expires = Date.now() + (lifetimes[Math.min(earlier, lifetimes.length - 1)] ?? 3600) * 1000;
    this.assumedKeys.set(accessKeyId, { account: account!, expires });
    return { accessKeyId, account: account!, expiration: new Date(expires) };
  }

  private accountFor(accessKeyId: string | undefined): string {
    const assumed = accessKeyId ? this.assumedKeys.get(accessKeyId) : undefined;
    if (assumed && assumed.expires <= Date.now()) throw new AwsFault('ExpiredToken', 'The security token included in the request is expired', 400);
    if (assumed) return assumed.account;
    const mapped = accessKeyId ? this.options.accessKeys?.[accessKeyId] : undefined;
    if (mapped) return mapped;
    if (this.options.accessKeys) {
      throw new AwsFault('InvalidClientTokenId', `The security token ${accessKeyId ?? '(none)'} is not known here`, 403);
    }
    return Object.keys(this.options.snapshot.accounts)[0] ?? '123456789012';
  }

  private checkFaults(service: ServiceName, action: string): void {
    const seen = this.callsPerAction.get(action) ?? 0;
    this.callsPerAction.set(action, seen + 1);
    if (this.faults.expiredCredentials) {
      throw new AwsFault('ExpiredToken', 'The security token included in the request is expired', 400);
    }
    if (this.faults.denied?.includes(action)) {
      if (service === 'ec2') {
        throw new AwsFault('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403);
      }
      throw new AwsFault('AccessDenied', `User is not authorized to perform: ${action}`, 403);
    }
    if (seen < (this.faults.throttleFirst?.[action] ?? 0)) {
      if (service === 'ec2') throw new AwsFault('RequestLimitExceeded', 'Request limit exceeded.', 503);
      throw new AwsFault('Throttling', 'Rate exceeded', 400);
    }
  }

  /** The XML of the answer's members: the part that depends on the snapshot. */
  private answerMembers(
    model: ServiceModel,
    service: ServiceName,
    action: string,
    request: { account: string; region: string; params: URLSearchParams },
  ): string {
    const spec = operationSpec(action);
    const operation = model.operations[action];
    if (!spec || spec.service !== service || !operation?.output) {
      throw new AwsFault('InvalidAction', `The action ${action} is not valid for this web service.`);
    }
    const version = request.params.get('Version');
    if (version !== model.metadata.apiVersion) {
      throw new AwsFault('InvalidParameterValue', `Version ${version ?? '(none)'} is not ${model.metadata.apiVersion}`);
    }
    const accountData = this.options.snapshot.accounts[request.account] ?? {};
    const data: RawRegion = accountData[request.region] ?? {};
    const answer = spec.answer({ ...request, regions: Object.keys(accountData), data, assumeRole: (arn) => this.assumeRole(arn) });
    const output = this.page(model, service, operation.output.shape, answer, request.params);
    return serializeMembers(model, operation.output.shape, output);
  }

  /** The whole answer document around its members, with a request id of its own. */
  private wrapAnswer(model: ServiceModel, service: ServiceName, action: string, members: Buffer): Buffer[] {
    if (service === 'ec2') {
      return [
        Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${EC2_NAMESPACE}"><requestId>${randomUUID()}</requestId>`),
        members,
        Buffer.from(`</${action}Response>`),
      ];
    }
    const wrapper = model.operations[action]?.output?.resultWrapper ?? `${action}Result`;
    return [
      Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${model.metadata.xmlNamespace ?? ''}"><${wrapper}>`),
      members,
      Buffer.from(`</${wrapper}><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`),
    ];
  }

  /** One page of a list answer: the list goes into the output's only list member; a token when more remain. */
  private page(
    model: ServiceModel,
    service: ServiceName,
    outputShape: string,
    answer: Answer,
    params: URLSearchParams,
  ): Record<string, unknown> {
    if ('output' in answer) return { ...answer.output };
    const members = shapeOf(model, { shape: outputShape }).members ?? {};
    const listMember = Object.keys(members).find((name) => shapeOf(model, members[name]!).type === 'list');
    if (!listMember) throw new Error(`${outputShape} has no list member`);
    const [inToken, outToken, sizeParam] =
      service === 'ec2' ? ['NextToken', 'NextToken', 'MaxResults'] : ['Marker', 'NextMarker', 'PageSize'];
    if (!(outToken in members)) return { [listMember]: answer.list };
    const start = decodeToken(params.get(inToken));
    const requested = Number(params.get(sizeParam) ?? MAX_PAGE);
    const size = Math.max(1, Math.min(requested, this.faults.pageSize ?? MAX_PAGE, MAX_PAGE));
    const end = start + size;
    return {
      [listMember]: answer.list.slice(start, end),
      ...(end < answer.list.length ? { [outToken]: encodeToken(end) } : {}),
    };
  }
}

export async function startAwsTestServer(options: AwsTestServerOptions): Promise<AwsTestServer> {
  const server = new AwsTestServer(options);
  await server.listen();
  return server;
}

function encodeToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64');
}

function decodeToken(token: string | null): number {
  if (!token) return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  if (!match) throw new AwsFault('InvalidNextToken', 'The token is not valid');
  return Number(match[1]);
}

/** `AWS4-HMAC-SHA256 Credential=AKID/20261129/us-east-1/ec2/aws4_request, ...` */
function credentialScope(
  authorization: string | undefined,
): { accessKeyId: string; region: string; service: string } | undefined {
  const match = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? '');
  if (!match) return undefined;
  return { accessKeyId: match[1]!, region: match[2]!, service: match[3]! };
}

function ec2ErrorXml(fault: AwsFault): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(fault.code)}</Code><Message>${escapeXml(fault.message)}</Message></Error></Errors><RequestID>${randomUUID()}</RequestID></Response>`;
}

function queryErrorXml(model: ServiceModel, fault: AwsFault): string {
  const type = fault.status >= 500 ? 'Receiver' : 'Sender';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${model.metadata.xmlNamespace ?? ''}"><Error><Type>${type}</Type><Code>${escapeXml(fault.code)}</Code><Message>${escapeXml(fault.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
}

async function readBody(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
