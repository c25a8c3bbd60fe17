// The engine on Batfish's VPC endpoint and VPN samples (test/fixtures/batfish).
// Every expectation was worked out by hand from the describe JSON (quoted in
// the comments) and AWS semantics:
//  - gateway endpoints: https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html
//  - interface endpoints: https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html
//  - VPN tunnels and routing: https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html,
//    https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSnapshot } from '../../../shared/api/snapshot/node.js';
import { InputError } from '../../../shared/model/errors.js';
import type { NetworkModel } from '../../../shared/model/types.js';
import { analyze, drop, hopIds } from './analyze-helper.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

async function load(name: string): Promise<NetworkModel> {
  return (await openSnapshot(path.resolve(repoRoot, 'test/fixtures/batfish', name))).model;
}

describe('test-vpc-endpoint-gateway (vpc-05d5... 10.1.0.0/16, S3 gateway endpoint vpce-0b73... on both subnet tables)', () => {
  let model: NetworkModel;
  beforeAll(async () => {
    model = await load('test-vpc-endpoint-gateway');
  });

  it('the private instance reaches S3 through the endpoint and nothing else', () => {
    // private-web01 (10.1.101.36, no public IP) in subnet-01e5..., table rtb-04f7...: 10.1.0.0/16 local, pl-63a5400a -> vpce-0b73...
    // pl-63a5400a (com.amazonaws.us-east-1.s3) holds 52.216.0.0/15; sg-0ba8... allows all out; acl-086b... allows all both ways.
    const s3 = analyze(model, { from: 'private-web01', to: '52.216.10.1', port: 443 });
    expect(s3.verdict).toBe('reachable');
    expect(hopIds(s3).at(-1)).toBe('vpc-endpoint:vpce-0b7357542bb7b83ec:ingress');
    expect(hopIds(s3, 'return')[0]).toBe('vpc-endpoint:vpce-0b7357542bb7b83ec:transit');
    // 8.8.8.8 is in no prefix list and the table has no other route: the endpoint is not used.
    expect(drop(analyze(model, { from: 'private-web01', to: '8.8.8.8', port: 443 }))).toEqual({ verdict: 'unreachable', kind: 'route-table', id: 'rtb-04f71fc2caa8d94cf', code: 'NO_ROUTE_TO_DESTINATION', leg: 'forward' });
    // DynamoDB's prefix list pl-02cd... (52.94.0.0/22) has no route to any endpoint here.
    expect(drop(analyze(model, { from: 'private-web01', to: '52.94.0.10', port: 443 }))).toMatchObject({ id: 'rtb-04f71fc2caa8d94cf', code: 'NO_ROUTE_TO_DESTINATION' });
  });

  it('the public instance sends S3 addresses to the endpoint (a /20 of the list beats 0.0.0.0/0) and the rest to the internet gateway', () => {
    // rtb-0efd... (subnet-0439...): 0.0.0.0/0 -> igw-0c8a..., pl-63a5400a -> vpce-0b73...; public-web01 has 18.206.223.222.
    const s3 = analyze(model, { from: 'public-web01', to: '3.5.1.1', port: 443 });
    expect(s3.verdict).toBe('reachable');
    expect(hopIds(s3)).toContain('vpc-endpoint:vpce-0b7357542bb7b83ec:ingress');
    const web = analyze(model, { from: 'public-web01', to: '8.8.8.8', port: 443 });
    expect(web.verdict).toBe('reachable');
    expect(hopIds(web)).toContain('internet-gateway:igw-0c8afe4471084ccba:transit');
  });

  it('--to the gateway endpoint itself is bad input naming its prefix list', () => {
    expect(() => analyze(model, { from: 'private-web01', to: 'vpce-0b7357542bb7b83ec', port: 443 })).toThrow(InputError);
    expect(() => analyze(model, { from: 'private-web01', to: 'vpce-0b7357542bb7b83ec', port: 443 })).toThrow(/prefix list pl-63a5400a/);
  });
});

describe('test-vpc-endpoint-interface (vpc-072d... 10.1.0.0/16, CloudTrail interface endpoint vpce-083c... with ENI 10.1.101.97)', () => {
  let model: NetworkModel;
  beforeAll(async () => {
    model = await load('test-vpc-endpoint-interface');
  });

  it("both instances reach the endpoint's ENI on 443, which its group testing_sg admits; port 80 it refuses", () => {
    // eni-0084... (vpc_endpoint, subnet-0bb8...) carries sg-0973... (testing_sg): tcp 22 and 443, udp 33434-33534, icmp from 0.0.0.0/0.
    const inSubnet = analyze(model, { from: 'private-web01', to: 'vpce-083c683a6be29b889', port: 443 });
    expect(inSubnet.verdict).toBe('reachable');
    expect(inSubnet.resolved.to).toMatchObject({ kind: 'eni', id: 'eni-0084b734451ba23ca', ip: '10.1.101.97' });
    // public-web01 is in subnet-0611...; the local route and acl-0111... (allow all) carry it across subnets.
    expect(analyze(model, { from: 'public-web01', to: 'vpce-083c683a6be29b889', port: 443 }).verdict).toBe('reachable');
    expect(drop(analyze(model, { from: 'public-web01', to: 'vpce-083c683a6be29b889', port: 80 }))).toEqual({ verdict: 'unreachable', kind: 'security-group', id: 'sg-0973207c61f3466e1', code: 'ENI_SG_RULES_MISMATCH', leg: 'forward' });
  });
});

describe('test-vpn-gateway (vpc-0b96... 10.0.0.0/16 whose main table sends 0.0.0.0/0 to vgw-0c09...; its BGP VPN has both tunnels down)', () => {
  let model: NetworkModel;
  beforeAll(async () => {
    model = await load('test-vpn-gateway');
  });

  it('every flow over the VPN is refused: BAD_STATE_VPN, both ways', () => {
    // vpn-0370... (available, StaticRoutesOnly false) on vgw-0c09...: VgwTelemetry 3.130.237.53 DOWN, 18.217.248.9 DOWN.
    // (vpn-0504... is deleted and belongs to another VGW.) 192.168.50.10 is covered by rtb-0d20...'s 0.0.0.0/0 -> vgw-0c09...
    const out = analyze(model, { from: 'i-099cf38911942421c', to: '192.168.50.10', port: 22 });
    expect(drop(out)).toEqual({ verdict: 'unreachable', kind: 'vpn-connection', id: 'vpn-03701a53bba3c48b7', code: 'BAD_STATE_VPN', leg: 'forward' });
    expect(out.resolved.to.kind).toBe('on-premises');
    const inbound = analyze(model, { from: '192.168.50.10', to: 'i-099cf38911942421c', port: 22 });
    expect(hopIds(inbound)[0]).toBe('on-premises:cgw-07affe708bb0e5fb6:egress');
    expect(drop(inbound)).toEqual({ verdict: 'unreachable', kind: 'vpn-connection', id: 'vpn-03701a53bba3c48b7', code: 'BAD_STATE_VPN', leg: 'forward' });
  });
});
