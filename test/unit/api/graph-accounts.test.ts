// The map's topology over several accounts: each account a box of its own
// (account > region > VPC), links across accounts drawn as edges, and a
// component of an account the snapshot did not collect drawn as a "not
// collected" node in a box with that account's id.
import { describe, expect, it } from 'vitest';
import { graphOf } from '../../../shared/api/graph.js';
import { accounts } from '../../fixtures/engine/network.js';
import { accountVpc, NETWORK, sharedTransitGateway, WORKLOAD_A } from '../../fixtures/engine/organization.js';

const ABSENT = '444444444444';

describe('graph of several accounts', () => {
  it('puts each account\'s VPCs in its own account box and draws the peering across them', () => {
    const net = accountVpc(NETWORK, 'net', 0, [['10.1.0.0/16', 'pcx-na']], []);
    const a = accountVpc(WORKLOAD_A, 'a', 1, [['10.0.0.0/16', 'pcx-na']], []);
    for (const side of [net, a]) side.peering('pcx-na', ['vpc-net', '10.0.0.0/16', NETWORK], ['vpc-a', '10.1.0.0/16', WORKLOAD_A]);
    const graph = graphOf(accounts([net, a]).model);
    const parent = (id: string) => graph.nodes.find((node) => node.id === id)?.parent;
    expect(graph.nodes.filter((node) => node.kind === 'account').map((node) => node.id).sort()).toEqual([`account:${NETWORK}`, `account:${WORKLOAD_A}`]);
    expect(parent(parent('vpc-net')!)).toBe(`account:${NETWORK}`);
    expect(parent(parent('vpc-a')!)).toBe(`account:${WORKLOAD_A}`);
    expect(graph.edges).toEqual(expect.arrayContaining([{ source: 'vpc-net', target: 'pcx-na', kind: 'peering' }, { source: 'pcx-na', target: 'vpc-a', kind: 'peering' }]));
  });

  it('a peer VPC of an account not collected is a "not collected" node with its account id, in that account\'s box', () => {
    const net = accountVpc(NETWORK, 'net', 0, [], []).peering('pcx-nx', ['vpc-net', '10.0.0.0/16', NETWORK], ['vpc-x', '10.9.0.0/16', ABSENT]);
    const graph = graphOf(accounts([net]).model);
    const node = graph.nodes.find((n) => n.id === 'vpc-x')!;
    expect(node).toMatchObject({ kind: 'missing', name: `vpc-x (not collected: account ${ABSENT})`, parent: `region:${ABSENT}/us-east-1`, data: { missing: true, notCollected: true, account: ABSENT } });
    expect(graph.nodes.find((n) => n.id === `account:${ABSENT}`)?.kind).toBe('account');
  });

  it('a transit gateway shared by an account not collected: the attachments of A and B lead to it, drawn in the owner\'s box', () => {
    const { a, b } = sharedTransitGateway();
    // the workload accounts' view without the TGW record (as when RAM sharing is not visible to them)
    for (const side of [a, b]) delete side.regionData().TransitGateways;
    const graph = graphOf(accounts([a, b]).model);
    expect(graph.nodes.find((n) => n.id === 'tgw-1')).toMatchObject({ kind: 'missing', parent: `region:${NETWORK}/us-east-1`, data: { account: NETWORK } });
    expect(graph.edges.filter((edge) => edge.target === 'tgw-1' || edge.source === 'tgw-1').length).toBeGreaterThanOrEqual(2);
  });
});
