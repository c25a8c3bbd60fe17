// Observed traffic as edges of the map: the flow-log answer's conversations
// joined per pair of ends (an ENI, or the internet) and service, whichever
// interfaces recorded them. An edge's weight is the most any one recording
// interface saw (the client's and the server's interfaces both log the same
// packets: summing them would count each twice). Rejected traffic is red, and
// the component that explains it is placed where the map draws it.
import type { FlowLogsReport, RankedConversation, ReconciledConversation } from '../../../shared/api/flowlogs/report-types.js';
import type { Traffic } from '../../../shared/api/flowlogs/reading-types.js';
import { ancestorsOf, type GraphIndex } from '../map/visible-graph.js';
import { normalKind } from '../map/kinds.js';

export type WeightBy = 'bytes' | 'packets';

/** client, server and service as the records say; packets and bytes: per recording interface the most seen, both legs, accepted and rejected */
export interface TrafficEdge extends Pick<RankedConversation, 'client' | 'server' | 'protocol' | 'port' | 'packets' | 'bytes'> {
  /** stable for one answer: `traffic:` and the key of its ends and service */
  id: string;
  /** graph node ids of the client's and the server's ends */
  source: string;
  target: string;
  rejected: Traffic;
  /** the conversations (their places in the answer) the edge stands for */
  conversations: number[];
  /** where the component that explains a REJECT is drawn (null: accepted only, or not explained) */
  dropAt: string | null;
  /** the component itself (a security group, ACL, route ...) and its code */
  blocked: { id: string; kind: string; code: string } | null;
  disagreement: boolean;
}

export interface TrafficEdges {
  /** heaviest first, at most `max` */
  edges: TrafficEdge[];
  /** edges left out by the cap (the lightest) */
  hidden: number;
  /** conversations with an end the map does not draw (an address outside the snapshot, a private one not in it) */
  offMap: number;
}

/** Above this many edges the map stops being readable and slows down: the heaviest are drawn. */
export const MAX_TRAFFIC_EDGES = 150;

/** private, shared, loopback and link-local IPv4 ranges, and IPv6 unique-local and link-local: not "the internet" */
function isPrivateAddress(address: string): boolean {
  if (address.includes(':')) return /^(f[cd]|fe[89ab])/i.test(address) || address === '::1';
  const [a, b] = address.split('.').map(Number) as [number, number];
  return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254);
}

/** address -> the ENI node that holds it (a private or public address), from the graph's facts */
export function addressIndex(index: GraphIndex): Map<string, string> {
  const byAddress = new Map<string, string>();
  for (const node of index.byId.values()) {
    if (normalKind(node.kind) !== 'eni') continue;
    const data = node.data ?? {};
    // IPv6 addresses as the graph writes them (compressed, lower case), as flow logs do; a delegated prefix is no one address
    const ips = [...(Array.isArray(data.privateIps) ? data.privateIps : []), ...(Array.isArray(data.ipv6Ips) ? data.ipv6Ips.filter((ip) => typeof ip === 'string' && !ip.includes('/')) : [])];
    for (const ip of ips) if (typeof ip === 'string' && !byAddress.has(ip)) byAddress.set(ip, node.id);
    if (typeof data.publicIp === 'string' && !byAddress.has(data.publicIp)) byAddress.set(data.publicIp, node.id);
  }
  return byAddress;
}

function endNode(index: GraphIndex, byAddress: Map<string, string>, c: ReconciledConversation, end: 'client' | 'server'): string | null {
  // the recording interface is the end it stands at, whatever its addresses
  if (c.side === end && index.byId.has(c.interfaceId)) return c.interfaceId;
  const address = end === 'client' ? c.client : c.server;
  const holder = byAddress.get(address) ?? byAddress.get(address.toLowerCase());
  if (holder) return holder;
  if (!isPrivateAddress(address) && index.byId.has('internet')) return 'internet';
  return null;
}

function subnetOf(index: GraphIndex, node: string): string | null {
  return [node, ...ancestorsOf(index, node)].find((id) => normalKind(index.byId.get(id)?.kind ?? '') === 'subnet') ?? null;
}

/** where a component that is not a node is drawn: a security group on the end it guards, an ACL or route table on an end's subnet that uses it */
function placeOf(index: GraphIndex, blocked: { id: string; kind: string }, ends: string[], recorder: string): string | null {
  if (index.byId.has(blocked.id)) return blocked.id;
  if (blocked.kind === 'security-group') {
    const guarded = ends.find((end) => {
      const groups = index.byId.get(end)?.data?.securityGroupIds;
      return Array.isArray(groups) && groups.includes(blocked.id);
    });
    if (guarded) return guarded;
  }
  if (blocked.kind === 'network-acl' || blocked.kind === 'route-table') {
    const field = blocked.kind === 'network-acl' ? 'networkAclId' : 'routeTableId';
    for (const end of ends) {
      const subnet = subnetOf(index, end);
      if (subnet && index.byId.get(subnet)?.data?.[field] === blocked.id) return subnet;
    }
  }
  return index.byId.has(recorder) ? recorder : null;
}

function totals(c: ReconciledConversation): { packets: number; bytes: number } {
  const legs = [c.forward.accepted, c.forward.rejected, c.return.accepted, c.return.rejected];
  return { packets: legs.reduce((n, t) => n + t.packets, 0), bytes: legs.reduce((n, t) => n + t.bytes, 0) };
}

/** The edges of observed traffic on this graph, heaviest (by `weightBy`) first, capped at `max`. */
export function trafficEdges(report: FlowLogsReport, index: GraphIndex, weightBy: WeightBy, max = MAX_TRAFFIC_EDGES): TrafficEdges {
  const byAddress = addressIndex(index);
  const edges = new Map<string, TrafficEdge & { perInterface: Map<string, { packets: number; bytes: number }> }>();
  let offMap = 0;
  report.conversations.forEach((c, position) => {
    const source = endNode(index, byAddress, c, 'client');
    const target = endNode(index, byAddress, c, 'server');
    if (!source || !target || source === target) {
      offMap++;
      return;
    }
    const key = `${source}|${target}|${c.protocol}|${c.port ?? ''}`;
    let edge = edges.get(key);
    if (!edge) {
      edge = { id: `traffic:${key}`, source, target, client: c.client, server: c.server, protocol: c.protocol, port: c.port, packets: 0, bytes: 0, rejected: { records: 0, packets: 0, bytes: 0 }, conversations: [], dropAt: null, blocked: null, disagreement: false, perInterface: new Map() };
      edges.set(key, edge);
    }
    edge.conversations.push(position);
    const seen = edge.perInterface.get(c.interfaceId) ?? { packets: 0, bytes: 0 };
    const t = totals(c);
    seen.packets += t.packets;
    seen.bytes += t.bytes;
    edge.perInterface.set(c.interfaceId, seen);
    for (const r of [c.forward.rejected, c.return.rejected]) {
      edge.rejected.records += r.records;
      edge.rejected.packets += r.packets;
      edge.rejected.bytes += r.bytes;
    }
    if (c.findings.some((f) => f.disagreement)) edge.disagreement = true;
    const blocked = c.model?.blocked;
    if (blocked && !edge.blocked && c.findings.some((f) => f.kind === 'reject-explained')) {
      edge.blocked = { id: blocked.id, kind: blocked.kind, code: blocked.code };
      edge.dropAt = placeOf(index, blocked, [target, source], c.interfaceId);
    }
  });
  const all = [...edges.values()].map(({ perInterface, ...edge }) => {
    for (const seen of perInterface.values()) {
      edge.packets = Math.max(edge.packets, seen.packets);
      edge.bytes = Math.max(edge.bytes, seen.bytes);
    }
    return edge;
  });
  all.sort((a, b) => b[weightBy] - a[weightBy] || a.id.localeCompare(b.id));
  return { edges: all.slice(0, max), hidden: Math.max(0, all.length - max), offMap };
}

/** A line width for a weight: 2 px for the lightest up to 14 px for the heaviest, by square root so that small flows stay visible. */
export function edgeWidth(weight: number, heaviest: number): number {
  if (heaviest <= 0) return 2;
  return Math.round((2 + 12 * Math.sqrt(Math.max(0, weight) / heaviest)) * 10) / 10;
}
