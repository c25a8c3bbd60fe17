// Transit gateway zone gaps: a subnet whose routes send traffic to the transit
// gateway from a zone where the VPC's attachment has no subnet. AWS drops
// that traffic (TGW_ROUTE_AZ_RESTRICTION), both ways. The fix is the trace's
// (tgwAzFix): add a subnet of that zone to the attachment.
import type { NetworkModel } from '../../model/types.js';
import { tgwAzFix } from '../fixes.js';
import type { Problem } from '../problems-types.js';
import { busySubnets, componentOf, named } from './problem.js';

export function transitGatewayProblems(model: NetworkModel): Problem[] {
  const problems: Problem[] = [];
  for (const attachment of model.transitGatewayAttachments.values()) {
    if (attachment.resourceType !== 'vpc' || attachment.state !== 'available') continue;
    const covered = new Set(attachment.subnetIds.flatMap((id) => model.subnets.get(id)?.availabilityZone ?? []));
    const gaps = new Map<string, string[]>();
    for (const subnet of model.indexes.subnetsByVpc.get(attachment.resourceId) ?? []) {
      if (covered.has(subnet.availabilityZone)) continue;
      const table = subnet.routeTableId ? model.routeTables.get(subnet.routeTableId) : undefined;
      const routed = table?.routes.some((r) => r.state === 'active' && r.target.kind === 'transit-gateway' && r.target.id === attachment.transitGatewayId);
      if (routed) gaps.set(subnet.availabilityZone, [...(gaps.get(subnet.availabilityZone) ?? []), subnet.id]);
    }
    const component = componentOf(model, attachment.id, 'tgw-attachment');
    for (const [zone, subnetIds] of [...gaps].sort(([a], [b]) => a.localeCompare(b))) {
      const subnets = subnetIds.map((id) => named(componentOf(model, id, 'subnet')));
      problems.push({
        id: `tgw-zone-gap:${attachment.id}:${zone}`,
        kind: 'tgw-zone-gap',
        severity: busySubnets(model, subnetIds) ? 'high' : 'medium',
        component,
        title: `${named(component)} has no subnet in ${zone}, where ${subnets.length === 1 ? 'a subnet routes' : 'subnets route'} to the transit gateway`,
        explanation: `${subnets.join(', ')} in ${zone} route${subnets.length === 1 ? 's' : ''} traffic to ${attachment.transitGatewayId}, but the attachment ${named(component)} has subnets only in ${[...covered].sort().join(', ') || 'no zone'}: AWS drops what they send through the transit gateway, and the replies to what reaches them through it.`,
        fix: tgwAzFix(model, attachment, zone),
        related: subnetIds,
      });
    }
  }
  return problems;
}
