// A fast path for reading intents files: js-yaml builds plain data about 8x
// faster than `yaml`'s parse (which builds a CST and a Document first), which
// matters for files of thousands of flows. `yaml` stays the reference: this
// answers only for documents where both read the same data, and says "not
// sure" (undefined) otherwise, so the caller reads the text with `yaml` and
// gets exactly its values, warnings and error messages.
import { FAILSAFE_SCHEMA, load, Type } from 'js-yaml';

// YAML 1.2 core schema scalars, as `yaml` resolves them (its core/*.js): js-yaml's
// own core schema also takes 0b101, -0x1 and -0o7 as numbers, which `yaml` leaves as strings
const nullType = new Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (text: string) => /^(?:~|[Nn]ull|NULL)?$/.test(text),
  construct: () => null,
});

const boolType = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (text: string) => /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(text),
  construct: (text: string) => text[0] === 't' || text[0] === 'T',
});

const intType = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (text: string) => /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/.test(text),
  construct: (text: string) => (text.startsWith('0o') ? parseInt(text.slice(2), 8) : text.startsWith('0x') ? parseInt(text.slice(2), 16) : parseInt(text, 10)),
});

const floatType = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (text: string) => /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/.test(text),
  construct: (text: string) => {
    if (/nan$/i.test(text)) return Number.NaN;
    if (/inf$/i.test(text)) return text.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    return parseFloat(text);
  },
});

const CORE_1_2 = FAILSAFE_SCHEMA.extend({ implicit: [nullType, boolType, intType, floatType] });

/**
 * Where the two readers may part, leave it to `yaml`: directives (%YAML 1.1
 * changes the schema), tags, anchors (`yaml` limits alias expansion), explicit
 * `?` keys and collections as keys (each stringifies them its own way).
 */
const NOT_PLAIN = /^%|[!&]|(?:^|[\s[{,])\?(?:\s|$)|[\]}]\s*:/m;

/** the field names an intents file has; any other key is refused anyway, with `yaml`'s reading of it */
const KNOWN_KEYS = new Set(['flows', 'exposure', 'name', 'from', 'to', 'protocol', 'port', 'sourcePort', 'family', 'expect', 'allow', 'otherwise', 'ports']);

/** The data in `text` as `yaml`'s parse returns it, or undefined when not sure (then ask `yaml`). */
export function readPlainYaml(text: string): { value: unknown } | undefined {
  if (NOT_PLAIN.test(text)) return undefined;
  let value: unknown;
  try {
    value = load(text, { schema: CORE_1_2 });
  } catch {
    return undefined;
  }
  return onlyKnownKeys(value) ? { value: value ?? null } : undefined;
}

function onlyKnownKeys(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(onlyKnownKeys);
  if (value === null || typeof value !== 'object') return true;
  for (const [key, child] of Object.entries(value)) {
    if (!KNOWN_KEYS.has(key) || !onlyKnownKeys(child)) return false;
  }
  return true;
}
