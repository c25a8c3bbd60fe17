// `window.reachmap` as the preload builds it: each method is one invoke on its
// allow-listed channel (the API's own forwarded as the web face forwards them,
// shared/api/forward.ts), and events reach the renderer's listeners without
// the IPC event object, so page code never holds `sender` or `ipcRenderer`.
import { forwardApi } from '../shared/api/forward.js';
import type { CollectProgress, SnapshotSummary } from '../shared/api/reachmap-api.js';
import type { DesktopBridge, IpcResult } from './bridge-types.js';
import { EVENT_CHANNELS, invokeChannel, isMenuAction, type EventChannel, type InvokeMethod } from './channels.js';

/** The part of Electron's ipcRenderer the bridge uses (a parameter, so that plain Node can test it). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function createDesktopBridge(ipc: IpcRendererLike): DesktopBridge {
  async function call<T>(method: InvokeMethod, ...args: unknown[]): Promise<T> {
    const answer = (await ipc.invoke(invokeChannel(method), ...args)) as IpcResult<T>;
    if (answer.ok) return answer.value;
    // contextBridge copies only the message of an Error: that message is the one line the user reads
    throw new Error(answer.error.message);
  }

  function subscribe<T>(channel: EventChannel, accept: (payload: unknown) => payload is T, listener: (payload: T) => void): () => void {
    const relay = (_event: unknown, payload: unknown): void => {
      if (accept(payload)) listener(payload);
    };
    ipc.on(channel, relay);
    return () => {
      ipc.removeListener(channel, relay);
    };
  }

  const bridge: DesktopBridge = {
    shell: 'electron',
    ...forwardApi(call),
    async takeSnapshot(request, onProgress) {
      const stop = onProgress ? subscribe(EVENT_CHANNELS.progress, (p): p is CollectProgress => isObject(p), onProgress) : () => undefined;
      try {
        return await call<SnapshotSummary>('takeSnapshot', request);
      } finally {
        stop();
      }
    },
    chooseSnapshot: (options) => call('chooseSnapshot', options),
    exportReport: (request) => call('exportReport', request),
    saveIntent: (request) => call('saveIntent', request),
    saveChangeSet: () => call('saveChangeSet'),
    desktopSettings: () => call('desktopSettings'),
    chooseCompareFile: (kind) => call('chooseCompareFile', kind),
    onMenuAction: (listener) => subscribe(EVENT_CHANNELS.menu, isMenuAction, listener),
    onSnapshotOpened: (listener) => subscribe(EVENT_CHANNELS.snapshotOpened, (s): s is SnapshotSummary => isObject(s), listener),
  };
  return Object.freeze(bridge);
}
