// The desktop app's settings: what it remembers between runs, never a secret.
// Stored with electron-store in the app; `conf` (the library electron-store is
// built on, same options and API) stands in for it in plain-Node tests.
import { promises as fs } from 'node:fs';
import type { Schema } from 'conf';
import type { Theme } from './bridge-types.js';
import type { WindowBounds } from './window-bounds.js';

export interface RecentSnapshot {
  path: string;
  label: string;
  openedAt: string;
  /** added by the 0.2.0 migration: where the snapshot came from, for the Open recent menu */
  kind?: 'file' | 'folder' | 'live';
}

export interface SettingsData {
  theme: Theme;
  lastProfile: string | null;
  lastRegions: string[];
  recentSnapshots: RecentSnapshot[];
  windowBounds: WindowBounds | null;
}

/** The subset of conf / electron-store the app uses. */
export interface SettingsStore {
  get<K extends keyof SettingsData>(key: K): SettingsData[K];
  set<K extends keyof SettingsData>(key: K, value: SettingsData[K]): void;
  readonly path: string;
}

export const MAX_RECENT = 10;

const integer = { type: 'integer', minimum: -100_000, maximum: 100_000 } as const;
const regionName = { type: 'string', pattern: '^[a-z0-9-]{1,32}$' } as const;

export const SETTINGS_SCHEMA: Schema<SettingsData> = {
  theme: { type: 'string', enum: ['system', 'light', 'dark'], default: 'system' },
  lastProfile: { type: ['string', 'null'], maxLength: 128, pattern: '^[A-Za-z0-9_.@+=,/-]*$', default: null },
  lastRegions: { type: 'array', items: regionName, maxItems: 64, uniqueItems: true, default: [] },
  recentSnapshots: {
    type: 'array',
    maxItems: MAX_RECENT,
    default: [],
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['path', 'label', 'openedAt'],
      properties: {
        path: { type: 'string', minLength: 1, maxLength: 4096 },
        label: { type: 'string', maxLength: 512 },
        openedAt: { type: 'string', format: 'date-time' },
        kind: { type: 'string', enum: ['file', 'folder', 'live'] },
      },
    },
  },
  windowBounds: {
    type: ['object', 'null'],
    additionalProperties: false,
    required: ['width', 'height'],
    properties: { x: integer, y: integer, width: { ...integer, minimum: 100 }, height: { ...integer, minimum: 100 }, maximized: { type: 'boolean' } },
    default: null,
  },
};

/** conf keeps its migration bookkeeping under this key in the same file */
const CONF_INTERNAL_KEY = '__internal__';

/** Unknown keys are refused: the file can only ever hold what the schema names, so no credential can slip in. */
export const SETTINGS_ROOT_SCHEMA = { additionalProperties: false } as const;

function schemaWithBookkeeping(): Schema<SettingsData> {
  return { ...SETTINGS_SCHEMA, [CONF_INTERNAL_KEY]: { type: 'object' } } as Schema<SettingsData>;
}

/** What the next version needs of a store the current one wrote. */
export const SETTINGS_MIGRATIONS = {
  // 0.2.0 shows where each recent snapshot came from; 0.1.x did not record it.
  '0.2.0': (store: Pick<SettingsStore, 'get' | 'set'>, snapshotsDir?: string): void => {
    // a store created by this very version has no list yet: conf applies defaults after migrating
    const recent = (store.get('recentSnapshots') ?? []).map((entry) => ({ ...entry, kind: entry.kind ?? recentKind(entry.path, snapshotsDir) }));
    store.set('recentSnapshots', recent);
  },
};

export function recentKind(snapshotPath: string, snapshotsDir?: string): 'file' | 'folder' | 'live' {
  if (snapshotsDir && snapshotPath.startsWith(snapshotsDir)) return 'live';
  return /\.json$/i.test(snapshotPath) ? 'file' : 'folder';
}

/** The options conf and electron-store share; each factory adds where the file lives. */
export function settingsStoreOptions(snapshotsDir?: string) {
  return {
    schema: schemaWithBookkeeping(),
    rootSchema: SETTINGS_ROOT_SCHEMA,
    configFileMode: 0o600,
    clearInvalidConfig: true,
    migrations: Object.fromEntries(
      Object.entries(SETTINGS_MIGRATIONS).map(([version, migrate]) => [version, (store: Pick<SettingsStore, 'get' | 'set'>) => migrate(store, snapshotsDir)]),
    ),
  };
}

export type SettingsStoreOptions = ReturnType<typeof settingsStoreOptions>;

/**
 * Opens the store; a file that fails the schema (edited by hand, written by a
 * newer version) is kept aside as `<file>.invalid-<time>` and the app starts
 * with defaults, rather than not starting at all.
 */
export async function openSettingsStore(create: () => SettingsStore, filePath: string, now: () => Date = () => new Date()): Promise<SettingsStore> {
  try {
    return create();
  } catch (error) {
    const aside = `${filePath}.invalid-${now().toISOString().replace(/[:.]/g, '-')}`;
    await fs.rename(filePath, aside);
    console.error(`settings: ${filePath} was not valid (${(error as Error).message}); kept as ${aside}, starting with defaults`);
    return create();
  }
}
