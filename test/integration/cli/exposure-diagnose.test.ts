// `reachmap exposure` and `reachmap diagnose` through the built CLI (node
// bin/reachmap.js): exit codes, --json prints exactly one object that
// validates against its schema, errors are one line with nothing on stdout,
// the readable text without --json.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, repoRoot, runCli, samplesDir, stderrLines } from './run-cli.js';

beforeAll(ensureBuilt);

const schemaOf = (name: string) => JSON.parse(readFileSync(path.join(repoRoot, 'docs/schemas', name), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true });
ajv.addSchema(schemaOf('analyze.schema.json'));
const validateExposure = ajv.compile(schemaOf('exposure.schema.json'));
const validateDiagnose = ajv.compile(schemaOf('diagnose.schema.json'));

describe('reachmap exposure', () => {
  it('--json on the demo: one object, valid, naming the bastion, the two public web servers and prod-status (per family) only', () => {
    const run = runCli(['exposure', '--json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { exposed: { eni: string; family?: string; publicIp: string | null; services: { protocol: string; ports: { from: number; to: number }[]; sources: string[] }[] }[] };
    expect(validateExposure(report), JSON.stringify(validateExposure.errors)).toBe(true);
    expect(report.exposed.map((e) => [e.eni, e.family ?? 'ipv4'])).toEqual([
      ['eni-0de00000000000101', 'ipv4'],
      ['eni-0de00000000000102', 'ipv4'],
      ['eni-0de00000000000103', 'ipv4'],
      ['eni-0de0000000000010d', 'ipv4'],
      ['eni-0de0000000000010d', 'ipv6'],
    ]);
    // F11 (assets/demo/README.md): acme-prod-status admits tcp 22 from ::/0, over prod-edge-a's ::/0 route to the IGW
    const f11 = report.exposed[4]!;
    expect(f11.publicIp).toBe('2600:1f18:4de0:119::10');
    expect(f11.services.filter((s) => s.ports.some((p) => p.from <= 22 && 22 <= p.to)).map((s) => [s.protocol, s.sources])).toEqual([['tcp', ['::/0']]]);
  });

  it('--json on a Batfish sample (test-nat-gateway): valid against the schema', () => {
    const run = runCli(['exposure', '--snapshot', path.join(samplesDir, 'test-nat-gateway'), '--json']);
    expect(run.status).toBe(0);
    expect(validateExposure(JSON.parse(run.stdout)), JSON.stringify(validateExposure.errors)).toBe(true);
  });

  it('without --json: one block per exposed interface, the services with their sources and path', () => {
    const run = runCli(['exposure']);
    expect(run.status).toBe(0);
    // the bastion, prod-web-1 and -2, prod-status: four interfaces, prod-status's SSH from ::/0 (F11) the one entry over IPv6
    expect(run.stdout).toMatch(/^The internet reaches 4 network interfaces \(1 of them over IPv6\):/);
    expect(run.stdout).toContain('tcp 22');
    expect(run.stdout).toContain('from pl-0de00000000000101');
    expect(run.stdout).toContain('via igw-0de00000000000100 -> acl-0de00000000000102 -> sg-0de00000000000101');
  });

  it('a bad snapshot path: exit 2, one line, nothing on stdout', () => {
    const run = runCli(['exposure', '--snapshot', path.join(repoRoot, 'no-such-folder'), '--json']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(stderrLines(run)).toHaveLength(1);
  });
});

describe('reachmap diagnose', () => {
  it('--json: one valid object; F2 (analytics-dashboard) fails first in filtering at its ACL', () => {
    const run = runCli(['diagnose', 'i-0de00000000000301', '--json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { firstFailure: unknown; checks: { id: string; component: unknown }[] };
    expect(validateDiagnose(report), JSON.stringify(validateDiagnose.errors)).toBe(true);
    expect(report.firstFailure).toEqual({ layer: 'filtering', id: 'acl-outbound-ephemeral:tcp:the internet' });
  });

  it('--family ipv6 (F11, prod-status): one valid object whose target carries family ipv6 and its IPv6 address; the text names it', () => {
    const run = runCli(['diagnose', 'i-0de0000000000010d', '--family', 'ipv6', '--json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { target: Record<string, unknown>; firstFailure: unknown; checks: { id: string; status: string }[] };
    expect(validateDiagnose(report), JSON.stringify(validateDiagnose.errors)).toBe(true);
    expect(report.target).toMatchObject({ eni: 'eni-0de0000000000010d', privateIp: '2600:1f18:4de0:119::10', publicIp: '2600:1f18:4de0:119::10', family: 'ipv6' });
    expect(report.checks.find((c) => c.id === 'internet-route')?.status).toBe('pass');
    const text = runCli(['diagnose', '2600:1f18:4de0:119::10', '--port', '22']);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^2600:1f18:4de0:119::10: prod-status \(i-0de0000000000010d, eni-0de0000000000010d\) IPv6 2600:1f18:4de0:119::10 in subnet-0de00000000000119/);
    // without --family an IPv4 target is as before: no family field
    const ipv4 = JSON.parse(runCli(['diagnose', 'i-0de0000000000010d', '--json']).stdout) as { target: Record<string, unknown> };
    expect(ipv4.target).not.toHaveProperty('family');
    expect(ipv4.target).toMatchObject({ privateIp: '10.0.40.10', publicIp: '203.0.113.13' });
  });

  it('an IPv6 target with --family ipv4, or a family that is neither: exit 2, one line, nothing on stdout', () => {
    for (const args of [['2600:1f18:4de0:119::10', '--family', 'ipv4'], ['i-0de0000000000010d', '--family', 'ipv5']]) {
      const run = runCli(['diagnose', ...args, '--json']);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(stderrLines(run)).toHaveLength(1);
    }
  });

  it('--port and a target named by address; readable text by layer with the fix', () => {
    const run = runCli(['diagnose', '10.0.1.22', '--port', '443']);
    expect(run.status).toBe(0);
    // its Name first, then its ids (issue 15.1)
    expect(run.stdout).toMatch(/^10\.0\.1\.22: prod-web-3 \(i-0de00000000000104, eni-0de00000000000104\)/);
    expect(run.stdout).toContain('ports: tcp 443 (--port)');
    expect(run.stdout).toMatch(/\naddressing\n/);
    expect(run.stdout).toContain('FAIL  A public or Elastic IP for internet clients [eni eni-0de00000000000104]');
    // acme-prod-web admits tcp 80 and 443 from anywhere: an Elastic IP would expose more than asked, so no single change is safe
    expect(run.stdout).toContain('no single change is safe: an Elastic IP would reach it');
    expect(run.stdout).toContain('# no single safe change: see the options');
    expect(run.stdout).not.toContain('\u001b[');
  });

  it.each([
    ['an unknown target', ['diagnose', 'i-nothere']],
    ['the internet as target', ['diagnose', 'internet']],
    ['a bad port', ['diagnose', 'i-0de00000000000102', '--port', 'https']],
    ['no target', ['diagnose']],
  ])('%s: exit 2, one line on stderr, nothing on stdout', (_what, args) => {
    const run = runCli([...args, '--json']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(stderrLines(run)).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
