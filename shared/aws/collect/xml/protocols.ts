// The SDK's EC2 Query and AWS Query protocols with one change: a successful
// answer is read by our plan reader straight into plain describe-API JSON.
// Everything else stays the SDK's: request serialization, signing, retries,
// paginators, and every error answer (read by the SDK into its typed
// exceptions). An operation whose output holds a shape the reader does not
// read as JSON (blobs, big numbers, documents) is left to the SDK too.
import { AwsEc2QueryProtocol, AwsQueryProtocol } from '@aws-sdk/core/protocols';
import { collectBody } from '@smithy/core/protocols';
import type {
  HandlerExecutionContext,
  HttpResponse,
  MetadataBearer,
  OperationSchema,
  ResponseMetadata,
  SerdeFunctions,
} from '@smithy/types';
import { readPlanOf, UnsupportedShapeError, type StructPlan } from './plan.js';
import { readXmlAnswer } from './reader.js';

type Context = HandlerExecutionContext & SerdeFunctions;

/** Answers whose members are already plain JSON (no Dates), so the collector need not copy them. */
const plainAnswers = new WeakSet<object>();

export function isPlainJsonAnswer(answer: object): boolean {
  return plainAnswers.has(answer);
}

/** By output schema (the SDK makes a new operation object for every request); null: the SDK reads these answers. */
const outputPlans = new WeakMap<object, StructPlan | null>();

function outputPlanOf(operation: OperationSchema): StructPlan | undefined {
  const key = operation.output;
  if (typeof key !== 'object' && typeof key !== 'function') return undefined;
  let plan = outputPlans.get(key);
  if (plan === undefined) {
    try {
      const read = readPlanOf(operation.output);
      plan = read.kind === 'struct' ? read : null;
    } catch (error) {
      if (!(error instanceof UnsupportedShapeError)) throw error;
      plan = null;
    }
    outputPlans.set(key, plan);
  }
  return plan ?? undefined;
}

const utf8 = new TextDecoder();

/** A successful answer as plain JSON, or undefined when the SDK should read it. */
async function plainJsonAnswer(
  operation: OperationSchema,
  context: Context,
  response: HttpResponse,
  resultTag: string | undefined,
  metadataOf: (response: HttpResponse) => ResponseMetadata,
): Promise<MetadataBearer | undefined> {
  if (response.statusCode >= 300) return undefined;
  const plan = outputPlanOf(operation);
  if (!plan) return undefined;
  // as the SDK does: metadata is read from lower-case header names
  for (const header of Object.keys(response.headers)) {
    const value = response.headers[header]!;
    delete response.headers[header];
    response.headers[header.toLowerCase()] = value;
  }
  const bytes = await collectBody(response.body, context);
  const answer = bytes.byteLength > 0 ? readXmlAnswer(utf8.decode(bytes), plan, resultTag) : {};
  const output = Object.assign(answer, { $metadata: metadataOf(response) });
  plainAnswers.add(output);
  return output;
}

function operationName(operation: OperationSchema): string {
  return operation.name.split('#')[1] ?? operation.name;
}

export class PlainJsonEc2QueryProtocol extends AwsEc2QueryProtocol {
  override async deserializeResponse<Output extends MetadataBearer>(
    operation: OperationSchema,
    context: Context,
    response: HttpResponse,
  ): Promise<Output> {
    const answer = await plainJsonAnswer(operation, context, response, undefined, (r) => this.deserializeMetadata(r));
    return (answer as Output | undefined) ?? super.deserializeResponse<Output>(operation, context, response);
  }
}

export class PlainJsonQueryProtocol extends AwsQueryProtocol {
  override async deserializeResponse<Output extends MetadataBearer>(
    operation: OperationSchema,
    context: Context,
    response: HttpResponse,
  ): Promise<Output> {
    const resultTag = `${operationName(operation)}Result`;
    const answer = await plainJsonAnswer(operation, context, response, resultTag, (r) => this.deserializeMetadata(r));
    return (answer as Output | undefined) ?? super.deserializeResponse<Output>(operation, context, response);
  }
}
