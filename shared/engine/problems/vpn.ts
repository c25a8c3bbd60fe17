// VPN connections that carry nothing or have lost their redundancy, as the
// snapshot's tunnel status (VgwTelemetry) shows them: routes lead to them,
// and every flow over a connection whose tunnels are all down drops
// (BAD_STATE_VPN). Why a tunnel is down (IKE, the customer gateway device, its
// internet link) is outside the snapshot: said, not fixed.
import type { NetworkModel, VpnConnection } from '../../model/types.js';
import type { Problem } from '../problems-types.js';
import { onPremisesId } from '../on-premises.js';

/** The route tables (and TGW route tables) that send traffic toward this connection. */
function routedBy(model: NetworkModel, connection: VpnConnection): string[] {
  const tables: string[] = [];
  if (connection.vpnGatewayId) {
    for (const table of model.routeTables.values()) if (table.routes.some((route) => route.target.id === connection.vpnGatewayId) || table.propagatingVgwIds?.includes(connection.vpnGatewayId)) tables.push(table.id);
  }
  const attachments = [...model.transitGatewayAttachments.values()].filter((a) => a.resourceType === 'vpn' && a.resourceId === connection.id).map((a) => a.id);
  for (const table of model.transitGatewayRouteTables.values()) {
    if (table.routes.some((route) => route.targets.some((target) => attachments.includes(target.attachmentId)))) tables.push(table.id);
  }
  return tables;
}

export function vpnProblems(model: NetworkModel): Problem[] {
  const problems: Problem[] = [];
  for (const connection of model.vpnConnections.values()) {
    if (connection.state !== 'available' || !connection.tunnels || connection.tunnels.length === 0) continue;
    const up = connection.tunnels.filter((tunnel) => tunnel.status.toUpperCase() === 'UP');
    const gateway = connection.vpnGatewayId ?? connection.transitGatewayId ?? 'its gateway';
    const tunnels = connection.tunnels.map((t) => `${t.outsideIp ?? 'tunnel'} ${t.status}${t.statusMessage ? ` (${t.statusMessage})` : ''}`).join(', ');
    const component = { id: connection.id, kind: 'vpn-connection' as const, name: connection.name ?? null };
    const related = [gateway, onPremisesId(connection), ...routedBy(model, connection)];
    const outside = 'Why is outside the snapshot: the customer gateway device, its IKE and IPsec settings, its internet link.';
    if (up.length === 0) {
      const routed = routedBy(model, connection).length > 0;
      problems.push({
        id: `vpn-down:${connection.id}`,
        kind: 'vpn-down',
        severity: routed ? 'high' : 'medium',
        component,
        title: `${connection.id} carries nothing: every tunnel is down`,
        explanation: `${connection.id} on ${gateway} is available, but its tunnels are all down (${tunnels}): ${routed ? 'routes send traffic to it, and every flow over it drops (BAD_STATE_VPN)' : 'no route sends traffic to it yet'}. ${outside}`,
        fix: null,
        related,
      });
    } else if (up.length < connection.tunnels.length) {
      problems.push({
        id: `vpn-tunnel-down:${connection.id}`,
        kind: 'vpn-tunnel-down',
        severity: 'low',
        component,
        title: `${connection.id} runs on ${up.length} of its ${connection.tunnels.length} tunnels`,
        explanation: `Traffic still flows over ${connection.id}, but without the redundancy AWS provides: ${tunnels}. AWS replaces tunnel endpoints during maintenance, when the other tunnel must carry the traffic. ${outside}`,
        fix: null,
        related,
      });
    }
  }
  return problems;
}
