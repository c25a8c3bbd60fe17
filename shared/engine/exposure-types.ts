// The shape of `reachmap exposure --json`: everything the internet can reach,
// per ENI, as protocol/port ranges with the sources that may use them.
import type { ComponentKind, ExplanationCode, Hop, Verdict } from './analysis-types.js';

/** `high`: administration or database ports open to the whole internet; `medium`: those from some addresses, or other ports to the world beyond 80 and 443; `low`: the rest. */
export type ExposureRisk = 'high' | 'medium' | 'low';

export interface PortInterval {
  from: number;
  to: number;
}

export interface ExposedService {
  /** "tcp" | "udp" | "icmp" | "all" | an IP protocol number as a string */
  protocol: string;
  /** destination port intervals (tcp/udp); null for protocols without ports */
  ports: PortInterval[] | null;
  /** source CIDRs (e.g. "0.0.0.0/0", "203.0.113.0/24") and prefix-list ids that are admitted */
  sources: string[];
  /** the path that admits them (forward hops of a representative flow) */
  path: Hop[];
  /** the representative flow whose trace gave `path`: `reachmap analyze --from FROM --to TO ...` replays it */
  example?: { from: string; to: string; protocol: string; port: number | null };
  /** how risky the service is (exposure-risk.ts) */
  risk?: ExposureRisk;
  /** why, in words: "tcp 22 (SSH) open to the whole internet" */
  riskReason?: string;
  /** each prefix list of `sources`, expanded to its CIDRs (all of them, as the list holds them) */
  prefixListCidrs?: Record<string, string[]>;
}

/** A service the filters let in from the internet whose reply cannot get back: public and open, but broken. */
export interface BrokenService {
  protocol: string;
  ports: PortInterval[] | null;
  sources: string[];
  risk: ExposureRisk;
  riskReason: string;
  prefixListCidrs: Record<string, string[]>;
  /** where the reply (or, rarely, the request) is dropped */
  blocked: { id: string; kind: ComponentKind; direction: 'forward' | 'return'; code: ExplanationCode; detail: string };
  example: { from: string; to: string; protocol: string; port: number | null };
}

export interface BrokenNetworkInterface extends Omit<ExposedNetworkInterface, 'services'> {
  services: BrokenService[];
}

export interface ExposedNetworkInterface {
  eni: string;
  instance: string | null;
  name: string | null;
  vpc: string;
  subnet: string;
  privateIp: string;
  publicIp: string;
  services: ExposedService[];
  /** the account the interface belongs to (as the snapshot places it; "unknown" for a folder without accounts/): grouping by account is the text's and the UI's */
  account?: string;
  /** one entry per ENI and family: "ipv6" on the entry of its IPv6 address (privateIp and publicIp are that one global address); absent on the IPv4 entry, which looks as it always did */
  family?: 'ipv4' | 'ipv6';
}

/** One listener of an internet-facing load balancer, traced from the internet to its targets. */
export interface ExposedListener {
  listener: string;
  protocol: string | null;
  port: number;
  /** what its security groups admit on the port from outside our private space (an NLB without groups: 0.0.0.0/0) */
  sources: string[];
  /** whether the internet reaches a target through it (analyze --from internet --to LB) */
  verdict: Verdict;
  blocked: { id: string; kind: ComponentKind; direction: 'forward' | 'return'; code: ExplanationCode; detail: string } | null;
  targets: { id: string; name: string | null; ip: string | null; port: number | null; targetGroup: string; routed: boolean; verdict: Verdict; health: string | null }[];
  example: { from: string; to: string; protocol: string; port: number; family?: 'ipv6' };
  /** "ipv6" on the IPv6 entry of a dual-stack load balancer's listener (its sources IPv6 blocks, traced from 2001:db8::1); absent on the IPv4 one, which looks as it always did */
  family?: 'ipv6';
}

export interface ExposedLoadBalancer {
  loadBalancer: string;
  arn: string;
  type: string;
  dnsName: string | null;
  vpc: string | null;
  listeners: ExposedListener[];
}

export interface ExposureReport {
  /** only the ENIs the internet reaches, no others (a load balancer's nodes are in `loadBalancers`) */
  exposed: ExposedNetworkInterface[];
  /** interfaces with a public IP whose filters admit a service from the internet, but whose reply is blocked (a return ACL or route) */
  broken?: BrokenNetworkInterface[];
  warnings: string[];
  /** internet-facing load balancers, their listeners and the targets behind them */
  loadBalancers?: ExposedLoadBalancer[];
}
