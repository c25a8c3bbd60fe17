// Where the Electron binary is, if anywhere: ELECTRON_OVERRIDE_DIST_PATH (as
// the electron package itself honours it) or the download of the electron
// package (node_modules/electron/dist, named by path.txt). Machines that
// install with ELECTRON_SKIP_BINARY_DOWNLOAD have neither; `npm start`, `npm
// run dist` and the Electron end-to-end tests then say so in one line.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface ElectronBinary {
  /** the folder holding the executable and its resources (electron-builder's electronDist) */
  distDir: string;
  executable: string;
  /** the version of the electron package (electron-builder's electronVersion) */
  version: string;
}

export type ElectronBinaryLookup = { found: true; binary: ElectronBinary } | { found: false; reason: string };

const EXECUTABLE_IN_DIST: Partial<Record<NodeJS.Platform, string>> = {
  linux: 'electron',
  freebsd: 'electron',
  openbsd: 'electron',
  win32: 'electron.exe',
  darwin: 'Electron.app/Contents/MacOS/Electron',
};

function packageVersion(electronPackageDir: string): string | null {
  try {
    return (JSON.parse(readFileSync(path.join(electronPackageDir, 'package.json'), 'utf8')) as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}

export function findElectronBinary(repoRoot: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): ElectronBinaryLookup {
  const electronPackageDir = path.join(repoRoot, 'node_modules', 'electron');
  const version = packageVersion(electronPackageDir);
  if (!version) return { found: false, reason: 'the electron package is not installed (node_modules/electron)' };
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) {
    const executable = path.join(override, EXECUTABLE_IN_DIST[platform] ?? 'electron');
    return existsSync(executable) ? { found: true, binary: { distDir: override, executable, version } } : { found: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no Electron executable (${executable})` };
  }
  const pathFile = path.join(electronPackageDir, 'path.txt');
  const distDir = path.join(electronPackageDir, 'dist');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const executable = relative ? path.join(distDir, relative) : null;
  if (executable && existsSync(executable)) return { found: true, binary: { distDir, executable, version } };
  return { found: false, reason: `no Electron ${version} binary here (installed with ELECTRON_SKIP_BINARY_DOWNLOAD; set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron)` };
}
