// Where each hop of an answer sits on the map. Hops name security groups,
// ACLs and route tables, which are not nodes: a security group is drawn on
// the ENI it guards on that leg, an ACL or route table on the subnet that
// uses it, preferring the subnet the packet is in at that point.
import type { AnalyzeResult, Hop } from '../../../shared/api/analysis-types.js';
import { ancestorsOf, type GraphIndex } from './visible-graph.js';
import { normalKind } from './kinds.js';

export interface LegAnchors {
  /** per hop, the graph node that carries it (null: nowhere to draw it) */
  anchors: (string | null)[];
}

function nodeForEndpoint(index: GraphIndex, id: string): string | null {
  if (index.byId.has(id)) return id;
  // An instance drawn without its ENIs stands for its primary ENI.
  for (const node of index.byId.values()) {
    const data = node.data ?? {};
    if (data.primaryNetworkInterfaceId === id) return node.id;
    if (Array.isArray(data.networkInterfaceIds) && data.networkInterfaceIds.includes(id)) return node.id;
  }
  return null;
}

function subnetOf(index: GraphIndex, nodeId: string | null): string | null {
  if (!nodeId) return null;
  for (const id of [nodeId, ...ancestorsOf(index, nodeId)]) {
    if (normalKind(index.byId.get(id)?.kind ?? '') === 'subnet') return id;
  }
  const subnetId = index.byId.get(nodeId)?.data?.subnetId;
  return typeof subnetId === 'string' && index.byId.has(subnetId) ? subnetId : null;
}

function subnetsUsing(index: GraphIndex, field: 'networkAclId' | 'routeTableId', id: string): string[] {
  const out: string[] = [];
  for (const node of index.byId.values()) if (node.data?.[field] === id) out.push(node.id);
  return out;
}

function anchorLeg(index: GraphIndex, hops: Hop[], from: string, to: string): (string | null)[] {
  let fromNode = nodeForEndpoint(index, from);
  let toNode = nodeForEndpoint(index, to);
  const anchors: (string | null)[] = [];
  // Through a load balancer a leg has two halves: client -> node -> target, or target -> node -> client.
  const relay = hops.findIndex((hop) => hop.kind === 'load-balancer' && hop.action === 'translate' && index.byId.has(hop.id));
  const balancer = relay >= 0 ? hops[relay]!.id : null;
  const enis = hops.filter((hop) => hop.kind === 'eni');
  let secondHalfTo = toNode;
  if (balancer !== null && from === balancer) {
    // the reply: it starts at the target and goes through the node to the client
    fromNode = enis[0] ? nodeForEndpoint(index, enis[0].id) : null;
    toNode = balancer;
  } else if (balancer !== null) {
    secondHalfTo = enis.length > 1 ? nodeForEndpoint(index, enis[enis.length - 1]!.id) : toNode;
  }
  let previous: string | null = fromNode;
  for (const [position, hop] of hops.entries()) {
    if (position === relay) {
      fromNode = balancer;
      toNode = from === balancer ? nodeForEndpoint(index, to) : secondHalfTo;
    }
    let anchor: string | null = null;
    if (index.byId.has(hop.id)) anchor = hop.id;
    else if (hop.kind === 'eni') anchor = nodeForEndpoint(index, hop.id);
    else if (hop.kind === 'security-group') anchor = hop.direction === 'ingress' ? toNode : fromNode;
    else if (hop.kind === 'network-acl' || hop.kind === 'route-table') {
      const candidates = subnetsUsing(index, hop.kind === 'network-acl' ? 'networkAclId' : 'routeTableId', hop.id);
      const here = subnetOf(index, previous);
      const near = hop.direction === 'ingress' ? subnetOf(index, toNode) : subnetOf(index, fromNode);
      const far = hop.direction === 'ingress' ? subnetOf(index, fromNode) : subnetOf(index, toNode);
      anchor = [here, near, far].find((s) => s !== null && candidates.includes(s)) ?? candidates[0] ?? null;
      // A gateway route table (edge association) is used by no subnet: it is drawn on the gateway it routes for.
      const gateway = hop.rule?.gateway;
      if (anchor === null && typeof gateway === 'string' && index.byId.has(gateway)) anchor = gateway;
    } else if (hop.kind === 'internet') anchor = index.byId.has('internet') ? 'internet' : null;
    if (anchor) previous = anchor;
    anchors.push(anchor);
  }
  return anchors;
}

/** The graph id of a resolved end: `internet`, a load balancer's name (its graph id; `id` is its ARN), else its id. */
function endId(end: AnalyzeResult['resolved']['from']): string {
  if (end.kind === 'internet') return 'internet';
  if (end.kind === 'load-balancer') return end.name ?? end.id;
  return end.id;
}

export function anchorResult(index: GraphIndex, result: AnalyzeResult): { forward: LegAnchors; return: LegAnchors | null } {
  const from = endId(result.resolved.from);
  const to = endId(result.resolved.to);
  return {
    forward: { anchors: anchorLeg(index, result.forward.hops, from, to) },
    return: result.return ? { anchors: anchorLeg(index, result.return.hops, to, from) } : null,
  };
}
