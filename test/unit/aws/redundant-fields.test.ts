// Members another described object also gives (shared/aws/redundant-fields.ts):
// missing, they are filled in with a warning naming the file, the JSON path
// and what was used; the snapshot is refused (SnapshotError, exit 2) only
// when nothing gives them. Expected values are read off the data written here.
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../shared/aws/build-model.js';
import type { RawSnapshot } from '../../../shared/aws/raw.js';
import { SnapshotError } from '../../../shared/model/errors.js';

/** One region, account 111 in us-east-1, validated and named as "net.json". */
function snapshot(region: Record<string, unknown>): RawSnapshot {
  return { format: 'reachmap-snapshot/1', source: { kind: 'import', path: 'net.json' }, accounts: { '111': { 'us-east-1': region } }, errors: [] } as unknown as RawSnapshot;
}

const at = 'net.json: accounts.111.us-east-1';
const filledIn = (warnings: readonly string[]) => warnings.filter((w) => w.includes(' is missing: used '));

function refusal(raw: RawSnapshot): SnapshotError {
  try {
    buildModel(raw);
  } catch (error) {
    if (error instanceof SnapshotError) return error;
    throw error;
  }
  throw new Error('the snapshot was imported');
}

const vpcs = [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16' }];
const subnets = [
  { SubnetId: 'subnet-a', VpcId: 'vpc-1', CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1a' },
  { SubnetId: 'subnet-b', VpcId: 'vpc-1', CidrBlock: '10.0.2.0/24', AvailabilityZone: 'us-east-1a' },
];

describe("an instance's copy of its ENI without SubnetId or VpcId", () => {
  it('with the ENI described in NetworkInterfaces: imports, says so, and the ENI is in its own record\'s subnet (not the instance\'s)', () => {
    const { model, warnings } = buildModel(
      snapshot({
        Vpcs: vpcs,
        Subnets: subnets,
        NetworkInterfaces: [
          { NetworkInterfaceId: 'eni-1', SubnetId: 'subnet-a', VpcId: 'vpc-1', PrivateIpAddress: '10.0.1.10', Attachment: { InstanceId: 'i-1', DeviceIndex: 0 } },
          { NetworkInterfaceId: 'eni-2', SubnetId: 'subnet-b', VpcId: 'vpc-1', PrivateIpAddress: '10.0.2.20', Attachment: { InstanceId: 'i-1', DeviceIndex: 1 } },
        ],
        Reservations: [
          {
            Instances: [
              {
                InstanceId: 'i-1',
                SubnetId: 'subnet-a',
                VpcId: 'vpc-1',
                NetworkInterfaces: [
                  { NetworkInterfaceId: 'eni-1', SubnetId: 'subnet-a', VpcId: 'vpc-1', PrivateIpAddress: '10.0.1.10', Attachment: { DeviceIndex: 0 } },
                  { NetworkInterfaceId: 'eni-2', PrivateIpAddress: '10.0.2.20', Attachment: { DeviceIndex: 1 } },
                ],
              },
            ],
          },
        ],
      }),
    );
    expect(filledIn(warnings)).toEqual([
      `${at}.Reservations[0].Instances[0].NetworkInterfaces[1].SubnetId is missing: used subnet-b, from eni-2's own record (${at}.NetworkInterfaces[1])`,
      `${at}.Reservations[0].Instances[0].NetworkInterfaces[1].VpcId is missing: used vpc-1, from eni-2's own record (${at}.NetworkInterfaces[1])`,
    ]);
    expect(model.networkInterfaces.get('eni-2')).toMatchObject({ subnetId: 'subnet-b', vpcId: 'vpc-1', instanceId: 'i-1' });
    expect(model.indexes.enisBySubnet.get('subnet-b')?.map((eni) => eni.id)).toEqual(['eni-2']);
    expect(model.instances.get('i-1')?.networkInterfaceIds).toEqual(['eni-1', 'eni-2']);
  });

  it("not described, but the instance's primary interface: the instance's subnet and VPC, said", () => {
    const { model, warnings } = buildModel(
      snapshot({
        Vpcs: vpcs,
        Subnets: subnets,
        Reservations: [{ Instances: [{ InstanceId: 'i-3', SubnetId: 'subnet-b', VpcId: 'vpc-1', NetworkInterfaces: [{ NetworkInterfaceId: 'eni-5', PrivateIpAddress: '10.0.2.50', Attachment: { DeviceIndex: 0 } }] }] }],
      }),
    );
    expect(filledIn(warnings)).toEqual([
      `${at}.Reservations[0].Instances[0].NetworkInterfaces[0].SubnetId is missing: used subnet-b, the SubnetId of i-3, whose primary interface it is (${at}.Reservations[0].Instances[0])`,
      `${at}.Reservations[0].Instances[0].NetworkInterfaces[0].VpcId is missing: used vpc-1, the VpcId of its instance i-3 (${at}.Reservations[0].Instances[0])`,
    ]);
    // subnet-b's zone, since neither the instance nor the ENI names one
    expect(model.networkInterfaces.get('eni-5')).toMatchObject({ subnetId: 'subnet-b', vpcId: 'vpc-1', availabilityZone: 'us-east-1a', instanceId: 'i-3' });
  });

  it('not described and a secondary interface: refused, since nothing says where its addresses are (leaving it out would answer "no such address")', () => {
    const error = refusal(
      snapshot({
        Vpcs: vpcs,
        Subnets: subnets,
        Reservations: [
          {
            Instances: [
              {
                InstanceId: 'i-2',
                SubnetId: 'subnet-a',
                VpcId: 'vpc-1',
                NetworkInterfaces: [
                  { NetworkInterfaceId: 'eni-3', SubnetId: 'subnet-a', VpcId: 'vpc-1', PrivateIpAddress: '10.0.1.30', Attachment: { DeviceIndex: 0 } },
                  { NetworkInterfaceId: 'eni-4', VpcId: 'vpc-1', PrivateIpAddress: '10.0.2.40', Attachment: { DeviceIndex: 1 } },
                ],
              },
            ],
          },
        ],
      }),
    );
    expect(error.message).toBe(
      `${at}.Reservations[0].Instances[0].NetworkInterfaces[1].SubnetId: is missing, and eni-4 is not described in NetworkInterfaces, and it is not i-2's primary interface, whose subnet is the instance's`,
    );
  });
});

describe('other members the snapshot repeats', () => {
  it("an ENI's VpcId and a NAT gateway's VpcId: their subnet's", () => {
    const { model, warnings } = buildModel(
      snapshot({
        Vpcs: vpcs,
        Subnets: subnets,
        NetworkInterfaces: [{ NetworkInterfaceId: 'eni-9', SubnetId: 'subnet-b', PrivateIpAddress: '10.0.2.90' }],
        NatGateways: [{ NatGatewayId: 'nat-1', SubnetId: 'subnet-a', State: 'available' }],
      }),
    );
    expect(filledIn(warnings)).toEqual([
      `${at}.NatGateways[0].VpcId is missing: used vpc-1, the VpcId of its subnet subnet-a (${at}.Subnets[0])`,
      `${at}.NetworkInterfaces[0].VpcId is missing: used vpc-1, the VpcId of its subnet subnet-b (${at}.Subnets[1])`,
    ]);
    expect(model.networkInterfaces.get('eni-9')?.vpcId).toBe('vpc-1');
    expect(model.natGateways.get('nat-1')?.vpcId).toBe('vpc-1');
  });

  it('a NAT gateway without VpcId in a subnet the snapshot lacks: refused, naming file and path', () => {
    expect(refusal(snapshot({ NatGateways: [{ NatGatewayId: 'nat-1', SubnetId: 'subnet-zz' }] })).message).toBe(
      `${at}.NatGateways[0].VpcId: is missing, and its subnet subnet-zz is not in the snapshot to tell its VPC`,
    );
  });

  it("load balancer and target group names: the ARN's", () => {
    const lbArn = 'arn:aws:elasticloadbalancing:us-east-1:111:loadbalancer/app/web-lb/50dc6c495c0c9188';
    const tgArn = 'arn:aws:elasticloadbalancing:us-east-1:111:targetgroup/web-tg/73e2d6bc24d8a067';
    const { model, warnings } = buildModel(snapshot({ LoadBalancers: [{ LoadBalancerArn: lbArn, VpcId: 'vpc-1' }], TargetGroups: [{ TargetGroupArn: tgArn }] }));
    expect(filledIn(warnings)).toEqual([
      `${at}.LoadBalancers[0].LoadBalancerName is missing: used web-lb, the name in its ARN`,
      `${at}.TargetGroups[0].TargetGroupName is missing: used web-tg, the name in its ARN`,
    ]);
    expect(model.loadBalancers.get('web-lb')?.arn).toBe(lbArn);
    expect([...model.targetGroups.values()].map((group) => group.name)).toEqual(['web-tg']);
  });

  it("a transit gateway VPC attachment's VpcId and gateway: its TransitGatewayAttachments record's, else refused", () => {
    const vpcAttachment = { TransitGatewayAttachmentId: 'tgw-attach-1', SubnetIds: ['subnet-a'] };
    const record = { TransitGatewayAttachmentId: 'tgw-attach-1', TransitGatewayId: 'tgw-1', ResourceType: 'vpc', ResourceId: 'vpc-1' };
    const { model, warnings } = buildModel(snapshot({ TransitGatewayAttachments: [record], TransitGatewayVpcAttachments: [vpcAttachment] }));
    expect(filledIn(warnings)).toEqual([
      `${at}.TransitGatewayVpcAttachments[0].TransitGatewayId is missing: used tgw-1, the TransitGatewayId of its TransitGatewayAttachments record (${at}.TransitGatewayAttachments[0])`,
      `${at}.TransitGatewayVpcAttachments[0].VpcId is missing: used vpc-1, the ResourceId of its TransitGatewayAttachments record (${at}.TransitGatewayAttachments[0])`,
    ]);
    expect(model.transitGatewayAttachments.get('tgw-attach-1')).toMatchObject({ transitGatewayId: 'tgw-1', resourceId: 'vpc-1', subnetIds: ['subnet-a'] });
    expect(refusal(snapshot({ TransitGatewayVpcAttachments: [{ ...vpcAttachment, TransitGatewayId: 'tgw-1' }] })).message).toBe(
      `${at}.TransitGatewayVpcAttachments[0].VpcId: is missing, and no TransitGatewayAttachments record of tgw-attach-1 in its region gives its ResourceId`,
    );
  });
});

describe('members nothing else gives stay required', () => {
  it("an ENI record's SubnetId and a subnet's VpcId: refused, naming file, path and value", () => {
    expect(refusal(snapshot({ NetworkInterfaces: [{ NetworkInterfaceId: 'eni-1', VpcId: 'vpc-1', PrivateIpAddress: '10.0.1.10' }] })).message).toBe(
      `${at}.NetworkInterfaces[0].SubnetId: is missing`,
    );
    expect(refusal(snapshot({ Subnets: [{ SubnetId: 'subnet-a', CidrBlock: '10.0.1.0/24' }] })).message).toBe(`${at}.Subnets[0].VpcId: is missing`);
    expect(refusal(snapshot({ Subnets: [{ SubnetId: 'subnet-a', VpcId: 'vpc-1', CidrBlock: '10.0.1.0/33' }] })).message).toBe(
      `${at}.Subnets[0].CidrBlock: "10.0.1.0/33" is not an IPv4 CIDR`,
    );
  });
});
