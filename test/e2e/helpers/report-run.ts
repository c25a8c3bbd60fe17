// `reachmap report ... --png FILE` through the real CLI and Debian's
// Chromium, for the e2e tests that read the picture back: it must succeed
// quietly (or say only what `stderr` allows: a sample's own warning); the PNG's
// bytes are returned.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { CHROMIUM } from './browser.js';
import { repoRoot } from './serve.js';

export function reportPng(question: string[], file: string, stderr: RegExp | '' = ''): Buffer {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'cli', 'main.ts'), 'report', ...question, '--png', file, '--browser', CHROMIUM], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true' },
    timeout: 170_000,
  });
  if (stderr === '') expect(run.stderr).toBe('');
  else expect(run.stderr).toMatch(stderr);
  expect(run.status).toBe(0);
  return readFileSync(file);
}
