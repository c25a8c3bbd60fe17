// The arguments a page may pass to the API, checked before the core sees
// them: the same schemas guard Electron's IPC (electron/desktop-handlers.ts)
// and the web face's HTTP API (shared/api/http/node.ts). Browser-safe: zod
// only. A value that fails gets an InputError naming the method, the argument
// and what was expected, never a TypeError from deep inside the core.
import { z } from 'zod';
import type { ApiMethod } from './api-methods.js';
import { InputError } from './errors.js';
import { hasUnsafeDisplayChars } from '../model/display-text.js';
import { parseChangeSet } from '../model/change-set-parse.js';
import type { ChangeSet } from '../model/change-set.js';

export const componentId = z.string().min(1).max(256);
export const portNumber = z.number().int().min(0).max(65535);

export const flowRequestSchema = z.strictObject({
  from: componentId,
  to: componentId,
  protocol: z.string().min(1).max(16).optional(),
  port: portNumber.optional(),
  sourcePort: portNumber.optional(),
  /** the internet clients a fix should admit (checked as a CIDR by the engine) */
  clientCidr: z.string().min(9).max(18).optional(),
  /** through a load balancer: the one target to follow (--target) */
  target: componentId.optional(),
  /** the address family (--family); a literal address decides it (checked by the engine) */
  family: z.string().min(1).max(8).optional(),
});
export const allowedRequestSchema = z.strictObject({ from: componentId, to: componentId, sourcePort: portNumber.optional(), family: z.string().min(1).max(8).optional() });
/** `family`: --family (ipv4, ipv6; checked by the engine), as analyze's */
export const diagnoseOptionsSchema = z.strictObject({ port: portNumber.optional(), family: z.string().min(1).max(8).optional() }).optional();
/** a file or folder path; absent: the bundled demo */
export const snapshotPathSchema = z.string().min(1).max(4096).optional();
/** an endpoint URL of any host: each shell decides which hosts it allows (see isLoopbackEndpoint) */
export const endpointUrlSchema = z
  .string()
  .max(2048)
  .refine((text) => /^https?:$/.test(urlOf(text)?.protocol ?? ''), 'expected an http:// or https:// URL');
const profileName = z.string().min(1).max(128).regex(/^[A-Za-z0-9_.@+=,/-]+$/);
export const liveRequestSchema = z.strictObject({
  profile: profileName.optional(),
  profiles: z.array(profileName).min(1).max(100).optional(),
  orgRole: z.string().regex(/^[\w+=,.@-]{1,64}$/, 'expected an IAM role name').optional(),
  accounts: z.array(z.string().regex(/^\d{12}$/, 'expected an AWS account id (12 digits)')).min(1).max(1000).optional(),
  regions: z.union([z.literal('all'), z.array(z.string().regex(/^[a-z0-9-]{1,32}$/)).min(1).max(64)]).optional(),
  endpointUrl: endpointUrlSchema.optional(),
});
export const noArguments = z.tuple([]);
/** where a change set came from, as the answers name it ("fix: …", a file name): one short line */
export const changeSourceSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((text) => !hasUnsafeDisplayChars(text), 'must be one line of plain text');
/** how many change sets to take back; absent: all */
export const undoCountSchema = z.number().int().min(1).max(100_000).optional();
/** Compare with…: another snapshot by path or history entry (one of them), which side it is, an intents file, a flow */
export const compareRequestSchema = z
  .strictObject({
    path: z.string().min(1).max(4096).optional(),
    historyId: z.string().regex(/^[A-Za-z0-9_.-]{1,200}$/, 'is not a history entry id').optional(),
    otherIs: z.enum(['old', 'new']).optional(),
    intents: z.string().min(1).max(4096).optional(),
    flow: flowRequestSchema.optional(),
  })
  .refine((request) => (request.path === undefined) !== (request.historyId === undefined), 'give either path or historyId');
/** flow log files from a page: paths as openSnapshot takes them, and the report's knobs */
export const flowLogsRequestSchema = z.strictObject({
  paths: z.array(z.string().min(1).max(4096)).min(1).max(100),
  top: z.number().int().min(1).max(1000).optional(),
  maxSkewHours: z.number().positive().max(100_000).optional(),
  intents: z.string().min(1).max(4096).optional(),
  window: z.strictObject({ start: z.string().min(1).max(40), end: z.string().min(1).max(40) }).optional(),
});
/** how many live snapshots the desktop app keeps */
export const historyKeepSchema = z.number().int().min(1).max(1000);
/** at most this many edits in one change set from a page (a repair is a handful) */
export const MAX_PAGE_EDITS = 1000;

/** A change set as the model reads it (every edit against its AWS call's parameters); errors name the argument, the edit and the field. */
export function parseChangeSetArgument(method: string, value: unknown): ChangeSet {
  const changeSet = parseChangeSet(value, `${method}: changeSet`);
  if (changeSet.changes.length === 0) throw new InputError(`${method}: changeSet: changes: holds no edits`);
  if (changeSet.changes.length > MAX_PAGE_EDITS) throw new InputError(`${method}: changeSet: changes: ${changeSet.changes.length} edits is more than ${MAX_PAGE_EDITS}`);
  return changeSet;
}

function urlOf(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * True for http(s) URLs on a loopback host: 127.0.0.0/8, ::1 or localhost.
 * The collector's test server and local AWS-compatible endpoints run there; a
 * page may not make the app send signed requests (and the session token)
 * anywhere else unless the user said so when starting it.
 */
export function isLoopbackEndpoint(text: string): boolean {
  const url = urlOf(text);
  if (!url || !/^https?:$/.test(url.protocol) || url.username !== '' || url.password !== '') return false;
  const host = url.hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(host);
}

/** `endpointUrl` as one of the user's allowed endpoints names it: same origin and path prefix (trailing slash ignored) */
export function isAllowedEndpoint(text: string, allowed: readonly string[]): boolean {
  const url = urlOf(text);
  if (!url) return false;
  const normal = (u: URL) => `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
  return allowed.some((entry) => {
    const permitted = urlOf(entry);
    return permitted !== undefined && normal(permitted) === normal(url);
  });
}

/** The value, or an InputError `method: path: message` (the first problem zod found). */
export function parseArgument<S extends z.ZodType>(method: string, schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new InputError(`${method}: ${where}${issue?.message ?? 'invalid argument'}`);
}

function none(method: string, args: readonly unknown[]): [] {
  if (args.length > 0) throw new InputError(`${method}: takes no arguments (got ${args.length})`);
  return [];
}

/**
 * Checks the arguments of one API method as they came from a page (JSON over
 * HTTP, structured clone over IPC) and returns them typed. Trailing absent
 * arguments may be missing or undefined.
 */
export const API_ARGUMENTS: { readonly [M in ApiMethod]: (args: readonly unknown[]) => unknown[] } = {
  openSnapshot: ([path, ...rest]) => (none('openSnapshot (after the path)', rest), [parseArgument('openSnapshot', snapshotPathSchema, path)]),
  currentSnapshot: (args) => none('currentSnapshot', args),
  graph: (args) => none('graph', args),
  analyze: ([request, ...rest]) => (none('analyze (after the flow)', rest), [parseArgument('analyze', flowRequestSchema, request)]),
  allowed: ([request, ...rest]) => (none('allowed (after the request)', rest), [parseArgument('allowed', allowedRequestSchema, request)]),
  exposure: (args) => none('exposure', args),
  problems: (args) => none('problems', args),
  diagnose: ([target, options, ...rest]) => (
    none('diagnose (after the options)', rest),
    [parseArgument('diagnose', componentId, target), parseArgument('diagnose', diagnoseOptionsSchema, options)]
  ),
  inspect: ([id, ...rest]) => (none('inspect (after the id)', rest), [parseArgument('inspect', componentId, id)]),
  listProfiles: (args) => none('listProfiles', args),
  takeSnapshot: ([request, ...rest]) => (none('takeSnapshot (after the request)', rest), [parseArgument('takeSnapshot', liveRequestSchema, request ?? {})]),
  cancelSnapshot: (args) => none('cancelSnapshot', args),
  applyChanges: ([changeSet, source, ...rest]) => (
    none('applyChanges (after the source)', rest),
    [parseChangeSetArgument('applyChanges', changeSet), parseArgument('applyChanges: source', changeSourceSchema, source)]
  ),
  undoChanges: ([count, ...rest]) => (none('undoChanges (after the count)', rest), [parseArgument('undoChanges: count', undoCountSchema, count)]),
  changes: (args) => none('changes', args),
  compareWith: ([request, ...rest]) => (none('compareWith (after the request)', rest), [parseArgument('compareWith', compareRequestSchema, request)]),
  flowLogs: ([request, ...rest]) => (none('flowLogs (after the request)', rest), [parseArgument('flowLogs', flowLogsRequestSchema, request)]),
  history: (args) => none('history', args),
  pruneHistory: ([keep, ...rest]) => (none('pruneHistory (after the count)', rest), [parseArgument('pruneHistory: keep', historyKeepSchema, keep)]),
};

/** API_ARGUMENTS[method] with trailing absent arguments dropped first (JSON sends them as null, IPC as undefined) */
export function checkApiArguments(method: ApiMethod, args: readonly unknown[]): unknown[] {
  let end = args.length;
  while (end > 0 && args[end - 1] === undefined) end -= 1;
  return API_ARGUMENTS[method](args.slice(0, end));
}

/**
 * Refuses an `endpointUrl` off loopback unless the user allowed it when
 * starting the app (`reachmap serve --allow-endpoint URL`): the collection
 * sends every client's signed requests (EC2, ELBv2, STS and the rest) there.
 */
export function checkEndpointUrl(endpointUrl: string | undefined, allowed: readonly string[] = [], howToAllow?: string): void {
  if (endpointUrl === undefined || isLoopbackEndpoint(endpointUrl) || isAllowedEndpoint(endpointUrl, allowed)) return;
  const shown = JSON.stringify(endpointUrl.length > 200 ? `${endpointUrl.slice(0, 200)}…` : endpointUrl);
  throw new InputError(`takeSnapshot: endpointUrl: ${shown} is not a loopback endpoint (127.0.0.0/8, ::1 or localhost)${howToAllow ? `; ${howToAllow}` : ''}`);
}
