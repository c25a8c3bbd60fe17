// The AWS JSON 1.1 protocol, as Organizations and CloudWatch Logs speak it:
// a POST whose `X-Amz-Target: <targetPrefix>.<Operation>` names the
// operation, a JSON body for its input, a JSON answer, and errors as
// `{"__type": code, "message": ...}` with AWS's status. Operation names,
// the output's members and their types, and how each list is paged
// (input and output token, limit member, result member) all come from
// botocore's model and paginators, never from a hand-written table, so that
// a service is added by giving its answers only.
import { AwsFault, type Answer } from './operations.js';
import { loadPaginators, loadServiceModel, shapeOf, type MemberRef, type ModelName, type ServiceModel } from './service-model.js';

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

export interface JsonRequestContext {
  /** the account the request's credentials sign for */
  readonly account: string;
  readonly region: string;
  /** the decoded JSON input (an object; `{}` for an empty body) */
  readonly input: Readonly<Record<string, unknown>>;
}

/** What an operation answers: its whole list (paged here, by the model's paginator) or its complete output. */
export type JsonOperation = (context: JsonRequestContext) => Answer;

export interface JsonService {
  readonly modelName: ModelName;
  readonly operations: Readonly<Record<string, JsonOperation>>;
}

export interface JsonAnswer {
  readonly status: number;
  readonly body: string;
  /** the operation named by the target, '' when it could not be read */
  readonly operation: string;
}

/** `Prefix.Operation` from the X-Amz-Target header; undefined for a request of another protocol. */
export function jsonTarget(header: string | string[] | undefined): { prefix: string; operation: string } | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^([^.]+)\.([A-Za-z0-9]+)$/.exec(value ?? '');
  return match ? { prefix: match[1]!, operation: match[2]! } : undefined;
}

export function jsonError(fault: AwsFault): string {
  return JSON.stringify({ __type: fault.code, message: fault.message });
}

function parseInput(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new AwsFault('SerializationException', 'The request body is not JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new AwsFault('SerializationException', 'The request body is not a JSON object');
  }
  return value as Record<string, unknown>;
}

/** A value as JSON 1.1 writes it: timestamps as epoch seconds, members only where the shape has them. */
function serialize(model: ServiceModel, ref: MemberRef, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  const shape = shapeOf(model, ref);
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) return undefined;
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        const serialized = serialize(model, member, (value as Record<string, unknown>)[name]);
        if (serialized !== undefined) out[member.locationName ?? name] = serialized;
      }
      return out;
    }
    case 'list':
      return Array.isArray(value) ? value.map((item) => serialize(model, shape.member!, item)) : undefined;
    case 'map':
      return typeof value === 'object'
        ? Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, serialize(model, shape.value!, item)]))
        : undefined;
    case 'timestamp': {
      const date = value instanceof Date ? value : new Date(typeof value === 'number' ? value * 1000 : String(value));
      return Number.isNaN(date.getTime()) ? undefined : date.getTime() / 1000;
    }
    default:
      return value;
  }
}

function encodeToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64');
}

function decodeToken(token: unknown): number {
  if (token === undefined || token === null || token === '') return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(String(token), 'base64').toString('utf8'));
  if (!match) throw new AwsFault('InvalidInputException', 'The NextToken is not valid');
  return Number(match[1]);
}

/** One page of a list answer, as the operation's paginator in botocore describes it. */
function paged(model: ServiceModel, name: ModelName, operation: string, answer: Answer, input: Record<string, unknown>, pageCap: number | undefined): Record<string, unknown> {
  if ('output' in answer) return { ...answer.output };
  const paginator = loadPaginators(name)[operation];
  const outputShape = model.operations[operation]!.output!.shape;
  const members = shapeOf(model, { shape: outputShape }).members ?? {};
  if (!paginator) {
    const listMember = Object.keys(members).find((member) => shapeOf(model, members[member]!).type === 'list');
    if (!listMember) throw new Error(`${outputShape} has no list member`);
    return { [listMember]: answer.list };
  }
  const resultKey = Array.isArray(paginator.result_key) ? paginator.result_key[0]! : paginator.result_key;
  const inputShape = model.operations[operation]!.input?.shape;
  const limitRef = inputShape && paginator.limit_key ? shapeOf(model, { shape: inputShape }).members?.[paginator.limit_key] : undefined;
  const modelMax = limitRef ? (shapeOf(model, limitRef) as { max?: number }).max : undefined;
  const asked = paginator.limit_key ? Number(input[paginator.limit_key] ?? modelMax ?? Infinity) : Infinity;
  if (!Number.isInteger(asked) && asked !== Infinity) throw new AwsFault('InvalidInputException', `${paginator.limit_key} is not a whole number`);
  if (modelMax !== undefined && asked > modelMax) throw new AwsFault('InvalidInputException', `${paginator.limit_key} must be at most ${modelMax}`);
  const size = Math.max(1, Math.min(asked, pageCap ?? Infinity, modelMax ?? Infinity));
  const start = decodeToken(input[paginator.input_token]);
  const end = Number.isFinite(size) ? start + size : answer.list.length;
  return {
    [resultKey]: answer.list.slice(start, end),
    ...(end < answer.list.length ? { [paginator.output_token]: encodeToken(end) } : {}),
  };
}

/**
 * The answer to one JSON 1.1 request. `pageCap` is the server's page-size
 * fault; `check` runs the server's other faults once the operation is known.
 */
export function answerJsonRequest(
  service: JsonService,
  target: { prefix: string; operation: string },
  body: string,
  context: { account: () => string; region: string; pageCap?: number; check?: (operation: string) => void },
): JsonAnswer {
  const model = loadServiceModel(service.modelName);
  const { operation } = target;
  try {
    const known = model.operations[operation];
    if (target.prefix !== model.metadata.targetPrefix || !known) {
      throw new AwsFault('UnknownOperationException', `${target.prefix}.${operation} is not an operation of this service`);
    }
    const handler = service.operations[operation];
    if (!handler || !known.output) throw new AwsFault('UnknownOperationException', `${operation} is not served by this test server`);
    const input = parseInput(body);
    const account = context.account();
    context.check?.(operation);
    const answer = handler({ account, region: context.region, input });
    const output = serialize(model, known.output, paged(model, service.modelName, operation, answer, input, context.pageCap));
    return { status: 200, body: JSON.stringify(output), operation };
  } catch (error) {
    const fault = error instanceof AwsFault ? error : new AwsFault('ServiceException', error instanceof Error ? error.message : String(error), 500);
    return { status: fault.status, body: jsonError(fault), operation };
  }
}
