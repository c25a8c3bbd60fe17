// The vendor-neutral network model. Built once per snapshot by shared/aws/
// and read (never mutated) by the engine and the views.
import type { Cidr } from './ipv4.js';
import type { Cidr6 } from './ipv6.js';

export type Tags = Readonly<Record<string, string>>;

/** Where a resource lives: every resource carries it so that errors and unknowns can be scoped. */
export interface Placement {
  readonly account: string;
  readonly region: string;
}

export interface Vpc extends Placement {
  readonly id: string;
  readonly name: string | undefined;
  readonly tags: Tags;
  readonly state: string;
  readonly isDefault: boolean;
  /** every IPv4 block associated with the VPC (primary first); the local route covers all of them */
  readonly cidrs: readonly Cidr[];
  /** every IPv6 block associated with the VPC (Ipv6CidrBlockAssociationSet, associated ones); the local route covers them too */
  readonly ipv6Cidrs: readonly Cidr6[];
  readonly subnetIds: readonly string[];
  /** undefined when the snapshot holds no main route table for this VPC */
  readonly mainRouteTableId: string | undefined;
  /** undefined when the snapshot holds no default network ACL for this VPC */
  readonly defaultNetworkAclId: string | undefined;
  /** internet gateways attached to this VPC (any attachment state; see InternetGateway.attachments) */
  readonly internetGatewayIds: readonly string[];
  /** egress-only internet gateways attached to this VPC (any attachment state) */
  readonly egressOnlyInternetGatewayIds: readonly string[];
  /** the account that owns it (OwnerId), when the snapshot says; another account's when a subnet of it is shared with this one */
  readonly ownerId?: string | undefined;
}

export interface Subnet extends Placement {
  readonly id: string;
  readonly vpcId: string;
  readonly name: string | undefined;
  readonly tags: Tags;
  readonly availabilityZone: string;
  /** the IPv4 block; undefined for an IPv6-only subnet (only an IPv6 block, Ipv6Native) */
  readonly cidr: Cidr | undefined;
  /** the subnet's IPv6 blocks (AWS gives a subnet at most one /64) */
  readonly ipv6Cidrs: readonly Cidr6[];
  readonly state: string;
  readonly mapPublicIpOnLaunch: boolean;
  /** the table the subnet uses: its explicit association, else the VPC's main table; undefined when neither is in the snapshot */
  readonly routeTableId: string | undefined;
  readonly routeTableIsExplicit: boolean;
  /** the ACL the subnet uses: its association, else the VPC's default ACL; undefined when the snapshot holds none (AWS default ACL assumed) */
  readonly networkAclId: string | undefined;
}

export type RouteTargetKind =
  | 'local'
  | 'internet-gateway'
  | 'egress-only-internet-gateway'
  | 'nat-gateway'
  | 'peering'
  | 'transit-gateway'
  | 'vpn-gateway'
  | 'vpc-endpoint'
  | 'network-interface'
  | 'instance'
  | 'carrier-gateway'
  | 'local-gateway'
  | 'core-network'
  | 'other';

export interface RouteTarget {
  readonly kind: RouteTargetKind;
  /** the AWS id of the target ("local" for the local route) */
  readonly id: string;
}

export type RouteDestination =
  | { readonly kind: 'cidr'; readonly cidr: Cidr }
  | { readonly kind: 'prefix-list'; readonly prefixListId: string };

/** An IPv6 route's destination: a block, or a prefix list (whose IPv6 entries apply). */
export type RouteDestination6 =
  | { readonly kind: 'cidr'; readonly cidr: Cidr6 }
  | { readonly kind: 'prefix-list'; readonly prefixListId: string };

export interface Route<D = RouteDestination> {
  readonly destination: D;
  readonly target: RouteTarget;
  /** "active" or "blackhole" */
  readonly state: string;
  readonly origin: string | undefined;
  /** the describe-API object, for display and fixes */
  readonly raw: Readonly<Record<string, unknown>>;
}

export interface RouteTable extends Placement {
  readonly id: string;
  readonly vpcId: string;
  readonly name: string | undefined;
  readonly tags: Tags;
  readonly isMain: boolean;
  /** subnets explicitly associated with this table */
  readonly subnetIds: readonly string[];
  /**
   * Gateways (igw-, vgw-) this table is associated with: an edge association,
   * which routes the traffic entering the VPC through that gateway (ingress
   * routing, e.g. through a firewall appliance). Absent in models built before.
   */
  readonly gatewayIds?: readonly string[];
  /** virtual private gateways whose routes propagate into this table (`PropagatingVgws`) */
  readonly propagatingVgwIds?: readonly string[];
  /** IPv4 routes (DestinationCidrBlock, and prefix lists) */
  readonly routes: readonly Route[];
  /** IPv6 routes (DestinationIpv6CidrBlock): an IPv6 packet is matched only by these (and prefix-list routes) */
  readonly ipv6Routes: readonly Route<RouteDestination6>[];
}

export interface PortRange {
  readonly from: number;
  readonly to: number;
}

export interface IcmpTypeCode {
  /** -1 = any */
  readonly type: number;
  /** -1 = any */
  readonly code: number;
}

/**
 * IP protocol number; -1 means every protocol. Names used by AWS
 * ("tcp", "udp", "icmp") are normalised to 6, 17, 1.
 */
export type ProtocolNumber = number;

export interface NetworkAclEntry<C = Cidr> {
  readonly ruleNumber: number;
  readonly action: 'allow' | 'deny';
  readonly egress: boolean;
  readonly protocol: ProtocolNumber;
  readonly cidr: C;
  /** for TCP/UDP; undefined = all ports */
  readonly ports: PortRange | undefined;
  /** for ICMP; undefined = all types */
  readonly icmp: IcmpTypeCode | undefined;
  readonly raw: Readonly<Record<string, unknown>>;
}

export interface NetworkAcl extends Placement {
  readonly id: string;
  readonly vpcId: string;
  readonly name: string | undefined;
  readonly tags: Tags;
  readonly isDefault: boolean;
  readonly subnetIds: readonly string[];
  /** IPv4 entries, ascending rule number (32767, the implicit deny, included when present in the snapshot) */
  readonly inbound: readonly NetworkAclEntry[];
  readonly outbound: readonly NetworkAclEntry[];
  /**
   * IPv6 entries (Ipv6CidrBlock), ascending rule number. Rule numbers are one
   * sequence for both families, but an IPv6 packet is judged by the IPv6
   * entries only, and an IPv4 packet by the IPv4 ones.
   */
  readonly inboundIpv6: readonly NetworkAclEntry<Cidr6>[];
  readonly outboundIpv6: readonly NetworkAclEntry<Cidr6>[];
}

export type SecurityGroupPeer =
  | { readonly kind: 'cidr'; readonly cidr: Cidr }
  /** an Ipv6Ranges entry: matches IPv6 addresses only */
  | { readonly kind: 'cidr6'; readonly cidr: Cidr6 }
  | { readonly kind: 'prefix-list'; readonly prefixListId: string }
  | {
      readonly kind: 'group';
      readonly groupId: string;
      readonly userId: string | undefined;
      readonly vpcId: string | undefined;
      readonly vpcPeeringConnectionId: string | undefined;
      readonly peeringStatus: string | undefined;
    };

/** One rule of a security group, flattened to one peer (an IpPermission with three CIDRs gives three rules). */
export interface SecurityGroupRule {
  readonly protocol: ProtocolNumber;
  /** for TCP/UDP; undefined = all ports (protocol -1 or a protocol without ports) */
  readonly ports: PortRange | undefined;
  /** for ICMP: FromPort is the type, ToPort the code; -1 any */
  readonly icmp: IcmpTypeCode | undefined;
  readonly peer: SecurityGroupPeer;
  readonly description: string | undefined;
  /** the IpPermission this rule came from */
  readonly raw: Readonly<Record<string, unknown>>;
}

export interface SecurityGroup extends Placement {
  readonly id: string;
  readonly name: string;
  readonly vpcId: string | undefined;
  readonly tags: Tags;
  readonly ingress: readonly SecurityGroupRule[];
  readonly egress: readonly SecurityGroupRule[];
}

export interface PrefixList extends Placement {
  readonly id: string;
  readonly name: string | undefined;
  readonly cidrs: readonly Cidr[];
  /** the IPv6 entries (an IPv6 managed prefix list, or the IPv6 CIDRs of an AWS-managed one) */
  readonly ipv6Cidrs: readonly Cidr6[];
  readonly awsManaged: boolean;
}

export interface PrivateAddress {
  readonly ip: number;
  readonly primary: boolean;
  /** public or Elastic IP associated with this private address */
  readonly publicIp: number | undefined;
}

export interface NetworkInterface extends Placement {
  readonly id: string;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly availabilityZone: string;
  /** "in-use", "available", ... */
  readonly status: string;
  /** "interface", "nat_gateway", "vpc_endpoint", "network_load_balancer", "transit_gateway", ... */
  readonly interfaceType: string;
  readonly description: string | undefined;
  readonly name: string | undefined;
  readonly tags: Tags;
  /** primary first; empty for an IPv6-only ENI */
  readonly privateAddresses: readonly PrivateAddress[];
  /** undefined for an IPv6-only ENI (in an IPv6-only subnet it has no IPv4 address) */
  readonly primaryPrivateIp: number | undefined;
  /** the public IP of the primary private address, if any */
  readonly publicIp: number | undefined;
  /** IPv6 addresses (Ipv6Addresses), the primary IPv6 address first: global, no translation */
  readonly ipv6Addresses: readonly bigint[];
  /** IPv6 prefixes delegated to the ENI (Ipv6Prefixes): every address in them is the ENI's */
  readonly ipv6Prefixes: readonly Cidr6[];
  /** in the ENI's `Groups` order */
  readonly securityGroupIds: readonly string[];
  readonly instanceId: string | undefined;
  /** the account of the instance it is attached to (Attachment.InstanceOwnerId, else the ENI's OwnerId), when the snapshot says */
  readonly instanceOwnerId?: string | undefined;
  readonly attachmentStatus: string | undefined;
  readonly deviceIndex: number | undefined;
  readonly requesterManaged: boolean;
  readonly sourceDestCheck: boolean;
}

export interface Instance extends Placement {
  readonly id: string;
  readonly name: string | undefined;
  readonly tags: Tags;
  /** "running", "stopped", ... */
  readonly state: string;
  readonly instanceType: string | undefined;
  readonly vpcId: string | undefined;
  readonly subnetId: string | undefined;
  readonly availabilityZone: string | undefined;
  /** device index order; the primary (device 0) first */
  readonly networkInterfaceIds: readonly string[];
  readonly primaryNetworkInterfaceId: string | undefined;
}

export interface GatewayAttachment {
  readonly vpcId: string;
  /** "available" / "attached" / "detached" ... */
  readonly state: string;
}

export interface InternetGateway extends Placement {
  readonly id: string;
  readonly name: string | undefined;
  readonly tags: Tags;
  readonly attachments: readonly GatewayAttachment[];
}

export interface EgressOnlyInternetGateway extends Placement {
  readonly id: string;
  readonly name: string | undefined;
  readonly tags: Tags;
  readonly attachments: readonly GatewayAttachment[];
}

export interface NatGatewayAddress {
  readonly privateIp: number | undefined;
  readonly publicIp: number | undefined;
  readonly networkInterfaceId: string | undefined;
}

export interface NatGateway extends Placement {
  readonly id: string;
  readonly name: string | undefined;
  readonly tags: Tags;
  readonly vpcId: string;
  readonly subnetId: string;
  /** "available", "pending", "failed", "deleting", "deleted" */
  readonly state: string;
  /** "public" or "private" */
  readonly connectivityType: string;
  readonly addresses: readonly NatGatewayAddress[];
}

export interface PeeringSide {
  readonly vpcId: string;
  readonly account: string | undefined;
  readonly region: string | undefined;
  readonly cidrs: readonly Cidr[];
  readonly ipv6Cidrs: readonly Cidr6[];
}

export interface VpcPeeringConnection extends Placement {
  readonly id: string;
  readonly name: string | undefined;
  readonly tags: Tags;
  /** Status.Code: "active", "pending-acceptance", "deleted", ... */
  readonly status: string;
  readonly requester: PeeringSide;
  readonly accepter: PeeringSide;
}

export interface TransitGateway extends Placement {
  readonly id: string;
  readonly name: string | undefined;
  readonly tags: Tags;
  readonly state: string;
  readonly ownerId: string | undefined;
  readonly associationDefaultRouteTableId: string | undefined;
  readonly propagationDefaultRouteTableId: string | undefined;
  /** Options.SecurityGroupReferencingSupport: "enable" or "disable"; AWS's default for a transit gateway is disable */
  readonly securityGroupReferencingSupport?: string | undefined;
}

export interface TransitGatewayAttachment extends Placement {
  readonly id: string;
  readonly name: string | undefined;
  readonly tags: Tags;
  readonly transitGatewayId: string;
  /** "vpc", "vpn", "direct-connect-gateway", "peering", "connect", "tgw-peering" ... */
  readonly resourceType: string;
  readonly resourceId: string;
  readonly resourceOwnerId: string | undefined;
  readonly state: string;
  /** the TGW route table the attachment is associated with (State "associated" only) */
  readonly associatedRouteTableId: string | undefined;
  /** VPC attachments: the subnets (one per AZ) where the attachment has its ENIs */
  readonly subnetIds: readonly string[];
  /** the account that owns the transit gateway (and its route tables), when the snapshot says */
  readonly transitGatewayOwnerId?: string | undefined;
  /** a VPC attachment's Options.SecurityGroupReferencingSupport; AWS's default for a VPC attachment is enable */
  readonly securityGroupReferencingSupport?: string | undefined;
  /** a VPC attachment's Options.Ipv6Support; AWS's default is disable, and then the VPC's IPv6 blocks do not propagate */
  readonly ipv6Support?: string | undefined;
}

export interface TransitGatewayRouteTarget {
  readonly attachmentId: string;
  readonly resourceType: string | undefined;
  readonly resourceId: string | undefined;
}

export interface TransitGatewayRoute<D = RouteDestination> {
  readonly destination: D;
  /** "static" or "propagated" */
  readonly type: string;
  /** "active" or "blackhole" */
  readonly state: string;
  readonly targets: readonly TransitGatewayRouteTarget[];
  readonly raw: Readonly<Record<string, unknown>>;
}

export interface TransitGatewayRouteTable extends Placement {
  readonly id: string;
  readonly name: string | undefined;
  readonly tags: Tags;
  readonly transitGatewayId: string;
  readonly state: string;
  /**
   * Static routes as read (SearchTransitGatewayRoutes) plus routes derived
   * from the propagations: a propagating VPC attachment contributes the VPC's
   * CIDRs, unless a route for the same destination is already present.
   */
  readonly routes: readonly TransitGatewayRoute[];
  /** IPv6 routes, static and propagated (a propagating VPC attachment contributes the VPC's IPv6 blocks) */
  readonly ipv6Routes: readonly TransitGatewayRoute<RouteDestination6>[];
  /** attachments propagating into this table (enabled ones) */
  readonly propagatingAttachmentIds: readonly string[];
  /**
   * Propagating attachments whose routes no describe call reveals (VPN,
   * Direct Connect, peering, connect; a VPC absent from the snapshot): a
   * lookup that finds no route here may still be answered by them, so the
   * engine answers `unknown` rather than "no route" when this is non-empty.
   */
  readonly unknownPropagations?: readonly string[];
}

export interface VpcEndpoint extends Placement {
  readonly id: string;
  readonly name: string | undefined;
  readonly tags: Tags;
  readonly vpcId: string;
  /** "Gateway", "Interface", "GatewayLoadBalancer" */
  readonly endpointType: string;
  readonly serviceName: string;
  readonly state: string;
  readonly routeTableIds: readonly string[];
  readonly subnetIds: readonly string[];
  readonly networkInterfaceIds: readonly string[];
  readonly securityGroupIds: readonly string[];
}

export interface VpnGateway extends Placement {
  readonly id: string;
  readonly name: string | undefined;
  readonly tags: Tags;
  readonly state: string;
  readonly attachments: readonly GatewayAttachment[];
}

export interface VpnConnection extends Placement {
  readonly id: string;
  readonly name: string | undefined;
  readonly tags: Tags;
  readonly state: string;
  readonly vpnGatewayId: string | undefined;
  readonly transitGatewayId: string | undefined;
  readonly customerGatewayId: string | undefined;
  /** `Options.StaticRoutesOnly`: true = static routes only; false = BGP; undefined when the snapshot does not say */
  readonly staticRoutesOnly?: boolean | undefined;
  /** the connection's static routes to the on-premises network (`Routes`, those not deleted) */
  readonly staticRoutes?: readonly VpnStaticRoute[];
  /** tunnel status (`VgwTelemetry`); undefined when the snapshot does not carry it */
  readonly tunnels?: readonly VpnTunnel[] | undefined;
}

export interface VpnStaticRoute {
  readonly cidr: Cidr;
  /** "available", "pending", "deleting" */
  readonly state: string;
}

export interface VpnTunnel {
  readonly outsideIp: string | undefined;
  /** "UP" or "DOWN" */
  readonly status: string;
  readonly statusMessage: string | undefined;
  readonly acceptedRouteCount: number | undefined;
}

/** A listener's or rule's action: `forward` to target groups; any other type (fixed-response, redirect) answers the client itself. */
export interface LoadBalancerAction {
  readonly type: string;
  /** the groups a `forward` sends to (one, or ForwardConfig's weighted list) */
  readonly targetGroupArns: readonly string[];
}

/** A listener rule (DescribeRules): the conditions it matches, as text, and its actions in order. */
export interface LoadBalancerRule {
  readonly arn: string | undefined;
  /** "1".."50000", or "default" */
  readonly priority: string;
  readonly isDefault: boolean;
  /** e.g. "path-pattern /api/*", "host-header shop.example.com" */
  readonly conditions: readonly string[];
  /**
   * The CIDRs of its source-ip condition, the one condition the network
   * decides (the client's address as the load balancer sees it); undefined
   * when it has none. The others (path, host, headers, method, query) are
   * the request's, which the client chooses.
   */
  readonly sourceIps: readonly string[] | undefined;
  readonly actions: readonly LoadBalancerAction[];
}

export interface LoadBalancerListener {
  readonly arn: string | undefined;
  readonly protocol: string | undefined;
  readonly port: number | undefined;
  /** every group the default actions forward to (kept for readers of the graph) */
  readonly targetGroupArns: readonly string[];
  readonly defaultActions: readonly LoadBalancerAction[];
  /** the non-default rules in priority order; undefined when the snapshot has no LoadBalancerRules for this listener */
  readonly rules: readonly LoadBalancerRule[] | undefined;
}

export interface LoadBalancer extends Placement {
  readonly arn: string;
  /** the id used in the graph and on the command line: the load balancer's name */
  readonly id: string;
  readonly name: string;
  /** its DNS name (DescribeLoadBalancers' DNSName), an endpoint name on the command line */
  readonly dnsName?: string | undefined;
  /** "application", "network", "gateway" */
  readonly type: string;
  /** "internet-facing" or "internal" */
  readonly scheme: string;
  readonly vpcId: string | undefined;
  readonly state: string;
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly listeners: readonly LoadBalancerListener[];
  readonly attributes: Readonly<Record<string, string>>;
  /** false when the snapshot has no LoadBalancerAttributes entry for it: AWS's defaults apply, with a warning */
  readonly attributesRead: boolean;
  /** IpAddressType: "ipv4" (the default when absent), "dualstack" or "dualstack-without-public-ipv4"; only a dual-stack one takes IPv6 clients */
  readonly ipAddressType?: string | undefined;
}

export interface TargetHealth {
  readonly targetId: string;
  readonly port: number | undefined;
  readonly state: string | undefined;
  readonly reason: string | undefined;
  /** TargetHealth.Description, where AWS gave one */
  readonly description?: string | undefined;
  /** the zone given at registration ("all" for an ip target outside the VPC), where given */
  readonly availabilityZone?: string | undefined;
  /** the port health checks go to, as DescribeTargetHealth reports it */
  readonly healthCheckPort?: string | undefined;
}

export interface TargetGroup extends Placement {
  readonly arn: string;
  readonly name: string;
  readonly protocol: string | undefined;
  readonly port: number | undefined;
  readonly vpcId: string | undefined;
  readonly targetType: string | undefined;
  readonly loadBalancerArns: readonly string[];
  readonly healthCheck: Readonly<Record<string, unknown>>;
  readonly targets: readonly TargetHealth[];
  /** false when the snapshot has no LoadBalancerTargetHealth entry for it: its targets are unknown */
  readonly targetsRead?: boolean;
  /** DescribeTargetGroupAttributes; undefined when the snapshot has none for it (AWS's defaults apply, with a warning) */
  readonly attributes?: Readonly<Record<string, string>> | undefined;
  /** IpAddressType: "ipv4" (the default when absent) or "ipv6", the family the load balancer talks to its targets over */
  readonly ipAddressType?: string | undefined;
}

/** An entry of the snapshot's `errors`: data that could not be read and is therefore unknown. */
export interface CollectionError {
  readonly account: string;
  readonly region: string;
  /** the describe API, e.g. "DescribeNetworkAcls" */
  readonly api: string;
  readonly code: string;
  readonly message: string;
  /** the snapshot key the API fills, e.g. "NetworkAcls" (derived from `api` when absent) */
  readonly key: string | undefined;
  readonly resourceId: string | undefined;
}

/** A resource referenced by another but absent from the snapshot. */
export interface MissingReference {
  /** the id that is missing, e.g. "igw-0abc" */
  readonly id: string;
  /** the component holding the reference, e.g. the route table "rtb-0def" */
  readonly referencedBy: string;
  /** what the reference is, in words, e.g. "route 0.0.0.0/0 target" */
  readonly what: string;
}

export interface SnapshotSource {
  readonly kind: 'aws-live' | 'import' | 'demo';
  readonly profile?: string | undefined;
  readonly partition?: string | undefined;
  /** the path that was opened, when there was one */
  readonly path?: string | undefined;
  /** the profiles of a collection of several accounts (`snapshot --profile a --profile b`) */
  readonly profiles?: readonly string[] | undefined;
  /** the snapshots a merge joined, as the user named them */
  readonly mergedFrom?: readonly string[] | undefined;
  /** account id -> its name (Organizations), where known */
  readonly accountNames?: Readonly<Record<string, string>> | undefined;
}

export interface SnapshotMeta {
  readonly format: 'reachmap-snapshot/1';
  readonly createdAt: string | undefined;
  readonly source: SnapshotSource;
  /** sha-256 of the canonical raw snapshot: ties a report to its data */
  readonly hash: string;
  readonly accounts: readonly string[];
  /** "account/region" pairs present */
  readonly regions: readonly { readonly account: string; readonly region: string }[];
}

export interface ModelIndexes {
  /** private IPv4 -> ENIs holding it (several when VPCs overlap) */
  readonly enisByPrivateIp: ReadonlyMap<number, readonly NetworkInterface[]>;
  /** public IPv4 -> the ENI it is associated with */
  readonly eniByPublicIp: ReadonlyMap<number, NetworkInterface>;
  /** IPv6 address -> ENIs holding it (Ipv6Addresses; addresses of delegated prefixes are found through enisWithIpv6Prefixes) */
  readonly enisByIpv6: ReadonlyMap<bigint, readonly NetworkInterface[]>;
  /** ENIs that have IPv6 prefixes delegated to them (few: searched in full) */
  readonly enisWithIpv6Prefixes: readonly NetworkInterface[];
  /** security group id -> ENIs carrying it */
  readonly enisBySecurityGroup: ReadonlyMap<string, readonly NetworkInterface[]>;
  readonly subnetsByVpc: ReadonlyMap<string, readonly Subnet[]>;
  readonly enisBySubnet: ReadonlyMap<string, readonly NetworkInterface[]>;
  /** ENI id of a NAT gateway / VPC endpoint / load balancer ENI -> the owning resource id */
  readonly ownerOfNetworkInterface: ReadonlyMap<string, string>;
  /** VPC id -> the transit gateway VPC attachments of that VPC */
  readonly tgwAttachmentsByVpc: ReadonlyMap<string, readonly TransitGatewayAttachment[]>;
  /** VPC id -> peering connections where it is requester or accepter */
  readonly peeringsByVpc: ReadonlyMap<string, readonly VpcPeeringConnection[]>;
}

export interface NetworkModel {
  readonly meta: SnapshotMeta;
  readonly vpcs: ReadonlyMap<string, Vpc>;
  readonly subnets: ReadonlyMap<string, Subnet>;
  readonly routeTables: ReadonlyMap<string, RouteTable>;
  readonly networkAcls: ReadonlyMap<string, NetworkAcl>;
  readonly securityGroups: ReadonlyMap<string, SecurityGroup>;
  readonly prefixLists: ReadonlyMap<string, PrefixList>;
  readonly networkInterfaces: ReadonlyMap<string, NetworkInterface>;
  readonly instances: ReadonlyMap<string, Instance>;
  readonly internetGateways: ReadonlyMap<string, InternetGateway>;
  readonly egressOnlyInternetGateways: ReadonlyMap<string, EgressOnlyInternetGateway>;
  readonly natGateways: ReadonlyMap<string, NatGateway>;
  readonly peeringConnections: ReadonlyMap<string, VpcPeeringConnection>;
  readonly transitGateways: ReadonlyMap<string, TransitGateway>;
  readonly transitGatewayAttachments: ReadonlyMap<string, TransitGatewayAttachment>;
  readonly transitGatewayRouteTables: ReadonlyMap<string, TransitGatewayRouteTable>;
  readonly vpcEndpoints: ReadonlyMap<string, VpcEndpoint>;
  readonly vpnGateways: ReadonlyMap<string, VpnGateway>;
  readonly vpnConnections: ReadonlyMap<string, VpnConnection>;
  /** keyed by LoadBalancer.id (its name) */
  readonly loadBalancers: ReadonlyMap<string, LoadBalancer>;
  /** keyed by ARN */
  readonly targetGroups: ReadonlyMap<string, TargetGroup>;
  readonly errors: readonly CollectionError[];
  readonly missingReferences: readonly MissingReference[];
  readonly indexes: ModelIndexes;
}
