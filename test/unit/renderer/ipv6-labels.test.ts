// What the map writes for a dual-stack VPC, subnet and interface (issue 17,
// point 6): the IPv6 block on the box's card, the IPv6 address in an
// interface's tooltip. Node data as the API gives it (enrich-graph.ts), by hand.
import { describe, expect, it } from 'vitest';
import { addressBlockLines, cardLines } from '../../../renderer/src/map/cards.js';
import { nodeTip } from '../../../renderer/src/map/tooltip.js';

describe('IPv6 on the map', () => {
  it('a dual-stack subnet\'s card gives its IPv6 block on a line of its own, under the IPv4 one', () => {
    const lines = addressBlockLines({ cidr: '10.0.40.0/24', ipv6Cidrs: ['2600:1f18:a:40::/64'] });
    expect(lines).toEqual(['10.0.40.0/24', '2600:1f18:a:40::/64']);
    expect(cardLines('subnet', 'web-dual', lines, undefined)).toEqual(['Subnet web-dual', '10.0.40.0/24', '2600:1f18:a:40::/64']);
    expect(addressBlockLines({ cidrs: ['10.0.0.0/16', '10.1.0.0/16'], ipv6Cidrs: ['2600:1f18:a::/56'] })).toEqual(['10.0.0.0/16, 10.1.0.0/16', '2600:1f18:a::/56']);
  });

  it('an IPv6-only subnet (its cidr is its IPv6 block) gives the block once', () => {
    expect(addressBlockLines({ cidr: '2600:1f18:a:50::/64', ipv6Cidrs: ['2600:1f18:a:50::/64'] })).toEqual(['2600:1f18:a:50::/64']);
  });

  it('an IPv4-only box reads as before', () => {
    expect(addressBlockLines({ cidr: '10.0.1.0/24' })).toEqual(['10.0.1.0/24']);
    expect(cardLines('vpc', 'prod', addressBlockLines({ cidrs: ['10.0.0.0/16'] }), undefined)).toEqual(['VPC prod', '10.0.0.0/16']);
  });

  it('an interface\'s tooltip names its IPv6 address', () => {
    const tip = nodeTip({ id: 'eni-1', kind: 'eni', name: 'web', label: 'web\n10.0.40.10', ipv6: '2600:1f18:a:40::10' }, ['leaf', 'k-eni']);
    expect(tip.facts).toEqual(['10.0.40.10', 'IPv6 2600:1f18:a:40::10']);
  });
});
