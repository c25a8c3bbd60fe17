// What an ELBv2 load balancer does with a connection, before any packet
// moves: the listener on the port and protocol, its rules and default
// actions, the target groups, the targets they hold, which of those it uses
// (healthy ones; every one when none is: fail open), which nodes a client
// reaches, and which node may send to which target (cross-zone balancing).
// AWS: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html
// and .../network/load-balancer-target-groups.html.
import type { Instance, LoadBalancer, LoadBalancerListener, NetworkInterface, NetworkModel, Subnet, TargetGroup, TargetHealth } from '../model/types.js';
import { formatIpv4, parseIpv4 } from '../model/ipv4.js';
import { familyOf, type Family, type Ip } from '../model/ip.js';
import { TCP, UDP } from './packet.js';

/** One node of the load balancer: its network interface in one enabled subnet. */
export interface LbNode {
  readonly eni: NetworkInterface;
  readonly subnet: Subnet | undefined;
  readonly zone: string;
}

/** One registered target of a group the listener forwards to. */
export interface LbTarget {
  readonly group: TargetGroup;
  readonly health: TargetHealth;
  /** the instance id or the address, as registered */
  readonly id: string;
  /** the port traffic is sent to: the registration's, else the group's */
  readonly port: number | undefined;
  readonly instance: Instance | undefined;
  /** the network interface that receives it; undefined when none in the snapshot holds it */
  readonly eni: NetworkInterface | undefined;
  readonly ip: number | undefined;
  readonly zone: string | undefined;
  /** the collected health lets the load balancer use it */
  readonly healthy: boolean;
  /** the load balancer sends to it: healthy, or every usable target when none is healthy (fail open) */
  readonly routed: boolean;
  /** why it is not routed to, when it is not */
  readonly notRouted: { readonly code: 'ELBV2_TARGET_NOT_IN_SERVICE' | 'ELB_INSTALLED_AZ_RESTRICTION'; readonly detail: string } | undefined;
  /** the listener rule that leads to its group: "default action" or "rule 10 (path-pattern /api/*)" */
  readonly via: string;
  /** the client addresses the rules leading to its group admit (source-ip); undefined when one takes any client */
  readonly onlyFrom: readonly string[] | undefined;
  /** when every rule leading to its group needs the request to match (path, host, headers...): those rules; undefined when one takes any request */
  readonly onlyRequests: readonly string[] | undefined;
}

/** A drop decided by the load balancer itself, before or instead of a target. */
export interface LbBlock {
  readonly kind: 'load-balancer' | 'listener' | 'target-group';
  readonly id: string;
  readonly code: 'ELBV2_RULE_SOURCE_IP_MISMATCH' | 'ELBV2_LISTENERS_MISMATCH' | 'ELBV2_LISTENER_PORT_RESTRICTION' | 'ELBV2_LISTENER_HAS_NO_TG' | 'ELBV2_LISTENER_REQUIRES_TG_ACCEPT' | 'ELBV2_NO_TARGETS_IN_AZ' | 'ELB_NOT_CROSSZONE' | 'ELB_INSTALLED_AZ_RESTRICTION' | 'ELBV2_TARGET_NOT_IN_SERVICE' | 'UNKNOWN_RESOURCE' | 'UNSUPPORTED_COMPONENT' | 'BAD_STATE';
  readonly detail: string;
  readonly command: string | undefined;
  readonly fixText: string | undefined;
}

export interface Balancing {
  readonly balancer: LoadBalancer;
  readonly nodes: readonly LbNode[];
  /** the nodes a client reaches: the one named by address, else those DNS returns */
  readonly entryNodes: readonly LbNode[];
  readonly listener: LoadBalancerListener | undefined;
  /** every target of the groups the listener forwards to, healthy first, then by zone and id */
  readonly targets: readonly LbTarget[];
  /** why no target can be tried at all (no listener, no group, no target) */
  readonly block: LbBlock | undefined;
  readonly warnings: readonly string[];
}

export function isLoadBalancerOwner(model: NetworkModel, owner: string | undefined): owner is string {
  return owner !== undefined && model.loadBalancers.has(owner);
}

/** The load balancer's nodes, in the order of its subnets. */
export function nodesOf(model: NetworkModel, balancer: LoadBalancer): LbNode[] {
  const enis = [...model.indexes.ownerOfNetworkInterface].filter(([, owner]) => owner === balancer.id).map(([id]) => model.networkInterfaces.get(id)).filter((eni) => eni !== undefined);
  const order = (eni: NetworkInterface) => {
    const index = balancer.subnetIds.indexOf(eni.subnetId);
    return index < 0 ? balancer.subnetIds.length : index;
  };
  return enis
    .sort((a, b) => order(a) - order(b) || a.id.localeCompare(b.id))
    .map((eni) => {
      const subnet = model.subnets.get(eni.subnetId);
      return { eni, subnet, zone: subnet?.availabilityZone ?? eni.availabilityZone ?? 'unknown' };
    });
}

const TCP_LISTENERS = new Set(['HTTP', 'HTTPS', 'TCP', 'TLS', 'TCP_UDP']);
const UDP_LISTENERS = new Set(['UDP', 'TCP_UDP']);

export function listenerCarries(listener: LoadBalancerListener, protocol: number): boolean {
  const name = (listener.protocol ?? '').toUpperCase();
  if (protocol === TCP) return TCP_LISTENERS.has(name);
  if (protocol === UDP) return UDP_LISTENERS.has(name);
  return false;
}

function listenerWords(listener: LoadBalancerListener): string {
  return `${listener.protocol ?? '?'}:${listener.port ?? '?'}`;
}

export function listenerId(balancer: LoadBalancer, listener: LoadBalancerListener): string {
  return listener.arn ?? `${balancer.name}:${listener.port ?? '?'}`;
}

function region(balancer: LoadBalancer): string {
  return balancer.region;
}

/** The listener for this protocol and port, or why there is none. */
export function listenerFor(balancer: LoadBalancer, protocol: number, port: number | undefined): LoadBalancerListener | LbBlock {
  if (protocol !== TCP && protocol !== UDP) {
    // listeners are TCP or UDP ports: ICMP (ping) and other protocols find none, whatever the port
    return { kind: 'load-balancer', id: balancer.id, code: 'ELBV2_LISTENERS_MISMATCH', detail: `${balancer.name} listens only on TCP and UDP ports (${balancer.listeners.map(listenerWords).join(', ') || 'none'}): no listener takes this protocol.`, command: undefined, fixText: undefined };
  }
  const onPort = balancer.listeners.filter((listener) => listener.port === port);
  const match = onPort.find((listener) => listenerCarries(listener, protocol));
  if (match) return match;
  const listed = balancer.listeners.map(listenerWords).join(', ') || 'none';
  if (onPort.length > 0) {
    return {
      kind: 'load-balancer',
      id: balancer.id,
      code: 'ELBV2_LISTENERS_MISMATCH',
      detail: `${balancer.name} listens on port ${port} only for ${onPort.map(listenerWords).join(', ')}, which does not carry this protocol.`,
      command: undefined,
      fixText: undefined,
    };
  }
  if (balancer.listeners.length === 0) {
    return { kind: 'load-balancer', id: balancer.id, code: 'ELBV2_LISTENERS_MISMATCH', detail: `${balancer.name} has no listener.`, command: undefined, fixText: undefined };
  }
  const first = balancer.listeners[0]!;
  const group = first.targetGroupArns[0];
  const command = group
    ? `aws elbv2 create-listener --load-balancer-arn '${balancer.arn}' --protocol '${first.protocol ?? 'TCP'}' --port '${port ?? 0}' --default-actions 'Type=forward,TargetGroupArn=${group}' --region '${region(balancer)}'`
    : undefined;
  return {
    kind: 'listener',
    id: listenerId(balancer, first),
    code: 'ELBV2_LISTENER_PORT_RESTRICTION',
    detail: `${balancer.name} has no listener on port ${port}: its listeners are ${listed}.`,
    command,
    fixText: `Connect to a port ${balancer.name} listens on (${listed}), or add a listener on port ${port} that forwards where ${listenerWords(first)} does.`,
  };
}

/** "true"/"false" of a group's or load balancer's attribute, with the AWS default when absent. */
function flag(value: string | undefined): boolean | undefined {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/**
 * Cross-zone balancing for a target group: an ALB has it on at the load
 * balancer (a group may turn it off); an NLB has it off unless the load
 * balancer's or the group's attribute turns it on.
 */
export function crossZone(balancer: LoadBalancer, group: TargetGroup): boolean {
  const own = flag(group.attributes?.['load_balancing.cross_zone.enabled']);
  if (own !== undefined) return own;
  if (balancer.type === 'application') return true;
  return flag(balancer.attributes['load_balancing.cross_zone.enabled']) ?? false;
}

/**
 * Client IP preservation (NLB only; an ALB always opens its own connection):
 * the attribute, else AWS's default: on for instance targets and for UDP, off
 * for ip targets over TCP and TLS.
 */
export function preservesClientIp(balancer: LoadBalancer, group: TargetGroup): boolean {
  if (balancer.type !== 'network') return false;
  const own = flag(group.attributes?.['preserve_client_ip.enabled']);
  if (own !== undefined) return own;
  if ((group.targetType ?? 'instance') === 'instance') return true;
  return ['UDP', 'TCP_UDP'].includes((group.protocol ?? '').toUpperCase());
}

/**
 * Only a dual-stack load balancer (IpAddressType dualstack, or for an ALB
 * dualstack-without-public-ipv4) has IPv6 addresses on its nodes and takes
 * IPv6 clients; absent means ipv4. AWS: .../application/load-balancer-ip-address-type.html
 * and .../network/load-balancer-ip-address-type.html.
 */
export function takesIpv6Clients(balancer: LoadBalancer): boolean {
  return (balancer.ipAddressType ?? 'ipv4').toLowerCase().startsWith('dualstack');
}

/** The family the load balancer talks to the group's targets over: its IpAddressType (ipv4 when absent), whatever the client's. */
export function targetFamily(group: TargetGroup): Family {
  return (group.ipAddressType ?? 'ipv4').toLowerCase() === 'ipv6' ? 'ipv6' : 'ipv4';
}

/**
 * Does the target see the client's own address? Only where the NLB preserves
 * it and the client is of the group's family: an IPv6 client of an ipv4
 * group reaches the target from the load balancer's IPv4 address, whatever
 * the attribute (the NLB guide's table "When client IP preservation is
 * enabled", edit-target-group-attributes.html#client-ip-preservation).
 */
export function keepsClientAddress(balancer: LoadBalancer, group: TargetGroup, client: Ip): boolean {
  return preservesClientIp(balancer, group) && familyOf(client) === targetFamily(group);
}

/** The collected health lets the load balancer send to it (health checks turned off count as in service). */
function isHealthy(health: TargetHealth): boolean {
  if (health.state === undefined) return true;
  return health.state === 'healthy' || (health.state === 'unavailable' && health.reason === 'Target.HealthCheckDisabled');
}

/** States in which AWS sends nothing to the target, whatever the others' health. */
const OUT_OF_SERVICE = new Set(['unused', 'draining']);

/** One group the listener forwards to, and the rules that lead there (see LbTarget). */
interface Forwarding {
  readonly arn: string;
  readonly via: string;
  readonly onlyFrom: readonly string[] | undefined;
  readonly onlyRequests: readonly string[] | undefined;
}

interface Way {
  readonly arn: string;
  readonly via: string;
  readonly sourceIps: readonly string[] | undefined;
  readonly requestConditions: number;
}

/**
 * The groups the listener forwards to, each with the first rule that leads
 * there (rules by priority, then the default action) and what every way there
 * asks of the client: its address (source-ip, which the network decides) or
 * its request (path, host, headers, method, query, which the client chooses,
 * so some request of any client matches: the group counts as reached, said
 * with its conditions).
 */
function forwardingsOf(listener: LoadBalancerListener): Forwarding[] {
  const ways: Way[] = [];
  for (const rule of listener.rules ?? []) {
    const final = rule.actions.at(-1);
    if (final?.type !== 'forward') continue;
    const via = `rule ${rule.priority}${rule.conditions.length ? ` (${rule.conditions.join('; ')})` : ''}`;
    const requestConditions = rule.conditions.length - (rule.sourceIps === undefined ? 0 : 1);
    for (const arn of final.targetGroupArns) ways.push({ arn, via, sourceIps: rule.sourceIps, requestConditions });
  }
  const final = listener.defaultActions.at(-1);
  if (final?.type === 'forward') for (const arn of final.targetGroupArns) ways.push({ arn, via: 'default action', sourceIps: undefined, requestConditions: 0 });
  const arns = [...new Set(ways.map((way) => way.arn))];
  return arns.map((arn) => {
    const here = ways.filter((way) => way.arn === arn);
    const anyClient = here.some((way) => way.sourceIps === undefined);
    const anyRequest = here.some((way) => way.requestConditions === 0);
    return {
      arn,
      via: here[0]!.via,
      onlyFrom: anyClient ? undefined : [...new Set(here.flatMap((way) => way.sourceIps ?? []))],
      onlyRequests: anyRequest ? undefined : here.map((way) => way.via),
    };
  });
}

function targetOf(model: NetworkModel, balancer: LoadBalancer, group: TargetGroup, health: TargetHealth, forwarding: Forwarding, zones: ReadonlySet<string>): Omit<LbTarget, 'routed' | 'notRouted'> & { enabledZone: boolean } {
  const instance = health.targetId.startsWith('i-') ? model.instances.get(health.targetId) : undefined;
  let eni: NetworkInterface | undefined;
  let ip: number | undefined;
  if (instance) {
    eni = model.networkInterfaces.get(instance.primaryNetworkInterfaceId ?? instance.networkInterfaceIds[0] ?? '');
    ip = eni?.primaryPrivateIp;
  } else {
    ip = parseIpv4(health.targetId);
    if (ip !== undefined) {
      const holders = model.indexes.enisByPrivateIp.get(ip) ?? [];
      eni = holders.find((candidate) => candidate.vpcId === (group.vpcId ?? balancer.vpcId)) ?? (holders.length === 1 ? holders[0] : undefined);
    }
  }
  const subnetZone = eni ? (model.subnets.get(eni.subnetId)?.availabilityZone ?? eni.availabilityZone) : undefined;
  const zone = health.availabilityZone && health.availabilityZone !== 'all' ? health.availabilityZone : subnetZone;
  return {
    group,
    health,
    id: health.targetId,
    port: health.port ?? group.port,
    instance,
    eni,
    ip,
    zone,
    healthy: isHealthy(health),
    via: forwarding.via,
    onlyFrom: forwarding.onlyFrom,
    onlyRequests: forwarding.onlyRequests,
    enabledZone: anyZone(group, health) || (zone !== undefined && zones.has(zone)),
  };
}

/** The targets of one group, with which the load balancer sends to. */
function groupTargets(model: NetworkModel, balancer: LoadBalancer, group: TargetGroup, forwarding: Forwarding, zones: ReadonlySet<string>): LbTarget[] {
  const all = group.targets.map((health) => targetOf(model, balancer, group, health, forwarding, zones));
  const usable = all.filter((target) => target.enabledZone && !OUT_OF_SERVICE.has(target.health.state ?? ''));
  const anyHealthy = usable.some((target) => target.healthy);
  return all.map(({ enabledZone, ...target }) => {
    const inService = enabledZone && !OUT_OF_SERVICE.has(target.health.state ?? '');
    const routed = inService && (anyHealthy ? target.healthy : true);
    let notRouted: LbTarget['notRouted'];
    if (!enabledZone) {
      notRouted = { code: 'ELB_INSTALLED_AZ_RESTRICTION', detail: `${target.id} is in ${target.zone ?? 'an unknown zone'}, where ${balancer.name} has no node (its zones: ${[...zones].join(', ')}).` };
    } else if (!routed) {
      const state = `${target.health.state ?? 'unknown'}${target.health.reason ? ` (${target.health.reason})` : ''}`;
      notRouted = { code: 'ELBV2_TARGET_NOT_IN_SERVICE', detail: `${target.id} is ${state} in ${group.name}${anyHealthy ? ', and other targets are healthy' : ''}: ${balancer.name} sends it nothing.` };
    }
    return { ...target, routed, notRouted };
  });
}

/** Every target of `group` as `balancer` sees it (for health checks, problems and the map), in the stated order. */
export function registeredTargets(model: NetworkModel, balancer: LoadBalancer, group: TargetGroup): LbTarget[] {
  const zones = new Set(nodesOf(model, balancer).map((node) => node.zone));
  return groupTargets(model, balancer, group, { arn: group.arn, via: 'target group', onlyFrom: undefined, onlyRequests: undefined }, zones).sort(byHealthZoneId);
}

/** The load balancers that use a group, from its LoadBalancerArns and from their listeners. */
export function balancersOfGroup(model: NetworkModel, group: TargetGroup): LoadBalancer[] {
  const found: LoadBalancer[] = [];
  for (const balancer of model.loadBalancers.values()) {
    const listed = group.loadBalancerArns.includes(balancer.arn);
    const forwarded = balancer.listeners.some((listener) => forwardingsOf(listener).some((f) => f.arn === group.arn));
    if (listed || forwarded) found.push(balancer);
  }
  return found;
}

function byHealthZoneId(a: LbTarget, b: LbTarget): number {
  return Number(b.healthy) - Number(a.healthy) || Number(b.routed) - Number(a.routed) || (a.zone ?? '~').localeCompare(b.zone ?? '~') || a.id.localeCompare(b.id) || (a.port ?? 0) - (b.port ?? 0);
}

/**
 * Target types that are not interfaces in a zone: a Lambda function (ALB) or
 * an ALB behind an NLB. They are not followed (UNSUPPORTED_COMPONENT when a
 * trace reaches them), and no zone rule applies to them.
 */
export const ZONELESS_TARGET_TYPES: ReadonlySet<string> = new Set(['lambda', 'alb']);

/** A target every node may send to: an ip target outside the VPC (zone "all"), or one of a zoneless type. */
function anyZone(group: TargetGroup, health: TargetHealth): boolean {
  return health.availabilityZone === 'all' || ZONELESS_TARGET_TYPES.has(group.targetType ?? 'instance');
}

/** May this node send to this target (cross-zone balancing, or the same zone)? */
export function nodeServes(balancer: LoadBalancer, node: LbNode, target: LbTarget): boolean {
  return anyZone(target.group, target.health) || crossZone(balancer, target.group) || node.zone === target.zone;
}

function noTargets(balancer: LoadBalancer, listener: LoadBalancerListener, groups: readonly TargetGroup[]): LbBlock {
  const words = groups.map((g) => g.name).join(', ');
  const group = groups[0]!;
  return {
    kind: 'target-group',
    id: group.arn,
    code: 'ELBV2_LISTENER_HAS_NO_TG',
    detail: `${listenerWords(listener)} of ${balancer.name} forwards to ${words}, which ${groups.length === 1 ? 'has' : 'have'} no registered targets.`,
    command: `aws elbv2 register-targets --target-group-arn '${group.arn}' --targets 'Id=TARGET_ID' --region '${group.region}'`,
    fixText: `Register the instances or addresses that serve ${listenerWords(listener)} with ${group.name} (replace TARGET_ID).`,
  };
}

/** Everything the load balancer decides for a connection on this protocol and port. */
export function balancingFor(model: NetworkModel, balancer: LoadBalancer, protocol: number, port: number | undefined, pinnedNode: NetworkInterface | undefined): Balancing {
  const warnings: string[] = [];
  const nodes = nodesOf(model, balancer);
  const zones = new Set(nodes.map((node) => node.zone));
  const base = { balancer, nodes, entryNodes: pinnedNode ? nodes.filter((node) => node.eni.id === pinnedNode.id) : nodes, warnings };
  if (balancer.type === 'network' && !balancer.attributesRead) {
    warnings.push(`The snapshot holds no LoadBalancerAttributes for ${balancer.name}: AWS's default (cross-zone load balancing off for a network load balancer) was assumed.`);
  }
  if (balancer.type !== 'application' && balancer.type !== 'network') {
    return { ...base, listener: undefined, targets: [], block: { kind: 'load-balancer', id: balancer.id, code: 'UNSUPPORTED_COMPONENT', detail: `${balancer.name} is a ${balancer.type} load balancer, which the engine does not model yet.`, command: undefined, fixText: undefined } };
  }
  const listener = listenerFor(balancer, protocol, port);
  if ('code' in listener) return { ...base, listener: undefined, targets: [], block: listener };
  if (listener.rules === undefined && ['HTTP', 'HTTPS'].includes((listener.protocol ?? '').toUpperCase())) {
    warnings.push(`The snapshot holds no LoadBalancerRules for ${listenerWords(listener)} of ${balancer.name}: only its default action was followed.`);
  }
  const forwardings = forwardingsOf(listener);
  if (forwardings.length === 0) {
    const type = listener.defaultActions.at(-1)?.type ?? 'none';
    return {
      ...base,
      listener,
      targets: [],
      block: { kind: 'listener', id: listenerId(balancer, listener), code: 'ELBV2_LISTENER_REQUIRES_TG_ACCEPT', detail: `${listenerWords(listener)} of ${balancer.name} forwards to no target group: its default action is ${type}, and no rule forwards.`, command: undefined, fixText: undefined },
    };
  }
  const groups: TargetGroup[] = [];
  const targets: LbTarget[] = [];
  for (const forwarding of forwardings) {
    const group = model.targetGroups.get(forwarding.arn);
    if (!group) {
      return { ...base, listener, targets: [], block: { kind: 'listener', id: listenerId(balancer, listener), code: 'UNKNOWN_RESOURCE', detail: `${listenerWords(listener)} of ${balancer.name} forwards to ${forwarding.arn}, which is not in the snapshot.`, command: undefined, fixText: undefined } };
    }
    if (group.targetsRead === false) {
      return { ...base, listener, targets: [], block: { kind: 'target-group', id: group.arn, code: 'UNKNOWN_RESOURCE', detail: `The targets of ${group.name} are not in the snapshot (no LoadBalancerTargetHealth for it).`, command: undefined, fixText: undefined } };
    }
    if (group.attributes === undefined && balancer.type === 'network') {
      warnings.push(`The snapshot holds no TargetGroupAttributes for ${group.name}: AWS's defaults were assumed (client IP preservation ${preservesClientIp(balancer, group) ? 'on' : 'off'} for ${group.targetType ?? 'instance'} targets, cross-zone as the load balancer).`);
    }
    groups.push(group);
    targets.push(...groupTargets(model, balancer, group, forwarding, zones));
  }
  if (targets.length === 0) return { ...base, listener, targets: [], block: noTargets(balancer, listener, groups) };
  targets.sort(byHealthZoneId);
  for (const group of groups) {
    const own = targets.filter((target) => target.group === group);
    if (own.length > 0 && own.every((target) => !target.healthy) && own.some((target) => target.routed)) {
      warnings.push(`No target of ${group.name} is healthy: ${balancer.name} fails open and sends to all of them.`);
    }
  }
  const entryNodes = pinnedNode ? base.entryNodes : dnsNodes(balancer, nodes, targets);
  return { ...base, entryNodes, listener, targets, block: undefined };
}

/**
 * The nodes DNS returns for the load balancer's name: those that can send to
 * a healthy target (DNS failover takes the others out), or every node when
 * none can.
 */
function dnsNodes(balancer: LoadBalancer, nodes: readonly LbNode[], targets: readonly LbTarget[]): LbNode[] {
  const healthy = targets.filter((target) => target.routed && target.healthy);
  const serving = nodes.filter((node) => healthy.some((target) => nodeServes(balancer, node, target)));
  return serving.length > 0 ? serving : [...nodes];
}

/** The nodes of `entry` that may send to this target, those of its own zone first. */
export function nodesFor(balancing: Balancing, target: LbTarget): LbNode[] {
  const able = balancing.entryNodes.filter((node) => nodeServes(balancing.balancer, node, target));
  return [...able.filter((node) => node.zone === target.zone), ...able.filter((node) => node.zone !== target.zone)];
}

/** Why no entry node may send to the target: cross-zone balancing is off, or (pinned) the node's zone has no target. */
export function crossZoneBlock(balancing: Balancing, target: LbTarget): LbBlock {
  const { balancer } = balancing;
  const zones = balancing.entryNodes.map((node) => node.zone).join(', ');
  const sameZone = balancing.targets.some((other) => other.routed && balancing.entryNodes.some((node) => node.zone === other.zone));
  const command =
    balancer.type === 'network' && flag(target.group.attributes?.['load_balancing.cross_zone.enabled']) === undefined
      ? `aws elbv2 modify-load-balancer-attributes --load-balancer-arn '${balancer.arn}' --attributes 'Key=load_balancing.cross_zone.enabled,Value=true' --region '${balancer.region}'`
      : `aws elbv2 modify-target-group-attributes --target-group-arn '${target.group.arn}' --attributes 'Key=load_balancing.cross_zone.enabled,Value=true' --region '${target.group.region}'`;
  return {
    kind: 'load-balancer',
    id: balancer.id,
    code: sameZone ? 'ELB_NOT_CROSSZONE' : 'ELBV2_NO_TARGETS_IN_AZ',
    detail: `${target.id} is in ${target.zone ?? 'an unknown zone'}; the node${balancing.entryNodes.length === 1 ? '' : 's'} the client reaches ${balancing.entryNodes.length === 1 ? 'is' : 'are'} in ${zones}, and cross-zone load balancing is off for ${target.group.name}${sameZone ? '' : `: ${balancer.name} has no target it uses in ${zones}`}.`,
    command,
    fixText: `Turn on cross-zone load balancing for ${balancer.type === 'network' ? balancer.name : target.group.name}, or register a target in ${zones}.`,
  };
}

export function targetWords(target: LbTarget): string {
  const address = target.ip !== undefined && target.instance ? ` (${formatIpv4(target.ip)})` : '';
  return `${target.id}${address}:${target.port ?? '?'}`;
}
