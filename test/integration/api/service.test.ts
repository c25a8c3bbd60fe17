// The service every shell wraps, on the bundled demo. Expected values read by
// hand from assets/demo/demo-snapshot.json.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/api/errors.js';
import { createNodeReachmapService } from '../../../shared/api/service/node.js';

describe('the Node service on the demo', async () => {
  const service = await createNodeReachmapService();

  it('has nothing open at first, then opens the demo with its counts', async () => {
    await expect(service.currentSnapshot()).resolves.toBeNull();
    const summary = await service.openSnapshot();
    expect(summary.label).toBe('demo');
    // the workload account's 3 VPCs and the network account's acme-network (1 subnet, 2 instances, one ENI each);
    // prod's dual-stack prod-edge-a holds prod-status (F11): 19 subnets, 25 instances, 34 ENIs
    expect(summary.counts).toEqual({ vpcs: 4, subnets: 19, instances: 25, enis: 34 });
    expect(summary.regions).toEqual(
      expect.arrayContaining([
        { account: '111122223333', region: 'us-east-1' },
        { account: '111122223333', region: 'eu-west-1' },
      ]),
    );
    await expect(service.currentSnapshot()).resolves.toEqual(summary);
  });

  it('adds the internet beyond the three internet gateways and acme-network\'s egress-only gateway, and the facts that anchor hops', async () => {
    const graph = await service.graph();
    expect(graph.nodes.find((n) => n.id === 'internet')?.kind).toBe('internet');
    const toInternet = graph.edges.filter((e) => e.target === 'internet').map((e) => e.source).sort();
    expect(toInternet).toEqual(['eigw-0de00000000000500', 'igw-0de00000000000100', 'igw-0de00000000000200', 'igw-0de00000000000300']);
    // prod-web-1: eni-0de00000000000102, 10.0.0.21, public 203.0.113.11, group acme-prod-web.
    const web1 = graph.nodes.find((n) => n.id === 'eni-0de00000000000102')!;
    expect(web1.data).toMatchObject({ privateIps: ['10.0.0.21'], publicIp: '203.0.113.11', securityGroupIds: ['sg-0de00000000000102'] });
    // prod-public-a routes 0.0.0.0/0 to the IGW; prod-app-a goes out through the NAT gateway.
    const publicA = graph.nodes.find((n) => n.id === 'subnet-0de00000000000111')!;
    expect(publicA.data).toMatchObject({ cidr: '10.0.0.0/24', networkAclId: 'acl-0de00000000000102', routeTableId: 'rtb-0de00000000000102', public: true });
    expect(graph.nodes.find((n) => n.id === 'subnet-0de00000000000113')!.data).toMatchObject({ public: false, routeTableId: 'rtb-0de00000000000103' });
  });

  it('inspects an ACL with its entries in evaluation order', async () => {
    const acl = await service.inspect('acl-0de00000000000102');
    expect(acl.kind).toBe('network-acl');
    const inbound = acl.tables.find((t) => t.title === 'Inbound entries')!;
    // prod has an IPv6 block: each direction ends in both catch-all denies, IPv4's (32767) and IPv6's (32768), each shown as "*"
    // (https://docs.aws.amazon.com/vpc/latest/userguide/default-network-acl.html)
    expect(inbound.rows.map((r) => r[0])).toEqual(['100', '110', '120', '130', '140', '*', '*']);
    expect(inbound.rows[3]).toEqual(['130', 'all', 'all', '10.0.0.0/8', 'ALLOW']);
    const outbound = acl.tables.find((t) => t.title === 'Outbound entries')!;
    expect(outbound.rows).toEqual([
      ['100', 'all', 'all', '0.0.0.0/0', 'ALLOW'],
      ['*', 'all', 'all', '0.0.0.0/0', 'DENY'],
      ['*', 'all', 'all', '::/0', 'DENY'],
    ]);
  });

  it('inspects an instance through its primary ENI: groups, subnet ACL and routes', async () => {
    const cache = await service.inspect('i-0de0000000000010a');
    expect(cache.name).toBe('prod-cache');
    expect(cache.related.map((r) => r.id)).toEqual(['sg-0de00000000000105', 'acl-0de00000000000104', 'rtb-0de00000000000104']);
    const ingress = cache.tables.find((t) => t.title === 'sg-0de00000000000105: Inbound rules')!;
    // acme-prod-cache opens only 6380, from the API tier's group.
    expect(ingress.rows).toEqual([['tcp', '6380', 'sg-0de00000000000103 (account 111122223333)', 'Redis (TLS)']]);
  });

  it('refuses an unknown component as the user’s error', async () => {
    await expect(service.inspect('sg-nope')).rejects.toBeInstanceOf(InputError);
  });

  it('analyzes a flow of the demo', async () => {
    const result = await service.analyze({ from: 'i-0de00000000000105', to: 'i-0de0000000000010a', protocol: 'tcp', port: 6379 });
    expect(result.verdict).toBe('unreachable');
    expect(result.blocked?.id).toBe('sg-0de00000000000105');
  });

  it('diagnoses prod-web-3 (fault F5): no public IP in a subnet that routes to the internet gateway', async () => {
    // prod-web-3 (eni-0de00000000000104) is in prod-public-b, whose route table sends 0.0.0.0/0 to igw-0de00000000000100,
    // and it holds no public or Elastic IP: the first failing check, bottom up, is the addressing layer's public IP.
    const report = await service.diagnose('i-0de00000000000104');
    expect(report.target).toMatchObject({ instance: 'i-0de00000000000104', eni: 'eni-0de00000000000104', publicIp: null });
    expect(report.firstFailure).toEqual({ layer: 'addressing', id: 'public-ip' });
    const publicIp = report.checks.find((c) => c.id === 'public-ip');
    expect(publicIp).toMatchObject({ status: 'fail', component: { id: 'eni-0de00000000000104', kind: 'eni' } });
  });
});

describe('a snapshot that fails to open', () => {
  it('is reported by currentSnapshot while nothing else is open', async () => {
    const service = await createNodeReachmapService();
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'reachmap-service-')), 'not-json.json');
    writeFileSync(file, '{ this is not JSON');
    const failure = await service.openSnapshot(file).then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(InputError);
    await expect(service.currentSnapshot()).rejects.toThrow((failure as InputError).message);
    await service.openSnapshot();
    await expect(service.currentSnapshot()).resolves.toMatchObject({ label: 'demo' });
  });
});
