// The shapes of `reachmap analyze --json` (DESIGN.md section 5). Every shell
// (CLI, web face, Electron) returns exactly these objects.

import type { ChangeSet } from '../model/change-set.js';

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
  | 'listener'
  | 'target-group'
  | 'internet'
  /** a host of an on-premises network behind a VPN connection (the customer gateway's side) */
  | 'on-premises';

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
  /** ours (AWS has none): a connection started from the internet toward an egress-only internet gateway, which lets only replies in */
  | 'EIGW_INBOUND_CONNECTION'
  | 'PROTOCOL_RESTRICTION'
  | 'TGW_ROUTE_AZ_RESTRICTION'
  | 'TGW_RTB_BAD_STATE_ROUTE'
  | 'BAD_STATE'
  | 'UNSUPPORTED_COMPONENT'
  | 'UNKNOWN_RESOURCE'
  | 'BAD_STATE_VPN'
  | 'TGW_BAD_STATE_VPN'
  | 'VGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS'
  | 'VPCE_GATEWAY_PROTOCOL_RESTRICTION'
  /** ours: a gateway endpoint asked to carry traffic from outside its VPC */
  | 'VPCE_GATEWAY_REQUIRES_SOURCE_IN_VPC'
  | 'ENI_SOURCE_DEST_CHECK_RESTRICTION'
  | 'ELBV2_LISTENERS_MISMATCH'
  | 'ELBV2_LISTENER_PORT_RESTRICTION'
  | 'ELBV2_LISTENER_HAS_NO_TG'
  | 'ELBV2_LISTENER_REQUIRES_TG_ACCEPT'
  | 'ELBV2_NO_TARGETS_IN_AZ'
  | 'ELB_NOT_CROSSZONE'
  | 'ELB_INSTALLED_AZ_RESTRICTION'
  /** ours: a target the load balancer does not send to (unhealthy while others are healthy, draining, unused) */
  | 'ELBV2_TARGET_NOT_IN_SERVICE'
  /** ours: every listener rule that forwards to the target's group has a source-ip condition the client's address does not match */
  | 'ELBV2_RULE_SOURCE_IP_MISMATCH'
  /** ours: a target connects to its own network load balancer, which preserves the client's address, and is sent its own request */
  | 'ELBV2_LOOPBACK_WITH_CLIENT_IP'
  /** ours: an IPv6 client asks a load balancer whose IpAddressType is ipv4: it has no IPv6 address to connect to */
  | 'ELBV2_IPV4_ONLY';

export interface Hop {
  id: string;
  kind: ComponentKind;
  direction: HopDirection;
  action: HopAction;
  code?: ExplanationCode;
  detail: string;
  rule?: Record<string, unknown>;
  /** the component's Name (its Name tag, a group's name, an ENI's instance's Name): shown before the id; absent when it has none */
  name?: string;
}

export interface Fix {
  text: string;
  /** one AWS CLI command, every value shell-quoted (a `#` comment where no single safe change exists) */
  command: string;
  /** every command of the fix in order, where it takes more than one (new ids captured in quoted shell variables) */
  script?: string;
  /** the edits as a change set that `--apply` takes as it is; absent where no single safe edit exists */
  changes?: ChangeSet;
  /** where verified (the API re-traces with the fix made): what it achieves, and the whole repair when one fix is not all of it */
  repair?: Repair;
}

/** The fixes of successive drops chained into one change set, up to five steps, with what the chain achieves. */
export interface Repair {
  changes: ChangeSet;
  /** the AWS CLI script of the whole repair, in order; new ids captured in quoted shell variables */
  script: string;
  /** e.g. "after this, prod-api-1 -> prod-cache tcp/6379 is reachable" or "after this it still drops at acl-...: ..." */
  outcome: string;
  /** how many fixes the repair chains */
  steps: number;
  /** flows from the source's security-group siblings to the same destination that the repair turns reachable, this flow included */
  flowsRepaired: number;
  /** the verdict after the repair */
  verdict: Verdict;
}

/** An alternative to the fix, or the choices where no single change is safe. */
export interface FixOption {
  text: string;
  /** what choosing it costs or risks */
  tradeOff: string;
  fix: Fix;
}

export interface Blocked {
  id: string;
  kind: ComponentKind;
  direction: 'forward' | 'return';
  code: ExplanationCode;
  detail: string;
  rule?: Record<string, unknown>;
  fix: Fix | null;
  /** alternatives with their trade-offs; where no single change is safe, the only answers */
  options?: FixOption[];
  /** rules that almost admit the flow: the same peer on another port, the same port from another peer, another protocol */
  nearMisses?: string[];
  /** the dropping component's Name, shown before its id; absent when it has none */
  name?: string;
}

export type ProtocolName = 'tcp' | 'udp' | 'icmp' | 'all' | string;

export interface FlowQuery {
  from: string;
  to: string;
  protocol: ProtocolName;
  port: number | null;
  sourcePort: number;
  /** the flow's address family (added with IPv6: "ipv4" unless --family ipv6 or an IPv6 address says otherwise) */
  family?: 'ipv4' | 'ipv6';
}

export interface ResolvedEndpoint {
  /** "eni" for an ENI (instance, NAT gateway, endpoint ENIs included), "internet" for an internet host, "address" for a private address no ENI holds, "on-premises" for such an address a VPN route covers */
  kind: 'eni' | 'internet' | 'address' | 'load-balancer' | 'on-premises';
  id: string;
  /** the Name tag of the instance (else of the NAT gateway or VPC endpoint, else of the ENI), where it has one */
  name?: string;
  ip: string;
}

export interface Leg {
  delivered: boolean;
  hops: Hop[];
}

/** Whether a target group's health check gets from the load balancer's nodes to a target and back, as far as the network decides. */
export interface HealthCheckResult {
  protocol: string;
  port: number | null;
  /** the HTTP(S) path, where the check has one */
  path: string | null;
  /** reachable: every node's check gets through; otherwise the worst node's answer */
  verdict: Verdict;
  /** the node whose check is traced in `blocked` (or the first node) */
  node: string | null;
  blocked: Blocked | null;
  /** what the network cannot tell, e.g. whether the application answers the path */
  note: string;
}

export interface TargetHealthView {
  /** DescribeTargetHealth's answer, as collected */
  collected: { state: string | null; reason: string | null; description: string | null } | null;
  /** our answer: can the health check cross the network */
  computed: HealthCheckResult | null;
  /** where the two disagree, in words; null when they agree or one is missing */
  disagreement: string | null;
}

/** One target behind a load balancer and its own trace (client -> node -> this target). */
export interface TargetResult {
  target: {
    id: string;
    name?: string;
    ip: string | null;
    port: number | null;
    zone: string | null;
    targetGroup: string;
    targetGroupArn: string;
    /** the listener rule that leads to its group */
    via: string;
    /** the load balancer sends to it (healthy, or all when none is: fail open) */
    routed: boolean;
  };
  verdict: Verdict;
  /** the node the client reached, its address */
  node: { id: string; ip: string; zone: string } | null;
  forward: Leg;
  return: Leg | null;
  blocked: Blocked | null;
  health: TargetHealthView;
}

export interface AnalyzeResult {
  query: FlowQuery;
  resolved: { from: ResolvedEndpoint; to: ResolvedEndpoint };
  verdict: Verdict;
  forward: Leg;
  return: Leg | null;
  blocked: Blocked | null;
  warnings: string[];
  /** through a load balancer: each target's own result, in the stated order (healthy first, then zone, then id) */
  targets?: TargetResult[];
}
