// `reachmap analyze` through the built CLI (node bin/reachmap.js): exit codes
// 0/1/2, --json prints exactly one object that validates against
// docs/schemas/analyze.schema.json, errors are one line with nothing on stdout.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, repoRoot, runCli, samplesDir, stderrLines } from './run-cli.js';

beforeAll(ensureBuilt);

const schema = JSON.parse(readFileSync(path.join(repoRoot, 'docs/schemas/analyze.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true }).compile(schema);
const nat = path.join(samplesDir, 'test-nat-gateway');
const tgw = path.join(samplesDir, 'test-transit-gateway');

function json(args: string[]): { status: number | null; result: Record<string, unknown> } {
  const run = runCli(['analyze', ...args, '--json']);
  // exactly one JSON value on stdout: JSON.parse refuses anything after it
  return { status: run.status, result: JSON.parse(run.stdout) as Record<string, unknown> };
}

describe('reachmap analyze', () => {
  it('prints one JSON object that validates against the schema (reachable, unreachable on the return leg, unknown)', () => {
    const outputs = [
      json(['--snapshot', nat, '--from', 'i-0a128d26e59be60f3', '--to', '203.0.113.10', '--port', '443']),
      json(['--snapshot', tgw, '--from', 'i-0b14080af811fda3d', '--to', 'i-075e846ed41670385', '--port', '22']),
      json(['--snapshot', path.join(samplesDir, 'test-public-private-subnet'), '--from', 'i-099cf38911942421c', '--to', 'internet', '--protocol', 'icmp']),
      json(['--snapshot', nat, '--from', 'internet', '--to', 'i-0a128d26e59be60f3', '--port', '22']),
      // hybrid-cloud: rtb-0622... sends 203.0.113.0/24 to tgw-06b3..., whose table has no static route for it; only the
      // BGP routes the VPN attachment tgw-attach-0881... propagates could answer, and the snapshot does not list them.
      json(['--snapshot', path.join(samplesDir, 'hybrid-cloud'), '--from', 'i-04cd3db5124a05ee6', '--to', '203.0.113.5', '--port', '22']),
    ];
    expect(outputs.map((o) => o.status)).toEqual([0, 0, 0, 0, 0]);
    // The third: the private subnet's 0.0.0.0/0 goes to vgw-0700..., whose only VPN (static routes only, 19.168.0.0/16) has no route to the internet host.
    expect(outputs.map((o) => o.result.verdict)).toEqual(['reachable', 'unreachable', 'unreachable', 'unreachable', 'unknown']);
    for (const { result } of outputs) expect(validate(result), JSON.stringify(validate.errors)).toBe(true);
    expect(outputs[1]!.result.blocked).toMatchObject({ kind: 'tgw-attachment', id: 'tgw-attach-07f5ec59e9f540021', direction: 'return', code: 'TGW_ROUTE_AZ_RESTRICTION' });
    expect(outputs[2]!.result.query).toEqual({ from: 'i-099cf38911942421c', to: 'internet', protocol: 'icmp', port: null, sourcePort: 49152, family: 'ipv4' });
  });

  it('through a load balancer (issue 16): targets[] with their health validates; --target keeps one; a bad --target is exit 2', () => {
    const lb = path.join(samplesDir, 'test-load-balancer');
    const all = json(['--snapshot', lb, '--from', 'i-0c8ce8bbdd98cc4e8', '--to', 'test-lb', '--port', '80']);
    expect(all.status).toBe(0);
    expect(validate(all.result), JSON.stringify(validate.errors)).toBe(true);
    expect((all.result.targets as { target: { id: string } }[]).map((t) => t.target.id)).toEqual(['i-0f4af951d61a19245', 'i-055b0db7be365202c']);
    const one = json(['--snapshot', lb, '--from', 'i-0c8ce8bbdd98cc4e8', '--to', 'test-lb', '--port', '80', '--target', 'i-055b0db7be365202c']);
    expect(validate(one.result), JSON.stringify(validate.errors)).toBe(true);
    expect((one.result.targets as { target: { id: string } }[]).map((t) => t.target.id)).toEqual(['i-055b0db7be365202c']);
    expect(one.result.resolved).toMatchObject({ to: { kind: 'load-balancer', name: 'test-lb', ip: '10.1.1.237' } });
    const listenerMiss = json(['--snapshot', lb, '--from', 'i-0c8ce8bbdd98cc4e8', '--to', 'test-lb', '--port', '443']);
    expect(validate(listenerMiss.result), JSON.stringify(validate.errors)).toBe(true);
    expect(listenerMiss.result.blocked).toMatchObject({ kind: 'listener', code: 'ELBV2_LISTENER_PORT_RESTRICTION' });
    const text = runCli(['analyze', '--snapshot', lb, '--from', 'i-0c8ce8bbdd98cc4e8', '--to', 'test-lb', '--port', '80']);
    expect(text.stdout).toContain('targets\n');
    expect(text.stdout).toMatch(/i-0f4af951d61a19245 test20:22 +test-lb-tg +us-east-2a +reachable +- +healthy +reachable/);
    const bad = runCli(['analyze', '--snapshot', lb, '--from', 'i-0c8ce8bbdd98cc4e8', '--to', 'test-lb', '--port', '80', '--target', 'i-nothere', '--json']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--target "i-nothere" is not a target of test-lb');
  });

  it('--expect: exit 0 when the verdict matches, 1 when it differs', () => {
    const args = ['analyze', '--snapshot', nat, '--from', 'i-0a73a1a6021c03ddb', '--to', '203.0.113.10', '--port', '443', '--json'];
    expect(runCli([...args, '--expect', 'unreachable']).status).toBe(0);
    const mismatch = runCli([...args, '--expect', 'reachable']);
    expect(mismatch.status).toBe(1);
    expect(JSON.parse(mismatch.stdout)).toMatchObject({ verdict: 'unreachable' });
  });

  it.each([
    ['an unknown endpoint', ['--from', 'i-nothere', '--to', 'internet', '--port', '22']],
    ['a missing --port for tcp', ['--from', 'i-0a128d26e59be60f3', '--to', 'internet']],
    ['--port with icmp', ['--from', 'i-0a128d26e59be60f3', '--to', 'internet', '--protocol', 'icmp', '--port', '8']],
    ['a bad port', ['--from', 'i-0a128d26e59be60f3', '--to', 'internet', '--port', 'https']],
    ['a bad protocol', ['--from', 'i-0a128d26e59be60f3', '--to', 'internet', '--protocol', 'gre']],
    ['a transit gateway endpoint', ['--from', 'i-0a128d26e59be60f3', '--to', 'tgw-0abc', '--port', '22']],
    ['a bad --expect', ['--from', 'i-0a128d26e59be60f3', '--to', 'internet', '--port', '22', '--expect', 'maybe']],
    ['a missing --from', ['--to', 'internet', '--port', '22']],
  ])('%s: exit 2, one line on stderr, nothing on stdout', (_what, args) => {
    const run = runCli(['analyze', '--snapshot', nat, ...args, '--json']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(stderrLines(run)).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a malformed snapshot path is bad input too (exit 2)', () => {
    const run = runCli(['analyze', '--snapshot', path.join(repoRoot, 'no-such-folder'), '--from', 'internet', '--to', '8.8.8.8', '--port', '443']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
  });

  it("over IPv6 to an ipv4 load balancer (the demo's acme-prod-alb, IpAddressType ipv4): a clear answer, ELBV2_IPV4_ONLY with its fix, not bad input", () => {
    // an ipv4 load balancer's nodes have no IPv6 address (ELB guide, load-balancer-ip-address-type.html); the demo's ALB is ipv4
    const { status, result } = json(['--from', 'internet', '--to', 'acme-prod-alb', '--port', '443', '--family', 'ipv6']);
    expect(status).toBe(0);
    expect(validate(result), JSON.stringify(validate.errors)).toBe(true);
    expect(result.verdict).toBe('unreachable');
    expect((result.query as { family: string }).family).toBe('ipv6');
    expect(result.blocked).toMatchObject({ kind: 'load-balancer', id: 'acme-prod-alb', direction: 'forward', code: 'ELBV2_IPV4_ONLY' });
    expect((result.blocked as { fix: { command: string } }).fix.command).toBe(
      "aws elbv2 set-ip-address-type --load-balancer-arn 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/acme-prod-alb/0de5a1b0c0de0101' --ip-address-type dualstack --region 'us-east-1'",
    );
  });

  it('without --json prints a readable table with the hops, the verdict, the drop and its fix, uncoloured off a terminal', () => {
    const run = runCli(['analyze', '--snapshot', nat, '--from', 'internet', '--to', 'i-0b31b509174d7f5de', '--port', '80']);
    expect(run.status).toBe(0);
    // the internet as what it is; the stand-in address as such, never as the client (issue 15.1)
    expect(run.stdout).toMatch(/^UNREACHABLE {2}the internet \(any address; traced as 198\.51\.100\.1\) -> Jump Host \(eni-068fb5a0a9a57f23c, 18\.216\.129\.140\), tcp port 80/);
    expect(run.stdout).toContain('internet-gateway');
    // names first (issue 15): the group's GroupName in the sample's SecurityGroups.json, then its id
    expect(run.stdout).toContain('blocked on the forward leg at security-group terraform-20200303012059260200000002 sg-0253af84ae6485905: ENI_SG_RULES_MISMATCH');
    expect(run.stdout).toMatch(/^ {2}3 {2}main acl-0792adae678b88f85 +network-acl/m);
    // internet clients are 0.0.0.0/0, never the stand-in address; the sample is in us-east-2
    expect(run.stdout).toContain(`aws ec2 authorize-security-group-ingress --group-id sg-0253af84ae6485905 --ip-permissions '[{"IpProtocol":"tcp","FromPort":80,"ToPort":80,"IpRanges":[{"CidrIp":"0.0.0.0/0"}]}]' --region us-east-2`);
    expect(run.stdout).not.toContain('198.51.100.1/32');
    expect(run.stdout).not.toContain('\u001b[');
  });
});
