// `--apply FILE` on every command that answers about a snapshot: the answer
// is on the edited snapshot, the command says so, and the file is untouched.
// The edit admits tcp 6379 to prod-cache from the api tier: demo fault F1
// (assets/demo/README.md), which it repairs.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, repoRoot, runCli } from './run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'reachmap-apply-'));
const fix = path.join(dir, 'fix.json');
const refused = path.join(dir, 'refused.json');
const F1 = ['--from', 'i-0de00000000000105', '--to', 'i-0de0000000000010a', '--port', '6379'];
const demo = path.join(repoRoot, 'assets/demo/demo-snapshot.json');

beforeAll(() => {
  ensureBuilt();
  writeFileSync(fix, JSON.stringify({
    format: 'reachmap-changes/1',
    description: 'admit the api tier to the cache on 6379',
    changes: [{ action: 'AuthorizeSecurityGroupIngress', GroupId: 'sg-0de00000000000105', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 6379, ToPort: 6379, UserIdGroupPairs: [{ GroupId: 'sg-0de00000000000103' }] }] }],
  }));
  // prod-private already routes 0.0.0.0/0 to the NAT gateway: AWS answers RouteAlreadyExists.
  writeFileSync(refused, JSON.stringify({ format: 'reachmap-changes/1', changes: [{ action: 'CreateRoute', RouteTableId: 'rtb-0de00000000000103', DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-0de00000000000100' }] }));
});

describe('--apply FILE', () => {
  it('analyze answers on the edited snapshot and says so, in the JSON and on stderr', () => {
    const before = readFileSync(demo, 'utf8');
    const plain = runCli(['analyze', ...F1, '--json']);
    expect(JSON.parse(plain.stdout).verdict).toBe('unreachable');
    const run = runCli(['analyze', ...F1, '--json', '--apply', fix]);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.verdict).toBe('reachable');
    expect(result.warnings).toContain(`This answer is on the snapshot with 1 edit applied (${fix}); the snapshot itself is unchanged.`);
    expect(run.stderr).toContain(`note: answering with the 1 edit of ${fix} made`);
    expect(readFileSync(demo, 'utf8')).toBe(before);
  });

  it('exposure, diagnose, graph and check take it too', () => {
    for (const args of [['exposure', '--json'], ['diagnose', 'i-0de0000000000010a', '--port', '6379', '--json'], ['graph', '--json'], ['check', '--intents', path.join(repoRoot, 'docs/examples/demo-intents.yaml'), '--json']]) {
      const run = runCli([...args, '--apply', fix]);
      expect(run.stderr, args[0]).toContain('note: answering with the 1 edit of');
      expect([0, 1], args[0]).toContain(run.status);
      expect(() => JSON.parse(run.stdout), args[0]).not.toThrow();
    }
  });

  it('an edit AWS would refuse is exit 2, naming the file and the edit; nothing on stdout', () => {
    const run = runCli(['analyze', ...F1, '--apply', refused]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toBe(`error: ${refused}: changes[0] (CreateRoute): rtb-0de00000000000103 already has a route for 0.0.0.0/0 (AWS: RouteAlreadyExists)`);
  });

  it('a file that is not a change set, or not there, is exit 2 naming it', () => {
    const notJson = path.join(dir, 'notes.txt');
    writeFileSync(notJson, 'password=hunter2\n');
    const run = runCli(['graph', '--apply', notJson]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(notJson);
    expect(run.stderr).not.toContain('hunter2');
    const missing = runCli(['graph', '--apply', path.join(dir, 'missing.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('ENOENT');
    expect(statSync(fix).isFile()).toBe(true);
  });
});
