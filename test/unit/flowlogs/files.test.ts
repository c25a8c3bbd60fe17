// Flow log files from disk: a plain file, the `.gz` files S3 delivery writes
// (each with its header line), folders walked in name order, a broken
// archive reported and not fatal, a missing path refused.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readFlowLogs } from '../../../shared/api/flowlogs/node.js';
import { InputError } from '../../../shared/api/errors.js';

const folder = mkdtempSync(path.join(os.tmpdir(), 'reachmap-flowlog-files-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const header = 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
const line = (eni: string, dstport: number, action = 'ACCEPT') => `2 123456789010 ${eni} 10.0.0.5 10.0.1.7 40000 ${dstport} 6 10 1000 1700000000 1700000060 ${action} OK`;

describe('reading flow log files', () => {
  it('reads an S3 folder: .gz files with headers and plain files, in name order', async () => {
    const s3 = path.join(folder, 'AWSLogs', '123456789010', 'vpcflowlogs', 'us-east-1', '2026', '12', '05');
    mkdirSync(s3, { recursive: true });
    writeFileSync(path.join(s3, '123456789010_vpcflowlogs_us-east-1_fl-1_20261205T0000Z_a.log.gz'), gzipSync(`${header}\n${line('eni-a', 443)}\n${line('eni-a', 443, 'REJECT')}\n`));
    writeFileSync(path.join(s3, '123456789010_vpcflowlogs_us-east-1_fl-1_20261205T0005Z_b.log'), `${header}\n${line('eni-b', 22)}\n`);
    writeFileSync(path.join(s3, '.hidden'), 'not a flow log\n');
    const result = await readFlowLogs([path.join(folder, 'AWSLogs')]);
    expect(result.files.map((f) => [path.basename(f.path), f.records, f.gzip])).toEqual([
      ['123456789010_vpcflowlogs_us-east-1_fl-1_20261205T0000Z_a.log.gz', 2, true],
      ['123456789010_vpcflowlogs_us-east-1_fl-1_20261205T0005Z_b.log', 1, false],
    ]);
    expect(result.badLines.count).toBe(0);
    const a = result.conversations.find((c) => c.interfaceId === 'eni-a')!;
    expect(a.forward.accepted.records).toBe(1);
    expect(a.forward.rejected.records).toBe(1);
    expect(a.records.forwardRejected[0]!.line).toBe(3);
  });

  it('reports a broken .gz with its file and keeps what came before', async () => {
    const whole = gzipSync(`${header}\n${line('eni-c', 443)}\n`.repeat(50));
    const file = path.join(folder, 'broken.log.gz');
    writeFileSync(file, whole.subarray(0, whole.length - 12));
    const result = await readFlowLogs([file]);
    expect(result.warnings.some((w) => w.startsWith(`${file}: the gzip data breaks off`))).toBe(true);
  });

  it('refuses a path that is not there, naming it', async () => {
    const missing = path.join(folder, 'nope.log');
    await expect(readFlowLogs([missing])).rejects.toThrow(InputError);
    await expect(readFlowLogs([missing])).rejects.toThrow(`"${missing}"`);
  });
});
