// The inspector's view of a VPN connection (its tunnels and static routes,
// what the engine judges it by) and of the on-premises network behind it.
import type { NetworkModel, VpnConnection } from '../model/types.js';
import { onPremisesId } from '../engine/on-premises.js';
import type { Inspection } from './inspect-types.js';

function connectionInspection(connection: VpnConnection): Inspection {
  const routing = connection.staticRoutesOnly === true ? 'static routes only' : connection.staticRoutesOnly === false ? 'BGP' : 'not in the snapshot';
  return {
    id: connection.id,
    kind: 'vpn-connection',
    name: connection.name ?? null,
    facts: [
      { label: 'state', value: connection.state },
      { label: 'gateway', value: connection.vpnGatewayId ?? connection.transitGatewayId ?? 'none' },
      { label: 'customer gateway', value: connection.customerGatewayId ?? 'unknown' },
      { label: 'routing', value: routing },
      ...(connection.tunnels === undefined ? [{ label: 'tunnels', value: 'status not in the snapshot (VgwTelemetry)' }] : []),
    ],
    tags: { ...connection.tags },
    tables: [
      {
        title: 'Tunnels',
        columns: ['outside address', 'status', 'message', 'routes accepted'],
        rows: (connection.tunnels ?? []).map((t) => [t.outsideIp ?? '', t.status, t.statusMessage ?? '', t.acceptedRouteCount === undefined ? '' : String(t.acceptedRouteCount)]),
      },
      { title: 'Static routes', columns: ['destination', 'state'], rows: (connection.staticRoutes ?? []).map((r) => [r.cidr.text, r.state]) },
    ],
    related: [
      ...(connection.vpnGatewayId ? [{ id: connection.vpnGatewayId, kind: 'vpn-gateway', label: 'virtual private gateway' }] : []),
      ...(connection.state !== 'deleted' ? [{ id: onPremisesId(connection), kind: 'on-premises', label: 'on-premises network' }] : []),
    ],
  };
}

/** A VPN connection, or the on-premises side of one; undefined when the id is neither. */
export function vpnInspection(model: NetworkModel, id: string): Inspection | undefined {
  const connection = model.vpnConnections.get(id);
  if (connection) return connectionInspection(connection);
  const behind = [...model.vpnConnections.values()].filter((c) => c.state !== 'deleted' && onPremisesId(c) === id);
  if (behind.length === 0) return undefined;
  return {
    id,
    kind: 'on-premises',
    name: `on-premises (${behind[0]!.customerGatewayId ?? behind[0]!.id})`,
    facts: [
      { label: 'reached over', value: behind.map((c) => c.id).join(', ') },
      { label: 'addresses', value: 'what the VPN routes cover; the network itself is outside the snapshot' },
    ],
    tags: {},
    tables: [],
    related: behind.map((c) => ({ id: c.id, kind: 'vpn-connection', label: 'VPN connection' })),
  };
}
