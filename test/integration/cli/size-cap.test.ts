// Issue 13, item 4: one size cap on snapshot files and folders, lowered with
// --max-size. Through the built CLI: exit 2, one line naming the file and the cap.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli, samplesDir, stderrLines } from './run-cli.js';

const temp = mkdtempSync(path.join(tmpdir(), 'reachmap-cli-cap-'));
beforeAll(ensureBuilt);
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('13.4 one size cap on snapshots, lowered with --max-size', () => {
  const big = path.join(temp, 'big.json');
  const folder = path.join(temp, 'configs');
  beforeAll(() => {
    // 5 KiB of padding: well-formed enough that only the cap refuses it
    writeFileSync(big, `{"format":"reachmap-snapshot/1","pad":"${'x'.repeat(5 * 1024)}"}`);
    mkdirSync(path.join(folder, 'aws_configs', 'us-east-1'), { recursive: true });
    writeFileSync(path.join(folder, 'aws_configs', 'us-east-1', 'Vpcs.json'), `{"Vpcs":[],"Pad":"${'x'.repeat(3 * 1024)}"}`);
    writeFileSync(path.join(folder, 'aws_configs', 'us-east-1', 'Subnets.json'), `{"Subnets":[],"Pad":"${'x'.repeat(3 * 1024)}"}`);
  });

  it('a file over a lowered --max-size is exit 2 naming the file and the cap', () => {
    for (const command of [['graph'], ['exposure'], ['diagnose', 'i-1'], ['analyze', '--from', 'internet', '--to', 'i-1', '--port', '80']]) {
      const run = runCli([...command, '--snapshot', big, '--max-size', '4K']);
      expect(run.stdout, command[0]).toBe('');
      expect(stderrLines(run), command[0]).toEqual([`error: ${big}: is 5 KiB, over the snapshot size cap of 4 KiB`]);
      expect(run.status, command[0]).toBe(2);
    }
  });

  it('a folder whose JSON files together pass the cap is refused the same way', () => {
    const run = runCli(['graph', '--snapshot', folder, '--max-size', '4KiB']);
    expect(stderrLines(run)).toHaveLength(1);
    expect(stderrLines(run)[0]).toMatch(new RegExp(`^error: ${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: holds JSON files of [\\d.]+ KiB, over the snapshot size cap of 4 KiB$`));
    expect(run.status).toBe(2);
  });

  it('under the cap the snapshot opens; the cap can only be lowered', () => {
    const fine = runCli(['graph', '--snapshot', path.join(samplesDir, 'test-public-subnet'), '--max-size', '64M', '--json']);
    expect(fine.status).toBe(0);
    const above = runCli(['graph', '--max-size', '1G']);
    expect(stderrLines(above)).toEqual(['error: --max-size: "1G" is more than the most Reachmap reads (512 MiB); it can only be lowered']);
    expect(above.status).toBe(2);
    const junk = runCli(['graph', '--max-size', 'lots']);
    expect(stderrLines(junk)).toEqual(['error: --max-size: "lots" is not a size (e.g. 64M, 100MiB, 1048576)']);
    expect(junk.status).toBe(2);
  });

  it('is documented in --help of the commands that read snapshots and of serve', () => {
    for (const command of ['graph', 'analyze', 'exposure', 'diagnose', 'check', 'report', 'serve']) {
      const help = runCli([command, '--help']);
      const text = help.stdout.replace(/\s+/g, ' ');
      expect(text, command).toContain('--max-size <size> refuse snapshot files and folders larger than SIZE (e.g. 64M; default and most: 512 MiB)');
    }
  });
});
