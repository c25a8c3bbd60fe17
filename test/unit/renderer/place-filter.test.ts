// The account and region filters (issue 18, point 6) hold together: one
// account's one region, and an account with none of the chosen region is left
// out. The graph is the shape shared/api/graph.ts gives (account > region >
// VPC), written by hand.
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../../shared/api/reachmap-api.js';
import { buildVisibleGraph, indexGraph } from '../../../renderer/src/map/visible-graph.js';
import { placeOptions, regionChoices } from '../../../renderer/src/map/place-filter.js';

const graph: Graph = {
  nodes: [
    { id: 'internet', kind: 'internet', name: 'Internet', parent: null },
    { id: 'account:111', kind: 'account', name: '111', parent: null },
    { id: 'region:111/us-east-1', kind: 'region', name: 'us-east-1', parent: 'account:111' },
    { id: 'region:111/eu-west-1', kind: 'region', name: 'eu-west-1', parent: 'account:111' },
    { id: 'account:444', kind: 'account', name: '444', parent: null },
    { id: 'region:444/us-east-1', kind: 'region', name: 'us-east-1', parent: 'account:444' },
    { id: 'vpc-prod', kind: 'vpc', name: 'prod', parent: 'region:111/us-east-1' },
    { id: 'vpc-eu', kind: 'vpc', name: 'eu', parent: 'region:111/eu-west-1' },
    { id: 'vpc-net', kind: 'vpc', name: 'net', parent: 'region:444/us-east-1' },
    { id: 'pcx-1', kind: 'peering', name: 'pcx-1', parent: 'region:111/us-east-1' },
  ],
  edges: [
    { source: 'vpc-prod', target: 'pcx-1', kind: 'peering' },
    { source: 'pcx-1', target: 'vpc-net', kind: 'peering' },
  ],
};
const index = indexGraph(graph);

function shown(account: string | null, region: string | null): string[] {
  return [...buildVisibleGraph(graph, index, new Set(), { account, region, vpc: null, hiddenKinds: new Set() }).nodes.keys()].sort();
}

describe('account and region filters', () => {
  it('none chosen: everything', () => {
    expect(shown(null, null)).toHaveLength(graph.nodes.length);
  });

  it('an account and a region together: that account\'s region only (and the internet, in no account)', () => {
    expect(shown('account:111', 'us-east-1')).toEqual(['account:111', 'internet', 'pcx-1', 'region:111/us-east-1', 'vpc-prod']);
  });

  it('a region alone: that region in every account that has it', () => {
    expect(shown(null, 'us-east-1')).toEqual(['account:111', 'account:444', 'internet', 'pcx-1', 'region:111/us-east-1', 'region:444/us-east-1', 'vpc-net', 'vpc-prod']);
    // 444 has no eu-west-1: its box goes, not left empty
    expect(shown(null, 'eu-west-1')).toEqual(['account:111', 'internet', 'region:111/eu-west-1', 'vpc-eu']);
  });

  it('an account alone: all its regions; the peering into the other account loses its far end', () => {
    const visible = buildVisibleGraph(graph, index, new Set(), { account: 'account:111', region: null, vpc: null, hiddenKinds: new Set() });
    expect([...visible.nodes.keys()].sort()).toEqual(['account:111', 'internet', 'pcx-1', 'region:111/eu-west-1', 'region:111/us-east-1', 'vpc-eu', 'vpc-prod']);
    expect(visible.edges.map((e) => [e.source, e.target])).toEqual([['vpc-prod', 'pcx-1']]);
  });

  it('offers the accounts, and the chosen account\'s regions', () => {
    const options = placeOptions(index);
    expect(options.accounts).toEqual([{ id: 'account:111', name: '111' }, { id: 'account:444', name: '444' }]);
    expect(regionChoices(options, null)).toEqual(['eu-west-1', 'us-east-1']);
    expect(regionChoices(options, 'account:444')).toEqual(['us-east-1']);
  });
});
