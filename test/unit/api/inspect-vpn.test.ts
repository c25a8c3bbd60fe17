// The inspector on a VPN connection and the on-premises network behind it:
// what the engine judges the VPN by (tunnel status, static routes), read from
// the describe JSON written here.
import { describe, expect, it } from 'vitest';
import { inspectComponent } from '../../../shared/api/inspect.js';
import { Network } from '../../fixtures/engine/network.js';

const model = new Network()
  .vpc('vpc-a', '10.0.0.0/16')
  .vgw('vgw-a', 'vpc-a')
  .vpn('vpn-a', { vgw: 'vgw-a' }, { tunnels: ['DOWN', 'UP'], staticRoutes: ['192.168.0.0/16'] })
  .build();

describe('inspecting VPNs', () => {
  it('a VPN connection shows its tunnels, its static routes and where it leads', () => {
    const view = inspectComponent(model, 'vpn-a');
    expect(view.kind).toBe('vpn-connection');
    expect(view.facts).toContainEqual({ label: 'routing', value: 'static routes only' });
    // the fixture's tunnels: 203.0.113.1 DOWN ("IPSEC IS DOWN"), 203.0.113.2 UP
    expect(view.tables.find((t) => t.title === 'Tunnels')!.rows).toEqual([
      ['203.0.113.1', 'DOWN', 'IPSEC IS DOWN', '0'],
      ['203.0.113.2', 'UP', '', '0'],
    ]);
    expect(view.tables.find((t) => t.title === 'Static routes')!.rows).toEqual([['192.168.0.0/16', 'available']]);
    expect(view.related.map((r) => r.id)).toEqual(['vgw-a', 'cgw-a']);
  });

  it('the on-premises node (its customer gateway) is inspectable and names the connection that reaches it', () => {
    const view = inspectComponent(model, 'cgw-a');
    expect(view.kind).toBe('on-premises');
    expect(view.facts).toContainEqual({ label: 'reached over', value: 'vpn-a' });
  });
});
