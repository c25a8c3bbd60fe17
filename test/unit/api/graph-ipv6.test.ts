// The map's and the inspector's view of a dual-stack VPC (issue 17, point 6):
// IPv6 blocks on the VPC and subnets, IPv6 addresses on interfaces, the
// egress-only internet gateway as a node with its route edges, and the IPv6
// routes and ACL entries in the inspector. The networks are describe JSON
// imported through the real importer; expected values are read off them.
import { describe, expect, it } from 'vitest';
import { graphOf } from '../../../shared/api/graph.js';
import { enrichGraph } from '../../../shared/api/service/enrich-graph.js';
import { inspectComponent } from '../../../shared/api/inspect.js';
import type { NetworkModel } from '../../../shared/model/types.js';
import { dual } from '../../fixtures/engine/dual-stack.js';
import { twoSubnetVpc } from '../../fixtures/engine/network.js';

/** dual-stack.ts: vpc-a 2600:1f18:a::/56; subnet-pub (::/0 to igw-a) holds i-web 2600:1f18:a:1::10; subnet-priv (::/0 to eigw-a) holds i-db 2600:1f18:a:2::20; i-plain has no IPv6 */
const model = dual().build();
/** network.ts twoSubnetVpc: the same ids, IPv4 only */
const ipv4Only = twoSubnetVpc().build();

function mapOf(of: NetworkModel) {
  const graph = enrichGraph(graphOf(of), of);
  return { graph, node: (id: string) => graph.nodes.find((n) => n.id === id)! };
}

describe('the map of a dual-stack VPC', () => {
  const { graph, node } = mapOf(model);

  it('VPC and subnets carry their IPv6 blocks beside the IPv4 ones; an IPv4-only network carries none', () => {
    expect(node('vpc-a').data).toMatchObject({ cidrs: ['10.0.0.0/16'], ipv6Cidrs: ['2600:1f18:a::/56'] });
    expect(node('subnet-priv').data).toMatchObject({ cidr: '10.0.2.0/24', ipv6Cidrs: ['2600:1f18:a:2::/64'] });
    expect(mapOf(ipv4Only).node('subnet-priv').data).not.toHaveProperty('ipv6Cidrs');
    expect(mapOf(ipv4Only).node('vpc-a').data).not.toHaveProperty('ipv6Cidrs');
  });

  it('an interface and its instance carry its IPv6 addresses; one without carries none', () => {
    expect(node('eni-db').data).toMatchObject({ privateIps: ['10.0.2.20'], ipv6Ips: ['2600:1f18:a:2::20'] });
    expect(node('eni-plain').data).not.toHaveProperty('ipv6Ips');
  });

  it('the egress-only internet gateway is a node in its VPC, reached by the ::/0 route and leading to the internet', () => {
    expect(node('eigw-a')).toMatchObject({ kind: 'egress-only-internet-gateway', parent: 'vpc-a' });
    // rtb-priv sends ::/0 to eigw-a: an IPv6 route is an edge like an IPv4 one
    expect(graph.edges).toEqual(expect.arrayContaining([
      { source: 'subnet-priv', target: 'eigw-a', kind: 'route' },
      { source: 'eigw-a', target: 'internet', kind: 'internet' },
    ]));
    expect(graph.edges).not.toContainEqual({ source: 'subnet-pub', target: 'eigw-a', kind: 'route' });
  });
});

describe('the inspector of a dual-stack VPC', () => {
  const fact = (of: NetworkModel, id: string, label: string) => inspectComponent(of, id).facts.find((f) => f.label === label)?.value;

  it('names the IPv6 blocks of the VPC and subnet, the VPC\'s egress-only gateway, and an interface\'s IPv6 address', () => {
    expect(fact(model, 'vpc-a', 'IPv6 CIDRs')).toBe('2600:1f18:a::/56');
    expect(fact(model, 'vpc-a', 'egress-only internet gateways')).toBe('eigw-a');
    expect(fact(model, 'subnet-pub', 'IPv6 CIDR')).toBe('2600:1f18:a:1::/64');
    expect(fact(model, 'eni-web', 'IPv6 addresses')).toBe('2600:1f18:a:1::10');
    expect(fact(model, 'i-db', 'IPv6 addresses')).toBe('2600:1f18:a:2::20');
    // an IPv4-only interface and subnet read as before
    expect(fact(model, 'eni-plain', 'IPv6 addresses')).toBeUndefined();
    expect(fact(ipv4Only, 'subnet-pub', 'IPv6 CIDR')).toBeUndefined();
  });

  it('lists a route table\'s IPv6 routes after its IPv4 ones, and an ACL\'s IPv6 entries in its one numbering', () => {
    const routes = inspectComponent(model, 'rtb-priv').tables[0]!.rows;
    expect(routes.map((row) => row.slice(0, 3))).toEqual([
      ['10.0.0.0/16', 'local', 'local'],
      ['2600:1f18:a::/56', 'local', 'local'],
      ['::/0', 'eigw-a', 'egress-only-internet-gateway'],
    ]);
    const inbound = inspectComponent(model, 'acl-priv').tables.find((t) => t.title === 'Inbound entries')!.rows;
    // the fixture's ACL JSON holds 100 (0.0.0.0/0), 101 (::/0) and the IPv4 default deny only
    expect(inbound.map((row) => [row[0], row[3], row[4]])).toEqual([
      ['100', '0.0.0.0/0', 'ALLOW'],
      ['101', '::/0', 'ALLOW'],
      ['*', '0.0.0.0/0', 'DENY'],
    ]);
  });
});
