// The small main-process pieces: Help dialogs, the report's file name, the
// command line, where the Electron binary is.
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotArgument } from '../../../electron/command-line.js';
import { findElectronBinary } from '../../../electron/electron-binary.js';
import { checkPng, reportFileName } from '../../../electron/export-report.js';
import { aboutText, showIamPolicy, type MessageBoxOptions } from '../../../electron/help-dialogs.js';
import { repoRoot } from './desktop-fixture.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'reachmap-small-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('Help > IAM policy', () => {
  it('shows docs/iam-policy.json and copies it on request', async () => {
    const shown: MessageBoxOptions[] = [];
    const copied: string[] = [];
    await showIamPolicy(
      async (options) => {
        shown.push(options);
        return { response: 0 };
      },
      path.join(repoRoot, 'docs', 'iam-policy.json'),
      (text) => copied.push(text),
    );
    expect(shown[0]?.buttons).toEqual(['Copy Policy', 'Close']);
    // docs/iam-policy.json allows read-only EC2 calls such as these, by hand
    expect(shown[0]?.detail).toContain('"ec2:DescribeVpcs"');
    expect(shown[0]?.detail).toContain('"ec2:DescribeNetworkAcls"');
    expect(copied).toEqual([shown[0]?.detail]);
    expect(JSON.parse(copied[0] ?? '')).toMatchObject({ Version: '2012-10-17' });
  });

  it('says so when the policy is missing from the build, and copies nothing', async () => {
    const shown: MessageBoxOptions[] = [];
    const copied: string[] = [];
    await showIamPolicy(async (o) => (shown.push(o), { response: 0 }), path.join(dir, 'none.json'), (t) => copied.push(t));
    expect(shown[0]).toMatchObject({ type: 'error', detail: `${path.join(dir, 'none.json')}: missing from this build` });
    expect(copied).toEqual([]);
  });

  it('About names the version, the runtime and where snapshots are kept', () => {
    const text = aboutText({ appName: 'Reachmap', version: '0.1.0', versions: { electron: '39.8.10', chrome: '142.0.0.0', node: '22.20.0' }, snapshotsDir: '/home/me/.config/Reachmap/snapshots' });
    expect(text.message).toBe('Reachmap 0.1.0');
    expect(text.detail).toContain('Electron 39.8.10, Chromium 142.0.0.0, Node 22.20.0');
    expect(text.detail).toContain('/home/me/.config/Reachmap/snapshots');
  });
});

describe('the exported report', () => {
  it('gets a plain .png file name whatever the page proposes', () => {
    expect(reportFileName('reachmap-report-i-0abc.png')).toBe('reachmap-report-i-0abc.png');
    expect(reportFileName('../../.bashrc')).toBe('bashrc.png');
    expect(reportFileName('C:\\Windows\\evil.PNG')).toBe('evil.png');
    expect(reportFileName('a/b:c*?.png')).toBe('b_c__.png');
    expect(reportFileName('')).toBe('reachmap-report.png');
  });

  it('must be a PNG', () => {
    expect(() => checkPng(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toThrow('exportReport: png: not a PNG image');
    expect(() => checkPng(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).not.toThrow();
  });
});

describe('the command line', () => {
  it('takes --snapshot PATH and --snapshot=PATH, nothing else', () => {
    expect(snapshotArgument(['/opt/Reachmap/reachmap-desktop', '--snapshot', '/data/prod.json'])).toBe('/data/prod.json');
    expect(snapshotArgument(['electron', '.', '--snapshot=/data/aws_configs'])).toBe('/data/aws_configs');
    expect(snapshotArgument(['electron', '.', '--no-sandbox'])).toBeNull();
    expect(snapshotArgument(['electron', '--snapshot'])).toBeNull();
  });
});

describe('findElectronBinary', () => {
  it('finds an unpacked Electron through ELECTRON_OVERRIDE_DIST_PATH, with the version of the electron package', async () => {
    const dist = path.join(dir, 'electron-dist');
    await mkdir(dist);
    await writeFile(path.join(dist, 'electron'), '');
    await chmod(path.join(dist, 'electron'), 0o755);
    const lookup = findElectronBinary(repoRoot, { ELECTRON_OVERRIDE_DIST_PATH: dist }, 'linux');
    expect(lookup).toEqual({ found: true, binary: { distDir: dist, executable: path.join(dist, 'electron'), version: expect.stringMatching(/^39\.8\.\d+$/) } });
  });

  it('says in one line why there is none', () => {
    const override = findElectronBinary(repoRoot, { ELECTRON_OVERRIDE_DIST_PATH: path.join(dir, 'nothing') }, 'linux');
    expect(override).toEqual({ found: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no Electron executable (${path.join(dir, 'nothing', 'electron')})` });
    const noPackage = findElectronBinary(dir, {}, 'linux');
    expect(noPackage).toEqual({ found: false, reason: 'the electron package is not installed (node_modules/electron)' });
  });
});
