// One flow's two legs, walked: the forward leg from the source's first
// checks to delivery, then the reply back. Shared by `analyze` and by traces
// through a load balancer (one per target) and its health checks.
import type { Blocked, Leg, Verdict } from './analysis-types.js';
import type { NetworkModel } from '../model/types.js';
import type { Packet } from './packet.js';
import { checkEndpoints, legTargetOf, type Endpoint } from './endpoints.js';
import { checkSecurityGroups } from './security-groups.js';
import { INTERNET_HOST } from './internet-gateway.js';
import { startReturn } from './return-leg.js';
import { LegTrace, type FixContext, type LegTarget, type Position, type Session } from './trace.js';
import { walkLeg } from './walk.js';
import { enterFromOnPremises } from './vpn-entry.js';
import { warn, type Notes } from './warnings.js';

/** Steps 1-2 of the order of checks, and where the packet goes from there. */
export function startForward(t: LegTrace, source: Endpoint, destination: Endpoint, packet: Packet): Position | undefined {
  if (!checkEndpoints(t, source, destination)) return undefined;
  if (source.kind === 'on-premises') return source.entry ? enterFromOnPremises(t, source.entry, packet) : undefined;
  if (source.kind !== 'eni') return { at: 'internet', sentBy: INTERNET_HOST, entryGatewayId: source.kind === 'internet' ? source.gatewayId : undefined, packet };
  const { eni } = source;
  if (!checkSecurityGroups(t, eni, true, packet)) return undefined;
  const vpc = t.model.vpcs.get(eni.vpcId);
  const subnet = t.model.subnets.get(eni.subnetId);
  if (!vpc || !subnet) {
    const missing = vpc ? eni.subnetId : eni.vpcId;
    t.notes.add(warn.missingResource(missing, eni.id));
    t.unknown({ id: eni.id, kind: 'eni', direction: 'egress', detail: `${eni.id} is in ${missing}, which is not in the snapshot.` }, 'UNKNOWN_RESOURCE');
    return undefined;
  }
  return { at: 'route', place: { vpc, subnet, az: subnet.availabilityZone }, packet };
}

export function legOf(t: LegTrace): Leg {
  return { delivered: t.delivered, hops: t.hops };
}

export function blockedOf(t: LegTrace): Blocked | null {
  if (!t.blocked) return null;
  const { hop, fix, options, nearMisses } = t.blocked;
  const blocked: Blocked = { id: hop.id, kind: hop.kind, direction: t.leg, code: hop.code!, detail: hop.detail, fix };
  if (hop.rule !== undefined) blocked.rule = hop.rule;
  if (options) blocked.options = options;
  if (nearMisses) blocked.nearMisses = nearMisses;
  return blocked;
}

export function verdictOf(blocked: LegTrace['blocked']): Verdict {
  if (blocked === undefined) return 'reachable';
  return blocked.hop.action === 'unknown' ? 'unknown' : 'unreachable';
}

export interface WalkedFlow {
  readonly forward: LegTrace;
  readonly back: LegTrace | undefined;
}

/** How a trace differs from a plain one: where the forward leg ends, how the reply starts, the load balancer's choice. */
export interface FlowWalkOptions {
  readonly forwardTarget?: LegTarget;
  readonly startBack?: (back: LegTrace, arrived: Packet) => Position | undefined;
  readonly balancer?: LegTrace['balancer'];
}

/** Walks the forward leg and, when it is delivered, the reply. */
export function walkFlow(model: NetworkModel, source: Endpoint, destination: Endpoint, packet: Packet, notes: Notes, fixContext: FixContext, options: FlowWalkOptions = {}): WalkedFlow {
  const sessions: Session[] = [];
  const forward = new LegTrace(model, 'forward', options.forwardTarget ?? legTargetOf(destination), sessions, notes, fixContext);
  forward.balancer = options.balancer;
  walkLeg(forward, startForward(forward, source, destination, packet));
  if (!forward.delivered) return { forward, back: undefined };
  const back = new LegTrace(model, 'return', legTargetOf(source), sessions, notes, fixContext);
  back.balancer = options.balancer;
  walkLeg(back, options.startBack ? options.startBack(back, forward.finalPacket!) : startReturn(back, destination, forward.finalPacket!));
  return { forward, back };
}
