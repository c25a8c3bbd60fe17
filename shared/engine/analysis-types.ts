// The shapes of `reachmap analyze --json` (DESIGN.md section 5). Every shell
// (CLI, web face, Electron) returns exactly these objects.

export type Verdict = 'reachable' | 'unreachable' | 'unknown';

export type ComponentKind =
  | 'eni'
  | 'security-group'
  | 'network-acl'
  | 'subnet'
  | 'route-table'
  | 'vpc'
  | 'internet-gateway'
  | 'egress-only-internet-gateway'
  | 'nat-gateway'
  | 'peering'
  | 'transit-gateway'
  | 'tgw-attachment'
  | 'tgw-route-table'
  | 'vpc-endpoint'
  | 'vpn-gateway'
  | 'vpn-connection'
  | 'load-balancer'
  | 'internet';

export type HopDirection = 'egress' | 'ingress' | 'transit';

export type HopAction = 'allow' | 'deny' | 'forward' | 'drop' | 'translate' | 'deliver' | 'unknown';

export type ExplanationCode =
  | 'ENI_SG_RULES_MISMATCH'
  | 'SUBNET_ACL_RESTRICTION'
  | 'NO_ROUTE_TO_DESTINATION'
  | 'BAD_STATE_ROUTE'
  | 'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS'
  | 'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS'
  | 'PCX_REQUIRES_ADDRESS_IN_VPC_CIDR'
  | 'NGW_REQUIRES_SOURCE_IN_VPC'
  | 'NGW_INBOUND_CONNECTION'
  | 'PROTOCOL_RESTRICTION'
  | 'TGW_ROUTE_AZ_RESTRICTION'
  | 'TGW_RTB_BAD_STATE_ROUTE'
  | 'BAD_STATE'
  | 'UNSUPPORTED_COMPONENT'
  | 'UNKNOWN_RESOURCE';

export interface Hop {
  id: string;
  kind: ComponentKind;
  direction: HopDirection;
  action: HopAction;
  code?: ExplanationCode;
  detail: string;
  rule?: Record<string, unknown>;
}

export interface Fix {
  text: string;
  command: string;
}

export interface Blocked {
  id: string;
  kind: ComponentKind;
  direction: 'forward' | 'return';
  code: ExplanationCode;
  detail: string;
  rule?: Record<string, unknown>;
  fix: Fix | null;
}

export type ProtocolName = 'tcp' | 'udp' | 'icmp' | 'all' | string;

export interface FlowQuery {
  from: string;
  to: string;
  protocol: ProtocolName;
  port: number | null;
  sourcePort: number;
}

export interface ResolvedEndpoint {
  /** "eni" for an ENI (instance, NAT gateway, endpoint ENIs included), "internet" for an internet host, "address" for a private address no ENI holds */
  kind: 'eni' | 'internet' | 'address';
  id: string;
  ip: string;
}

export interface Leg {
  delivered: boolean;
  hops: Hop[];
}

export interface AnalyzeResult {
  query: FlowQuery;
  resolved: { from: ResolvedEndpoint; to: ResolvedEndpoint };
  verdict: Verdict;
  forward: Leg;
  return: Leg | null;
  blocked: Blocked | null;
  warnings: string[];
}
