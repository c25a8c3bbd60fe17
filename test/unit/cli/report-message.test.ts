// `reachmap report` says where it wrote the PNG (issue 15.6): the absolute path, on stdout.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportWrittenLine } from '../../../cli/commands/report.js';

describe('reachmap report: the success line', () => {
  it('names the absolute path of the PNG, a relative --png resolved against the working folder', () => {
    expect(reportWrittenLine('out/report.png')).toBe(`Wrote the report to ${path.join(process.cwd(), 'out', 'report.png')}\n`);
    expect(reportWrittenLine('/tmp/r.png')).toBe('Wrote the report to /tmp/r.png\n');
  });
});
