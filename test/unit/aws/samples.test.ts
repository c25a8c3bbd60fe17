// Every real snapshot under test/fixtures/batfish imports, and the
// model holds as many VPCs, subnets, ENIs and security groups as the JSON.
//
// How the table was counted (by a person, over the raw files, never with the
// importer): for each sample, `cat $(find SAMPLE -name '*.json') | jq -r
// '.Vpcs[]?.VpcId' | sort -u | wc -l`, likewise `.Subnets[]?.SubnetId` and
// `.SecurityGroups[]?.GroupId`; ENIs are the distinct ids of
// `.NetworkInterfaces[]?.NetworkInterfaceId` together with
// `.Reservations[]?.Instances[]?.NetworkInterfaces[]?.NetworkInterfaceId`
// (in these samples every instance ENI is also in NetworkInterfaces).
// Instances: `.Reservations[]?.Instances[]? | .InstanceId + " " + .State.Name`,
// terminated ones included, since the model keeps every state.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../shared/aws/build-model.js';
import { readSnapshotPath } from '../../../shared/aws/read/node.js';
import { batfishSampleNames } from '../../fixtures/batfish-samples.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const samplesDir = path.resolve(repoRoot, 'test/fixtures/batfish');

interface Expected {
  vpcs: number;
  subnets: number;
  enis: number;
  securityGroups: number;
  instances: number;
  regions: string[];
}

const expected: Record<string, Expected> = {
  'hybrid-cloud': { vpcs: 4, subnets: 8, enis: 8, securityGroups: 8, instances: 4, regions: ['unknown/us-east-2', 'unknown/us-west-2'] },
  'test-load-balancer': { vpcs: 1, subnets: 3, enis: 5, securityGroups: 3, instances: 3, regions: ['unknown/us-east-2'] },
  // only Vpcs.json in each account folder: no subnets, hence no region from zones, but the folders name the regions
  'test-multi-account': { vpcs: 2, subnets: 0, enis: 0, securityGroups: 0, instances: 0, regions: ['111/us-west-1', '222/us-west-2'] },
  'test-nat-gateway': { vpcs: 1, subnets: 3, enis: 4, securityGroups: 3, instances: 3, regions: ['unknown/us-east-2'] },
  'test-public-private-subnet': { vpcs: 1, subnets: 2, enis: 2, securityGroups: 3, instances: 2, regions: ['unknown/us-east-2'] },
  'test-public-subnet': { vpcs: 1, subnets: 1, enis: 1, securityGroups: 2, instances: 1, regions: ['unknown/us-east-2'] },
  'test-subnet': { vpcs: 1, subnets: 1, enis: 2, securityGroups: 3, instances: 2, regions: ['unknown/us-east-2'] },
  'test-transit-gateway': { vpcs: 2, subnets: 3, enis: 5, securityGroups: 5, instances: 4, regions: ['unknown/us-east-2'] },
  'test-transit-gateway-asymmetric-paths': { vpcs: 2, subnets: 2, enis: 6, securityGroups: 4, instances: 2, regions: ['unknown/us-east-1'] },
  'test-transit-gateway-multi-account': {
    vpcs: 2,
    subnets: 4,
    enis: 4,
    securityGroups: 4,
    instances: 4,
    regions: ['028403472736/us-east-1', '951601349076/us-east-1'],
  },
  'test-transit-gateway-multi-table': { vpcs: 2, subnets: 3, enis: 5, securityGroups: 5, instances: 3, regions: ['unknown/us-east-2'] },
  'test-vpc-endpoint-gateway': { vpcs: 1, subnets: 2, enis: 2, securityGroups: 2, instances: 2, regions: ['unknown/us-east-1'] },
  'test-vpc-endpoint-interface': { vpcs: 1, subnets: 2, enis: 3, securityGroups: 2, instances: 2, regions: ['unknown/us-east-1'] },
  'test-vpc-peering': { vpcs: 3, subnets: 3, enis: 3, securityGroups: 6, instances: 3, regions: ['unknown/us-east-2'] },
  'test-vpc-peering-multi-account': {
    vpcs: 2,
    subnets: 2,
    enis: 2,
    securityGroups: 4,
    instances: 3,
    regions: ['123456789012/us-east-1', '123456789013/us-east-1'],
  },
  'test-vpn-gateway': { vpcs: 1, subnets: 1, enis: 1, securityGroups: 3, instances: 1, regions: ['unknown/us-east-2'] },
};

describe('real Batfish samples', () => {
  it('the table covers every sample folder', () => {
    expect(batfishSampleNames()).toEqual(Object.keys(expected).sort());
  });

  for (const [sample, counts] of Object.entries(expected)) {
    it(`${sample} imports with the counts read from its JSON`, async () => {
      const raw = await readSnapshotPath(path.join(samplesDir, sample));
      const { model } = buildModel(raw);
      expect({
        vpcs: model.vpcs.size,
        subnets: model.subnets.size,
        enis: model.networkInterfaces.size,
        securityGroups: model.securityGroups.size,
        instances: model.instances.size,
        regions: model.meta.regions.map((r) => `${r.account}/${r.region}`).sort(),
      }).toEqual(counts);
    });
  }
});

describe('what the samples hold, read by hand', () => {
  it('routes to internet gateways absent from the snapshot are recorded, not fatal (test-vpc-peering)', async () => {
    // RouteTables.json: rtb-017c36290c9baf017 routes 0.0.0.0/0 to igw-0a2c9ae201b441bff; InternetGateways.json does not exist there
    const { model, warnings } = buildModel(await readSnapshotPath(path.join(samplesDir, 'test-vpc-peering')));
    expect(model.missingReferences).toContainEqual({ id: 'igw-0a2c9ae201b441bff', referencedBy: 'rtb-017c36290c9baf017', what: 'route 0.0.0.0/0 target' });
    expect(warnings.some((w) => w.includes('igw-0a2c9ae201b441bff'))).toBe(true);
  });

  it('a terminated instance is kept with its state (test-transit-gateway)', async () => {
    // Reservations.json: i-04a292ff83b3aa833 has State.Name "terminated"
    const { model } = buildModel(await readSnapshotPath(path.join(samplesDir, 'test-transit-gateway')));
    expect(model.instances.get('i-04a292ff83b3aa833')?.state).toBe('terminated');
  });

  it('NAT gateway addresses and its ENI owner (test-nat-gateway)', async () => {
    // NatGateways.json: nat-07ab4846da51f4612, ENI eni-017aaec115610308a, 10.1.250.210 / 3.135.127.225
    const { model } = buildModel(await readSnapshotPath(path.join(samplesDir, 'test-nat-gateway')));
    const nat = model.natGateways.get('nat-07ab4846da51f4612');
    expect(nat?.addresses).toEqual([{ privateIp: (10 << 24) + (1 << 16) + (250 << 8) + 210, publicIp: ((3 << 24) + (135 << 16) + (127 << 8) + 225) >>> 0, networkInterfaceId: 'eni-017aaec115610308a' }]);
    expect(model.indexes.ownerOfNetworkInterface.get('eni-017aaec115610308a')).toBe('nat-07ab4846da51f4612');
  });

  it('transit gateway propagations: VPC attachments give their VPC CIDRs, the VPN attachment is unknown (hybrid-cloud)', async () => {
    // us-east-2 TransitGatewayPropagations.json: tgw-rtb-00e37bc5142347b03 has propagations from
    // tgw-attach-021f89744fac566dd (vpc-0276455718806058a, 10.30.0.0/16), tgw-attach-0648110513acd6de5
    // (vpc-0574d08f8d05917e4, Vpcs.json: 10.20.0.0/16) and tgw-attach-0881ce2eb93cd63a8 (a VPN); no static routes
    const { model } = buildModel(await readSnapshotPath(path.join(samplesDir, 'hybrid-cloud')));
    const table = model.transitGatewayRouteTables.get('tgw-rtb-00e37bc5142347b03')!;
    const routes = table.routes.map((r) => [r.destination.kind === 'cidr' ? r.destination.cidr.text : '', r.type, r.targets[0]?.attachmentId]);
    expect(routes.sort()).toEqual([
      ['10.20.0.0/16', 'propagated', 'tgw-attach-0648110513acd6de5'],
      ['10.30.0.0/16', 'propagated', 'tgw-attach-021f89744fac566dd'],
    ]);
    expect(table.unknownPropagations).toEqual(['tgw-attach-0881ce2eb93cd63a8']);
    expect(model.transitGatewayAttachments.get('tgw-attach-021f89744fac566dd')?.subnetIds).toEqual(['subnet-0cb5f4c094bee5214']);
    expect(model.transitGatewayAttachments.get('tgw-attach-021f89744fac566dd')?.associatedRouteTableId).toBe('tgw-rtb-00e37bc5142347b03');
  });
});
