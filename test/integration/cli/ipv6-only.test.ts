// The CLI on a snapshot holding an IPv6-only subnet and instance (issue 17),
// the dual-stack network written by hand in test/oracle/hand-network-ipv6.ts:
// i-v6 (2600:1f18:a:3::30, no IPv4 address) in subnet-v6 (2600:1f18:a:3::/64),
// routed ::/0 to igw-a, acl-a allowing IPv6, sg-web admitting 443 from ::/0.
// Outputs are validated against the published schemas.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dualStackNetwork } from '../../oracle/hand-network-ipv6.js';
import { ensureBuilt, repoRoot, runCli, stderrLines } from './run-cli.js';

const schemaOf = (name: string) => JSON.parse(readFileSync(path.join(repoRoot, `docs/schemas/${name}.schema.json`), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true });
// exposure's schema refers to analyze's hops
ajv.addSchema(schemaOf('analyze'));
const schema = (name: string) => (name === 'analyze' ? ajv.getSchema('https://reachmap.local/schemas/analyze.schema.json')! : ajv.compile(schemaOf(name)));
const dir = mkdtempSync(path.join(tmpdir(), 'reachmap-ipv6-only-'));
const snapshot = path.join(dir, 'dual-stack.json');

beforeAll(() => {
  ensureBuilt();
  writeFileSync(snapshot, JSON.stringify(dualStackNetwork()), { mode: 0o600 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reachmap on an IPv6-only instance', () => {
  it('analyze without --family traces it over IPv6 (query.family ipv6): the internet reaches it on 443', () => {
    const run = runCli(['analyze', '--snapshot', snapshot, '--from', 'internet', '--to', 'i-v6', '--port', '443', '--json']);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    const validate = schema('analyze');
    expect(validate(result), JSON.stringify(validate.errors)).toBe(true);
    expect(result.query).toEqual({ from: 'internet', to: 'i-v6', protocol: 'tcp', port: 443, sourcePort: 49152, family: 'ipv6' });
    expect(result.verdict).toBe('reachable');
    expect(result.resolved).toMatchObject({ from: { kind: 'internet', ip: '2001:db8::1' }, to: { kind: 'eni', id: 'eni-v6', ip: '2600:1f18:a:3::30' } });
  });

  it('analyze --family ipv4 about it is exit 2, one line naming the interface without an IPv4 address', () => {
    const run = runCli(['analyze', '--snapshot', snapshot, '--from', 'internet', '--to', 'i-v6', '--port', '443', '--family', 'ipv4', '--json']);
    expect(run.status).toBe(2);
    expect(stderrLines(run).join('\n')).toContain('eni-v6 has no IPv4 address');
  });

  it('exposure lists it once, as an IPv6 entry (443 from ::/0), and validates', () => {
    const run = runCli(['exposure', '--snapshot', snapshot, '--json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { exposed: { eni: string; family?: string; privateIp: string }[] };
    const validate = schema('exposure');
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.exposed.filter((entry) => entry.eni === 'eni-v6').map((entry) => [entry.family, entry.privateIp])).toEqual([['ipv6', '2600:1f18:a:3::30']]);
  });
});
