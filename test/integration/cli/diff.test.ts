/* eslint-disable @typescript-eslint/no-explicit-any -- describe JSON edited by hand, as AWS returns it */
// `reachmap diff OLD NEW` through the built CLI, on copies of the demo changed
// on purpose: the exit status (0 nothing changed, 1 changed, 2 bad input), the
// JSON valid against docs/schemas/diff.schema.json, the exposure and problem
// deltas, and the intents-flip list: one rule revoked flips exactly the
// intents that need it, each naming that rule. Expected values are read from
// the demo's data (assets/demo/README.md), not from our output.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DiffReport } from '../../../shared/api/diff/types.js';
import { ensureBuilt, repoRoot, runCli } from './run-cli.js';

beforeAll(ensureBuilt);

const schemaOf = (name: string) => JSON.parse(readFileSync(path.join(repoRoot, 'docs/schemas', name), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true });
ajv.addSchema(schemaOf('analyze.schema.json'));
ajv.addSchema(schemaOf('problems.schema.json'));
const validateDiff = ajv.compile(schemaOf('diff.schema.json'));

const demoFile = path.join(repoRoot, 'assets/demo/demo-snapshot.json');
const intents = path.join(repoRoot, 'docs/examples/demo-intents.yaml');
const dir = mkdtempSync(path.join(tmpdir(), 'reachmap-diff-'));

type Json = Record<string, any>;
function demoCopy(name: string, edit: (east: Json, raw: Json) => void): string {
  const raw = JSON.parse(readFileSync(demoFile, 'utf8')) as Json;
  edit(raw.accounts['111122223333']['us-east-1'], raw);
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(raw));
  return file;
}
const group = (east: Json, id: string) => east.SecurityGroups.find((g: Json) => g.GroupId === id);

function diffJson(args: string[]): { status: number | null; report: DiffReport; stderr: string } {
  const run = runCli(['diff', ...args, '--json']);
  const report = JSON.parse(run.stdout) as DiffReport;
  expect(validateDiff(report), JSON.stringify(validateDiff.errors)).toBe(true);
  return { status: run.status, report, stderr: run.stderr };
}

// acme-prod-db (sg-...104) admits 5432 from acme-prod-api (sg-...103), acme-prod-worker (sg-...106) and itself:
// the API servers (prod-api-1, prod-api-2 hold sg-...103) lose the database; the workers (sg-...106) do not
let apiRuleRevoked: string;
beforeAll(() => {
  apiRuleRevoked = demoCopy('api-rule-revoked', (east) => {
    const postgres = group(east, 'sg-0de00000000000104').IpPermissions.find((p: Json) => p.FromPort === 5432);
    postgres.UserIdGroupPairs = postgres.UserIdGroupPairs.filter((pair: Json) => pair.GroupId !== 'sg-0de00000000000103');
  });
});

describe('reachmap diff', () => {
  it('the demo against a copy with its rules and ACL entries reordered: nothing changed, exit 0', () => {
    const reordered = demoCopy('reordered', (east) => {
      for (const acl of east.NetworkAcls) acl.Entries.reverse();
      for (const g of east.SecurityGroups) g.IpPermissions.reverse();
    });
    const text = runCli(['diff', demoFile, reordered]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('no component changed');
    const { status, report } = diffJson([demoFile, reordered]);
    expect(status).toBe(0);
    expect(report.changed).toBe(false);
    expect(report.changes).toEqual([]);
    expect(report.exposure).toEqual({ opened: [], closed: [] });
    expect(report.problems).toEqual({ new: [], resolved: [] });
  });

  it('one rule revoked: --changes-only names it, exit 1', () => {
    const { status, report } = diffJson([demoFile, apiRuleRevoked, '--changes-only']);
    expect(status).toBe(1);
    expect(report.changes.map((c) => [c.change, c.kind, c.id, c.name, c.edits.map((e) => e.text)])).toEqual([
      ['modified', 'security-group', 'sg-0de00000000000104', 'acme-prod-db', ['ingress tcp 5432 from sg-0de00000000000103 removed']],
    ]);
    expect(report.exposure).toBeUndefined();
  });

  it('--intents: exactly the two intents that need the rule flip, each naming it at the new drop', () => {
    const { status, report } = diffJson([demoFile, apiRuleRevoked, '--intents', intents]);
    expect(status).toBe(1);
    const flipped = report.intents!.flipped;
    expect(flipped.map((f) => [f.name, f.effect, f.before.verdict, f.after.verdict, f.after.blocked?.id])).toEqual([
      ['prod-api-1 writes to the primary database', 'broke', 'reachable', 'unreachable', 'sg-0de00000000000104'],
      ['prod-api-2 reads from the replica', 'broke', 'reachable', 'unreachable', 'sg-0de00000000000104'],
    ]);
    for (const flip of flipped) {
      expect(flip.causes[0]!.where).toBe('new drop');
      expect(flip.causes[0]!.edits.map((e) => e.text)).toEqual(['ingress tcp 5432 from sg-0de00000000000103 removed']);
      expect(flip.text).toContain('ingress tcp 5432 from sg-0de00000000000103 removed');
    }
    // nothing else the file checks moves: the web tier, the workers' loads, the cache, the exposure rules
    expect(report.intents!.total).toBeGreaterThan(20);
    const text = runCli(['diff', demoFile, apiRuleRevoked, '--intents', intents]);
    expect(text.stdout).toContain('intents (');
    expect(text.stdout).toMatch(/BROKE {2}prod-api-1 writes to the primary database/);
  });

  it('--intents with an endpoint deleted: its intents broke (not traceable, or an address no interface holds), never exit 2', () => {
    // prod-db-primary: i-0de00000000000108 and its interface eni-0de00000000000108 (10.0.20.11) deleted
    const deleted = demoCopy('db-deleted', (east) => {
      east.NetworkInterfaces = east.NetworkInterfaces.filter((e: Json) => e.NetworkInterfaceId !== 'eni-0de00000000000108');
      for (const r of east.Reservations) r.Instances = r.Instances.filter((i: Json) => i.InstanceId !== 'i-0de00000000000108');
    });
    const { status, report } = diffJson([demoFile, deleted, '--intents', intents]);
    expect(status).toBe(1);
    const flip = (name: string) => report.intents!.flipped.filter((f) => f.name === name);
    const writes = flip('prod-api-1 writes to the primary database');
    expect(writes.map((f) => [f.effect, f.before.verdict, f.after.verdict])).toEqual([['broke', 'reachable', null]]);
    expect(writes[0]!.after.error).toBeDefined();
    expect(writes[0]!.causes[0]!.change).toMatchObject({ change: 'removed', id: 'eni-0de00000000000108' });
    // the workers' intent names the address: the same question, now to an address in the data subnet no interface holds
    const loads = flip('batch workers reach the primary database');
    expect(loads.map((f) => [f.to, f.effect, f.after.verdict, f.after.blocked?.code])).toEqual([
      ['10.0.20.11', 'broke', 'unreachable', 'NO_ROUTE_TO_DESTINATION'],
      ['10.0.20.11', 'broke', 'unreachable', 'NO_ROUTE_TO_DESTINATION'],
    ]);
  });

  it('--flow: the same for one flow given as analyze takes it; a flow the rule does not touch is unchanged', () => {
    const broke = diffJson([demoFile, apiRuleRevoked, '--from', 'prod-api-1', '--to', 'i-0de00000000000108', '--port', '5432']);
    expect(broke.report.flow).toMatchObject({ effect: 'broke', before: { verdict: 'reachable' }, after: { verdict: 'unreachable' } });
    expect(broke.report.flow!.causes[0]!.edits.map((e) => e.text)).toEqual(['ingress tcp 5432 from sg-0de00000000000103 removed']);
    const same = diffJson([demoFile, apiRuleRevoked, '--from', 'prod-worker-1', '--to', 'i-0de00000000000108', '--port', '5432']);
    expect(same.report.flow).toMatchObject({ effect: 'unchanged', causes: [] });
  });

  it('SSH opened to the world on the web group: newly exposed on both public web servers, a new high problem', () => {
    // acme-prod-web (sg-...102) is on eni-...102 (203.0.113.11) and eni-...103 (203.0.113.12), both with public IPs,
    // and eni-...104 (no public IP); the public ACL admits 22 from 0.0.0.0/0 (entry 120)
    const ssh = demoCopy('ssh-open', (east) => {
      group(east, 'sg-0de00000000000102').IpPermissions.push({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] });
    });
    const { status, report } = diffJson([demoFile, ssh]);
    expect(status).toBe(1);
    expect(report.exposure!.opened.map((o) => [o.eni, o.publicIp, o.protocol, o.ports, o.sources, o.risk])).toEqual([
      ['eni-0de00000000000102', '203.0.113.11', 'tcp', [{ from: 22, to: 22 }], ['0.0.0.0/0'], 'high'],
      ['eni-0de00000000000103', '203.0.113.12', 'tcp', [{ from: 22, to: 22 }], ['0.0.0.0/0'], 'high'],
    ]);
    expect(report.exposure!.closed).toEqual([]);
    expect(report.problems!.new.map((p) => p.kind)).toContain('open-admin-port');
    expect(report.problems!.resolved).toEqual([]);
  });

  it('a region missing from the new snapshot is listed as not compared, not as deletions', () => {
    const noEurope = demoCopy('no-europe', (_east, raw) => {
      delete raw.accounts['111122223333']['eu-west-1'];
    });
    const { status, report } = diffJson([demoFile, noEurope, '--changes-only']);
    expect(status).toBe(0);
    expect(report.changes).toEqual([]);
    expect(report.notCompared.map((n) => n.reason)).toEqual(['region eu-west-1 of account 111122223333 is only in the old snapshot']);
  });

  it('--as-changes writes the diff as a change set that --apply takes over the old snapshot: prod-api-1 loses the database there too', () => {
    const file = path.join(dir, 'as-changes.json');
    const { status, report, stderr } = diffJson([demoFile, apiRuleRevoked, '--changes-only', '--as-changes', file]);
    expect(status).toBe(1);
    expect(report.asChanges).toEqual({ file, edits: 1, notWritten: [] });
    expect(stderr).toContain('wrote 1 edit to');
    const written = JSON.parse(readFileSync(file, 'utf8')) as { changes: { action: string; GroupId: string }[] };
    expect(written.changes.map((e) => [e.action, e.GroupId])).toEqual([['RevokeSecurityGroupIngress', 'sg-0de00000000000104']]);
    const before = runCli(['analyze', '--snapshot', demoFile, '--from', 'prod-api-1', '--to', 'i-0de00000000000108', '--port', '5432', '--expect', 'reachable']);
    expect(before.status).toBe(0);
    const edited = runCli(['analyze', '--snapshot', demoFile, '--apply', file, '--from', 'prod-api-1', '--to', 'i-0de00000000000108', '--port', '5432', '--expect', 'unreachable']);
    expect(edited.status).toBe(0);
  });

  it('bad input is exit 2 with one line naming the file or option', () => {
    const missing = runCli(['diff', demoFile, path.join(dir, 'nope.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('nope.json');
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{"format": "reachmap-snapshot/1", "accounts": ');
    const bad = runCli(['diff', broken, demoFile]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('broken.json');
    const both = runCli(['diff', demoFile, demoFile, '--changes-only', '--intents', intents]);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('--changes-only');
    const half = runCli(['diff', demoFile, demoFile, '--from', 'prod-api-1']);
    expect(half.status).toBe(2);
    expect(half.stderr).toContain('--to');
  });
});
