/* eslint-disable @typescript-eslint/no-explicit-any -- literal describe JSON */
// Two tiny networks written by hand in describe-API shapes, on which the
// oracle's answers are checked against answers reasoned by hand
// (oracle.test.ts). The helpers only spare repeating the same JSON keys.

const ACCOUNT = '111122223333';

function eni(id: string, subnetId: string, vpcId: string, az: string, ip: string, groups: string[], extra: { publicIp?: string; instanceId?: string; status?: string; type?: string } = {}): any {
  const association = extra.publicIp ? { Association: { PublicIp: extra.publicIp, IpOwnerId: 'amazon' } } : {};
  return {
    NetworkInterfaceId: id,
    SubnetId: subnetId,
    VpcId: vpcId,
    AvailabilityZone: az,
    Status: extra.status ?? 'in-use',
    InterfaceType: extra.type ?? 'interface',
    Groups: groups.map((g) => ({ GroupId: g, GroupName: g })),
    PrivateIpAddress: ip,
    PrivateIpAddresses: [{ PrivateIpAddress: ip, Primary: true, ...association }],
    ...association,
    ...(extra.instanceId ? { Attachment: { InstanceId: extra.instanceId, DeviceIndex: 0, Status: 'attached' } } : {}),
    SourceDestCheck: true,
  };
}

function instance(id: string, state: string, eniId: string, subnetId: string, vpcId: string): any {
  return {
    InstanceId: id,
    State: { Name: state, Code: state === 'running' ? 16 : 80 },
    SubnetId: subnetId,
    VpcId: vpcId,
    NetworkInterfaces: [{ NetworkInterfaceId: eniId, SubnetId: subnetId, VpcId: vpcId, Status: 'in-use', Attachment: { DeviceIndex: 0, Status: 'attached' } }],
  };
}

function allowAllAcl(id: string, vpcId: string, subnetIds: string[], isDefault: boolean): any {
  return {
    NetworkAclId: id,
    VpcId: vpcId,
    IsDefault: isDefault,
    Associations: subnetIds.map((s, i) => ({ NetworkAclAssociationId: `aclassoc-${id}-${i}`, NetworkAclId: id, SubnetId: s })),
    Entries: [
      { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' },
      { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' },
      { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: true, CidrBlock: '0.0.0.0/0' },
      { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: true, CidrBlock: '0.0.0.0/0' },
    ],
  };
}

const ALLOW_ALL_EGRESS = [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }];

/**
 * VPC A (10.0.0.0/16, igw-a): a public subnet (web server with a public IP,
 * NAT gateway nat-a at 10.0.1.100 / 3.3.3.3) and a private subnet (database,
 * a stopped instance, and a server with a public IP that routes out through
 * the NAT). VPC B (10.1.0.0/16) is peered with A and holds no ACL at all.
 */
export function peeringAndNatNetwork(): any {
  return {
    format: 'reachmap-snapshot/1',
    createdAt: '2026-11-29T12:00:00Z',
    source: { kind: 'import' },
    accounts: {
      [ACCOUNT]: {
        'us-east-1': {
          Vpcs: [
            { VpcId: 'vpc-a', CidrBlock: '10.0.0.0/16', State: 'available', CidrBlockAssociationSet: [{ CidrBlock: '10.0.0.0/16', CidrBlockState: { State: 'associated' } }] },
            { VpcId: 'vpc-b', CidrBlock: '10.1.0.0/16', State: 'available', CidrBlockAssociationSet: [{ CidrBlock: '10.1.0.0/16', CidrBlockState: { State: 'associated' } }] },
          ],
          Subnets: [
            { SubnetId: 'subnet-pub', VpcId: 'vpc-a', CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1a', State: 'available' },
            { SubnetId: 'subnet-priv', VpcId: 'vpc-a', CidrBlock: '10.0.2.0/24', AvailabilityZone: 'us-east-1a', State: 'available' },
            { SubnetId: 'subnet-b', VpcId: 'vpc-b', CidrBlock: '10.1.1.0/24', AvailabilityZone: 'us-east-1a', State: 'available' },
          ],
          RouteTables: [
            { RouteTableId: 'rtb-main-a', VpcId: 'vpc-a', Associations: [{ Main: true, RouteTableAssociationId: 'rtbassoc-1' }], Routes: [{ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' }] },
            {
              RouteTableId: 'rtb-pub',
              VpcId: 'vpc-a',
              Associations: [{ Main: false, SubnetId: 'subnet-pub', RouteTableAssociationId: 'rtbassoc-2' }],
              Routes: [
                { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' },
                { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-a', State: 'active' },
                { DestinationCidrBlock: '10.1.0.0/16', VpcPeeringConnectionId: 'pcx-ab', State: 'active' },
                { DestinationCidrBlock: '172.16.0.0/12', GatewayId: 'vgw-1', State: 'active' },
                { DestinationCidrBlock: '10.9.0.0/16', VpcPeeringConnectionId: 'pcx-old', State: 'blackhole' },
              ],
            },
            {
              RouteTableId: 'rtb-priv',
              VpcId: 'vpc-a',
              Associations: [{ Main: false, SubnetId: 'subnet-priv', RouteTableAssociationId: 'rtbassoc-3' }],
              Routes: [
                { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' },
                { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-a', State: 'active' },
                { DestinationCidrBlock: '10.1.0.0/16', VpcPeeringConnectionId: 'pcx-ab', State: 'active' },
              ],
            },
            {
              RouteTableId: 'rtb-b',
              VpcId: 'vpc-b',
              Associations: [{ Main: true, RouteTableAssociationId: 'rtbassoc-4' }],
              Routes: [
                { DestinationCidrBlock: '10.1.0.0/16', GatewayId: 'local', State: 'active' },
                { DestinationCidrBlock: '10.0.0.0/8', VpcPeeringConnectionId: 'pcx-ab', State: 'active' },
                { DestinationCidrBlock: '192.168.0.0/16', GatewayId: 'igw-gone', State: 'active' },
              ],
            },
          ],
          NetworkAcls: [
            allowAllAcl('acl-default-a', 'vpc-a', ['subnet-pub'], true),
            {
              NetworkAclId: 'acl-priv',
              VpcId: 'vpc-a',
              IsDefault: false,
              Associations: [{ NetworkAclAssociationId: 'aclassoc-p', NetworkAclId: 'acl-priv', SubnetId: 'subnet-priv' }],
              Entries: [
                { RuleNumber: 100, Protocol: '6', RuleAction: 'allow', Egress: false, CidrBlock: '10.0.0.0/16', PortRange: { From: 5432, To: 5432 } },
                { RuleNumber: 110, Protocol: '6', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0', PortRange: { From: 1024, To: 65535 } },
                { RuleNumber: 120, Protocol: '6', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0', PortRange: { From: 80, To: 80 } },
                { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' },
                { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: true, CidrBlock: '0.0.0.0/0' },
                { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: true, CidrBlock: '0.0.0.0/0' },
              ],
            },
          ],
          SecurityGroups: [
            {
              GroupId: 'sg-web',
              GroupName: 'web',
              VpcId: 'vpc-a',
              IpPermissions: [
                { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
                { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8' }] },
                { IpProtocol: 'icmp', FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
              ],
              IpPermissionsEgress: ALLOW_ALL_EGRESS,
            },
            {
              GroupId: 'sg-db',
              GroupName: 'db',
              VpcId: 'vpc-a',
              IpPermissions: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: 'sg-web', UserId: ACCOUNT }] }],
              IpPermissionsEgress: ALLOW_ALL_EGRESS,
            },
            {
              GroupId: 'sg-b',
              GroupName: 'b',
              VpcId: 'vpc-b',
              IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/16' }] }],
              IpPermissionsEgress: ALLOW_ALL_EGRESS,
            },
          ],
          NetworkInterfaces: [
            eni('eni-web', 'subnet-pub', 'vpc-a', 'us-east-1a', '10.0.1.10', ['sg-web'], { publicIp: '54.0.0.10', instanceId: 'i-web' }),
            eni('eni-db', 'subnet-priv', 'vpc-a', 'us-east-1a', '10.0.2.20', ['sg-db'], { instanceId: 'i-db' }),
            eni('eni-stopped', 'subnet-priv', 'vpc-a', 'us-east-1a', '10.0.2.30', ['sg-db'], { instanceId: 'i-stopped' }),
            eni('eni-pp', 'subnet-priv', 'vpc-a', 'us-east-1a', '10.0.2.40', ['sg-web'], { publicIp: '54.0.0.40', instanceId: 'i-pp' }),
            eni('eni-nat', 'subnet-pub', 'vpc-a', 'us-east-1a', '10.0.1.100', [], { publicIp: '3.3.3.3', type: 'nat_gateway' }),
            eni('eni-b', 'subnet-b', 'vpc-b', 'us-east-1a', '10.1.1.10', ['sg-b'], { instanceId: 'i-b' }),
          ],
          Reservations: [
            {
              Instances: [
                instance('i-web', 'running', 'eni-web', 'subnet-pub', 'vpc-a'),
                instance('i-db', 'running', 'eni-db', 'subnet-priv', 'vpc-a'),
                instance('i-stopped', 'stopped', 'eni-stopped', 'subnet-priv', 'vpc-a'),
                instance('i-pp', 'running', 'eni-pp', 'subnet-priv', 'vpc-a'),
                instance('i-b', 'running', 'eni-b', 'subnet-b', 'vpc-b'),
              ],
            },
          ],
          InternetGateways: [{ InternetGatewayId: 'igw-a', Attachments: [{ VpcId: 'vpc-a', State: 'available' }] }],
          NatGateways: [
            {
              NatGatewayId: 'nat-a',
              VpcId: 'vpc-a',
              SubnetId: 'subnet-pub',
              State: 'available',
              ConnectivityType: 'public',
              NatGatewayAddresses: [{ PrivateIp: '10.0.1.100', PublicIp: '3.3.3.3', NetworkInterfaceId: 'eni-nat', AllocationId: 'eipalloc-1' }],
            },
          ],
          VpcPeeringConnections: [
            {
              VpcPeeringConnectionId: 'pcx-ab',
              Status: { Code: 'active', Message: 'Active' },
              RequesterVpcInfo: { VpcId: 'vpc-a', OwnerId: ACCOUNT, Region: 'us-east-1', CidrBlock: '10.0.0.0/16', CidrBlockSet: [{ CidrBlock: '10.0.0.0/16' }] },
              AccepterVpcInfo: { VpcId: 'vpc-b', OwnerId: ACCOUNT, Region: 'us-east-1', CidrBlock: '10.1.0.0/16', CidrBlockSet: [{ CidrBlock: '10.1.0.0/16' }] },
            },
          ],
          VpnGateways: [{ VpnGatewayId: 'vgw-1', State: 'available', Type: 'ipsec.1', VpcAttachments: [{ VpcId: 'vpc-a', State: 'attached' }] }],
        },
      },
    },
    errors: [],
  };
}

/**
 * VPC X (10.10.0.0/16) and VPC Y (10.20.0.0/16) joined by tgw-1. X's
 * attachment has one subnet, in us-east-1a, whose ACL allows everything in
 * and denies everything out; X's second instance lives in us-east-1b.
 */
export function transitGatewayNetwork(): any {
  const allowAllGroups = [
    { GroupId: 'sg-x', GroupName: 'x', VpcId: 'vpc-x', IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }], IpPermissionsEgress: ALLOW_ALL_EGRESS },
    { GroupId: 'sg-y', GroupName: 'y', VpcId: 'vpc-y', IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }], IpPermissionsEgress: ALLOW_ALL_EGRESS },
  ];
  const vpc = (id: string, cidr: string) => ({ VpcId: id, CidrBlock: cidr, State: 'available', CidrBlockAssociationSet: [{ CidrBlock: cidr, CidrBlockState: { State: 'associated' } }] });
  const subnet = (id: string, vpcId: string, cidr: string, az: string) => ({ SubnetId: id, VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: az, State: 'available' });
  const attachment = (id: string, vpcId: string) => ({
    TransitGatewayAttachmentId: id,
    TransitGatewayId: 'tgw-1',
    ResourceType: 'vpc',
    ResourceId: vpcId,
    State: 'available',
    Association: { TransitGatewayRouteTableId: 'tgw-rtb-1', State: 'associated' },
  });
  return {
    format: 'reachmap-snapshot/1',
    createdAt: '2026-11-29T12:00:00Z',
    source: { kind: 'import' },
    accounts: {
      [ACCOUNT]: {
        'us-east-1': {
          Vpcs: [vpc('vpc-x', '10.10.0.0/16'), vpc('vpc-y', '10.20.0.0/16')],
          Subnets: [
            subnet('subnet-x1', 'vpc-x', '10.10.1.0/24', 'us-east-1a'),
            subnet('subnet-x2', 'vpc-x', '10.10.2.0/24', 'us-east-1b'),
            subnet('subnet-xt', 'vpc-x', '10.10.255.0/28', 'us-east-1a'),
            subnet('subnet-y1', 'vpc-y', '10.20.1.0/24', 'us-east-1a'),
            subnet('subnet-yt', 'vpc-y', '10.20.255.0/28', 'us-east-1a'),
          ],
          RouteTables: [
            {
              RouteTableId: 'rtb-x',
              VpcId: 'vpc-x',
              Associations: [{ Main: true }],
              Routes: [
                { DestinationCidrBlock: '10.10.0.0/16', GatewayId: 'local', State: 'active' },
                { DestinationCidrBlock: '10.0.0.0/8', TransitGatewayId: 'tgw-1', State: 'active' },
              ],
            },
            {
              RouteTableId: 'rtb-y',
              VpcId: 'vpc-y',
              Associations: [{ Main: true }],
              Routes: [
                { DestinationCidrBlock: '10.20.0.0/16', GatewayId: 'local', State: 'active' },
                { DestinationCidrBlock: '10.10.0.0/16', TransitGatewayId: 'tgw-1', State: 'active' },
              ],
            },
          ],
          NetworkAcls: [
            allowAllAcl('acl-x', 'vpc-x', ['subnet-x1', 'subnet-x2'], true),
            {
              NetworkAclId: 'acl-xt',
              VpcId: 'vpc-x',
              IsDefault: false,
              Associations: [{ NetworkAclAssociationId: 'aclassoc-xt', NetworkAclId: 'acl-xt', SubnetId: 'subnet-xt' }],
              Entries: [
                { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' },
                { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' },
                { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: true, CidrBlock: '0.0.0.0/0' },
              ],
            },
            allowAllAcl('acl-y', 'vpc-y', ['subnet-y1', 'subnet-yt'], true),
          ],
          SecurityGroups: allowAllGroups,
          NetworkInterfaces: [
            eni('eni-x1', 'subnet-x1', 'vpc-x', 'us-east-1a', '10.10.1.10', ['sg-x'], { instanceId: 'i-x1' }),
            eni('eni-x2', 'subnet-x2', 'vpc-x', 'us-east-1b', '10.10.2.10', ['sg-x'], { instanceId: 'i-x2' }),
            eni('eni-y1', 'subnet-y1', 'vpc-y', 'us-east-1a', '10.20.1.10', ['sg-y'], { instanceId: 'i-y1' }),
          ],
          Reservations: [
            {
              Instances: [
                instance('i-x1', 'running', 'eni-x1', 'subnet-x1', 'vpc-x'),
                instance('i-x2', 'running', 'eni-x2', 'subnet-x2', 'vpc-x'),
                instance('i-y1', 'running', 'eni-y1', 'subnet-y1', 'vpc-y'),
              ],
            },
          ],
          TransitGateways: [{ TransitGatewayId: 'tgw-1', State: 'available', OwnerId: ACCOUNT, Options: { AssociationDefaultRouteTableId: 'tgw-rtb-1', PropagationDefaultRouteTableId: 'tgw-rtb-1' } }],
          TransitGatewayAttachments: [attachment('tgw-attach-x', 'vpc-x'), attachment('tgw-attach-y', 'vpc-y')],
          TransitGatewayVpcAttachments: [
            { TransitGatewayAttachmentId: 'tgw-attach-x', TransitGatewayId: 'tgw-1', VpcId: 'vpc-x', State: 'available', SubnetIds: ['subnet-xt'] },
            { TransitGatewayAttachmentId: 'tgw-attach-y', TransitGatewayId: 'tgw-1', VpcId: 'vpc-y', State: 'available', SubnetIds: ['subnet-yt'] },
          ],
          TransitGatewayRouteTables: [{ TransitGatewayRouteTableId: 'tgw-rtb-1', TransitGatewayId: 'tgw-1', State: 'available', DefaultAssociationRouteTable: true, DefaultPropagationRouteTable: true }],
          TransitGatewayPropagations: [
            {
              TransitGatewayRouteTableId: 'tgw-rtb-1',
              TransitGatewayRouteTablePropagations: [
                { TransitGatewayAttachmentId: 'tgw-attach-x', ResourceId: 'vpc-x', ResourceType: 'vpc', State: 'enabled' },
                { TransitGatewayAttachmentId: 'tgw-attach-y', ResourceId: 'vpc-y', ResourceType: 'vpc', State: 'enabled' },
              ],
            },
          ],
          TransitGatewayStaticRoutes: [
            { TransitGatewayRouteTableId: 'tgw-rtb-1', Routes: [{ DestinationCidrBlock: '10.30.0.0/16', State: 'blackhole', Type: 'static' }] },
          ],
        },
      },
    },
    errors: [],
  };
}
