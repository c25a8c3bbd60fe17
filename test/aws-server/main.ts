// The local AWS server in its own process, so that a benchmark's collector
// does not share its CPU with the server:
//   node --import tsx test/aws-server/main.ts --snapshot FILE
// prints {"url": "http://127.0.0.1:PORT"} on stdout, then serves until SIGTERM.
// Faults: POST /__reachmap/faults (JSON); calls received: GET /__reachmap/calls.
import { parseArgs } from 'node:util';
import { readSnapshotPath } from '../../shared/aws/read/node.js';
import { startAwsTestServer } from './server.js';

const { values } = parseArgs({ options: { snapshot: { type: 'string' } } });
if (!values.snapshot) {
  console.error('usage: main.ts --snapshot FILE');
  process.exit(2);
}
const server = await startAwsTestServer({ snapshot: await readSnapshotPath(values.snapshot) });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.once('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
