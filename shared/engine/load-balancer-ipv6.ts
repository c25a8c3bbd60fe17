// An IPv6 client and a load balancer, before any packet moves: only a
// dual-stack load balancer has IPv6 addresses on its nodes (DNS gives AAAA
// records only then). An ipv4 one is a clear answer (ELBV2_IPV4_ONLY, ours);
// a dual-stack one whose nodes show no IPv6 address in the snapshot is
// unknown. AWS: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-ip-address-type.html
// and .../network/load-balancer-ip-address-type.html.
import type { AnalyzeResult } from './analysis-types.js';
import type { LoadBalancer, NetworkModel } from '../model/types.js';
import { checkEndpoints, describeResolved, type Endpoint } from './endpoints.js';
import { blockedOf, legOf, verdictOf } from './legs.js';
import { takesIpv6Clients, type Balancing } from './load-balancing.js';
import { LegTrace, type FixContext } from './trace.js';
import type { FlowShape } from './packet.js';
import type { Notes } from './warnings.js';

type LbEndpoint = Extract<Endpoint, { kind: 'load-balancer' }>;

function ipv4OnlyDrop(t: LegTrace, balancer: LoadBalancer): void {
  t.drop(
    { id: balancer.id, kind: 'load-balancer', direction: 'ingress', detail: `${balancer.name} has IP address type ${balancer.ipAddressType ?? 'ipv4'}: its nodes have no IPv6 address, so an IPv6 client cannot connect to it.`, rule: { ipAddressType: balancer.ipAddressType ?? 'ipv4' } },
    'ELBV2_IPV4_ONLY',
    {
      text: `Make ${balancer.name} dual-stack (its VPC and subnets need IPv6 blocks and IPv6 routes, and its security groups and ACLs must admit IPv6), or reach it over IPv4.`,
      command: `aws elbv2 set-ip-address-type --load-balancer-arn '${balancer.arn}' --ip-address-type dualstack --region '${balancer.region}'`,
    },
  );
}

/**
 * The answer when an IPv6 client cannot even address the load balancer (or
 * the snapshot cannot tell where it would), else undefined: then only the
 * entry nodes with an IPv6 address are traced (`ipv6Entry`).
 */
export function refusedOverIpv6(model: NetworkModel, shape: FlowShape, source: Endpoint, destination: LbEndpoint, balancing: Balancing, notes: Notes, fixContext: FixContext): AnalyzeResult | undefined {
  const { balancer } = balancing;
  const dualStack = takesIpv6Clients(balancer);
  if (dualStack && balancing.entryNodes.some((node) => node.eni.ipv6Addresses.length > 0)) return undefined;
  const t = new LegTrace(model, 'forward', { kind: 'address', ip: destination.ip }, [], notes, fixContext);
  if (checkEndpoints(t, source, destination)) {
    if (!dualStack) ipv4OnlyDrop(t, balancer);
    else t.unknown({ id: balancer.id, kind: 'load-balancer', direction: 'ingress', detail: `${balancer.name} is ${balancer.ipAddressType}, yet none of its nodes the client would reach (${balancing.entryNodes.map((node) => node.eni.id).join(', ')}) has an IPv6 address in the snapshot (Ipv6Addresses of its network interfaces).` }, 'UNKNOWN_RESOURCE');
  }
  return {
    query: shape.query,
    // no IPv6 address to name: the node's IPv4 address (what the name resolves to), unless the client named one
    resolved: { from: describeResolved(source), to: describeResolved(destination.ip !== 0 ? destination : { ...destination, ip: balancing.entryNodes[0]!.eni.primaryPrivateIp! }) },
    verdict: verdictOf(t.blocked),
    forward: legOf(t),
    return: null,
    blocked: blockedOf(t),
    warnings: [...new Set([...notes.list(), ...balancing.warnings])],
    targets: [],
  };
}

/** An IPv6 client reaches only the nodes that have an IPv6 address (AAAA records). */
export function ipv6Entry(balancing: Balancing): Balancing {
  return { ...balancing, entryNodes: balancing.entryNodes.filter((node) => node.eni.ipv6Addresses.length > 0) };
}
