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

/** A flow log as a snapshot keeps it (`FlowLogs`, DescribeFlowLogs' shape): where its LogFormat comes from when DescribeFlowLogs is refused now. */
export interface SnapshotFlowLog {
  FlowLogId?: string;
  LogGroupName?: string;
  LogDestination?: string;
  LogFormat?: string;
}

export interface FetchFlowLogsOptions {
  /** one or more CloudWatch Logs groups of one region, read at once */
  logGroups: readonly string[];
  /** milliseconds since the epoch; end exclusive */
  startTime: number;
  endTime: number;
  /** the file to write, readable by its owner only: each group's records under its own header line */
  out: string;
  profile?: string;
  region?: string;
  endpointUrl?: string;
  signal?: AbortSignal;
  /** AWS requests in flight at most (default: the collector's) */
  concurrency?: number;
  /** the flow logs of a snapshot (`FlowLogs`) and how to name it: their LogFormat is used when DescribeFlowLogs is refused */
  snapshot?: { label: string; flowLogs: readonly SnapshotFlowLog[] };
  onProgress?: (progress: { pages: number; events: number }) => void;
}

export interface FetchFlowLogsResult {
  region: string;
  events: number;
  pages: number;
  /** the fields of the first group's header line */
  format: string[];
  flowLogIds: string[];
  /** per group, in the order given: its records, pages and header fields */
  groups: { logGroup: string; events: number; pages: number; format: string[] }[];
  warnings: string[];
}

/** Every flow log a snapshot holds (`FlowLogs` of each account and region). */
export function snapshotFlowLogs(raw: { accounts: Record<string, Record<string, Record<string, unknown>>> }): SnapshotFlowLog[] {
  const out: SnapshotFlowLog[] = [];
  for (const regions of Object.values(raw.accounts)) {
    for (const region of Object.values(regions)) {
      const list = region.FlowLogs;
      if (Array.isArray(list)) out.push(...(list as SnapshotFlowLog[]));
    }
  }
  return out;
}

const delivers = (flowLog: SnapshotFlowLog, logGroup: string) => flowLog.LogGroupName === logGroup || flowLog.LogDestination?.endsWith(`:log-group:${logGroup}`) === true;

/** The header fields of one group, and the warnings that explain where they come from. */
function groupFormat(logGroup: string, logFormats: readonly string[], refused: string | null, snapshot: FetchFlowLogsOptions['snapshot']): { format: readonly string[]; warnings: string[] } {
  const warnings: string[] = [];
  let texts = logFormats;
  if (refused !== null) {
    const kept = (snapshot?.flowLogs ?? []).filter((f) => delivers(f, logGroup) && f.LogFormat);
    if (kept.length > 0) {
      texts = [...new Set(kept.map((f) => f.LogFormat!))];
      const id = kept[0]!.FlowLogId ? ` ${kept[0]!.FlowLogId}` : '';
      warnings.push(`ec2:DescribeFlowLogs was refused (${refused}): the LogFormat of ${logGroup}'s flow log${id} is taken from the snapshot's FlowLogs (${snapshot!.label}), as it was when that snapshot was taken`);
    } else {
      warnings.push(`ec2:DescribeFlowLogs was refused (${refused}): the flow log's LogFormat is unknown${snapshot ? ` (the snapshot ${snapshot.label} holds no flow log delivering to ${logGroup})` : ''}`);
    }
  }
  const formats = texts.map((text) => ({ text, fields: formatFields(text) }));
  let format: readonly string[] = DEFAULT_FORMAT;
  if (formats.length === 0) warnings.push(`no flow log delivering to ${logGroup} could be read from DescribeFlowLogs: AWS's default format is assumed`);
  else if (!formats[0]!.fields) warnings.push(`the LogFormat of ${logGroup}'s flow log ("${formats[0]!.text}") is not a list of fields: AWS's default format is assumed`);
  else format = formats[0]!.fields;
  if (formats.length > 1) warnings.push(`${formats.length} flow logs with different formats deliver to ${logGroup}: the first (${formats[0]!.text}) is used; records in the others will be reported as bad lines`);
  return { format, warnings };
}

/**
 * CloudWatch Logs groups' flow log records written as `reachmap flowlogs`
 * reads them: each group's records under a header line naming its fields
 * (CloudWatch events carry none: they come from the flow log's LogFormat,
 * else the snapshot's record of it, else AWS's default format, with a
 * warning). The groups are read at once into a temporary file each, then
 * joined in the order given and renamed, so a failed fetch leaves no file.
 */
export async function fetchFlowLogsToFile(options: FetchFlowLogsOptions): Promise<FetchFlowLogsResult> {
  const { fetchLogEvents } = await import('../../aws/logs/node.js');
  const groups = [...new Set(options.logGroups)];
  if (groups.length === 0) throw new InputError('--log-group: name at least one log group');
  const parts = groups.map((_, i) => `${options.out}.partial-${i}`);
  const handles: FileHandle[] = [];
  const cleanUp = async () => {
    await Promise.all(handles.map((h) => h.close().catch(() => undefined)));
    await Promise.all([...parts, `${options.out}.partial`].map((p) => rm(p, { force: true })));
  };
  try {
    for (const part of parts) handles.push(await open(part, 'w', 0o600));
  } catch (error) {
    await cleanUp();
    throw new InputError(`--out: cannot write "${options.out}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const handleOf = (group: string) => handles[groups.indexOf(group)]!;
  const warnings: string[] = [];
  const formats = new Map<string, readonly string[]>();
  try {
    const fetched = await fetchLogEvents({
      logGroups: groups,
      startTime: options.startTime,
      endTime: options.endTime,
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.region ? { region: options.region } : {}),
      ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      onFormats: async (group, logFormats, refused) => {
        const chosen = groupFormat(group, logFormats, refused, options.snapshot);
        warnings.push(...chosen.warnings);
        formats.set(group, chosen.format);
        // CloudWatch events carry no header: the file gets one per group, so that it describes itself
        await handleOf(group).write(`${chosen.format.join(' ')}\n`);
      },
      onEvents: async (group, messages) => {
        if (messages.length > 0) await handleOf(group).write(`${messages.join('\n')}\n`);
      },
    });
    await Promise.all(handles.splice(0).map((h) => h.close()));
    await joinParts(parts, `${options.out}.partial`);
    await rename(`${options.out}.partial`, options.out);
    await Promise.all(parts.map((p) => rm(p, { force: true })));
    const perGroup = fetched.groups.map((g) => ({ logGroup: g.logGroup, events: g.events, pages: g.pages, format: [...formats.get(g.logGroup)!] }));
    return {
      region: fetched.region,
      events: perGroup.reduce((n, g) => n + g.events, 0),
      pages: perGroup.reduce((n, g) => n + g.pages, 0),
      format: perGroup[0]!.format,
      flowLogIds: fetched.groups.flatMap((g) => g.flowLogIds),
      groups: perGroup,
      warnings,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/** The parts one after the other into `target` (0600), streamed. */
async function joinParts(parts: readonly string[], target: string): Promise<void> {
  const out = await open(target, 'w', 0o600);
  try {
    for (const part of parts) {
      for await (const chunk of createReadStream(part)) await out.write(chunk as Buffer);
    }
  } finally {
    await out.close();
  }
}
