// The engine on the real Batfish snapshots in test/fixtures/batfish. Every
// expectation was worked out by hand from the describe JSON (quoted in the
// comments) and AWS semantics, before running the engine.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSnapshot } from '../../../shared/api/snapshot/node.js';
import type { NetworkModel } from '../../../shared/model/types.js';
import { analyze, drop, hopIds } from './analyze-helper.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const sample = (name: string) => path.resolve(repoRoot, 'test/fixtures/batfish', name);

async function load(name: string): Promise<NetworkModel> {
  return (await openSnapshot(sample(name))).model;
}

describe('test-nat-gateway (one VPC 10.1.0.0/16: public subnet with a jump host and nat-07ab..., private subnets behind it)', () => {
  let model: NetworkModel;
  beforeAll(async () => {
    model = await load('test-nat-gateway');
  });

  it('Subnet 1 reaches the internet through the NAT gateway and its Elastic IP', () => {
    // rtb-02fe... (Subnet 1): 0.0.0.0/0 -> nat-07ab...; the NAT sits in the public subnet whose ACL acl-0792...
    // admits rule 200 "-1 0.0.0.0/0" inbound and "-1" outbound; rtb-0ddf... sends 0.0.0.0/0 to igw-0717...
    const result = analyze(model, { from: 'i-0a128d26e59be60f3', to: '203.0.113.10', port: 443 });
    expect(result.verdict).toBe('reachable');
    expect(hopIds(result)).toEqual(expect.arrayContaining(['nat-gateway:nat-07ab4846da51f4612:transit', 'route-table:rtb-0ddf14681733ed0b7:transit', 'internet-gateway:igw-071753b9c23d8a9b2:transit']));
    expect(result.return!.hops[0]!.detail).toContain('3.135.127.225');
  });

  it('Subnet 20 has no association and falls back to the main table, which holds only the local route', () => {
    // subnet-02ff... is in no RouteTables association; rtb-0e16... is Main with 10.1.0.0/16 local only.
    expect(drop(analyze(model, { from: 'i-0a73a1a6021c03ddb', to: '203.0.113.10', port: 443 }))).toEqual({ verdict: 'unreachable', kind: 'route-table', id: 'rtb-0e169c4a1e0b27b55', code: 'NO_ROUTE_TO_DESTINATION', leg: 'forward' });
  });

  it('the jump host takes SSH from the internet at its public IP 18.216.129.140', () => {
    // sg-0253... allows tcp 22 from 0.0.0.0/0; the public subnet routes replies to the gateway.
    const result = analyze(model, { from: 'internet', to: 'i-0b31b509174d7f5de', port: 22 });
    expect(result.verdict).toBe('reachable');
    expect(result.resolved.to.ip).toBe('18.216.129.140');
    // HTTP is not in sg-0253...
    expect(drop(analyze(model, { from: 'internet', to: 'i-0b31b509174d7f5de', port: 80 }))).toMatchObject({ kind: 'security-group', id: 'sg-0253af84ae6485905', code: 'ENI_SG_RULES_MISMATCH' });
  });

  it('nobody on the internet can open a connection to the NAT gateway or to a private instance', () => {
    expect(drop(analyze(model, { from: 'internet', to: '3.135.127.225', port: 22 }))).toMatchObject({ kind: 'nat-gateway', id: 'nat-07ab4846da51f4612', code: 'NGW_INBOUND_CONNECTION' });
    expect(drop(analyze(model, { from: 'internet', to: 'i-0a128d26e59be60f3', port: 22 }))).toMatchObject({ kind: 'internet-gateway', id: 'igw-071753b9c23d8a9b2', code: 'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS' });
  });

  it('`all` traffic passes the ACLs (their -1 entries) but not the NAT gateway', () => {
    // acl-0792... inbound rule 100 is ICMP only, so "all" falls to rule 200 "-1 allow".
    expect(drop(analyze(model, { from: 'i-0a128d26e59be60f3', to: '203.0.113.10', protocol: 'all' }))).toMatchObject({ kind: 'nat-gateway', id: 'nat-07ab4846da51f4612', code: 'PROTOCOL_RESTRICTION' });
  });
});

describe('test-public-private-subnet (vpc-0b96... 10.0.0.0/16: public subnet 10.0.0.0/24 via igw-0eac..., private 10.0.1.0/24 on the main table)', () => {
  let model: NetworkModel;
  beforeAll(async () => {
    model = await load('test-public-private-subnet');
  });

  it('the public instance takes SSH from the internet; the private one has no public IP', () => {
    // i-094a... has 13.58.55.60 and sg-0662... (tcp 22 from 0.0.0.0/0); i-099c... has no public IP.
    expect(analyze(model, { from: 'internet', to: 'i-094a9e5b545a4fde4', port: 22 }).verdict).toBe('reachable');
    expect(drop(analyze(model, { from: 'internet', to: 'i-099cf38911942421c', port: 22 }))).toMatchObject({ kind: 'internet-gateway', id: 'igw-0eac198308206c358', code: 'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS' });
  });

  it("the private subnet's default route goes to a virtual private gateway whose only VPN has no route there: dropped at the VGW", () => {
    // rtb-002f... (main): 0.0.0.0/0 -> vgw-0700...; the VGW's one connection vpn-0504... is StaticRoutesOnly with the
    // single static route 19.168.0.0/16, so the VGW has no route to 203.0.113.10 (Site-to-Site VPN User Guide,
    // "Static and dynamic routing", https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html).
    expect(drop(analyze(model, { from: 'i-099cf38911942421c', to: '203.0.113.10', port: 443 }))).toEqual({ verdict: 'unreachable', kind: 'vpn-gateway', id: 'vgw-070087240d6fa2989', code: 'NO_ROUTE_TO_DESTINATION', leg: 'forward' });
    // 19.168.1.1 is covered by that static route, but both tunnels are DOWN in VgwTelemetry: BAD_STATE_VPN.
    expect(drop(analyze(model, { from: 'i-099cf38911942421c', to: '19.168.1.1', port: 443 }))).toEqual({ verdict: 'unreachable', kind: 'vpn-connection', id: 'vpn-05044757278685fd3', code: 'BAD_STATE_VPN', leg: 'forward' });
  });

  it('inside the VPC the local route carries SSH from the public to the private instance', () => {
    // sg-063f... (private instance) allows tcp 22 from 0.0.0.0/0; the default ACL allows everything.
    expect(analyze(model, { from: 'i-094a9e5b545a4fde4', to: 'i-099cf38911942421c', port: 22 }).verdict).toBe('reachable');
  });
});

describe('test-vpc-peering (hub vpc-0404... 10.10.0.0/16 peered with two VPCs that both use 192.168.0.0/16)', () => {
  let model: NetworkModel;
  beforeAll(async () => {
    model = await load('test-vpc-peering');
  });

  it('each spoke reaches the hub over its own peering, and the hub routes back per /24', () => {
    // vpc-00a3...: 10.10.0.0/16 -> pcx-0b89...; hub rtb-0891...: 192.168.1.0/24 -> pcx-0b89..., 192.168.2.0/24 -> pcx-0d5b...
    const fromA = analyze(model, { from: 'i-0b14080af811fda3d', to: 'i-06ba034d88c84ef07', port: 22 });
    expect(fromA.verdict).toBe('reachable');
    expect(hopIds(fromA)).toContain('peering:pcx-0b89b559e3319d6cf:transit');
    expect(hopIds(fromA, 'return')).toContain('peering:pcx-0b89b559e3319d6cf:transit');
    const fromB = analyze(model, { from: 'i-04a292ff83b3aa833', to: 'i-06ba034d88c84ef07', port: 22 });
    expect(fromB.verdict).toBe('reachable');
    expect(hopIds(fromB)).toContain('peering:pcx-0d5b836985ac8ca8c:transit');
  });

  it('the spokes cannot reach each other: 192.168.2.229 is local to the first spoke, where no subnet holds it', () => {
    // vpc-00a3... routes 192.168.0.0/16 locally and has only 192.168.1.0/24: peering is not transitive anyway.
    expect(drop(analyze(model, { from: 'i-0b14080af811fda3d', to: 'i-04a292ff83b3aa833', port: 22 }))).toEqual({ verdict: 'unreachable', kind: 'vpc', id: 'vpc-00a31ce9d0c06675c', code: 'NO_ROUTE_TO_DESTINATION', leg: 'forward' });
  });

  it("the first spoke's default route is a blackhole", () => {
    // rtb-017c...: 0.0.0.0/0 -> igw-0a2c... State "blackhole".
    expect(drop(analyze(model, { from: 'i-0b14080af811fda3d', to: '203.0.113.10', port: 443 }))).toMatchObject({ kind: 'route-table', id: 'rtb-017c36290c9baf017', code: 'BAD_STATE_ROUTE' });
  });

  it('ping from the hub is refused by the spoke security group (tcp 22 only)', () => {
    expect(drop(analyze(model, { from: 'i-06ba034d88c84ef07', to: '192.168.1.106', protocol: 'icmp' }))).toMatchObject({ kind: 'security-group', id: 'sg-065c26b39e45ae384', code: 'ENI_SG_RULES_MISMATCH' });
  });
});

describe('test-transit-gateway (vpc-00a3... 192.168.0.0/16 in us-east-2b and vpc-0404... 10.10.0.0/16, attached to tgw-044b... only in us-east-2c)', () => {
  let model: NetworkModel;
  beforeAll(async () => {
    model = await load('test-transit-gateway');
  });

  it('reaches the instance in the attachment subnet through propagated routes, both ways', () => {
    // tgw-rtb-0fa4... has no static routes; both VPC attachments propagate into it.
    const result = analyze(model, { from: 'i-0b14080af811fda3d', to: 'i-06ba034d88c84ef07', port: 22 });
    expect(result.verdict).toBe('reachable');
    expect(hopIds(result)).toEqual(expect.arrayContaining(['tgw-attachment:tgw-attach-0ae2696617bb06fb4:transit', 'tgw-route-table:tgw-rtb-0fa40c8df355dce6e:transit', 'tgw-attachment:tgw-attach-07f5ec59e9f540021:transit']));
  });

  it('the instance in us-east-2a receives but cannot reply: the attachment has no subnet in its AZ', () => {
    // tgw-attach-07f5... has SubnetIds ["subnet-006a..."] (us-east-2c); i-075e... is in subnet-0b5b... (us-east-2a).
    const result = analyze(model, { from: 'i-0b14080af811fda3d', to: 'i-075e846ed41670385', port: 22 });
    expect(result.forward.delivered).toBe(true);
    expect(drop(result)).toEqual({ verdict: 'unreachable', kind: 'tgw-attachment', id: 'tgw-attach-07f5ec59e9f540021', code: 'TGW_ROUTE_AZ_RESTRICTION', leg: 'return' });
    // Started from there, the same rule stops the request.
    expect(drop(analyze(model, { from: 'i-075e846ed41670385', to: 'i-0b14080af811fda3d', port: 22 }))).toMatchObject({ id: 'tgw-attach-07f5ec59e9f540021', code: 'TGW_ROUTE_AZ_RESTRICTION', leg: 'forward' });
  });

  it('the first VPC still reaches the internet at its public IP', () => {
    // rtb-017c...: 0.0.0.0/0 -> igw-0a48... (active here); i-0b14... has 3.136.41.161.
    expect(analyze(model, { from: 'i-0b14080af811fda3d', to: '203.0.113.10', port: 443 }).verdict).toBe('reachable');
  });
});

describe('test-load-balancer (vpc-015b... 10.1.0.0/16: internal NLB test-lb with nodes in us-east-2a and 2b, a jump host in 2c)', () => {
  let model: NetworkModel;
  beforeAll(async () => {
    model = await load('test-load-balancer');
  });
  const LB = 'arn:aws:elasticloadbalancing:us-east-2:554773406868:loadbalancer/net/test-lb/725b996cb6be8fba';

  it('the jump host reaches test-lb on TCP 80 and, through it, i-0f4a... on port 22 (the registered target port)', () => {
    // LoadBalancerListeners: TCP:80 -> test-lb-tg; LoadBalancerTargetHealth: i-0f4a... (10.1.20.95, 2a) and
    // i-055b... (10.1.1.189, 2b), both "healthy", registered on port 22. The NLB has no security groups; no
    // TargetGroupAttributes, so AWS's default for instance targets applies: client IP preservation on, and the
    // target sees the jump host 10.1.250.112, which sg-09da... admits on tcp 22 from 0.0.0.0/0. Every subnet
    // shares acl-0388... (all allowed). Healthy targets ordered by zone: 2a first, through its own node 10.1.20.123.
    const result = analyze(model, { from: 'i-0c8ce8bbdd98cc4e8', to: 'test-lb', port: 80 });
    expect(result.verdict).toBe('reachable');
    expect(result.resolved.to).toEqual({ kind: 'load-balancer', id: LB, name: 'test-lb', ip: '10.1.20.123' });
    expect(result.forward.hops.at(-1)).toMatchObject({ kind: 'eni', id: 'eni-02e730a1b02dbc756', action: 'deliver' });
    expect(result.forward.hops.find((hop) => hop.action === 'translate')!.rule).toMatchObject({ sourceIp: '10.1.250.112', preserveClientIp: true });
    expect(result.targets!.map((t) => [t.target.id, t.target.port, t.verdict])).toEqual([
      ['i-0f4af951d61a19245', 22, 'reachable'],
      ['i-055b0db7be365202c', 22, 'reachable'],
    ]);
    // both health checks (TCP, traffic-port = 22) pass the network, as AWS's "healthy" says
    expect(result.targets!.map((t) => [t.health.collected?.state, t.health.computed?.verdict, t.health.disagreement])).toEqual([
      ['healthy', 'reachable', null],
      ['healthy', 'reachable', null],
    ]);
  });

  it('the load balancer by its DNS name is the same answer; port 22 on it has no listener', () => {
    const byDns = analyze(model, { from: 'i-0c8ce8bbdd98cc4e8', to: 'test-lb-725b996cb6be8fba.elb.us-east-2.amazonaws.com', port: 80 });
    expect(byDns.verdict).toBe('reachable');
    // test-lb listens on TCP:80 only; the NLB has no security group to stop port 22 first
    expect(drop(analyze(model, { from: 'i-0c8ce8bbdd98cc4e8', to: 'test-lb', port: 22 }))).toEqual({
      verdict: 'unreachable',
      kind: 'listener',
      id: 'arn:aws:elasticloadbalancing:us-east-2:554773406868:listener/net/test-lb/725b996cb6be8fba/bad604160f6b5da7',
      code: 'ELBV2_LISTENER_PORT_RESTRICTION',
      leg: 'forward',
    });
  });

  it('the internet cannot reach the internal test-lb: its nodes have no public address', () => {
    // Scheme "internal"; the node ENIs carry no Association (no public IP): the internet asks for a private address
    expect(analyze(model, { from: 'internet', to: 'test-lb', port: 80 }).verdict).toBe('unreachable');
  });
});
