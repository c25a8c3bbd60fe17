// The model facts the engine relies on, each checked on a small hand-written
// network (describe-API shapes, as AWS returns them) whose expected values
// follow from AWS semantics, not from our output.
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../shared/aws/build-model.js';
import type { RawSnapshot } from '../../../shared/aws/raw.js';
import { parseRegionObject } from '../../../shared/aws/validate.js';
import { parseIpv4 } from '../../../shared/model/ipv4.js';
import { isUnreadable } from '../../../shared/model/unknowns.js';

const region = {
  Vpcs: [
    { VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16', CidrBlockAssociationSet: [{ CidrBlock: '10.0.0.0/16', CidrBlockState: { State: 'associated' } }, { CidrBlock: '10.1.0.0/16', CidrBlockState: { State: 'associated' } }, { CidrBlock: '10.9.0.0/16', CidrBlockState: { State: 'disassociated' } }], State: 'available' },
    { VpcId: 'vpc-2', CidrBlock: '172.16.0.0/16', State: 'available' },
  ],
  Subnets: [
    { SubnetId: 'subnet-explicit', VpcId: 'vpc-1', CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1a' },
    { SubnetId: 'subnet-implicit', VpcId: 'vpc-1', CidrBlock: '10.0.2.0/24', AvailabilityZone: 'us-east-1b' },
    { SubnetId: 'subnet-bare', VpcId: 'vpc-2', CidrBlock: '172.16.0.0/24', AvailabilityZone: 'us-east-1a' },
  ],
  RouteTables: [
    { RouteTableId: 'rtb-main', VpcId: 'vpc-1', Associations: [{ Main: true, RouteTableId: 'rtb-main' }], Routes: [{ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' }] },
    {
      RouteTableId: 'rtb-explicit',
      VpcId: 'vpc-1',
      Associations: [{ Main: false, SubnetId: 'subnet-explicit' }],
      Routes: [
        { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' },
        { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-0missing', State: 'active' },
        { DestinationIpv6CidrBlock: '::/0', GatewayId: 'igw-1', State: 'active' },
        { DestinationPrefixListId: 'pl-aws', GatewayId: 'vpce-1', State: 'active' },
      ],
    },
  ],
  NetworkAcls: [
    { NetworkAclId: 'acl-default', VpcId: 'vpc-1', IsDefault: true, Associations: [{ SubnetId: 'subnet-implicit' }], Entries: [] },
    {
      NetworkAclId: 'acl-custom',
      VpcId: 'vpc-1',
      IsDefault: false,
      Associations: [{ SubnetId: 'subnet-explicit' }],
      Entries: [
        { RuleNumber: 32767, Egress: false, Protocol: '-1', RuleAction: 'deny', CidrBlock: '0.0.0.0/0' },
        { RuleNumber: 200, Egress: false, Protocol: '6', RuleAction: 'allow', CidrBlock: '0.0.0.0/0', PortRange: { From: 1024, To: 65535 } },
        { RuleNumber: 100, Egress: false, Protocol: '6', RuleAction: 'deny', CidrBlock: '203.0.113.0/24', PortRange: { From: 22, To: 22 } },
        { RuleNumber: 150, Egress: false, Protocol: '1', RuleAction: 'allow', CidrBlock: '10.0.0.0/8', IcmpTypeCode: { Type: 8, Code: -1 } },
        { RuleNumber: 101, Egress: false, Protocol: '-1', RuleAction: 'allow', Ipv6CidrBlock: '::/0' },
        { RuleNumber: 100, Egress: true, Protocol: '17', RuleAction: 'allow', CidrBlock: '0.0.0.0/0', PortRange: { From: 53, To: 53 } },
      ],
    },
  ],
  SecurityGroups: [
    {
      GroupId: 'sg-web',
      GroupName: 'web',
      VpcId: 'vpc-1',
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 80,
          ToPort: 443,
          IpRanges: [{ CidrIp: '0.0.0.0/0' }, { CidrIp: '192.0.2.0/24', Description: 'office' }],
          Ipv6Ranges: [{ CidrIpv6: '::/0' }],
          PrefixListIds: [{ PrefixListId: 'pl-cust' }],
          UserIdGroupPairs: [{ GroupId: 'sg-app', UserId: '111' }],
        },
        { IpProtocol: 'icmp', FromPort: 8, ToPort: 0, IpRanges: [{ CidrIp: '10.0.0.0/8' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] },
      ],
      IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }],
    },
    { GroupId: 'sg-app', GroupName: 'app', VpcId: 'vpc-1', IpPermissions: [], IpPermissionsEgress: [] },
  ],
  PrefixLists: [{ PrefixListId: 'pl-aws', PrefixListName: 'com.amazonaws.us-east-1.s3', Cidrs: ['52.216.0.0/15', '54.231.0.0/17'] }],
  ManagedPrefixLists: [
    { PrefixListId: 'pl-cust', PrefixListName: 'offices', AddressFamily: 'IPv4', OwnerId: '111', Entries: [{ Cidr: '198.51.100.0/24' }, { Cidr: '203.0.113.0/25', Description: 'branch' }] },
  ],
  NetworkInterfaces: [
    {
      NetworkInterfaceId: 'eni-run',
      SubnetId: 'subnet-explicit',
      VpcId: 'vpc-1',
      AvailabilityZone: 'us-east-1a',
      Status: 'in-use',
      InterfaceType: 'interface',
      PrivateIpAddress: '10.0.1.10',
      PrivateIpAddresses: [{ PrivateIpAddress: '10.0.1.11', Primary: false }, { PrivateIpAddress: '10.0.1.10', Primary: true }],
      Groups: [{ GroupId: 'sg-web' }, { GroupId: 'sg-app' }],
      Attachment: { InstanceId: 'i-run', DeviceIndex: 0, Status: 'attached' },
    },
    { NetworkInterfaceId: 'eni-nozone', SubnetId: 'subnet-implicit', VpcId: 'vpc-1', Status: 'available', PrivateIpAddress: '10.0.2.30' },
  ],
  Addresses: [{ PublicIp: '198.51.100.7', AllocationId: 'eipalloc-1', NetworkInterfaceId: 'eni-run', PrivateIpAddress: '10.0.1.10' }],
  Reservations: [
    {
      Instances: [
        {
          InstanceId: 'i-run',
          State: { Code: 16, Name: 'running' },
          SubnetId: 'subnet-explicit',
          VpcId: 'vpc-1',
          Tags: [{ Key: 'Name', Value: 'web-1' }],
          NetworkInterfaces: [{ NetworkInterfaceId: 'eni-run', SubnetId: 'subnet-explicit', VpcId: 'vpc-1', PrivateIpAddress: '10.0.1.10', Attachment: { DeviceIndex: 0 } }],
        },
        {
          InstanceId: 'i-stop',
          State: { Code: 80, Name: 'stopped' },
          SubnetId: 'subnet-implicit',
          VpcId: 'vpc-1',
          Placement: { AvailabilityZone: 'us-east-1b' },
          NetworkInterfaces: [
            { NetworkInterfaceId: 'eni-stop-2', SubnetId: 'subnet-implicit', VpcId: 'vpc-1', PrivateIpAddress: '10.0.2.21', Attachment: { DeviceIndex: 1, Status: 'attached' } },
            {
              NetworkInterfaceId: 'eni-stop',
              SubnetId: 'subnet-implicit',
              VpcId: 'vpc-1',
              PrivateIpAddress: '10.0.2.20',
              PrivateIpAddresses: [{ PrivateIpAddress: '10.0.2.20', Primary: true }],
              Groups: [{ GroupId: 'sg-app' }],
              Attachment: { DeviceIndex: 0, Status: 'attached' },
              Status: 'in-use',
            },
          ],
        },
      ],
    },
  ],
};

const raw: RawSnapshot = {
  format: 'reachmap-snapshot/1',
  source: { kind: 'import' },
  accounts: { '111': { 'us-east-1': parseRegionObject(region, { file: 'fixture', path: '' }) } },
  errors: [{ account: '111', region: 'us-east-1', api: 'DescribeVpcEndpoints', code: 'UnauthorizedOperation', message: 'not allowed' }],
};
const { model, warnings } = buildModel(raw);
const ip = (text: string) => parseIpv4(text)!;

describe('route tables and ACLs a subnet uses', () => {
  it('an explicit association wins; otherwise the VPC main table', () => {
    expect(model.subnets.get('subnet-explicit')).toMatchObject({ routeTableId: 'rtb-explicit', routeTableIsExplicit: true });
    expect(model.subnets.get('subnet-implicit')).toMatchObject({ routeTableId: 'rtb-main', routeTableIsExplicit: false });
    expect(model.vpcs.get('vpc-1')?.mainRouteTableId).toBe('rtb-main');
  });

  it('an ACL association wins; otherwise the default ACL; a VPC without ACLs leaves it undefined', () => {
    expect(model.subnets.get('subnet-explicit')?.networkAclId).toBe('acl-custom');
    expect(model.subnets.get('subnet-implicit')?.networkAclId).toBe('acl-default');
    expect(model.vpcs.get('vpc-1')?.defaultNetworkAclId).toBe('acl-default');
    expect(model.subnets.get('subnet-bare')).toMatchObject({ routeTableId: undefined, networkAclId: undefined });
  });

  // https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html: IPv6 entries (Ipv6CidrBlock) share the numbering but judge only IPv6
  it('ACL entries are sorted by rule number per direction; IPv6 entries are kept apart, in their own order', () => {
    const acl = model.networkAcls.get('acl-custom')!;
    expect(acl.inbound.map((e) => e.ruleNumber)).toEqual([100, 150, 200, 32767]);
    expect(acl.outbound.map((e) => [e.ruleNumber, e.protocol, e.ports])).toEqual([[100, 17, { from: 53, to: 53 }]]);
    expect(acl.inbound[0]).toMatchObject({ action: 'deny', protocol: 6, ports: { from: 22, to: 22 }, icmp: undefined });
    expect(acl.inbound[1]).toMatchObject({ protocol: 1, icmp: { type: 8, code: -1 }, ports: undefined });
    expect(acl.inbound[3]).toMatchObject({ protocol: -1, action: 'deny', ports: undefined });
    expect(acl.inboundIpv6.map((e) => [e.ruleNumber, e.action, e.protocol, e.cidr.text, e.cidr.prefix])).toEqual([[101, 'allow', -1, '::/0', 0]]);
    expect(acl.outboundIpv6).toEqual([]);
    expect(warnings.some((w) => w.includes('IPv6'))).toBe(false);
  });

  it('routes: targets by kind, prefix-list destinations kept, IPv6 routes (DestinationIpv6CidrBlock) in their own list', () => {
    const routes = model.routeTables.get('rtb-explicit')!.routes;
    expect(routes.map((r) => r.target)).toEqual([
      { kind: 'local', id: 'local' },
      { kind: 'nat-gateway', id: 'nat-0missing' },
      { kind: 'vpc-endpoint', id: 'vpce-1' },
    ]);
    expect(routes[2]!.destination).toEqual({ kind: 'prefix-list', prefixListId: 'pl-aws' });
    const ipv6 = model.routeTables.get('rtb-explicit')!.ipv6Routes;
    expect(ipv6.map((r) => [r.destination.kind === 'cidr' ? r.destination.cidr.text : '', r.target])).toEqual([['::/0', { kind: 'internet-gateway', id: 'igw-1' }]]);
  });
});

describe('security groups', () => {
  it('one IpPermission becomes one rule per peer, with protocols as numbers', () => {
    const web = model.securityGroups.get('sg-web')!;
    // tcp 80-443 from two CIDRs, one IPv6 range, one prefix list and one group: 5 rules; then the ICMP rule
    expect(web.ingress.map((r) => [r.protocol, r.ports, r.peer.kind])).toEqual([
      [6, { from: 80, to: 443 }, 'cidr'],
      [6, { from: 80, to: 443 }, 'cidr'],
      [6, { from: 80, to: 443 }, 'cidr6'],
      [6, { from: 80, to: 443 }, 'prefix-list'],
      [6, { from: 80, to: 443 }, 'group'],
      [1, undefined, 'cidr'],
    ]);
    expect(web.ingress[1]!.description).toBe('office');
    expect(web.ingress[2]!.peer).toMatchObject({ kind: 'cidr6', cidr: { text: '::/0', prefix: 0, network: 0n } });
    expect(web.ingress[4]!.peer).toMatchObject({ kind: 'group', groupId: 'sg-app', userId: '111' });
    expect(web.ingress[5]!.icmp).toEqual({ type: 8, code: 0 });
    expect(web.egress).toHaveLength(1);
    expect(web.egress[0]).toMatchObject({ protocol: -1, ports: undefined, icmp: undefined });
    expect(warnings.some((w) => w.includes('IPv6'))).toBe(false);
  });

  it('a group with no rules has none; members are indexed', () => {
    expect(model.securityGroups.get('sg-app')!.ingress).toEqual([]);
    expect(model.indexes.enisBySecurityGroup.get('sg-app')!.map((e) => e.id).sort()).toEqual(['eni-run', 'eni-stop']);
    expect(model.indexes.enisBySecurityGroup.get('sg-web')!.map((e) => e.id)).toEqual(['eni-run']);
  });
});

describe('prefix lists', () => {
  it('AWS-managed PrefixLists with Cidrs and ManagedPrefixLists with Entries', () => {
    expect(model.prefixLists.get('pl-aws')).toMatchObject({ awsManaged: true, name: 'com.amazonaws.us-east-1.s3' });
    expect(model.prefixLists.get('pl-aws')!.cidrs.map((c) => c.text)).toEqual(['52.216.0.0/15', '54.231.0.0/17']);
    expect(model.prefixLists.get('pl-cust')).toMatchObject({ awsManaged: false, name: 'offices' });
    expect(model.prefixLists.get('pl-cust')!.cidrs.map((c) => c.text)).toEqual(['198.51.100.0/24', '203.0.113.0/25']);
  });
});

describe('instances and network interfaces', () => {
  it('a stopped instance is kept and marked, and its ENIs known only from DescribeInstances exist', () => {
    const stopped = model.instances.get('i-stop')!;
    expect(stopped.state).toBe('stopped');
    expect(stopped.networkInterfaceIds).toEqual(['eni-stop', 'eni-stop-2']);
    expect(stopped.primaryNetworkInterfaceId).toBe('eni-stop');
    expect(model.networkInterfaces.get('eni-stop')).toMatchObject({
      instanceId: 'i-stop',
      subnetId: 'subnet-implicit',
      availabilityZone: 'us-east-1b',
      primaryPrivateIp: ip('10.0.2.20'),
      securityGroupIds: ['sg-app'],
    });
    expect(model.networkInterfaces.has('eni-stop-2')).toBe(true);
    // an ENI record without its zone is in its subnet's zone (subnet-implicit: us-east-1b)
    expect(model.networkInterfaces.get('eni-nozone')).toMatchObject({ availabilityZone: 'us-east-1b', status: 'available', instanceId: undefined });
  });

  it('primary address first; the Elastic IP from DescribeAddresses becomes the public IP', () => {
    const eni = model.networkInterfaces.get('eni-run')!;
    expect(eni.privateAddresses.map((a) => a.ip)).toEqual([ip('10.0.1.10'), ip('10.0.1.11')]);
    expect(eni.publicIp).toBe(ip('198.51.100.7'));
    expect(eni.securityGroupIds).toEqual(['sg-web', 'sg-app']);
    expect(model.indexes.eniByPublicIp.get(ip('198.51.100.7'))?.id).toBe('eni-run');
    expect(model.indexes.enisByPrivateIp.get(ip('10.0.1.11'))?.map((e) => e.id)).toEqual(['eni-run']);
    expect(model.instances.get('i-run')?.name).toBe('web-1');
  });

  it('VPC CIDRs: every associated block, primary first, disassociated ones left out', () => {
    expect(model.vpcs.get('vpc-1')!.cidrs.map((c) => c.text)).toEqual(['10.0.0.0/16', '10.1.0.0/16']);
    expect(model.vpcs.get('vpc-1')!.subnetIds).toEqual(['subnet-explicit', 'subnet-implicit']);
  });
});

describe('what is missing or unreadable', () => {
  it('a route to an absent NAT gateway is a warning and a missing reference', () => {
    expect(model.missingReferences).toContainEqual({ id: 'nat-0missing', referencedBy: 'rtb-explicit', what: 'route 0.0.0.0/0 target' });
    expect(warnings.some((w) => w.includes('nat-0missing'))).toBe(true);
  });

  it('errors get their snapshot key from the API, and isUnreadable answers by key', () => {
    expect(model.errors[0]).toMatchObject({ api: 'DescribeVpcEndpoints', key: 'VpcEndpoints' });
    expect(isUnreadable(model, '111', 'us-east-1', 'VpcEndpoints')).toBe(true);
    expect(isUnreadable(model, '111', 'us-east-1', 'NetworkAcls')).toBe(false);
    expect(isUnreadable(model, '222', 'us-east-1', 'VpcEndpoints')).toBe(false);
  });
});

describe('snapshots built in memory', () => {
  it('are validated by buildModel: a bad value is a SnapshotError with its path, not a crash', () => {
    const inMemory = {
      format: 'reachmap-snapshot/1',
      source: { kind: 'aws-live' },
      accounts: { '111': { 'us-east-1': { SecurityGroups: [{ GroupId: 'sg-1', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.300/32' }] }] }] } } },
      errors: [],
    } as unknown as RawSnapshot;
    expect(() => buildModel(inMemory)).toThrow('snapshot: accounts.111.us-east-1.SecurityGroups[0].IpPermissions[0].IpRanges[0].CidrIp: "10.0.0.300/32" is not an IPv4 CIDR');
  });
});
