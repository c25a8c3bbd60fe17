// The Chromium or Chrome that `reachmap report` drives: the one given with
// --browser, else the first found in the usual places and on PATH. Every
// browser we start carries the team's flags: headless, and nothing that
// would send a packet beyond 127.0.0.1 (DESIGN.md section 6).
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../../shared/api/errors.js';

export const BROWSER_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const KNOWN_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

const NAMES_ON_PATH = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export const NO_BROWSER_MESSAGE = 'no Chromium or Chrome found on this machine: give one with --browser PATH (e.g. --browser /usr/bin/chromium)';

/** the browser to use; InputError (exit 2) when --browser names no executable or none is found */
export function findBrowser(given: string | undefined, env: NodeJS.ProcessEnv = process.env, knownPaths: readonly string[] = KNOWN_PATHS): string {
  if (given !== undefined) {
    if (!isExecutableFile(given)) throw new InputError(`--browser: "${given}" is not an executable file`);
    return given;
  }
  const onPath = (env.PATH ?? '').split(path.delimiter).filter(Boolean).flatMap((dir) => NAMES_ON_PATH.map((name) => path.join(dir, name)));
  const found = [...knownPaths, ...onPath].find(isExecutableFile);
  if (!found) throw new InputError(NO_BROWSER_MESSAGE);
  return found;
}
