// The record of one leg (forward or return) while it is walked: the hops so
// far, where it stopped and why, and the translations the forward leg made
// (the return leg must undo them at the same devices).
import type { ComponentKind, ExplanationCode, Fix, FixOption, Hop, HopAction, HopDirection } from './analysis-types.js';
import { INTERNET_HOST_IP } from '../model/ipv4.js';
import type { Ip } from '../model/ip.js';
import type { NetworkInterface, NetworkModel, Subnet, Vpc } from '../model/types.js';
import type { Packet } from './packet.js';
import { componentName } from './component-names.js';
import type { Notes } from './warnings.js';
import type { Balancing, LbBlock, LbNode, LbTarget } from './load-balancing.js';

export type LegName = 'forward' | 'return';

/** Where the leg is meant to end. */
export type LegTarget =
  | { readonly kind: 'eni'; readonly eni: NetworkInterface }
  | { readonly kind: 'internet'; readonly ip: Ip; readonly gatewayId: string | undefined }
  | { readonly kind: 'address'; readonly ip: Ip }
  /** a host of an on-premises network, reached over a VPN */
  | { readonly kind: 'on-premises'; readonly ip: number };

/** Where traffic from an on-premises network enters AWS: a virtual private gateway, or a transit gateway's VPN attachment. */
export type VpnEntry = { readonly kind: 'vgw'; readonly vgwId: string; readonly vpcId: string } | { readonly kind: 'tgw'; readonly attachmentId: string };

/** A translation made on the forward leg, kept for the return leg. */
export type Session =
  | { readonly kind: 'nat'; readonly natId: string; readonly natIp: number; readonly clientIp: number; readonly clientPorts: Packet['srcPorts'] }
  /** `translated`: which address of the request the gateway rewrote (the source of a request leaving, the destination of one coming in) */
  | { readonly kind: 'igw'; readonly igwId: string; readonly vpcId: string; readonly privateIp: number; readonly publicIp: number; readonly translated: 'source' | 'destination' }
  /** an IPv6 connection started from inside through an egress-only internet gateway: its replies may come back in */
  | { readonly kind: 'eigw'; readonly eigwId: string; readonly vpcId: string; readonly insideIp: bigint }
  /** the request left for an on-premises network: its reply comes back the same way */
  | { readonly kind: 'vpn'; readonly entry: VpnEntry; readonly onPremisesIp: number }
  /** the request reached an AWS service through a gateway endpoint: its reply comes back through it */
  | { readonly kind: 'vpce'; readonly endpointId: string; readonly vpcId: string; readonly clientIp: number }
  /** a load balancer node took the client's connection (as it arrived) and opened one to a target */
  | { readonly kind: 'lb'; readonly balancerId: string; readonly nodeEniId: string; readonly clientPacket: Packet; readonly preserved: boolean };

/** Which node and target one trace through a load balancer takes, and what the load balancer itself decided. */
export interface BalancerChoice {
  readonly balancing: Balancing;
  readonly node: LbNode;
  readonly target: LbTarget | undefined;
  /** the load balancer's own drop for this node and target (no listener, cross-zone, target not in service) */
  readonly block: LbBlock | undefined;
}

/** A subnet the packet is in, about to be routed by that subnet's route table. */
export interface Place {
  readonly vpc: Vpc;
  readonly subnet: Subnet;
  /** the availability zone of the sender (for the transit gateway's AZ rule) */
  readonly az: string;
}

/** The states of the walk between components. */
export type Position =
  | { readonly at: 'route'; readonly place: Place; readonly packet: Packet }
  /** the VPC router delivers to an address of the VPC; fromSubnetId undefined = it came from outside the VPC */
  | { readonly at: 'arrive'; readonly vpc: Vpc; readonly fromSubnetId: string | undefined; readonly packet: Packet }
  /** on the internet; `sentBy` = the gateway that put it there, or "host" for an internet host; `entryGatewayId` = the gateway an `igw-` source must enter by */
  | { readonly at: 'internet'; readonly sentBy: string; readonly entryGatewayId: string | undefined; readonly packet: Packet };

export interface HopInput {
  id: string;
  kind: ComponentKind;
  direction: HopDirection;
  detail: string;
  rule?: Record<string, unknown> | undefined;
}

/** What fixes need to know of the question beyond the packet. */
export interface FixContext {
  /** where internet clients are admitted from when the question's internet end is the stand-in host: 0.0.0.0/0, or the --client-cidr given */
  readonly internetClients: string;
  /** the address that stands for "the internet" in this trace: 198.51.100.1, or a host of --client-cidr */
  readonly standInIp: number;
}

export const DEFAULT_FIX_CONTEXT: FixContext = { internetClients: '0.0.0.0/0', standInIp: INTERNET_HOST_IP };

export class LegTrace {
  readonly hops: Hop[] = [];
  blocked: { hop: Hop; fix: Fix | null; options?: FixOption[]; nearMisses?: string[] } | undefined;
  delivered = false;
  /** the packet as it reached the destination (the return leg answers it) */
  finalPacket: Packet | undefined;
  /** set on both legs of a trace through a load balancer */
  balancer: BalancerChoice | undefined;

  constructor(
    readonly model: NetworkModel,
    readonly leg: LegName,
    readonly target: LegTarget,
    readonly sessions: Session[],
    readonly notes: Notes,
    readonly fixContext: FixContext = DEFAULT_FIX_CONTEXT,
  ) {}

  private add(input: HopInput, action: HopAction, code?: ExplanationCode): Hop {
    const hop: Hop = { id: input.id, kind: input.kind, direction: input.direction, action, detail: input.detail };
    if (code !== undefined) hop.code = code;
    if (input.rule !== undefined) hop.rule = input.rule;
    // last: a field added to the JSON, after the ones that were there
    const name = componentName(this.model, input.id);
    if (name !== null) hop.name = name;
    this.hops.push(hop);
    return hop;
  }

  /** A check that let the packet on (`allow`, `forward`, `translate`). Returns true so callers can chain. */
  pass(input: HopInput, action: 'allow' | 'forward' | 'translate'): true {
    this.add(input, action);
    return true;
  }

  /** The packet is dropped here (`deny` for filters, `drop` for forwarders). Returns false: the walk stops. */
  drop(input: HopInput, code: ExplanationCode, fix: Fix | null, action: 'deny' | 'drop' = 'drop'): false {
    this.blocked = { hop: this.add(input, action, code), fix };
    return false;
  }

  /** What the drop's finding adds to its fix: alternatives with their trade-offs, rules that almost matched. */
  annotate(extra: { options?: FixOption[] | undefined; nearMisses?: string[] | undefined }): void {
    if (!this.blocked) return;
    if (extra.options && extra.options.length > 0) this.blocked.options = extra.options;
    if (extra.nearMisses && extra.nearMisses.length > 0) this.blocked.nearMisses = extra.nearMisses;
  }

  /** This component cannot be judged: the answer is unknown. */
  unknown(input: HopInput, code: 'UNSUPPORTED_COMPONENT' | 'UNKNOWN_RESOURCE'): false {
    this.blocked = { hop: this.add(input, 'unknown', code), fix: null };
    return false;
  }

  deliver(input: HopInput, packet: Packet): void {
    this.add(input, 'deliver');
    this.delivered = true;
    this.finalPacket = packet;
  }
}
