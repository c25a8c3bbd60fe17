// `reachmap flowlogs` through the built CLI on the demo: the JSON validates
// against docs/schemas/flowlogs.schema.json, the text puts the summary
// first, then the top lists, then the details; bad lines are reported and
// not fatal; bad input is exit 2 with one line naming it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, repoRoot, runCli, stderrLines } from './run-cli.js';

beforeAll(ensureBuilt);

const schemaOf = (name: string) => JSON.parse(readFileSync(path.join(repoRoot, 'docs/schemas', name), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true });
addFormats.default(ajv);
ajv.addSchema(schemaOf('analyze.schema.json'));
const validate = ajv.compile(schemaOf('flowlogs.schema.json'));

const dir = mkdtempSync(path.join(tmpdir(), 'reachmap-flowlogs-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// F1 (prod-api-1 -> prod-cache 6379) at both ends, and R4 REJECTed at prod-db-primary (planted to disagree), 2026-11-29 10:00Z
const records = [
  '2 111122223333 eni-0de00000000000105 10.0.10.11 10.0.20.21 50001 6379 6 10 1500 1795946400 1795946460 ACCEPT OK',
  '2 111122223333 eni-0de0000000000010a 10.0.10.11 10.0.20.21 50001 6379 6 10 1500 1795946400 1795946460 REJECT OK',
  '2 111122223333 eni-0de00000000000108 10.0.10.11 10.0.20.11 52000 5432 6 4 240 1795946400 1795946460 REJECT OK',
  'this line is not a record',
];

describe('reachmap flowlogs', () => {
  it('--json: valid against its schema, the reject explained and the disagreement flagged, the bad line reported', () => {
    const file = path.join(dir, 'flows.log');
    writeFileSync(file, `${records.join('\n')}\n`);
    const run = runCli(['flowlogs', file, '--json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { summary: Record<string, unknown>; badLines: { count: number; first: { file: string; line: number }[] }; conversations: { interfaceId: string; model: { blocked: { id: string } | null } }[] };
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.summary).toMatchObject({ files: 1, records: 3, badLines: 1, conversations: 3, explained: 1, disagreements: 1 });
    expect(report.badLines.first).toEqual([{ file, line: 4, reason: expect.any(String) }]);
    expect(report.conversations.find((c) => c.interfaceId === 'eni-0de0000000000010a')!.model.blocked!.id).toBe('sg-0de00000000000105');
  });

  it('exit status (DESIGN.md section 5): 0 whatever the findings; with --expect agreement, 1 when a conversation disagrees and 0 when none does', () => {
    const file = path.join(dir, 'flows.log');
    writeFileSync(file, `${records.join('\n')}\n`);
    expect(runCli(['flowlogs', file]).status).toBe(0);
    // R4's REJECT at prod-db-primary is one the configuration lets through
    const disagreeing = runCli(['flowlogs', file, '--expect', 'agreement']);
    expect(disagreeing.status).toBe(1);
    expect(disagreeing.stdout).toContain('Disagreements');
    // F1 alone: its REJECT is explained by acme-prod-cache
    const agreeing = path.join(dir, 'f1.log');
    writeFileSync(agreeing, `${records.slice(0, 2).join('\n')}\n`);
    expect(runCli(['flowlogs', agreeing, '--expect', 'agreement']).status).toBe(0);
    expect(runCli(['flowlogs', agreeing, '--expect', 'silence']).status).toBe(2);
  });

  it('text: summary, then top talkers and rejects, then the details', () => {
    const file = path.join(dir, 'flows.log.gz');
    writeFileSync(file, gzipSync(`${records.slice(0, 3).join('\n')}\n`));
    const run = runCli(['flowlogs', file, '--top', '2']);
    expect(run.status).toBe(0);
    const out = run.stdout;
    expect(out.startsWith('Flow logs: 1 file, 3 records, 3 conversations, 2026-11-29T10:00:00Z to 2026-11-29T10:01:00Z\n')).toBe(true);
    const order = ['Flow logs:', 'Top talkers', 'Top rejects', 'Disagreements (1)', 'Rejects (1)'].map((h) => out.indexOf(h));
    expect(order.every((p) => p >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // --top 2: two talkers listed
    expect(out.slice(out.indexOf('Top talkers'), out.indexOf('Top rejects')).trim().split('\n')).toHaveLength(4);
    expect(out).toContain('not explained by the configuration: stale snapshot, host firewall, or a component we do not model');
  });

  it('bad input is exit 2 with one line: a missing file, --top 0, a --max-skew that is no duration', () => {
    const missing = runCli(['flowlogs', path.join(dir, 'nope.log')]);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
    expect(stderrLines(missing)).toEqual([expect.stringContaining('nope.log')]);
    expect(runCli(['flowlogs', path.join(dir, 'flows.log'), '--top', '0']).status).toBe(2);
    expect(runCli(['flowlogs', path.join(dir, 'flows.log'), '--max-skew', 'soon']).status).toBe(2);
  });
});
