// Fixes tried on the map: what a drop's fix offers to apply (its whole repair
// when the engine chained one), the name the pile gives it, the AWS CLI
// script of the pile in order, and which components on the map the edits
// touch. Browser-safe: types of the API and plain data only.
import type { Fix } from '../../../shared/api/analysis-types.js';
import { changeSetCommands, type ChangeSet, type Edit } from '../../../shared/api/changes.js';
import type { GraphIndex } from '../map/visible-graph.js';

export interface FixTrial {
  changes: ChangeSet;
  /** true: the whole chained repair, not the first fix alone */
  whole: boolean;
  /** what the engine says the repair achieves, when it says */
  outcome: string | null;
}

/**
 * What Try this fix applies: the whole repair when the engine chained one
 * (`fix.repair`), else the fix's own change set; null when the fix carries
 * none (where no single safe edit exists).
 */
export function fixTrial(fix: Fix | null | undefined): FixTrial | null {
  if (!fix) return null;
  if (fix.repair && fix.repair.changes.changes.length > 0) {
    // a repair of one step is the fix itself
    return { changes: fix.repair.changes, whole: fix.repair.steps > 1, outcome: fix.repair.outcome || null };
  }
  if (fix.changes && fix.changes.changes.length > 0) return { changes: fix.changes, whole: false, outcome: null };
  return null;
}

/** the longest source the API takes is 200 characters, on one line */
const SOURCE_MAX = 160;

/** `fix: <text>`, on one line, short enough for the API, as the pile and every answer name it */
export function trialSource(fix: Fix, whole: boolean): string {
  // eslint-disable-next-line no-control-regex
  const line = fix.text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, ' ').replace(/\s+/g, ' ').trim();
  const head = whole ? 'repair' : 'fix';
  const text = `${head}: ${line}`;
  return text.length > SOURCE_MAX ? `${text.slice(0, SOURCE_MAX - 1)}…` : text;
}

/** The ids an edit names that the map may hold (groups are not nodes: their members are). */
function namedIds(edit: Edit): string[] {
  return Object.entries(edit).flatMap(([key, value]) => (key === 'action' ? [] : Array.isArray(value) ? value : [value])).filter((v): v is string => typeof v === 'string');
}

function regionAbove(index: GraphIndex, id: string): string | undefined {
  for (let at = index.byId.get(id); at; at = at.parent ? index.byId.get(at.parent) : undefined) {
    if (at.kind === 'region') return at.name;
  }
  return undefined;
}

/** The region an edit's resource lives in, read off the map (the region box above it); undefined when the map does not say. */
export function regionOfEdit(index: GraphIndex, edit: Edit): string | undefined {
  for (const id of [...namedIds(edit), ...editedNodes(index, [edit])]) {
    const region = regionAbove(index, id);
    if (region) return region;
  }
  return undefined;
}

/**
 * The AWS CLI script of the pile: the service's change set rendered by the
 * function the engine's fixes use (changeSetCommands), each command with the
 * region of its resource and the snapshot's profile, under a comment naming
 * the fixes tried, in order.
 */
export function pileScript(pile: ChangeSet | null, sources: readonly string[], index: GraphIndex, profile: string | undefined): string {
  if (!pile || pile.changes.length === 0) return '';
  const commands = changeSetCommands(pile, { regionOf: (edit) => regionOfEdit(index, edit), profile });
  const named = sources.map((source, i) => `#   ${i + 1}. ${source}`);
  return ['#!/bin/sh', '# Reachmap: the fixes tried on the map, in the order tried:', ...named, '', ...commands, ''].join('\n');
}

function push(out: Set<string>, id: string | undefined): void {
  if (id) out.add(id);
}

/**
 * The nodes of the map an edit changes: a security group's members, the
 * subnets that use an ACL or a route table, an ENI, an instance's ENI, a new
 * NAT gateway (or its subnet until the map draws it).
 */
export function editedNodes(index: GraphIndex, edits: readonly Edit[]): string[] {
  const groups = new Set<string>();
  const acls = new Set<string>();
  const tables = new Set<string>();
  const instances = new Set<string>();
  const out = new Set<string>();
  for (const edit of edits) {
    switch (edit.action) {
      case 'AuthorizeSecurityGroupIngress':
      case 'AuthorizeSecurityGroupEgress':
      case 'RevokeSecurityGroupIngress':
      case 'RevokeSecurityGroupEgress':
        groups.add(edit.GroupId);
        break;
      case 'CreateNetworkAclEntry':
      case 'ReplaceNetworkAclEntry':
      case 'DeleteNetworkAclEntry':
        acls.add(edit.NetworkAclId);
        break;
      case 'CreateRoute':
      case 'ReplaceRoute':
      case 'DeleteRoute':
        tables.add(edit.RouteTableId);
        break;
      case 'CreateNatGateway':
        push(out, index.byId.has(edit.NewId) ? edit.NewId : edit.SubnetId);
        break;
      case 'ModifyNetworkInterfaceAttribute':
      case 'AssociateAddress':
        push(out, edit.NetworkInterfaceId);
        break;
      case 'StartInstances':
      case 'StopInstances':
        for (const id of edit.InstanceIds) instances.add(id);
        break;
      default:
        // an edit kind added later: nothing to mark until this learns it
        break;
    }
  }
  for (const node of index.byId.values()) {
    const data = node.data ?? {};
    const sgs = Array.isArray(data.securityGroupIds) ? (data.securityGroupIds as unknown[]) : [];
    if (node.kind !== 'instance' && sgs.some((sg) => typeof sg === 'string' && groups.has(sg))) out.add(node.id);
    if (typeof data.networkAclId === 'string' && acls.has(data.networkAclId)) out.add(node.id);
    if (typeof data.routeTableId === 'string' && tables.has(data.routeTableId)) out.add(node.id);
    if (instances.has(node.id) || (typeof data.instanceId === 'string' && instances.has(data.instanceId))) out.add(node.id);
  }
  return [...out].filter((id) => index.byId.has(id));
}
