// A component's Name (its Name tag, a security group's group name, an ENI's
// instance's Name), found by id in whatever map holds it: what answers show
// first, before the id.
import type { NetworkModel } from '../model/types.js';

type Named = { readonly name?: string | undefined; readonly instanceId?: string | undefined };

function mapsOf(model: NetworkModel): ReadonlyMap<string, Named>[] {
  return [
    model.networkInterfaces,
    model.instances,
    model.securityGroups,
    model.networkAcls,
    model.routeTables,
    model.subnets,
    model.vpcs,
    model.internetGateways,
    model.egressOnlyInternetGateways,
    model.natGateways,
    model.peeringConnections,
    model.transitGateways,
    model.transitGatewayAttachments,
    model.transitGatewayRouteTables,
    model.vpcEndpoints,
    model.vpnGateways,
    model.vpnConnections,
    model.loadBalancers,
    model.targetGroups,
  ];
}

/** the Name shown for `id`, or null when it has none (or only its id) */
export function componentName(model: NetworkModel, id: string): string | null {
  for (const map of mapsOf(model)) {
    const found = map.get(id);
    if (!found) continue;
    const instance = found.instanceId ? model.instances.get(found.instanceId) : undefined;
    const name = instance?.name ?? found.name;
    return name && name !== id ? name : null;
  }
  return null;
}
