// Names first (issue 15.1): every hop and the drop carry the component's Name
// beside its id, an additive `name` field of the analyze JSON: an ENI its
// instance's Name tag, a security group its group name; nothing when the
// component has no Name. Expected values written by hand from the fixture.
import { describe, expect, it } from 'vitest';
import { Network, twoSubnetVpc } from '../../fixtures/engine/network.js';
import { analyze } from './analyze-helper.js';

function network(): Network {
  const network = twoSubnetVpc().instance('i-api', { subnet: 'subnet-priv', ip: '10.0.2.30', groups: ['sg-app'], name: 'prod-api-1' });
  // sg-app gets a group name of its own (the fixture names groups by their id)
  const raw = network as unknown as { data: Record<string, Record<string, unknown>[]> };
  raw.data['SecurityGroups']!.find((g) => g['GroupId'] === 'sg-app')!['GroupName'] = 'acme-app';
  return network;
}

describe('names on hops and on the drop', () => {
  // sg-app admits tcp 22 and 443 from 10.0.0.0/16 only: tcp 8080 from prod-api-1 to i-app stops at its ingress check
  const result = analyze(network().build(), { from: 'prod-api-1', to: 'i-app', port: 8080 });

  it("the source ENI carries its instance's Name, the group its group name", () => {
    const hops = result.forward.hops.map((hop) => [hop.kind, hop.id, hop.name ?? null]);
    expect(hops).toContainEqual(['eni', 'eni-api', 'prod-api-1']);
    expect(hops).toContainEqual(['security-group', 'sg-app', 'acme-app']);
  });

  it('a component without a Name has no name field (the fixture leaves ACLs and route tables unnamed)', () => {
    for (const hop of result.forward.hops.filter((h) => h.kind === 'network-acl' || h.kind === 'route-table')) expect(hop).not.toHaveProperty('name');
  });

  it('the drop carries the Name of the group that drops it, and the name comes last in the JSON', () => {
    expect(result.blocked).toMatchObject({ id: 'sg-app', kind: 'security-group', name: 'acme-app' });
    expect(Object.keys(result.blocked!).at(-1)).toBe('name');
    const last = result.forward.hops.at(-1)!;
    expect(Object.keys(last).at(-1)).toBe('name');
  });
});
