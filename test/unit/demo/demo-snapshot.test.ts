// The bundled demo network (assets/demo/demo-snapshot.json): a valid
// reachmap-snapshot/1 file in describe-API shapes that imports without a
// warning, holds what assets/demo/README.md says it holds, and carries each
// planted fault where the README puts it. Expected values are read off the
// design in the README (names, ids, CIDRs), not off the importer's output.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSnapshot } from '../../../shared/api/snapshot/node.js';
import { buildModel } from '../../../shared/aws/build-model.js';
import { readSnapshotPath } from '../../../shared/aws/read/node.js';
import { cidrContains, formatIpv4, parseIpv4 } from '../../../shared/model/ipv4.js';
import type { NetworkAcl, NetworkModel, RouteTable } from '../../../shared/model/types.js';
import { buildDemo, demoId } from '../../../scripts/make-demo.js';
import { describeShapeProblems } from './describe-shape-check.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const demoFile = path.join(repoRoot, 'assets/demo/demo-snapshot.json');

async function demoModel(): Promise<{ model: NetworkModel; warnings: string[] }> {
  return buildModel(await readSnapshotPath(demoFile));
}

function instanceNamed(model: NetworkModel, name: string) {
  const found = [...model.instances.values()].filter((i) => i.name === name);
  expect(found, `one instance named ${name}`).toHaveLength(1);
  return found[0]!;
}

function tableOfSubnet(model: NetworkModel, subnetId: string): RouteTable {
  const id = model.subnets.get(subnetId)?.routeTableId;
  const table = id ? model.routeTables.get(id) : undefined;
  if (!table) throw new Error(`no route table for ${subnetId}`);
  return table;
}

/** Longest-prefix match over CIDR routes: enough to read the demo's tables. */
function routeFor(table: RouteTable, ip: string) {
  const address = parseIpv4(ip)!;
  const matches = table.routes.filter((r) => r.destination.kind === 'cidr' && cidrContains(r.destination.cidr, address));
  return matches.sort((a, b) => (b.destination.kind === 'cidr' ? b.destination.cidr.prefix : 0) - (a.destination.kind === 'cidr' ? a.destination.cidr.prefix : 0))[0];
}

/** First ACL entry (by rule number) matching a TCP packet, as AWS evaluates them. */
function aclDecision(acl: NetworkAcl, egress: boolean, peerIp: string, port: number) {
  const address = parseIpv4(peerIp)!;
  const entries = egress ? acl.outbound : acl.inbound;
  return entries.find(
    (e) => (e.protocol === -1 || e.protocol === 6) && cidrContains(e.cidr, address) && (!e.ports || (e.ports.from <= port && port <= e.ports.to)),
  );
}

describe('demo snapshot file', () => {
  it('is a reachmap-snapshot/1 file from the demo source: the workload account in two regions, the network account in one', () => {
    const doc = JSON.parse(readFileSync(demoFile, 'utf8')) as { format: string; source: { kind: string }; accounts: Record<string, Record<string, unknown>>; errors: unknown[] };
    expect(doc.format).toBe('reachmap-snapshot/1');
    expect(doc.source.kind).toBe('demo');
    expect(Object.keys(doc.accounts).sort()).toEqual(['111122223333', '444455556666']);
    expect(Object.keys(doc.accounts['111122223333']!).sort()).toEqual(['eu-west-1', 'us-east-1']);
    expect(Object.keys(doc.accounts['444455556666']!)).toEqual(['us-east-1']);
    expect(doc.errors).toEqual([]);
  });

  it('is exactly what scripts/make-demo.ts writes (regenerate it after editing the script)', () => {
    expect(JSON.parse(readFileSync(demoFile, 'utf8'))).toEqual(JSON.parse(JSON.stringify(buildDemo())));
  });

  it('uses only describe-API member names, nesting, types and enum values (botocore EC2 model)', () => {
    const doc = JSON.parse(readFileSync(demoFile, 'utf8')) as { accounts: Record<string, Record<string, Record<string, unknown>>> };
    expect(describeShapeProblems(doc.accounts)).toEqual([]);
  });

  it('imports without a warning or a missing reference', async () => {
    const { model, warnings } = await demoModel();
    expect(warnings).toEqual([]);
    expect(model.missingReferences).toEqual([]);
  });

  it('is the bundled demo that openSnapshot() opens without a path', async () => {
    const opened = await openSnapshot();
    expect(opened.label).toBe('demo');
    expect(opened.model.meta.source.kind).toBe('demo');
    expect(opened.model.vpcs.has(demoId('vpc', 0x100))).toBe(true);
  });

  it('holds the network the README describes', async () => {
    const { model } = await demoModel();
    expect([...model.vpcs.values()].map((v) => `${v.name} ${v.region} ${v.cidrs.map((c) => c.text).join(',')}`).sort()).toEqual([
      'acme-analytics eu-west-1 10.20.0.0/16',
      'acme-network us-east-1 10.50.0.0/16',
      'acme-prod us-east-1 10.0.0.0/16',
      'acme-shared-services us-east-1 10.1.0.0/16',
    ]);
    // 9 prod (prod-edge-a, the dual-stack one, included) + 5 shared-services + 4 analytics + 1 network subnets
    expect(model.subnets.size).toBe(19);
    // 13 prod (prod-status included) + 5 shared-services + 5 analytics + 2 network instances, one ENI each
    expect(model.instances.size).toBe(25);
    // 25 instance ENIs + 2 NAT gateway ENIs + 3 transit gateway attachment ENIs (1 prod, 2 shared)
    // + 4 load balancer nodes (acme-prod-alb and acme-shared-logs-nlb, two zones each)
    expect(model.networkInterfaces.size).toBe(34);
    // 9 prod (acme-prod-alb's and acme-prod-status included) + 6 shared-services + 5 analytics + 3 network groups, each VPC's default group included
    expect(model.securityGroups.size).toBe(23);
    expect([...model.loadBalancers.values()].map((lb) => `${lb.name} ${lb.type} ${lb.scheme}`).sort()).toEqual(['acme-prod-alb application internet-facing', 'acme-shared-logs-nlb network internal']);
    expect(model.targetGroups.size).toBe(2);
    // prod-analytics, shared-analytics, and network-prod across the two accounts (listed by both, kept once)
    expect(model.peeringConnections.size).toBe(3);
    expect(model.vpcs.get(demoId('vpc', 0x500))?.account).toBe('444455556666');
    expect(model.transitGateways.size).toBe(1);
    expect(model.transitGatewayAttachments.size).toBe(2);
    expect(model.internetGateways.size).toBe(3);
    // acme-network's, the only egress-only gateway
    expect([...model.egressOnlyInternetGateways.keys()]).toEqual([demoId('eigw', 0x500)]);
    // two available, one deleted (shared-services)
    expect([...model.natGateways.values()].map((n) => n.state).sort()).toEqual(['available', 'available', 'deleted']);
    const names = [...model.instances.values()].map((i) => i.name ?? '');
    for (const role of ['bastion', 'web', 'api', 'db', 'worker', 'cache', 'monitoring', 'warehouse']) {
      expect(names.some((n) => n.includes(role)), role).toBe(true);
    }
  });
});

describe('demo snapshot: the planted faults are where the README says', () => {
  it('F1 prod-cache: its only group opens 6380, not the 6379 the API uses', async () => {
    const { model } = await demoModel();
    const eni = model.networkInterfaces.get(instanceNamed(model, 'prod-cache').primaryNetworkInterfaceId!)!;
    expect(eni.securityGroupIds).toEqual([demoId('sg', 0x105)]);
    const rules = model.securityGroups.get(demoId('sg', 0x105))!.ingress;
    expect(rules.map((r) => r.ports)).toEqual([{ from: 6380, to: 6380 }]);
  });

  it('F2 analytics-public-acl: outbound denies a reply to 198.51.100.1:49152 (rule 32767) but lets 443 out', async () => {
    const { model } = await demoModel();
    const acl = model.networkAcls.get(demoId('acl', 0x302))!;
    expect(model.subnets.get(demoId('subnet', 0x311))!.networkAclId).toBe(acl.id);
    expect(aclDecision(acl, true, '198.51.100.1', 49152)).toMatchObject({ ruleNumber: 32767, action: 'deny' });
    expect(aclDecision(acl, true, '198.51.100.1', 443)).toMatchObject({ ruleNumber: 100, action: 'allow' });
    expect(aclDecision(acl, false, '198.51.100.1', 443)).toMatchObject({ ruleNumber: 100, action: 'allow' });
  });

  it('F3 prod-batch-a: no route for an internet address', async () => {
    const { model } = await demoModel();
    const worker = instanceNamed(model, 'prod-worker-1');
    const table = tableOfSubnet(model, worker.subnetId!);
    expect(table.id).toBe(demoId('rtb', 0x105));
    expect(routeFor(table, '198.51.100.1')).toBeUndefined();
  });

  it('F4 acme-shared-private: the default route is a blackhole to the deleted NAT gateway', async () => {
    const { model } = await demoModel();
    const table = tableOfSubnet(model, instanceNamed(model, 'shared-ci-runner').subnetId!);
    expect(table.id).toBe(demoId('rtb', 0x203));
    const route = routeFor(table, '198.51.100.1')!;
    expect(route.state).toBe('blackhole');
    expect(route.target).toEqual({ kind: 'nat-gateway', id: demoId('nat', 0x200) });
    expect(model.natGateways.get(demoId('nat', 0x200))!.state).toBe('deleted');
  });

  it('F5 prod-web-3: in a public subnet (default route to the IGW) with no public IP', async () => {
    const { model } = await demoModel();
    const web3 = instanceNamed(model, 'prod-web-3');
    expect(model.networkInterfaces.get(web3.primaryNetworkInterfaceId!)!.publicIp).toBeUndefined();
    expect(routeFor(tableOfSubnet(model, web3.subnetId!), '198.51.100.1')!.target).toEqual({ kind: 'internet-gateway', id: demoId('igw', 0x100) });
    const web1 = instanceNamed(model, 'prod-web-1');
    expect(formatIpv4(model.networkInterfaces.get(web1.primaryNetworkInterfaceId!)!.publicIp!)).toBe('203.0.113.11');
  });

  it('F6 shared-analytics peering: shared-services routes to analytics, analytics-data has no route back', async () => {
    const { model } = await demoModel();
    const pcx = demoId('pcx', 0x201);
    expect(model.peeringConnections.get(pcx)!.status).toBe('active');
    const sharedTable = tableOfSubnet(model, instanceNamed(model, 'shared-monitoring').subnetId!);
    expect(routeFor(sharedTable, '10.20.20.11')!.target).toEqual({ kind: 'peering', id: pcx });
    const dataTable = tableOfSubnet(model, instanceNamed(model, 'analytics-warehouse').subnetId!);
    expect(dataTable.id).toBe(demoId('rtb', 0x303));
    expect(routeFor(dataTable, '10.1.0.21')).toBeUndefined();
    // the prod peering is routed on both sides
    expect(routeFor(dataTable, '10.0.10.11')!.target).toEqual({ kind: 'peering', id: demoId('pcx', 0x101) });
  });

  it('F7 prod transit gateway attachment: only us-east-1a, while prod-api-2 is in us-east-1b', async () => {
    const { model } = await demoModel();
    const attachment = model.transitGatewayAttachments.get(demoId('tgw-attach', 0x101))!;
    expect(attachment.subnetIds.map((s) => model.subnets.get(s)!.availabilityZone)).toEqual(['us-east-1a']);
    expect(instanceNamed(model, 'prod-api-2').availabilityZone).toBe('us-east-1b');
    const shared = model.transitGatewayAttachments.get(demoId('tgw-attach', 0x102))!;
    expect(shared.subnetIds.map((s) => model.subnets.get(s)!.availabilityZone).sort()).toEqual(['us-east-1a', 'us-east-1b']);
  });

  it('F8 prod-api-3 is stopped', async () => {
    const { model } = await demoModel();
    expect(instanceNamed(model, 'prod-api-3').state).toBe('stopped');
  });

  it('F9 the transit gateway route table drops 192.168.0.0/16 (static blackhole) and learns both VPCs', async () => {
    const { model } = await demoModel();
    const table = model.transitGatewayRouteTables.get(demoId('tgw-rtb', 0x100))!;
    const byDest = new Map(table.routes.map((r) => [r.destination.kind === 'cidr' ? r.destination.cidr.text : r.destination.prefixListId, r]));
    expect(byDest.get('192.168.0.0/16')).toMatchObject({ type: 'static', state: 'blackhole' });
    expect(byDest.get('10.0.0.0/16')!.targets.map((t) => t.attachmentId)).toEqual([demoId('tgw-attach', 0x101)]);
    expect(byDest.get('10.1.0.0/16')!.targets.map((t) => t.attachmentId)).toEqual([demoId('tgw-attach', 0x102)]);
  });
});

describe('demo snapshot: IPv6 (issue 17) where the README puts it', () => {
  it('prod and acme-network hold an IPv6 /56; shared-services and analytics are IPv4 only', async () => {
    const { model } = await demoModel();
    expect([...model.vpcs.values()].map((v) => `${v.name} ${v.ipv6Cidrs.map((c) => c.text).join(',')}`).sort()).toEqual([
      'acme-analytics ',
      'acme-network 2600:1f18:4de0:500::/56',
      'acme-prod 2600:1f18:4de0:100::/56',
      'acme-shared-services ',
    ]);
  });

  it('F11 prod-status: dual-stack subnet prod-edge-a routes ::/0 to the IGW; its group admits tcp 22 from ::/0', async () => {
    const { model } = await demoModel();
    const status = instanceNamed(model, 'prod-status');
    expect(status.subnetId).toBe(demoId('subnet', 0x119));
    const subnet = model.subnets.get(status.subnetId!)!;
    expect(subnet.ipv6Cidrs.map((c) => c.text)).toEqual(['2600:1f18:4de0:119::/64']);
    const table = tableOfSubnet(model, subnet.id);
    expect(table.ipv6Routes.map((r) => [r.destination.kind === 'cidr' ? r.destination.cidr.text : '', r.target])).toEqual([
      ['2600:1f18:4de0:100::/56', { kind: 'local', id: 'local' }],
      ['::/0', { kind: 'internet-gateway', id: demoId('igw', 0x100) }],
    ]);
    const eni = model.networkInterfaces.get(status.primaryNetworkInterfaceId!)!;
    expect(eni.ipv6Addresses).toEqual([0x2600_1f18_4de0_0119_0000_0000_0000_0010n]);
    expect(eni.securityGroupIds).toEqual([demoId('sg', 0x108)]);
    const ssh = model.securityGroups.get(demoId('sg', 0x108))!.ingress.filter((r) => r.ports?.from === 22);
    expect(ssh.map((r) => r.peer)).toEqual([expect.objectContaining({ kind: 'cidr6', cidr: expect.objectContaining({ text: '::/0' }) })]);
  });

  it('network-core-a is dual-stack and routes ::/0 to the egress-only gateway; network-dns holds an IPv6 address', async () => {
    const { model } = await demoModel();
    const table = tableOfSubnet(model, demoId('subnet', 0x511));
    expect(table.ipv6Routes.find((r) => r.destination.kind === 'cidr' && r.destination.cidr.text === '::/0')!.target).toEqual({ kind: 'egress-only-internet-gateway', id: demoId('eigw', 0x500) });
    expect(model.networkInterfaces.get(demoId('eni', 0x501))!.ipv6Addresses).toEqual([0x2600_1f18_4de0_0511_0000_0000_0000_0010n]);
    expect([...model.internetGateways.values()].some((igw) => igw.attachments.some((a) => a.vpcId === demoId('vpc', 0x500)))).toBe(false);
  });
});
