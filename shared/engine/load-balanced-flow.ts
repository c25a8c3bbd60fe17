// `analyze --to LOAD_BALANCER`: the client's connection to a node and on to
// each target, one trace per target. The top level follows the first target
// that delivers, in the stated order (healthy first, then zone, then id), or
// the first target when none delivers; `targets[]` gives every target's own
// answer with its health. The verdict is reachable when the load balancer
// would deliver to at least one target it sends to.
import type { AnalyzeResult, TargetResult } from './analysis-types.js';
import { InputError } from '../model/errors.js';
import type { NetworkModel } from '../model/types.js';
import { formatIpv4, parseIpv4 } from '../model/ipv4.js';
import { formatIp, type Ip } from '../model/ip.js';
import { parseIpv6 } from '../model/ipv6.js';
import { displayText } from '../model/display-text.js';
import type { FlowRequest, FlowShape, Packet } from './packet.js';
import { describeResolved, eniEndpoint, type Endpoint } from './endpoints.js';
import { blockedOf, legOf, verdictOf, walkFlow, type WalkedFlow } from './legs.js';
import { balancingFor, crossZoneBlock, keepsClientAddress, nodesFor, type Balancing, type LbNode, type LbTarget } from './load-balancing.js';
import { startPreservedReturn } from './load-balancer.js';
import { healthView } from './health-checks.js';
import { ipv6Entry, refusedOverIpv6 } from './load-balancer-ipv6.js';
import { startReturn } from './return-leg.js';
import type { BalancerChoice, FixContext } from './trace.js';
import { Notes } from './warnings.js';

type LbEndpoint = Extract<Endpoint, { kind: 'load-balancer' }>;

interface Traced {
  readonly node: LbNode;
  readonly walked: WalkedFlow;
  readonly notes: Notes;
  readonly address: Ip;
}

/** The client's family: IPv6 when its address is (an IPv6 flow's ends are both IPv6). */
function clientIsIpv6(source: Endpoint): boolean {
  return typeof source.ip === 'bigint';
}

/**
 * The address the client connects to at this node: its public one for an
 * internet client, where it has one; over IPv6 its IPv6 address (global, the
 * same from inside and outside; the caller keeps only nodes that have one).
 */
function nodeAddress(source: Endpoint, node: LbNode, pinnedIp: Ip | undefined): Ip {
  if (pinnedIp !== undefined && pinnedIp !== 0) return pinnedIp;
  if (clientIsIpv6(source)) return node.eni.ipv6Addresses[0]!;
  if (source.kind === 'internet' && node.eni.publicIp !== undefined) return node.eni.publicIp;
  // a load balancer node always has a private IPv4 address
  return node.eni.primaryPrivateIp!;
}

function traceOne(model: NetworkModel, shape: FlowShape, source: Endpoint, destination: LbEndpoint, choice: BalancerChoice, fixContext: FixContext): Traced {
  const notes = new Notes();
  const address = nodeAddress(source, choice.node, destination.node?.id === choice.node.eni.id ? destination.ip : undefined);
  const srcIp = source.kind === 'eni' ? source.privateIp : source.ip;
  const packet: Packet = { srcIp, dstIp: address, protocol: shape.protocol, srcPorts: shape.srcPorts, dstPorts: shape.dstPorts, icmp: shape.icmp };
  const target = choice.target;
  const targetEni = target?.eni;
  const preserved = target !== undefined && keepsClientAddress(choice.balancing.balancer, target.group, srcIp);
  const walked = walkFlow(model, source, { ...destination, ip: address }, packet, notes, fixContext, {
    forwardTarget: targetEni ? { kind: 'eni', eni: targetEni } : { kind: 'address', ip: address },
    balancer: choice,
    startBack: (back, arrived) => {
      if (preserved) return startPreservedReturn(back, choice, arrived);
      return startReturn(back, eniEndpoint(model, targetEni!, target!.ip!, target!.ip!), arrived);
    },
  });
  return { node: choice.node, walked, notes, address };
}

function delivered(traced: Traced): boolean {
  return verdictOf(traced.walked.forward.blocked ?? traced.walked.back?.blocked) === 'reachable';
}

/** The trace to one target: through the first node that delivers to it, else the first node that may send to it. */
function traceTarget(model: NetworkModel, shape: FlowShape, source: Endpoint, destination: LbEndpoint, balancing: Balancing, target: LbTarget, fixContext: FixContext): Traced {
  const fallbackNode = balancing.entryNodes[0]!;
  if (!target.routed) return traceOne(model, shape, source, destination, { balancing, node: nodesFor(balancing, target)[0] ?? fallbackNode, target, block: { kind: 'target-group', id: target.group.arn, code: target.notRouted!.code, detail: target.notRouted!.detail, command: undefined, fixText: undefined } }, fixContext);
  const nodes = nodesFor(balancing, target);
  if (nodes.length === 0) return traceOne(model, shape, source, destination, { balancing, node: fallbackNode, target, block: crossZoneBlock(balancing, target) }, fixContext);
  let first: Traced | undefined;
  for (const node of nodes) {
    const traced = traceOne(model, shape, source, destination, { balancing, node, target, block: undefined }, fixContext);
    if (delivered(traced)) return traced;
    first ??= traced;
  }
  return first!;
}

function targetResult(model: NetworkModel, balancing: Balancing, target: LbTarget, traced: Traced, fixContext: FixContext): TargetResult {
  const { forward, back } = traced.walked;
  const name = target.instance?.name;
  return {
    target: {
      id: target.id,
      ...(name ? { name } : {}),
      ip: target.ip === undefined ? null : formatIpv4(target.ip),
      port: target.port ?? null,
      zone: target.zone ?? null,
      targetGroup: target.group.name,
      targetGroupArn: target.group.arn,
      via: target.via,
      routed: target.routed,
    },
    verdict: verdictOf(forward.blocked ?? back?.blocked),
    node: { id: traced.node.eni.id, ip: formatIp(traced.address), zone: traced.node.zone },
    forward: legOf(forward),
    return: back ? legOf(back) : null,
    blocked: blockedOf(forward) ?? (back ? blockedOf(back) : null),
    health: healthView(model, balancing.balancer, target, fixContext),
  };
}

function pinTarget(balancing: Balancing, pinned: string): LbTarget[] {
  const text = pinned.trim();
  const ip = parseIpv4(text) ?? parseIpv6(text);
  const chosen = balancing.targets.filter((target) => target.id === text || target.eni?.id === text || (ip !== undefined && target.ip === ip) || target.instance?.name === text);
  if (chosen.length === 0) {
    const listed = balancing.targets.map((target) => target.id).join(', ') || 'none';
    throw new InputError(`--target "${displayText(text)}" is not a target of ${displayText(balancing.balancer.name)} for this flow: its targets are ${listed}`);
  }
  return chosen;
}

/**
 * A TCP question does not say which HTTP request it carries: a group that
 * only rules with request conditions lead to is reached by the requests that
 * match them (the client chooses its path, host and headers), which is said.
 */
function conditionsLine(balancing: Balancing, target: LbTarget | undefined): string | undefined {
  if (!target?.onlyRequests || !balancing.listener) return undefined;
  const fallback = balancing.listener.defaultActions.at(-1)?.type ?? 'none';
  return `${target.id} is reached only by requests matching ${target.onlyRequests.join(' or ')}; a request no rule matches gets the default action (${fallback}).`;
}

function failureLine(result: TargetResult): string {
  const where = result.blocked ? ` at ${result.blocked.kind} ${result.blocked.id} (${result.blocked.code})` : '';
  return `Target ${result.target.id} of ${result.target.targetGroup} is ${result.verdict}${where}.`;
}

export function analyzeThroughLoadBalancer(model: NetworkModel, request: FlowRequest & { target?: string | undefined }, shape: FlowShape, source: Endpoint, destination: LbEndpoint, fixContext: FixContext, warnings: readonly string[]): AnalyzeResult {
  const port = shape.dstPorts?.from;
  const balancedV4 = balancingFor(model, destination.balancer, shape.protocol, port, destination.node);
  if (balancedV4.entryNodes.length === 0) throw new InputError(`endpoint "${displayText(request.to)}": load balancer ${displayText(destination.balancer.name)} has no network interface in the snapshot`);
  if (clientIsIpv6(source)) {
    const notes = new Notes();
    for (const warning of warnings) notes.add(warning);
    const refused = refusedOverIpv6(model, shape, source, destination, balancedV4, notes, fixContext);
    if (refused) return refused;
  }
  const balancing = clientIsIpv6(source) ? ipv6Entry(balancedV4) : balancedV4;
  const resolvedTo = (traced: Traced) => describeResolved({ ...destination, ip: traced.address });
  const base = { query: shape.query };
  if (balancing.block) {
    const traced = traceOne(model, shape, source, destination, { balancing, node: balancing.entryNodes[0]!, target: undefined, block: balancing.block }, fixContext);
    const { forward, back } = traced.walked;
    return {
      ...base,
      resolved: { from: describeResolved(source), to: resolvedTo(traced) },
      verdict: verdictOf(forward.blocked ?? back?.blocked),
      forward: legOf(forward),
      return: back ? legOf(back) : null,
      blocked: blockedOf(forward) ?? (back ? blockedOf(back) : null),
      warnings: [...warnings, ...balancing.warnings, ...traced.notes.list()],
      targets: [],
    };
  }
  const targets = request.target !== undefined ? pinTarget(balancing, request.target) : balancing.targets;
  const traces = targets.map((target) => traceTarget(model, shape, source, destination, balancing, target, fixContext));
  const results = targets.map((target, index) => targetResult(model, balancing, target, traces[index]!, fixContext));
  const routed = results.map((result, index) => ({ result, index })).filter(({ result }) => result.target.routed || request.target !== undefined);
  const top = routed.find(({ result }) => result.verdict === 'reachable') ?? routed[0] ?? { result: results[0]!, index: 0 };
  const traced = traces[top.index]!;
  const failing = routed.filter(({ result }) => result.verdict !== 'reachable').map(({ result }) => failureLine(result));
  const conditional = conditionsLine(balancing, targets[top.index]);
  if (conditional) failing.unshift(conditional);
  return {
    ...base,
    resolved: { from: describeResolved(source), to: resolvedTo(traced) },
    verdict: top.result.verdict,
    forward: top.result.forward,
    return: top.result.return,
    blocked: top.result.blocked,
    warnings: [...new Set([...warnings, ...balancing.warnings, ...traced.notes.list(), ...failing])],
    targets: results,
  };
}
