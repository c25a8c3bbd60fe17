// `reachmap graph` on a real snapshot through the built CLI: the JSON matches
// docs/schemas/graph.schema.json and places every ENI in its subnet, VPC and region.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, repoRoot, runCli, samplesDir } from './run-cli.js';

interface Node {
  id: string;
  kind: string;
  name: string;
  parent: string | null;
  data?: Record<string, unknown>;
}
interface Graph {
  nodes: Node[];
  edges: { source: string; target: string; kind: string }[];
}

beforeAll(ensureBuilt);

const schema = JSON.parse(readFileSync(path.join(repoRoot, 'docs/schemas/graph.schema.json'), 'utf8')) as object;
const hybrid = path.join(samplesDir, 'hybrid-cloud');

function ancestors(graph: Graph, id: string): string[] {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const out: string[] = [];
  for (let node = byId.get(id); node?.parent; node = byId.get(node.parent)) out.push(node.parent);
  return out;
}

describe('reachmap graph --json on hybrid-cloud', () => {
  let graph: Graph;
  let stderr: string;

  beforeAll(() => {
    const run = runCli(['graph', '--snapshot', hybrid, '--json']);
    expect(run.status).toBe(0);
    graph = JSON.parse(run.stdout) as Graph;
    stderr = run.stderr;
  });

  it('validates against docs/schemas/graph.schema.json', () => {
    const validate = new Ajv2020({ allErrors: true }).compile(schema);
    expect(validate(graph), JSON.stringify(validate.errors)).toBe(true);
  });

  it('lists every ENI under its subnet, VPC and region', () => {
    // read from aws_configs/<region>/NetworkInterfaces.json: id, SubnetId, VpcId, the region folder
    const expected = [
      ['eni-01997085076a9b98a', 'subnet-06a692ed4ef84368d', 'vpc-0574d08f8d05917e4', 'us-east-2'],
      ['eni-05452497daf80ccb3', 'subnet-0cb5f4c094bee5214', 'vpc-0276455718806058a', 'us-east-2'],
      ['eni-03ca2c3d64376a98b', 'subnet-0cb5f4c094bee5214', 'vpc-0276455718806058a', 'us-east-2'],
      ['eni-032fef1275c92b703', 'subnet-06a692ed4ef84368d', 'vpc-0574d08f8d05917e4', 'us-east-2'],
      ['eni-087e18628dadd9b48', 'subnet-06005943afe32f714', 'vpc-00b65e98077106059', 'us-west-2'],
      ['eni-062b88fb27e0c4671', 'subnet-03acae3b9a534fff9', 'vpc-00157b5941bfd4959', 'us-west-2'],
      ['eni-00c224f9b6797aa04', 'subnet-03acae3b9a534fff9', 'vpc-00157b5941bfd4959', 'us-west-2'],
      ['eni-0d575611d48d2d503', 'subnet-06005943afe32f714', 'vpc-00b65e98077106059', 'us-west-2'],
    ];
    const enis = graph.nodes.filter((node) => node.kind === 'eni');
    expect(enis.map((node) => node.id).sort()).toEqual(expected.map(([eni]) => eni).sort());
    for (const [eni, subnet, vpc, region] of expected) {
      const node = enis.find((n) => n.id === eni)!;
      expect(node.parent).toBe(subnet);
      // the account is not in this layout (aws_configs/<region>/): "unknown"
      expect(ancestors(graph, eni!)).toEqual([subnet, expect.stringMatching(/^az:/), vpc, `region:unknown/${region}`, 'account:unknown']);
      expect(graph.edges).toContainEqual({ source: eni, target: subnet, kind: 'member' });
    }
  });

  it('records the instance of an ENI, not a node of its own', () => {
    // eni-01997085076a9b98a: Attachment.InstanceId i-01602d9efaed4409a, Reservations State running
    const node = graph.nodes.find((n) => n.id === 'eni-01997085076a9b98a')!;
    expect(node.data).toMatchObject({ instanceId: 'i-01602d9efaed4409a', instanceState: 'running' });
    expect(graph.nodes.some((n) => n.id.startsWith('i-'))).toBe(false);
  });

  it('routes, attachments and gateways as the JSON says', () => {
    // us-east-2 RouteTables.json: sub-1-1 (subnet-06a692ed4ef84368d) has 0.0.0.0/0 -> igw-02fd68f94367a67c7 and routes to tgw-06b348adabd13452d
    expect(graph.edges).toContainEqual({ source: 'subnet-06a692ed4ef84368d', target: 'igw-02fd68f94367a67c7', kind: 'route' });
    expect(graph.edges).toContainEqual({ source: 'subnet-06a692ed4ef84368d', target: 'tgw-06b348adabd13452d', kind: 'route' });
    // TransitGatewayVpcAttachments.json: tgw-attach-0648110513acd6de5 attaches vpc-0574d08f8d05917e4 to tgw-06b348adabd13452d
    expect(graph.edges).toContainEqual({ source: 'vpc-0574d08f8d05917e4', target: 'tgw-attach-0648110513acd6de5', kind: 'tgw-attachment' });
    expect(graph.edges).toContainEqual({ source: 'tgw-attach-0648110513acd6de5', target: 'tgw-06b348adabd13452d', kind: 'tgw-attachment' });
    expect(graph.nodes.find((n) => n.id === 'igw-02fd68f94367a67c7')).toMatchObject({ kind: 'internet-gateway', name: 'igw-1', parent: 'vpc-0574d08f8d05917e4' });
    expect(graph.nodes.find((n) => n.id === 'tgw-06b348adabd13452d')).toMatchObject({ kind: 'transit-gateway', parent: 'region:unknown/us-east-2' });
  });

  it('each VPN connection leads from its transit gateway to an on-premises node, its customer gateway', () => {
    // us-east-2 VpnConnections.json: vpn-01c4... (TGW tgw-06b3..., CustomerGatewayId cgw-0d74..., VgwTelemetry UP, UP)
    expect(graph.edges).toContainEqual({ source: 'tgw-06b348adabd13452d', target: 'vpn-01c45673532d3e33e', kind: 'vpn' });
    expect(graph.edges).toContainEqual({ source: 'vpn-01c45673532d3e33e', target: 'cgw-0d7410421c0d7799e', kind: 'vpn' });
    expect(graph.nodes.find((n) => n.id === 'cgw-0d7410421c0d7799e')).toMatchObject({ kind: 'on-premises', parent: 'region:unknown/us-east-2' });
    expect(graph.nodes.find((n) => n.id === 'vpn-01c45673532d3e33e')!.data).toMatchObject({ tunnels: 2, tunnelsUp: 2 });
  });

  it('every parent is listed before its child and every edge joins two nodes', () => {
    const seen = new Set<string>();
    for (const node of graph.nodes) {
      if (node.parent !== null) expect(seen.has(node.parent), `${node.id} before its parent ${node.parent}`).toBe(true);
      seen.add(node.id);
    }
    for (const edge of graph.edges) expect(seen.has(edge.source) && seen.has(edge.target), JSON.stringify(edge)).toBe(true);
  });

  it('import warnings go to stderr, prefixed', () => {
    // hybrid-cloud carries RdsInstances.json (DBInstances) and ElasticsearchDomains.json (DomainStatusList), VpcEndpointServices.json (ServiceDetails, ServiceNames);
    // its transit gateway peering attachment tgw-attach-0cc6cf6a578b754e3 is listed by both regions, each side
    // naming its own gateway (TransitGatewayId), the other one (ResourceId) and its own association
    expect(stderr).toBe(
      'warning: unknown keys ignored: DBInstances, DomainStatusList, ServiceDetails, ServiceNames\n' +
        'warning: tgw-attach-0cc6cf6a578b754e3 is described twice, differently (in Association, CreationTime, ResourceId, TransitGatewayId): ' +
        'kept aws_configs/us-east-2/TransitGatewayAttachments.json: TransitGatewayAttachments[0] (the first by account, region and position), ' +
        'left out aws_configs/us-west-2/TransitGatewayAttachments.json: TransitGatewayAttachments[0]\n',
    );
  });
});

describe('reachmap graph --json without --snapshot: the bundled demo', () => {
  it('validates against the schema and places every ENI inside a subnet', () => {
    const run = runCli(['graph', '--json']);
    expect(run.status).toBe(0);
    const graph = JSON.parse(run.stdout) as Graph;
    const validate = new Ajv2020({ allErrors: true }).compile(schema);
    expect(validate(graph), JSON.stringify(validate.errors)).toBe(true);
    const byId = new Map(graph.nodes.map((node) => [node.id, node]));
    const enis = graph.nodes.filter((node) => node.kind === 'eni');
    expect(enis.length).toBeGreaterThan(20);
    for (const eni of enis) expect(byId.get(eni.parent ?? '')?.kind, eni.id).toBe('subnet');
  });
});

describe('the CLI itself', () => {
  it('--help lists graph; --version is the package version', () => {
    const help = runCli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^\s+graph \[options\]/m);
    const version = runCli(['--version']);
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout.trim()).toBe(manifest.version);
    expect(version.status).toBe(0);
  });

  it('without --json: an indented tree', () => {
    const run = runCli(['graph', '--snapshot', path.join(samplesDir, 'test-public-subnet')]);
    expect(run.status).toBe(0);
    // test-public-subnet: one VPC, one subnet, one ENI in aws_configs/*.json (region us-east-2 from the zone)
    const lines = run.stdout.split('\n');
    const eniLine = lines.find((line) => line.includes('eni eni-'))!;
    const subnetLine = lines.find((line) => line.includes('subnet subnet-'))!;
    expect(eniLine.search(/\S/)).toBeGreaterThan(subnetLine.search(/\S/));
    expect(lines[0]).toBe('account account:unknown (unknown)');
  });
});
