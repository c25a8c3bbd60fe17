// Flow logs over the web face's HTTP API, with the real service on the
// demo: files named by path read and set against the open snapshot (F1's
// REJECT at prod-cache explained by acme-prod-cache); a bad line reported
// by file and line without quoting the file's content to the page; bad
// requests refused naming the argument.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebFace, type WebFace } from '../../../shared/api/http/node.js';
import { call } from './web-face-call.js';
import { createNodeReachmapService } from '../../../shared/api/service/node.js';
import type { FlowLogsReport } from '../../../shared/api/flowlogs/report-types.js';

const temp = mkdtempSync(path.join(tmpdir(), 'reachmap-web-flowlogs-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('flow logs over the web face', () => {
  let face: WebFace;
  let file: string;
  beforeAll(async () => {
    file = path.join(temp, 'flows.log');
    writeFileSync(
      file,
      [
        '2 111122223333 eni-0de00000000000105 10.0.10.11 10.0.20.21 50001 6379 6 10 1500 1795946400 1795946460 ACCEPT OK',
        '2 111122223333 eni-0de0000000000010a 10.0.10.11 10.0.20.21 50001 6379 6 10 1500 1795946400 1795946460 REJECT OK',
        '2 111122223333 eni-0de0000000000010a 10.0.10.11 10.0.20.21 50001 6379 6 10 1500 1795946400 1795946460 SECRET-VALUE OK',
      ].join('\n'),
    );
    const service = await createNodeReachmapService();
    await service.openSnapshot();
    face = await startWebFace({ service, rendererDir: path.join(temp, 'renderer') });
  });
  afterAll(async () => face?.close());

  it('reads the files and explains the REJECT; a bad line is placed but its value not shown', async () => {
    const answer = await call(face, 'flowLogs', [{ paths: [file], top: 5 }]);
    expect(answer.status).toBe(200);
    const report = answer.body.value as FlowLogsReport;
    expect(report.summary).toMatchObject({ records: 2, conversations: 2, explained: 1, disagreements: 0, badLines: 1 });
    expect(report.conversations.find((c) => c.interfaceId === 'eni-0de0000000000010a')!.model!.blocked!.id).toBe('sg-0de00000000000105');
    expect(report.badLines.first).toEqual([{ file, line: 3, reason: 'action is a value, not ACCEPT, REJECT or -' }]);
    expect(JSON.stringify(report)).not.toContain('SECRET-VALUE');
  });

  it('refuses a request without paths, naming the argument; a missing file is the user\'s to fix', async () => {
    const none = await call(face, 'flowLogs', [{ paths: [] }]);
    expect(none.status).toBe(400);
    expect(none.body.error?.message).toContain('flowLogs: paths');
    const missing = await call(face, 'flowLogs', [{ paths: [path.join(temp, 'nope.log')] }]);
    expect(missing.status).toBe(400);
    expect(missing.body.error?.message).toContain('nope.log');
  });

  it('a time window keeps the records overlapping it (the map\'s time filter); a window that is not two ISO times, or ends before it starts, is a 400 naming it', async () => {
    // every record of the file runs 10:00 to 10:01 on 2026-11-29
    const inside = await call(face, 'flowLogs', [{ paths: [file], window: { start: '2026-11-29T09:59:00Z', end: '2026-11-29T10:00:30Z' } }]);
    expect(inside.status).toBe(200);
    expect((inside.body.value as FlowLogsReport).summary.records).toBe(2);
    const after = await call(face, 'flowLogs', [{ paths: [file], window: { start: '2026-11-29T11:00:00Z', end: '2026-11-29T12:00:00Z' } }]);
    const report = after.body.value as FlowLogsReport;
    expect(report.summary).toMatchObject({ records: 0, conversations: 0 });
    expect(report.timeFilter).toEqual({ start: '2026-11-29T11:00:00Z', end: '2026-11-29T12:00:00Z', recordsOutside: 2 });
    const bad = await call(face, 'flowLogs', [{ paths: [file], window: { start: 'yesterday', end: '2026-11-29T12:00:00Z' } }]);
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toContain('window.start: "yesterday"');
    const backwards = await call(face, 'flowLogs', [{ paths: [file], window: { start: '2026-11-29T12:00:00Z', end: '2026-11-29T11:00:00Z' } }]);
    expect(backwards.status).toBe(400);
    expect(backwards.body.error?.message).toContain('is before window.start');
    const extra = await call(face, 'flowLogs', [{ paths: [file], window: { start: '2026-11-29T11:00:00Z', end: '2026-11-29T12:00:00Z', step: 60 } }]);
    expect(extra.status).toBe(400);
  });
});
