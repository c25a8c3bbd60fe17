// Registers one ipcMain handler per allow-listed method. Each handler answers
// only pages of the app itself, and every answer crosses as data
// ({ok, value} | {ok, error}) so that the renderer gets the one-line message.
import type { ApiError } from '../shared/api/reachmap-api.js';
import { InputError } from '../shared/api/errors.js';
import type { IpcResult } from './bridge-types.js';
import { INVOKE_METHODS, invokeChannel, type EventChannel, type InvokeMethod } from './channels.js';
import { isAppUrl } from './security.js';

/** The part of Electron's IpcMainInvokeEvent the handlers use. */
export interface InvokeEvent {
  senderFrame: { url: string } | null;
  sender: { send(channel: string, ...args: unknown[]): void; isDestroyed(): boolean };
}

/** The part of Electron's ipcMain used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** What a handler may do besides answering: send events to the page that called it. */
export interface CallContext {
  send(channel: EventChannel, payload: unknown): void;
}

export type DesktopHandlers = { [M in InvokeMethod]: (context: CallContext, ...args: unknown[]) => Promise<unknown> };

export function toApiError(error: unknown): ApiError {
  if (error instanceof InputError) return { kind: 'input', message: error.message };
  // the full error goes to the main process's log; the user gets one line, never a stack
  console.error(error);
  return { kind: 'internal', message: `internal error: ${error instanceof Error ? error.message : String(error)}` };
}

export function registerIpcHandlers(ipcMain: IpcMainLike, handlers: DesktopHandlers): () => void {
  for (const method of INVOKE_METHODS) {
    ipcMain.handle(invokeChannel(method), async (event, ...args): Promise<IpcResult<unknown>> => {
      const url = event.senderFrame?.url ?? '';
      if (!isAppUrl(url)) return { ok: false, error: { kind: 'input', message: `refused: ${method} was asked by a page that is not Reachmap's` } };
      const context: CallContext = {
        send(channel, payload) {
          if (!event.sender.isDestroyed()) event.sender.send(channel, payload);
        },
      };
      try {
        return { ok: true, value: await handlers[method](context, ...args) };
      } catch (error) {
        return { ok: false, error: toApiError(error) };
      }
    });
  }
  return () => {
    for (const method of INVOKE_METHODS) ipcMain.removeHandler(invokeChannel(method));
  };
}
