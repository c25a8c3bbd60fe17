// What every command shares: exit codes, the --snapshot option, opening the
// snapshot with its warnings on stderr, and turning errors into one line.
import type { Command } from 'commander';
import { InputError } from '../shared/api/errors.js';
import type { ReachmapService } from '../shared/api/service/service.js';
import { DEFAULT_MAX_SNAPSHOT_BYTES, formatBytes } from '../shared/api/snapshot/size.js';
import { shown, writeErrorText } from './output.js';
import { APPLY_HELP, applyChangesOption, type ApplyOptions } from './apply-option.js';

export const EXIT_OK = 0;
/** --expect was given and the answer differs */
export const EXIT_EXPECTATION_FAILED = 1;
/** bad input: malformed snapshot, unknown endpoint, bad option */
export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERNAL = 3;

export interface SnapshotOptions extends ApplyOptions {
  /** one path, or several (the option given more than once) opened as one merged snapshot */
  snapshot?: string[];
  /** the snapshot size cap in bytes (--max-size) */
  maxSize?: number;
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kib: 1024, m: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gib: 1024 ** 3 };

/** `--max-size`: bytes, or with K/KiB, M/MiB, G/GiB (powers of 1024); it may only lower the default cap */
export function parseMaxSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const factor = match ? SIZE_UNITS[match[2]!.toLowerCase()] : undefined;
  if (!match || factor === undefined) throw new InputError(`--max-size: "${text}" is not a size (e.g. 64M, 100MiB, 1048576)`);
  const bytes = Math.floor(Number(match[1]) * factor);
  if (bytes < 1) throw new InputError(`--max-size: "${text}" is less than one byte`);
  if (bytes > DEFAULT_MAX_SNAPSHOT_BYTES) throw new InputError(`--max-size: "${text}" is more than the most Reachmap reads (${formatBytes(DEFAULT_MAX_SNAPSHOT_BYTES)}); it can only be lowered`);
  return bytes;
}

export const MAX_SIZE_HELP = `refuse snapshot files and folders larger than SIZE (e.g. 64M; default and most: ${formatBytes(DEFAULT_MAX_SNAPSHOT_BYTES)})`;

/** `--snapshot` may be given more than once: the snapshots are opened as one, as `snapshot merge` joins them. */
export function collectSnapshotPaths(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export const SNAPSHOT_HELP =
  'snapshot folder (Batfish aws_configs layout) or reachmap-snapshot/1 file (default: the bundled demo); give it more than once to open several snapshots as one (as `snapshot merge`)';

export function addSnapshotOption(command: Command): Command {
  return command
    .option('--snapshot <path>', SNAPSHOT_HELP, collectSnapshotPaths)
    .option('--max-size <size>', MAX_SIZE_HELP, parseMaxSize)
    .option('--apply <file>', APPLY_HELP);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

export function printWarnings(warnings: readonly string[]): void {
  // a warning names data (ids, keys, file names): shown escaped, one line each
  for (const warning of warnings) writeErrorText(`warning: ${shown(oneLine(warning))}\n`);
}

/**
 * The API service with --snapshot (or the demo) open, its import warnings
 * printed on stderr. Every command answers through it, as the web face and
 * the desktop app do.
 */
export async function openServiceForCli(options: SnapshotOptions): Promise<ReachmapService> {
  // loaded here, not at start-up: the importer and the engine are most of what a command loads
  const { createNodeReachmapService } = await import('../shared/api/service/node.js');
  const service = await createNodeReachmapService(options.maxSize !== undefined ? { maxBytes: options.maxSize } : {});
  const summary = await service.openSnapshot(options.snapshot);
  printWarnings(summary.warnings);
  await applyChangesOption(service, options);
  return service;
}

/** Writes one JSON document on stdout, nothing else. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Bad input -> exit 2, anything else -> exit 3; one line on stderr, never a stack trace (unless REACHMAP_DEBUG is set). */
export function reportError(error: unknown): number {
  if (error instanceof InputError) {
    writeErrorText(`error: ${shown(oneLine(error.message))}\n`);
    return EXIT_BAD_INPUT;
  }
  const message = error instanceof Error ? error.message : String(error);
  writeErrorText(`internal error: ${shown(oneLine(message))}\n`);
  if (process.env.REACHMAP_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return EXIT_INTERNAL;
}

/** Wraps a command's action so that its errors become exit codes; the action returns its own exit code. */
export function action<A extends unknown[]>(run: (...args: A) => Promise<number | void> | number | void): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      const code = await run(...args);
      process.exitCode = code ?? EXIT_OK;
    } catch (error) {
      process.exitCode = reportError(error);
    }
  };
}
