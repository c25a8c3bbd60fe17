// Issue 13 ("Hostile input"), the web face's side: what a page (or anything
// that holds the token) may ask of `reachmap serve`. The server runs in this
// process on 127.0.0.1 with the real service, or with a recording stand-in
// where a real call would start a live snapshot.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebFace, type WebFace } from '../../../shared/api/http/node.js';
import type { LiveSnapshotRequest, ReachmapApi, SnapshotSummary } from '../../../shared/api/reachmap-api.js';
import { createNodeReachmapService } from '../../../shared/api/service/node.js';

interface Answer {
  status: number;
  body: { value?: unknown; error?: { kind: string; message: string } };
}

function send(face: WebFace, pathname: string, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: face.port,
        path: pathname,
        method: body === undefined ? 'GET' : 'POST',
        headers: { host: `127.0.0.1:${face.port}`, 'content-type': 'application/json', 'x-reachmap-token': face.token },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text.startsWith('{') ? JSON.parse(text) : { error: { kind: 'raw', message: text } } }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const call = (face: WebFace, method: string, args: unknown[]) => send(face, `/api/${method}`, JSON.stringify({ args }));

const temp = mkdtempSync(path.join(tmpdir(), 'reachmap-web-hostile-'));
const emptyRenderer = path.join(temp, 'renderer');

afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('13.5 the web face trusts its arguments', () => {
  let face: WebFace;
  beforeAll(async () => {
    const service = await createNodeReachmapService();
    await service.openSnapshot();
    face = await startWebFace({ service, rendererDir: emptyRenderer });
  });
  afterAll(async () => face?.close());

  it('answers well-formed arguments as before', async () => {
    // F1 of the demo: prod-api-1 cannot reach prod-cache on 6379
    const answer = await call(face, 'analyze', [{ from: 'i-0de00000000000105', to: 'i-0de0000000000010a', protocol: 'tcp', port: 6379 }]);
    expect(answer.status).toBe(200);
    expect((answer.body.value as { verdict: string }).verdict).toBe('unreachable');
    expect((await call(face, 'diagnose', ['i-0de00000000000104', null])).status).toBe(200);
    expect((await call(face, 'currentSnapshot', [])).status).toBe(200);
    // --client-cidr reaches the engine over HTTP too: F2's trace then starts from a host of that block
    const clients = await call(face, 'analyze', [{ from: 'internet', to: 'i-0de00000000000301', protocol: 'tcp', port: 443, clientCidr: '203.0.113.0/24' }]);
    expect(clients.status).toBe(200);
    expect((clients.body.value as { resolved: { from: { ip: string } } }).resolved.from.ip).toBe('203.0.113.1');
    expect((await call(face, 'analyze', [{ from: 'internet', to: 'i-0de00000000000301', protocol: 'tcp', port: 443, clientCidr: 'not a cidr' }])).status).toBe(400);
  });

  it('refuses arguments of the wrong type with 400 and a message naming the argument', async () => {
    const cases: [string, unknown[], string][] = [
      ['analyze', [{ from: 42, to: 'i-0de0000000000010a' }], 'analyze: from: '],
      ['analyze', ['i-0de00000000000105'], 'analyze: '],
      ['analyze', [{ from: 'i-0de00000000000105', to: 'i-0de0000000000010a', port: '6379' }], 'analyze: port: '],
      ['analyze', [{ from: 'i-0de00000000000105', to: 'i-0de0000000000010a', evil: true }], 'analyze: '],
      ['diagnose', [['i-0de00000000000104']], 'diagnose: '],
      ['diagnose', ['i-0de00000000000104', { port: -1 }], 'diagnose: port: '],
      ['inspect', [{ toString: 'x' }], 'inspect: '],
      ['inspect', [''], 'inspect: '],
      ['openSnapshot', [{ path: '/etc/passwd' }], 'openSnapshot: '],
      ['openSnapshot', [7], 'openSnapshot: '],
      ['graph', ['extra'], 'graph: takes no arguments'],
      ['takeSnapshot', [{ profile: 'p; rm -rf /' }], 'takeSnapshot: profile: '],
      ['takeSnapshot', [{ regions: 'us-east-1' }], 'takeSnapshot: regions: '],
      // several accounts: profile names, an IAM role name and 12-digit account ids, nothing else
      ['takeSnapshot', [{ profiles: ['a', 'b c'] }], 'takeSnapshot: profiles.1: '],
      ['takeSnapshot', [{ profiles: [] }], 'takeSnapshot: profiles: '],
      ['takeSnapshot', [{ orgRole: 'role/$(id)' }], 'takeSnapshot: orgRole: '],
      ['takeSnapshot', [{ orgRole: 'Reader', accounts: [12345678901] }], 'takeSnapshot: accounts.0: '],
      ['takeSnapshot', [{ orgRole: 'Reader', accounts: ['12345678901'] }], 'takeSnapshot: accounts.0: '],
    ];
    for (const [method, args, start] of cases) {
      const answer = await call(face, method, args);
      const label = `${method} ${JSON.stringify(args)}`;
      expect(answer.status, label).toBe(400);
      expect(answer.body.error?.kind, label).toBe('input');
      expect(answer.body.error?.message.startsWith(start), `${label}: ${answer.body.error?.message}`).toBe(true);
      expect(answer.body.error?.message, label).not.toMatch(/is not a function|internal error|Cannot read prop/);
    }
  });

  it('refuses a malformed percent-encoding with 400, not 500', async () => {
    for (const bad of ['/%E0%A4%A', '/%', '/assets/%ZZ.js', '/%C0%AF']) {
      const answer = await send(face, bad);
      expect(answer.status, bad).toBe(400);
      expect(answer.body.error?.message, bad).toBe('malformed percent-encoding in the address');
    }
  });
});

describe('13.5 the web face keeps endpointUrl on loopback unless serve allowed another', () => {
  const asked: LiveSnapshotRequest[] = [];
  const stand_in = {
    async takeSnapshot(request: LiveSnapshotRequest) {
      asked.push(request);
      return { label: 'live' } as unknown as SnapshotSummary;
    },
  } as unknown as ReachmapApi;
  let plain: WebFace;
  let allowing: WebFace;
  beforeAll(async () => {
    plain = await startWebFace({ service: stand_in, rendererDir: emptyRenderer });
    allowing = await startWebFace({ service: stand_in, rendererDir: emptyRenderer, allowedEndpoints: ['https://aws.corp.example:8443/'] });
  });
  afterAll(async () => {
    await plain?.close();
    await allowing?.close();
  });

  it('passes loopback endpoints through: 127.0.0.0/8, ::1 and localhost', async () => {
    asked.length = 0;
    for (const endpointUrl of ['http://127.0.0.1:4566', 'http://127.8.9.10/', 'http://[::1]:4566', 'https://localhost:8443/aws']) {
      const answer = await call(plain, 'takeSnapshot', [{ profile: 'dev', endpointUrl }]);
      expect(answer.status, endpointUrl).toBe(200);
    }
    expect(asked.map((r) => r.endpointUrl)).toEqual(['http://127.0.0.1:4566', 'http://127.8.9.10/', 'http://[::1]:4566', 'https://localhost:8443/aws']);
  });

  it('refuses any other endpoint with 400 and says how to allow it; the service is never called', async () => {
    asked.length = 0;
    for (const endpointUrl of [
      'https://ec2.us-east-1.amazonaws.com',
      'http://10.0.0.5:4566',
      'http://127.0.0.1.evil.example/',
      'http://localhost@evil.example/',
      'http://user:pw@127.0.0.1/',
      'http://[::ffff:7f00:1]/',
      'file:///etc/passwd',
      'not a url',
    ]) {
      const answer = await call(plain, 'takeSnapshot', [{ profile: 'dev', endpointUrl }]);
      expect(answer.status, endpointUrl).toBe(400);
      expect(answer.body.error?.message, endpointUrl).toMatch(/^takeSnapshot: endpointUrl: /);
    }
    const refused = await call(plain, 'takeSnapshot', [{ endpointUrl: 'https://aws.corp.example:8443/' }]);
    expect(refused.body.error?.message).toBe(
      'takeSnapshot: endpointUrl: "https://aws.corp.example:8443/" is not a loopback endpoint (127.0.0.0/8, ::1 or localhost); start `reachmap serve` with --allow-endpoint URL to allow it',
    );
    expect(asked).toEqual([]);
  });

  it('takes an endpoint that serve was started with --allow-endpoint for, and only that one', async () => {
    asked.length = 0;
    expect((await call(allowing, 'takeSnapshot', [{ endpointUrl: 'https://aws.corp.example:8443' }])).status).toBe(200);
    expect((await call(allowing, 'takeSnapshot', [{ endpointUrl: 'https://aws.corp.example:9443' }])).status).toBe(400);
    expect((await call(allowing, 'takeSnapshot', [{ endpointUrl: 'http://aws.corp.example:8443' }])).status).toBe(400);
    expect(asked.map((r) => r.endpointUrl)).toEqual(['https://aws.corp.example:8443']);
  });
});

describe('13.4 the web face refuses the paths the desktop app refuses', () => {
  let face: WebFace;
  const fifo = path.join(temp, 'pipe.json');
  const big = path.join(temp, 'big.json');
  const folder = path.join(temp, 'folder', 'aws_configs', 'us-east-1');
  beforeAll(async () => {
    execFileSync('mkfifo', [fifo]);
    writeFileSync(big, `{"format":"reachmap-snapshot/1","pad":"${'x'.repeat(3000)}"}`);
    execFileSync('mkdir', ['-p', folder]);
    writeFileSync(path.join(folder, 'Vpcs.json'), `{"Vpcs":[],"pad":"${'x'.repeat(1500)}"}`);
    writeFileSync(path.join(folder, 'Subnets.json'), `{"Subnets":[],"pad":"${'x'.repeat(1500)}"}`);
    const service = await createNodeReachmapService({ maxBytes: 2048 });
    face = await startWebFace({ service, rendererDir: emptyRenderer });
  });
  afterAll(async () => face?.close());

  it('a FIFO or a device is neither a regular file nor a folder: 400, and nothing waits on it', async () => {
    for (const target of [fifo, '/dev/zero', '/dev/null']) {
      const answer = await call(face, 'openSnapshot', [target]);
      expect(answer.status, target).toBe(400);
      expect(answer.body.error?.message).toBe(`${target}: is neither a regular file nor a folder`);
    }
  });

  it('a file or folder over the size cap: 400 naming it and the cap', async () => {
    const file = await call(face, 'openSnapshot', [big]);
    expect(file.status).toBe(400);
    expect(file.body.error?.message).toBe(`${big}: is 3 KiB, over the snapshot size cap of 2 KiB`);
    const root = path.join(temp, 'folder');
    const tree = await call(face, 'openSnapshot', [root]);
    expect(tree.status).toBe(400);
    expect(tree.body.error?.message).toMatch(new RegExp(`^${root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: holds JSON files of [\\d.]+ KiB, over the snapshot size cap of 2 KiB$`));
  });
});
