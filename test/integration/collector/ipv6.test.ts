// The IPv6 members of the describe APIs (issue 17 item 5) go through the real
// SDK and the local EC2 server (XML names from botocore's model) and come out
// in the model: VPC and subnet Ipv6CidrBlockAssociationSet, ENI Ipv6Addresses
// and Ipv6Prefixes, security-group Ipv6Ranges, ACL Ipv6CidrBlock entries,
// DestinationIpv6CidrBlock routes and EgressOnlyInternetGateways. The import
// warns about none of them.
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../shared/aws/build-model.js';
import { formatIpv6 } from '../../../shared/model/ipv6.js';
import type { RawSnapshot } from '../../../shared/aws/raw.js';
import { Network } from '../../fixtures/engine/network.js';
import { collectAllAccounts, isolateAwsEnvironment, semanticModel, serve } from './helpers.js';

function dualStack(): Network {
  return new Network()
    .vpc('vpc-a', '10.0.0.0/16', '2600:1f18:a::/56')
    .subnet('subnet-a', 'vpc-a', '10.0.1.0/24')
    .subnetIpv6('subnet-a', '2600:1f18:a:1::/64')
    .igw('igw-a', 'vpc-a')
    .eigw('eigw-a', 'vpc-a')
    .routeTable('rtb-a', 'vpc-a', { main: true, routes: [['10.0.0.0/16', 'local'], ['::/0', 'eigw-a'], ['2001:db8::/32', 'igw-a']] })
    .acl('acl-a', 'vpc-a', { isDefault: true, subnets: ['subnet-a'], inbound: [{ n: 100, action: 'allow', protocol: 'tcp', ports: [22, 22], cidr: '::/0' }] })
    .group('sg-a', 'vpc-a', { ingress: [{ protocol: 'tcp', ports: [22, 22], cidr: '::/0' }] })
    .instance('i-a', { subnet: 'subnet-a', ip: '10.0.1.5', groups: ['sg-a'], ipv6: ['2600:1f18:a:1::5', '2600:1f18:a:1::6'] })
    .add('NetworkInterfaces', {
      NetworkInterfaceId: 'eni-prefixes',
      SubnetId: 'subnet-a',
      VpcId: 'vpc-a',
      AvailabilityZone: 'us-east-1a',
      Status: 'in-use',
      InterfaceType: 'interface',
      PrivateIpAddress: '10.0.1.9',
      PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: '10.0.1.9' }],
      Ipv6Prefixes: [{ Ipv6Prefix: '2600:1f18:a:1:9::/80' }],
      Groups: [{ GroupId: 'sg-a', GroupName: 'sg-a' }],
    });
}

/** The snapshot served by the local AWS server and collected back with the real SDK; the server closed after. */
async function collectedBack(raw: RawSnapshot): Promise<{ collected: RawSnapshot; actions: string[] }> {
  isolateAwsEnvironment();
  const server = await serve(raw);
  try {
    return { collected: await collectAllAccounts(server, raw), actions: server.actions() };
  } finally {
    await server.close();
  }
}

describe('collector: IPv6 and dual-stack members', () => {
  it('collects every IPv6 member as it was, and the import keeps them without a warning', async () => {
    const { raw } = dualStack().snapshot();
    const { collected, actions } = await collectedBack(raw);
    expect(collected.errors).toEqual([]);
    expect(semanticModel(collected)).toEqual(semanticModel(raw));
    expect(actions).toContain('DescribeEgressOnlyInternetGateways');

    const { model, warnings } = buildModel(collected);
    expect(warnings.filter((w) => /ipv6/i.test(w))).toEqual([]);
    expect(model.vpcs.get('vpc-a')!.ipv6Cidrs.map((c) => c.text)).toEqual(['2600:1f18:a::/56']);
    expect(model.vpcs.get('vpc-a')!.egressOnlyInternetGatewayIds).toEqual(['eigw-a']);
    expect(model.subnets.get('subnet-a')!.ipv6Cidrs.map((c) => c.text)).toEqual(['2600:1f18:a:1::/64']);
    expect(model.networkInterfaces.get('eni-a')!.ipv6Addresses.map(formatIpv6)).toEqual(['2600:1f18:a:1::5', '2600:1f18:a:1::6']);
    expect(model.networkInterfaces.get('eni-prefixes')!.ipv6Prefixes.map((c) => c.text)).toEqual(['2600:1f18:a:1:9::/80']);
    expect(model.securityGroups.get('sg-a')!.ingress.map((r) => [r.peer.kind, r.peer.kind === 'cidr6' ? r.peer.cidr.text : ''])).toEqual([['cidr6', '::/0']]);
    expect(model.networkAcls.get('acl-a')!.inboundIpv6.map((e) => [e.ruleNumber, e.cidr.text])).toEqual([[100, '::/0']]);
    expect(model.routeTables.get('rtb-a')!.ipv6Routes.map((r) => [r.destination.kind === 'cidr' ? r.destination.cidr.text : '', r.target.id])).toEqual([
      ['::/0', 'eigw-a'],
      ['2001:db8::/32', 'igw-a'],
    ]);
    expect(model.egressOnlyInternetGateways.get('eigw-a')!.attachments).toEqual([{ vpcId: 'vpc-a', state: 'attached' }]);
  });

  it("collects a dual-stack load balancer's IpAddressType, its target group's, and its nodes' IPv6 addresses; the model keeps them", async () => {
    // DescribeLoadBalancers' IpAddressType and DescribeTargetGroups' IpAddressType (botocore elbv2 model);
    // the nodes are ENIs whose Ipv6Addresses DescribeNetworkInterfaces returns
    const { raw } = dualStack()
      .loadBalancer('front', { type: 'application', vpc: 'vpc-a', ipAddressType: 'dualstack', nodes: [['subnet-a', '10.0.1.50', '54.0.0.50', '2600:1f18:a:1::50']], groups: ['sg-a'], listeners: [{ port: 443, protocol: 'HTTPS', targetGroup: 'tg-front' }], attributes: {} })
      .targetGroup('tg-front', { vpc: 'vpc-a', protocol: 'HTTP', port: 80, loadBalancers: ['front'], targets: [['i-a', 'healthy']], attributes: {}, ipAddressType: 'ipv4' })
      .snapshot();
    const { collected } = await collectedBack(raw);
    expect(collected.errors).toEqual([]);
    const { model } = buildModel(collected);
    expect(model.loadBalancers.get('front')!.ipAddressType).toBe('dualstack');
    expect([...model.targetGroups.values()].map((g) => [g.name, g.ipAddressType])).toEqual([['tg-front', 'ipv4']]);
    expect(model.networkInterfaces.get('eni-front-0')!.ipv6Addresses.map(formatIpv6)).toEqual(['2600:1f18:a:1::50']);
  });
});
