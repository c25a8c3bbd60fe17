// The oracle's load balancers (issue 16), written from the Elastic Load
// Balancing user guides and the issue, sharing no code with shared/. A flow to
// an ALB or NLB is three walks of oracle.ts glued at the node:
//   client -> node address (a plain walk whose arrival at the node decides
//   here: the load balancer's state, its security groups, the listener, the
//   rules, the target groups and which target this node may send to);
//   node -> target (a second walk, from the node's address, or from the
//   client's where an NLB preserves it), and its reply back to the node;
//   node -> client (the first walk's return leg, from the node's address).
// One such trace is made for each target, through the nodes the client
// reaches; the answer follows the first target that delivers.
//
// AWS pages this follows:
//  - listeners: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html
//    and .../network/load-balancer-listeners.html (a listener is a protocol and a port; TCP_UDP takes both)
//  - rules: .../application/listener-update-rules.html (the default rule's actions are the listener's default actions)
//  - health and fail open: .../application/target-group-health-checks.html ("If a target group contains only
//    unhealthy registered targets, the load balancer routes requests to all those targets")
//  - cross-zone: .../application/disable-cross-zone.html (on for an ALB, a target group may turn it off),
//    .../network/network-load-balancers.html#cross-zone-load-balancing (off by default for an NLB)
//  - client IP preservation: .../network/edit-target-group-attributes.html#client-ip-preservation
//    (default on for instance targets and for UDP/TCP_UDP, off for ip targets over TCP/TLS; never for an ALB)
//  - security groups: .../application/load-balancer-update-security-groups.html, and an NLB filters only when it has some
//  - DNS: .../network/network-load-balancers.html#availability-zones (a zone with no healthy target leaves DNS)
//  - IPv6 clients: .../application/load-balancer-ip-address-type.html and .../network/load-balancer-ip-address-type.html
//    (only a dualstack load balancer, or an ALB dualstack-without-public-ipv4, takes IPv6 clients; it "communicates
//    with targets based on the IP address type of the target group"); an NLB keeps the client's address only for a
//    client of the group's family (edit-target-group-attributes.html, the client IP preservation tables: an IPv6
//    client of IPv4 targets is seen as "Load balancer IPv4 address"). An ipv4 load balancer asked over IPv6: our
//    ELBV2_IPV4_ONLY; a dual-stack one whose nodes the client reaches hold no IPv6 address: unknown; targets of an
//    ipv6 target group: not followed (unknown), as the engine documents.
//
// Choices where neither AWS nor the issue fixes an order are marked "ORDER:".
import { aclAllows, aclOfSubnet, securityGroupsAllow, type Packet } from './filters.js';
import { cidrContains, ipToNumber, isIpText, isPrivateAddress, numberToIp } from './ip.js';
import { cidr6Contains, ip6ToBigint, isIp6Text } from './ip6.js';
import { ipv6HeldBy, securityGroupsAllow6, type Packet6 } from './filters6.js';
import { flowIsIpv6, Oracle6InputError, Oracle6Walk } from './oracle6.js';
import { answerOf, checkEniState } from './walk-parts.js';
import { OracleInputError, OracleWalk, stop, type OracleAnswer, type OracleBlocked, type OracleFlow } from './oracle.js';
import type { Raw, RawView } from './raw-view.js';

/** One target's own answer, in the stated order (like analyze's `targets[]`). */
export interface OracleTargetAnswer {
  id: string;
  port: number | null;
  verdict: OracleAnswer['verdict'];
  blocked: OracleBlocked | null;
  /** the node the trace went through */
  node: string;
  routed: boolean;
  /** whether the group's health check crosses the network from every node, and back */
  health: { verdict: OracleAnswer['verdict']; blocked: OracleBlocked | null; node: string | null };
}

/** A flow to a load balancer may pin one target (`--target`): its id (instance id or address), its ENI, or its address. */
export interface LoadBalancerFlow extends OracleFlow {
  target?: string;
}

export interface OracleLoadBalancerAnswer extends OracleAnswer {
  loadBalancer: {
    name: string;
    type: string;
    nodeAddress: string;
    targets: OracleTargetAnswer[];
    /** how the top target was reached: the client's address kept, and whether its group failed open */
    top: { preserved: boolean; failOpen: boolean } | undefined;
  };
}

interface Node {
  eni: Raw;
  subnet: Raw;
  zone: string;
  privateIp: string;
  publicIp: string | undefined;
  /** its IPv6 address (the primary one, else the first listed), where it has one */
  ipv6: string | undefined;
}

interface Target {
  group: Raw;
  id: string;
  port: number | null;
  /** the client addresses some rule leading to its group admits (source-ip); undefined when a rule takes any client */
  onlyFrom: string[] | undefined;
  eni: Raw | undefined;
  instance: Raw | undefined;
  zone: string | undefined;
  anyZone: boolean;
  state: string | undefined;
  healthy: boolean;
  routed: boolean;
  notRouted: string | undefined;
}

interface Balancer {
  raw: Raw;
  name: string;
  type: string;
  listeners: Raw[];
  attributes: Map<string, string> | undefined;
  nodes: Node[];
}

const EPHEMERAL: Packet['srcPort'] = 'nat-range';

/** The ELBv2 describe lists of every account and region, as plain arrays. */
class ElbView {
  readonly balancers: Raw[] = [];
  readonly listeners: Raw[] = [];
  readonly rules: Raw[] = [];
  readonly attributes: Raw[] = [];
  readonly groups: Raw[] = [];
  readonly health: Raw[] = [];
  readonly groupAttributes: Raw[] = [];

  constructor(snapshot: Raw) {
    for (const regions of Object.values<Raw>(snapshot.accounts ?? {})) {
      for (const region of Object.values<Raw>(regions)) {
        const list = (key: string): Raw[] => (Array.isArray(region[key]) ? region[key] : []);
        this.balancers.push(...list('LoadBalancers'));
        this.listeners.push(...list('LoadBalancerListeners'));
        this.rules.push(...list('LoadBalancerRules'));
        this.attributes.push(...list('LoadBalancerAttributes'));
        this.groups.push(...list('TargetGroups'));
        this.health.push(...list('LoadBalancerTargetHealth'));
        this.groupAttributes.push(...list('TargetGroupAttributes'));
      }
    }
  }
}

/** `Key: Value` of the first entry for this ARN; undefined when the snapshot has none. */
function attributeMap(entries: Raw[], member: string, arn: string): Map<string, string> | undefined {
  const entry = entries.find((e) => e[member] === arn);
  return entry ? new Map((entry.Attributes ?? []).map((a: Raw) => [a.Key, a.Value])) : undefined;
}

/**
 * The answer to a flow whose destination is a load balancer (or one of its
 * nodes), or whose source is a node of a network load balancer without
 * security groups; undefined for any other flow.
 */
export function loadBalancerOracle(snapshot: Raw, view: RawView): (flow: OracleFlow) => OracleAnswer | undefined {
  const elb = new ElbView(snapshot);
  if (elb.balancers.length === 0) return () => undefined;
  return (flow) => {
    const found = destinationBalancer(view, elb, flow.to);
    if (found) return new BalancedFlow(view, elb, flow, found.balancer, found.pinned, isIpv6Flow(view, flow)).run();
    // "If you don't assign a security group to your Network Load Balancer, all client traffic can reach the
    // Network Load Balancer listeners and all traffic can leave the Network Load Balancer": its node sends unfiltered.
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html
    const source = nodeEni(view, elb, flow.from);
    if (source && (source.Groups ?? []).length === 0 && !isIpv6Flow(view, flow)) return new OracleWalk(view, flow, { sourceSecurityGroups: false }).run();
    return undefined;
  };
}

function isIpv6Flow(view: RawView, flow: OracleFlow): boolean {
  try {
    return flowIsIpv6(view, flow);
  } catch (e) {
    throw e instanceof Oracle6InputError ? new OracleInputError(e.message) : e;
  }
}

/** The node interface (of any load balancer) named by its id or one of its addresses (IPv4 private or public, or IPv6). */
function nodeEni(view: RawView, elb: ElbView, text: string): Raw | undefined {
  const byIpv4 = (t: string) => view.networkInterfaces.find((e) => view.privateIps(e).includes(t) || view.publicIps(e).some((p) => p.publicIp === t));
  const byIpv6 = (t: string) => view.networkInterfaces.find((e) => ipv6HeldBy(e, ip6ToBigint(t)));
  const eni = text.startsWith('eni-') ? view.eni(text) : isIpText(text) ? byIpv4(text) : isIp6Text(text) ? byIpv6(text) : undefined;
  return eni && elb.balancers.some((b) => ownsEni(b, eni)) ? eni : undefined;
}

/** `--to` as a load balancer: its name, ARN or DNS name, or one node by its ENI id or by one of its addresses. */
function destinationBalancer(view: RawView, elb: ElbView, text: string): { balancer: Raw; pinned: { eniId: string; address: string | undefined } | undefined } | undefined {
  const byName = elb.balancers.find(
    (b) => b.LoadBalancerName === text || b.LoadBalancerArn === text || (b.DNSName && String(b.DNSName).toLowerCase() === text.toLowerCase().replace(/\.$/, '')),
  );
  if (byName) return { balancer: byName, pinned: undefined };
  const eni = nodeEni(view, elb, text);
  if (!eni) return undefined;
  const balancer = elb.balancers.find((b) => ownsEni(b, eni));
  if (!balancer) return undefined;
  return { balancer, pinned: { eniId: eni.NetworkInterfaceId, address: isIpText(text) || isIp6Text(text) ? text : undefined } };
}

/** An ELBv2 node's interface is described "ELB app/NAME/ID" (net/ for an NLB), the tail of the load balancer's ARN. */
function ownsEni(balancer: Raw, eni: Raw): boolean {
  const description: string = eni.Description ?? '';
  if (!description.startsWith('ELB ')) return false;
  return String(balancer.LoadBalancerArn).endsWith(`:loadbalancer/${description.slice(4)}`);
}

class BalancedFlow {
  private readonly balancer: Balancer;
  private listenerId = '';
  private readonly protocol: string;
  private readonly trace: string[] = [];

  constructor(
    private readonly view: RawView,
    private readonly elb: ElbView,
    private readonly flow: OracleFlow,
    raw: Raw,
    private readonly pinned: { eniId: string; address: string | undefined } | undefined,
    /** the client is IPv6 (the flow's family) */
    private readonly ipv6: boolean,
  ) {
    this.protocol = (flow.protocol ?? 'tcp').toLowerCase();
    const zoneOrder: string[] = (raw.AvailabilityZones ?? []).map((z: Raw) => z.SubnetId);
    const nodes: Node[] = view.networkInterfaces
      .filter((eni) => ownsEni(raw, eni))
      .map((eni) => {
        const subnet = view.subnet(eni.SubnetId);
        if (!subnet) throw new Error(`oracle: node ${eni.NetworkInterfaceId} is in ${eni.SubnetId}, not in the snapshot`);
        const privateIp = (eni.PrivateIpAddresses ?? []).find((p: Raw) => p.Primary)?.PrivateIpAddress ?? eni.PrivateIpAddress;
        const v6: Raw[] = eni.Ipv6Addresses ?? [];
        const ipv6 = (v6.find((a) => a.IsPrimaryIpv6 === true) ?? v6[0])?.Ipv6Address;
        return { eni, subnet, zone: subnet.AvailabilityZone, privateIp, publicIp: view.publicIps(eni).find((p) => p.privateIp === privateIp)?.publicIp, ipv6 };
      });
    // ORDER: nodes in the order of the load balancer's AvailabilityZones, then by ENI id
    const rank = (n: Node) => (zoneOrder.includes(n.subnet.SubnetId) ? zoneOrder.indexOf(n.subnet.SubnetId) : zoneOrder.length);
    nodes.sort((a, b) => rank(a) - rank(b) || String(a.eni.NetworkInterfaceId).localeCompare(b.eni.NetworkInterfaceId));
    if (nodes.length === 0) throw new OracleInputError(`load balancer ${raw.LoadBalancerName} has no node in the snapshot`);
    this.balancer = {
      raw,
      name: raw.LoadBalancerName,
      type: raw.Type ?? 'application',
      listeners: elb.listeners.filter((l) => l.LoadBalancerArn === raw.LoadBalancerArn).flatMap((l) => l.Listeners ?? []),
      attributes: attributeMap(elb.attributes, 'LoadBalancerArn', raw.LoadBalancerArn),
      nodes,
    };
    if (flow.from === raw.LoadBalancerName || flow.from === raw.LoadBalancerArn) throw new OracleInputError('a load balancer only answers connections');
  }

  run(): OracleLoadBalancerAnswer {
    const b = this.balancer;
    const pinnedOrAll = this.pinned ? b.nodes.filter((n) => n.eni.NetworkInterfaceId === this.pinned!.eniId) : b.nodes;
    const decided = this.decide();
    const dns = 'code' in decided || this.pinned ? pinnedOrAll : this.dnsNodes(decided);
    if (this.ipv6) {
      const refused = this.refusedOverIpv6(dns);
      if (refused) return refused;
    }
    // an IPv6 client reaches only the nodes with an IPv6 address (AAAA records)
    const entry = this.ipv6 ? pinnedOrAll.filter((n) => n.ipv6) : pinnedOrAll;
    if ('code' in decided) {
      // the load balancer itself refuses: traced through the first node the client reaches
      const answer = this.traceThrough(entry[0]!, undefined, decided);
      return { ...answer.answer, loadBalancer: { name: b.name, type: b.type, nodeAddress: answer.address, targets: [], top: undefined } };
    }
    const targets = decided;
    const reached = this.ipv6 ? dns.filter((n) => n.ipv6) : dns;
    const asked = (this.flow as LoadBalancerFlow).target;
    const chosen = asked === undefined ? targets : targets.filter((t) => t.id === asked || t.eni?.NetworkInterfaceId === asked || (t.eni && primaryIp(t.eni) === asked));
    if (chosen.length === 0) throw new OracleInputError(`--target ${asked} is not a target of ${b.name} for this flow`);
    const results = chosen.map((t) => this.traceTarget(t, targets, reached));
    // the first target in service that delivers, else the first in service, else the first; a pinned target counts as asked for
    const counts = (r: (typeof results)[number]) => r.target.routed || asked !== undefined;
    const top = results.find((r) => counts(r) && r.answer.verdict === 'reachable') ?? results.find(counts) ?? results[0]!;
    return {
      ...top.answer,
      trace: [...this.trace, `top: ${top.target.id}:${top.target.port} through ${top.node.eni.NetworkInterfaceId}`],
      loadBalancer: {
        name: b.name,
        type: b.type,
        nodeAddress: top.address,
        top: { preserved: !this.ipv6 && this.preservesClientIp(top.target.group), failOpen: !top.target.healthy && top.target.routed },
        targets: results.map((r) => ({ id: r.target.id, port: r.target.port, verdict: r.answer.verdict, blocked: r.answer.blocked, node: r.node.eni.NetworkInterfaceId, routed: r.target.routed, health: this.healthCheck(r.target) })),
      },
    };
  }

  /**
   * An IPv6 client and a load balancer that has no IPv6 address for it: an
   * ipv4 one (ELBV2_IPV4_ONLY), or a dual-stack one whose nodes the client
   * would reach show none (unknown); after the source's own state. The
   * address reported is the first such node's private IPv4 one (what the
   * name resolves to), unless the client named one.
   */
  private refusedOverIpv6(reached: Node[]): OracleLoadBalancerAnswer | undefined {
    const b = this.balancer;
    const dualStack = String(b.raw.IpAddressType ?? 'ipv4').toLowerCase().startsWith('dualstack');
    if (dualStack && reached.some((n) => n.ipv6)) return undefined;
    let sourceEni: Raw | undefined;
    try {
      // resolves the source as an IPv6 end (bad input where it has no IPv6 address); the destination is a stand-in
      sourceEni = new Oracle6Walk(this.view, { ...this.flow, to: '2001:db8::1' }).sourceEni();
    } catch (e) {
      throw e instanceof Oracle6InputError ? new OracleInputError(e.message) : e;
    }
    const answer = answerOf(
      this.trace,
      () => {
        if (sourceEni) checkEniState(this.view, sourceEni);
        if (!dualStack) stop(b.name, 'load-balancer', 'ELBV2_IPV4_ONLY', 'forward');
        stop(b.name, 'load-balancer', 'UNKNOWN_RESOURCE', 'forward');
      },
      (line) => this.note(line),
    );
    return { ...answer, loadBalancer: { name: b.name, type: b.type, nodeAddress: this.pinned?.address ?? reached[0]!.privateIp, targets: [], top: undefined } };
  }

  // ------------------------------------------------------------ what the load balancer decides before a packet moves

  /** The targets of the listener's groups in the stated order, or the block that stops every connection at the node. */
  private decide(): Target[] | OracleBlocked {
    const b = this.balancer;
    const block = (id: string, kind: string, code: string): OracleBlocked => ({ id, kind, code, direction: 'forward' });
    if (b.type !== 'application' && b.type !== 'network') return block(b.name, 'load-balancer', 'UNSUPPORTED_COMPONENT');
    const port = this.flow.port;
    // A TCP connection is taken by an HTTP, HTTPS, TCP, TLS or TCP_UDP listener; UDP by UDP or TCP_UDP; nothing takes ICMP.
    const carries = (l: Raw) => {
      const p = String(l.Protocol ?? '').toUpperCase();
      if (this.protocol === 'tcp') return ['HTTP', 'HTTPS', 'TCP', 'TLS', 'TCP_UDP'].includes(p);
      if (this.protocol === 'udp') return ['UDP', 'TCP_UDP'].includes(p);
      return false;
    };
    const listener = b.listeners.find((l) => l.Port === port && carries(l));
    if (!listener) {
      const onPort = b.listeners.some((l) => l.Port === port);
      const portless = this.protocol !== 'tcp' && this.protocol !== 'udp';
      if (onPort || portless || b.listeners.length === 0) return block(b.name, 'load-balancer', 'ELBV2_LISTENERS_MISMATCH');
      const first = b.listeners[0];
      return block(first.ListenerArn ?? `${b.name}:${first.Port}`, 'listener', 'ELBV2_LISTENER_PORT_RESTRICTION');
    }
    const listenerId = listener.ListenerArn ?? `${b.name}:${listener.Port}`;
    this.listenerId = listenerId;
    this.note(`${b.name}: listener ${listener.Protocol}:${listener.Port}`);
    const forwarded = this.forwardedGroups(listener);
    if (forwarded.length === 0) return block(listenerId, 'listener', 'ELBV2_LISTENER_REQUIRES_TG_ACCEPT');
    const zones = new Set(b.nodes.map((n) => n.zone));
    const targets: Target[] = [];
    const groups: Raw[] = [];
    for (const { arn, onlyFrom } of forwarded) {
      const group = this.elb.groups.find((g) => g.TargetGroupArn === arn);
      if (!group) return block(listenerId, 'listener', 'UNKNOWN_RESOURCE');
      const health = this.elb.health.filter((h) => h.TargetGroupArn === arn);
      if (health.length === 0) return block(arn, 'target-group', 'UNKNOWN_RESOURCE');
      groups.push(group);
      targets.push(...this.targetsOf(group, health.flatMap((h) => h.TargetHealthDescriptions ?? []), zones, onlyFrom));
    }
    if (targets.length === 0) return block(groups[0].TargetGroupArn, 'target-group', 'ELBV2_LISTENER_HAS_NO_TG');
    // ORDER (the issue's): healthy first, then (ours) those the load balancer sends to, then by zone, id and port
    return targets.sort(
      (x, y) =>
        Number(y.healthy) - Number(x.healthy) ||
        Number(y.routed) - Number(x.routed) ||
        (x.zone ?? '~').localeCompare(y.zone ?? '~') ||
        x.id.localeCompare(y.id) ||
        (x.port ?? 0) - (y.port ?? 0),
    );
  }

  /**
   * The groups the listener forwards to: its rules by priority (lowest first,
   * the default rule being the default actions), then the default actions;
   * each rule's last action by Order is the one that routes (authenticate-*
   * come first); a weighted forward uses every group of weight > 0.
   * A TCP question carries no HTTP request: path, host, header, method and
   * query conditions are the client's to satisfy, so every rule is a way in;
   * a source-ip condition is the network's, and admits only the clients
   * whose address (as the load balancer sees it) it covers.
   * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html
   */
  private forwardedGroups(listener: Raw): { arn: string; onlyFrom: string[] | undefined }[] {
    const ways: { arn: string; sourceIps: string[] | undefined }[] = [];
    const forwardOf = (actions: Raw[], sourceIps: string[] | undefined) => {
      const last = [...actions].sort((a, b) => (a.Order ?? 0) - (b.Order ?? 0)).at(-1);
      if (!last || (last.Type ?? 'forward') !== 'forward') return;
      if (last.TargetGroupArn) ways.push({ arn: last.TargetGroupArn, sourceIps });
      for (const g of last.ForwardConfig?.TargetGroups ?? []) if ((g.Weight ?? 1) > 0) ways.push({ arn: g.TargetGroupArn, sourceIps });
    };
    const rules = this.elb.rules.filter((r) => r.ListenerArn === listener.ListenerArn).flatMap((r) => r.Rules ?? []);
    const numbered = rules.filter((r) => !(r.IsDefault ?? r.Priority === 'default') && /^\d+$/.test(String(r.Priority)));
    numbered.sort((a, b) => Number(a.Priority) - Number(b.Priority));
    for (const rule of numbered) {
      const condition = (rule.Conditions ?? []).find((c: Raw) => c.Field === 'source-ip');
      forwardOf(rule.Actions ?? [], condition ? [...(condition.Values ?? []), ...(condition.SourceIpConfig?.Values ?? [])] : undefined);
    }
    forwardOf(listener.DefaultActions ?? [], undefined);
    const arns = [...new Set(ways.map((w) => w.arn))];
    return arns.map((arn) => {
      const here = ways.filter((w) => w.arn === arn);
      return { arn, onlyFrom: here.some((w) => w.sourceIps === undefined) ? undefined : here.flatMap((w) => w.sourceIps!) };
    });
  }

  private targetsOf(group: Raw, descriptions: Raw[], zones: Set<string>, onlyFrom: string[] | undefined): Target[] {
    const all = descriptions.map((d) => {
      const id: string = d.Target.Id;
      const instance = id.startsWith('i-') ? this.view.instance(id) : undefined;
      let eni: Raw | undefined;
      if (instance) {
        eni = this.view.networkInterfaces.find((e) => e.Attachment?.InstanceId === id && e.Attachment?.DeviceIndex === 0);
      } else if (isIpText(id)) {
        const holders = this.view.enisWithPrivateIpAnywhere(id);
        eni = holders.find((e) => e.VpcId === (group.VpcId ?? this.balancer.raw.VpcId)) ?? (holders.length === 1 ? holders[0] : undefined);
      }
      const given: string | undefined = d.Target.AvailabilityZone;
      const subnetZone = eni ? (this.view.subnet(eni.SubnetId)?.AvailabilityZone ?? eni.AvailabilityZone) : undefined;
      const zone = given && given !== 'all' ? given : subnetZone;
      const state: string | undefined = d.TargetHealth?.State;
      // healthy, or not checked at all (health checks off count as in service)
      const healthy = state === undefined || state === 'healthy' || (state === 'unavailable' && d.TargetHealth?.Reason === 'Target.HealthCheckDisabled');
      // a Lambda function (ALB) or an ALB (behind an NLB) is no interface in a zone: no zone rule applies, and it is not followed
      const anyZone = given === 'all' || ['lambda', 'alb'].includes(group.TargetType);
      const enabledZone = anyZone || (zone !== undefined && zones.has(zone));
      // unused and draining targets get nothing, whatever the others' health
      const inService = enabledZone && state !== 'unused' && state !== 'draining';
      return { group, id, port: d.Target.Port ?? group.Port ?? null, onlyFrom, eni, instance, zone, anyZone, state, healthy, inService, enabledZone };
    });
    const anyHealthy = all.some((t) => t.inService && t.healthy);
    return all.map(({ inService, enabledZone, ...t }) => {
      const routed = inService && (anyHealthy ? t.healthy : true);
      const notRouted = !enabledZone ? 'ELB_INSTALLED_AZ_RESTRICTION' : routed ? undefined : 'ELBV2_TARGET_NOT_IN_SERVICE';
      return { ...t, routed, notRouted };
    });
  }

  /**
   * Cross-zone balancing for a group: the group's attribute when it says true
   * or false; else on for an ALB, and for an NLB the load balancer's attribute
   * (off when absent).
   */
  private crossZone(group: Raw): boolean {
    const own = attributeMap(this.elb.groupAttributes, 'TargetGroupArn', group.TargetGroupArn)?.get('load_balancing.cross_zone.enabled');
    if (own === 'true' || own === 'false') return own === 'true';
    if (this.balancer.type === 'application') return true;
    return this.balancer.attributes?.get('load_balancing.cross_zone.enabled') === 'true';
  }

  private preservesClientIp(group: Raw): boolean {
    if (this.balancer.type !== 'network') return false;
    const own = attributeMap(this.elb.groupAttributes, 'TargetGroupArn', group.TargetGroupArn)?.get('preserve_client_ip.enabled');
    if (own === 'true' || own === 'false') return own === 'true';
    if ((group.TargetType ?? 'instance') === 'instance') return true;
    return ['UDP', 'TCP_UDP'].includes(String(group.Protocol ?? '').toUpperCase());
  }

  private serves(node: Node, target: Target): boolean {
    return target.anyZone || this.crossZone(target.group) || node.zone === target.zone;
  }

  /** DNS returns the nodes that can send to a healthy target in service; all of them when none can. */
  private dnsNodes(targets: Target[]): Node[] {
    const healthy = targets.filter((t) => t.routed && t.healthy);
    const serving = this.balancer.nodes.filter((n) => healthy.some((t) => this.serves(n, t)));
    return serving.length > 0 ? serving : this.balancer.nodes;
  }

  // ------------------------------------------------------------ health checks

  /**
   * Every node checks every target, from its own address (client IP
   * preservation never applies to health checks), over TCP to the health
   * check port (the traffic port unless HealthCheckPort names one); the
   * answer is the worst node's (unreachable, then unknown), the first such
   * node in node order. Whether the application answers is outside the network.
   * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html
   */
  private healthCheck(target: Target): OracleTargetAnswer['health'] {
    const group = target.group;
    if (group.HealthCheckEnabled === false) return { verdict: 'reachable', blocked: null, node: null };
    const setting = String(group.HealthCheckPort ?? 'traffic-port');
    const port = setting === 'traffic-port' ? target.port : Number(setting);
    if (!target.eni) return { verdict: 'unknown', blocked: null, node: null };
    const rank = { reachable: 0, unknown: 1, unreachable: 2 } as const;
    let worst: OracleTargetAnswer['health'] | undefined;
    for (const node of this.balancer.nodes) {
      const filters = this.balancer.type === 'application' || (node.eni.Groups ?? []).length > 0;
      const answer = new OracleWalk(
        this.view,
        { from: node.eni.NetworkInterfaceId, to: target.eni.NetworkInterfaceId, protocol: 'tcp', port: port ?? undefined },
        { packet: { src: ipToNumber(node.privateIp), dst: ipToNumber(primaryIp(target.eni)), protocol: 'tcp', srcPort: EPHEMERAL, dstPort: port, icmp: null }, sourceSecurityGroups: filters, trace: [] },
      ).run();
      if (!worst || rank[answer.verdict] > rank[worst.verdict]) worst = { verdict: answer.verdict, blocked: answer.blocked, node: node.eni.NetworkInterfaceId };
    }
    return worst!;
  }

  // ------------------------------------------------------------ one trace per target

  private traceTarget(target: Target, all: Target[], reached: Node[]): { target: Target; node: Node; answer: OracleAnswer; address: string } {
    const able = reached.filter((n) => this.serves(n, target));
    // ORDER: the target's own zone's nodes first
    const nodes = [...able.filter((n) => n.zone === target.zone), ...able.filter((n) => n.zone !== target.zone)];
    if (!target.routed) {
      const block: OracleBlocked = { id: target.group.TargetGroupArn, kind: 'target-group', code: target.notRouted!, direction: 'forward' };
      return { target, node: nodes[0] ?? reached[0]!, ...this.traceThrough(nodes[0] ?? reached[0]!, target, block) };
    }
    if (nodes.length === 0) {
      const sameZone = all.some((t) => t.routed && reached.some((n) => n.zone === t.zone));
      const block: OracleBlocked = { id: this.balancer.name, kind: 'load-balancer', code: sameZone ? 'ELB_NOT_CROSSZONE' : 'ELBV2_NO_TARGETS_IN_AZ', direction: 'forward' };
      return { target, node: reached[0]!, ...this.traceThrough(reached[0]!, target, block) };
    }
    let first: { target: Target; node: Node; answer: OracleAnswer; address: string } | undefined;
    for (const node of nodes) {
      const traced = { target, node, ...this.traceThrough(node, target, undefined) };
      if (traced.answer.verdict === 'reachable') return traced;
      first ??= traced;
    }
    return first!;
  }

  /** The address the client connects to: the one it named, else the node's public address for an internet client, else its private one. */
  private addressOf(node: Node): string {
    if (this.pinned?.address !== undefined) return this.pinned.address;
    const from = this.flow.from;
    const fromInternet = from === 'internet' || (isIpText(from) && this.view.enisWithPrivateIpAnywhere(from).length === 0 && !this.view.eniWithPublicIp(from) && !isPrivateAddress(ipToNumber(from)));
    return fromInternet && node.publicIp ? node.publicIp : node.privateIp;
  }

  /** client -> node (-> target -> node) -> client; `block` stops it at the node. */
  private traceThrough(node: Node, target: Target | undefined, block: OracleBlocked | undefined): { answer: OracleAnswer; address: string } {
    if (this.ipv6) return this.traceThrough6(node, target, block);
    const address = this.addressOf(node);
    this.note(`trace ${target ? `${target.id}:${target.port}` : '(no target)'} through ${node.eni.NetworkInterfaceId} at ${address}`);
    const walk = new OracleWalk(this.view, { ...this.flow, to: address }, { trace: this.trace, atDestination: (eni, packet) => this.atNode(eni, node, packet, target, block) });
    return { answer: walk.run(), address };
  }

  /** The same for an IPv6 client: to the node's IPv6 address (global: the same from inside and outside), and back from it. */
  private traceThrough6(node: Node, target: Target | undefined, block: OracleBlocked | undefined): { answer: OracleAnswer; address: string } {
    const address = this.pinned?.address ?? node.ipv6!;
    this.note(`trace ${target ? `${target.id}:${target.port}` : '(no target)'} through ${node.eni.NetworkInterfaceId} at ${address} (IPv6)`);
    try {
      const walk = new Oracle6Walk(this.view, { ...this.flow, to: address }, { trace: this.trace, atDestination: (eni, packet) => this.atNode6(eni, node, packet, target, block) });
      return { answer: walk.run(), address };
    } catch (e) {
      throw e instanceof Oracle6InputError ? new OracleInputError(e.message) : e;
    }
  }

  /**
   * An IPv6 client's connection at the node: the same checks as atNode, on
   * the IPv6 rules (a source-ip condition's IPv6 CIDRs); then the node
   * connects to the target over the group's family, IPv4, from its own
   * address whatever client IP preservation says (the client is not of the
   * group's family).
   */
  private atNode6(eni: Raw, node: Node, packet: Packet6, target: Target | undefined, block: OracleBlocked | undefined): void {
    const admitted = this.takenAtNode(eni, node, target, block, {
      groupsAllow: () => securityGroupsAllow6(this.view, eni, packet, 'ingress'),
      covers: (cidr) => cidr.includes(':') && cidr6Contains(cidr, packet.src),
    });
    this.toTarget(node, admitted.target, { src: ipToNumber(node.privateIp), srcPort: EPHEMERAL, preserved: false, filters: admitted.filters });
  }

  /** The client's connection at the node, forward leg: the load balancer's own checks, then the connection to the target and its reply. */
  private atNode(eni: Raw, node: Node, packet: Packet, target: Target | undefined, block: OracleBlocked | undefined): void {
    const admitted = this.takenAtNode(eni, node, target, block, {
      groupsAllow: () => securityGroupsAllow(this.view, eni, packet, 'ingress'),
      covers: (cidr) => !cidr.includes(':') && cidrContains(cidr, packet.src),
    });
    const t = admitted.target;
    const preserved = this.preservesClientIp(t.group);
    this.toTarget(node, t, { src: preserved ? packet.src : ipToNumber(node.privateIp), srcPort: preserved ? packet.srcPort : EPHEMERAL, preserved, filters: admitted.filters });
  }

  /** What the node checks of the client, in either family: the load balancer's state, its security groups, the rules' source-ip conditions, the choice's block. */
  private takenAtNode(eni: Raw, node: Node, target: Target | undefined, block: OracleBlocked | undefined, client: { groupsAllow: () => boolean; covers: (cidr: string) => boolean }): { target: Target; filters: boolean } {
    const b = this.balancer;
    if (eni !== node.eni) throw new Error(`oracle: the client's packet reached ${eni.NetworkInterfaceId}, not the node ${node.eni.NetworkInterfaceId}`);
    if ((b.raw.State?.Code ?? 'active') !== 'active') stop(b.name, 'load-balancer', 'BAD_STATE', 'forward');
    // an ALB always filters with its security groups; an NLB only when it has some
    const filters = b.type === 'application' || (eni.Groups ?? []).length > 0;
    if (filters && !client.groupsAllow()) stop(eni.Groups?.[0]?.GroupId ?? eni.NetworkInterfaceId, 'security-group', 'ENI_SG_RULES_MISMATCH', 'forward');
    if (!target) stop(block!.id, block!.kind, block!.code, block!.direction);
    // the listener's rules come before the target group: a rule with a source-ip condition takes only the clients it covers
    if (target.onlyFrom && !target.onlyFrom.some(client.covers)) stop(this.listenerId, 'listener', 'ELBV2_RULE_SOURCE_IP_MISMATCH', 'forward');
    if (block) stop(block.id, block.kind, block.code, block.direction);
    return { target, filters };
  }

  /** The node's own connection to the target (over IPv4: an ipv6 group is not followed) and its reply. */
  private toTarget(node: Node, t: Target, from: { src: number; srcPort: Packet['srcPort']; preserved: boolean; filters: boolean }): void {
    const b = this.balancer;
    const { preserved, filters } = from;
    // ORDER: the target's state after the load balancer's choice of it
    if (t.instance && t.instance.State?.Name !== 'running') stop(t.eni?.NetworkInterfaceId ?? t.id, 'eni', 'BAD_STATE', 'forward');
    // targets of an ipv6 target group (registered by IPv6 address) are not followed: unknown, as the engine says
    if (String(t.group.IpAddressType ?? 'ipv4').toLowerCase() === 'ipv6') stop(t.group.TargetGroupArn, 'target-group', 'UNSUPPORTED_COMPONENT', 'forward');
    if (!t.eni) stop(t.group.TargetGroupArn, 'target-group', 'UNSUPPORTED_COMPONENT', 'forward');
    const targetIp = t.instance ? primaryIp(t.eni) : t.id;
    const onward: Packet = {
      src: from.src,
      dst: ipToNumber(targetIp),
      protocol: this.protocol === 'udp' ? 'udp' : 'tcp',
      srcPort: from.srcPort,
      dstPort: t.port,
      icmp: null,
    };
    this.note(`${b.name}: ${node.eni.NetworkInterfaceId} -> ${targetIp}:${t.port} from ${numberToIp(onward.src)}${preserved ? ' (client IP preserved)' : ''}`);
    const inner = new OracleWalk(
      this.view,
      { from: node.eni.NetworkInterfaceId, to: t.eni.NetworkInterfaceId, protocol: this.protocol, port: t.port ?? undefined },
      { packet: onward, sourceSecurityGroups: filters, forwardOnly: preserved, trace: this.trace },
    ).run();
    if (inner.blocked) stop(inner.blocked.id, inner.blocked.kind, inner.blocked.code, inner.blocked.direction);
    if (preserved) this.preservedReply(node, t.eni, t.group, onward);
  }

  /**
   * With the client's address preserved, the target's reply is addressed to
   * the client yet goes back through the node that holds the connection: the
   * target subnet's ACL must let it out, the node subnet's ACL let it in
   * (when they are two subnets). Its security groups are stateful.
   */
  private preservedReply(node: Node, targetEni: Raw, group: Raw, onward: Packet): void {
    const reply: Packet = { src: onward.dst, dst: onward.src, protocol: onward.protocol, srcPort: onward.dstPort, dstPort: onward.srcPort, icmp: null };
    // a target that is its own client receives a packet from its own address, which its system drops: no reply
    // (NLB troubleshooting guide, "loopback-timeout": the connection fails only when source and destination are the same)
    if (reply.src === reply.dst) stop(group.TargetGroupArn, 'target-group', 'ELBV2_LOOPBACK_WITH_CLIENT_IP', 'return');
    const targetSubnet = this.view.subnet(targetEni.SubnetId);
    if (!targetSubnet) throw new Error(`oracle: ${targetEni.SubnetId} is not in the snapshot`);
    if (targetSubnet.SubnetId === node.subnet.SubnetId) return;
    const out = aclOfSubnet(this.view, targetSubnet);
    if (out && !aclAllows(out, reply, true)) stop(out.NetworkAclId, 'network-acl', 'SUBNET_ACL_RESTRICTION', 'return');
    const back = aclOfSubnet(this.view, node.subnet);
    if (back && !aclAllows(back, reply, false)) stop(back.NetworkAclId, 'network-acl', 'SUBNET_ACL_RESTRICTION', 'return');
    this.note(`${this.balancer.name}: the reply to ${numberToIp(reply.dst)} returns through ${node.eni.NetworkInterfaceId}`);
  }

  private note(line: string): void {
    this.trace.push(`[lb] ${line}`);
  }
}

function primaryIp(eni: Raw): string {
  return (eni.PrivateIpAddresses ?? []).find((p: Raw) => p.Primary)?.PrivateIpAddress ?? eni.PrivateIpAddress;
}
