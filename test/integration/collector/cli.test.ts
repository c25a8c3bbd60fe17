// `reachmap snapshot` and `reachmap profiles` through the built CLI, as a
// user runs them, against the local AWS server.
import { execFile } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsTestServer } from '../../aws-server/server.js';
import { ensureBuilt } from '../cli/run-cli.js';
import { demoSnapshot, isolateAwsEnvironment, repoRoot, semanticModel, serve, TEST_ACCESS_KEY } from './helpers.js';
import { readSnapshotPath } from '../../../shared/aws/read/node.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Asynchronous, unlike runCli: the AWS server answering the CLI lives in this process. */
function reachmap(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(repoRoot, 'bin/reachmap.js'), ...args],
      { cwd: repoRoot, env: { ...process.env, REACHMAP_DEBUG: '', ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('reachmap snapshot and profiles', () => {
  let server: AwsTestServer;
  let home: string;

  beforeAll(async () => {
    ensureBuilt();
    home = isolateAwsEnvironment();
    server = await serve(await readSnapshotPath(demoSnapshot));
  });
  afterAll(async () => {
    await server.close();
  });

  it('writes a snapshot file (mode 0600) that `reachmap graph` reads', async () => {
    const out = path.join(home, 'demo-live.json');
    const run = await reachmap(['snapshot', '--regions', 'all', '--out', out, '--endpoint-url', server.url]);
    expect(run.stderr).not.toMatch(/internal error|Error:|at .*\.js:\d+/);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    // not a terminal here: plain progress lines, then the summary
    const lines = run.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[0]).toMatch(/^snapshot: \d+\/\d+ calls, \d+ resources/);
    expect(lines.at(-1)).toMatch(/^snapshot: account 111122223333, 2 region\(s\), \d+ resources, no errors -> /);
    expect(statSync(out).mode & 0o777).toBe(0o600);

    const written = await readSnapshotPath(out);
    expect(written.source.kind).toBe('aws-live');
    // the default credentials sign for the demo's workload account: that account is collected, not the network account
    const demo = await readSnapshotPath(demoSnapshot);
    expect(Object.keys(written.accounts)).toEqual(['111122223333']);
    expect(semanticModel(written)).toEqual(semanticModel({ ...demo, accounts: { '111122223333': demo.accounts['111122223333']! } }));
    expect(server.calls.some((call) => call.action === 'GetCallerIdentity' && call.service === 'sts')).toBe(true);

    const graph = await reachmap(['graph', '--snapshot', out, '--json']);
    expect(graph.code).toBe(0);
    const nodes = (JSON.parse(graph.stdout) as { nodes: { id: string; kind: string }[] }).nodes;
    // the demo's two VPCs of us-east-1 and the one of eu-west-1; the network account's VPC, not collected, is a missing node beyond its peering
    expect(nodes.filter((node) => node.kind === 'vpc')).toHaveLength(3);
    expect(nodes.filter((node) => node.kind === 'missing').map((node) => node.id)).toEqual(['vpc-0de00000000000500']);
  });

  it('reports refused calls as warnings and still writes the file', async () => {
    const out = path.join(home, 'partial.json');
    server.faults.denied = ['DescribeVpcEndpoints'];
    const run = await reachmap(['snapshot', '--regions', 'us-east-1', '--out', out, '--endpoint-url', server.url]);
    server.faults.denied = [];
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'warning: DescribeVpcEndpoints in us-east-1 refused: UnauthorizedOperation: You are not authorized to perform this operation.',
    );
    expect(run.stderr).toContain('1 call failed (recorded as unknown)');
    const written = JSON.parse(readFileSync(out, 'utf8')) as { errors: unknown[] };
    expect(written.errors).toHaveLength(1);
  });

  it('gives one line and exit 2 for expired credentials, bad options, and writes nothing', async () => {
    const out = path.join(home, 'never.json');
    server.faults.expiredCredentials = true;
    const expired = await reachmap(['snapshot', '--regions', 'us-east-1', '--out', out, '--endpoint-url', server.url]);
    server.faults.expiredCredentials = false;
    expect(expired.code).toBe(2);
    expect(expired.stdout).toBe('');
    expect(expired.stderr).toBe(
      'error: The AWS credentials of profile default have expired: run `aws sso login` (or renew them) and try again\n',
    );

    const badRegion = await reachmap(['snapshot', '--regions', 'us-east-1,Mars', '--out', out, '--endpoint-url', server.url]);
    expect(badRegion.code).toBe(2);
    expect(badRegion.stderr).toBe('error: --regions: "Mars" is not an AWS region name (e.g. us-east-1), nor "all"\n');

    const badTimeout = await reachmap(['snapshot', '--request-timeout', '0', '--out', out, '--endpoint-url', server.url]);
    expect(badTimeout.code).toBe(2);
    expect(badTimeout.stderr).toBe('error: --request-timeout: "0" is not a number of seconds from 1 to 3600\n');

    const noOut = await reachmap(['snapshot', '--endpoint-url', server.url]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr.trim().split('\n')).toHaveLength(1);
    expect(() => statSync(out)).toThrow();
  });

  it('refuses an --out it could not write before asking AWS anything', async () => {
    const callsBefore = server.calls.length;
    const missing = path.join(home, 'no-such-folder', 'snap.json');
    const run = await reachmap(['snapshot', '--regions', 'us-east-1', '--out', missing, '--endpoint-url', server.url]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`error: ${missing}: the folder ${path.dirname(missing)} does not exist\n`);
    const folder = await reachmap(['snapshot', '--regions', 'us-east-1', '--out', home, '--endpoint-url', server.url]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toBe(`error: ${home}: is a folder, not a file\n`);
    expect(server.calls.length).toBe(callsBefore);
  });

  it('lists profiles with their regions, never a secret', async () => {
    writeFileSync(path.join(home, 'config'), '[default]\nregion = eu-west-1\n\n[profile prod]\nregion = us-east-1\nsso_session = corp\n\n[sso-session corp]\nsso_region = us-east-1\n');
    writeFileSync(path.join(home, 'credentials'), `[ci]\naws_access_key_id = ${TEST_ACCESS_KEY}\naws_secret_access_key = very-secret-value\n`);
    const text = await reachmap(['profiles']);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe('ci       -\ndefault  eu-west-1\nprod     us-east-1\n');
    const json = await reachmap(['profiles', '--json']);
    expect(json.code).toBe(0);
    const listed = JSON.parse(json.stdout) as unknown;
    expect(listed).toEqual({ profiles: [{ name: 'ci' }, { name: 'default', region: 'eu-west-1' }, { name: 'prod', region: 'us-east-1' }] });
    const schema = JSON.parse(readFileSync(path.join(repoRoot, 'docs/schemas/profiles.schema.json'), 'utf8')) as object;
    const validate = new Ajv2020({ strict: true }).compile(schema);
    expect(validate(listed), JSON.stringify(validate.errors)).toBe(true);
    expect(json.stdout + text.stdout).not.toContain('very-secret-value');
    expect(json.stdout + text.stdout).not.toContain(TEST_ACCESS_KEY);
  });
});
