// `reachmap check` through the built CLI over the bundled demo network. The
// expected lines come from the planted faults and the must-be-reachable flows
// documented in assets/demo/README.md (F1-F8, R1-R15), not from our output.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, repoRoot, runCli, stderrLines } from '../cli/run-cli.js';

const temp = mkdtempSync(path.join(tmpdir(), 'reachmap-check-'));
beforeAll(ensureBuilt);
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const passing = 'docs/examples/demo-intents.yaml';
const failing = 'test/fixtures/intents/demo-failing.yaml';

const schemaOf = (name: string) => JSON.parse(readFileSync(path.join(repoRoot, 'docs/schemas', name), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true });
ajv.addSchema(schemaOf('analyze.schema.json'));
const validate = ajv.compile(schemaOf('check.schema.json'));

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

describe('reachmap check over the demo network', () => {
  it('passes every flow of the example file and fails its exposure rule on F11 only: one line each, selectors expanded, the summary last, exit 1', () => {
    const run = runCli(['check', '--intents', passing]);
    expect(run.status).toBe(1);
    const out = lines(run.stdout);
    // 18 flow intents; Role=web (web-1, -2, -3) twice, prod-worker-* (2) once, Role=db (primary, replica) once:
    // 18 + 2*2 + 1 + 1 = 24 flow results, and the exposure section
    expect(out).toHaveLength(26);
    expect(out.at(-1)).toBe('24 passed, 1 failed');
    // the internet reaches prod-bastion (22 from the office list), prod-web-1 and -2 (80, 443), prod-status (443 from 0.0.0.0/0
    // and ::/0, allowed); not web-3 (no public IP), nor the dashboard (F2: its replies are dropped), nor the NAT gateways.
    // otherwise: deny covers IPv6 (docs/intents.md): prod-status's SSH from ::/0 (F11) is allowed by no rule
    expect(out.at(-2)).toBe('FAIL exposure: not allowed but reachable from the internet: eni-0de0000000000010d (i-0de0000000000010d prod-status, 2600:1f18:4de0:119::10) tcp 22 from ::/0');
    expect(out.slice(0, -2).every((line) => line.startsWith('PASS '))).toBe(true);
    expect(out).toContain('PASS flows[0] "internet reaches prod-web-1 over HTTPS": internet -> i-0de00000000000102 tcp/443: reachable');
    expect(out.filter((line) => line.startsWith('PASS flows[2] '))).toEqual([
      'PASS flows[2] "web tier calls prod-api-1": i-0de00000000000102 -> i-0de00000000000105 tcp/8080: reachable',
      'PASS flows[2] "web tier calls prod-api-1": i-0de00000000000103 -> i-0de00000000000105 tcp/8080: reachable',
      'PASS flows[2] "web tier calls prod-api-1": i-0de00000000000104 -> i-0de00000000000105 tcp/8080: reachable',
    ]);
    expect(out.filter((line) => line.startsWith('PASS flows[6] '))).toEqual([
      'PASS flows[6] "batch workers reach the primary database": i-0de0000000000010b -> 10.0.20.11 tcp/5432: reachable',
      'PASS flows[6] "batch workers reach the primary database": i-0de0000000000010c -> 10.0.20.11 tcp/5432: reachable',
    ]);
    expect(out).toContain('PASS flows[10] "prod-api-1 ships syslog to the log collector": i-0de00000000000105 -> i-0de00000000000205 udp/514: reachable');
    expect(out.filter((line) => line.startsWith('PASS flows[16] '))).toEqual([
      'PASS flows[16] "the databases are not on the internet": internet -> i-0de00000000000108 tcp/5432: unreachable',
      'PASS flows[16] "the databases are not on the internet": internet -> i-0de00000000000109 tcp/5432: unreachable',
    ]);
  });

  it('fails on the planted faults: the verdict and the dropping component, kind, code and leg; exit 1', () => {
    const run = runCli(['check', '--intents', failing]);
    expect(run.status).toBe(1);
    expect(lines(run.stdout)).toEqual([
      'PASS flows[0] "API writes to the primary database": i-0de00000000000105 -> i-0de00000000000108 tcp/5432: reachable',
      'FAIL flows[1] "API uses the cache": i-0de00000000000105 -> i-0de0000000000010a tcp/6379: expected reachable, got unreachable at sg-0de00000000000105 (security-group, ENI_SG_RULES_MISMATCH, forward)',
      'PASS flows[2] "the web tier serves HTTPS": internet -> i-0de00000000000102 tcp/443: reachable',
      'PASS flows[2] "the web tier serves HTTPS": internet -> i-0de00000000000103 tcp/443: reachable',
      'FAIL flows[2] "the web tier serves HTTPS": internet -> i-0de00000000000104 tcp/443: expected reachable, got unreachable at igw-0de00000000000100 (internet-gateway, IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS, forward)',
      'FAIL flows[3] "the dashboard serves HTTPS": internet -> i-0de00000000000301 tcp/443: expected reachable, got unreachable at acl-0de00000000000302 (network-acl, SUBNET_ACL_RESTRICTION, return)',
      'FAIL flows[4]: i-0de00000000000203 -> internet tcp/443: expected reachable, got unreachable at rtb-0de00000000000203 (route-table, BAD_STATE_ROUTE, forward)',
      'FAIL flows[5] "API fetches artifacts": i-0de00000000000106 -> i-0de00000000000204 tcp/443: expected reachable, got unreachable at tgw-attach-0de00000000000101 (tgw-attachment, TGW_ROUTE_AZ_RESTRICTION, forward)',
      'FAIL flows[6] "web calls the third API server": i-0de00000000000102 -> i-0de00000000000107 tcp/8080: expected reachable, got unreachable at eni-0de00000000000107 (eni, BAD_STATE, forward)',
      // acme-prod-web opens tcp 80 and 443 to 0.0.0.0/0; the policy allows 443 only: an extra open port on each web server with a public IP;
      // and F11: acme-prod-status admits tcp 22 from ::/0 (its 443, over either family, is allowed)
      'FAIL exposure: not allowed but reachable from the internet: eni-0de00000000000102 (i-0de00000000000102 prod-web-1, 203.0.113.11) tcp 80 from 0.0.0.0/0; eni-0de00000000000103 (i-0de00000000000103 prod-web-2, 203.0.113.12) tcp 80 from 0.0.0.0/0; eni-0de0000000000010d (i-0de0000000000010d prod-status, 2600:1f18:4de0:119::10) tcp 22 from ::/0',
      '3 passed, 7 failed',
    ]);
  });

  it('writes JUnit XML that a parser reads back: one testcase per result, a failure for each failed one', () => {
    const junit = path.join(temp, 'failing.xml');
    const run = runCli(['check', '--intents', failing, '--junit', junit]);
    expect(run.status).toBe(1);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testcase' }).parse(readFileSync(junit, 'utf8'));
    expect(parsed.testsuites).toMatchObject({ tests: '10', failures: '7', errors: '0' });
    const suite = parsed.testsuites.testsuite;
    expect(suite).toMatchObject({ name: failing, tests: '10', failures: '7' });
    const cases = suite.testcase as { name: string; failure?: { message: string; '#text': string } }[];
    expect(cases.map((testcase) => testcase.name)).toEqual([
      'flows[0] "API writes to the primary database": i-0de00000000000105 -> i-0de00000000000108 tcp/5432',
      'flows[1] "API uses the cache": i-0de00000000000105 -> i-0de0000000000010a tcp/6379',
      'flows[2] "the web tier serves HTTPS": internet -> i-0de00000000000102 tcp/443',
      'flows[2] "the web tier serves HTTPS": internet -> i-0de00000000000103 tcp/443',
      'flows[2] "the web tier serves HTTPS": internet -> i-0de00000000000104 tcp/443',
      'flows[3] "the dashboard serves HTTPS": internet -> i-0de00000000000301 tcp/443',
      'flows[4]: i-0de00000000000203 -> internet tcp/443',
      'flows[5] "API fetches artifacts": i-0de00000000000106 -> i-0de00000000000204 tcp/443',
      'flows[6] "web calls the third API server": i-0de00000000000102 -> i-0de00000000000107 tcp/8080',
      'exposure',
    ]);
    expect(cases.map((testcase) => testcase.failure !== undefined)).toEqual([false, true, false, false, true, true, true, true, true, true]);
    expect(cases[9]!.failure!.message).toMatch(/^not allowed but reachable from the internet: eni-0de00000000000102 .* tcp 80 from 0\.0\.0\.0\/0; eni-0de00000000000103 /);
    expect(cases[5]!.failure!.message).toBe('expected reachable, got unreachable at acl-0de00000000000302 (network-acl, SUBNET_ACL_RESTRICTION, return)');
    // the failure body carries the engine's explanation and its fix for the drop; F2's is an outbound ACL entry
    expect(cases[5]!.failure!['#text']).toContain('acl-0de00000000000302');
    expect(cases[5]!.failure!['#text']).toContain('aws ec2 create-network-acl-entry --network-acl-id acl-0de00000000000302 --egress');
  });

  it('writes JUnit for the example file: its one failure is the exposure rule (F11)', () => {
    const junit = path.join(temp, 'passing.xml');
    expect(runCli(['check', '--intents', passing, '--junit', junit]).status).toBe(1);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testcase' }).parse(readFileSync(junit, 'utf8'));
    expect(parsed.testsuites).toMatchObject({ tests: '25', failures: '1' });
    const failed = (parsed.testsuites.testsuite.testcase as { name: string; failure?: { message: string } }[]).filter((testcase) => testcase.failure !== undefined);
    expect(failed.map((testcase) => [testcase.name, testcase.failure!.message])).toEqual([
      ['exposure', 'not allowed but reachable from the internet: eni-0de0000000000010d (i-0de0000000000010d prod-status, 2600:1f18:4de0:119::10) tcp 22 from ::/0'],
    ]);
  });

  it('--json prints only one JSON document, valid against the schema: analyze results plus the intent, and a summary', () => {
    const junit = path.join(temp, 'with-json.xml');
    const run = runCli(['check', '--intents', failing, '--json', '--junit', junit]);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { intents: string; results: Record<string, unknown>[]; summary: object };
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.summary).toEqual({ total: 10, passed: 3, failed: 7 });
    expect(report.intents).toBe(failing);
    // F1 as `analyze --json` gives it, with the intent as written
    expect(report.results[1]).toMatchObject({
      kind: 'flow',
      passed: false,
      verdict: 'unreachable',
      query: { from: 'i-0de00000000000105', to: 'i-0de0000000000010a', protocol: 'tcp', port: 6379, sourcePort: 49152 },
      blocked: { id: 'sg-0de00000000000105', kind: 'security-group', code: 'ENI_SG_RULES_MISMATCH', direction: 'forward' },
      intent: { id: 'flows[1]', index: 1, name: 'API uses the cache', from: 'i-0de00000000000105', to: 'i-0de0000000000010a', protocol: 'tcp', port: 6379, expect: 'reachable' },
    });
    // the selector stays in the intent; the query names the instance it expanded to (F5: prod-web-3)
    expect(report.results[4]).toMatchObject({ intent: { to: 'tag:Role=web' }, query: { from: 'internet', to: 'i-0de00000000000104' }, blocked: { code: 'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS' } });
    expect(report.results[0]).toMatchObject({ passed: true, verdict: 'reachable', blocked: null });
    expect(report.results[9]).toEqual({
      kind: 'exposure',
      intent: {
        id: 'exposure',
        otherwise: 'deny',
        allow: [
          { to: 'tag:Role=web', protocol: 'tcp', ports: [{ from: 443, to: 443 }], from: null },
          { to: 'i-0de00000000000101', protocol: 'tcp', ports: [{ from: 22, to: 22 }], from: ['pl-0de00000000000101'] },
          { to: 'tag:Role=status', protocol: 'tcp', ports: [{ from: 443, to: 443 }], from: null },
        ],
      },
      passed: false,
      // the bastion, prod-web-1 and -2, and prod-status (one interface, though exposed over both families)
      exposedEnis: 4,
      unexpected: [
        { eni: 'eni-0de00000000000102', instance: 'i-0de00000000000102', name: 'prod-web-1', publicIp: '203.0.113.11', protocol: 'tcp', ports: [{ from: 80, to: 80 }], sources: ['0.0.0.0/0'] },
        { eni: 'eni-0de00000000000103', instance: 'i-0de00000000000103', name: 'prod-web-2', publicIp: '203.0.113.12', protocol: 'tcp', ports: [{ from: 80, to: 80 }], sources: ['0.0.0.0/0'] },
        // F11: an IPv6 entry carries its family, and the IPv6 address where an IPv4 one has the public IP
        { eni: 'eni-0de0000000000010d', instance: 'i-0de0000000000010d', name: 'prod-status', publicIp: '2600:1f18:4de0:119::10', protocol: 'tcp', ports: [{ from: 22, to: 22 }], sources: ['::/0'], family: 'ipv6' },
      ],
      warnings: expect.any(Array),
    });
    expect(readFileSync(junit, 'utf8')).toContain('<testsuites name="reachmap check" tests="10" failures="7"');
  });

  it('reads the same intents from a JSON file', () => {
    const file = path.join(temp, 'intents.json');
    writeFileSync(file, JSON.stringify({ flows: [{ from: 'i-0de00000000000105', to: 'i-0de0000000000010a', port: 6380, expect: 'reachable' }] }));
    const run = runCli(['check', '--intents', file]);
    expect(lines(run.stdout)).toEqual(['PASS flows[0]: i-0de00000000000105 -> i-0de0000000000010a tcp/6380: reachable', '1 passed, 0 failed']);
    expect(run.status).toBe(0);
  });
});

describe('reachmap check: exposure rules over the demo network', () => {
  function check(yaml: string): { status: number | null; out: string[] } {
    const file = path.join(temp, 'exposure.yaml');
    writeFileSync(file, yaml);
    const run = runCli(['check', '--intents', file]);
    return { status: run.status, out: lines(run.stdout) };
  }

  const web = '    - {to: "tag:Role=web", ports: [80, 443], from: [0.0.0.0/0]}\n';
  const bastion = '    - {to: "tag:Name=prod-bastion", ports: [22], from: [pl-0de00000000000101]}\n';
  // prod-status (F11): HTTPS from 0.0.0.0/0 and ::/0, SSH from ::/0
  const status = '    - {to: "tag:Role=status", ports: [22, 443], from: [0.0.0.0/0, "::/0"]}\n';

  it('pass when the allow rules cover every exposed service (the prefix list named as the bastion group names it)', () => {
    const run = check(`exposure:\n  allow:\n${web}${bastion}${status}  otherwise: deny\n`);
    // the bastion, prod-web-1 and -2, prod-status: four interfaces (prod-status counted once for its two families)
    expect(run.out).toEqual(['PASS exposure: nothing but the allowed services is reachable from the internet (4 ENIs exposed)', '1 passed, 0 failed']);
    expect(run.status).toBe(0);
  });

  it('fail on an extra exposed instance: the bastion, reachable on 22 from the office prefix list, is not allowed', () => {
    const { status: exit, out } = check(`exposure:\n  allow:\n${web}${status}\n`);
    expect(out).toEqual([
      'FAIL exposure: not allowed but reachable from the internet: eni-0de00000000000101 (i-0de00000000000101 prod-bastion, 203.0.113.10) tcp 22 from pl-0de00000000000101',
      '0 passed, 1 failed',
    ]);
    expect(exit).toBe(1);
  });

  it('fail when the allowed sources are narrower: the branch office (192.0.2.128/26) is in the list but not allowed', () => {
    const { status: exit, out } = check(`exposure:\n  allow:\n${web}${status}    - {to: i-0de00000000000101, ports: [22], from: [192.0.2.0/26]}\n`);
    expect(out[0]).toBe('FAIL exposure: not allowed but reachable from the internet: eni-0de00000000000101 (i-0de00000000000101 prod-bastion, 203.0.113.10) tcp 22 from pl-0de00000000000101');
    expect(exit).toBe(1);
  });

  it('flows and exposure together: one line each, the summary last', () => {
    const flow = 'flows:\n  - {from: internet, to: i-0de00000000000103, port: 80, expect: reachable}\n';
    const { status: exit, out } = check(`${flow}exposure:\n  allow:\n${web}${bastion}${status}`);
    expect(out).toEqual([
      'PASS flows[0]: internet -> i-0de00000000000103 tcp/80: reachable',
      'PASS exposure: nothing but the allowed services is reachable from the internet (4 ENIs exposed)',
      '2 passed, 0 failed',
    ]);
    expect(exit).toBe(0);
  });
});

describe('reachmap check: bad input is one line naming the intent and the field, exit 2, nothing on stdout', () => {
  function refused(yaml: string, name = 'intents.yaml'): string {
    const file = path.join(temp, name);
    writeFileSync(file, yaml);
    const junit = path.join(temp, 'never.xml');
    const run = runCli(['check', '--intents', file, '--junit', junit]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(existsSync(junit)).toBe(false);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const errors = stderrLines(run).filter((line) => !line.startsWith('warning: '));
    expect(errors).toHaveLength(1);
    return errors[0]!.replace(file, 'FILE');
  }

  const ok = '  - {from: i-0de00000000000105, to: i-0de00000000000108, port: 5432, expect: reachable}\n';

  it('an unknown endpoint', () => {
    expect(refused(`flows:\n${ok}  - {from: i-0de00000000000105, to: i-0de00000000000999, port: 5432, expect: reachable}\n`)).toBe(
      'error: FILE: flows[1].to: endpoint "i-0de00000000000999": no such instance in the snapshot',
    );
  });

  it('a missing expect', () => {
    expect(refused(`flows:\n${ok}${ok}  - {from: i-0de00000000000105, to: i-0de00000000000108, port: 5432}\n`)).toBe(
      'error: FILE: flows[2].expect: missing (reachable|unreachable)',
    );
  });

  it('a bad port', () => {
    expect(refused(`flows:\n  - {from: i-0de00000000000105, to: i-0de00000000000108, port: 70000, expect: reachable}\n`)).toBe(
      'error: FILE: flows[0].port: 70000 is not a port (an integer 1-65535)',
    );
  });

  it('a tag selector that matches no instance', () => {
    expect(refused(`flows:\n${ok}  - {from: internet, to: "tag:Role=mainframe", port: 443, expect: unreachable}\n`)).toBe(
      'error: FILE: flows[1].to: "tag:Role=mainframe" matches no instance in the snapshot',
    );
  });

  it('an endpoint analyze refuses as a source', () => {
    expect(refused(`flows:\n  - {from: nat-0de00000000000100, to: internet, port: 443, expect: reachable}\n`)).toMatch(/^error: FILE: flows\[0\]\.from: endpoint "nat-0de00000000000100"/);
  });

  it('an exposure rule naming something the snapshot does not hold', () => {
    expect(refused('exposure:\n  allow:\n    - {to: i-0de00000000000999, ports: [443]}\n')).toBe(
      'error: FILE: exposure.allow[0].to: "i-0de00000000000999" is not an instance, ENI, gateway or address in the snapshot',
    );
    expect(refused('exposure:\n  allow:\n    - {to: i-0de00000000000101, ports: [22], from: [pl-0nothere]}\n')).toBe(
      'error: FILE: exposure.allow[0].from[0]: prefix list "pl-0nothere" is not in the snapshot',
    );
  });

  it('a file that is not YAML, or not there', () => {
    expect(refused('flows:\n  - {from: a\n')).toMatch(/^error: FILE: not valid YAML: .* at line \d+, column \d+$/);
    const run = runCli(['check', '--intents', path.join(temp, 'absent.yaml')]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(stderrLines(run)).toEqual([`error: --intents: cannot read "${path.join(temp, 'absent.yaml')}": ENOENT`]);
  });

  it('a JUnit file that cannot be written', () => {
    const run = runCli(['check', '--intents', passing, '--junit', path.join(temp, 'no-such-dir', 'out.xml')]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(stderrLines(run)).toEqual([`error: --junit: cannot write "${path.join(temp, 'no-such-dir', 'out.xml')}": ENOENT`]);
  });
});
