// What main does for each allow-listed method. Arguments come from the page
// and are checked here, before the core sees them.
import { z } from 'zod';
import type { ApiMethod } from '../shared/api/api-methods.js';
import { checkApiArguments, checkEndpointUrl, componentId, parseArgument, portNumber } from '../shared/api/arguments.js';
import type { ChangeSet } from '../shared/api/changes.js';
import type { AllowedRequest, CompareRequest, FlowLogsRequest, FlowRequest, LiveSnapshotRequest, ReachmapApi } from '../shared/api/reachmap-api.js';
import type { HistoryStore } from '../shared/api/history/node.js';
import { InputError } from '../shared/api/errors.js';
import { EVENT_CHANNELS } from './channels.js';
import { exportReport, type ShowSaveDialog } from './export-report.js';
import type { DesktopHandlers } from './ipc.js';
import { saveChangeSet } from './save-change-set.js';
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
  /** the open dialog of Compare with… and of Traffic: a file (a snapshot, an intents file, a flow log), or null when cancelled */
  chooseComparePath?(kind: 'snapshot' | 'intents' | 'flowlogs'): Promise<string | null>;
  /** the live snapshots kept under user data */
  history?: HistoryStore;
}

const exportRequest = z.strictObject({ png: z.instanceof(Uint8Array), suggestedName: z.string().max(200) });
const saveIntentRequest = z.strictObject({
  flow: z.strictObject({ from: componentId, to: componentId, protocol: z.string().min(1).max(16), port: portNumber.nullable().optional(), sourcePort: portNumber.optional(), family: z.enum(['ipv4', 'ipv6']).optional() }),
  expect: z.enum(['reachable', 'unreachable']),
  name: z.string().max(200).optional(),
});
const chooseOptions = z.strictObject({ folder: z.boolean().optional() }).optional();
const compareFileKind = z.enum(['snapshot', 'intents', 'flowlogs']);

/** the API's own methods, checked by the schemas the web face uses too (shared/api/arguments.ts) */
function checked(method: ApiMethod, args: unknown[]): unknown[] {
  return checkApiArguments(method, args);
}

export function createDesktopHandlers(deps: DesktopHandlerDeps): DesktopHandlers {
  const { api, session } = deps;
  return {
    openSnapshot: async (_context, requested) => session.openRequestedByRenderer(requested),
    currentSnapshot: async (_context, ...args) => (checked('currentSnapshot', args), api.currentSnapshot()),
    graph: async (_context, ...args) => (checked('graph', args), api.graph()),
    analyze: async (_context, ...args) => api.analyze(...(checked('analyze', args) as [FlowRequest])),
    allowed: async (_context, ...args) => api.allowed(...(checked('allowed', args) as [AllowedRequest])),
    exposure: async (_context, ...args) => (checked('exposure', args), api.exposure()),
    problems: async (_context, ...args) => (checked('problems', args), api.problems()),
    diagnose: async (_context, ...args) => api.diagnose(...(checked('diagnose', args) as [string, { port?: number } | undefined])),
    inspect: async (_context, ...args) => api.inspect(...(checked('inspect', args) as [string])),
    listProfiles: async (_context, ...args) => (checked('listProfiles', args), api.listProfiles()),
    takeSnapshot: async (context, ...args) => {
      const [request] = checked('takeSnapshot', args) as [LiveSnapshotRequest];
      // the desktop app has no --allow-endpoint: a page may name loopback endpoints only
      checkEndpointUrl(request.endpointUrl);
      return session.takeLive(request, (progress) => context.send(EVENT_CHANNELS.progress, progress));
    },
    cancelSnapshot: async (_context, ...args) => (checked('cancelSnapshot', args), session.cancelLive()),
    applyChanges: async (_context, ...args) => api.applyChanges(...(checked('applyChanges', args) as [ChangeSet, string])),
    undoChanges: async (_context, ...args) => api.undoChanges(...(checked('undoChanges', args) as [number | undefined])),
    changes: async (_context, ...args) => (checked('changes', args), api.changes()),
    chooseSnapshot: async (_context, options) => {
      const chosen = await deps.chooseSnapshotPath(parseArgument('chooseSnapshot', chooseOptions, options)?.folder === true);
      return chosen === null ? null : session.openPath(chosen);
    },
    exportReport: async (_context, request) => exportReport(parseArgument('exportReport', exportRequest, request), deps.showSaveDialog, deps.documentsDir),
    saveIntent: async (_context, request) => saveIntent(parseArgument('saveIntent', saveIntentRequest, request), deps.showSaveDialog, deps.documentsDir),
    saveChangeSet: async (_context, ...args) => {
      if (args.some((arg) => arg !== undefined)) throw new InputError(`saveChangeSet: takes no arguments (got ${args.length})`);
      return saveChangeSet(api, deps.showSaveDialog, deps.documentsDir);
    },
    desktopSettings: async () => deps.preferences.view(),
    // Compare with…: the other snapshot is one the user chose (or a history entry), never a path the page made up
    compareWith: async (_context, ...args) => {
      const [request] = checked('compareWith', args) as [CompareRequest];
      const other = request.historyId !== undefined ? await requireHistory().pathOf(request.historyId) : session.chosenPath(request.path!, 'compareWith: path');
      const intents = request.intents === undefined ? {} : { intents: session.chosenPath(request.intents, 'compareWith: intents') };
      return api.compareWith({ path: other, ...(request.otherIs ? { otherIs: request.otherIs } : {}), ...intents, ...(request.flow ? { flow: request.flow } : {}) });
    },
    flowLogs: async (_context, ...args) => {
      // files the user chose in a dialog only, as for compareWith: a page names no other path
      const [request] = checked('flowLogs', args) as [FlowLogsRequest];
      const intents = request.intents === undefined ? {} : { intents: session.chosenPath(request.intents, 'flowLogs: intents') };
      return api.flowLogs({ ...request, paths: request.paths.map((p) => session.chosenPath(p, 'flowLogs: paths')), ...intents });
    },
    history: async (_context, ...args) => (checked('history', args), requireHistory().list()),
    pruneHistory: async (_context, ...args) => requireHistory().setKeep(...(checked('pruneHistory', args) as [number])),
    chooseCompareFile: async (_context, kind) => {
      if (!deps.chooseComparePath) throw new InputError('chooseCompareFile: not available');
      const which = parseArgument('chooseCompareFile', compareFileKind, kind);
      const chosen = await deps.chooseComparePath(which);
      return chosen === null ? null : session.grant(chosen, which);
    },
  };

  function requireHistory(): HistoryStore {
    if (!deps.history) throw new InputError('the history of live snapshots is not kept in this window');
    return deps.history;
  }
}
