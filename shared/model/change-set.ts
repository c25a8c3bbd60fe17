// A change set: edits to a snapshot, each one an EC2 API call with the
// parameters AWS takes (and the describe API returns), so that a change set
// reads like the AWS CLI commands it stands for and round-trips with them.
// `reachmap ... --apply FILE` answers on the snapshot with the edits made;
// a fix carries its change set in `blocked.fix.changes`.
//
// Extension point: an edit kind is one entry of EDIT_SCHEMAS (its parameters)
// and one handler in apply.ts's EDIT_HANDLERS (what it does to the describe
// JSON); later kinds (IPv6 ranges, listeners, deletions, tags) add both.
import { parseCidr6 } from './ipv6.js';
import { z } from 'zod';

export const CHANGE_SET_FORMAT = 'reachmap-changes/1';

/**
 * The id of a resource a change set creates: AWS's prefix, then `new-` and a
 * number (`nat-new-1`). Later edits name it by that id; the AWS CLI script
 * captures the real id in a shell variable (NAT_NEW_1).
 */
export const NEW_ID = /^[a-z]+(?:-[a-z]+)*-new-\d+$/;
/** Ids as AWS writes them; refusing anything else keeps shell and display safe. */
const ID_TEXT = /^[A-Za-z0-9._:/-]+$/;

// Plain regular expressions, not refinements, so that docs/schemas/changes.schema.json states them too.
const id = (prefix: string) => z.string().regex(new RegExp(`^${prefix}-${ID_TEXT.source.slice(1)}`), { message: `is not a ${prefix}- id` });
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)';
const CIDR_TEXT = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}/(?:3[0-2]|[0-2]?\\d)$`);
const IPV4_TEXT = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
const cidr = z.string().regex(CIDR_TEXT, { message: 'is not an IPv4 CIDR' });
const ipv4 = z.string().regex(IPV4_TEXT, { message: 'is not an IPv4 address' });
const cidr6 = z.string().refine((text) => parseCidr6(text) !== undefined, { message: 'is not an IPv6 CIDR' });
const port = z.number().int().min(-1).max(65535);
const protocol = z.string().regex(/^(-1|tcp|udp|icmp|\d|[1-9]\d|1\d\d|2[0-4]\d|25[0-5])$/, { message: 'is not an IP protocol (tcp, udp, icmp, -1 or 0-255)' });

/** An IpPermission as AuthorizeSecurityGroupIngress takes it (and DescribeSecurityGroups returns it). */
export const ipPermissionEdit = z
  .object({
    IpProtocol: protocol,
    FromPort: port.optional(),
    ToPort: port.optional(),
    IpRanges: z.array(z.object({ CidrIp: cidr, Description: z.string().optional() }).strict()).optional(),
    Ipv6Ranges: z.array(z.object({ CidrIpv6: cidr6, Description: z.string().optional() }).strict()).optional(),
    PrefixListIds: z.array(z.object({ PrefixListId: id('pl'), Description: z.string().optional() }).strict()).optional(),
    UserIdGroupPairs: z
      .array(
        z
          .object({
            GroupId: id('sg'),
            UserId: z.string().regex(ID_TEXT, { message: 'is not an account id' }).optional().describe('the account of the group, when it is another account\'s'),
            VpcPeeringConnectionId: id('pcx').optional().describe('the peering the group is named across (a peer VPC\'s group, same Region, active)'),
            Description: z.string().optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict()
  .refine((p) => (p.IpRanges?.length ?? 0) + (p.Ipv6Ranges?.length ?? 0) + (p.PrefixListIds?.length ?? 0) + (p.UserIdGroupPairs?.length ?? 0) > 0, {
    message: 'names no peer (IpRanges, Ipv6Ranges, PrefixListIds or UserIdGroupPairs)',
  });

const securityGroupRules = <A extends string>(action: A) =>
  z.object({ action: z.literal(action), GroupId: id('sg'), IpPermissions: z.array(ipPermissionEdit).min(1) }).strict();

const aclEntry = <A extends 'CreateNetworkAclEntry' | 'ReplaceNetworkAclEntry'>(action: A) =>
  z
    .object({
      action: z.literal(action),
      NetworkAclId: id('acl'),
      RuleNumber: z.number().int().min(1).max(32766),
      Egress: z.boolean(),
      Protocol: protocol,
      RuleAction: z.enum(['allow', 'deny']),
      CidrBlock: cidr.optional(),
      /** an IPv6 entry, instead of CidrBlock (one numbering for both families) */
      Ipv6CidrBlock: cidr6.optional(),
      PortRange: z.object({ From: port, To: port }).strict().optional(),
      IcmpTypeCode: z.object({ Type: z.number().int(), Code: z.number().int() }).strict().optional(),
    })
    .strict()
    .refine((e) => (e.CidrBlock === undefined) !== (e.Ipv6CidrBlock === undefined), { message: 'must name exactly one of CidrBlock and Ipv6CidrBlock' });

/** Exactly one target, as CreateRoute demands. */
export const ROUTE_TARGET_KEYS = ['GatewayId', 'NatGatewayId', 'VpcPeeringConnectionId', 'TransitGatewayId', 'NetworkInterfaceId', 'EgressOnlyInternetGatewayId'] as const;
export type RouteTargetKey = (typeof ROUTE_TARGET_KEYS)[number];

const route = <A extends 'CreateRoute' | 'ReplaceRoute'>(action: A) =>
  z
    .object({
      action: z.literal(action),
      RouteTableId: id('rtb'),
      DestinationCidrBlock: cidr.optional(),
      /** an IPv6 route, instead of DestinationCidrBlock */
      DestinationIpv6CidrBlock: cidr6.optional(),
      GatewayId: id('igw').optional(),
      NatGatewayId: id('nat').optional(),
      VpcPeeringConnectionId: id('pcx').optional(),
      TransitGatewayId: id('tgw').optional(),
      NetworkInterfaceId: id('eni').optional(),
      EgressOnlyInternetGatewayId: id('eigw').optional(),
    })
    .strict()
    .refine((r) => ROUTE_TARGET_KEYS.filter((key) => r[key] !== undefined).length === 1, { message: 'must name exactly one target (GatewayId, NatGatewayId, ...)' })
    .refine((r) => (r.DestinationCidrBlock === undefined) !== (r.DestinationIpv6CidrBlock === undefined), { message: 'must name exactly one of DestinationCidrBlock and DestinationIpv6CidrBlock' });

export const EDIT_SCHEMAS = {
  AuthorizeSecurityGroupIngress: securityGroupRules('AuthorizeSecurityGroupIngress'),
  AuthorizeSecurityGroupEgress: securityGroupRules('AuthorizeSecurityGroupEgress'),
  RevokeSecurityGroupIngress: securityGroupRules('RevokeSecurityGroupIngress'),
  RevokeSecurityGroupEgress: securityGroupRules('RevokeSecurityGroupEgress'),
  CreateNetworkAclEntry: aclEntry('CreateNetworkAclEntry'),
  ReplaceNetworkAclEntry: aclEntry('ReplaceNetworkAclEntry'),
  DeleteNetworkAclEntry: z.object({ action: z.literal('DeleteNetworkAclEntry'), NetworkAclId: id('acl'), RuleNumber: z.number().int().min(1).max(32766), Egress: z.boolean() }).strict(),
  CreateRoute: route('CreateRoute'),
  ReplaceRoute: route('ReplaceRoute'),
  DeleteRoute: z.object({ action: z.literal('DeleteRoute'), RouteTableId: id('rtb'), DestinationCidrBlock: cidr }).strict(),
  CreateNatGateway: z
    .object({
      action: z.literal('CreateNatGateway'),
      /** the id later edits use for it, e.g. nat-new-1 */
      NewId: z.string().regex(/^nat-new-\d+$/, { message: 'is not a new NAT gateway id (nat-new-N)' }),
      SubnetId: id('subnet'),
      ConnectivityType: z.enum(['public', 'private']).optional(),
      /** an Elastic IP allocation to use; without it the script allocates one */
      AllocationId: id('eipalloc').optional(),
    })
    .strict(),
  ModifyNetworkInterfaceAttribute: z
    .object({ action: z.literal('ModifyNetworkInterfaceAttribute'), NetworkInterfaceId: id('eni'), Groups: z.array(id('sg')).min(1).max(16) })
    .strict(),
  AssociateAddress: z
    .object({
      action: z.literal('AssociateAddress'),
      NetworkInterfaceId: id('eni'),
      /** the Elastic IP's address (needed to trace with it) */
      PublicIp: ipv4,
      AllocationId: id('eipalloc').optional(),
    })
    .strict(),
  ModifyTransitGatewayVpcAttachment: z
    .object({ action: z.literal('ModifyTransitGatewayVpcAttachment'), TransitGatewayAttachmentId: id('tgw-attach'), AddSubnetIds: z.array(id('subnet')).min(1) })
    .strict(),
  CreateTransitGatewayRoute: z
    .object({ action: z.literal('CreateTransitGatewayRoute'), TransitGatewayRouteTableId: id('tgw-rtb'), DestinationCidrBlock: cidr, TransitGatewayAttachmentId: id('tgw-attach') })
    .strict(),
  ReplaceTransitGatewayRoute: z
    .object({ action: z.literal('ReplaceTransitGatewayRoute'), TransitGatewayRouteTableId: id('tgw-rtb'), DestinationCidrBlock: cidr, TransitGatewayAttachmentId: id('tgw-attach') })
    .strict(),
  AcceptVpcPeeringConnection: z.object({ action: z.literal('AcceptVpcPeeringConnection'), VpcPeeringConnectionId: id('pcx') }).strict(),
  AcceptTransitGatewayVpcAttachment: z.object({ action: z.literal('AcceptTransitGatewayVpcAttachment'), TransitGatewayAttachmentId: id('tgw-attach') }).strict(),
  StartInstances: z.object({ action: z.literal('StartInstances'), InstanceIds: z.array(id('i')).min(1) }).strict(),
  StopInstances: z.object({ action: z.literal('StopInstances'), InstanceIds: z.array(id('i')).min(1) }).strict(),
} as const;

export type EditAction = keyof typeof EDIT_SCHEMAS;
export type EditOf<A extends EditAction> = z.output<(typeof EDIT_SCHEMAS)[A]>;
export type Edit = { [A in EditAction]: EditOf<A> }[EditAction];

export interface ChangeSet {
  readonly format: typeof CHANGE_SET_FORMAT;
  /** what the edits are for, in words (a fix's text, a user's note) */
  readonly description?: string;
  readonly changes: readonly Edit[];
}

export const EDIT_ACTIONS = Object.keys(EDIT_SCHEMAS) as EditAction[];
