// Why a flow's verdict changed: the component changes at its new drop point,
// at its old one, or on the path it crosses, in that order. A drop names a
// component (a security group, an ACL, a route table, an interface); the edit
// may be on a neighbour the trace speaks for (the interface's instance or its
// other groups, the subnet's ACL and route table), so those count as there.
import type { ComponentChange } from '../../aws/diff/types.js';
import type { AnalyzeResult } from '../../engine/analysis-types.js';
import type { NetworkModel } from '../../model/types.js';
import { relevantEdits } from './relevant-edits.js';
import type { FlipCause, FlowSide } from './types.js';

/** the ids a hop at `id` speaks for, in the model that traced it */
function neighbours(model: NetworkModel | undefined, id: string): string[] {
  if (!model) return [id];
  const eni = model.networkInterfaces.get(id);
  if (eni) return [id, ...(eni.instanceId ? [eni.instanceId] : []), ...eni.securityGroupIds, eni.subnetId];
  const subnet = model.subnets.get(id);
  if (subnet) return [id, ...(subnet.networkAclId ? [subnet.networkAclId] : []), ...(subnet.routeTableId ? [subnet.routeTableId] : [])];
  return [id];
}

const ID_TEXT = /^[a-z][a-z0-9]*(-[a-z0-9]+)*-[0-9a-f]{4,}$/;

/** every id a component's model record names (its subnets, tables, gateway, VPC): what a drop there may hang on */
function referencedIds(model: NetworkModel | undefined, id: string): string[] {
  if (!model) return [];
  for (const value of Object.values(model)) {
    if (!(value instanceof Map)) continue;
    const record = value.get(id) as Record<string, unknown> | undefined;
    if (!record || typeof record !== 'object') continue;
    const out: string[] = [];
    for (const [member, field] of Object.entries(record)) {
      if (member === 'id') continue;
      if (typeof field === 'string' && ID_TEXT.test(field)) out.push(field);
      else if (Array.isArray(field)) for (const item of field) if (typeof item === 'string' && ID_TEXT.test(item)) out.push(item);
    }
    return out;
  }
  return [];
}

/** a drop at a security group is judged on all the groups of the interface at that end */
function groupsAtEnds(model: NetworkModel | undefined, result: AnalyzeResult): string[] {
  if (!model) return [];
  return [result.resolved.from.id, result.resolved.to.id].flatMap((id) => model.networkInterfaces.get(id)?.securityGroupIds ?? []);
}

export interface TracedSide {
  result: AnalyzeResult | undefined;
  model: NetworkModel | undefined;
}

/** The component changes that explain a verdict changing from `before` to `after`, the drop point first. */
export function causesOf(changes: readonly ComponentChange[], before: TracedSide, after: TracedSide): FlipCause[] {
  const byId = new Map<string, ComponentChange[]>();
  for (const change of changes) byId.set(change.id, [...(byId.get(change.id) ?? []), change]);
  const causes: FlipCause[] = [];
  const seen = new Set<ComponentChange>();
  const traced = after.result ?? before.result;
  const tracedModel = after.result ? after.model : before.model;
  const look = (where: FlipCause['where'], component: { id: string; kind: string }, ids: readonly string[]) => {
    for (const id of ids) {
      for (const change of byId.get(id) ?? []) {
        if (seen.has(change)) continue;
        seen.add(change);
        causes.push({ where, component, change, edits: relevantEdits(change.edits, traced, tracedModel) });
      }
    }
  };
  for (const [where, side] of [['new drop', after], ['old drop', before]] as const) {
    const blocked = side.result?.blocked;
    if (!blocked) continue;
    const ids = neighbours(side.model, blocked.id);
    if (blocked.kind === 'security-group') ids.push(...groupsAtEnds(side.model, side.result!));
    // what the dropping component names (a missing subnet of an attachment, a gateway of a route) comes after it
    ids.push(...referencedIds(side.model, blocked.id));
    look(where, { id: blocked.id, kind: blocked.kind }, ids);
  }
  for (const side of [after, before]) {
    const result = side.result;
    if (!result) continue;
    for (const hop of [...result.forward.hops, ...(result.return?.hops ?? [])]) look('path', { id: hop.id, kind: hop.kind }, neighbours(side.model, hop.id));
    look('path', { id: result.resolved.to.id, kind: result.resolved.to.kind }, neighbours(side.model, result.resolved.to.id));
    look('path', { id: result.resolved.from.id, kind: result.resolved.from.kind }, neighbours(side.model, result.resolved.from.id));
  }
  return causes;
}

export function sideOf(result: AnalyzeResult | undefined, passed: boolean | null, error?: string): FlowSide {
  if (!result) return { verdict: null, passed: null, blocked: null, ...(error ? { error } : {}) };
  const b = result.blocked;
  return { verdict: result.verdict, passed, blocked: b ? { id: b.id, kind: b.kind, code: b.code, detail: b.detail } : null };
}
