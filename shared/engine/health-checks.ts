// Target group health checks, as far as the network decides them: each node
// of the load balancer sends the check from its own address (never the
// client's, whatever client IP preservation says) to the target's health
// check port; the target's security groups, both subnets' ACLs (both ways)
// and the routes must let it through and back. Whether the application
// answers the path with the expected code is outside the network.
// AWS: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html
import type { HealthCheckResult, TargetHealthView, Verdict } from './analysis-types.js';
import type { LoadBalancer, NetworkModel } from '../model/types.js';
import { eniEndpoint } from './endpoints.js';
import { EPHEMERAL_RANGE, TCP, type Packet } from './packet.js';
import { blockedOf, verdictOf, walkFlow } from './legs.js';
import { nodesOf, type LbTarget } from './load-balancing.js';
import { DEFAULT_FIX_CONTEXT, type FixContext } from './trace.js';
import { Notes } from './warnings.js';

const WORST: Record<Verdict, number> = { reachable: 0, unknown: 1, unreachable: 2 };

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The check's protocol, port and path from the group's HealthCheck* members. */
export function healthCheckSettings(target: LbTarget): { protocol: string; port: number | undefined; path: string | undefined; enabled: boolean } {
  const check = target.group.healthCheck;
  const protocol = (text(check['HealthCheckProtocol']) ?? target.group.protocol ?? 'TCP').toUpperCase();
  const portText = text(check['HealthCheckPort']) ?? target.health.healthCheckPort ?? 'traffic-port';
  const port = portText === 'traffic-port' ? target.port : Number(portText);
  const path = protocol.startsWith('HTTP') ? (text(check['HealthCheckPath']) ?? '/') : undefined;
  return { protocol, port: Number.isInteger(port) ? port : undefined, path, enabled: check['HealthCheckEnabled'] !== false };
}

function noteOf(settings: ReturnType<typeof healthCheckSettings>): string {
  if (settings.path === undefined) return `A ${settings.protocol} check passes when the connection opens: the network decides it, and the target must be listening on port ${settings.port ?? '?'}.`;
  return `The check asks ${settings.protocol} ${settings.path} on port ${settings.port ?? '?'}; whether the application answers it with the expected code is outside the network.`;
}

/** Can every node of `balancer` reach the target's health check port, and be answered? */
export function healthCheckOf(model: NetworkModel, balancer: LoadBalancer, target: LbTarget, fixContext: FixContext = DEFAULT_FIX_CONTEXT): HealthCheckResult {
  const settings = healthCheckSettings(target);
  const base = { protocol: settings.protocol, port: settings.port ?? null, path: settings.path ?? null, note: noteOf(settings) };
  if (!settings.enabled) return { ...base, verdict: 'reachable', node: null, blocked: null, note: `Health checks are off for ${target.group.name}: every target counts as in service.` };
  const nodes = nodesOf(model, balancer);
  if (!target.eni || target.ip === undefined || settings.port === undefined || nodes.length === 0) {
    const why = nodes.length === 0 ? `${balancer.name} has no node in the snapshot` : `no network interface in the snapshot holds ${target.id}`;
    return { ...base, verdict: 'unknown', node: null, blocked: null, note: `${base.note} It cannot be traced: ${why}.` };
  }
  const destination = eniEndpoint(model, target.eni, target.ip, target.ip);
  let worst: { verdict: Verdict; node: string; blocked: HealthCheckResult['blocked'] } | undefined;
  for (const node of nodes) {
    // a load balancer node always has a private IPv4 address
    const nodeIp = node.eni.primaryPrivateIp!;
    const source = eniEndpoint(model, node.eni, nodeIp, nodeIp);
    const packet: Packet = { srcIp: nodeIp, dstIp: target.ip, protocol: TCP, srcPorts: EPHEMERAL_RANGE, dstPorts: { from: settings.port, to: settings.port }, icmp: undefined };
    const walked = walkFlow(model, source, destination, packet, new Notes(), fixContext);
    const blocked = walked.forward.blocked ?? walked.back?.blocked;
    const verdict = verdictOf(blocked);
    if (!worst || WORST[verdict] > WORST[worst.verdict]) {
      worst = { verdict, node: node.eni.id, blocked: blockedOf(walked.forward) ?? (walked.back ? blockedOf(walked.back) : null) };
    }
  }
  return { ...base, verdict: worst!.verdict, node: worst!.node, blocked: worst!.blocked };
}

/** AWS's collected health beside ours, and where they disagree, said. */
export function healthView(model: NetworkModel, balancer: LoadBalancer, target: LbTarget, fixContext?: FixContext): TargetHealthView {
  const { health } = target;
  const collected = health.state === undefined ? null : { state: health.state, reason: health.reason ?? null, description: health.description ?? null };
  const computed = healthCheckOf(model, balancer, target, fixContext);
  return { collected, computed, disagreement: disagreementOf(target, computed) };
}

function disagreementOf(target: LbTarget, computed: HealthCheckResult): string | null {
  const state = target.health.state;
  if (state === undefined || computed.verdict === 'unknown') return null;
  const reason = target.health.reason ? ` (${target.health.reason})` : '';
  if (state === 'unhealthy' && computed.verdict === 'reachable') {
    return `AWS reports ${target.id} unhealthy${reason}, yet the network lets the health check through from every node: the cause is the target itself (nothing listening on port ${computed.port ?? '?'}, or the application answering ${computed.path ?? 'the check'} with another code).`;
  }
  if (state === 'healthy' && computed.verdict === 'unreachable') {
    return `AWS reports ${target.id} healthy, yet the network blocks the health check at ${computed.blocked?.kind ?? '?'} ${computed.blocked?.id ?? '?'}: the configuration changed after the health was read, or the snapshot is missing something.`;
  }
  return null;
}
