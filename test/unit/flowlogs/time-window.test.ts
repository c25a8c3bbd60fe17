// The map's time filter: only records whose capture window [start, end]
// overlaps the one asked for are grouped; the others (and records without
// times, which cannot be placed) are counted as outside. Records written by
// hand: three 60-second capture windows at 10:00, 11:00 and 12:00 on
// 2026-11-29 (1795946400 is 10:00:00Z).
import { describe, expect, it } from 'vitest';
import { FlowLogReader } from '../../../shared/api/flowlogs/reading.js';
import { timeWindowOf } from '../../../shared/api/flowlogs/time-window.js';
import { InputError } from '../../../shared/api/errors.js';

const T10 = 1795946400;
const lines = [
  `2 111122223333 eni-0a 10.0.0.1 10.0.0.2 50000 443 6 10 1000 ${T10} ${T10 + 60} ACCEPT OK`,
  `2 111122223333 eni-0a 10.0.0.1 10.0.0.2 50001 443 6 20 3000 ${T10 + 3600} ${T10 + 3660} ACCEPT OK`,
  `2 111122223333 eni-0a 10.0.0.3 10.0.0.2 50002 22 6 5 300 ${T10 + 7200} ${T10 + 7260} REJECT OK`,
  '2 111122223333 eni-0a 10.0.0.4 10.0.0.2 50003 22 6 5 300 - - REJECT OK',
];

function readWith(window?: { start: number; end: number }) {
  const reader = new FlowLogReader(window ? { window } : {});
  const parser = reader.file('t.log');
  parser.push(new TextEncoder().encode(`${lines.join('\n')}\n`));
  parser.end();
  return reader.result();
}

describe('the time filter', () => {
  it('without one, every record is grouped and there is no filter in the answer', () => {
    const all = readWith();
    expect(all.records).toBe(4);
    expect(all.conversations).toHaveLength(3);
    expect(all.timeFilter).toBeNull();
  });

  it('keeps the records overlapping the window: 10:30 to 11:00:30 holds only the 11:00 record of the 443 conversation', () => {
    const r = readWith({ start: T10 + 1800, end: T10 + 3630 });
    expect(r.records).toBe(1);
    expect(r.conversations).toHaveLength(1);
    expect(r.conversations[0]).toMatchObject({ client: '10.0.0.1', server: '10.0.0.2', port: 443 });
    expect(r.conversations[0]!.forward.accepted).toEqual({ records: 1, packets: 20, bytes: 3000 });
    expect(r.window).toEqual({ start: T10 + 3600, end: T10 + 3660 });
    // the 10:00 and 12:00 records, and the one without times
    expect(r.timeFilter).toEqual({ start: T10 + 1800, end: T10 + 3630, recordsOutside: 3 });
  });

  it('touching the window counts: a window ending at 10:00:00 keeps the record starting then', () => {
    const r = readWith({ start: T10 - 600, end: T10 });
    expect(r.records).toBe(1);
    expect(r.conversations[0]!.forward.accepted.bytes).toBe(1000);
  });

  it('ISO times become Unix seconds; a time that does not parse, or an end before the start, is named', () => {
    expect(timeWindowOf({ start: '2026-11-29T10:00:00Z', end: '2026-11-29T11:00:00Z' })).toEqual({ start: T10, end: T10 + 3600 });
    expect(() => timeWindowOf({ start: 'yesterday', end: '2026-11-29T11:00:00Z' })).toThrow(InputError);
    expect(() => timeWindowOf({ start: 'yesterday', end: '2026-11-29T11:00:00Z' })).toThrow(/window\.start: "yesterday"/);
    expect(() => timeWindowOf({ start: '2026-11-29T11:00:00Z', end: '2026-11-29T10:00:00Z' })).toThrow(/window\.end .* is before window\.start/);
  });
});
