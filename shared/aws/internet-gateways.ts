// Internet gateways and egress-only internet gateways, with their VPC attachments.
import type { EgressOnlyInternetGateway, GatewayAttachment, InternetGateway, Placement } from '../model/types.js';
import type { RawOf } from './raw.js';
import { nameOf, tagsOf } from './tags.js';

type RawAttachments = RawOf<'InternetGateways'>['Attachments'];

export function attachmentsOf(raw: RawAttachments): GatewayAttachment[] {
  return (raw ?? []).map((attachment) => ({ vpcId: attachment.VpcId, state: attachment.State ?? 'available' }));
}

export function internetGatewayOf(raw: RawOf<'InternetGateways'>, place: Placement): InternetGateway {
  const tags = tagsOf(raw.Tags);
  return { account: place.account, region: place.region, id: raw.InternetGatewayId, name: nameOf(tags), tags, attachments: attachmentsOf(raw.Attachments) };
}

export function egressOnlyInternetGatewayOf(raw: RawOf<'EgressOnlyInternetGateways'>, place: Placement): EgressOnlyInternetGateway {
  const tags = tagsOf(raw.Tags);
  return { account: place.account, region: place.region, id: raw.EgressOnlyInternetGatewayId, name: nameOf(tags), tags, attachments: attachmentsOf(raw.Attachments) };
}
