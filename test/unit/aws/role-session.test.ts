// renewingSession (shared/aws/collect/role-session.ts) on a clock the test
// sets: the SDK clients of one account share one provider, which keeps a
// session while it has more than five minutes left and assumes the role once
// for all callers when it has not.
import { describe, expect, it } from 'vitest';
import { RENEW_BEFORE_MS, renewingSession } from '../../../shared/aws/collect/role-session.js';

const at = (ms: number) => new Date(ms);
const session = (key: string, expiresAt: number) => ({ accessKeyId: key, secretAccessKey: 's', sessionToken: 't', expiration: at(expiresAt) });

describe('a role session renewed before it ends', () => {
  it('keeps the session while more than five minutes are left', async () => {
    let renewals = 0;
    const provider = renewingSession(session('ASIA1', 3_600_000), async () => (renewals++, session('ASIA2', 7_200_000)), () => 0);
    expect((await provider()).accessKeyId).toBe('ASIA1');
    expect(renewals).toBe(0);
  });

  it('assumes the role again, once for every client asking at the same time, when five minutes or less are left', async () => {
    let now = 0;
    let renewals = 0;
    const provider = renewingSession(session('ASIA1', RENEW_BEFORE_MS), async () => (renewals++, session(`ASIA-RENEWED-${renewals}`, now + 3_600_000)), () => now);
    const keys = await Promise.all([provider(), provider(), provider()]);
    expect(keys.map((k) => k.accessKeyId)).toEqual(['ASIA-RENEWED-1', 'ASIA-RENEWED-1', 'ASIA-RENEWED-1']);
    expect(renewals).toBe(1);
    // a minute before the renewed session ends, it is renewed in turn
    now = 3_600_000 - 60_000;
    expect((await provider()).accessKeyId).toBe('ASIA-RENEWED-2');
    expect(renewals).toBe(2);
  });

  it('a renewal that fails is tried again by the next caller', async () => {
    let fail = true;
    const provider = renewingSession(session('ASIA1', 0), async () => {
      if (fail) throw new Error('AccessDenied');
      return session('ASIA3', 3_600_000);
    }, () => 0);
    await expect(provider()).rejects.toThrow('AccessDenied');
    fail = false;
    expect((await provider()).accessKeyId).toBe('ASIA3');
  });
});
