// Reading snapshots from disk: the aws_configs layout at each of its depths,
// the single-file form, and the one-line errors for malformed input.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, SnapshotError } from '../../../shared/api/errors.js';
import { readSnapshotPath } from '../../../shared/aws/read/node.js';
import { writeSnapshotFile } from '../../../shared/aws/write/node.js';
import type { RawSnapshot } from '../../../shared/aws/raw.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const samples = path.resolve(repoRoot, 'test/fixtures/batfish');
const temp = mkdtempSync(path.join(tmpdir(), 'reachmap-read-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function write(relative: string, content: unknown): string {
  const file = path.join(temp, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function vpcIds(raw: RawSnapshot, account: string, region: string): string[] {
  return ((raw.accounts[account]?.[region]?.Vpcs ?? []) as { VpcId: string }[]).map((v) => v.VpcId).sort();
}

async function errorOf(target: string): Promise<SnapshotError> {
  try {
    await readSnapshotPath(target);
  } catch (error) {
    if (error instanceof SnapshotError) return error;
    throw error;
  }
  throw new Error(`${target} was read without error`);
}

describe('folder layouts', () => {
  // hybrid-cloud/aws_configs/us-east-2/Vpcs.json holds vpc-0276455718806058a and vpc-0574d08f8d05917e4;
  // us-west-2/Vpcs.json holds vpc-00157b5941bfd4959 and vpc-00b65e98077106059
  const east = ['vpc-0276455718806058a', 'vpc-0574d08f8d05917e4'];
  const west = ['vpc-00157b5941bfd4959', 'vpc-00b65e98077106059'];

  it('the folder that holds aws_configs/ and aws_configs/ itself read the same regions', async () => {
    for (const target of ['hybrid-cloud', 'hybrid-cloud/aws_configs']) {
      const raw = await readSnapshotPath(path.join(samples, target));
      expect(Object.keys(raw.accounts)).toEqual(['unknown']);
      expect(vpcIds(raw, 'unknown', 'us-east-2')).toEqual(east);
      expect(vpcIds(raw, 'unknown', 'us-west-2')).toEqual(west);
    }
  });

  it('one region folder is that region', async () => {
    const raw = await readSnapshotPath(path.join(samples, 'hybrid-cloud/aws_configs/us-west-2'));
    expect(Object.keys(raw.accounts.unknown!)).toEqual(['us-west-2']);
    expect(vpcIds(raw, 'unknown', 'us-west-2')).toEqual(west);
  });

  it('aws_configs/*.json: the region comes from the subnets availability zones', async () => {
    // test-nat-gateway/aws_configs/Subnets.json: zones us-east-2a/b/c
    const raw = await readSnapshotPath(path.join(samples, 'test-nat-gateway'));
    expect(Object.keys(raw.accounts.unknown!)).toEqual(['us-east-2']);
  });

  it('accounts/<account>/<region>/ names both, from any depth', async () => {
    // test-multi-account: accounts/111/us-west-1 (vpc-015b20578b48c1349), accounts/222/us-west-2 (vpc-0008a7b45e3ddf1dd)
    const whole = await readSnapshotPath(path.join(samples, 'test-multi-account'));
    expect(vpcIds(whole, '111', 'us-west-1')).toEqual(['vpc-015b20578b48c1349']);
    expect(vpcIds(whole, '222', 'us-west-2')).toEqual(['vpc-0008a7b45e3ddf1dd']);
    const one = await readSnapshotPath(path.join(samples, 'test-multi-account/aws_configs/accounts/222/us-west-2'));
    expect(Object.keys(one.accounts)).toEqual(['222']);
    expect(vpcIds(one, '222', 'us-west-2')).toEqual(['vpc-0008a7b45e3ddf1dd']);
    const account = await readSnapshotPath(path.join(samples, 'test-multi-account/aws_configs/accounts/111'));
    expect(vpcIds(account, '111', 'us-west-1')).toEqual(['vpc-015b20578b48c1349']);
  });

  it('a key found in several files is concatenated; other files and unnamed regions are handled', async () => {
    write('dump/a.json', { Vpcs: [{ VpcId: 'vpc-a', CidrBlock: '10.0.0.0/16' }] });
    write('dump/b.json', { Vpcs: [{ VpcId: 'vpc-b', CidrBlock: '10.1.0.0/16' }], DhcpOptions: [] });
    write('dump/notes.txt', 'not read: only *.json files are');
    const raw = await readSnapshotPath(path.join(temp, 'dump'));
    // "dump" is not a region name and there are no subnets to tell
    expect(vpcIds(raw, 'unknown', 'unknown')).toEqual(['vpc-a', 'vpc-b']);
  });
});

describe('snapshot files', () => {
  it('write (mode 0600) and read back', async () => {
    const original = await readSnapshotPath(path.join(samples, 'test-multi-account'));
    const file = path.join(temp, 'out/snap.json');
    mkdirSync(path.dirname(file), { recursive: true });
    await writeSnapshotFile(file, { ...original, errors: [{ account: '111', region: 'us-west-1', api: 'DescribeNatGateways', code: 'UnauthorizedOperation', message: 'no' }] });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const back = await readSnapshotPath(file);
    expect(back.accounts).toEqual(original.accounts);
    expect(back.errors).toMatchObject([{ api: 'DescribeNatGateways', code: 'UnauthorizedOperation' }]);
    expect(back.source.path).toBe(file);
  });

  it('replace an older file in one step: mode 0600 even over a 0644 file, no temporary file left', async () => {
    const original = await readSnapshotPath(path.join(samples, 'test-multi-account'));
    const folder = path.join(temp, 'replace');
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, 'snap.json');
    writeFileSync(file, 'older', { mode: 0o644 });
    await writeSnapshotFile(file, original);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await readSnapshotPath(file)).accounts).toEqual(original.accounts);
    expect(readdirSync(folder)).toEqual(['snap.json']);
  });

  it('a write that fails leaves the older file as it was and says which file', async () => {
    const original = await readSnapshotPath(path.join(samples, 'test-multi-account'));
    const folder = path.join(temp, 'fails');
    // the target is a folder: the new file cannot take its place
    const target = path.join(folder, 'snap.json');
    mkdirSync(path.join(target, 'inside'), { recursive: true });
    await expect(writeSnapshotFile(target, original)).rejects.toThrow(new InputError(`${target}: cannot be written (it is a folder)`));
    expect(readdirSync(folder)).toEqual(['snap.json']);
    expect(readdirSync(target)).toEqual(['inside']);
  });

  it('an invalid value names the file and the path inside it', async () => {
    const file = write('bad-snapshot.json', {
      format: 'reachmap-snapshot/1',
      source: { kind: 'import' },
      accounts: { '111': { 'us-east-1': { RouteTables: [{ RouteTableId: 'rtb-1', VpcId: 'vpc-1', Routes: [{ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local' }, { DestinationCidrBlock: '10.0.0.0/33', GatewayId: 'local' }] }] } } },
      errors: [],
    });
    expect((await errorOf(file)).message).toBe('bad-snapshot.json: accounts.111.us-east-1.RouteTables[0].Routes[1].DestinationCidrBlock: "10.0.0.0/33" is not an IPv4 CIDR');
  });

  it('a JSON file that is not a snapshot says so', async () => {
    const file = write('other.json', { format: 'something-else' });
    expect((await errorOf(file)).message).toBe('other.json: format: a string other than "reachmap-snapshot/1"');
    const noFormat = write('no-format.json', { accounts: {} });
    expect((await errorOf(noFormat)).message).toBe('no-format.json: format: is missing (expected "reachmap-snapshot/1")');
    const describeOutput = write('vpcs.json', { Vpcs: [] });
    expect((await errorOf(describeOutput)).message).toBe('vpcs.json: holds describe-API responses, not a reachmap-snapshot/1 file: give the folder that holds it instead');
  });

  it('follows symbolic links to region folders', async () => {
    write('linked-target/Vpcs.json', { Vpcs: [{ VpcId: 'vpc-l', CidrBlock: '10.0.0.0/16' }] });
    mkdirSync(path.join(temp, 'linked/aws_configs'), { recursive: true });
    symlinkSync(path.join(temp, 'linked-target'), path.join(temp, 'linked/aws_configs/eu-west-1'));
    const raw = await readSnapshotPath(path.join(temp, 'linked'));
    expect(vpcIds(raw, 'unknown', 'eu-west-1')).toEqual(['vpc-l']);
  });
});

describe('malformed folders', () => {
  it('wrong types, missing ids and non-arrays are named with file, path and value', async () => {
    write('types/aws_configs/us-east-1/Vpcs.json', { Vpcs: [{ VpcId: 'vpc-1', CidrBlock: 42 }] });
    expect((await errorOf(path.join(temp, 'types'))).message).toBe('aws_configs/us-east-1/Vpcs.json: Vpcs[0].CidrBlock: 42 is not a string');
    write('missing/Subnets.json', { Subnets: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/24' }] });
    expect((await errorOf(path.join(temp, 'missing'))).message).toBe('Subnets.json: Subnets[0].SubnetId: is missing');
    write('notarray/Vpcs.json', { Vpcs: { VpcId: 'vpc-1' } });
    // an object where a list belongs is named by its kind, never echoed (issue 13.4)
    expect((await errorOf(path.join(temp, 'notarray'))).message).toBe('Vpcs.json: Vpcs: a JSON object is not an array');
    write('proto/NetworkAcls.json', { NetworkAcls: [{ NetworkAclId: 'acl-1', VpcId: 'vpc-1', Entries: [{ RuleNumber: 1, Egress: false, Protocol: 'gre', RuleAction: 'allow', CidrBlock: '0.0.0.0/0' }] }] });
    expect((await errorOf(path.join(temp, 'proto'))).message).toBe('NetworkAcls.json: NetworkAcls[0].Entries[0].Protocol: a string of 3 characters is not an IP protocol (tcp, udp, icmp, -1 or 0-255)');
  });

  it('truncated, empty and non-JSON files, a top level that is not an object, an empty folder', async () => {
    write('trunc/Vpcs.json', '{"Vpcs": [{"VpcId": "vpc-1"');
    expect((await errorOf(path.join(temp, 'trunc'))).message).toBe('Vpcs.json: Vpcs[0].VpcId: is not valid JSON (ends before the JSON is complete: truncated?)');
    write('empty-file/Vpcs.json', '');
    expect((await errorOf(path.join(temp, 'empty-file'))).message).toBe('Vpcs.json: is empty, not JSON');
    write('garbage/Vpcs.json', 'Vpcs: - vpc-1\n');
    expect((await errorOf(path.join(temp, 'garbage'))).message).toBe('Vpcs.json: is not valid JSON (line 1 column 1: expected an object, array, string, number, true, false or null)');
    write('array/Vpcs.json', [1, 2]);
    expect((await errorOf(path.join(temp, 'array'))).message).toBe('Vpcs.json: a JSON array is not an object of describe-API responses (e.g. {"Vpcs": [...]})');
    mkdirSync(path.join(temp, 'nothing'), { recursive: true });
    expect((await errorOf(path.join(temp, 'nothing'))).message).toMatch(/nothing: no snapshot here: no \*\.json files/);
  });
});
