// IPv6 toward a virtual private gateway (issue 17): not guessed. One test per
// rule, citing the AWS page; expectations written by hand from dual() plus
// the gateway below.
import { describe, expect, it } from 'vitest';
import { dual } from '../../fixtures/engine/dual-stack.js';
import { analyze, drop } from './analyze-helper.js';

describe('IPv6 and virtual private gateways', () => {
  // https://docs.aws.amazon.com/vpn/latest/s2svpn/how_it_works.html: "Virtual private gateways do not support IPv6 for
  // Site-to-Site VPN connections"; a Direct Connect virtual interface on the same gateway may carry IPv6 and is not in
  // the snapshot, so the answer is unknown, with the reason
  it('an IPv6 packet routed to vgw-a (VPN up, on-premises 172.16.0.0/16) is UNSUPPORTED_COMPONENT at vgw-a, saying why', () => {
    const model = dual({ privRoutes: [['10.0.0.0/16', 'local'], ['2600:1f18:a::/56', 'local'], ['::/0', 'eigw-a'], ['2001:db8:f000::/36', 'vgw-a'], ['172.16.0.0/16', 'vgw-a']] })
      .vgw('vgw-a', 'vpc-a')
      .vpn('vpn-1', { vgw: 'vgw-a' }, { tunnels: ['UP', 'UP'], staticRoutes: ['172.16.0.0/16'] })
      .build();
    const result = analyze(model, { from: 'i-db', to: '2001:db8:f000::5', port: 443 });
    expect(drop(result)).toEqual({ verdict: 'unknown', kind: 'vpn-gateway', id: 'vgw-a', code: 'UNSUPPORTED_COMPONENT', leg: 'forward' });
    expect(result.blocked!.detail).toContain('carry IPv4 only');
    expect(result.blocked!.detail).toContain('Direct Connect');
  });
});
