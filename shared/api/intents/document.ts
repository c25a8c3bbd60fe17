// The intents file (docs/intents.md): flows that must or must not get through,
// and the services the internet may reach. Parsing is pure (text in, document
// out) so that every shell can check the same file the same way.
import { parseCidr6 } from '../../model/ipv6.js';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { parseCidr } from '../../model/ipv4.js';
import { jsonDepthProblem, MAX_JSON_DEPTH, parseJsonGuarded, type JsonProblem } from '../../model/json-text.js';
import { InputError } from '../errors.js';
import { readPlainYaml } from './fast-yaml.js';
import { isTagSelector, parseTagSelector, SELECTOR_FORMS } from './tag-selector.js';

import type { Expectation } from './entry.js';

export type { Expectation } from './entry.js';

const PROTOCOL_NAMES = ['tcp', 'udp', 'icmp', 'all'] as const;

/** "tcp" | "udp" | "icmp" | "all" | an IP protocol number as a string, as `analyze` takes it. */
const protocol = z
  .union([z.string(), z.int()], { error: (issue) => notAProtocol(issue) })
  .refine((value) => PROTOCOL_NAMES.includes(String(value).toLowerCase() as (typeof PROTOCOL_NAMES)[number]) || (/^\d{1,3}$/.test(String(value)) && Number(value) <= 255), {
    error: (issue) => notAProtocol(issue),
  });

function notAProtocol(issue: { input?: unknown }): string {
  return `${show(issue.input)} is not a protocol (tcp, udp, icmp, all or a number 0-255)`;
}

const port = z.int({ error: (issue) => `${show(issue.input)} is not a port (an integer 1-65535)` }).min(1, { error: notAPort }).max(65535, { error: notAPort });

function notAPort(issue: { input?: unknown }): string {
  return `${show(issue.input)} is not a port (an integer 1-65535)`;
}

const endpoint = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? 'missing (an endpoint as `reachmap analyze` takes it, or a tag selector)'
        : typeof issue.input === 'number'
          ? // an account id written bare: YAML reads it as a number and drops its leading zeros
            `${show(issue.input)} is a number, not an endpoint (an account id must be written account:ACCOUNT_ID, as a string; YAML drops a number's leading zeros)`
          : `${show(issue.input)} is not an endpoint`,
  })
  .trim()
  .min(1, 'is empty')
  .refine((text) => !isTagSelector(text) || parseTagSelector(text) !== undefined, {
    error: (issue) => (String(issue.input).startsWith('account:') ? `${show(issue.input)} is not an account selector (${SELECTOR_FORMS}; an account id is 12 digits)` : `${show(issue.input)} is not a tag selector (tag:KEY=VALUE, VALUE may use * and ?)`),
  });

const flowIntent = z
  .strictObject({
    name: z.string().optional(),
    from: endpoint,
    to: endpoint,
    protocol: protocol.default('tcp'),
    port: port.optional(),
    sourcePort: port.optional(),
    /** the flow's address family, as analyze --family (an IPv6 address in from/to makes it ipv6 too) */
    family: z.enum(['ipv4', 'ipv6'], { error: (issue) => `${show(issue.input)} is not ipv4 or ipv6` }).optional(),
    expect: z.enum(['reachable', 'unreachable'], {
      error: (issue) => (issue.input === undefined ? 'missing (reachable|unreachable)' : `${show(issue.input)} is not reachable|unreachable`),
    }),
  })
  .superRefine((flow, context) => checkPortNeed(normalizeProtocol(flow.protocol), flow.port, context));

/** "443", 443 or "8000-8100" */
const portRange = z.union([port, z.string().regex(/^\d+(-\d+)?$/)], {
  error: (issue) => `${show(issue.input)} is not a port or a range A-B`,
});

/** a source the internet may use: a CIDR or a prefix-list id */
const source = z.string().refine((text) => parseCidr(text) !== undefined || parseCidr6(text) !== undefined || /^pl-[0-9a-z]+$/.test(text), {
  error: (issue) => `${show(issue.input)} is not an IPv4 or IPv6 CIDR or a prefix-list id`,
});

const exposureAllow = z
  .strictObject({
    to: endpoint,
    protocol: protocol.default('tcp'),
    ports: z.array(portRange).min(1, 'is empty').optional(),
    from: z.array(source).min(1, 'is empty').optional(),
  })
  .superRefine((rule, context) => {
    const name = normalizeProtocol(rule.protocol);
    if ((name === 'tcp' || name === 'udp') && rule.ports === undefined) {
      context.addIssue({ code: 'custom', path: ['ports'], message: `missing (required for ${name}; write "1-65535" for every port)` });
    } else if (name !== 'tcp' && name !== 'udp' && rule.ports !== undefined) {
      context.addIssue({ code: 'custom', path: ['ports'], message: `not allowed for protocol ${name} (only tcp and udp have ports)` });
    }
    rule.ports?.forEach((entry, index) => {
      if (typeof entry === 'string' && parsePortRange(entry) === undefined) {
        context.addIssue({ code: 'custom', path: ['ports', index], message: `${show(entry)} is not a port range (A-B with 1 <= A <= B <= 65535)` });
      }
    });
  });

const exposureIntent = z.strictObject({
  allow: z.array(exposureAllow).default([]),
  otherwise: z.literal('deny', { error: (issue) => `${show(issue.input)} is not supported (only "deny": nothing else may be reachable from the internet)` }).default('deny'),
});

const intentsDocument = z
  .strictObject(
    {
      flows: z.array(flowIntent).default([]),
      exposure: exposureIntent.optional(),
    },
    { error: (issue) => (issue.code === 'invalid_type' ? 'the document must be a mapping with `flows` and/or `exposure`' : undefined) },
  )
  .refine((document) => document.flows.length > 0 || document.exposure !== undefined, {
    error: 'no intents: give a list of `flows` and/or an `exposure` section',
  });

export interface FlowIntent {
  /** position in `flows`, as error messages and results name it */
  index: number;
  name: string | undefined;
  from: string;
  to: string;
  /** "tcp" | "udp" | "icmp" | "all" | a protocol number as a string */
  protocol: string;
  port: number | undefined;
  sourcePort: number | undefined;
  /** undefined: IPv4 unless from or to is an IPv6 address */
  family: 'ipv4' | 'ipv6' | undefined;
  expect: Expectation;
}

export interface PortSpan {
  from: number;
  to: number;
}

export interface ExposureAllowRule {
  index: number;
  to: string;
  protocol: string;
  /** null for protocols without ports (icmp, all, numbers) */
  ports: PortSpan[] | null;
  /** CIDRs and prefix-list ids; undefined = any internet source */
  from: string[] | undefined;
}

export interface ExposureIntent {
  allow: ExposureAllowRule[];
  otherwise: 'deny';
}

export interface IntentsDocument {
  /** the file name used in messages */
  file: string;
  flows: FlowIntent[];
  exposure: ExposureIntent | undefined;
}

/**
 * Parses an intents document (YAML, or JSON when `file` ends in .json) and
 * validates it. Throws InputError naming the file, the intent and the field,
 * e.g. `intents.yaml: flows[3].expect: missing (reachable|unreachable)`.
 */
export function parseIntents(text: string, file: string): IntentsDocument {
  const data = file.toLowerCase().endsWith('.json') ? parseJsonText(text, file) : parseYamlText(text, file);
  if (data === null || data === undefined) throw new InputError(`${file}: is empty (expected \`flows\` and/or \`exposure\`)`);
  const parsed = intentsDocument.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    const issue = firstIssue(parsed.error.issues);
    const where = formatPath(issue.path);
    throw new InputError(where ? `${file}: ${where}: ${issueText(issue)}` : `${file}: ${issueText(issue)}`);
  }
  return {
    file,
    flows: parsed.data.flows.map((flow, index) => ({
      index,
      name: flow.name,
      from: flow.from,
      to: flow.to,
      protocol: normalizeProtocol(flow.protocol),
      port: flow.port,
      sourcePort: flow.sourcePort,
      family: flow.family,
      expect: flow.expect,
    })),
    exposure: parsed.data.exposure && {
      otherwise: parsed.data.exposure.otherwise,
      allow: parsed.data.exposure.allow.map((rule, index) => ({
        index,
        to: rule.to,
        protocol: normalizeProtocol(rule.protocol),
        ports: rule.ports ? rule.ports.map((entry) => (typeof entry === 'number' ? { from: entry, to: entry } : parsePortRange(entry)!)) : null,
        from: rule.from,
      })),
    },
  };
}

/** AWS and `analyze` name 6, 17 and 1 tcp, udp and icmp. */
export function normalizeProtocol(value: string | number): string {
  const text = String(value).toLowerCase();
  if (text === '6') return 'tcp';
  if (text === '17') return 'udp';
  if (text === '1') return 'icmp';
  if (text === '-1') return 'all';
  return /^\d+$/.test(text) ? String(Number(text)) : text;
}

function checkPortNeed(protocolName: string, portValue: number | undefined, context: z.RefinementCtx): void {
  const needsPort = protocolName === 'tcp' || protocolName === 'udp';
  if (needsPort && portValue === undefined) {
    context.addIssue({ code: 'custom', path: ['port'], message: `missing (required for ${protocolName})` });
  } else if (!needsPort && portValue !== undefined) {
    context.addIssue({ code: 'custom', path: ['port'], message: `not allowed for protocol ${protocolName} (only tcp and udp have ports)` });
  }
}

function parsePortRange(text: string): PortSpan | undefined {
  const [first, last = first] = text.split('-').map(Number);
  if (first === undefined || last === undefined || !Number.isInteger(first) || !Number.isInteger(last)) return undefined;
  return first >= 1 && first <= last && last <= 65535 ? { from: first, to: last } : undefined;
}

/** One line for a JSON problem: where and what was expected, never the file's text (V8's messages quote it). */
export function jsonProblemText(file: string, problem: JsonProblem): string {
  const where = problem.path ? `${problem.path}: ` : '';
  return problem.kind === 'depth' ? `${file}: ${where}${problem.problem}` : `${file}: not valid JSON: ${where}${problem.problem}`;
}

function parseJsonText(text: string, file: string): unknown {
  const parsed = parseJsonGuarded(text);
  if ('error' in parsed) throw new InputError(jsonProblemText(file, parsed.error));
  return parsed.value;
}

function parseYamlText(text: string, file: string): unknown {
  const plain = readPlainYaml(text);
  let value: unknown;
  if (plain) value = plain.value;
  else {
    try {
      value = parseYaml(text);
    } catch (error) {
      // the first line reads "<problem> at line L, column C:"; the rest is a picture of the source
      // the yaml package reports its own stack overflow as a parse error
      const overflow = error instanceof RangeError || (error instanceof Error && error.message.includes('Maximum call stack size exceeded'));
      if (overflow) throw new InputError(`${file}: not valid YAML: nested too deep to read (more than ${MAX_JSON_DEPTH} levels is never an intents file)`);
      if (error instanceof YAMLParseError) throw new InputError(`${file}: not valid YAML: ${error.message.split('\n')[0]!.replace(/:$/, '')}`);
      throw error;
    }
  }
  const deep = jsonDepthProblem(value);
  if (deep) throw new InputError(jsonProblemText(file, deep));
  return value;
}

/** the first problem; a misspelt field explains a "missing" one in the same object, so it goes first */
function firstIssue(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue {
  const first = issues[0]!;
  const misspelt = issues.find(
    (issue) => issue.code === 'unrecognized_keys' && issue.path.length < first.path.length && issue.path.every((part, position) => first.path[position] === part),
  );
  return misspelt ?? first;
}

function issueText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
  // zod's own wording starts so; every message written here says more
  if (!issue.message.startsWith('Invalid input')) return issue.message;
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'missing';
  if (issue.code === 'invalid_type') return `${show(issue.input)} is not ${article(issue.expected)}`;
  return issue.message;
}

function article(expected: string): string {
  if (expected === 'object') return 'a mapping';
  if (expected === 'array') return 'a list';
  return `a ${expected}`;
}

/** ["flows", 3, "expect"] -> "flows[3].expect" */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part, position) => (typeof part === 'number' ? `[${part}]` : position === 0 ? String(part) : `.${String(part)}`)).join('');
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
