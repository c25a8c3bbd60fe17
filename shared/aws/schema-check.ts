// A yes/no check compiled from a zod schema: the same verdict as
// `schema.safeParse(value).success`, without the copy of the value that zod
// builds as it parses (at 10k ENIs that copy cost more than the model it
// feeds, and was thrown away: the importer keeps the JSON as read).
//
// Only the kinds of schema raw.ts uses are compiled (object, array, string,
// number, boolean, optional, nullable, union, enum, and the checks `.int()`
// and `.refine(fn)`); any other part of a schema is checked by zod itself, so
// the answer is never laxer than zod's. A "no" is only a "no" for the fast
// path: callers ask zod again for the issue to report.
import type { z } from 'zod';

/** true when the value passes the schema */
export type Check = (value: unknown) => boolean;

interface Def {
  readonly type: string;
  readonly checks?: readonly { readonly _zod: { readonly def: CheckDef } }[];
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly innerType?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly entries?: Record<string, unknown>;
  /** looseObject / strictObject: what other keys may hold */
  readonly catchall?: z.ZodType;
}

interface CheckDef {
  readonly check: string;
  readonly format?: string;
  readonly fn?: (value: unknown) => unknown;
  readonly [key: string]: unknown;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** zod's own answer, for what is not compiled */
const byZod =
  (schema: z.ZodType): Check =>
  (value) =>
    schema.safeParse(value).success;

/** the checks this module runs as zod does; undefined for any other */
function compileRefinement(def: CheckDef): Check | undefined {
  const keys = Object.keys(def);
  if (def.check === 'number_format' && def.format === 'safeint') return (value) => Number.isSafeInteger(value);
  // a plain .refine(fn, { message }): no `when`, no `abort`, no path of its own
  if (def.check === 'custom' && typeof def.fn === 'function' && keys.every((key) => ['type', 'check', 'fn', 'error'].includes(key))) {
    const fn = def.fn;
    return (value) => {
      const verdict = fn(value);
      return typeof verdict === 'boolean' ? verdict : false;
    };
  }
  return undefined;
}

const isString: Check = (value) => typeof value === 'string';
const isBoolean: Check = (value) => typeof value === 'boolean';
const isNumber: Check = (value) => typeof value === 'number' && Number.isFinite(value);
/** `.nullish()` of the plain kinds, most members of raw.ts: one call a value, not three */
const nullishOf = new Map<Check, Check>([
  [isString, (value) => value === undefined || value === null || typeof value === 'string'],
  [isBoolean, (value) => value === undefined || value === null || typeof value === 'boolean'],
]);

/** `.optional()` over `.nullable()` (or the other way round), as `.nullish()` builds it: the schema inside both */
function insideNullish(def: Def): z.ZodType | undefined {
  const inner = defOf(def.innerType!);
  const pair = (def.type === 'optional' && inner.type === 'nullable') || (def.type === 'nullable' && inner.type === 'optional');
  return pair && (inner.checks ?? []).length === 0 ? inner.innerType : undefined;
}

function compileBase(def: Def, schema: z.ZodType): Check {
  switch (def.type) {
    case 'string':
      return isString;
    case 'boolean':
      return isBoolean;
    case 'number':
      return isNumber;
    case 'optional':
    case 'nullable': {
      const both = insideNullish(def);
      if (both) {
        const inner = compileCheck(both);
        return nullishOf.get(inner) ?? ((value) => value === undefined || value === null || inner(value));
      }
      const inner = compileCheck(def.innerType!);
      return def.type === 'optional' ? (value) => value === undefined || inner(value) : (value) => value === null || inner(value);
    }
    case 'array': {
      const element = compileCheck(def.element!);
      return (value) => {
        if (!Array.isArray(value)) return false;
        for (let i = 0; i < value.length; i++) if (!element(value[i])) return false;
        return true;
      };
    }
    case 'union': {
      const options = def.options!.map(compileCheck);
      return (value) => options.some((option) => option(value));
    }
    case 'enum': {
      const values = Object.values(def.entries!);
      if (!values.every((v) => typeof v === 'string')) return byZod(schema);
      const allowed = new Set<unknown>(values);
      return (value) => allowed.has(value);
    }
    case 'object': {
      if (def.catchall !== undefined) return byZod(schema);
      const keys = Object.keys(def.shape!);
      const checks = keys.map((key) => compileCheck(def.shape![key]!));
      return (value) => {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
        const record = value as Record<string, unknown>;
        for (let i = 0; i < keys.length; i++) if (!checks[i]!(record[keys[i]!])) return false;
        return true;
      };
    }
    default:
      return byZod(schema);
  }
}

const compiled = new WeakMap<z.ZodType, Check>();

/** The check of a schema: compiled once per schema object. */
export function compileCheck(schema: z.ZodType): Check {
  const known = compiled.get(schema);
  if (known) return known;
  const def = defOf(schema);
  const refinements = (def.checks ?? []).map((check) => compileRefinement(check._zod.def));
  let check: Check;
  if (refinements.some((refinement) => refinement === undefined)) check = byZod(schema);
  else {
    const base = compileBase(def, schema);
    const all = refinements as Check[];
    check = all.length === 0 ? base : (value) => base(value) && all.every((refinement) => refinement(value));
  }
  compiled.set(schema, check);
  return check;
}
