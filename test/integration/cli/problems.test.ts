// `reachmap problems` and the ranked `reachmap exposure` through the built
// CLI: the JSON validates against its schema, --fail-on sets the exit,
// --ignore waives by id with a reason (an unknown id is a warning), and the
// exposure text puts the riskiest first, flags the broken, filters by risk.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, repoRoot, runCli } from './run-cli.js';

beforeAll(ensureBuilt);

const schemaOf = (name: string) => JSON.parse(readFileSync(path.join(repoRoot, 'docs/schemas', name), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true });
ajv.addSchema(schemaOf('analyze.schema.json'));
const validateProblems = ajv.compile(schemaOf('problems.schema.json'));
const validateExposure = ajv.compile(schemaOf('exposure.schema.json'));

interface Output {
  problems: { id: string; severity: string; waived?: { reason: string } }[];
  summary: { high: number; medium: number; low: number; waived: number };
  warnings: string[];
}

const dir = mkdtempSync(path.join(tmpdir(), 'reachmap-problems-'));

describe('reachmap problems', () => {
  it('--json on the demo: valid, the planted faults a reviewer flags, exit 0', () => {
    const run = runCli(['problems', '--json']);
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout) as Output;
    expect(validateProblems(output), JSON.stringify(validateProblems.errors)).toBe(true);
    expect(output.problems.map((p) => p.id)).toContain('tgw-zone-gap:tgw-attach-0de00000000000101:us-east-1b');
    // F10 (assets/demo/README.md): acme-prod-alb's health check blocked, once per running target
    expect(output.problems.filter((p) => p.id.startsWith('health-check-blocked:')).map((p) => p.id.split(':').at(-2))).toEqual(['i-0de00000000000105', 'i-0de00000000000106']);
    // F11: SSH open to ::/0 on prod-status, a problem of its own
    expect(output.problems.map((p) => p.id)).toContain('open-admin-port:sg-0de00000000000108:tcp/22:ipv6');
    expect(output.summary).toEqual({ high: 8, medium: 0, low: 1, waived: 0 });
  });

  it('text: grouped by severity, each with its id and fix', () => {
    const run = runCli(['problems']);
    expect(run.status).toBe(0);
    // the demo's planted problems (test/unit/engine/problems.test.ts): F4, F2, F10 twice, F6, F11 (SSH from ::/0), F9, F7 high; F5 low
    expect(run.stdout).toMatch(/^9 problems: 8 high, 0 medium, 1 low\n\nHIGH \(8\)\n/);
    expect(run.stdout).toContain('id: open-admin-port:sg-0de00000000000108:tcp/22:ipv6');
    expect(run.stdout).toContain('\nLOW (1)\n');
    expect(run.stdout).toContain('id: blackhole-route:rtb-0de00000000000203:0.0.0.0/0');
    expect(run.stdout).toContain('aws ec2 modify-transit-gateway-vpc-attachment --transit-gateway-attachment-id tgw-attach-0de00000000000101 --add-subnet-ids subnet-0de00000000000114');
  });

  it('--fail-on: 1 when a problem at or above the severity is found', () => {
    expect(runCli(['problems', '--fail-on', 'high']).status).toBe(1);
    expect(runCli(['problems', '--fail-on', 'low', '--json']).status).toBe(1);
    expect(runCli(['problems', '--fail-on', 'severe']).status).toBe(2);
  });

  it('--ignore: waived with their reason, not counted, an unknown id is a warning', () => {
    const ids = JSON.parse(runCli(['problems', '--json']).stdout) as Output;
    const high = ids.problems.filter((p) => p.severity === 'high').map((p) => p.id);
    const file = path.join(dir, 'accepted.yaml');
    writeFileSync(file, [...high.map((id) => `- id: ${id}\n  reason: accepted for the demo`), '- id: blackhole-route:rtb-nope:0.0.0.0/0\n  reason: old'].join('\n'));
    const run = runCli(['problems', '--json', '--ignore', file, '--fail-on', 'high']);
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout) as Output;
    expect(validateProblems(output), JSON.stringify(validateProblems.errors)).toBe(true);
    expect(output.summary).toEqual({ high: 0, medium: 0, low: 1, waived: 8 });
    expect(output.problems.find((p) => p.id === high[0])!.waived).toEqual({ reason: 'accepted for the demo' });
    expect(output.warnings).toContain('--ignore: no problem has the id blackhole-route:rtb-nope:0.0.0.0/0 (fixed already, or mistyped?)');
    expect(runCli(['problems', '--ignore', file, '--fail-on', 'low']).status).toBe(1);
    const text = runCli(['problems', '--ignore', file]);
    expect(text.stdout).toContain('WAIVED (8)');
    expect(text.stdout).toContain('waived: accepted for the demo');
    expect(text.stderr).toContain('warning: --ignore: no problem has the id blackhole-route:rtb-nope:0.0.0.0/0');
  });

  it('--ignore: a JSON list works; an entry without a reason is exit 2', () => {
    const json = path.join(dir, 'accepted.json');
    writeFileSync(json, JSON.stringify([{ id: 'no-public-ip-in-public-subnet:eni-0de00000000000104', reason: 'behind a load balancer soon' }]));
    expect((JSON.parse(runCli(['problems', '--json', '--ignore', json]).stdout) as Output).summary.waived).toBe(1);
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, '- id: x\n');
    const run = runCli(['problems', '--ignore', bad]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
  });
});

describe('reachmap exposure, ranked', () => {
  it('--json: the order kept, a risk and the prefix lists expanded per service, the broken dashboard apart', () => {
    const run = runCli(['exposure', '--json']);
    const report = JSON.parse(run.stdout) as { exposed: { eni: string; services: { risk: string; prefixListCidrs: Record<string, string[]> }[] }[]; broken: { eni: string; services: { blocked: { id: string; direction: string } }[] }[] };
    expect(validateExposure(report), JSON.stringify(validateExposure.errors)).toBe(true);
    // prod-status (F11) once per family: 443 over IPv4, 22 and 443 over IPv6
    expect(report.exposed.map((e) => e.eni)).toEqual(['eni-0de00000000000101', 'eni-0de00000000000102', 'eni-0de00000000000103', 'eni-0de0000000000010d', 'eni-0de0000000000010d']);
    // the bastion's SSH from the office prefix list: an admin port, but not to the world
    expect(report.exposed[0]!.services[0]).toMatchObject({ risk: 'medium', prefixListCidrs: { 'pl-0de00000000000101': ['192.0.2.0/26', '192.0.2.128/26'] } });
    expect(report.exposed[1]!.services[0]!.risk).toBe('low');
    // F2: the dashboard admits 443 from the world, its ACL refuses the reply
    expect(report.broken.map((e) => e.eni)).toEqual(['eni-0de00000000000301']);
    expect(report.broken[0]!.services[0]!.blocked).toMatchObject({ id: 'acl-0de00000000000302', direction: 'return' });
  });

  it('text: riskiest first, the broken flagged, --min-risk filters', () => {
    const run = runCli(['exposure']);
    // names first (issue 15): prod-bastion, then its ENI and instance ids
    // F11 first: prod-status's SSH from ::/0 is the one high risk; prod-status counts once per family
    expect(run.stdout).toMatch(/^The internet reaches 4 network interfaces \(1 of them over IPv6\):\n\nprod-status \(eni-0de0000000000010d, i-0de0000000000010d\) {2}2600:1f18:4de0:119::10 over IPv6 .*\n {2}\[HIGH\] {3}tcp 22, 443 +from ::\/0\n.*\n.*\n\nprod-bastion \(eni-0de00000000000101, i-0de00000000000101\)/);
    expect(run.stdout).toContain('[MEDIUM] tcp 22');
    expect(run.stdout).toContain('from pl-0de00000000000101 (192.0.2.0/26, 192.0.2.128/26)');
    expect(run.stdout).toContain('Public and open, but broken');
    expect(run.stdout).toContain('reply blocked at acl-0de00000000000302 (SUBNET_ACL_RESTRICTION)');
    const medium = runCli(['exposure', '--min-risk', 'medium']);
    // prod-status's IPv6 entry (SSH from ::/0, high) and the bastion (SSH from the office list, medium)
    expect(medium.stdout).toMatch(/^The internet reaches 2 network interfaces at risk medium or above \(1 of them over IPv6\):/);
    expect(medium.stdout).not.toContain('prod-web-1');
    const high = runCli(['exposure', '--min-risk', 'high']).stdout;
    expect(high).toMatch(/^The internet reaches 1 network interface at risk high or above over IPv6:\n\nprod-status \(eni-0de0000000000010d, i-0de0000000000010d\)/);
    expect(high).not.toContain('prod-bastion');
  });
});

describe('reachmap check --problems', () => {
  const intents = path.join(repoRoot, 'docs/examples/demo-intents.yaml');
  const validateCheck = ajv.compile(schemaOf('check.schema.json'));

  it('adds the problems to the check, valid against check.schema.json; --fail-on high turns the exit to 1', () => {
    const plain = runCli(['check', '--intents', intents, '--json']);
    const run = runCli(['check', '--intents', intents, '--problems', '--json']);
    expect(run.status).toBe(plain.status);
    const report = JSON.parse(run.stdout) as { problems: Output };
    expect(validateCheck(report), JSON.stringify(validateCheck.errors)).toBe(true);
    // F4: shared-services' default route still points at the deleted NAT gateway (assets/demo/README.md)
    expect(report.problems.problems.map((p) => p.id)).toContain('blackhole-route:rtb-0de00000000000203:0.0.0.0/0');
    expect(JSON.parse(plain.stdout)).not.toHaveProperty('problems');
    expect(runCli(['check', '--intents', intents, '--problems', '--fail-on', 'high']).status).toBe(1);
  });

  it('--fail-on without --problems is said, not silently ignored', () => {
    const run = runCli(['check', '--intents', intents, '--fail-on', 'high']);
    expect(run.stderr).toContain('--fail-on and --ignore apply to --problems');
  });
});
