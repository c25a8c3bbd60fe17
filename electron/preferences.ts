// What the app reads and records in its settings, in the app's own words.
import type { DesktopSettingsView, Theme } from './bridge-types.js';
import { MAX_RECENT, type RecentSnapshot, type SettingsStore } from './settings.js';
import type { WindowBounds } from './window-bounds.js';

export class Preferences {
  constructor(
    private readonly store: SettingsStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  view(): DesktopSettingsView {
    return { theme: this.store.get('theme'), lastProfile: this.store.get('lastProfile'), lastRegions: [...this.store.get('lastRegions')] };
  }

  theme(): Theme {
    return this.store.get('theme');
  }

  setTheme(theme: Theme): void {
    this.store.set('theme', theme);
  }

  recent(): RecentSnapshot[] {
    return this.store.get('recentSnapshots');
  }

  /** newest first, one entry per path */
  addRecent(path: string, label: string): void {
    const entry: RecentSnapshot = { path, label, openedAt: this.now().toISOString() };
    const others = this.recent().filter((r) => r.path !== path);
    this.store.set('recentSnapshots', [entry, ...others].slice(0, MAX_RECENT));
  }

  removeRecent(path: string): void {
    this.store.set(
      'recentSnapshots',
      this.recent().filter((r) => r.path !== path),
    );
  }

  /** the profile and regions of the last live snapshot: names only, never credentials */
  rememberLiveRequest(profile: string | undefined, regions: string[] | 'all' | undefined): void {
    this.store.set('lastProfile', profile ?? null);
    this.store.set('lastRegions', Array.isArray(regions) ? [...new Set(regions)] : []);
  }

  windowBounds(): WindowBounds | undefined {
    return this.store.get('windowBounds') ?? undefined;
  }

  setWindowBounds(bounds: WindowBounds): void {
    this.store.set('windowBounds', bounds);
  }
}
