// How `exposure` names the IPv6 sources of a service (issue 17): ::/0 when the
// whole internet reaches it, and a short list, not hundreds of CIDRs, when a
// route cuts a hole in it. The network is dual() of the dual-stack fixture:
// i-web (2600:1f18:a:1::10) in subnet-pub, whose sg-web admits tcp 22 from ::/0,
// routed ::/0 to igw-a. Expected values are worked out by hand.
import { describe, expect, it } from 'vitest';
import { exposureOf } from '../../../shared/engine/exposure.js';
import { cidr6Contains, parseCidr6, parseIpv6 } from '../../../shared/model/ipv6.js';
import { dual } from '../../fixtures/engine/dual-stack.js';

const BASE_ROUTES: [string, string][] = [['10.0.0.0/16', 'local'], ['2600:1f18:a::/56', 'local'], ['0.0.0.0/0', 'igw-a'], ['::/0', 'igw-a']];

function webIpv6Services(routes: [string, string][], withNat = false) {
  const network = dual({ pubRoutes: routes });
  if (withNat) network.nat('nat-a', 'subnet-pub', '10.0.1.99', '54.0.0.99');
  const report = exposureOf(network.build());
  return report.exposed.find((entry) => entry.eni === 'eni-web' && entry.family === 'ipv6')!.services;
}

describe('exposure: IPv6 sources', () => {
  it('a NAT64 route (64:ff9b::/96 to a NAT gateway) does not cut ::/0: no internet host is numbered in the translation prefix', () => {
    // AWS NAT gateways do NAT64 for 64:ff9b::/96 (https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-nat64-dns64.html),
    // the well-known prefix of RFC 6052 that every translator shares: it stands for IPv4 hosts, outbound only
    const services = webIpv6Services([...BASE_ROUTES, ['64:ff9b::/96', 'nat-a']], true);
    expect(services.map((s) => [s.protocol, s.ports, s.sources, s.risk])).toEqual([['tcp', [{ from: 22, to: 22 }], ['::/0'], 'high']]);
  });

  it('a route that sends replies for a global block elsewhere leaves a hole: ::/0 minus that /32, as its 32 sibling blocks', () => {
    // replies to 2a05:d000::/32 go to the egress-only gateway, not back out of igw-a: those hosts are not answered.
    // ::/0 minus one /32 is one block per prefix length 1..32, the sibling of the /32's ancestor at that length.
    const services = webIpv6Services([...BASE_ROUTES, ['2a05:d000::/32', 'eigw-a']]);
    expect(services).toHaveLength(1);
    const sources = services[0]!.sources;
    expect(sources).toHaveLength(32);
    // 2a05:d000::/32 begins with the bits 0010 1010 ...: its siblings at /1, /3 and /32
    expect(sources).toEqual(expect.arrayContaining(['8000::/1', '::/3', '2a05:d001::/32']));
    const hole = parseIpv6('2a05:d000::1')!;
    expect(sources.filter((text) => cidr6Contains(parseCidr6(text)!, hole))).toEqual([]);
    for (const host of ['2001:db8::1', '2a05:d001::1', 'ffff::1']) expect(sources.some((text) => cidr6Contains(parseCidr6(text)!, parseIpv6(host)!)), host).toBe(true);
  });
});
