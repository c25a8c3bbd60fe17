// Electron's IPC pair without Electron: ipcRenderer.invoke reaches the
// handler registered with ipcMain.handle, arguments and answers go through
// structuredClone as over the real pipe (a function argument throws, as
// there), and main's webContents.send reaches the renderer's listeners.
import { EventEmitter } from 'node:events';
import type { IpcRendererLike } from '../../../electron/bridge.js';
import type { InvokeEvent, IpcMainLike } from '../../../electron/ipc.js';

type Handler = (event: InvokeEvent, ...args: unknown[]) => unknown;

export class InMemoryIpc {
  readonly handlers = new Map<string, Handler>();
  readonly rendererEvents = new EventEmitter();
  /** the URL of the page that "sends" the invokes */
  pageUrl = 'reachmap://app/index.html';

  readonly main: IpcMainLike = {
    handle: (channel, listener) => {
      if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      this.handlers.set(channel, listener);
    },
    removeHandler: (channel) => {
      this.handlers.delete(channel);
    },
  };

  readonly renderer: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      const handler = this.handlers.get(channel);
      if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
      const event: InvokeEvent = {
        senderFrame: { url: this.pageUrl },
        sender: {
          send: (eventChannel, ...payload) => {
            this.rendererEvents.emit(eventChannel, { sender: 'the IPC event the page must never see' }, ...payload.map((p) => structuredClone(p)));
          },
          isDestroyed: () => false,
        },
      };
      return structuredClone(await handler(event, ...args.map((a) => structuredClone(a))));
    },
    on: (channel, listener) => this.rendererEvents.on(channel, listener),
    removeListener: (channel, listener) => this.rendererEvents.removeListener(channel, listener),
  };

  /** main -> renderer, as webContents.send */
  sendToRenderer(channel: string, payload: unknown): void {
    this.rendererEvents.emit(channel, { sender: 'the IPC event the page must never see' }, structuredClone(payload));
  }
}
