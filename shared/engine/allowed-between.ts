// `allowedBetween(a, b)`: every protocol and port range A can use to reach B.
//
// The space of flows is split into classes inside which no filter on the path
// can tell two flows apart: the port boundaries of every rule of every
// security group and network ACL the trace visits, the protocols those rules
// name, and a destination load balancer's listener ports (a listener's port
// is traced through the load balancer to its targets, as analyze does). One real trace (analyzeFlow) per class then judges the whole class,
// so the answer is by construction what per-port analysis would say:
// routing never looks at ports, so two ports of one class take the same path
// and meet the same decisions hop after hop. The components a trace visits
// are learnt from its hops; when a class's trace reaches a component not yet
// seen, its rules refine the classes and the walk is repeated, until nothing
// new is found.
import type { AnalyzeResult, Hop, ResolvedEndpoint, Verdict } from './analysis-types.js';
import type { PortInterval } from './exposure-types.js';
import type { LoadBalancer, NetworkAclEntry, NetworkModel, SecurityGroupRule } from '../model/types.js';
import { analyzeFlow } from './analyze.js';
import { flowFamily } from './family.js';
import type { Family } from '../model/ip.js';
import { NoIpv4Address, resolveEndpoint, type Endpoint } from './endpoints.js';
import { listenerCarries } from './load-balancing.js';
import { ALL_PORTS, Boundaries, normalize, type Interval } from './interval-sets.js';
import { ANY_PROTOCOL, DEFAULT_SOURCE_PORT, ICMP, protocolLabel, TCP, UDP } from './packet.js';

export interface ProtocolPorts {
  /** "tcp" | "udp" | "icmp" (echo request) | "all" (any protocol no rule on the path names) | a protocol number */
  protocol: string;
  /** destination ports for tcp and udp; null for the others */
  ports: PortInterval[] | null;
}

export interface AllowedBetweenResult {
  from: ResolvedEndpoint;
  to: ResolvedEndpoint;
  sourcePort: number;
  /** what A can use to reach B (verdict reachable) */
  reachable: ProtocolPorts[];
  /** what cannot be judged from the snapshot (verdict unknown) */
  unknown: ProtocolPorts[];
  /** number of real traces run */
  traces: number;
  warnings: string[];
}

/** The security groups and network ACLs the traces have met: their rules draw the class boundaries. */
export class VisitedFilters {
  private readonly groups = new Set<string>();
  private readonly acls = new Set<string>();
  /** a load balancer's listener ports: each one is its own class, whatever the filters say */
  private readonly listeners: { protocol: number; port: number }[] = [];

  constructor(private readonly model: NetworkModel) {}

  get size(): number {
    return this.groups.size + this.acls.size;
  }

  addGroups(ids: readonly string[]): void {
    for (const id of ids) this.groups.add(id);
  }

  /** A destination load balancer: its listeners split the ports, its security groups filter the client. */
  addLoadBalancer(balancer: LoadBalancer): void {
    this.addGroups(balancer.securityGroupIds);
    for (const listener of balancer.listeners) {
      if (listener.port === undefined) continue;
      for (const protocol of [TCP, UDP]) if (listenerCarries(listener, protocol)) this.listeners.push({ protocol, port: listener.port });
    }
  }

  addHops(hops: readonly Hop[]): void {
    for (const hop of hops) {
      if (hop.kind === 'network-acl') this.acls.add(hop.id);
      if (hop.kind === 'security-group') this.groups.add(hop.id);
      const groups = hop.rule?.groups;
      if (Array.isArray(groups)) this.addGroups(groups.filter((g): g is string => typeof g === 'string'));
    }
  }

  private rules(): (NetworkAclEntry | SecurityGroupRule)[] {
    const rules: (NetworkAclEntry | SecurityGroupRule)[] = [];
    for (const id of this.acls) {
      const acl = this.model.networkAcls.get(id);
      if (acl) rules.push(...acl.inbound, ...acl.outbound);
    }
    for (const id of this.groups) {
      const group = this.model.securityGroups.get(id);
      if (group) rules.push(...group.ingress, ...group.egress);
    }
    return rules;
  }

  /** Where the port space must be cut for this protocol. */
  portBoundaries(protocol: number): Boundaries {
    const boundaries = new Boundaries();
    for (const rule of this.rules()) if (rule.protocol === protocol && rule.ports) boundaries.add(rule.ports);
    for (const listener of this.listeners) if (listener.protocol === protocol) boundaries.add({ from: listener.port, to: listener.port });
    return boundaries;
  }

  /** Protocol numbers named by some rule, other than tcp, udp and icmp (each behaves on its own). */
  namedProtocols(): number[] {
    const named = new Set<number>();
    for (const rule of this.rules()) if (![ANY_PROTOCOL, TCP, UDP, ICMP].includes(rule.protocol)) named.add(rule.protocol);
    return [...named].sort((a, b) => a - b);
  }
}

interface Judged {
  protocol: string;
  interval: Interval | undefined;
  verdict: Verdict;
}

/**
 * What an endpoint brings to the classes before any trace: an ENI its
 * security groups; a load balancer its groups and its listener ports (a
 * listener splits ports no filter names: the class of a listener's port is
 * traced through the load balancer to its targets, the other ports find no
 * listener).
 */
function seedEndpoint(model: NetworkModel, visited: VisitedFilters, text: string, role: 'source' | 'destination', family: Family | undefined): void {
  // only the ENI's groups matter here: an IPv6-only ENI is one too (analyzeFlow then asks over IPv6)
  const endpoint = family === 'ipv6' ? resolveEndpoint(model, text, role, 'ipv6') : resolveOnEitherFamily(model, text, role);
  if (endpoint.kind === 'load-balancer') visited.addLoadBalancer(endpoint.balancer);
  if (endpoint.kind === 'eni') visited.addGroups(endpoint.eni.securityGroupIds);
}

function resolveOnEitherFamily(model: NetworkModel, text: string, role: 'source' | 'destination'): Endpoint {
  try {
    return resolveEndpoint(model, text, role);
  } catch (e) {
    if (e instanceof NoIpv4Address) return resolveEndpoint(model, text, role, 'ipv6');
    throw e;
  }
}

function collect(judged: readonly Judged[], verdict: Verdict): ProtocolPorts[] {
  const byProtocol = new Map<string, Interval[] | null>();
  for (const item of judged) {
    if (item.verdict !== verdict) continue;
    if (item.interval === undefined) byProtocol.set(item.protocol, null);
    else byProtocol.set(item.protocol, [...(byProtocol.get(item.protocol) ?? []), item.interval]);
  }
  return [...byProtocol].map(([protocol, ports]) => ({ protocol, ports: ports === null ? null : normalize(ports) }));
}

export function allowedBetween(model: NetworkModel, from: string, to: string, options: { sourcePort?: number; family?: string } = {}): AllowedBetweenResult {
  // one family for every trace (issue 17): --family, else a literal address's, else IPv4 (bad input as analyze's)
  const family = options.family === undefined ? undefined : flowFamily({ from, to, family: options.family });
  const visited = new VisitedFilters(model);
  seedEndpoint(model, visited, from, 'source', family);
  seedEndpoint(model, visited, to, 'destination', family);
  let traces = 0;
  const trace = (protocol: string, port?: number): AnalyzeResult => {
    traces++;
    const result = analyzeFlow(model, { from, to, protocol, port, sourcePort: options.sourcePort, ...(family ? { family } : {}) });
    visited.addHops(result.forward.hops);
    if (result.return) visited.addHops(result.return.hops);
    return result;
  };

  for (;;) {
    const known = visited.size;
    const judged: Judged[] = [];
    const warnings = new Set<string>();
    let last: AnalyzeResult | undefined;
    const judge = (protocol: string, interval?: Interval): void => {
      last = trace(protocol, interval?.from);
      last.warnings.forEach((w) => warnings.add(w));
      judged.push({ protocol, interval, verdict: last.verdict });
    };
    for (const protocol of [TCP, UDP]) for (const interval of visited.portBoundaries(protocol).split([ALL_PORTS])) judge(protocolLabel(protocol), interval);
    judge('icmp');
    for (const protocol of visited.namedProtocols()) judge(String(protocol));
    judge('all');
    if (visited.size !== known) continue;
    return {
      from: last!.resolved.from,
      to: last!.resolved.to,
      sourcePort: options.sourcePort ?? DEFAULT_SOURCE_PORT,
      reachable: collect(judged, 'reachable'),
      unknown: collect(judged, 'unknown'),
      traces,
      warnings: [...warnings],
    };
  }
}
