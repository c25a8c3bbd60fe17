// The methods a shell may forward to the service, by name. The web face and
// the Electron preload both allow exactly these and nothing else.
import type { ReachmapApi } from './reachmap-api.js';

export const API_METHODS = [
  'openSnapshot',
  'currentSnapshot',
  'graph',
  'analyze',
  'allowed',
  'exposure',
  'problems',
  'diagnose',
  'inspect',
  'listProfiles',
  'takeSnapshot',
  'cancelSnapshot',
  'applyChanges',
  'undoChanges',
  'changes',
  'compareWith',
  'flowLogs',
  'history',
  'pruneHistory',
] as const satisfies readonly (keyof ReachmapApi)[];

export type ApiMethod = (typeof API_METHODS)[number];

export function isApiMethod(name: string): name is ApiMethod {
  return (API_METHODS as readonly string[]).includes(name);
}
