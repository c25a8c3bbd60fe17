// Paths across accounts (issue "Across accounts"): each account's network
// as that account's describe calls return it, joined into one snapshot as
// `snapshot merge` joins them. Every expectation below is read off the
// networks written here and the AWS rule each test names.
import { describe, expect, it } from 'vitest';
import { accounts, Network, type Permission } from '../../fixtures/engine/network.js';
import { accountVpc, NETWORK, sharedTransitGateway, WORKLOAD_A, WORKLOAD_B } from '../../fixtures/engine/organization.js';
import { exposureOf } from '../../../shared/engine/exposure.js';
import { analyze, drop, hopIds } from './analyze-helper.js';

const ABSENT = '444444444444';

describe('VPC peering between accounts (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html)', () => {
  /** vpc-net (account N, 10.0/16) requested pcx-na with vpc-a (account A, 10.1/16); each account lists the peering. */
  function peered(options: { returnRoute?: boolean; ingressA?: Permission[] } = {}) {
    const net = accountVpc(NETWORK, 'net', 0, [['10.1.0.0/16', 'pcx-na']], [{ protocol: '-1', cidr: '10.0.0.0/8' }]);
    const a = accountVpc(WORKLOAD_A, 'a', 1, options.returnRoute === false ? [] : [['10.0.0.0/16', 'pcx-na']], options.ingressA ?? [{ protocol: 'tcp', ports: [22, 22], cidr: '10.0.0.0/16' }]);
    for (const side of [net, a]) side.peering('pcx-na', ['vpc-net', '10.0.0.0/16', NETWORK], ['vpc-a', '10.1.0.0/16', WORKLOAD_A]);
    return accounts([net, a]);
  }

  it('requester and accepter in different accounts: each side routes and filters with its own account\'s tables', () => {
    const { model, warnings } = peered();
    // the peering listed by both accounts is one peering, silently (identical copies)
    expect(model.peeringConnections.size).toBe(1);
    expect(warnings.filter((w) => w.includes('described'))).toEqual([]);
    const result = analyze(model, { from: 'i-net', to: 'i-a', port: 22 });
    expect(result.verdict).toBe('reachable');
    expect(hopIds(result)).toEqual(expect.arrayContaining(['route-table:rtb-net:transit', 'peering:pcx-na:transit', 'security-group:sg-a:ingress']));
    expect(hopIds(result, 'return')).toContain('route-table:rtb-a:transit');
    expect(model.routeTables.get('rtb-a')?.account).toBe(WORKLOAD_A);
    expect(model.routeTables.get('rtb-net')?.account).toBe(NETWORK);
  });

  it('the accepter account\'s missing route back drops the reply there (NO_ROUTE_TO_DESTINATION, return leg)', () => {
    const result = analyze(peered({ returnRoute: false }).model, { from: 'i-net', to: 'i-a', port: 22 });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'route-table', id: 'rtb-a', code: 'NO_ROUTE_TO_DESTINATION', leg: 'return' });
  });
});

describe('a security group referencing a peer account\'s group (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html)', () => {
  function referencing() {
    // sg-a (account A) allows tcp 22 from sg-net of account N, across pcx-na (UserId and VpcPeeringConnectionId)
    const ingress: Permission[] = [{ protocol: 'tcp', ports: [22, 22], group: 'sg-net', account: NETWORK, peering: 'pcx-na' }];
    const net = accountVpc(NETWORK, 'net', 0, [['10.1.0.0/16', 'pcx-na']], [{ protocol: '-1', cidr: '10.0.0.0/8' }])
      .group('sg-other', 'vpc-net', {})
      .instance('i-other', { subnet: 'subnet-net', ip: '10.0.1.20', groups: ['sg-other'] });
    const a = accountVpc(WORKLOAD_A, 'a', 1, [['10.0.0.0/16', 'pcx-na']], ingress);
    for (const side of [net, a]) side.peering('pcx-na', ['vpc-net', '10.0.0.0/16', NETWORK], ['vpc-a', '10.1.0.0/16', WORKLOAD_A]);
    return accounts([net, a]).model;
  }

  it('matches the members of the peer account\'s group across the same-region peering', () => {
    const result = analyze(referencing(), { from: 'i-net', to: 'i-a', port: 22 });
    expect(result.verdict).toBe('reachable');
    expect(result.forward.hops.find((hop) => hop.id === 'sg-a')?.action).toBe('allow');
  });

  it('does not match an instance of that account outside the group (ENI_SG_RULES_MISMATCH at sg-a)', () => {
    const result = analyze(referencing(), { from: 'i-other', to: 'i-a', port: 22 });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'security-group', id: 'sg-a', code: 'ENI_SG_RULES_MISMATCH', leg: 'forward' });
  });
});

describe('a transit gateway of account N with attachments from accounts A and B (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html, "Sharing a transit gateway")', () => {
  it('carries A to B through the route table that only N holds; the attachments come from A and B', () => {
    const { net, a, b } = sharedTransitGateway();
    const { model } = accounts([net, a, b]);
    const result = analyze(model, { from: 'i-a', to: 'i-b', port: 443 });
    expect(result.verdict).toBe('reachable');
    expect(hopIds(result)).toEqual(expect.arrayContaining(['tgw-attachment:tgw-attach-a:transit', 'tgw-route-table:tgw-rtb-1:transit', 'tgw-attachment:tgw-attach-b:transit']));
    expect(model.transitGatewayRouteTables.get('tgw-rtb-1')?.account).toBe(NETWORK);
    // the attachment seen by N (no subnets) and by A (its subnets): A, the VPC's owner, is kept
    expect(model.transitGatewayAttachments.get('tgw-attach-a')?.subnetIds).toEqual(['subnet-a']);
  });

  it('without the network account the path ends unknown at the attachment, naming the route table and its account', () => {
    const { a, b } = sharedTransitGateway();
    const result = analyze(accounts([a, b]).model, { from: 'i-a', to: 'i-b', port: 443 });
    expect(drop(result)).toEqual({ verdict: 'unknown', kind: 'tgw-attachment', id: 'tgw-attach-a', code: 'UNKNOWN_RESOURCE', leg: 'forward' });
    expect(result.blocked!.detail).toContain(`tgw-rtb-1 of account ${NETWORK} is not in this snapshot; collect it with --profile or --org-role`);
  });
});

describe('security-group references across a transit gateway (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html, "Security group referencing")', () => {
  // sg-b (account B) allows tcp 443 from sg-a of account A, which reaches it only through tgw-1
  const fromGroupA: Permission[] = [{ protocol: 'tcp', ports: [443, 443], group: 'sg-a', account: WORKLOAD_A }];
  const flow = { from: 'i-a', to: 'i-b', port: 443 };
  const model = (options: Parameters<typeof sharedTransitGateway>[0]) => {
    const { net, a, b } = sharedTransitGateway(options);
    return accounts([net, a, b]).model;
  };

  it('matches nothing while the transit gateway\'s option is at its default (disable)', () => {
    expect(drop(analyze(model({ ingressB: fromGroupA }), flow))).toEqual({ verdict: 'unreachable', kind: 'security-group', id: 'sg-b', code: 'ENI_SG_RULES_MISMATCH', leg: 'forward' });
  });

  it('an inbound rule matches the referenced group\'s members when the gateway enables it and the attachments keep their default (enable)', () => {
    const result = analyze(model({ tgwReferencing: 'enable', ingressB: fromGroupA }), flow);
    expect(result.verdict).toBe('reachable');
    expect(result.forward.hops.find((hop) => hop.id === 'sg-b')?.action).toBe('allow');
  });

  it('matches nothing when one VPC attachment disables it', () => {
    expect(drop(analyze(model({ tgwReferencing: 'enable', attachmentB: 'disable', ingressB: fromGroupA }), flow)).code).toBe('ENI_SG_RULES_MISMATCH');
  });

  it('an outbound rule referencing a group across the gateway matches nothing (inbound rules only)', () => {
    const egressToB: Permission[] = [{ protocol: 'tcp', ports: [443, 443], group: 'sg-b', account: WORKLOAD_B }];
    const result = analyze(model({ tgwReferencing: 'enable', egressA: egressToB }), flow);
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'security-group', id: 'sg-a', code: 'ENI_SG_RULES_MISMATCH', leg: 'forward' });
  });
});

describe('shared subnets (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-sharing.html)', () => {
  /** Account A owns vpc-a and shares subnet-shared (10.1.2.0/24) with account B, whose ENI there carries B's group. */
  function sharedSubnet(participantIngress: Permission[]) {
    const owner = accountVpc(WORKLOAD_A, 'a', 1, [], [{ protocol: '-1', cidr: '10.0.0.0/8' }])
      .subnet('subnet-shared', 'vpc-a', '10.1.2.0/24', 'us-east-1a', WORKLOAD_A)
      .routeTable('rtb-shared', 'vpc-a', { subnets: ['subnet-shared'], routes: [['10.1.0.0/16', 'local']] })
      .acl('acl-shared', 'vpc-a', { subnets: ['subnet-shared'] });
    // the participant sees the owner's VPC and the shared subnet as the owner describes them
    const participant = new Network(WORKLOAD_B)
      .add('Vpcs', owner.regionData().Vpcs![0]!)
      .subnet('subnet-shared', 'vpc-a', '10.1.2.0/24', 'us-east-1a', WORKLOAD_A)
      .group('sg-part', 'vpc-a', { ingress: participantIngress })
      .eni('eni-part', { subnet: 'subnet-shared', ip: '10.1.2.20', groups: ['sg-part'] });
    // the owner sees the participant's ENI in its subnet too (not the participant's group)
    owner.add('NetworkInterfaces', participant.regionData().NetworkInterfaces![0]!);
    return accounts([owner, participant]);
  }

  it('a participant\'s ENI in the owner\'s subnet is filtered by the participant\'s own group', () => {
    const { model, warnings } = sharedSubnet([{ protocol: 'tcp', ports: [22, 22], cidr: '10.1.1.0/24' }]);
    expect(model.subnets.get('subnet-shared')?.account).toBe(WORKLOAD_A);
    expect(model.securityGroups.get('sg-part')?.account).toBe(WORKLOAD_B);
    expect(warnings.filter((w) => w.includes('described'))).toEqual([]);
    const result = analyze(model, { from: 'i-a', to: 'eni-part', port: 22 });
    expect(result.verdict).toBe('reachable');
    expect(hopIds(result)).toEqual(expect.arrayContaining(['network-acl:acl-shared:ingress', 'security-group:sg-part:ingress']));
  });

  it('the participant\'s group decides the drop (ENI_SG_RULES_MISMATCH at sg-part)', () => {
    const result = analyze(sharedSubnet([{ protocol: 'tcp', ports: [443, 443], cidr: '10.1.1.0/24' }]).model, { from: 'i-a', to: 'eni-part', port: 22 });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'security-group', id: 'sg-part', code: 'ENI_SG_RULES_MISMATCH', leg: 'forward' });
  });

  /** The participant B alone, its owner A unreadable; `withOwnersAcl`: the shared subnet's ACL (A's) listed as well. */
  function participantAlone(withOwnersAcl: boolean) {
    const participant = new Network(WORKLOAD_B)
      .add('Vpcs', { VpcId: 'vpc-a', CidrBlock: '10.1.0.0/16', State: 'available', OwnerId: WORKLOAD_A })
      .subnet('subnet-shared', 'vpc-a', '10.1.2.0/24', 'us-east-1a', WORKLOAD_A)
      .routeTable('rtb-shared', 'vpc-a', { subnets: ['subnet-shared'], routes: [['10.1.0.0/16', 'local']] })
      .group('sg-part', 'vpc-a', { ingress: [] })
      .eni('eni-part', { subnet: 'subnet-shared', ip: '10.1.2.20', groups: ['sg-part'] });
    if (withOwnersAcl) participant.acl('acl-shared', 'vpc-a', { subnets: ['subnet-shared'] });
    const unreadableOwner = { account: WORKLOAD_A, region: '*', api: 'sts:AssumeRole', code: 'AccessDenied', message: 'not authorized to perform sts:AssumeRole' };
    return accounts([participant], [unreadableOwner]).model;
  }

  it('seen from the participant alone, the shared subnet\'s network ACL (the owner\'s) is unknown, not AWS\'s default ACL', () => {
    // the ACL of a shared subnet belongs to the VPC owner; the owner's role could not be assumed, so the snapshot cannot say
    const result = analyze(participantAlone(false), { from: 'eni-part', to: '10.1.9.9', port: 22 });
    expect(drop(result)).toEqual({ verdict: 'unknown', kind: 'subnet', id: 'subnet-shared', code: 'UNKNOWN_RESOURCE', leg: 'forward' });
    expect(result.blocked!.detail).toContain(`the network ACL of subnet-shared of account ${WORKLOAD_A} is not in this snapshot`);
  });

  it('seen from the participant alone, an address of the owner\'s VPC outside the shared subnet is unknown, not "no subnet covers it"', () => {
    const result = analyze(participantAlone(true), { from: 'eni-part', to: '10.1.9.9', port: 22 });
    expect(drop(result)).toEqual({ verdict: 'unknown', kind: 'vpc', id: 'vpc-a', code: 'UNKNOWN_RESOURCE', leg: 'forward' });
    expect(result.blocked!.detail).toContain(`of account ${WORKLOAD_A} is not in this snapshot`);
    expect(result.blocked!.detail).toContain('collect it with --profile or --org-role');
  });
});

describe('a path into an account the snapshot lacks ends unknown (UNKNOWN_RESOURCE), naming the account and the component', () => {
  /** vpc-net (account N) peers with vpc-x of account X, which was not collected. */
  function peeredWithAbsent(egress: Permission[] = [{ protocol: '-1', cidr: '0.0.0.0/0' }]) {
    const net = accountVpc(NETWORK, 'net', 0, [['10.9.0.0/16', 'pcx-nx']], [], egress).peering('pcx-nx', ['vpc-net', '10.0.0.0/16', NETWORK], ['vpc-x', '10.9.0.0/16', ABSENT]);
    return accounts([net]).model;
  }

  it('a peering to another account\'s VPC: unknown at the peering, with the VPC and its account', () => {
    const result = analyze(peeredWithAbsent(), { from: 'i-net', to: '10.9.1.5', port: 22 });
    expect(drop(result)).toEqual({ verdict: 'unknown', kind: 'peering', id: 'pcx-nx', code: 'UNKNOWN_RESOURCE', leg: 'forward' });
    expect(result.blocked!.detail).toContain(`vpc-x of account ${ABSENT} is not in this snapshot; collect it with --profile or --org-role`);
  });

  it('an outbound rule that names a group of that account cannot be judged for an address no ENI of the snapshot holds', () => {
    const result = analyze(peeredWithAbsent([{ protocol: 'tcp', ports: [22, 22], group: 'sg-x', account: ABSENT }]), { from: 'i-net', to: '10.9.1.5', port: 22 });
    expect(drop(result)).toEqual({ verdict: 'unknown', kind: 'security-group', id: 'sg-net', code: 'UNKNOWN_RESOURCE', leg: 'forward' });
    expect(result.blocked!.detail).toContain(`sg-x of account ${ABSENT} is not in this snapshot`);
  });
});

describe('exposure across the organization', () => {
  it('covers every account, each entry naming the account of its interface', () => {
    const web = (account: string, name: string, octet: number) =>
      new Network(account)
        .vpc(`vpc-${name}`, `10.${octet}.0.0/16`)
        .subnet(`subnet-${name}`, `vpc-${name}`, `10.${octet}.1.0/24`)
        .igw(`igw-${name}`, `vpc-${name}`)
        .acl(`acl-${name}`, `vpc-${name}`, { isDefault: true, subnets: [`subnet-${name}`] })
        .routeTable(`rtb-${name}`, `vpc-${name}`, { main: true, routes: [[`10.${octet}.0.0/16`, 'local'], ['0.0.0.0/0', `igw-${name}`]] })
        .group(`sg-${name}`, `vpc-${name}`, { ingress: [{ protocol: 'tcp', ports: [443, 443], cidr: '0.0.0.0/0' }] })
        .instance(`i-${name}`, { subnet: `subnet-${name}`, ip: `10.${octet}.1.10`, groups: [`sg-${name}`], publicIp: `54.0.${octet}.10` });
    const { model } = accounts([web(WORKLOAD_A, 'a', 1), web(WORKLOAD_B, 'b', 2)]);
    const entries = exposureOf(model).exposed.map((entry) => [entry.eni, entry.account]);
    expect(entries.sort()).toEqual([['eni-a', WORKLOAD_A], ['eni-b', WORKLOAD_B]]);
  });
});

describe('what a missing account holds is unknown, found by the differential run across accounts (test/oracle/differential-accounts.test.ts)', () => {
  const unreadable = (account: string) => ({ account, region: '*', api: 'sts:AssumeRole', code: 'AccessDenied', message: 'not authorized to perform sts:AssumeRole' });

  // https://docs.aws.amazon.com/vpc/latest/userguide/vpc-sharing.html: a participant's instances run in the
  // owner's shared subnet; the owner lists their interfaces, the instances stay the participant's
  it('a participant\'s interface listed by the subnet\'s owner, the participant missing: whether its instance runs is unknown (eni, UNKNOWN_RESOURCE)', () => {
    const owner = accountVpc(WORKLOAD_A, 'a', 1, [], [{ protocol: '-1', cidr: '10.0.0.0/8' }]).add('NetworkInterfaces', {
      NetworkInterfaceId: 'eni-part',
      SubnetId: 'subnet-a',
      VpcId: 'vpc-a',
      AvailabilityZone: 'us-east-1a',
      Status: 'in-use',
      OwnerId: WORKLOAD_B,
      PrivateIpAddress: '10.1.1.20',
      PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: '10.1.1.20' }],
      Groups: [{ GroupId: 'sg-part', GroupName: 'part' }],
      Attachment: { InstanceId: 'i-part', InstanceOwnerId: WORKLOAD_B, DeviceIndex: 0, Status: 'attached' },
    });
    const result = analyze(accounts([owner], [unreadable(WORKLOAD_B)]).model, { from: 'i-a', to: 'eni-part', port: 22 });
    expect(drop(result)).toEqual({ verdict: 'unknown', kind: 'eni', id: 'eni-part', code: 'UNKNOWN_RESOURCE', leg: 'forward' });
    expect(result.blocked!.detail).toContain(`its instance i-part of account ${WORKLOAD_B} is not in this snapshot`);
    // step 1 of the walk: the state of both ends comes before the path
    expect(result.forward.hops.map((hop) => hop.id)).toEqual(['eni-a', 'eni-part']);
  });

  // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html ("Route propagation"): a VPC attachment
  // propagates its VPC's CIDRs into the route table; the VPC of a missing account, and so its CIDRs, is unseen
  /**
   * tgw-1 of N, its table tgw-rtb-1 with `routes` and the propagations of
   * A's and B's attachments (and of N's own vpc-net 10.0.0.0/16, attached too,
   * with `withNetworkVpc`); B's account missing.
   */
  function propagatedFromMissing(routes: [string, string][], withNetworkVpc = false) {
    const own: [string, string][] = withNetworkVpc ? [['tgw-attach-n', 'vpc-net']] : [];
    const base = withNetworkVpc
      ? accountVpc(NETWORK, 'net', 0, [['10.1.0.0/16', 'tgw-1']], [{ protocol: '-1', cidr: '10.0.0.0/8' }]).tgwVpcAttachment('tgw-attach-n', 'tgw-1', 'vpc-net', ['subnet-net'], 'tgw-rtb-1')
      : new Network(NETWORK);
    const net = base
      .tgw('tgw-1', 'available', { owner: NETWORK })
      .tgwRouteTable('tgw-rtb-1', 'tgw-1', routes, [['tgw-attach-a', 'vpc-a'], ['tgw-attach-b', 'vpc-b'], ...own])
      .add('TransitGatewayAttachments', { TransitGatewayAttachmentId: 'tgw-attach-a', TransitGatewayId: 'tgw-1', TransitGatewayOwnerId: NETWORK, ResourceOwnerId: WORKLOAD_A, ResourceType: 'vpc', ResourceId: 'vpc-a', State: 'available', Association: { TransitGatewayRouteTableId: 'tgw-rtb-1', State: 'associated' } })
      .add('TransitGatewayAttachments', { TransitGatewayAttachmentId: 'tgw-attach-b', TransitGatewayId: 'tgw-1', TransitGatewayOwnerId: NETWORK, ResourceOwnerId: WORKLOAD_B, ResourceType: 'vpc', ResourceId: 'vpc-b', State: 'available', Association: { TransitGatewayRouteTableId: 'tgw-rtb-1', State: 'associated' } });
    const a = accountVpc(WORKLOAD_A, 'a', 1, [['10.0.0.0/8', 'tgw-1']], [])
      .tgw('tgw-1', 'available', { owner: NETWORK })
      .tgwVpcAttachment('tgw-attach-a', 'tgw-1', 'vpc-a', ['subnet-a'], 'tgw-rtb-1', { tgwOwner: NETWORK });
    return accounts([net, a], [unreadable(WORKLOAD_B)]).model;
  }

  it('no known route in a transit gateway route table that a missing account\'s VPC propagates into: unknown there, not "no route"', () => {
    const result = analyze(propagatedFromMissing([]), { from: 'i-a', to: '10.2.1.10', port: 443 });
    expect(drop(result)).toEqual({ verdict: 'unknown', kind: 'tgw-route-table', id: 'tgw-rtb-1', code: 'UNKNOWN_RESOURCE', leg: 'forward' });
    expect(result.blocked!.detail).toContain(`the VPC behind tgw-attach-b of account ${WORKLOAD_B} is not in this snapshot`);
  });

  it('a default route matches, but the missing VPC\'s propagated CIDR would be more specific: unknown, not the default route\'s way', () => {
    const result = analyze(propagatedFromMissing([['0.0.0.0/0', 'tgw-attach-a']]), { from: 'i-a', to: '10.2.1.10', port: 443 });
    expect(drop(result)).toEqual({ verdict: 'unknown', kind: 'tgw-route-table', id: 'tgw-rtb-1', code: 'UNKNOWN_RESOURCE', leg: 'forward' });
    expect(result.blocked!.detail).toContain('Route 0.0.0.0/0 of tgw-rtb-1 matches 10.2.1.10');
  });

  // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html (Limits): a CIDR that overlaps an attached VPC's is not propagated
  it('an address inside a VPC the snapshot holds, attached to the same gateway, cannot be in the missing VPC: the known routes decide', () => {
    // i-net (10.0.1.10) of vpc-net, whose propagated 10.0.0.0/16 the missing VPC cannot overlap
    const result = analyze(propagatedFromMissing([['0.0.0.0/0', 'tgw-attach-a']], true), { from: 'i-a', to: 'i-net', port: 443 });
    expect(result.verdict).toBe('reachable');
    expect(hopIds(result)).toEqual(expect.arrayContaining(['tgw-route-table:tgw-rtb-1:transit', 'tgw-attachment:tgw-attach-n:transit']));
  });

  // https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html: a rule applies to its protocol
  // and port range only, so a rule for other ports decides nothing, whatever its (unseen) group holds
  it('an outbound rule for another port naming a group of a missing account leaves the flow to the group\'s other rules', () => {
    const egress: Permission[] = [{ protocol: 'tcp', ports: [8443, 8443], group: 'sg-x', account: ABSENT }, { protocol: 'tcp', ports: [443, 443], cidr: '0.0.0.0/0' }];
    const net = accountVpc(NETWORK, 'net', 0, [['10.9.0.0/16', 'pcx-nx']], [], egress).peering('pcx-nx', ['vpc-net', '10.0.0.0/16', NETWORK], ['vpc-x', '10.9.0.0/16', ABSENT]);
    const result = analyze(accounts([net]).model, { from: 'i-net', to: '10.9.1.5', port: 22 });
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'security-group', id: 'sg-net', code: 'ENI_SG_RULES_MISMATCH', leg: 'forward' });
  });
});
