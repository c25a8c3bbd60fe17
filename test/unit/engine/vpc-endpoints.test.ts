// VPC endpoints.
//  - Gateway endpoints (S3, DynamoDB): a route whose destination is the
//    service's prefix list and whose target is the endpoint; only addresses in
//    the list take it, by longest prefix (AWS PrivateLink guide, "Gateway
//    endpoints", https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html;
//    VPC User Guide, "Route priority", https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html).
//    A gateway endpoint carries TCP and ICMP echo only (Reachability Analyzer,
//    VPCE_GATEWAY_PROTOCOL_RESTRICTION, https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html).
//  - Interface endpoints: ENIs in their subnets with the endpoint's security
//    groups, which must admit the client ("Access an AWS service using an
//    interface VPC endpoint", https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html).
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/model/errors.js';
import { twoSubnetVpc, type AclRule, type Network } from '../../fixtures/engine/network.js';
import { analyze, drop, hopIds } from './analyze-helper.js';

const S3_LIST = 'pl-63a5400a';
const S3_ADDRESS = '52.216.8.10';

/** twoSubnetVpc, with S3's prefix list (52.216.0.0/15, 54.231.0.0/16) and a gateway endpoint vpce-s3 routed from the private subnet's table. */
function s3Network(options: { privateAcl?: { inbound?: AclRule[]; outbound?: AclRule[] }; privateRoutes?: [string, string, string?][] } = {}): Network {
  const network = twoSubnetVpc({ privateAcl: options.privateAcl });
  network.add('PrefixLists', { PrefixListId: S3_LIST, PrefixListName: 'com.amazonaws.us-east-1.s3', Cidrs: ['52.216.0.0/15', '54.231.0.0/16'] });
  network.add('VpcEndpoints', { VpcEndpointId: 'vpce-s3', VpcId: 'vpc-a', VpcEndpointType: 'Gateway', ServiceName: 'com.amazonaws.us-east-1.s3', State: 'available', RouteTableIds: ['rtb-s3'] });
  // subnet-priv gets its own table: local, S3's prefix list to the endpoint, and whatever else the test gives.
  return network.routeTable('rtb-s3', 'vpc-a', { subnets: ['subnet-priv'], routes: [['10.0.0.0/16', 'local'], [S3_LIST, 'vpce-s3'], ...(options.privateRoutes ?? [])] });
}

describe('gateway VPC endpoints', () => {
  it('an S3 address goes through the gateway endpoint, and S3 replies back through it', () => {
    // i-app (10.0.2.20) has no public IP and no internet route: only the endpoint can carry it.
    const result = analyze(s3Network().build(), { from: 'i-app', to: S3_ADDRESS, port: 443 });
    expect(result.verdict).toBe('reachable');
    expect(hopIds(result).slice(-2)).toEqual(['route-table:rtb-s3:transit', 'vpc-endpoint:vpce-s3:ingress']);
    expect(result.forward.hops.find((hop) => hop.kind === 'route-table')!.rule).toMatchObject({ route: { DestinationPrefixListId: S3_LIST, GatewayId: 'vpce-s3' } });
    expect(hopIds(result, 'return')).toEqual(['vpc-endpoint:vpce-s3:transit', 'network-acl:acl-priv:ingress', 'security-group:sg-app:ingress', 'eni:eni-app:ingress']);
    expect(result.warnings.some((w) => w.includes('endpoint policy of vpce-s3'))).toBe(true);
  });

  it('a non-S3 address must not use the endpoint: it takes the next route, or none', () => {
    const noRoute = analyze(s3Network().build(), { from: 'i-app', to: '203.0.113.9', port: 443 });
    expect(drop(noRoute)).toEqual({ verdict: 'unreachable', kind: 'route-table', id: 'rtb-s3', code: 'NO_ROUTE_TO_DESTINATION', leg: 'forward' });
    expect(noRoute.forward.hops.some((hop) => hop.kind === 'vpc-endpoint')).toBe(false);
    // With a default route to the internet gateway, a non-S3 address goes there (and needs a public IP), an S3 one still takes the endpoint.
    const withDefault = s3Network({ privateRoutes: [['0.0.0.0/0', 'igw-a']] }).build();
    expect(drop(analyze(withDefault, { from: 'i-app', to: '203.0.113.9', port: 443 }))).toMatchObject({ kind: 'internet-gateway', code: 'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS' });
    expect(analyze(withDefault, { from: 'i-app', to: '54.231.1.1', port: 443 }).verdict).toBe('reachable');
  });

  it('a more specific CIDR route beats the prefix list: the longest prefix decides', () => {
    const model = s3Network({ privateRoutes: [['52.216.8.0/24', 'igw-a']] }).build();
    expect(drop(analyze(model, { from: 'i-app', to: S3_ADDRESS, port: 443 }))).toMatchObject({ kind: 'internet-gateway', code: 'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS' });
  });

  it('a gateway endpoint carries TCP and ICMP echo only (VPCE_GATEWAY_PROTOCOL_RESTRICTION)', () => {
    const model = s3Network().build();
    expect(drop(analyze(model, { from: 'i-app', to: S3_ADDRESS, protocol: 'udp', port: 53 }))).toEqual({ verdict: 'unreachable', kind: 'vpc-endpoint', id: 'vpce-s3', code: 'VPCE_GATEWAY_PROTOCOL_RESTRICTION', leg: 'forward' });
  });

  it("the subnet's network ACL judges the reply from S3 (stateless, the client's ephemeral port)", () => {
    const model = s3Network({ privateAcl: { inbound: [{ n: 100, action: 'allow', protocol: '6', cidr: '10.0.0.0/16' }] } }).build();
    expect(drop(analyze(model, { from: 'i-app', to: S3_ADDRESS, port: 443 }))).toEqual({ verdict: 'unreachable', kind: 'network-acl', id: 'acl-priv', code: 'SUBNET_ACL_RESTRICTION', leg: 'return' });
  });

  it("traffic from outside the endpoint's VPC (here over a transit gateway) cannot use it", () => {
    // PrivateLink guide, "Gateway endpoints": endpoint connections cannot be extended out of a VPC.
    // vpc-b's i-far (10.1.1.10) sends 0.0.0.0/0 to tgw-1, whose table sends it to vpc-a's attachment in subnet-priv,
    // whose table rtb-s3 routes S3's prefix list to vpce-s3.
    const network = s3Network()
      .vpc('vpc-b', '10.1.0.0/16')
      .subnet('subnet-b', 'vpc-b', '10.1.1.0/24')
      .routeTable('rtb-b', 'vpc-b', { main: true, routes: [['10.1.0.0/16', 'local'], ['0.0.0.0/0', 'tgw-1']] })
      .acl('acl-b', 'vpc-b', { isDefault: true, subnets: ['subnet-b'] })
      .group('sg-far', 'vpc-b', {})
      .instance('i-far', { subnet: 'subnet-b', ip: '10.1.1.10', groups: ['sg-far'] })
      .tgw('tgw-1')
      .tgwVpcAttachment('tgw-attach-a', 'tgw-1', 'vpc-a', ['subnet-priv'], 'tgw-rtb')
      .tgwVpcAttachment('tgw-attach-b', 'tgw-1', 'vpc-b', ['subnet-b'], 'tgw-rtb')
      .tgwRouteTable('tgw-rtb', 'tgw-1', [['0.0.0.0/0', 'tgw-attach-a'], ['10.1.0.0/16', 'tgw-attach-b']]);
    expect(drop(analyze(network.build(), { from: 'i-far', to: S3_ADDRESS, port: 443 }))).toEqual({ verdict: 'unreachable', kind: 'vpc-endpoint', id: 'vpce-s3', code: 'VPCE_GATEWAY_REQUIRES_SOURCE_IN_VPC', leg: 'forward' });
  });

  it('--to a gateway endpoint is exit 2, with a hint naming its prefix list', () => {
    const model = s3Network().build();
    expect(() => analyze(model, { from: 'i-app', to: 'vpce-s3', port: 443 })).toThrow(InputError);
    expect(() => analyze(model, { from: 'i-app', to: 'vpce-s3', port: 443 })).toThrow(`give an address in its service's prefix list ${S3_LIST} (e.g. 52.216.0.0/15) as --to`);
  });
});

describe('interface VPC endpoints', () => {
  /** vpce-sqs: an interface endpoint with its ENI 10.0.1.50 in subnet-pub and sg-vpce (tcp 443 from the given CIDR). */
  function interfaceNetwork(allowed: string): Network {
    return twoSubnetVpc()
      .group('sg-vpce', 'vpc-a', { ingress: [{ protocol: 'tcp', ports: [443, 443], cidr: allowed }] })
      .eni('eni-vpce', { subnet: 'subnet-pub', ip: '10.0.1.50', groups: ['sg-vpce'], type: 'vpc_endpoint', description: 'VPC Endpoint Interface vpce-sqs' })
      .add('VpcEndpoints', { VpcEndpointId: 'vpce-sqs', VpcId: 'vpc-a', VpcEndpointType: 'Interface', ServiceName: 'com.amazonaws.us-east-1.sqs', State: 'available', SubnetIds: ['subnet-pub'], NetworkInterfaceIds: ['eni-vpce'], Groups: [{ GroupId: 'sg-vpce', GroupName: 'sg-vpce' }] });
  }

  it("the endpoint's own security group must admit the client", () => {
    const admits = analyze(interfaceNetwork('10.0.2.0/24').build(), { from: 'i-app', to: 'vpce-sqs', port: 443 });
    expect(admits.verdict).toBe('reachable');
    expect(admits.resolved.to).toMatchObject({ kind: 'eni', id: 'eni-vpce', ip: '10.0.1.50' });
    // sg-vpce admits only 10.0.9.0/24: i-app (10.0.2.20) is refused at the endpoint's group.
    const refuses = analyze(interfaceNetwork('10.0.9.0/24').build(), { from: 'i-app', to: 'vpce-sqs', port: 443 });
    expect(drop(refuses)).toEqual({ verdict: 'unreachable', kind: 'security-group', id: 'sg-vpce', code: 'ENI_SG_RULES_MISMATCH', leg: 'forward' });
  });
});
