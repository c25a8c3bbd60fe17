// Issue 13, item 6: `serve --open` keeps the token off every command line
// (`ps` shows argv to every local user).
import { readFile, stat } from 'node:fs/promises';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { browserOpenCommand } from '../../../cli/commands/serve.js';

const parent = mkdtempSync(path.join(tmpdir(), 'reachmap-open-test-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

const TOKEN = 'k3Y_token-0123456789abcdefABCDEF';
const URL_WITH_TOKEN = `http://127.0.0.1:43117/#token=${TOKEN}`;

describe('13.6 the token is not in argv', () => {
  it('the opener is handed a private redirect file, never the address with the token', async () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const open = await browserOpenCommand(URL_WITH_TOKEN, platform, parent);
      const argv = [open.command, ...open.args];
      expect(argv.join(' '), platform).not.toContain(TOKEN);
      expect(argv.join(' '), platform).not.toContain('token');
      expect(open.command).toBe({ linux: 'xdg-open', darwin: 'open', win32: 'explorer' }[platform]);
      expect(open.args).toEqual([open.file]);
      await open.cleanup();
    }
  });

  it('the redirect file, readable by its owner only, sends the browser to the address with the token in its fragment', async () => {
    const open = await browserOpenCommand(URL_WITH_TOKEN, 'linux', parent);
    expect((await stat(open.file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(open.file))).mode & 0o777).toBe(0o700);
    const html = await readFile(open.file, 'utf8');
    expect(html).toContain(`<meta http-equiv="refresh" content="0;url=http://127.0.0.1:43117/#token=${TOKEN}">`);
    expect(html).toContain('<meta name="referrer" content="no-referrer">');
    await open.cleanup();
    expect(existsSync(path.dirname(open.file))).toBe(false);
  });

  it('the web face prints an address whose token is in the fragment, which no request carries', async () => {
    const { startWebFace } = await import('../../../shared/api/http/node.js');
    const face = await startWebFace({ service: {} as never, rendererDir: parent, token: TOKEN });
    try {
      expect(face.url).toBe(`http://127.0.0.1:${face.port}/#token=${TOKEN}`);
      expect(new URL(face.url).search).toBe('');
    } finally {
      await face.close();
    }
  });
});
