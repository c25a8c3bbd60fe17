// Fixes at gateways and endpoints: starting an instance, accepting a peering
// or an attachment, a transit gateway attachment's missing zone, a transit
// gateway route. Each is the one edit AWS offers for that gap.
import type { NetworkModel, TransitGatewayAttachment } from '../../model/types.js';
import type { Fix } from '../analysis-types.js';
import { fixOf } from './make-fix.js';
import { isPublicSubnet } from './route-fixes.js';
import { nameAndId } from './words.js';

export function startInstanceFix(model: NetworkModel, instanceId: string): Fix {
  const instance = model.instances.get(instanceId);
  return fixOf(model, `Start ${instance ? nameAndId(model, instance) : instanceId}.`, [{ action: 'StartInstances', InstanceIds: [instanceId] }]);
}

export function acceptPeeringFix(model: NetworkModel, pcxId: string): Fix {
  const pcx = model.peeringConnections.get(pcxId);
  return fixOf(model, `Accept the peering connection ${pcx ? nameAndId(model, pcx) : pcxId} (in the accepter's account and region).`, [{ action: 'AcceptVpcPeeringConnection', VpcPeeringConnectionId: pcxId }]);
}

export function acceptAttachmentFix(model: NetworkModel, attachmentId: string): Fix {
  const attachment = model.transitGatewayAttachments.get(attachmentId);
  return fixOf(model, `Accept the transit gateway attachment ${attachment ? nameAndId(model, attachment) : attachmentId}.`, [{ action: 'AcceptTransitGatewayVpcAttachment', TransitGatewayAttachmentId: attachmentId }]);
}

/**
 * The subnet an attachment should gain in `zone`: one of the VPC's private
 * subnets there (an attachment's ENIs belong in private subnets), the
 * smallest first (a dedicated /28 is AWS's advice), then by id. The same
 * choice whoever asks (trace, diagnose, report), whichever instance sent.
 */
export function attachmentSubnetFor(model: NetworkModel, attachment: TransitGatewayAttachment, zone: string): string | undefined {
  const candidates = (model.indexes.subnetsByVpc.get(attachment.resourceId) ?? []).filter((subnet) => subnet.availabilityZone === zone && !isPublicSubnet(model, subnet));
  candidates.sort((a, b) => (b.cidr?.prefix ?? 0) - (a.cidr?.prefix ?? 0) || a.id.localeCompare(b.id));
  return candidates[0]?.id;
}

export function tgwAzFix(model: NetworkModel, attachment: TransitGatewayAttachment, zone: string): Fix | null {
  const subnetId = attachmentSubnetFor(model, attachment, zone);
  if (!subnetId) return null;
  const subnet = model.subnets.get(subnetId)!;
  return fixOf(model, `Add a subnet in ${zone} to the transit gateway attachment ${nameAndId(model, attachment)}: ${nameAndId(model, subnet)}, a private subnet of the VPC there.`, [
    { action: 'ModifyTransitGatewayVpcAttachment', TransitGatewayAttachmentId: attachment.id, AddSubnetIds: [subnetId] },
  ]);
}

export function tgwRouteFix(model: NetworkModel, tableId: string, destination: string, attachmentId: string, replace: boolean): Fix {
  const table = model.transitGatewayRouteTables.get(tableId);
  const tableWords = table ? nameAndId(model, table) : tableId;
  const attachment = model.transitGatewayAttachments.get(attachmentId);
  const attachmentWords = attachment ? nameAndId(model, attachment) : attachmentId;
  const text = replace ? `Point the route for ${destination} in ${tableWords} at ${attachmentWords}.` : `Add a route for ${destination} to ${attachmentWords} in ${tableWords}.`;
  return fixOf(model, text, [{ action: replace ? 'ReplaceTransitGatewayRoute' : 'CreateTransitGatewayRoute', TransitGatewayRouteTableId: tableId, DestinationCidrBlock: destination, TransitGatewayAttachmentId: attachmentId }]);
}
