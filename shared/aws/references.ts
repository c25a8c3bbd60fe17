// References to resources the snapshot does not hold (a route to a deleted
// gateway, a peering to another account's VPC): recorded, never fatal, so
// that the engine can answer `unknown` for the paths that need them.
import type { NetworkModel, RouteTargetKind } from '../model/types.js';
import type { ImportNotes } from './import-notes.js';

export type ModelParts = Omit<NetworkModel, 'meta' | 'indexes' | 'errors' | 'missingReferences'>;

function routeTargetExists(parts: ModelParts, kind: RouteTargetKind, id: string): boolean | undefined {
  switch (kind) {
    case 'internet-gateway':
      return parts.internetGateways.has(id);
    case 'egress-only-internet-gateway':
      return parts.egressOnlyInternetGateways.has(id);
    case 'nat-gateway':
      return parts.natGateways.has(id);
    case 'peering':
      return parts.peeringConnections.has(id);
    case 'transit-gateway':
      return parts.transitGateways.has(id);
    case 'vpn-gateway':
      return parts.vpnGateways.has(id);
    case 'vpc-endpoint':
      return parts.vpcEndpoints.has(id);
    case 'network-interface':
      return parts.networkInterfaces.has(id);
    case 'instance':
      return parts.instances.has(id);
    default:
      // local, carrier and local gateways, core networks: nothing in the snapshot to find
      return undefined;
  }
}

function checkRouting(parts: ModelParts, notes: ImportNotes): void {
  for (const table of parts.routeTables.values()) {
    notes.require(parts.vpcs.has(table.vpcId), table.vpcId, table.id, 'VPC');
    for (const route of table.routes) {
      const destination = route.destination.kind === 'cidr' ? route.destination.cidr.text : route.destination.prefixListId;
      if (route.destination.kind === 'prefix-list') {
        notes.require(parts.prefixLists.has(route.destination.prefixListId), route.destination.prefixListId, table.id, 'route destination prefix list');
      }
      const exists = routeTargetExists(parts, route.target.kind, route.target.id);
      if (exists === false) notes.missing(route.target.id, table.id, `route ${destination} target`);
    }
  }
  for (const subnet of parts.subnets.values()) notes.require(parts.vpcs.has(subnet.vpcId), subnet.vpcId, subnet.id, 'VPC');
}

function checkSecurityGroups(parts: ModelParts, notes: ImportNotes): void {
  for (const group of parts.securityGroups.values()) {
    const seen = new Set<string>();
    for (const rule of [...group.ingress, ...group.egress]) {
      const peerId = rule.peer.kind === 'group' ? rule.peer.groupId : rule.peer.kind === 'prefix-list' ? rule.peer.prefixListId : undefined;
      if (peerId === undefined || seen.has(peerId)) continue;
      seen.add(peerId);
      const present = rule.peer.kind === 'group' ? parts.securityGroups.has(peerId) : parts.prefixLists.has(peerId);
      notes.require(present, peerId, group.id, rule.peer.kind === 'group' ? 'rule peer security group' : 'rule peer prefix list');
    }
  }
  for (const eni of parts.networkInterfaces.values()) {
    notes.require(parts.subnets.has(eni.subnetId), eni.subnetId, eni.id, 'subnet');
    for (const groupId of eni.securityGroupIds) notes.require(parts.securityGroups.has(groupId), groupId, eni.id, 'security group');
  }
}

function checkGateways(parts: ModelParts, notes: ImportNotes): void {
  for (const nat of parts.natGateways.values()) notes.require(parts.subnets.has(nat.subnetId), nat.subnetId, nat.id, 'subnet');
  for (const gateway of parts.internetGateways.values()) {
    for (const attachment of gateway.attachments) notes.require(parts.vpcs.has(attachment.vpcId), attachment.vpcId, gateway.id, 'attached VPC');
  }
  for (const peering of parts.peeringConnections.values()) {
    for (const side of [peering.requester, peering.accepter]) notes.require(parts.vpcs.has(side.vpcId), side.vpcId, peering.id, 'peer VPC');
  }
  for (const attachment of parts.transitGatewayAttachments.values()) {
    notes.require(parts.transitGateways.has(attachment.transitGatewayId), attachment.transitGatewayId, attachment.id, 'transit gateway');
    if (attachment.resourceType === 'vpc') notes.require(parts.vpcs.has(attachment.resourceId), attachment.resourceId, attachment.id, 'attached VPC');
    const table = attachment.associatedRouteTableId;
    if (table) notes.require(parts.transitGatewayRouteTables.has(table), table, attachment.id, 'associated transit gateway route table');
  }
  for (const table of parts.transitGatewayRouteTables.values()) {
    for (const route of table.routes) {
      for (const target of route.targets) {
        notes.require(parts.transitGatewayAttachments.has(target.attachmentId), target.attachmentId, table.id, 'route target attachment');
      }
    }
  }
  for (const endpoint of parts.vpcEndpoints.values()) {
    for (const tableId of endpoint.routeTableIds) notes.require(parts.routeTables.has(tableId), tableId, endpoint.id, 'route table');
  }
}

export function checkReferences(parts: ModelParts, notes: ImportNotes): void {
  checkRouting(parts, notes);
  checkSecurityGroups(parts, notes);
  checkGateways(parts, notes);
}
