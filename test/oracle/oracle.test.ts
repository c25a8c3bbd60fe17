// The oracle itself, on two tiny networks written by hand (hand-networks.ts).
// Each expected answer below is reasoned from the JSON and DESIGN.md sections
// 3-4, step by step in the comment, never taken from a run.
import { describe, expect, it } from 'vitest';
import { oracleAnalyze, OracleInputError, type OracleFlow } from './oracle.js';
import { peeringAndNatNetwork, transitGatewayNetwork } from './hand-networks.js';

function blockedOf(snapshot: unknown, flow: OracleFlow) {
  const answer = oracleAnalyze(snapshot, flow);
  return { verdict: answer.verdict, blocked: answer.blocked };
}

const reachable = { verdict: 'reachable', blocked: null };
const drop = (id: string, kind: string, code: string, direction: 'forward' | 'return' = 'forward') => ({
  verdict: code === 'UNSUPPORTED_COMPONENT' || code === 'UNKNOWN_RESOURCE' ? 'unknown' : 'unreachable',
  blocked: { id, kind, code, direction },
});

describe('oracle on the peering + NAT network', () => {
  const net = peeringAndNatNetwork();

  it('web server with a public IP reaches the internet through igw-a, and the reply comes back to 54.0.0.10', () => {
    expect(blockedOf(net, { from: 'i-web', to: 'internet', protocol: 'tcp', port: 443 })).toEqual(reachable);
  });

  it('internet reaches the web server on 80 (sg-web allows 80 from anywhere; rtb-pub returns through igw-a)', () => {
    expect(blockedOf(net, { from: 'internet', to: 'i-web', protocol: 'tcp', port: 80 })).toEqual(reachable);
  });

  it('internet on 22: sg-web allows 22 only from 10.0.0.0/8, so the ENI\'s first group is named', () => {
    expect(blockedOf(net, { from: 'internet', to: 'i-web', protocol: 'tcp', port: 22 })).toEqual(drop('sg-web', 'security-group', 'ENI_SG_RULES_MISMATCH'));
  });

  it('internet asking for the database, which has no public IP: the VPC has igw-a, so igw-a names the private address', () => {
    expect(blockedOf(net, { from: 'internet', to: 'i-db', protocol: 'tcp', port: 5432 })).toEqual(
      drop('igw-a', 'internet-gateway', 'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS'),
    );
  });

  it('database reaches the internet through nat-a; the reply on 49152 passes acl-priv rule 110 (tcp 1024-65535)', () => {
    expect(blockedOf(net, { from: 'i-db', to: 'internet', protocol: 'tcp', port: 443 })).toEqual(reachable);
  });

  it('database pings the internet: the echo reply matches no inbound entry of acl-priv (all tcp) and meets the * deny', () => {
    expect(blockedOf(net, { from: 'i-db', to: 'internet', protocol: 'icmp' })).toEqual(drop('acl-priv', 'network-acl', 'SUBNET_ACL_RESTRICTION', 'return'));
  });

  it('protocol all through the NAT gateway: it carries only tcp, udp and icmp', () => {
    expect(blockedOf(net, { from: 'i-db', to: 'internet', protocol: 'all' })).toEqual(drop('nat-a', 'nat-gateway', 'PROTOCOL_RESTRICTION'));
  });

  it('web to database on 5432: acl-priv rule 100 admits 10.0.0.0/16, sg-db admits members of sg-web', () => {
    expect(blockedOf(net, { from: 'i-web', to: 'i-db', protocol: 'tcp', port: 5432 })).toEqual(reachable);
  });

  it('web to database on 22: no inbound entry of acl-priv covers tcp 22 (110 starts at 1024)', () => {
    expect(blockedOf(net, { from: 'i-web', to: 'i-db', protocol: 'tcp', port: 22 })).toEqual(drop('acl-priv', 'network-acl', 'SUBNET_ACL_RESTRICTION'));
  });

  it('a stopped instance at the far end is the answer before any path is walked', () => {
    expect(blockedOf(net, { from: 'i-web', to: 'i-stopped', protocol: 'tcp', port: 5432 })).toEqual(drop('eni-stopped', 'eni', 'BAD_STATE'));
  });

  it('web to B over the active peering, B (no ACL in the snapshot: default allow) returns over 10.0.0.0/8 -> pcx-ab', () => {
    expect(blockedOf(net, { from: 'i-web', to: 'i-b', protocol: 'tcp', port: 22 })).toEqual(reachable);
  });

  it('B has no route to the internet', () => {
    expect(blockedOf(net, { from: 'i-b', to: 'internet', protocol: 'tcp', port: 443 })).toEqual(drop('rtb-b', 'route-table', 'NO_ROUTE_TO_DESTINATION'));
  });

  it('B sends 10.2.0.5 into pcx-ab (10.0.0.0/8): outside A\'s 10.0.0.0/16, the peering is not transitive', () => {
    expect(blockedOf(net, { from: 'i-b', to: '10.2.0.5', protocol: 'tcp', port: 22 })).toEqual(drop('pcx-ab', 'peering', 'PCX_REQUIRES_ADDRESS_IN_VPC_CIDR'));
  });

  it('B routes 192.168.0.0/16 to igw-gone, which the snapshot does not hold', () => {
    expect(blockedOf(net, { from: 'i-b', to: '192.168.1.1', protocol: 'tcp', port: 22 })).toEqual(drop('rtb-b', 'route-table', 'UNKNOWN_RESOURCE'));
  });

  it('an address of B that no subnet covers: dropped by the VPC', () => {
    expect(blockedOf(net, { from: 'i-web', to: '10.1.200.5', protocol: 'tcp', port: 22 })).toEqual(drop('vpc-b', 'vpc', 'NO_ROUTE_TO_DESTINATION'));
  });

  it('an address of subnet-priv that nobody holds: after acl-priv admits 5432, the subnet drops it', () => {
    expect(blockedOf(net, { from: 'i-web', to: '10.0.2.99', protocol: 'tcp', port: 5432 })).toEqual(drop('subnet-priv', 'subnet', 'NO_ROUTE_TO_DESTINATION'));
  });

  it('the same unheld address on 22 is denied by acl-priv first', () => {
    expect(blockedOf(net, { from: 'i-web', to: '10.0.2.99', protocol: 'tcp', port: 22 })).toEqual(drop('acl-priv', 'network-acl', 'SUBNET_ACL_RESTRICTION'));
  });

  it('a route to the virtual private gateway vgw-1 is not modelled: unknown', () => {
    expect(blockedOf(net, { from: 'i-web', to: '172.16.5.5', protocol: 'tcp', port: 443 })).toEqual(drop('vgw-1', 'vpn-gateway', 'UNSUPPORTED_COMPONENT'));
  });

  it('a blackhole route drops whether or not its target (pcx-old) exists', () => {
    expect(blockedOf(net, { from: 'i-web', to: '10.9.0.1', protocol: 'tcp', port: 443 })).toEqual(drop('rtb-pub', 'route-table', 'BAD_STATE_ROUTE'));
  });

  it('a connection started toward the NAT gateway\'s own address (same subnet: no ACL, local route)', () => {
    expect(blockedOf(net, { from: 'i-web', to: 'nat-a', protocol: 'tcp', port: 80 })).toEqual(drop('nat-a', 'nat-gateway', 'NGW_INBOUND_CONNECTION'));
  });

  it('an internet host connecting to the NAT gateway\'s public IP', () => {
    expect(blockedOf(net, { from: 'internet', to: '3.3.3.3', protocol: 'tcp', port: 80 })).toEqual(drop('nat-a', 'nat-gateway', 'NGW_INBOUND_CONNECTION'));
  });

  it('internet to a server with a public IP in the private subnet: in through igw-a, but rtb-priv sends the reply to nat-a', () => {
    expect(blockedOf(net, { from: 'internet', to: 'i-pp', protocol: 'tcp', port: 80 })).toEqual(drop('rtb-priv', 'route-table', 'NO_ROUTE_TO_DESTINATION', 'return'));
  });

  it('web to that server\'s public IP: out through igw-a as 54.0.0.10, back in through igw-a, same return problem', () => {
    expect(blockedOf(net, { from: 'i-web', to: '54.0.0.40', protocol: 'tcp', port: 80 })).toEqual(drop('rtb-priv', 'route-table', 'NO_ROUTE_TO_DESTINATION', 'return'));
  });

  it('a reply that a return route sends into a NAT gateway which translated nothing is dropped at that route table', () => {
    // Without rtb-priv's route to B, i-pp's reply to 10.1.1.10 takes 0.0.0.0/0 -> nat-a: nat-a would
    // rewrite its source to 10.0.1.100, a reply i-b cannot match to its connection. DESIGN.md section 3,
    // "return through the translator": a return route that sends it elsewhere drops it there.
    const noReturnRoute = peeringAndNatNetwork();
    const rtb = noReturnRoute.accounts['111122223333']['us-east-1'].RouteTables.find((t: { RouteTableId: string }) => t.RouteTableId === 'rtb-priv');
    rtb.Routes = rtb.Routes.filter((r: { VpcPeeringConnectionId?: string }) => r.VpcPeeringConnectionId !== 'pcx-ab');
    expect(blockedOf(noReturnRoute, { from: 'i-b', to: 'i-pp', protocol: 'tcp', port: 80 })).toEqual(drop('rtb-priv', 'route-table', 'NO_ROUTE_TO_DESTINATION', 'return'));
  });

  describe('with a public-subnet ACL whose inbound ephemeral range is only 32768-65535', () => {
    // acl-default-a inbound becomes: 100 allow tcp 32768-65535 from anywhere, 110 allow all from 10.0.0.0/16, * deny.
    const narrow = peeringAndNatNetwork();
    const acl = narrow.accounts['111122223333']['us-east-1'].NetworkAcls.find((a: { NetworkAclId: string }) => a.NetworkAclId === 'acl-default-a');
    acl.Entries = [
      { RuleNumber: 100, Protocol: '6', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0', PortRange: { From: 32768, To: 65535 } },
      { RuleNumber: 110, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '10.0.0.0/16' },
      { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' },
      { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: true, CidrBlock: '0.0.0.0/0' },
      { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: true, CidrBlock: '0.0.0.0/0' },
    ];

    it('the web server\'s own reply port 49152 is inside the range: reachable', () => {
      expect(blockedOf(narrow, { from: 'i-web', to: 'internet', protocol: 'tcp', port: 443 })).toEqual(reachable);
    });

    it('a client source port of 20000 is outside it: the reply is denied there', () => {
      expect(blockedOf(narrow, { from: 'i-web', to: 'internet', protocol: 'tcp', port: 443, sourcePort: 20000 })).toEqual(
        drop('acl-default-a', 'network-acl', 'SUBNET_ACL_RESTRICTION', 'return'),
      );
    });

    it('through nat-a the reply may come to any port of 1024-65535, which the ACL narrows', () => {
      // forward: acl-priv out allows, acl-default-a in allows 10.0.2.20 (rule 110), out allows;
      // return: 198.51.100.1 -> 3.3.3.3 enters subnet-pub toward nat-a on a NAT-chosen port.
      expect(blockedOf(narrow, { from: 'i-db', to: 'internet', protocol: 'tcp', port: 443 })).toEqual(
        drop('acl-default-a', 'network-acl', 'SUBNET_ACL_RESTRICTION', 'return'),
      );
    });
  });

  it('refuses what is not a question', () => {
    expect(() => oracleAnalyze(net, { from: '10.0.2.99', to: 'i-web', protocol: 'tcp', port: 80 })).toThrow(OracleInputError);
    expect(() => oracleAnalyze(net, { from: 'i-web', to: 'i-db', protocol: 'tcp' })).toThrow(OracleInputError);
    expect(() => oracleAnalyze(net, { from: 'i-nope', to: 'i-db', protocol: 'tcp', port: 1 })).toThrow(OracleInputError);
  });
});

describe('oracle on the transit gateway network', () => {
  const net = transitGatewayNetwork();

  // AWS Transit Gateway guide, "Network ACLs for transit gateways": traffic
  // from instances to the transit gateway meets the attachment subnet's
  // inbound rules but not its outbound rules; traffic from the transit gateway
  // to instances in another subnet meets the attachment subnet's outbound rules.
  it('x1 -> y1 goes out (acl-xt outbound is not used toward the TGW) but the reply leaving the TGW in subnet-xt meets acl-xt outbound', () => {
    expect(blockedOf(net, { from: 'i-x1', to: 'i-y1', protocol: 'tcp', port: 22 })).toEqual(drop('acl-xt', 'network-acl', 'SUBNET_ACL_RESTRICTION', 'return'));
  });

  it('y1 -> x1 is dropped on the forward leg where it leaves the TGW through subnet-xt', () => {
    expect(blockedOf(net, { from: 'i-y1', to: 'i-x1', protocol: 'tcp', port: 22 })).toEqual(drop('acl-xt', 'network-acl', 'SUBNET_ACL_RESTRICTION'));
  });

  it('x2 lives in us-east-1b where X\'s attachment has no subnet', () => {
    expect(blockedOf(net, { from: 'i-x2', to: 'i-y1', protocol: 'tcp', port: 22 })).toEqual(drop('tgw-attach-x', 'tgw-attachment', 'TGW_ROUTE_AZ_RESTRICTION'));
  });

  it('10.30.0.0/16 is a static blackhole in tgw-rtb-1', () => {
    expect(blockedOf(net, { from: 'i-x1', to: '10.30.0.5', protocol: 'tcp', port: 22 })).toEqual(
      drop('tgw-rtb-1', 'tgw-route-table', 'TGW_RTB_BAD_STATE_ROUTE'),
    );
  });

  it('10.40.0.5 goes to the TGW (10.0.0.0/8) where neither a static nor a propagated route covers it', () => {
    expect(blockedOf(net, { from: 'i-x1', to: '10.40.0.5', protocol: 'tcp', port: 22 })).toEqual(
      drop('tgw-rtb-1', 'tgw-route-table', 'NO_ROUTE_TO_DESTINATION'),
    );
  });

  it('x1 -> x2 stays in the VPC (local route beats 10.0.0.0/8 -> tgw)', () => {
    expect(blockedOf(net, { from: 'i-x1', to: 'i-x2', protocol: 'udp', port: 53 })).toEqual(reachable);
  });
});
