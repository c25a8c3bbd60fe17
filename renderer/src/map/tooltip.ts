// What hovering a node or an edge of the map says: its name, id, kind and the
// few facts a person looks for first (address, state, what it is doing on the
// question drawn). Read from the element's data and classes only, so that a
// hover costs nothing on a large map.
import { CONTAINER_LABELS, isContainerKind } from './kinds.js';

export interface Tip {
  title: string;
  /** the id, shown when the title is a name */
  id: string | null;
  kind: string;
  facts: string[];
}

const KIND_NAMES: Record<string, string> = {
  eni: 'network interface',
  instance: 'instance',
  'internet-gateway': 'internet gateway',
  'egress-only-internet-gateway': 'egress-only internet gateway',
  'nat-gateway': 'NAT gateway',
  'transit-gateway': 'transit gateway',
  'vpn-gateway': 'VPN gateway',
  'vpn-connection': 'VPN connection',
  'on-premises': 'on-premises network (behind a VPN)',
  peering: 'VPC peering',
  'vpc-endpoint': 'VPC endpoint',
  'load-balancer': 'load balancer',
  internet: 'the internet (any address)',
  missing: 'missing: referenced, but not in the snapshot',
};

/** what the map's classes say about a node, in words (the legend's node states) */
const STATE_CLASSES: [string, string][] = [
  ['drop', 'drops the flow traced'],
  ['exposed', 'exposed to the internet'],
  ['on-path', 'on the path traced'],
  ['inactive', 'stopped or not in use'],
  ['unknown', 'state unknown'],
  ['unhealthy', 'a load balancer target not healthy, or whose health check the network blocks (select it to see why)'],
  ['edited', 'edited by a fix tried'],
];

/** an edge's kind in words (the legend's edge kinds) */
export const EDGE_KIND_NAMES: Record<string, string> = {
  route: 'route: a subnet route table sends traffic this way',
  peering: 'VPC peering',
  'tgw-attachment': 'transit gateway attachment',
  attachment: 'attachment',
  vpn: 'VPN connection',
  member: 'in this subnet',
  internet: 'to and from the internet',
  'lb-node': 'a load balancer node in this subnet',
  'lb-target': 'a load balancer target',
};

export function kindName(kind: string): string {
  return isContainerKind(kind) ? CONTAINER_LABELS[kind] : (KIND_NAMES[kind] ?? kind);
}

/** `label`: the node's label on the map (name, then its address lines); `classes`: its Cytoscape classes */
export function nodeTip(data: { id: string; kind: string; label?: string; name?: string; state?: string; instanceId?: string; ipv6?: string }, classes: readonly string[]): Tip {
  const lines = (data.label ?? '').split('\n');
  const container = classes.includes('container');
  const title = container ? (lines[0] ?? data.id) : (data.name ?? lines[0] ?? data.id);
  const facts: string[] = [];
  if (!container) facts.push(...lines.slice(1).filter(Boolean));
  // a box's card: its CIDR, what it holds, what is wrong inside (not the hint to open it, which the legend gives)
  else facts.push(...lines.slice(1).filter(Boolean));
  if (container && classes.includes('collapsed')) facts.push('double-click to open');
  if (data.ipv6) facts.push(`IPv6 ${data.ipv6}`);
  if (data.instanceId && data.instanceId !== data.id) facts.push(`instance ${data.instanceId}`);
  if (data.state) facts.push(`state: ${data.state}`);
  if (container && classes.includes('public')) facts.push('public subnet (a route to an internet gateway)');
  if (container && classes.includes('private')) facts.push('private subnet');
  for (const [cls, words] of STATE_CLASSES) if (classes.includes(cls)) facts.push(words);
  return { title, id: title.includes(data.id) ? null : data.id, kind: kindName(data.kind), facts };
}

/** `from`, `to`: the names of the edge's ends */
export function edgeTip(data: { id: string; kind?: string }, classes: readonly string[], from: string, to: string): Tip {
  let kind: string;
  if (classes.includes('traffic')) {
    const facts = [`${from} → ${to}`, String((data as { tip?: string }).tip ?? '')];
    if (classes.includes('rejected')) facts.push('traffic was rejected: select it for the records and the trace');
    return { title: 'observed traffic', id: null, kind: 'flow logs', facts };
  }
  if (classes.includes('path')) {
    kind = classes.includes('return') ? 'return path: the reply, back to the source' : 'forward path: the flow traced, on its way there';
  } else {
    kind = EDGE_KIND_NAMES[data.kind ?? ''] ?? data.kind ?? 'link';
  }
  const facts = [`${from} → ${to}`];
  if (classes.includes('blocked')) facts.push('the flow is dropped at its end');
  return { title: kind.split(':')[0]!, id: null, kind, facts };
}
