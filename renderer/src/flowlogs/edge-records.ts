// The records behind one traffic edge, as a person reads them: the kept
// records of each conversation it stands for (the first few of each kind per
// recording interface), oldest first, capped.
import type { FlowLogsReport } from '../../../shared/api/flowlogs/report-types.js';
import { isoTime } from '../../../shared/api/flowlogs/time-window.js';

export interface RecordRow {
  time: string | null;
  interfaceId: string;
  leg: 'request' | 'reply';
  action: 'ACCEPT' | 'REJECT';
  from: string;
  to: string;
  packets: number | null;
  bytes: number | null;
  place: string;
}

/** rows shown under a selected edge */
export const MAX_RECORD_ROWS = 25;

const KINDS = [
  ['forwardAccepted', 'request', 'ACCEPT'],
  ['forwardRejected', 'request', 'REJECT'],
  ['returnAccepted', 'reply', 'ACCEPT'],
  ['returnRejected', 'reply', 'REJECT'],
] as const;

function end(address: string, port: number | null): string {
  if (port === null) return address;
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

export function edgeRecords(report: FlowLogsReport, conversations: readonly number[], max = MAX_RECORD_ROWS): { rows: RecordRow[]; kept: number; total: number } {
  const rows: (RecordRow & { at: number })[] = [];
  let total = 0;
  for (const position of conversations) {
    const c = report.conversations[position];
    if (!c) continue;
    total += c.forward.accepted.records + c.forward.rejected.records + c.return.accepted.records + c.return.rejected.records;
    for (const [kind, leg, action] of KINDS) {
      for (const r of c.records[kind]) {
        const [src, dst] = leg === 'request' ? [c.client, c.server] : [c.server, c.client];
        rows.push({
          at: r.start ?? Number.MAX_SAFE_INTEGER,
          time: r.start !== null ? isoTime(r.start) : null,
          interfaceId: c.interfaceId,
          leg,
          action,
          from: end(src, r.srcport),
          to: end(dst, r.dstport),
          packets: r.packets,
          bytes: r.bytes,
          place: `${r.file}:${r.line}`,
        });
      }
    }
  }
  rows.sort((a, b) => a.at - b.at || a.place.localeCompare(b.place));
  return { rows: rows.slice(0, max).map(({ at: _at, ...row }) => row), kept: rows.length, total };
}
