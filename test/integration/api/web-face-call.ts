// One call of the web face's HTTP API as a page makes it: POST /api/METHOD
// with the token, the arguments as JSON; the status and the parsed answer.
import { request } from 'node:http';
import type { WebFace } from '../../../shared/api/http/node.js';

export interface Answer {
  status: number;
  body: { value?: unknown; error?: { kind: string; message: string } };
}

export function call(face: WebFace, method: string, args: unknown[]): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: face.port,
        path: `/api/${method}`,
        method: 'POST',
        headers: { host: `127.0.0.1:${face.port}`, 'content-type': 'application/json', 'x-reachmap-token': face.token },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Answer['body'] }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ args }));
  });
}
