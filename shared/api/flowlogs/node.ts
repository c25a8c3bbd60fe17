// Flow log files from disk: plain files, the `.gz` files S3 delivery writes,
// and folders of them (walked in name order, as S3 lays them out by account,
// region and date). Bytes go to the parser in large chunks; nothing holds a
// whole file.
import { createReadStream } from 'node:fs';
import { open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { InputError } from '../errors.js';
import { DEFAULT_FORMAT, formatFields } from './fields.js';
import { FlowLogReader } from './reading.js';
import type { FlowLogReading } from './reading-types.js';
import type { TimeWindow } from './conversations.js';

const CHUNK = 1 << 20;
const GZIP_MAGIC = [0x1f, 0x8b];

export interface ReadFlowLogsOptions {
  /** the fields of files without a header line (default: AWS's default format) */
  format?: readonly string[];
  /** false: bad-line reasons name the field but do not quote its value (the reader is a page: file content stays on this side) */
  quoteValues?: boolean;
  /** only records whose capture window overlaps this one (Unix seconds) */
  window?: TimeWindow;
  /** called after each file, and every 64 MiB within one */
  onProgress?: (progress: { file: string; files: number; filesTotal: number; bytes: number }) => void;
}

/** Every file under the paths (a folder's files in name order, hidden ones skipped); InputError for a path that is not there. */
export async function flowLogFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const given of paths) {
    let info;
    try {
      info = await stat(given);
    } catch (error) {
      throw new InputError(`flow logs: cannot read "${given}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    if (info.isDirectory()) files.push(...(await walk(given)));
    else files.push(given);
  }
  return files;
}

async function walk(folder: string): Promise<string[]> {
  const entries = (await readdir(folder, { withFileTypes: true })).filter((e) => !e.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(full)));
    else if (entry.isFile()) files.push(full);
  }
  return files;
}

export async function readFlowLogs(paths: readonly string[], options: ReadFlowLogsOptions = {}): Promise<FlowLogReading> {
  const files = await flowLogFiles(paths);
  if (files.length === 0) throw new InputError(`flow logs: no files in ${paths.map((p) => `"${p}"`).join(', ')}`);
  const reader = new FlowLogReader({ quoteValues: options.quoteValues !== false, ...(options.window ? { window: options.window } : {}) });
  let bytes = 0;
  for (const [index, file] of files.entries()) {
    const progress = (read: number) => options.onProgress?.({ file, files: index, filesTotal: files.length, bytes: bytes + read });
    bytes += await readOne(reader, file, options.format, progress);
    options.onProgress?.({ file, files: index + 1, filesTotal: files.length, bytes });
  }
  return reader.result();
}

/** One file into the reader; returns the bytes read from disk. */
async function readOne(reader: FlowLogReader, file: string, format: readonly string[] | undefined, progress: (bytes: number) => void): Promise<number> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new InputError(`flow logs: cannot read "${file}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const buffer = Buffer.allocUnsafe(CHUNK);
  let total = 0;
  try {
    const first = await handle.read(buffer, 0, CHUNK, 0);
    const gzip = first.bytesRead >= 2 && buffer[0] === GZIP_MAGIC[0] && buffer[1] === GZIP_MAGIC[1];
    if (gzip) {
      await handle.close();
      handle = undefined;
      return await readGzip(reader, file, format);
    }
    const parser = reader.file(file, format ? { format } : {});
    let read = first.bytesRead;
    let nextReport = 64 << 20;
    while (read > 0) {
      parser.push(buffer.subarray(0, read));
      total += read;
      if (total >= nextReport) {
        progress(total);
        nextReport += 64 << 20;
      }
      // positioned reads throughout: a positioned read does not move the file position
      read = (await handle.read(buffer, 0, CHUNK, total)).bytesRead;
    }
    parser.end();
    return total;
  } finally {
    await handle?.close();
  }
}

async function readGzip(reader: FlowLogReader, file: string, format: readonly string[] | undefined): Promise<number> {
  const parser = reader.file(file, { gzip: true, ...(format ? { format } : {}) });
  let total = 0;
  try {
    for await (const chunk of createReadStream(file).pipe(createGunzip())) {
      parser.push(chunk as Buffer);
      total += (chunk as Buffer).length;
    }
  } catch (error) {
    // a truncated or corrupt archive: what was read counts, the rest is reported
    reader.warn(`${file}: the gzip data breaks off after ${total} bytes (${(error as Error).message}): the records after that point are missing`);
  }
  parser.end();
  return total;
}

export interface FetchFlowLogsOptions {
  logGroup: string;
  /** milliseconds since the epoch; end exclusive */
  startTime: number;
  endTime: number;
  /** the file to write, readable by its owner only */
  out: string;
  profile?: string;
  region?: string;
  endpointUrl?: string;
  signal?: AbortSignal;
  onProgress?: (progress: { pages: number; events: number }) => void;
}

export interface FetchFlowLogsResult {
  region: string;
  events: number;
  pages: number;
  /** the fields of the file's header line */
  format: string[];
  flowLogIds: string[];
  warnings: string[];
}

/**
 * A CloudWatch Logs group's flow log records written as `reachmap flowlogs`
 * reads them: a header line naming the fields (CloudWatch events carry
 * none: they come from the flow log's LogFormat, else AWS's default format,
 * with a warning), then one record per line. Written to a temporary file
 * and renamed, so a failed fetch leaves no half file.
 */
export async function fetchFlowLogsToFile(options: FetchFlowLogsOptions): Promise<FetchFlowLogsResult> {
  const { fetchLogEvents } = await import('../../aws/logs/node.js');
  const partial = `${options.out}.partial`;
  let handle: FileHandle;
  try {
    handle = await open(partial, 'w', 0o600);
  } catch (error) {
    throw new InputError(`--out: cannot write "${options.out}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const warnings: string[] = [];
  let format = DEFAULT_FORMAT as readonly string[];
  let done = false;
  try {
    const fetched = await fetchLogEvents({
      logGroup: options.logGroup,
      startTime: options.startTime,
      endTime: options.endTime,
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.region ? { region: options.region } : {}),
      ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      onFormats: async (logFormats) => {
        const formats = logFormats.map((text) => ({ text, fields: formatFields(text) }));
        if (formats.length === 0) warnings.push(`no flow log delivering to ${options.logGroup} could be read from DescribeFlowLogs: AWS's default format is assumed`);
        else if (!formats[0]!.fields) warnings.push(`the LogFormat of ${options.logGroup}'s flow log ("${formats[0]!.text}") is not a list of fields: AWS's default format is assumed`);
        else format = formats[0]!.fields;
        if (formats.length > 1) warnings.push(`${formats.length} flow logs with different formats deliver to ${options.logGroup}: the first (${formats[0]!.text}) is used; records in the others will be reported as bad lines`);
        // CloudWatch events carry no header: the file gets one, so that it describes itself
        await handle.write(`${format.join(' ')}\n`);
      },
      onEvents: async (messages) => {
        if (messages.length > 0) await handle.write(`${messages.join('\n')}\n`);
      },
    });
    done = true;
    return { region: fetched.region, events: fetched.events, pages: fetched.pages, format: [...format], flowLogIds: [...fetched.flowLogIds], warnings: [...fetched.warnings, ...warnings] };
  } finally {
    await handle.close();
    if (done) await rename(partial, options.out);
    else await rm(partial, { force: true });
  }
}
