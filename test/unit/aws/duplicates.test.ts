// The same resource described more than once (shared/aws/duplicates.ts):
// one copy is kept by a documented rule, copies that differ are named in a
// warning, identical ones are silent. Every expected place and value below
// is read off the data written here, not off the importer's output.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../../shared/aws/build-model.js';
import type { RawSnapshot } from '../../../shared/aws/raw.js';
import { readSnapshotPath } from '../../../shared/aws/read/node.js';

const temp = mkdtempSync(path.join(tmpdir(), 'reachmap-duplicates-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A snapshot built in memory; its regions are validated, and named, as "net.json". */
function snapshot(accounts: Record<string, Record<string, Record<string, unknown>>>): RawSnapshot {
  return { format: 'reachmap-snapshot/1', source: { kind: 'import', path: 'net.json' }, accounts, errors: [] } as unknown as RawSnapshot;
}

const duplicateWarnings = (warnings: readonly string[]) => warnings.filter((w) => w.includes(' is described '));

// vpc-a (10.0.0.0/16, us-east-1) requested a peering with vpc-b (10.1.0.0/16, us-west-2), both in account 111
const requester = { VpcId: 'vpc-a', OwnerId: '111', Region: 'us-east-1', CidrBlock: '10.0.0.0/16' };
const accepter = { VpcId: 'vpc-b', OwnerId: '111', Region: 'us-west-2', CidrBlock: '10.1.0.0/16' };
const peering = { VpcPeeringConnectionId: 'pcx-1', Status: { Code: 'active', Message: 'Active' }, RequesterVpcInfo: requester, AccepterVpcInfo: accepter };
/** the same peering with every object's keys in another order */
const peeringReordered = {
  AccepterVpcInfo: { CidrBlock: '10.1.0.0/16', Region: 'us-west-2', OwnerId: '111', VpcId: 'vpc-b' },
  RequesterVpcInfo: { Region: 'us-east-1', CidrBlock: '10.0.0.0/16', VpcId: 'vpc-a', OwnerId: '111' },
  Status: { Message: 'Active', Code: 'active' },
  VpcPeeringConnectionId: 'pcx-1',
};
const east = { Vpcs: [{ VpcId: 'vpc-a', CidrBlock: '10.0.0.0/16' }] };
const west = { Vpcs: [{ VpcId: 'vpc-b', CidrBlock: '10.1.0.0/16' }] };

describe('a cross-region peering listed by both regions', () => {
  it('identical copies (key order aside) are silent, and the peering is placed in the requester region whichever region comes first', () => {
    for (const accounts of [
      { '111': { 'us-east-1': { ...east, VpcPeeringConnections: [peering] }, 'us-west-2': { ...west, VpcPeeringConnections: [peeringReordered] } } },
      { '111': { 'us-west-2': { ...west, VpcPeeringConnections: [peeringReordered] }, 'us-east-1': { ...east, VpcPeeringConnections: [peering] } } },
    ]) {
      const { model, warnings } = buildModel(snapshot(accounts));
      expect(warnings).toEqual([]);
      expect(model.peeringConnections.size).toBe(1);
      expect(model.peeringConnections.get('pcx-1')).toMatchObject({ account: '111', region: 'us-east-1', status: 'active' });
    }
  });

  it('copies that differ: one warning naming both places and the kept copy, the requester side, even when read second', () => {
    const pending = { ...peering, Status: { Code: 'pending-acceptance', Message: 'Pending' } };
    // us-west-2 (the accepter) is listed first and would be the first read
    const { model, warnings } = buildModel(
      snapshot({ '111': { 'us-west-2': { ...west, VpcPeeringConnections: [pending] }, 'us-east-1': { ...east, VpcPeeringConnections: [peering] } } }),
    );
    expect(duplicateWarnings(warnings)).toEqual([
      'pcx-1 is described twice, differently (in Status): kept net.json: accounts.111.us-east-1.VpcPeeringConnections[0] (the requester\'s account and region), ' +
        'left out net.json: accounts.111.us-west-2.VpcPeeringConnections[0]',
    ]);
    expect(model.peeringConnections.get('pcx-1')).toMatchObject({ region: 'us-east-1', status: 'active' });
  });

  it('the two accounts of a cross-account peering tag it each their own way: no warning, the requester account\'s tags are kept', () => {
    // each account sees the PeeringOptions of its own side only, and its own tags
    const options = { AllowDnsResolutionFromRemoteVpc: false };
    const requesterSide = { VpcId: 'vpc-a', OwnerId: '111', Region: 'us-east-1', CidrBlock: '10.0.0.0/16' };
    const accepterSide = { VpcId: 'vpc-b', OwnerId: '222', Region: 'us-east-1', CidrBlock: '10.1.0.0/16' };
    const seenBy111 = { ...peering, RequesterVpcInfo: { ...requesterSide, PeeringOptions: options }, AccepterVpcInfo: accepterSide, Tags: [{ Key: 'Name', Value: 'from-requester' }] };
    const seenBy222 = { ...peering, RequesterVpcInfo: requesterSide, AccepterVpcInfo: { ...accepterSide, PeeringOptions: options }, Tags: [{ Key: 'Name', Value: 'from-accepter' }] };
    // account 222 sorts after 111 but is listed first
    const { model, warnings } = buildModel(
      snapshot({
        '222': { 'us-east-1': { Vpcs: [{ VpcId: 'vpc-b', CidrBlock: '10.1.0.0/16' }], VpcPeeringConnections: [seenBy222] } },
        '111': { 'us-east-1': { Vpcs: [{ VpcId: 'vpc-a', CidrBlock: '10.0.0.0/16' }], VpcPeeringConnections: [seenBy111] } },
      }),
    );
    expect(duplicateWarnings(warnings)).toEqual([]);
    expect(model.peeringConnections.get('pcx-1')).toMatchObject({ account: '111', name: 'from-requester' });
  });
});

describe('the same resource in two accounts or regions', () => {
  it('differing copies of a VPC: the first by account then region is kept, whatever the order of the snapshot, and the warning says so', () => {
    const small = { Vpcs: [{ VpcId: 'vpc-x', CidrBlock: '10.0.0.0/16' }] };
    const large = { Vpcs: [{ VpcId: 'vpc-x', CidrBlock: '10.0.0.0/8' }] };
    const expected =
      'vpc-x is described twice, differently (in CidrBlock): kept net.json: accounts.111.us-east-1.Vpcs[0] (the first by account, region and position), ' +
      'left out net.json: accounts.222.us-east-1.Vpcs[0]';
    for (const accounts of [{ '111': { 'us-east-1': small }, '222': { 'us-east-1': large } }, { '222': { 'us-east-1': large }, '111': { 'us-east-1': small } }]) {
      const { model, warnings } = buildModel(snapshot(accounts));
      expect(duplicateWarnings(warnings)).toEqual([expected]);
      expect(model.vpcs.get('vpc-x')?.cidrs.map((c) => c.text)).toEqual(['10.0.0.0/16']);
      expect(model.vpcs.get('vpc-x')?.account).toBe('111');
    }
  });

  it('in one region, even Tags count: a copy tagged differently is named', () => {
    const { warnings } = buildModel(
      snapshot({ '111': { 'us-east-1': { Vpcs: [{ VpcId: 'vpc-x', CidrBlock: '10.0.0.0/16', Tags: [{ Key: 'Name', Value: 'a' }] }, { VpcId: 'vpc-x', CidrBlock: '10.0.0.0/16', Tags: [{ Key: 'Name', Value: 'b' }] }] } } }),
    );
    expect(duplicateWarnings(warnings)).toEqual([
      'vpc-x is described twice, differently (in Tags): kept net.json: accounts.111.us-east-1.Vpcs[0] (the first by account, region and position), left out net.json: accounts.111.us-east-1.Vpcs[1]',
    ]);
  });
});

describe('a folder whose files describe the same resources', () => {
  it('names the files and the paths inside them; identical copies are silent; instances are named inside their reservation', async () => {
    const dir = path.join(temp, 'twice');
    mkdirSync(dir, { recursive: true });
    const instance = { InstanceId: 'i-1', State: { Name: 'running' }, SubnetId: 'subnet-1', VpcId: 'vpc-1' };
    writeFileSync(
      path.join(dir, 'a.json'),
      JSON.stringify({
        Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16' }, { VpcId: 'vpc-2', CidrBlock: '10.2.0.0/16', State: 'available' }],
        Reservations: [{ ReservationId: 'r-1', Instances: [instance] }],
      }),
    );
    writeFileSync(
      path.join(dir, 'b.json'),
      JSON.stringify({
        // vpc-2 as in a.json, keys in another order; vpc-1 with another block
        Vpcs: [{ State: 'available', CidrBlock: '10.2.0.0/16', VpcId: 'vpc-2' }, { VpcId: 'vpc-1', CidrBlock: '10.9.0.0/16' }],
        Reservations: [{ ReservationId: 'r-0', Instances: [] }, { ReservationId: 'r-1', Instances: [{ ...instance, State: { Name: 'stopped' } }] }],
      }),
    );
    const { model, warnings } = buildModel(await readSnapshotPath(dir));
    expect(duplicateWarnings(warnings)).toEqual([
      'vpc-1 is described twice, differently (in CidrBlock): kept a.json: Vpcs[0] (the first by account, region and position), left out b.json: Vpcs[1]',
      'i-1 is described twice, differently (in State): kept a.json: Reservations[0].Instances[0] (the first by account, region and position), left out b.json: Reservations[1].Instances[0]',
    ]);
    expect(model.vpcs.get('vpc-1')?.cidrs.map((c) => c.text)).toEqual(['10.0.0.0/16']);
    expect(model.vpcs.size).toBe(2);
    expect(model.instances.get('i-1')?.state).toBe('running');
  });
});
