// `reachmap analyze` on Batfish's VPN and VPC endpoint samples: on-premises
// endpoints and gateway endpoints in the JSON, validated against
// docs/schemas/analyze.schema.json, and a gateway endpoint as --to is exit 2.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, repoRoot, runCli, samplesDir, stderrLines } from './run-cli.js';

beforeAll(ensureBuilt);

const schema = JSON.parse(readFileSync(path.join(repoRoot, 'docs/schemas/analyze.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true }).compile(schema);

describe('reachmap analyze: VPNs and VPC endpoints', () => {
  it('an on-premises source over a VPN whose tunnels are down: unreachable at the VPN connection (BAD_STATE_VPN)', () => {
    // test-vpn-gateway: vpn-0370... on vgw-0c09... has both tunnels DOWN; rtb-0d20... routes 0.0.0.0/0 to the VGW.
    const run = runCli(['analyze', '--snapshot', path.join(samplesDir, 'test-vpn-gateway'), '--from', '192.168.50.10', '--to', 'i-099cf38911942421c', '--port', '22', '--json']);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as { resolved: { from: unknown }; blocked: unknown };
    expect(validate(result), JSON.stringify(validate.errors)).toBe(true);
    expect(result.resolved.from).toEqual({ kind: 'on-premises', id: '192.168.50.10', ip: '192.168.50.10' });
    expect(result.blocked).toMatchObject({ kind: 'vpn-connection', id: 'vpn-03701a53bba3c48b7', code: 'BAD_STATE_VPN', direction: 'forward' });
    const text = runCli(['analyze', '--snapshot', path.join(samplesDir, 'test-vpn-gateway'), '--from', '192.168.50.10', '--to', 'i-099cf38911942421c', '--port', '22']);
    expect(text.stdout.split('\n')[0]).toBe('UNREACHABLE  192.168.50.10 (an on-premises host, over a VPN) -> eni-07c1506e49d784fe0 (10.0.1.204), tcp port 22, source port 49152');
  });

  it('an S3 address through the gateway endpoint validates; the endpoint itself as --to is exit 2 naming its prefix list', () => {
    const snapshot = path.join(samplesDir, 'test-vpc-endpoint-gateway');
    const run = runCli(['analyze', '--snapshot', snapshot, '--from', 'private-web01', '--to', '52.216.10.1', '--port', '443', '--json']);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as { verdict: string };
    expect(validate(result), JSON.stringify(validate.errors)).toBe(true);
    expect(result.verdict).toBe('reachable');
    const bad = runCli(['analyze', '--snapshot', snapshot, '--from', 'private-web01', '--to', 'vpce-0b7357542bb7b83ec', '--port', '443', '--json']);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(stderrLines(bad).at(-1)).toContain("give an address in its service's prefix list pl-63a5400a");
  });

  it('problems lists the VPN whose tunnels are all down, valid against problems.schema.json', () => {
    // test-vpn-gateway: vpn-0370... (available) has both tunnels DOWN; rtb-0d20... routes 0.0.0.0/0 to its vgw-0c09...
    const run = runCli(['problems', '--snapshot', path.join(samplesDir, 'test-vpn-gateway'), '--json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { problems: { id: string; severity: string; fix: unknown }[] };
    const problemsSchema = JSON.parse(readFileSync(path.join(repoRoot, 'docs/schemas/problems.schema.json'), 'utf8')) as object;
    const ajv = new Ajv2020({ allErrors: true });
    ajv.addSchema(schema);
    const validateProblems = ajv.compile(problemsSchema);
    expect(validateProblems(report), JSON.stringify(validateProblems.errors)).toBe(true);
    expect(report.problems.find((p) => p.id === 'vpn-down:vpn-03701a53bba3c48b7')).toMatchObject({ severity: 'high', fix: null });
  });
});
