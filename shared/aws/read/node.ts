// Reads a snapshot from disk: a folder in Batfish's aws_configs layout (at
// any of its depths) or a single reachmap-snapshot/1 file.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { InputError, SnapshotError } from '../../model/errors.js';
import { parseJsonGuarded } from '../../model/json-text.js';
import { SNAPSHOT_FORMAT, type RawRegion, type RawSnapshot } from '../raw.js';
import { parseRegionObject, parseSnapshotDocument } from '../validate.js';
import { mergeRegionObjects, regionFromSubnets, UNKNOWN } from '../layout.js';

/** A folder of JSON files that all belong to one account and region. */
interface RegionFolder {
  readonly dir: string;
  readonly account: string;
  /** undefined: take it from the subnets' availability zones */
  readonly region: string | undefined;
}

const REGION_NAME = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d+$/;

export async function readSnapshotPath(inputPath: string): Promise<RawSnapshot> {
  const stat = await statOrThrow(inputPath);
  if (stat.isDirectory()) return readFolder(inputPath);
  if (!stat.isFile()) throw new SnapshotError(inputPath, '', 'is neither a file nor a folder');
  const document = await readJson(inputPath, path.basename(inputPath));
  const snapshot = parseSnapshotDocument(document, path.basename(inputPath));
  return { ...snapshot, source: { ...snapshot.source, path: inputPath } };
}

async function statOrThrow(inputPath: string) {
  try {
    return await fs.stat(inputPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${inputPath}: no such file or folder`);
    throw new InputError(`${inputPath}: cannot be read (${code ?? 'error'})`);
  }
}

async function readJson(file: string, label: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new SnapshotError(label, '', `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (text.trim() === '') throw new SnapshotError(label, '', 'is empty, not JSON');
  // never V8's message, which quotes the file's text: where it stops being JSON and what was expected there
  const parsed = parseJsonGuarded(text);
  if ('error' in parsed) {
    const { kind, path: jsonPath, problem } = parsed.error;
    throw new SnapshotError(label, jsonPath, kind === 'depth' ? problem : `is not valid JSON (${problem})`);
  }
  return parsed.value;
}

async function listDir(dir: string): Promise<{ jsonFiles: string[]; subdirs: string[] }> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const jsonFiles: string[] = [];
  const subdirs: string[] = [];
  for (const entry of entries) {
    // a symbolic link counts as what it points at
    const target = entry.isSymbolicLink() ? await fs.stat(path.join(dir, entry.name)).catch(() => undefined) : entry;
    if (target?.isDirectory()) subdirs.push(entry.name);
    else if (target?.isFile() && entry.name.toLowerCase().endsWith('.json')) jsonFiles.push(entry.name);
  }
  return { jsonFiles: jsonFiles.sort(), subdirs: subdirs.sort() };
}

/** The aws_configs folder: region folders, an accounts/ folder, or JSON files of one unnamed region. */
async function foldersOfAwsConfigs(dir: string): Promise<RegionFolder[]> {
  const { jsonFiles, subdirs } = await listDir(dir);
  const folders: RegionFolder[] = [];
  if (jsonFiles.length > 0) folders.push({ dir, account: UNKNOWN, region: undefined });
  for (const sub of subdirs) {
    if (sub === 'accounts') folders.push(...(await foldersOfAccounts(path.join(dir, sub))));
    else folders.push({ dir: path.join(dir, sub), account: UNKNOWN, region: sub });
  }
  return folders;
}

async function foldersOfAccounts(dir: string): Promise<RegionFolder[]> {
  const folders: RegionFolder[] = [];
  for (const account of (await listDir(dir)).subdirs) {
    folders.push(...(await foldersOfAccount(path.join(dir, account), account)));
  }
  return folders;
}

async function foldersOfAccount(dir: string, account: string): Promise<RegionFolder[]> {
  return (await listDir(dir)).subdirs.map((region) => ({ dir: path.join(dir, region), account, region }));
}

/** Works out which layout depth the user pointed at. */
async function regionFolders(dir: string): Promise<RegionFolder[]> {
  const { jsonFiles, subdirs } = await listDir(dir);
  const name = path.basename(path.resolve(dir));
  const parent = path.basename(path.dirname(path.resolve(dir)));
  const grandparent = path.basename(path.dirname(path.dirname(path.resolve(dir))));
  if (subdirs.includes('aws_configs')) return foldersOfAwsConfigs(path.join(dir, 'aws_configs'));
  if (name === 'aws_configs') return foldersOfAwsConfigs(dir);
  if (name === 'accounts') return foldersOfAccounts(dir);
  if (grandparent === 'accounts') return [{ dir, account: parent, region: name }];
  if (parent === 'accounts') return foldersOfAccount(dir, name);
  if (jsonFiles.length > 0) {
    const named = parent === 'aws_configs' || REGION_NAME.test(name);
    return [{ dir, account: UNKNOWN, region: named ? name : undefined }];
  }
  // a folder of region folders without the aws_configs name
  return foldersOfAwsConfigs(dir);
}

async function readFolder(root: string): Promise<RawSnapshot> {
  const folders = await regionFolders(root);
  // no prototype: an account or region folder named "__proto__" is kept like any other
  const accounts: Record<string, Record<string, RawRegion>> = Object.create(null);
  let files = 0;
  for (const folder of folders) {
    const { jsonFiles } = await listDir(folder.dir);
    const parts: RawRegion[] = [];
    for (const name of jsonFiles) {
      const file = path.join(folder.dir, name);
      const label = path.relative(root, file) || name;
      parts.push(parseRegionObject(await readJson(file, label), { file: label, path: '' }));
      files += 1;
    }
    if (parts.length === 0) continue;
    const merged = mergeRegionObjects(parts);
    const region = folder.region ?? regionFromSubnets(merged) ?? UNKNOWN;
    const byRegion = (accounts[folder.account] ??= Object.create(null) as Record<string, RawRegion>);
    byRegion[region] = byRegion[region] ? mergeRegionObjects([byRegion[region], merged]) : merged;
  }
  if (files === 0) {
    throw new SnapshotError(
      root,
      '',
      `no snapshot here: no *.json files in the folder, in aws_configs/, its region folders or accounts/<account>/<region>/ (expected Batfish's aws_configs layout or a ${SNAPSHOT_FORMAT} file)`,
    );
  }
  return { format: SNAPSHOT_FORMAT, source: { kind: 'import', path: root }, accounts, errors: [] };
}
