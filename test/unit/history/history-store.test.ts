// The desktop app's history of live snapshots (shared/api/history/node.ts):
// kept as private files with their time, profile, accounts and regions,
// newest first, pruned to the count the user sets (20 unless set), and no
// file outside the index can be named through it.
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RawSnapshot } from '../../../shared/aws/raw.js';
import { DEFAULT_HISTORY_KEEP, HISTORY_INDEX, HistoryStore } from '../../../shared/api/history/node.js';

function raw(createdAt: string, regions: Record<string, string[]>): RawSnapshot {
  const accounts = Object.fromEntries(Object.entries(regions).map(([account, names]) => [account, Object.fromEntries(names.map((r) => [r, { Vpcs: [] }]))]));
  return { format: 'reachmap-snapshot/1', createdAt, source: { kind: 'aws-live', profile: 'prod' }, accounts, errors: [] };
}

/** a store whose clock moves a minute per snapshot from 2026-12-01T10:00:00Z */
function store(dir: string): HistoryStore {
  let minute = 0;
  return new HistoryStore(dir, { now: () => new Date(Date.UTC(2026, 11, 1, 10, minute++, 0)) });
}

describe('history of live snapshots', () => {
  it('keeps each with its time, profile, accounts and regions, newest first, in private files', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'reachmap-history-'));
    const history = store(dir);
    expect(await history.list()).toEqual({ entries: [], keep: DEFAULT_HISTORY_KEEP });
    await history.add(raw('2026-12-01T10:00:00Z', { '111122223333': ['us-east-1'] }), 'prod');
    const second = await history.add(raw('2026-12-01T10:01:00Z', { '111122223333': ['us-east-1', 'eu-west-1'], '444455556666': ['us-east-1'] }), undefined);
    const list = await history.list();
    expect(list.entries).toEqual([
      {
        id: 'live-default-20261201T100100Z.json',
        takenAt: '2026-12-01T10:01:00Z',
        profile: null,
        accounts: ['111122223333', '444455556666'],
        regions: [
          { account: '111122223333', region: 'us-east-1' },
          { account: '111122223333', region: 'eu-west-1' },
          { account: '444455556666', region: 'us-east-1' },
        ],
      },
      { id: 'live-prod-20261201T100000Z.json', takenAt: '2026-12-01T10:00:00Z', profile: 'prod', accounts: ['111122223333'], regions: [{ account: '111122223333', region: 'us-east-1' }] },
    ]);
    expect(second.file).toBe(path.join(dir, 'live-default-20261201T100100Z.json'));
    for (const name of ['live-prod-20261201T100000Z.json', 'live-default-20261201T100100Z.json', HISTORY_INDEX]) {
      expect(statSync(path.join(dir, name)).mode & 0o777).toBe(0o600);
    }
    expect(await history.pathOf('live-prod-20261201T100000Z.json')).toBe(path.join(dir, 'live-prod-20261201T100000Z.json'));
  });

  it('prunes to the count the user sets, deleting the oldest files, now and when the next is taken', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'reachmap-history-'));
    const history = store(dir);
    for (let i = 0; i < 4; i++) await history.add(raw(`2026-12-01T10:0${i}:00Z`, { a: ['us-east-1'] }), 'prod');
    const pruned = await history.setKeep(2);
    expect(pruned.keep).toBe(2);
    expect(pruned.entries.map((e) => e.takenAt)).toEqual(['2026-12-01T10:03:00Z', '2026-12-01T10:02:00Z']);
    expect(existsSync(path.join(dir, 'live-prod-20261201T100000Z.json'))).toBe(false);
    expect(existsSync(path.join(dir, 'live-prod-20261201T100100Z.json'))).toBe(false);
    await history.add(raw('2026-12-01T10:04:00Z', { a: ['us-east-1'] }), 'prod');
    // the count is remembered: a new store over the same folder reads it
    const again = await new HistoryStore(dir).list();
    expect(again.keep).toBe(2);
    expect(again.entries.map((e) => e.takenAt)).toEqual(['2026-12-01T10:04:00Z', '2026-12-01T10:03:00Z']);
    expect(readdirSync(dir).filter((name) => name.startsWith('live-')).sort()).toEqual(['live-prod-20261201T100300Z.json', 'live-prod-20261201T100400Z.json']);
    await expect(history.setKeep(0)).rejects.toThrow(/at least 1/);
  });

  it('names only what it holds: an id outside the index (or a path) is refused', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'reachmap-history-'));
    const history = store(dir);
    writeFileSync(path.join(dir, 'other.json'), '{}');
    await expect(history.pathOf('other.json')).rejects.toThrow(/no live snapshot "other.json" is kept/);
    await expect(history.pathOf('../settings.json')).rejects.toThrow(/no live snapshot/);
  });

  it('two taken in the same second are both kept; an unreadable index is an empty history', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'reachmap-history-'));
    const history = new HistoryStore(dir, { now: () => new Date(Date.UTC(2026, 11, 1, 10, 0, 0)) });
    await history.add(raw('2026-12-01T10:00:00Z', { a: ['us-east-1'] }), 'prod');
    await history.add(raw('2026-12-01T10:00:00Z', { a: ['us-east-1'] }), 'prod');
    expect((await history.list()).entries.map((e) => e.id).sort()).toEqual(['live-prod-20261201T100000Z-2.json', 'live-prod-20261201T100000Z.json']);
    writeFileSync(path.join(dir, HISTORY_INDEX), '{ not json');
    expect(await history.list()).toEqual({ entries: [], keep: DEFAULT_HISTORY_KEEP });
  });
});
