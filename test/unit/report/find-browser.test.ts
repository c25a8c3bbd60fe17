// Which browser `reachmap report` starts, and the one line when there is none.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/api/errors.js';
import { findBrowser, NO_BROWSER_MESSAGE } from '../../../cli/report/browser.js';

const dir = mkdtempSync(path.join(tmpdir(), 'reachmap-browser-'));
const fake = path.join(dir, 'chromium');
writeFileSync(fake, '#!/bin/sh\n');
chmodSync(fake, 0o755);
const notExecutable = path.join(dir, 'google-chrome');
writeFileSync(notExecutable, '');
chmodSync(notExecutable, 0o644);

describe('findBrowser', () => {
  it('takes --browser when it is an executable file', () => {
    expect(findBrowser(fake, { PATH: '' }, [])).toBe(fake);
  });
  it('refuses a --browser that is missing or not executable, naming it', () => {
    expect(() => findBrowser(path.join(dir, 'nope'), { PATH: '' }, [])).toThrow(InputError);
    expect(() => findBrowser(notExecutable, { PATH: '' }, [])).toThrow(`--browser: "${notExecutable}" is not an executable file`);
  });
  it('finds chromium on PATH, skipping files that cannot be run', () => {
    expect(findBrowser(undefined, { PATH: dir }, [])).toBe(fake);
    expect(findBrowser(undefined, { PATH: '' }, [notExecutable, fake])).toBe(fake);
  });
  it('with none found, says in one line how to give one', () => {
    expect(() => findBrowser(undefined, { PATH: '' }, [])).toThrow(NO_BROWSER_MESSAGE);
    expect(NO_BROWSER_MESSAGE).toContain('--browser PATH');
    expect(NO_BROWSER_MESSAGE).not.toContain('\n');
  });
});
