// The raw snapshot: describe-API JSON per account and region, as the
// collector writes it and as the importer reads it from a folder or a file.
// Validation is loose on purpose: members we do not read pass through
// untouched, and only the fields the model uses are typed and checked.
import { z } from 'zod';
import { parseCidr, parseIpv4 } from '../model/ipv4.js';
import { protocolNumber } from './protocol.js';

const cidr = z.string().refine((text) => parseCidr(text) !== undefined, { message: 'is not an IPv4 CIDR' });
const ipv4 = z.string().refine((text) => parseIpv4(text) !== undefined, { message: 'is not an IPv4 address' });
const str = z.string();
const optStr = z.string().nullish();
const optBool = z.boolean().nullish();
const optInt = z.number().int().nullish();
/** AWS returns protocols as strings ("-1", "tcp", "6"); hand-written dumps sometimes carry numbers. */
const protocol = z
  .union([z.string(), z.number().int()])
  .refine((value) => protocolNumber(value) !== undefined, { message: 'is not an IP protocol (tcp, udp, icmp, -1 or 0-255)' });
const list = <T extends z.ZodType>(item: T) => z.array(item).nullish();

const tags = list(z.looseObject({ Key: str, Value: z.string().nullish() }));
const groupRef = z.looseObject({ GroupId: str, GroupName: optStr });
const attachment = z.looseObject({ VpcId: str, State: optStr });

export const vpcSchema = z.looseObject({
  VpcId: str,
  CidrBlock: cidr.nullish(),
  CidrBlockAssociationSet: list(z.looseObject({ CidrBlock: cidr, CidrBlockState: z.looseObject({ State: optStr }).nullish() })),
  State: optStr,
  IsDefault: optBool,
  OwnerId: optStr,
  Tags: tags,
});

export const subnetSchema = z.looseObject({
  SubnetId: str,
  VpcId: str,
  CidrBlock: cidr.nullish(),
  AvailabilityZone: optStr,
  State: optStr,
  MapPublicIpOnLaunch: optBool,
  OwnerId: optStr,
  Tags: tags,
});

export const routeSchema = z.looseObject({
  DestinationCidrBlock: cidr.nullish(),
  DestinationIpv6CidrBlock: optStr,
  DestinationPrefixListId: optStr,
  GatewayId: optStr,
  NatGatewayId: optStr,
  VpcPeeringConnectionId: optStr,
  TransitGatewayId: optStr,
  NetworkInterfaceId: optStr,
  InstanceId: optStr,
  EgressOnlyInternetGatewayId: optStr,
  LocalGatewayId: optStr,
  CarrierGatewayId: optStr,
  CoreNetworkArn: optStr,
  VpcEndpointId: optStr,
  State: optStr,
  Origin: optStr,
});

export const routeTableSchema = z.looseObject({
  RouteTableId: str,
  VpcId: str,
  Associations: list(z.looseObject({ Main: optBool, SubnetId: optStr, GatewayId: optStr })),
  Routes: list(routeSchema),
  OwnerId: optStr,
  Tags: tags,
});

export const networkAclEntrySchema = z.looseObject({
  RuleNumber: z.number().int(),
  Egress: z.boolean(),
  Protocol: protocol,
  RuleAction: z.enum(['allow', 'deny']),
  CidrBlock: cidr.nullish(),
  Ipv6CidrBlock: optStr,
  PortRange: z.looseObject({ From: optInt, To: optInt }).nullish(),
  IcmpTypeCode: z.looseObject({ Type: optInt, Code: optInt }).nullish(),
});

export const networkAclSchema = z.looseObject({
  NetworkAclId: str,
  VpcId: str,
  IsDefault: optBool,
  Associations: list(z.looseObject({ SubnetId: str })),
  Entries: list(networkAclEntrySchema),
  OwnerId: optStr,
  Tags: tags,
});

export const ipPermissionSchema = z.looseObject({
  IpProtocol: protocol,
  FromPort: optInt,
  ToPort: optInt,
  IpRanges: list(z.looseObject({ CidrIp: cidr, Description: optStr })),
  Ipv6Ranges: list(z.looseObject({ CidrIpv6: optStr })),
  PrefixListIds: list(z.looseObject({ PrefixListId: str, Description: optStr })),
  UserIdGroupPairs: list(
    z.looseObject({
      GroupId: optStr,
      GroupName: optStr,
      UserId: optStr,
      VpcId: optStr,
      VpcPeeringConnectionId: optStr,
      PeeringStatus: optStr,
      Description: optStr,
    }),
  ),
});

export const securityGroupSchema = z.looseObject({
  GroupId: str,
  GroupName: optStr,
  VpcId: optStr,
  OwnerId: optStr,
  IpPermissions: list(ipPermissionSchema),
  IpPermissionsEgress: list(ipPermissionSchema),
  Tags: tags,
});

const privateIpSchema = z.looseObject({
  PrivateIpAddress: ipv4,
  Primary: optBool,
  Association: z.looseObject({ PublicIp: ipv4.nullish() }).nullish(),
});

export const networkInterfaceSchema = z.looseObject({
  NetworkInterfaceId: str,
  SubnetId: str,
  VpcId: str,
  AvailabilityZone: optStr,
  Status: optStr,
  InterfaceType: optStr,
  Description: optStr,
  PrivateIpAddress: ipv4.nullish(),
  PrivateIpAddresses: list(privateIpSchema),
  Association: z.looseObject({ PublicIp: ipv4.nullish() }).nullish(),
  Groups: list(groupRef),
  Attachment: z.looseObject({ InstanceId: optStr, Status: optStr, DeviceIndex: optInt }).nullish(),
  RequesterManaged: optBool,
  SourceDestCheck: optBool,
  OwnerId: optStr,
  TagSet: tags,
  Tags: tags,
});

export const instanceSchema = z.looseObject({
  InstanceId: str,
  State: z.looseObject({ Name: optStr, Code: optInt }).nullish(),
  InstanceType: optStr,
  VpcId: optStr,
  SubnetId: optStr,
  Placement: z.looseObject({ AvailabilityZone: optStr }).nullish(),
  PrivateIpAddress: ipv4.nullish(),
  PublicIpAddress: ipv4.nullish(),
  NetworkInterfaces: list(networkInterfaceSchema),
  Tags: tags,
});

export const reservationSchema = z.looseObject({
  ReservationId: optStr,
  OwnerId: optStr,
  Instances: list(instanceSchema),
});

export const internetGatewaySchema = z.looseObject({
  InternetGatewayId: str,
  Attachments: list(attachment),
  Tags: tags,
});

export const egressOnlyInternetGatewaySchema = z.looseObject({
  EgressOnlyInternetGatewayId: str,
  Attachments: list(attachment),
  Tags: tags,
});

export const natGatewaySchema = z.looseObject({
  NatGatewayId: str,
  VpcId: str,
  SubnetId: str,
  State: optStr,
  ConnectivityType: optStr,
  NatGatewayAddresses: list(
    z.looseObject({ PrivateIp: ipv4.nullish(), PublicIp: ipv4.nullish(), NetworkInterfaceId: optStr }),
  ),
  Tags: tags,
});

const peeringSideSchema = z.looseObject({
  VpcId: str,
  OwnerId: optStr,
  Region: optStr,
  CidrBlock: cidr.nullish(),
  CidrBlockSet: list(z.looseObject({ CidrBlock: cidr })),
});

export const peeringConnectionSchema = z.looseObject({
  VpcPeeringConnectionId: str,
  Status: z.looseObject({ Code: optStr, Message: optStr }).nullish(),
  RequesterVpcInfo: peeringSideSchema,
  AccepterVpcInfo: peeringSideSchema,
  Tags: tags,
});

export const transitGatewaySchema = z.looseObject({
  TransitGatewayId: str,
  State: optStr,
  OwnerId: optStr,
  Options: z
    .looseObject({ AssociationDefaultRouteTableId: optStr, PropagationDefaultRouteTableId: optStr })
    .nullish(),
  Tags: tags,
});

export const transitGatewayAttachmentSchema = z.looseObject({
  TransitGatewayAttachmentId: str,
  TransitGatewayId: str,
  ResourceType: optStr,
  ResourceId: optStr,
  ResourceOwnerId: optStr,
  State: optStr,
  Association: z.looseObject({ TransitGatewayRouteTableId: optStr, State: optStr }).nullish(),
  Tags: tags,
});

export const transitGatewayVpcAttachmentSchema = z.looseObject({
  TransitGatewayAttachmentId: str,
  TransitGatewayId: str,
  VpcId: str,
  VpcOwnerId: optStr,
  State: optStr,
  SubnetIds: list(str),
  Tags: tags,
});

export const transitGatewayRouteTableSchema = z.looseObject({
  TransitGatewayRouteTableId: str,
  TransitGatewayId: str,
  State: optStr,
  Tags: tags,
});

export const transitGatewayPropagationsSchema = z.looseObject({
  TransitGatewayRouteTableId: str,
  TransitGatewayRouteTablePropagations: list(
    z.looseObject({ TransitGatewayAttachmentId: str, ResourceId: optStr, ResourceType: optStr, State: optStr }),
  ),
});

export const transitGatewayRouteSchema = z.looseObject({
  DestinationCidrBlock: cidr.nullish(),
  PrefixListId: optStr,
  Type: optStr,
  State: optStr,
  TransitGatewayAttachments: list(
    z.looseObject({ TransitGatewayAttachmentId: str, ResourceId: optStr, ResourceType: optStr }),
  ),
});

export const transitGatewayStaticRoutesSchema = z.looseObject({
  TransitGatewayRouteTableId: str,
  Routes: list(transitGatewayRouteSchema),
});

export const prefixListSchema = z.looseObject({
  PrefixListId: str,
  PrefixListName: optStr,
  Cidrs: list(cidr),
});

export const managedPrefixListSchema = z.looseObject({
  PrefixListId: str,
  PrefixListName: optStr,
  AddressFamily: optStr,
  OwnerId: optStr,
  Entries: list(z.looseObject({ Cidr: str, Description: optStr })),
  Tags: tags,
});

export const vpcEndpointSchema = z.looseObject({
  VpcEndpointId: str,
  VpcId: str,
  VpcEndpointType: optStr,
  ServiceName: optStr,
  State: optStr,
  RouteTableIds: list(str),
  SubnetIds: list(str),
  NetworkInterfaceIds: list(str),
  Groups: list(groupRef),
  Tags: tags,
});

export const vpnGatewaySchema = z.looseObject({
  VpnGatewayId: str,
  State: optStr,
  VpcAttachments: list(attachment),
  Tags: tags,
});

export const vpnConnectionSchema = z.looseObject({
  VpnConnectionId: str,
  State: optStr,
  VpnGatewayId: optStr,
  TransitGatewayId: optStr,
  CustomerGatewayId: optStr,
  Tags: tags,
});

export const loadBalancerSchema = z.looseObject({
  LoadBalancerArn: str,
  LoadBalancerName: str,
  Type: optStr,
  Scheme: optStr,
  VpcId: optStr,
  State: z.looseObject({ Code: optStr }).nullish(),
  AvailabilityZones: list(z.looseObject({ SubnetId: optStr, ZoneName: optStr })),
  SecurityGroups: list(str),
});

const listenerSchema = z.looseObject({
  ListenerArn: optStr,
  Protocol: optStr,
  Port: optInt,
  DefaultActions: list(
    z.looseObject({
      Type: optStr,
      TargetGroupArn: optStr,
      ForwardConfig: z.looseObject({ TargetGroups: list(z.looseObject({ TargetGroupArn: str })) }).nullish(),
    }),
  ),
});

export const loadBalancerListenersSchema = z.looseObject({ LoadBalancerArn: str, Listeners: list(listenerSchema) });

export const loadBalancerAttributesSchema = z.looseObject({
  LoadBalancerArn: str,
  Attributes: list(z.looseObject({ Key: str, Value: z.string().nullish() })),
});

export const targetGroupSchema = z.looseObject({
  TargetGroupArn: str,
  TargetGroupName: str,
  Protocol: optStr,
  Port: optInt,
  VpcId: optStr,
  TargetType: optStr,
  LoadBalancerArns: list(str),
});

export const targetHealthSchema = z.looseObject({
  TargetGroupArn: str,
  TargetHealthDescriptions: list(
    z.looseObject({
      Target: z.looseObject({ Id: str, Port: optInt }),
      TargetHealth: z.looseObject({ State: optStr, Reason: optStr }).nullish(),
    }),
  ),
});

export const addressSchema = z.looseObject({
  PublicIp: ipv4.nullish(),
  AllocationId: optStr,
  NetworkInterfaceId: optStr,
  PrivateIpAddress: ipv4.nullish(),
  InstanceId: optStr,
});

/** Every snapshot key the model reads, with the schema of one element. */
export const regionKeySchemas = {
  Vpcs: vpcSchema,
  Subnets: subnetSchema,
  RouteTables: routeTableSchema,
  NetworkAcls: networkAclSchema,
  SecurityGroups: securityGroupSchema,
  NetworkInterfaces: networkInterfaceSchema,
  Reservations: reservationSchema,
  InternetGateways: internetGatewaySchema,
  EgressOnlyInternetGateways: egressOnlyInternetGatewaySchema,
  NatGateways: natGatewaySchema,
  VpcPeeringConnections: peeringConnectionSchema,
  TransitGateways: transitGatewaySchema,
  TransitGatewayAttachments: transitGatewayAttachmentSchema,
  TransitGatewayVpcAttachments: transitGatewayVpcAttachmentSchema,
  TransitGatewayRouteTables: transitGatewayRouteTableSchema,
  TransitGatewayPropagations: transitGatewayPropagationsSchema,
  TransitGatewayStaticRoutes: transitGatewayStaticRoutesSchema,
  PrefixLists: prefixListSchema,
  ManagedPrefixLists: managedPrefixListSchema,
  VpcEndpoints: vpcEndpointSchema,
  VpnGateways: vpnGatewaySchema,
  VpnConnections: vpnConnectionSchema,
  LoadBalancers: loadBalancerSchema,
  LoadBalancerListeners: loadBalancerListenersSchema,
  LoadBalancerAttributes: loadBalancerAttributesSchema,
  TargetGroups: targetGroupSchema,
  LoadBalancerTargetHealth: targetHealthSchema,
  Addresses: addressSchema,
} as const;

export type RegionKey = keyof typeof regionKeySchemas;
export const regionKeys = Object.keys(regionKeySchemas) as RegionKey[];

/** Describe-API members with no network meaning: accepted without a word. */
export const silentlyIgnoredKeys: ReadonlySet<string> = new Set([
  'AvailabilityZones',
  'Tags',
  'DhcpOptions',
  'CustomerGateways',
  'KeyPairs',
  'Images',
  'Volumes',
  'NextToken',
]);

export type RawOf<K extends RegionKey> = z.output<(typeof regionKeySchemas)[K]>;

/** One region of one account: each key holds the concatenated describe-API lists; unknown keys are kept as read. */
export type RawRegion = { readonly [K in RegionKey]?: readonly RawOf<K>[] } & { readonly [key: string]: unknown };

export const rawErrorSchema = z.looseObject({
  account: str,
  region: str,
  api: str,
  code: str,
  message: z.string().nullish().transform((text) => text ?? ''),
  key: optStr,
  resourceId: optStr,
});
export type RawError = z.output<typeof rawErrorSchema>;

export interface RawSnapshotSource {
  readonly kind: 'aws-live' | 'import' | 'demo';
  readonly profile?: string | undefined;
  readonly partition?: string | undefined;
  readonly path?: string | undefined;
}

export interface RawSnapshot {
  readonly format: 'reachmap-snapshot/1';
  readonly createdAt?: string | undefined;
  readonly source: RawSnapshotSource;
  /** account -> region -> describe-API keys */
  readonly accounts: { readonly [account: string]: { readonly [region: string]: RawRegion } };
  readonly errors: readonly RawError[];
}

export const SNAPSHOT_FORMAT = 'reachmap-snapshot/1';

export const snapshotHeaderSchema = z.looseObject({
  format: z.literal(SNAPSHOT_FORMAT),
  createdAt: optStr,
  source: z
    .looseObject({ kind: z.enum(['aws-live', 'import', 'demo']), profile: optStr, partition: optStr })
    .nullish(),
  accounts: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown()))),
  errors: list(rawErrorSchema),
});
