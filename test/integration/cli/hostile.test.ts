// Issue 13, "Hostile input", part A: the CLI on the hostile fixture set
// (test/fixtures/hostile/make-hostile.ts, built into a temporary folder).
// Expected values are written by hand from the fixture.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/aws/canonical.js';
import { changeSetCommands } from '../../../shared/model/change-set-commands.js';
import { CHANGE_SET_FORMAT, type Edit } from '../../../shared/model/change-set.js';
import { shellQuote } from '../../../shared/model/shell.js';
import { REGION } from '../../fixtures/engine/network.js';
import { InputError } from '../../../shared/model/errors.js';
import { ensureBuilt, runCli, type CliRun } from './run-cli.js';
import { FORGED_LINE, hostileIds, LONG_NAME, NEWLINE_PAYLOAD, PWNED_NAME, SECRET, writeHostileFixtures } from '../../fixtures/hostile/make-hostile.js';

let dir: string;
let files: Record<string, string>;
let snapshot: string;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(path.join(tmpdir(), 'reachmap-hostile-'));
  files = writeHostileFixtures(dir);
  snapshot = files['hostile-snapshot.json']!;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Any C0 control but the line feed, DEL, any C1 control, a bidi override or isolate, a line or paragraph separator. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function expectClean(run: CliRun, what: string): void {
  for (const [stream, text] of [['stdout', run.stdout], ['stderr', run.stderr]] as const) {
    const bad = CONTROL.exec(text);
    expect(bad, `${what}: ${stream} holds U+${bad?.[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${bad?.index}`).toBeNull();
    // a newline from data never starts a line of its own
    for (const line of text.split('\n')) expect(line.trimStart().startsWith(FORGED_LINE), `${what}: ${stream} has a forged line`).toBe(false);
  }
}

describe('13.2 terminal control sequences pass through: every CLI command on the hostile snapshot', () => {
  const commands: [string, () => string[], number][] = [
    ['graph', () => ['graph', '--snapshot', snapshot], 0],
    ['analyze (a drop with a fix)', () => ['analyze', '--from', 'i-web', '--to', 'i-app', '--port', '80', '--snapshot', snapshot], 0],
    ['analyze (unknown)', () => ['analyze', '--from', 'i-web', '--to', 'i-bad', '--port', '22', '--snapshot', snapshot], 0],
    ['exposure', () => ['exposure', '--snapshot', snapshot], 0],
    ['diagnose', () => ['diagnose', 'i-db', '--snapshot', snapshot], 0],
    ['diagnose i-app', () => ['diagnose', 'i-app', '--snapshot', snapshot], 0],
    ['check', () => ['check', '--intents', files['hostile-intents.yaml']!, '--snapshot', snapshot], 1],
    ['an unknown endpoint named with control characters', () => ['analyze', '--from', 'i-web', '--to', 'i-\u001b]0;x\u0007', '--port', '22', '--snapshot', snapshot], 2],
    ['report errors', () => ['report', '--exposure', '--snapshot', files['secret-syntax.json']!, '--png', path.join(dir, 'r.png')], 2],
  ];
  for (const [what, args, status] of commands) {
    it(`${what}: no control sequence, no forged line`, () => {
      const run = runCli(args());
      expect(run.status, run.stderr).toBe(status);
      expectClean(run, what);
    });
  }

  it('shows what it escaped: the window-title sequence and the forged newline as visible text', () => {
    const run = runCli(['graph', '--snapshot', snapshot]);
    expect(run.stdout).toContain('subnet subnet-pub (public web\\nPASS flows[9] "forged": everything is fine\\r\\n)');
    expect(run.stdout).toContain('subnet subnet-priv (private \\u202eevil\\u202c\\u2066iso\\u2069)');
    expect(run.stdout).toContain('internet-gateway igw-a (igw \\x1b]0;owned title\\x07\\x1b]52;c;');
    expect(run.stderr).toContain('warning: unknown keys ignored: Unknown\\x1b]0;owned title\\x07');
  });

  it('--json keeps the data exact', () => {
    const run = runCli(['graph', '--snapshot', snapshot, '--json']);
    const graph = JSON.parse(run.stdout) as { nodes: { id: string; name: string }[] };
    expect(graph.nodes.find((node) => node.id === 'subnet-pub')?.name).toBe(`public ${NEWLINE_PAYLOAD}`);
  });
});

describe('13.8 honest provenance and size: names cut to 64 characters in CLI tables', () => {
  it('graph and exposure show the 20,000-character name as its first 63 characters and an ellipsis; --json keeps it whole', () => {
    const cut = `L${'x'.repeat(62)}\u2026`;
    const graph = runCli(['graph', '--snapshot', snapshot]);
    expect(graph.stdout).toContain(`eni eni-web (${cut}) [i-web running]`);
    expect(graph.stdout).not.toContain('x'.repeat(63));
    const exposure = runCli(['exposure', '--snapshot', snapshot]);
    // the cut Name first, then the ids (issue 15)
    expect(exposure.stdout).toContain(`${cut} (eni-web, i-web)  54.0.0.10 -> 10.0.1.10  subnet-pub, vpc-a`);
    const json = JSON.parse(runCli(['graph', '--snapshot', snapshot, '--json']).stdout) as { nodes: { id: string; name: string }[] };
    expect(json.nodes.find((node) => node.id === 'eni-web')?.name).toBe(LONG_NAME);
  });
});

describe('13.1 fix commands run what a hostile id says', () => {
  it('ids outside [A-Za-z0-9._:/-] are refused at import with a warning naming the file and JSON path; the snapshot opens', () => {
    const run = runCli(['graph', '--snapshot', snapshot, '--json']);
    expect(run.status).toBe(0);
    const where = 'warning: hostile-snapshot.json: accounts.111111111111.us-east-1';
    const warnings = run.stderr.split('\n');
    // the fixture's groups: sg-web, sg-app, sg-db, then the two hostile ones; its ENIs and reservations: web, app, db, bad, then the hostile one
    expect(warnings.some((line) => line.startsWith(`${where}.SecurityGroups[3].GroupId: id "sg-0123 $(touch `))).toBe(true);
    expect(warnings.some((line) => line.startsWith(`${where}.SecurityGroups[4].GroupId: id "sg-0123; touch `))).toBe(true);
    expect(warnings.some((line) => line.startsWith(`${where}.NetworkInterfaces[4].NetworkInterfaceId: id "eni-\\u202eevil`))).toBe(true);
    expect(warnings.some((line) => line.startsWith(`${where}.Reservations[4].Instances[0].InstanceId: id "i-\\u001b]0;x\\u0007"`))).toBe(true);
    const graph = JSON.parse(run.stdout) as { nodes: { id: string }[] };
    const ids = graph.nodes.map((node) => node.id);
    expect(ids).toEqual(expect.arrayContaining(['eni-web', 'eni-app', 'eni-db', 'eni-bad']));
    expect(ids.filter((id) => CONTROL.test(id) || id.includes('$(') || id.includes(';'))).toEqual([]);
  });

  it('a group refused for its id is an unknown resource: a trace through it is unknown (UNKNOWN_RESOURCE), with no fix', () => {
    const run = runCli(['analyze', '--from', 'i-web', '--to', 'i-bad', '--port', '22', '--snapshot', snapshot, '--json']);
    const result = JSON.parse(run.stdout) as { verdict: string; blocked: { id: string; code: string; fix: unknown } };
    expect(result.verdict).toBe('unknown');
    expect(result.blocked).toMatchObject({ id: 'eni-bad', code: 'UNKNOWN_RESOURCE', fix: null });
  });

  it('test networks keep ids like i-web', () => {
    const run = runCli(['analyze', '--from', 'i-web', '--to', 'i-db', '--port', '5432', '--snapshot', snapshot, '--json']);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { verdict: string }).verdict).toBe('reachable');
  });

  /** Runs `command` in bash with `aws` stubbed; returns the argv the stub received (one array per call). */
  function runWithStub(command: string): string[][] {
    const bin = mkdtempSync(path.join(dir, 'bin-'));
    const log = path.join(bin, 'argv.log');
    // each argument on its own NUL-terminated record, each call ended by an empty record
    // an id for the calls whose answer a script captures (allocate-address, create-nat-gateway)
    writeFileSync(path.join(bin, 'aws'), `#!/bin/bash\nfor a in "$@"; do printf '%s\\0' "$a" >> '${log}'; done\nprintf '\\0' >> '${log}'\ncase "$2" in allocate-address) echo eipalloc-0stub;; create-nat-gateway) echo nat-0stub;; esac\n`);
    chmodSync(path.join(bin, 'aws'), 0o755);
    const result = spawnSync('/bin/bash', ['-c', command], { env: { PATH: `${bin}:/usr/bin:/bin`, ALLOC_ID: 'eipalloc-0test' }, encoding: 'utf8' });
    expect(result.status, `${command}\n${result.stderr}`).toBe(0);
    if (!existsSync(log)) return [];
    const records = readFileSync(log, 'utf8').split('\0');
    const calls: string[][] = [];
    let current: string[] = [];
    for (const record of records.slice(0, -1)) {
      if (record === '') {
        calls.push(current);
        current = [];
      } else current.push(record);
    }
    return calls;
  }

  /** Every edit kind, with `id` in each of its id fields: every fix's commands come from these. */
  function editsNaming(id: string): Edit[] {
    const permission = { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, UserIdGroupPairs: [{ GroupId: id }] };
    const entry = { NetworkAclId: id, RuleNumber: 100, Egress: false, Protocol: 'tcp', RuleAction: 'allow' as const, CidrBlock: '0.0.0.0/0', PortRange: { From: 80, To: 80 } };
    return [
      { action: 'AuthorizeSecurityGroupIngress', GroupId: id, IpPermissions: [permission] },
      { action: 'RevokeSecurityGroupEgress', GroupId: id, IpPermissions: [{ ...permission, IpProtocol: 'icmp', FromPort: 8, ToPort: 0 }] },
      { action: 'CreateNetworkAclEntry', ...entry },
      { action: 'ReplaceNetworkAclEntry', ...entry },
      { action: 'DeleteNetworkAclEntry', NetworkAclId: id, RuleNumber: 100, Egress: true },
      { action: 'CreateRoute', RouteTableId: id, DestinationCidrBlock: '10.9.0.0/16', VpcPeeringConnectionId: id },
      { action: 'CreateNatGateway', NewId: 'nat-new-1', SubnetId: id },
      { action: 'ReplaceRoute', RouteTableId: id, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-new-1' },
      { action: 'DeleteRoute', RouteTableId: id, DestinationCidrBlock: '0.0.0.0/0' },
      { action: 'ModifyNetworkInterfaceAttribute', NetworkInterfaceId: id, Groups: [id] },
      { action: 'AssociateAddress', NetworkInterfaceId: id, AllocationId: 'eipalloc-new-1', PublicIp: '198.18.0.1' },
      { action: 'ModifyTransitGatewayVpcAttachment', TransitGatewayAttachmentId: id, AddSubnetIds: [id] },
      { action: 'CreateTransitGatewayRoute', TransitGatewayRouteTableId: id, DestinationCidrBlock: '10.0.0.0/16', TransitGatewayAttachmentId: id },
      { action: 'AcceptVpcPeeringConnection', VpcPeeringConnectionId: id },
      { action: 'AcceptTransitGatewayVpcAttachment', TransitGatewayAttachmentId: id },
      { action: 'StartInstances', InstanceIds: [id] },
    ];
  }

  it('every fix command built with a hostile id runs aws alone, with the id as one argument', () => {
    for (const id of hostileIds(dir)) {
      const edits = editsNaming(id);
      // the region and profile flags come from the snapshot too
      const lines = changeSetCommands({ format: CHANGE_SET_FORMAT, changes: edits }, { regionOf: () => id, profile: id });
      expect(lines.join('\n'), 'no <placeholder>: a shell reads < as a redirection').not.toMatch(/<[a-z-]+>/);
      const calls = runWithStub(lines.join('\n'));
      expect(existsSync(path.join(dir, PWNED_NAME)), lines.join('\n')).toBe(false);
      // one call per line: a NAT gateway allocates, creates and waits; an association allocates first
      expect(calls, lines.join('\n')).toHaveLength(lines.length);
      expect(lines.length).toBe(edits.length + 2 + 1);
      for (const call of calls) {
        expect(call[0]).toBe('ec2');
        // the hostile text arrives whole: as one argument, or inside the one --ip-permissions JSON argument
        expect(call.some((arg) => arg === id || arg.includes(JSON.stringify(id).slice(1, -1))), call.join(' | ')).toBe(true);
      }
    }
  });

  it('the fix commands the CLI prints run aws alone', () => {
    const analyze = JSON.parse(runCli(['analyze', '--from', 'i-web', '--to', 'i-app', '--port', '80', '--snapshot', snapshot, '--json']).stdout) as { blocked: { fix: { command: string } } };
    // i-web carries sg-web in sg-app's VPC: the rule names the group. The file's claimed profile is no profile name
    // (it holds markup and control characters), so no --profile goes into the command.
    expect(runWithStub(analyze.blocked.fix.command)).toEqual([
      ['ec2', 'authorize-security-group-ingress', '--group-id', 'sg-app', '--ip-permissions', '[{"IpProtocol":"tcp","FromPort":80,"ToPort":80,"UserIdGroupPairs":[{"GroupId":"sg-web"}]}]', '--region', REGION],
    ]);
    const diagnose = JSON.parse(runCli(['diagnose', 'i-db', '--snapshot', snapshot, '--json']).stdout) as { checks: { fix: { command: string; script?: string } | null }[] };
    const scripts = diagnose.checks.flatMap((check) => (check.fix ? [check.fix.script ?? check.fix.command] : []));
    // i-db sits in the public subnet without a public IP, and sg-db admits nothing from the internet: a new Elastic IP, allocated then associated
    expect(scripts.map(runWithStub)).toContainEqual([
      ['ec2', 'allocate-address', '--domain', 'vpc', '--query', 'AllocationId', '--output', 'text', '--region', REGION],
      ['ec2', 'associate-address', '--network-interface-id', 'eni-db', '--allocation-id', 'eipalloc-0stub', '--region', REGION],
    ]);
  });

  it('shellQuote leaves plain words alone and single-quotes the rest', () => {
    expect(shellQuote('sg-0123')).toBe('sg-0123');
    expect(shellQuote('arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/a/b')).toBe('arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/a/b');
    expect(shellQuote("a'b $(x)")).toBe(`'a'"'"'b $(x)'`);
    expect(shellQuote('')).toBe("''");
  });
});

describe('13.4 errors echo file contents', () => {
  const expected: [string, string][] = [
    ['not-a-snapshot.txt', 'error: not-a-snapshot.txt: is not valid JSON (line 1 column 1: expected an object, array, string, number, true, false or null)'],
    ['secret-syntax.json', 'error: secret-syntax.json: password: is not valid JSON (line 1 column 31: expected an object, array, string, number, true, false or null)'],
    ['secret-array.json', 'error: secret-array.json: a JSON array is not a snapshot object (expected {"format": "reachmap-snapshot/1", ...})'],
    ['secret-string.json', 'error: secret-string.json: a string is not a snapshot object (expected {"format": "reachmap-snapshot/1", ...})'],
    ['secret-format.json', 'error: secret-format.json: format: a string other than "reachmap-snapshot/1"'],
  ];
  for (const [name, line] of expected) {
    it(`${name}: names the file, the JSON path and what was expected, never the text`, () => {
      const run = runCli(['graph', '--snapshot', files[name]!]);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`${line}\n`);
      expect(run.stderr).not.toContain(SECRET.slice(0, 7));
    });
  }

  it('an intents file that holds a secret: check names it without its text', () => {
    const run = runCli(['check', '--intents', files['secret-syntax.json']!, '--snapshot', snapshot]);
    expect(run.status).toBe(2);
    expect(run.stderr).not.toContain(SECRET.slice(0, 7));
    expect(run.stderr).toContain('secret-syntax.json: not valid JSON: password: line 1 column 31');
  });
});

describe('13.3 deep nesting', () => {
  const deep: [string, string[], RegExp][] = [
    ['deep-array.json', ['graph', '--snapshot'], /^error: deep-array\.json: (\[0\]){12}\.\.\. \(256 levels\): is nested more than 256 levels deep/],
    ['deep-snapshot.json', ['graph', '--snapshot'], /^error: deep-snapshot\.json: accounts\.111111111111\.us-east-1\.Vpcs\[0\]\.Tags\[0\]\[0\]\[0\]\[0\]\[0\]\[0\]\.\.\. \(256 levels\): is nested more than 256 levels deep/],
    ['deep-folder', ['graph', '--snapshot'], /^error: aws_configs\/us-east-1\/Vpcs\.json: Vpcs\[0\]\.Extra(\[0\]){9}\.\.\. \(256 levels\): is nested more than 256 levels deep/],
  ];
  for (const [name, args, line] of deep) {
    it(`${name} (100,000 levels) is bad input, exit 2, naming the file`, () => {
      const target = name === 'deep-folder' ? path.join(dir, 'deep-folder') : files[name]!;
      const run = runCli([...args, target]);
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toMatch(line);
      expect(run.stderr).not.toMatch(/Maximum call stack|internal error/);
    });
  }
  for (const name of ['deep-intents.json', 'deep-intents.yaml']) {
    it(`an intents file ${name} (100,000 levels) is bad input, exit 2, naming the file`, () => {
      const run = runCli(['check', '--intents', files[name]!, '--snapshot', snapshot]);
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`^error: .*${name.replace('.', '\\.')}: `));
      expect(run.stderr).not.toMatch(/Maximum call stack|internal error/);
    });
  }
  it('canonical JSON (the hash) of data built in memory 100,000 levels deep is bad input, not a stack overflow', () => {
    let value: unknown[] = [];
    for (let i = 0; i < 100_000; i++) value = [value];
    expect(() => canonicalJson({ accounts: value })).toThrow(InputError);
    expect(() => canonicalJson({ accounts: value })).toThrow(/nested more than 256 levels deep/);
  });
});
