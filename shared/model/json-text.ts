// JSON text from a file the user named, which may be anything: a snapshot,
// another program's JSON, a text file holding a password, or a document
// nested 100,000 levels deep. Two guards, shared by everything that reads
// such files:
//
// - A syntax error is described by where it is (line, column, the JSON path
//   of the value being read) and what was expected there, never by the
//   file's text. V8's own messages quote the text around the error
//   (`Unexpected token 'p', "password=h"... is not valid JSON`), so they are
//   never passed on: the position is found again by jsonSyntaxProblem.
// - Depth: every walk of parsed data (validation, canonical JSON for the
//   hash, comparing copies, building the model) may recurse, and a deep
//   enough document would end in "Maximum call stack size exceeded". Parsed
//   data deeper than MAX_JSON_DEPTH is refused right after JSON.parse, by an
//   iterative walk. No AWS answer comes near it: a reachmap-snapshot/1 file
//   is about 12 levels deep at its deepest (accounts > account > region >
//   Reservations > reservation > Instances > instance > NetworkInterfaces >
//   ENI > PrivateIpAddresses > address > Association).

/** The deepest nesting of arrays and objects accepted in a file (the top-level value is level 1). */
export const MAX_JSON_DEPTH = 256;

export type JsonPathKey = string | number;

/** ["accounts", "111", "Vpcs", 3] -> "accounts.111.Vpcs[3]" */
export function formatJsonPath(keys: readonly JsonPathKey[]): string {
  let out = '';
  for (const key of keys) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? key : `.${key}`;
  }
  return out;
}

/** Shown paths are cut to this many keys: a path 256 levels deep is no help to read. */
const SHOWN_PATH_KEYS = 12;

function shortPath(keys: readonly JsonPathKey[]): string {
  if (keys.length <= SHOWN_PATH_KEYS) return formatJsonPath(keys);
  return `${formatJsonPath(keys.slice(0, SHOWN_PATH_KEYS))}... (${keys.length} levels)`;
}

export interface JsonProblem {
  readonly kind: 'syntax' | 'depth';
  /** JSON path of the value being read when the problem was found ('' at the top) */
  readonly path: string;
  /** e.g. "line 3 column 14: expected ',' or '}' after a property value" */
  readonly problem: string;
}

/**
 * True when `value` holds arrays or objects nested deeper than `max` levels.
 * Iterative: safe at any depth. It walks every value of a file once, so it
 * allocates nothing per object (`for...in` rather than Object.values: parsed
 * JSON has no inherited members): a third of the time on a 10k-ENI snapshot.
 */
export function isNestedDeeperThan(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  if (value === null || typeof value !== 'object') return false;
  const stack: object[] = [value];
  const depths: number[] = [1];
  const visit = (child: unknown, depth: number) => {
    if (child !== null && typeof child === 'object') {
      stack.push(child);
      depths.push(depth);
    }
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    const depth = depths.pop()!;
    if (depth > max) return true;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) visit(node[i], depth + 1);
    } else {
      for (const key in node) visit((node as Record<string, unknown>)[key], depth + 1);
    }
  }
  return false;
}

/** The path of the first container nested deeper than `max`, for the message; undefined when there is none. */
function pathBeyond(value: unknown, max: number): JsonPathKey[] | undefined {
  const stack: { node: unknown; path: JsonPathKey[] }[] = [{ node: value, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (path.length >= max) return path;
    if (Array.isArray(node)) (node as unknown[]).forEach((child, index) => stack.push({ node: child, path: [...path, index] }));
    else for (const [key, child] of Object.entries(node)) stack.push({ node: child, path: [...path, key] });
  }
  return undefined;
}

/** The depth problem of parsed data, or undefined when it is within `max` levels. */
export function jsonDepthProblem(value: unknown, max: number = MAX_JSON_DEPTH): JsonProblem | undefined {
  if (!isNestedDeeperThan(value, max)) return undefined;
  const path = pathBeyond(value, max) ?? [];
  return { kind: 'depth', path: shortPath(path), problem: `is nested more than ${max} levels deep (no snapshot is; expected describe-API JSON)` };
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

type Expect = 'value' | 'value-or-]' | 'key-or-}' | 'key' | ':' | ',-or-]' | ',-or-}' | 'end';

const EXPECTED: Record<Expect, string> = {
  value: 'an object, array, string, number, true, false or null',
  'value-or-]': "an array element or ']'",
  'key-or-}': "a double-quoted property name or '}'",
  key: 'a double-quoted property name',
  ':': "':' after the property name",
  ',-or-]': "',' or ']' after an array element",
  ',-or-}': "',' or '}' after a property value",
  end: 'the end of the file after the top-level value',
};

interface Frame {
  readonly kind: 'array' | 'object';
  key: JsonPathKey | undefined;
}

/**
 * Where `text` stops being JSON and what was expected there, without
 * quoting it; undefined when it is valid JSON. Iterative: safe at any depth.
 */
export function jsonSyntaxProblem(text: string): JsonProblem | undefined {
  const frames: Frame[] = [];
  let expect = 'value' as Expect;
  let i = 0;
  const path = () => shortPath(frames.filter((frame) => frame.key !== undefined).map((frame) => frame.key!));
  const at = (offset: number, what: string): JsonProblem => {
    // past the end (trailing whitespace aside): the text stops early, whatever was expected
    if (offset >= text.trimEnd().length) return { kind: 'syntax', path: path(), problem: 'ends before the JSON is complete: truncated?' };
    let line = 1;
    let lineStart = 0;
    for (let p = text.indexOf('\n'); p !== -1 && p < offset; p = text.indexOf('\n', p + 1)) {
      line += 1;
      lineStart = p + 1;
    }
    return { kind: 'syntax', path: path(), problem: `line ${line} column ${offset - lineStart + 1}: expected ${what}` };
  };
  const afterValue = () => {
    const top = frames.at(-1);
    expect = top === undefined ? 'end' : top.kind === 'array' ? ',-or-]' : ',-or-}';
  };
  /** the end of the string that starts at `start` (its closing quote + 1), or a problem */
  const readString = (start: number): number | JsonProblem => {
    let p = start + 1;
    for (;;) {
      if (p >= text.length) return at(p, "a closing '\"'");
      const c = text.charCodeAt(p);
      if (c === 0x22) return p + 1;
      if (c < 0x20) return at(p, "a closing '\"' before the end of the line (control characters must be escaped)");
      if (c === 0x5c) {
        const next = text[p + 1];
        if (next === 'u') {
          HEX4.lastIndex = p + 2;
          if (!HEX4.test(text)) return at(p, 'four hex digits after \\u');
          p += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) p += 2;
        else return at(p, 'a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)');
      } else p += 1;
    }
  };
  for (;;) {
    while (i < text.length && WHITESPACE.has(text.charCodeAt(i))) i += 1;
    if (i >= text.length) return expect === 'end' ? undefined : at(i, EXPECTED[expect]);
    const c = text[i]!;
    const top = frames.at(-1);
    switch (expect) {
      case 'end':
        return at(i, EXPECTED.end);
      case ':':
        if (c !== ':') return at(i, EXPECTED[':']);
        i += 1;
        expect = 'value';
        continue;
      case ',-or-]':
      case ',-or-}': {
        const close = expect === ',-or-]' ? ']' : '}';
        if (c === ',') {
          i += 1;
          if (top!.kind === 'array') {
            top!.key = (top!.key as number) + 1;
            expect = 'value';
          } else expect = 'key';
          continue;
        }
        if (c !== close) return at(i, EXPECTED[expect]);
        i += 1;
        frames.pop();
        afterValue();
        continue;
      }
      case 'key':
      case 'key-or-}': {
        if (c === '}' && expect === 'key-or-}') {
          i += 1;
          frames.pop();
          afterValue();
          continue;
        }
        if (c !== '"') return at(i, EXPECTED[expect]);
        const end = readString(i);
        if (typeof end !== 'number') return end;
        let key: string;
        try {
          key = JSON.parse(text.slice(i, end)) as string;
        } catch {
          key = '?';
        }
        top!.key = key;
        i = end;
        expect = ':';
        continue;
      }
      case 'value':
      case 'value-or-]': {
        if (c === ']' && expect === 'value-or-]') {
          i += 1;
          frames.pop();
          afterValue();
          continue;
        }
        if (c === '[') {
          frames.push({ kind: 'array', key: 0 });
          i += 1;
          expect = 'value-or-]';
          continue;
        }
        if (c === '{') {
          frames.push({ kind: 'object', key: undefined });
          i += 1;
          expect = 'key-or-}';
          continue;
        }
        if (c === '"') {
          const end = readString(i);
          if (typeof end !== 'number') return end;
          i = end;
          afterValue();
          continue;
        }
        const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, i));
        if (literal) {
          i += literal.length;
          afterValue();
          continue;
        }
        NUMBER.lastIndex = i;
        if (NUMBER.test(text)) {
          i = NUMBER.lastIndex;
          afterValue();
          continue;
        }
        return at(i, EXPECTED[expect]);
      }
    }
  }
}

/**
 * JSON.parse with both guards: a syntax error or too deep a document is a
 * JsonProblem (file text never quoted), anything else the parsed value.
 */
export function parseJsonGuarded(text: string, max: number = MAX_JSON_DEPTH): { value: unknown } | { error: JsonProblem } {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return { error: jsonSyntaxProblem(text) ?? { kind: 'syntax', path: '', problem: 'does not parse' } };
  }
  const deep = jsonDepthProblem(value, max);
  return deep ? { error: deep } : { value };
}

/**
 * A bad value as an error shows it. A file's text never comes back whole
 * (issue 13.4: a secret in the wrong field must not be printed): numbers and
 * short strings made only of digits and address punctuation (an address, a
 * CIDR, a port) are quoted, since they are what the user has to correct;
 * any other string is described by its length, and the JSON path says where.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return /^[0-9./:-]{1,24}$/.test(value) ? JSON.stringify(value) : value === '' ? 'an empty string' : `a string of ${[...value].length} characters`;
  return kindOfValue(value);
}

/**
 * What a value is, without its text: for a file that is not a snapshot at
 * all, whose content must never come back in an error (issue 13.4).
 */
export function kindOfValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a JSON array';
  if (typeof value === 'object') return 'a JSON object';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return 'nothing';
}
