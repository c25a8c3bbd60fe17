/* eslint-disable @typescript-eslint/no-explicit-any -- literal describe JSON */
// A dual-stack network written by hand in describe-API shapes, on which the
// answers of the IPv6 oracle (and of the engine) are checked against answers
// reasoned by hand (oracle-ipv6.test.ts).
//
// vpc-a (10.0.0.0/16, 2600:1f18:a::/56) has igw-a and the egress-only eigw-a:
//   subnet-pub (10.0.1.0/24, 2600:1f18:a:1::/64), table rtb-pub:
//     ::/0 -> igw-a, 2600:1f18:b::/56 -> pcx-ab (and 0.0.0.0/0 -> igw-a);
//     i-web 10.0.1.10 (public 54.0.0.10), 2600:1f18:a:1::10, group sg-web;
//     i-plain 10.0.1.30, no IPv6 address; nat-a 10.0.1.100 (IPv4 only);
//   subnet-priv (10.0.2.0/24, 2600:1f18:a:2::/64), main table rtb-priv:
//     ::/0 -> eigw-a, 64:ff9b::/96 -> nat-a (NAT64);
//     i-db 10.0.2.20, 2600:1f18:a:2::20 and the delegated prefix
//     2600:1f18:a:2:1::/80, group sg-db;
//   subnet-v6 (IPv6-only: 2600:1f18:a:3::/64, no IPv4 block), table rtb-pub:
//     i-v6 2600:1f18:a:3::30 with no IPv4 address, group sg-web;
//   acl-a (all three subnets): inbound 80 deny IPv4 tcp 443 from 0.0.0.0/0,
//     90 deny IPv6 tcp 22 from ::/0, 100 allow all IPv4, 101 allow all IPv6,
//     `*` for each family; outbound 100 / 101 allow all, `*`.
// vpc-b (10.1.0.0/16, 2600:1f18:b::/56) has no internet gateway but the
//   egress-only eigw-b, and no ACL in the snapshot (AWS default: allow all):
//   subnet-b (10.1.1.0/24, 2600:1f18:b:1::/64), table rtb-b:
//     2600:1f18:a::/56 -> pcx-ab, ::/0 -> eigw-b;
//   i-b 10.1.1.5, 2600:1f18:b:1::5, group sg-b.
// pcx-ab joins vpc-a and vpc-b, both sides with their IPv6 blocks.
// sg-web: in tcp 443 from 0.0.0.0/0 and ::/0, tcp 22 from ::/0 only,
//   icmpv6 (every type) from ::/0; out everything to 0.0.0.0/0 and ::/0.
// sg-db: in tcp 5432 from 2600:1f18:a::/56, tcp 443 from ::/0, icmp
//   (protocol 1, IPv4's) from ::/0; out everything to ::/0.
// sg-b: in tcp 22 from 2600:1f18:a::/56; out everything to ::/0.

const ACCOUNT = '111122223333';
const AZ = 'us-east-1a';

const block = (cidr: string) => [{ AssociationId: `assoc-${cidr}`, Ipv6CidrBlock: cidr, Ipv6CidrBlockState: { State: 'associated' } }];

function vpc(id: string, cidr: string, ipv6: string): any {
  return { VpcId: id, CidrBlock: cidr, State: 'available', CidrBlockAssociationSet: [{ CidrBlock: cidr, CidrBlockState: { State: 'associated' } }], Ipv6CidrBlockAssociationSet: block(ipv6) };
}

function subnet(id: string, vpcId: string, cidr: string, ipv6: string): any {
  return { SubnetId: id, VpcId: vpcId, CidrBlock: cidr, Ipv6CidrBlockAssociationSet: block(ipv6), AvailabilityZone: AZ, State: 'available' };
}

function eni(id: string, subnetId: string, vpcId: string, ip: string, groups: string[], extra: { ipv6?: string; prefix?: string; publicIp?: string; instanceId?: string; type?: string } = {}): any {
  const association = extra.publicIp ? { Association: { PublicIp: extra.publicIp, IpOwnerId: 'amazon' } } : {};
  return {
    NetworkInterfaceId: id,
    SubnetId: subnetId,
    VpcId: vpcId,
    AvailabilityZone: AZ,
    Status: 'in-use',
    InterfaceType: extra.type ?? 'interface',
    Groups: groups.map((g) => ({ GroupId: g, GroupName: g })),
    PrivateIpAddress: ip,
    PrivateIpAddresses: [{ PrivateIpAddress: ip, Primary: true, ...association }],
    ...association,
    Ipv6Addresses: extra.ipv6 ? [{ Ipv6Address: extra.ipv6, IsPrimaryIpv6: false }] : [],
    ...(extra.prefix ? { Ipv6Prefixes: [{ Ipv6Prefix: extra.prefix }] } : {}),
    ...(extra.instanceId ? { Attachment: { InstanceId: extra.instanceId, DeviceIndex: 0, Status: 'attached' } } : {}),
    SourceDestCheck: true,
  };
}

function instance(id: string, eniId: string, subnetId: string, vpcId: string): any {
  return {
    InstanceId: id,
    State: { Name: 'running', Code: 16 },
    SubnetId: subnetId,
    VpcId: vpcId,
    NetworkInterfaces: [{ NetworkInterfaceId: eniId, SubnetId: subnetId, VpcId: vpcId, Status: 'in-use', Attachment: { DeviceIndex: 0, Status: 'attached' } }],
  };
}

const route6 = (cidr: string, target: any) => ({ DestinationIpv6CidrBlock: cidr, State: 'active', ...target });
const tcp = (port: number, range: any) => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, ...range });
const v4 = (cidr: string) => ({ IpRanges: [{ CidrIp: cidr }] });
const v6 = (cidr: string) => ({ Ipv6Ranges: [{ CidrIpv6: cidr }] });

function entry(rule: number, egress: boolean, action: string, protocol: string, cidr: string, ports?: [number, number]): any {
  const family = cidr.includes(':') ? { Ipv6CidrBlock: cidr } : { CidrBlock: cidr };
  return { RuleNumber: rule, Egress: egress, RuleAction: action, Protocol: protocol, ...family, ...(ports ? { PortRange: { From: ports[0], To: ports[1] } } : {}) };
}

export function dualStackNetwork(): any {
  return {
    format: 'reachmap-snapshot/1',
    createdAt: '2026-12-05T05:00:00Z',
    source: { kind: 'import' },
    accounts: {
      [ACCOUNT]: {
        'us-east-1': {
          Vpcs: [vpc('vpc-a', '10.0.0.0/16', '2600:1f18:a::/56'), vpc('vpc-b', '10.1.0.0/16', '2600:1f18:b::/56')],
          Subnets: [
            subnet('subnet-pub', 'vpc-a', '10.0.1.0/24', '2600:1f18:a:1::/64'),
            subnet('subnet-priv', 'vpc-a', '10.0.2.0/24', '2600:1f18:a:2::/64'),
            subnet('subnet-b', 'vpc-b', '10.1.1.0/24', '2600:1f18:b:1::/64'),
            { SubnetId: 'subnet-v6', VpcId: 'vpc-a', Ipv6Native: true, Ipv6CidrBlockAssociationSet: block('2600:1f18:a:3::/64'), AvailabilityZone: AZ, State: 'available' },
          ],
          InternetGateways: [{ InternetGatewayId: 'igw-a', Attachments: [{ VpcId: 'vpc-a', State: 'available' }] }],
          EgressOnlyInternetGateways: [
            { EgressOnlyInternetGatewayId: 'eigw-a', Attachments: [{ VpcId: 'vpc-a', State: 'attached' }] },
            { EgressOnlyInternetGatewayId: 'eigw-b', Attachments: [{ VpcId: 'vpc-b', State: 'attached' }] },
          ],
          NatGateways: [
            { NatGatewayId: 'nat-a', VpcId: 'vpc-a', SubnetId: 'subnet-pub', State: 'available', ConnectivityType: 'public', NatGatewayAddresses: [{ NetworkInterfaceId: 'eni-nat', PrivateIp: '10.0.1.100', PublicIp: '3.3.3.3' }] },
          ],
          VpcPeeringConnections: [
            {
              VpcPeeringConnectionId: 'pcx-ab',
              Status: { Code: 'active' },
              RequesterVpcInfo: { VpcId: 'vpc-a', OwnerId: ACCOUNT, Region: 'us-east-1', CidrBlock: '10.0.0.0/16', CidrBlockSet: [{ CidrBlock: '10.0.0.0/16' }], Ipv6CidrBlockSet: [{ Ipv6CidrBlock: '2600:1f18:a::/56' }] },
              AccepterVpcInfo: { VpcId: 'vpc-b', OwnerId: ACCOUNT, Region: 'us-east-1', CidrBlock: '10.1.0.0/16', CidrBlockSet: [{ CidrBlock: '10.1.0.0/16' }], Ipv6CidrBlockSet: [{ Ipv6CidrBlock: '2600:1f18:b::/56' }] },
            },
          ],
          RouteTables: [
            {
              RouteTableId: 'rtb-pub',
              VpcId: 'vpc-a',
              Associations: [
                { Main: false, SubnetId: 'subnet-pub', RouteTableAssociationId: 'rtbassoc-pub' },
                { Main: false, SubnetId: 'subnet-v6', RouteTableAssociationId: 'rtbassoc-v6' },
              ],
              Routes: [
                { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' },
                { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-a', State: 'active' },
                route6('2600:1f18:a::/56', { GatewayId: 'local' }),
                route6('::/0', { GatewayId: 'igw-a' }),
                route6('2600:1f18:b::/56', { VpcPeeringConnectionId: 'pcx-ab' }),
              ],
            },
            {
              RouteTableId: 'rtb-priv',
              VpcId: 'vpc-a',
              Associations: [{ Main: true, RouteTableAssociationId: 'rtbassoc-main' }],
              Routes: [
                { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' },
                route6('2600:1f18:a::/56', { GatewayId: 'local' }),
                route6('::/0', { EgressOnlyInternetGatewayId: 'eigw-a' }),
                route6('64:ff9b::/96', { NatGatewayId: 'nat-a' }),
              ],
            },
            {
              RouteTableId: 'rtb-b',
              VpcId: 'vpc-b',
              Associations: [{ Main: true, RouteTableAssociationId: 'rtbassoc-b' }],
              Routes: [
                { DestinationCidrBlock: '10.1.0.0/16', GatewayId: 'local', State: 'active' },
                route6('2600:1f18:b::/56', { GatewayId: 'local' }),
                route6('2600:1f18:a::/56', { VpcPeeringConnectionId: 'pcx-ab' }),
                route6('::/0', { EgressOnlyInternetGatewayId: 'eigw-b' }),
              ],
            },
          ],
          NetworkAcls: [
            {
              NetworkAclId: 'acl-a',
              VpcId: 'vpc-a',
              IsDefault: true,
              Associations: [
                { NetworkAclAssociationId: 'aclassoc-pub', NetworkAclId: 'acl-a', SubnetId: 'subnet-pub' },
                { NetworkAclAssociationId: 'aclassoc-priv', NetworkAclId: 'acl-a', SubnetId: 'subnet-priv' },
                { NetworkAclAssociationId: 'aclassoc-v6', NetworkAclId: 'acl-a', SubnetId: 'subnet-v6' },
              ],
              Entries: [
                entry(80, false, 'deny', '6', '0.0.0.0/0', [443, 443]),
                entry(90, false, 'deny', '6', '::/0', [22, 22]),
                entry(100, false, 'allow', '-1', '0.0.0.0/0'),
                entry(101, false, 'allow', '-1', '::/0'),
                entry(32767, false, 'deny', '-1', '0.0.0.0/0'),
                entry(32768, false, 'deny', '-1', '::/0'),
                entry(100, true, 'allow', '-1', '0.0.0.0/0'),
                entry(101, true, 'allow', '-1', '::/0'),
                entry(32767, true, 'deny', '-1', '0.0.0.0/0'),
                entry(32768, true, 'deny', '-1', '::/0'),
              ],
            },
          ],
          SecurityGroups: [
            {
              GroupId: 'sg-web',
              VpcId: 'vpc-a',
              IpPermissions: [{ ...tcp(443, v4('0.0.0.0/0')), ...v6('::/0') }, tcp(22, v6('::/0')), { IpProtocol: 'icmpv6', FromPort: -1, ToPort: -1, ...v6('::/0') }],
              IpPermissionsEgress: [{ IpProtocol: '-1', ...v4('0.0.0.0/0'), ...v6('::/0') }],
            },
            {
              GroupId: 'sg-db',
              VpcId: 'vpc-a',
              IpPermissions: [tcp(5432, v6('2600:1f18:a::/56')), tcp(443, v6('::/0')), { IpProtocol: 'icmp', FromPort: -1, ToPort: -1, ...v6('::/0') }],
              IpPermissionsEgress: [{ IpProtocol: '-1', ...v6('::/0') }],
            },
            { GroupId: 'sg-b', VpcId: 'vpc-b', IpPermissions: [tcp(22, v6('2600:1f18:a::/56'))], IpPermissionsEgress: [{ IpProtocol: '-1', ...v6('::/0') }] },
          ],
          NetworkInterfaces: [
            eni('eni-web', 'subnet-pub', 'vpc-a', '10.0.1.10', ['sg-web'], { ipv6: '2600:1f18:a:1::10', publicIp: '54.0.0.10', instanceId: 'i-web' }),
            eni('eni-plain', 'subnet-pub', 'vpc-a', '10.0.1.30', ['sg-web'], { instanceId: 'i-plain' }),
            eni('eni-db', 'subnet-priv', 'vpc-a', '10.0.2.20', ['sg-db'], { ipv6: '2600:1f18:a:2::20', prefix: '2600:1f18:a:2:1::/80', instanceId: 'i-db' }),
            eni('eni-b', 'subnet-b', 'vpc-b', '10.1.1.5', ['sg-b'], { ipv6: '2600:1f18:b:1::5', instanceId: 'i-b' }),
            eni('eni-nat', 'subnet-pub', 'vpc-a', '10.0.1.100', [], { publicIp: '3.3.3.3', type: 'nat_gateway' }),
            { ...eni('eni-v6', 'subnet-v6', 'vpc-a', '', ['sg-web'], { ipv6: '2600:1f18:a:3::30', instanceId: 'i-v6' }), PrivateIpAddress: undefined, PrivateIpAddresses: [] },
          ],
          Reservations: [
            { Instances: [instance('i-web', 'eni-web', 'subnet-pub', 'vpc-a'), instance('i-plain', 'eni-plain', 'subnet-pub', 'vpc-a')] },
            { Instances: [instance('i-db', 'eni-db', 'subnet-priv', 'vpc-a'), instance('i-b', 'eni-b', 'subnet-b', 'vpc-b')] },
            { Instances: [instance('i-v6', 'eni-v6', 'subnet-v6', 'vpc-a')] },
          ],
        },
      },
    },
    errors: [],
  };
}
