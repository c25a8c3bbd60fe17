// Where hops sit on the map: a gateway route table (edge association), which
// no subnet uses, is drawn on the gateway it routes for.
import { describe, expect, it } from 'vitest';
import { anchorResult } from '../../../renderer/src/map/path-anchors.js';
import { indexGraph } from '../../../renderer/src/map/visible-graph.js';
import type { AnalyzeResult } from '../../../shared/api/analysis-types.js';
import type { Graph } from '../../../shared/api/reachmap-api.js';

const graph: Graph = {
  nodes: [
    { id: 'vpc-a', kind: 'vpc', name: 'vpc-a', parent: null },
    { id: 'igw-a', kind: 'internet-gateway', name: 'igw-a', parent: 'vpc-a' },
    { id: 'subnet-pub', kind: 'subnet', name: 'subnet-pub', parent: 'vpc-a', data: { routeTableId: 'rtb-pub' } },
    { id: 'eni-fw', kind: 'eni', name: 'eni-fw', parent: 'subnet-pub' },
    { id: 'internet', kind: 'internet', name: 'internet', parent: null },
  ],
  edges: [],
};

describe('path anchors', () => {
  it("a gateway route table's hop is drawn on its gateway", () => {
    const result = {
      resolved: { from: { kind: 'internet', id: 'internet', ip: '198.51.100.1' }, to: { kind: 'eni', id: 'eni-web', ip: '54.0.0.10' } },
      forward: {
        delivered: false,
        hops: [
          { id: 'internet', kind: 'internet', direction: 'egress', action: 'forward', detail: '' },
          { id: 'igw-a', kind: 'internet-gateway', direction: 'transit', action: 'translate', detail: '' },
          { id: 'rtb-edge', kind: 'route-table', direction: 'transit', action: 'forward', detail: '', rule: { route: {}, gateway: 'igw-a' } },
          { id: 'eni-fw', kind: 'eni', direction: 'transit', action: 'unknown', code: 'UNSUPPORTED_COMPONENT', detail: '' },
        ],
      },
      return: null,
    } as unknown as AnalyzeResult;
    expect(anchorResult(indexGraph(graph), result).forward.anchors).toEqual(['internet', 'igw-a', 'igw-a', 'eni-fw']);
  });
});
