// Flow log files from disk: plain files, the `.gz` files S3 delivery writes,
// and folders of them (walked in name order, as S3 lays them out by account,
// region and date). Bytes go to the parser in large chunks; nothing holds a
// whole file.
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { InputError } from '../errors.js';
import { FlowLogReader } from './reading.js';
import type { FlowLogReading } from './reading-types.js';

const CHUNK = 1 << 20;
const GZIP_MAGIC = [0x1f, 0x8b];

export interface ReadFlowLogsOptions {
  /** the fields of files without a header line (default: AWS's default format) */
  format?: readonly string[];
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
  const reader = new FlowLogReader();
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
