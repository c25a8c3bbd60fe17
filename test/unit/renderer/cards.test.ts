// What a box's card says, counted by hand from a small graph.
import { describe, expect, it } from 'vitest';
import { cardFontSize, cardLines, countInside } from '../../../renderer/src/map/cards.js';
import { indexGraph } from '../../../renderer/src/map/visible-graph.js';

const graph = {
  nodes: [
    { id: 'region', kind: 'region', name: 'us-east-1', parent: null },
    { id: 'vpc-1', kind: 'vpc', name: 'prod', parent: 'region', data: { cidr: '10.0.0.0/16' } },
    { id: 'subnet-a', kind: 'subnet', name: 'a', parent: 'vpc-1' },
    { id: 'subnet-b', kind: 'subnet', name: 'b', parent: 'vpc-1' },
    // one instance with an ENI in each subnet: one instance, not two
    { id: 'eni-1', kind: 'eni', name: 'web', parent: 'subnet-a', data: { instanceId: 'i-1', instanceState: 'running' } },
    { id: 'eni-2', kind: 'eni', name: 'web', parent: 'subnet-b', data: { instanceId: 'i-1', instanceState: 'running' } },
    { id: 'eni-3', kind: 'eni', name: 'old', parent: 'subnet-b', data: { instanceId: 'i-2', instanceState: 'stopped' } },
    // a NAT gateway's interface belongs to no instance
    { id: 'eni-4', kind: 'eni', name: 'nat', parent: 'subnet-a', data: {} },
  ],
  edges: [],
};

describe('box cards', () => {
  const inside = countInside(indexGraph(graph));

  it('counts subnets, instances once each, other interfaces and the stopped', () => {
    expect(inside.get('vpc-1')).toEqual({ vpcs: 0, subnets: 2, instances: 2, otherEnis: 1, stopped: 1, missing: 0 });
    expect(inside.get('region')).toMatchObject({ vpcs: 1, subnets: 2, instances: 2 });
  });

  it('says kind and name, CIDR, what it holds and what is wrong', () => {
    expect(cardLines('vpc', 'prod', '10.0.0.0/16', inside.get('vpc-1'))).toEqual(['VPC prod', '10.0.0.0/16', '2 subnets', '2 instances', '1 stopped']);
    expect(cardLines('subnet', 'a', '10.0.1.0/24', inside.get('subnet-a'))).toEqual(['Subnet a', '10.0.1.0/24', '1 instance · 1 other ENI', 'all running']);
    expect(cardLines('region', 'us-east-1', '', inside.get('region'))).toEqual(['Region us-east-1', '1 VPC · 2 subnets', '2 instances', '1 stopped']);
  });

  it('a larger box gets larger type, never under 11 units', () => {
    const lines = ['VPC prod', '10.0.0.0/16'];
    expect(cardFontSize(lines, 800, 600)).toBeGreaterThan(cardFontSize(lines, 400, 300));
    expect(cardFontSize(lines, 10, 10)).toBe(11);
  });
});
