// What main does for each allow-listed method. Arguments come from the page
// and are checked here, before the core sees them.
import { z } from 'zod';
import { InputError } from '../shared/api/errors.js';
import type { ReachmapApi } from '../shared/api/reachmap-api.js';
import { EVENT_CHANNELS } from './channels.js';
import { exportReport, type ShowSaveDialog } from './export-report.js';
import type { DesktopHandlers } from './ipc.js';
import { saveIntent } from './save-intent.js';
import type { Preferences } from './preferences.js';
import type { SnapshotSession } from './snapshot-session.js';

export interface DesktopHandlerDeps {
  api: ReachmapApi;
  session: SnapshotSession;
  preferences: Preferences;
  /** the File > Open snapshot… dialog: a path, or null when cancelled */
  chooseSnapshotPath(folder: boolean): Promise<string | null>;
  showSaveDialog: ShowSaveDialog;
  /** where the save dialog starts */
  documentsDir: string;
}

const id = z.string().min(1).max(256);
const port = z.number().int().min(0).max(65535);

const flowRequest = z.strictObject({ from: id, to: id, protocol: z.string().min(1).max(16).optional(), port: port.optional(), sourcePort: port.optional() });
const diagnoseOptions = z.strictObject({ port: port.optional() }).optional();
/** the collector's test server and compatible endpoints run locally; a page may not send signed requests anywhere else */
const localEndpoint = z.string().regex(/^http:\/\/(127\.0\.0\.1|localhost)(:\d{1,5})?(\/.*)?$/, 'only http://127.0.0.1 or http://localhost endpoints');
const liveRequest = z.strictObject({
  profile: z.string().min(1).max(128).regex(/^[A-Za-z0-9_.@+=,/-]+$/).optional(),
  regions: z.union([z.literal('all'), z.array(z.string().regex(/^[a-z0-9-]{1,32}$/)).min(1).max(64)]).optional(),
  endpointUrl: localEndpoint.optional(),
});
const exportRequest = z.strictObject({ png: z.instanceof(Uint8Array), suggestedName: z.string().max(200) });
const saveIntentRequest = z.strictObject({
  flow: z.strictObject({ from: id, to: id, protocol: z.string().min(1).max(16), port: port.nullable().optional(), sourcePort: port.optional() }),
  expect: z.enum(['reachable', 'unreachable']),
  name: z.string().max(200).optional(),
});
const chooseOptions = z.strictObject({ folder: z.boolean().optional() }).optional();
const noArguments = z.tuple([]);

function parse<S extends z.ZodType>(method: string, schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new InputError(`${method}: ${where}${issue?.message ?? 'invalid argument'}`);
}

export function createDesktopHandlers(deps: DesktopHandlerDeps): DesktopHandlers {
  const { api, session } = deps;
  const none = (method: string, args: unknown[]): void => {
    parse(method, noArguments, args);
  };
  return {
    openSnapshot: async (_context, requested) => session.openRequestedByRenderer(requested),
    currentSnapshot: async (_context, ...args) => (none('currentSnapshot', args), api.currentSnapshot()),
    graph: async (_context, ...args) => (none('graph', args), api.graph()),
    analyze: async (_context, request) => api.analyze(parse('analyze', flowRequest, request)),
    exposure: async (_context, ...args) => (none('exposure', args), api.exposure()),
    diagnose: async (_context, target, options) => api.diagnose(parse('diagnose', id, target), parse('diagnose', diagnoseOptions, options)),
    inspect: async (_context, component) => api.inspect(parse('inspect', id, component)),
    listProfiles: async (_context, ...args) => (none('listProfiles', args), api.listProfiles()),
    takeSnapshot: async (context, request) =>
      session.takeLive(parse('takeSnapshot', liveRequest, request ?? {}), (progress) => context.send(EVENT_CHANNELS.progress, progress)),
    cancelSnapshot: async (_context, ...args) => (none('cancelSnapshot', args), session.cancelLive()),
    chooseSnapshot: async (_context, options) => {
      const chosen = await deps.chooseSnapshotPath(parse('chooseSnapshot', chooseOptions, options)?.folder === true);
      return chosen === null ? null : session.openPath(chosen);
    },
    exportReport: async (_context, request) => exportReport(parse('exportReport', exportRequest, request), deps.showSaveDialog, deps.documentsDir),
    saveIntent: async (_context, request) => saveIntent(parse('saveIntent', saveIntentRequest, request), deps.showSaveDialog, deps.documentsDir),
    desktopSettings: async () => deps.preferences.view(),
  };
}
