// Runs in the sandboxed renderer before the page. Sandboxed preloads may only
// require 'electron' (and events, timers, url), so this file and what it
// imports are bundled into one CommonJS file, dist/electron/preload.cjs
// (electron/preload.vite.config.ts); nothing here may import a Node module.
import { contextBridge, ipcRenderer } from 'electron';
import { createDesktopBridge } from './bridge.js';

contextBridge.exposeInMainWorld('reachmap', createDesktopBridge(ipcRenderer));
