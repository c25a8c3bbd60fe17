// A read plan for one output shape of an AWS Query or EC2 Query answer,
// compiled once from the SDK's own schema: for each XML element name, the
// member it fills and how to read it. The same traits the SDK's
// XmlShapeDeserializer consults (member xmlName, xmlFlattened, list item
// names, timestamp formats) decide the plan, so both read the same XML the
// same way; the plan only skips the SDK's generic element tree.
import { NormalizedSchema } from '@smithy/core/schema';
import type { SchemaRef } from '@smithy/types';

/** Timestamp formats as the SDK numbers them: date-time, http-date, epoch-seconds. */
export type TimestampFormat = 5 | 6 | 7;

export type ReadPlan =
  | { readonly kind: 'string' }
  | { readonly kind: 'number' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'timestamp'; readonly format: TimestampFormat }
  | StructPlan
  | ListPlan
  | MapPlan;

export interface MemberPlan {
  /** the member's name in the SDK's output (PascalCase, as the describe-API JSON has it) */
  readonly name: string;
  readonly plan: ReadPlan;
  /** a flattened list or map: each occurrence of the element is one item or entry */
  readonly flat: boolean;
}

export interface StructPlan {
  readonly kind: 'struct';
  /** by XML element name */
  readonly members: Map<string, MemberPlan>;
}

export interface ListPlan {
  readonly kind: 'list';
  readonly itemTag: string;
  readonly item: ReadPlan;
}

export interface MapPlan {
  readonly kind: 'map';
  readonly keyTag: string;
  readonly valueTag: string;
  readonly value: ReadPlan;
}

/** A shape this plan cannot read as plain JSON (blobs, big numbers, documents): the SDK's deserializer reads it. */
export class UnsupportedShapeError extends Error {}

/** The SDK's Query protocols read timestamps without a format trait as date-time. */
const DEFAULT_TIMESTAMP_FORMAT: TimestampFormat = 5;

const STRING: ReadPlan = { kind: 'string' };
const NUMBER: ReadPlan = { kind: 'number' };
const BOOLEAN: ReadPlan = { kind: 'boolean' };

/**
 * Structures by schema object: shared by every operation that returns them.
 * A compilation fills its own table first (which is also how recursive
 * shapes end) and adds it here only once it succeeds: a structure that holds
 * an unsupported shape must leave no half-filled plan behind for another
 * operation to find.
 */
const structPlans = new WeakMap<object, StructPlan>();

type Compiling = Map<object, StructPlan>;

function scalarPlan(ns: NormalizedSchema): ReadPlan {
  if (ns.isStringSchema()) {
    // the SDK wraps media-typed strings (JSON documents) in its own string class
    if (ns.getMergedTraits().mediaType) throw new UnsupportedShapeError(`${ns.getName(true) ?? 'a string'} has a media type`);
    return STRING;
  }
  if (ns.isBooleanSchema()) return BOOLEAN;
  if (ns.isNumericSchema()) return NUMBER;
  if (ns.isTimestampSchema()) {
    const code = ns.getSchema() as number;
    return { kind: 'timestamp', format: code === 6 || code === 7 ? code : code === 5 ? 5 : DEFAULT_TIMESTAMP_FORMAT };
  }
  throw new UnsupportedShapeError(`${ns.getName(true) ?? String(ns.getSchema())} is not read by the plain-JSON reader`);
}

function structPlan(ns: NormalizedSchema, compiling: Compiling): StructPlan {
  const key = ns.getSchema() as object;
  const known = structPlans.get(key) ?? compiling.get(key);
  if (known) return known;
  const plan: StructPlan = { kind: 'struct', members: new Map() };
  compiling.set(key, plan);
  for (const [memberName, member] of ns.structIterator()) {
    const traits = member.getMergedTraits();
    if (traits.httpPayload) throw new UnsupportedShapeError(`${memberName} is an HTTP payload`);
    const tag = (member.getMemberTraits().xmlName as string | undefined) ?? memberName;
    plan.members.set(tag, { name: memberName, plan: compile(member, compiling), flat: !!traits.xmlFlattened });
  }
  return plan;
}

function compile(ns: NormalizedSchema, compiling: Compiling): ReadPlan {
  if (ns.isStructSchema()) return structPlan(ns, compiling);
  if (ns.isListSchema()) {
    const item = ns.getValueSchema();
    return { kind: 'list', itemTag: (item.getMergedTraits().xmlName as string | undefined) ?? 'member', item: compile(item, compiling) };
  }
  if (ns.isMapSchema()) {
    const keyNs = ns.getKeySchema();
    const valueNs = ns.getValueSchema();
    return {
      kind: 'map',
      keyTag: (keyNs.getMergedTraits().xmlName as string | undefined) ?? 'key',
      valueTag: (valueNs.getMergedTraits().xmlName as string | undefined) ?? 'value',
      value: compile(valueNs, compiling),
    };
  }
  return scalarPlan(ns);
}

/** The read plan of a shape; throws UnsupportedShapeError when it holds a shape the reader leaves to the SDK. */
export function readPlanOf(schema: SchemaRef | NormalizedSchema): ReadPlan {
  const ns = schema instanceof NormalizedSchema ? schema : NormalizedSchema.of(schema);
  const compiling: Compiling = new Map();
  const plan = compile(ns, compiling);
  for (const [key, struct] of compiling) structPlans.set(key, struct);
  return plan;
}
