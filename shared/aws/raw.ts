// The raw snapshot: describe-API JSON per account and region, as the
// collector writes it and as the importer reads it from a folder or a file.
// Validation is loose on purpose: only the fields the model uses are typed
// and checked. The schemas only check: the importer keeps the objects as
// parsed, so members we do not read pass through untouched (and parsing
// skips them, which keeps a 10k-ENI snapshot fast).
import { z } from 'zod';
import type { SnapshotSource } from '../model/types.js';
import { parseCidr6, parseIpv6 } from '../model/ipv6.js';
import { protocolNumber } from './protocol.js';

// The same rule as ipaddr.js's isValidFourPartDecimal, which the model's
// parseIpv4 applies later: decimal octets 0-255 without leading zeros. A
// regular expression here keeps validating a large snapshot cheap.
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)';
const IPV4_TEXT = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
const CIDR_TEXT = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}/(?:3[0-2]|[0-2]?\\d)$`);
const cidr = z.string().refine((text) => CIDR_TEXT.test(text), { message: 'is not an IPv4 CIDR' });
const ipv4 = z.string().refine((text) => IPV4_TEXT.test(text), { message: 'is not an IPv4 address' });
// IPv6 is rarer and shorter in a snapshot: the model's own parser checks it.
const cidr6 = z.string().refine((text) => parseCidr6(text) !== undefined, { message: 'is not an IPv6 CIDR' });
const ipv6 = z.string().refine((text) => parseIpv6(text) !== undefined, { message: 'is not an IPv6 address' });
/** Transit gateway routes and AWS-managed prefix lists carry both families in one member. */
const anyCidr = z.string().refine((text) => CIDR_TEXT.test(text) || parseCidr6(text) !== undefined, { message: 'is not an IPv4 or IPv6 CIDR' });
const str = z.string();
const optStr = z.string().nullish();
const optBool = z.boolean().nullish();
const optInt = z.number().int().nullish();
/** AWS returns protocols as strings ("-1", "tcp", "6"); hand-written dumps sometimes carry numbers. */
const protocol = z
  .union([z.string(), z.number().int()])
  .refine((value) => protocolNumber(value) !== undefined, { message: 'is not an IP protocol (tcp, udp, icmp, -1 or 0-255)' });
const list = <T extends z.ZodType>(item: T) => z.array(item).nullish();

const tags = list(z.object({ Key: str, Value: z.string().nullish() }));
const groupRef = z.object({ GroupId: str, GroupName: optStr });
const attachment = z.object({ VpcId: str, State: optStr });

export const vpcSchema = z.object({
  VpcId: str,
  CidrBlock: cidr.nullish(),
  CidrBlockAssociationSet: list(z.object({ CidrBlock: cidr, CidrBlockState: z.object({ State: optStr }).nullish() })),
  Ipv6CidrBlockAssociationSet: list(z.object({ Ipv6CidrBlock: cidr6, Ipv6CidrBlockState: z.object({ State: optStr }).nullish() })),
  State: optStr,
  IsDefault: optBool,
  OwnerId: optStr,
  Tags: tags,
});

export const subnetSchema = z.object({
  SubnetId: str,
  VpcId: str,
  CidrBlock: cidr.nullish(),
  Ipv6CidrBlockAssociationSet: list(z.object({ Ipv6CidrBlock: cidr6, Ipv6CidrBlockState: z.object({ State: optStr }).nullish() })),
  Ipv6Native: optBool,
  AvailabilityZone: optStr,
  State: optStr,
  MapPublicIpOnLaunch: optBool,
  OwnerId: optStr,
  Tags: tags,
});

export const routeSchema = z.object({
  DestinationCidrBlock: cidr.nullish(),
  DestinationIpv6CidrBlock: cidr6.nullish(),
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

export const routeTableSchema = z.object({
  RouteTableId: str,
  VpcId: str,
  Associations: list(z.object({ Main: optBool, SubnetId: optStr, GatewayId: optStr })),
  Routes: list(routeSchema),
  PropagatingVgws: list(z.object({ GatewayId: str })),
  OwnerId: optStr,
  Tags: tags,
});

export const networkAclEntrySchema = z.object({
  RuleNumber: z.number().int(),
  Egress: z.boolean(),
  Protocol: protocol,
  RuleAction: z.enum(['allow', 'deny']),
  CidrBlock: cidr.nullish(),
  Ipv6CidrBlock: cidr6.nullish(),
  PortRange: z.object({ From: optInt, To: optInt }).nullish(),
  IcmpTypeCode: z.object({ Type: optInt, Code: optInt }).nullish(),
});

export const networkAclSchema = z.object({
  NetworkAclId: str,
  VpcId: str,
  IsDefault: optBool,
  Associations: list(z.object({ SubnetId: str })),
  Entries: list(networkAclEntrySchema),
  OwnerId: optStr,
  Tags: tags,
});

export const ipPermissionSchema = z.object({
  IpProtocol: protocol,
  FromPort: optInt,
  ToPort: optInt,
  IpRanges: list(z.object({ CidrIp: cidr, Description: optStr })),
  Ipv6Ranges: list(z.object({ CidrIpv6: cidr6, Description: optStr })),
  PrefixListIds: list(z.object({ PrefixListId: str, Description: optStr })),
  UserIdGroupPairs: list(
    z.object({
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

export const securityGroupSchema = z.object({
  GroupId: str,
  GroupName: optStr,
  VpcId: optStr,
  OwnerId: optStr,
  IpPermissions: list(ipPermissionSchema),
  IpPermissionsEgress: list(ipPermissionSchema),
  Tags: tags,
});

const privateIpSchema = z.object({
  PrivateIpAddress: ipv4,
  Primary: optBool,
  Association: z.object({ PublicIp: ipv4.nullish() }).nullish(),
});

// Members that another described object also gives are optional here:
// redundant-fields.ts fills them in, with a warning, or refuses the snapshot
// when nothing else gives them (an ENI's VpcId: its subnet's).
export const networkInterfaceSchema = z.object({
  NetworkInterfaceId: str,
  SubnetId: str,
  VpcId: optStr,
  AvailabilityZone: optStr,
  Status: optStr,
  InterfaceType: optStr,
  Description: optStr,
  PrivateIpAddress: ipv4.nullish(),
  PrivateIpAddresses: list(privateIpSchema),
  Association: z.object({ PublicIp: ipv4.nullish() }).nullish(),
  Ipv6Addresses: list(z.object({ Ipv6Address: ipv6, IsPrimaryIpv6: optBool })),
  Ipv6Prefixes: list(z.object({ Ipv6Prefix: cidr6 })),
  Groups: list(groupRef),
  Attachment: z.object({ InstanceId: optStr, InstanceOwnerId: optStr, Status: optStr, DeviceIndex: optInt }).nullish(),
  RequesterManaged: optBool,
  SourceDestCheck: optBool,
  OwnerId: optStr,
  TagSet: tags,
  Tags: tags,
});

/** An instance's copy of its ENI: the ENI's own record, when described, gives its subnet and VPC. */
export const instanceNetworkInterfaceSchema = networkInterfaceSchema.extend({ SubnetId: optStr });

export const instanceSchema = z.object({
  InstanceId: str,
  State: z.object({ Name: optStr, Code: optInt }).nullish(),
  InstanceType: optStr,
  VpcId: optStr,
  SubnetId: optStr,
  Placement: z.object({ AvailabilityZone: optStr }).nullish(),
  PrivateIpAddress: ipv4.nullish(),
  PublicIpAddress: ipv4.nullish(),
  NetworkInterfaces: list(instanceNetworkInterfaceSchema),
  Tags: tags,
});

export const reservationSchema = z.object({
  ReservationId: optStr,
  OwnerId: optStr,
  Instances: list(instanceSchema),
});

export const internetGatewaySchema = z.object({
  InternetGatewayId: str,
  Attachments: list(attachment),
  Tags: tags,
});

export const egressOnlyInternetGatewaySchema = z.object({
  EgressOnlyInternetGatewayId: str,
  Attachments: list(attachment),
  Tags: tags,
});

export const natGatewaySchema = z.object({
  NatGatewayId: str,
  /** its subnet's */
  VpcId: optStr,
  SubnetId: str,
  State: optStr,
  ConnectivityType: optStr,
  NatGatewayAddresses: list(
    z.object({ PrivateIp: ipv4.nullish(), PublicIp: ipv4.nullish(), NetworkInterfaceId: optStr }),
  ),
  Tags: tags,
});

const peeringSideSchema = z.object({
  VpcId: str,
  OwnerId: optStr,
  Region: optStr,
  CidrBlock: cidr.nullish(),
  CidrBlockSet: list(z.object({ CidrBlock: cidr })),
  Ipv6CidrBlockSet: list(z.object({ Ipv6CidrBlock: cidr6 })),
});

export const peeringConnectionSchema = z.object({
  VpcPeeringConnectionId: str,
  Status: z.object({ Code: optStr, Message: optStr }).nullish(),
  RequesterVpcInfo: peeringSideSchema,
  AccepterVpcInfo: peeringSideSchema,
  Tags: tags,
});

export const transitGatewaySchema = z.object({
  TransitGatewayId: str,
  State: optStr,
  OwnerId: optStr,
  Options: z
    .object({ AssociationDefaultRouteTableId: optStr, PropagationDefaultRouteTableId: optStr, SecurityGroupReferencingSupport: optStr })
    .nullish(),
  Tags: tags,
});

export const transitGatewayAttachmentSchema = z.object({
  TransitGatewayAttachmentId: str,
  TransitGatewayId: str,
  ResourceType: optStr,
  ResourceId: optStr,
  ResourceOwnerId: optStr,
  TransitGatewayOwnerId: optStr,
  State: optStr,
  Association: z.object({ TransitGatewayRouteTableId: optStr, State: optStr }).nullish(),
  Tags: tags,
});

/** TransitGatewayId and VpcId: also in the attachment's TransitGatewayAttachments record (ResourceId) */
export const transitGatewayVpcAttachmentSchema = z.object({
  TransitGatewayAttachmentId: str,
  TransitGatewayId: optStr,
  VpcId: optStr,
  VpcOwnerId: optStr,
  State: optStr,
  SubnetIds: list(str),
  Options: z.object({ SecurityGroupReferencingSupport: optStr, Ipv6Support: optStr }).nullish(),
  Tags: tags,
});

export const transitGatewayRouteTableSchema = z.object({
  TransitGatewayRouteTableId: str,
  TransitGatewayId: str,
  State: optStr,
  Tags: tags,
});

export const transitGatewayPropagationsSchema = z.object({
  TransitGatewayRouteTableId: str,
  TransitGatewayRouteTablePropagations: list(
    z.object({ TransitGatewayAttachmentId: str, ResourceId: optStr, ResourceType: optStr, State: optStr }),
  ),
});

export const transitGatewayRouteSchema = z.object({
  DestinationCidrBlock: anyCidr.nullish(),
  PrefixListId: optStr,
  Type: optStr,
  State: optStr,
  TransitGatewayAttachments: list(
    z.object({ TransitGatewayAttachmentId: str, ResourceId: optStr, ResourceType: optStr }),
  ),
});

export const transitGatewayStaticRoutesSchema = z.object({
  TransitGatewayRouteTableId: str,
  Routes: list(transitGatewayRouteSchema),
});

export const prefixListSchema = z.object({
  PrefixListId: str,
  PrefixListName: optStr,
  Cidrs: list(anyCidr),
});

export const managedPrefixListSchema = z.object({
  PrefixListId: str,
  PrefixListName: optStr,
  AddressFamily: optStr,
  OwnerId: optStr,
  Entries: list(z.object({ Cidr: str, Description: optStr })),
  Tags: tags,
});

export const vpcEndpointSchema = z.object({
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

export const vpnGatewaySchema = z.object({
  VpnGatewayId: str,
  State: optStr,
  VpcAttachments: list(attachment),
  Tags: tags,
});

export const vpnConnectionSchema = z.object({
  VpnConnectionId: str,
  State: optStr,
  VpnGatewayId: optStr,
  TransitGatewayId: optStr,
  CustomerGatewayId: optStr,
  Options: z.object({ StaticRoutesOnly: optBool }).nullish(),
  Routes: list(z.object({ DestinationCidrBlock: optStr, State: optStr })),
  VgwTelemetry: list(z.object({ OutsideIpAddress: optStr, Status: optStr, StatusMessage: optStr, AcceptedRouteCount: optInt })),
  Tags: tags,
});

export const loadBalancerSchema = z.object({
  LoadBalancerArn: str,
  /** also the ARN's loadbalancer/TYPE/NAME/ID */
  LoadBalancerName: optStr,
  DNSName: optStr,
  Type: optStr,
  Scheme: optStr,
  VpcId: optStr,
  State: z.object({ Code: optStr }).nullish(),
  AvailabilityZones: list(z.object({ SubnetId: optStr, ZoneName: optStr })),
  SecurityGroups: list(str),
  /** "ipv4", "dualstack" or (ALB) "dualstack-without-public-ipv4": which families clients reach it over */
  IpAddressType: optStr,
});

/** A listener's or rule's action: `forward` names target groups (one, or weighted in ForwardConfig); others answer the client themselves. */
const elbActionSchema = z.object({
  Type: optStr,
  Order: optInt,
  TargetGroupArn: optStr,
  ForwardConfig: z.object({ TargetGroups: list(z.object({ TargetGroupArn: str, Weight: optInt })) }).nullish(),
});

const listenerSchema = z.object({
  ListenerArn: optStr,
  Protocol: optStr,
  Port: optInt,
  DefaultActions: list(elbActionSchema),
});

export const loadBalancerListenersSchema = z.object({ LoadBalancerArn: str, Listeners: list(listenerSchema) });

export const loadBalancerAttributesSchema = z.object({
  LoadBalancerArn: str,
  Attributes: list(z.object({ Key: str, Value: z.string().nullish() })),
});

export const targetGroupSchema = z.object({
  TargetGroupArn: str,
  /** also the ARN's targetgroup/NAME/ID */
  TargetGroupName: optStr,
  Protocol: optStr,
  Port: optInt,
  VpcId: optStr,
  TargetType: optStr,
  LoadBalancerArns: list(str),
  /** "ipv4" or "ipv6": the family the load balancer talks to the targets over */
  IpAddressType: optStr,
});

export const targetHealthSchema = z.object({
  TargetGroupArn: str,
  TargetHealthDescriptions: list(
    z.object({
      Target: z.object({ Id: str, Port: optInt, AvailabilityZone: optStr }),
      HealthCheckPort: optStr,
      TargetHealth: z.object({ State: optStr, Reason: optStr, Description: optStr }).nullish(),
    }),
  ),
});

/** DescribeRules per listener (DESIGN.md section 2): priority order, conditions, actions. */
export const loadBalancerRulesSchema = z.object({
  ListenerArn: str,
  Rules: list(
    z.object({
      RuleArn: optStr,
      Priority: optStr,
      IsDefault: optBool,
      Conditions: list(z.looseObject({ Field: optStr, Values: list(str) })),
      Actions: list(elbActionSchema),
    }),
  ),
});

/** DescribeTargetGroupAttributes per target group (DESIGN.md section 2). */
export const targetGroupAttributesSchema = z.object({
  TargetGroupArn: str,
  Attributes: list(z.object({ Key: str, Value: z.string().nullish() })),
});

export const addressSchema = z.object({
  PublicIp: ipv4.nullish(),
  AllocationId: optStr,
  NetworkInterfaceId: optStr,
  PrivateIpAddress: ipv4.nullish(),
  InstanceId: optStr,
});

/** A VPC flow log (DescribeFlowLogs): where it delivers and in which format; the model does not read it, `flowlogs fetch` does. */
export const flowLogSchema = z.looseObject({
  FlowLogId: str,
  ResourceId: optStr,
  TrafficType: optStr,
  LogDestinationType: optStr,
  LogDestination: optStr,
  LogGroupName: optStr,
  LogFormat: optStr,
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
  LoadBalancerRules: loadBalancerRulesSchema,
  TargetGroupAttributes: targetGroupAttributesSchema,
  Addresses: addressSchema,
  FlowLogs: flowLogSchema,
} as const;

export type RegionKey = keyof typeof regionKeySchemas;
export const regionKeys = Object.keys(regionKeySchemas) as RegionKey[];

/** Each list whose items are (or are keyed by) a resource id, and that id's member. */
export const ID_MEMBERS: { readonly [K in RegionKey]?: string } = {
  Vpcs: 'VpcId',
  Subnets: 'SubnetId',
  RouteTables: 'RouteTableId',
  NetworkAcls: 'NetworkAclId',
  SecurityGroups: 'GroupId',
  NetworkInterfaces: 'NetworkInterfaceId',
  InternetGateways: 'InternetGatewayId',
  EgressOnlyInternetGateways: 'EgressOnlyInternetGatewayId',
  NatGateways: 'NatGatewayId',
  VpcPeeringConnections: 'VpcPeeringConnectionId',
  TransitGateways: 'TransitGatewayId',
  TransitGatewayAttachments: 'TransitGatewayAttachmentId',
  TransitGatewayVpcAttachments: 'TransitGatewayAttachmentId',
  TransitGatewayRouteTables: 'TransitGatewayRouteTableId',
  TransitGatewayPropagations: 'TransitGatewayRouteTableId',
  TransitGatewayStaticRoutes: 'TransitGatewayRouteTableId',
  PrefixLists: 'PrefixListId',
  ManagedPrefixLists: 'PrefixListId',
  VpcEndpoints: 'VpcEndpointId',
  VpnGateways: 'VpnGatewayId',
  VpnConnections: 'VpnConnectionId',
  LoadBalancers: 'LoadBalancerArn',
  LoadBalancerListeners: 'LoadBalancerArn',
  LoadBalancerAttributes: 'LoadBalancerArn',
  TargetGroups: 'TargetGroupArn',
  LoadBalancerTargetHealth: 'TargetGroupArn',
  LoadBalancerRules: 'ListenerArn',
  TargetGroupAttributes: 'TargetGroupArn',
  FlowLogs: 'FlowLogId',
};

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
/** An instance's copy of one of its ENIs (Reservations[].Instances[].NetworkInterfaces[]). */
export type RawInstanceNetworkInterface = z.output<typeof instanceNetworkInterfaceSchema>;

/** One region of one account: each key holds the concatenated describe-API lists; unknown keys are kept as read. */
export type RawRegion = { readonly [K in RegionKey]?: readonly RawOf<K>[] } & { readonly [key: string]: unknown };

export const rawErrorSchema = z.object({
  account: str,
  region: str,
  api: str,
  code: str,
  message: z.string().nullish().transform((text) => text ?? ''),
  key: optStr,
  resourceId: optStr,
});
export type RawError = z.output<typeof rawErrorSchema>;

/** where the snapshot came from: the same shape as the model's */
export type RawSnapshotSource = SnapshotSource;

export interface RawSnapshot {
  readonly format: 'reachmap-snapshot/1';
  readonly createdAt?: string | undefined;
  readonly source: RawSnapshotSource;
  /** account -> region -> describe-API keys */
  readonly accounts: { readonly [account: string]: { readonly [region: string]: RawRegion } };
  readonly errors: readonly RawError[];
}

export const SNAPSHOT_FORMAT = 'reachmap-snapshot/1';

export const snapshotHeaderSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  createdAt: optStr,
  source: z
    .looseObject({
      kind: z.enum(['aws-live', 'import', 'demo']),
      profile: optStr,
      partition: optStr,
      profiles: list(str),
      mergedFrom: list(str),
      accountNames: z.record(z.string(), z.string()).nullish(),
    })
    .nullish(),
  accounts: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown()))),
  errors: list(rawErrorSchema),
});
