// Save as intent… through the desktop bridge: the page's analyzed flow goes
// over (in-memory) IPC to main, which appends it to the intents file chosen in
// the (stubbed) save dialog. The flow is analyzed by the real service.
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseIntents } from '../../../shared/api/intents.js';
import { desktopFixture, samples, type DesktopFixture } from './desktop-fixture.js';

describe('Save as intent in the desktop app', () => {
  let desktop: DesktopFixture;
  beforeEach(async () => {
    desktop = await desktopFixture();
    desktop.dialogs.openPath = path.join(samples, 'test-public-subnet');
    await desktop.bridge.chooseSnapshot({ folder: true });
  });
  afterEach(async () => desktop.close());

  it('creates the chosen file with the analyzed flow, readable by its owner only, then appends to it', async () => {
    const file = path.join(desktop.userDataDir, 'intents.yaml');
    desktop.dialogs.savePath = { canceled: false, filePath: file };
    // launch-wizard-1 admits tcp/22 from 0.0.0.0/0 (see ipc-bridge.test.ts)
    const ssh = await desktop.bridge.analyze({ from: 'internet', to: 'i-06669a407b2ef3ae5', protocol: 'tcp', port: 22 });
    await expect(desktop.bridge.saveIntent({ flow: ssh.query, expect: 'reachable', name: 'SSH from anywhere' })).resolves.toEqual({
      saved: true,
      fileName: 'intents.yaml',
      intent: 'flows[0]',
    });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const http = await desktop.bridge.analyze({ from: 'internet', to: 'i-06669a407b2ef3ae5', protocol: 'tcp', port: 80 });
    await expect(desktop.bridge.saveIntent({ flow: http.query, expect: 'unreachable' })).resolves.toMatchObject({ intent: 'flows[1]' });
    expect(parseIntents(await readFile(file, 'utf8'), 'intents.yaml').flows).toEqual([
      { index: 0, name: 'SSH from anywhere', from: 'internet', to: 'i-06669a407b2ef3ae5', protocol: 'tcp', port: 22, sourcePort: undefined, expect: 'reachable' },
      { index: 1, name: undefined, from: 'internet', to: 'i-06669a407b2ef3ae5', protocol: 'tcp', port: 80, sourcePort: undefined, expect: 'unreachable' },
    ]);
  });

  it('keeps the comments of an existing file; a cancelled dialog writes nothing', async () => {
    const file = path.join(desktop.userDataDir, 'team.yaml');
    await writeFile(file, '# the team\'s network tests\nflows:\n  - {from: internet, to: i-06669a407b2ef3ae5, port: 22, expect: reachable}\n');
    desktop.dialogs.savePath = { canceled: true };
    const flow = { from: 'internet', to: 'i-06669a407b2ef3ae5', protocol: 'icmp', port: null };
    await expect(desktop.bridge.saveIntent({ flow, expect: 'unreachable' })).resolves.toEqual({ saved: false, fileName: null, intent: null });
    desktop.dialogs.savePath = { canceled: false, filePath: file };
    await desktop.bridge.saveIntent({ flow, expect: 'unreachable' });
    const text = await readFile(file, 'utf8');
    expect(text.startsWith("# the team's network tests\n")).toBe(true);
    expect(parseIntents(text, 'team.yaml').flows.map((f) => [f.protocol, f.port, f.expect])).toEqual([
      ['tcp', 22, 'reachable'],
      ['icmp', undefined, 'unreachable'],
    ]);
  });

  it('refuses a malformed request, and a file that is not an intents document, with one line', async () => {
    await expect(desktop.bridge.saveIntent({ flow: { from: 'internet', to: 'i-1', protocol: 'tcp', port: 22 }, expect: 'maybe' as 'reachable' })).rejects.toThrow(/^saveIntent: expect: /);
    const file = path.join(desktop.userDataDir, 'notes.yaml');
    await writeFile(file, 'shopping:\n  - milk\n');
    desktop.dialogs.savePath = { canceled: false, filePath: file };
    await expect(desktop.bridge.saveIntent({ flow: { from: 'internet', to: 'i-1', protocol: 'tcp', port: 22 }, expect: 'reachable' })).rejects.toThrow(
      'notes.yaml: unknown field "shopping"',
    );
    expect(await readFile(file, 'utf8')).toBe('shopping:\n  - milk\n');
  });
});
