// 13.8 honest provenance: what a snapshot file says about itself is shown as
// its claim, never as where the data came from. Expected text by hand.
import { describe, expect, it } from 'vitest';
import { sourceClaim } from '../../../renderer/src/report/provenance.js';

type Summary = Parameters<typeof sourceClaim>[0];

const summary = (source: Summary['source'], createdAt: string | null = null): Summary => ({ label: 'prod.json', createdAt, source }) as unknown as Summary;

describe('13.8 honest provenance and size: the report shows the file\'s claim as a claim', () => {
  it('a file that says it is a live snapshot of a profile', () => {
    expect(sourceClaim(summary({ kind: 'aws-live', profile: 'prod' }, '2026-12-01T00:00:00Z'))).toBe('file says: live snapshot, profile prod');
    expect(sourceClaim(summary({ kind: 'import' }))).toBe('file says: imported describe-API JSON');
  });
  it('a hostile profile is escaped and cut to 64 characters', () => {
    expect(sourceClaim(summary({ kind: 'aws-live', profile: `prod\u202e\u001b]0;x\u0007${'p'.repeat(100)}` }))).toBe(`file says: live snapshot, profile prod\\u202e\\x1b]0;x\\x07${'p'.repeat(41)}\u2026`);
  });
});
