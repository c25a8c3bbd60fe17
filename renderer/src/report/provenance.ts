// What a snapshot file says about itself, shown as its claim: anyone can write
// `"profile": "prod"` into a file, so the report never presents it as where
// the data came from. Kept out of the .tsx views so that Node tests can read it.
import type { SnapshotSummary } from '../../../shared/api/reachmap-api.js';
import { truncateForDisplay } from '../../../shared/api/display-text.js';

const SOURCE_KINDS: Record<string, string> = { 'aws-live': 'live snapshot', import: 'imported describe-API JSON', demo: 'the bundled demo network' };

export function sourceClaim(summary: Pick<SnapshotSummary, 'source'>): string {
  const kind = SOURCE_KINDS[summary.source.kind] ?? `"${truncateForDisplay(summary.source.kind)}"`;
  const profile = summary.source.profile ? `, profile ${truncateForDisplay(summary.source.profile)}` : '';
  return `file says: ${kind}${profile}`;
}
