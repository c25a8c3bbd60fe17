// A ReachmapApi carried over some transport (HTTP for the web face, IPC in
// Electron): every method but the live snapshot, which also streams progress,
// is one request named after the method.
import type { ApiMethod } from './api-methods.js';
import type { ReachmapApi } from './reachmap-api.js';

export type ApiCall = <T>(method: ApiMethod, ...args: unknown[]) => Promise<T>;

export function forwardApi(call: ApiCall): Omit<ReachmapApi, 'takeSnapshot'> {
  return {
    openSnapshot: (path) => call('openSnapshot', path),
    currentSnapshot: () => call('currentSnapshot'),
    graph: () => call('graph'),
    analyze: (request) => call('analyze', request),
    allowed: (request) => call('allowed', request),
    exposure: () => call('exposure'),
    problems: () => call('problems'),
    diagnose: (target, options) => call('diagnose', target, options),
    inspect: (id) => call('inspect', id),
    listProfiles: () => call('listProfiles'),
    cancelSnapshot: () => call('cancelSnapshot'),
    applyChanges: (changeSet, source) => call('applyChanges', changeSet, source),
    undoChanges: (count) => call('undoChanges', count),
    changes: () => call('changes'),
    compareWith: (request) => call('compareWith', request),
    flowLogs: (request) => call('flowLogs', request),
    history: () => call('history'),
    pruneHistory: (keep) => call('pruneHistory', keep),
  };
}
