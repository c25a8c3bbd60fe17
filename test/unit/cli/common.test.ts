// Errors become exit codes and one line on stderr: bad input 2, anything else 3.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { action, EXIT_BAD_INPUT, EXIT_INTERNAL, reportError } from '../../../cli/common.js';
import { InputError, SnapshotError } from '../../../shared/api/errors.js';

function captureStderr(): string[] {
  const written: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  return written;
}

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('reportError', () => {
  it('a SnapshotError is bad input: exit 2, its message on one line', () => {
    const written = captureStderr();
    expect(reportError(new SnapshotError('a.json', 'Vpcs[0].VpcId', '7 is not a string'))).toBe(EXIT_BAD_INPUT);
    expect(written).toEqual(['error: a.json: Vpcs[0].VpcId: 7 is not a string\n']);
  });

  it('any other error is internal: exit 3, one line, no stack trace', () => {
    const written = captureStderr();
    const saved = process.env.REACHMAP_DEBUG;
    delete process.env.REACHMAP_DEBUG;
    expect(reportError(new TypeError('cannot read properties of undefined\n    at somewhere'))).toBe(EXIT_INTERNAL);
    if (saved !== undefined) process.env.REACHMAP_DEBUG = saved;
    expect(written).toEqual(['internal error: cannot read properties of undefined at somewhere\n']);
  });

  it('action() turns what the command throws into process.exitCode', async () => {
    captureStderr();
    await action(async () => {
      throw new InputError('--port: "x" is not a port number');
    })();
    expect(process.exitCode).toBe(EXIT_BAD_INPUT);
    await action(() => 1)();
    expect(process.exitCode).toBe(1);
  });
});
