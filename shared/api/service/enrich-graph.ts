// The renderer draws a path hop by hop, and hops name components that are not
// nodes (security groups, ACLs, route tables). These facts let it place each
// hop on the node that carries it, and let search find addresses.
import type { NetworkModel } from '../../model/types.js';
import { formatIpv4 } from '../../model/ipv4.js';
import { formatIpv6 } from '../../model/ipv6.js';
import type { NetworkInterface } from '../../model/types.js';
import type { Graph, GraphNode } from '../reachmap-api.js';

/** a list only where there is something in it: an IPv4-only network's graph stays as it was */
function some<T>(list: readonly T[]): T[] | undefined {
  return list.length > 0 ? [...list] : undefined;
}

/** an interface's IPv6 addresses, then its delegated prefixes (every address in them is its own) */
function ipv6Of(eni: NetworkInterface | undefined): string[] | undefined {
  return eni ? some([...eni.ipv6Addresses.map(formatIpv6), ...eni.ipv6Prefixes.map((p) => p.text)]) : undefined;
}

function factsFor(model: NetworkModel, node: GraphNode): Record<string, unknown> | undefined {
  const subnet = model.subnets.get(node.id);
  if (subnet) {
    const table = subnet.routeTableId ? model.routeTables.get(subnet.routeTableId) : undefined;
    // "public" as the console means it: a default route to an internet gateway.
    const isPublic = Boolean(
      table?.routes.some((r) => r.target.kind === 'internet-gateway' && r.destination.kind === 'cidr' && r.destination.cidr.prefix === 0),
    );
    return {
      // an IPv6-only subnet's block is its IPv6 one
      cidr: subnet.cidr?.text ?? subnet.ipv6Cidrs[0]?.text ?? '',
      ipv6Cidrs: some(subnet.ipv6Cidrs.map((c) => c.text)),
      networkAclId: subnet.networkAclId,
      routeTableId: subnet.routeTableId,
      availabilityZone: subnet.availabilityZone,
      public: isPublic,
    };
  }
  const eni = model.networkInterfaces.get(node.id);
  if (eni) {
    return {
      securityGroupIds: [...eni.securityGroupIds],
      privateIps: eni.privateAddresses.map((a) => formatIpv4(a.ip)),
      publicIp: eni.publicIp === undefined ? undefined : formatIpv4(eni.publicIp),
      ipv6Ips: ipv6Of(eni),
      subnetId: eni.subnetId,
      instanceId: eni.instanceId,
      status: eni.status,
    };
  }
  const instance = model.instances.get(node.id);
  if (instance) {
    const primary = instance.primaryNetworkInterfaceId ? model.networkInterfaces.get(instance.primaryNetworkInterfaceId) : undefined;
    return {
      state: instance.state,
      primaryNetworkInterfaceId: instance.primaryNetworkInterfaceId,
      securityGroupIds: primary ? [...primary.securityGroupIds] : [],
      privateIps: primary ? primary.privateAddresses.map((a) => formatIpv4(a.ip)) : [],
      publicIp: primary?.publicIp === undefined ? undefined : formatIpv4(primary.publicIp),
      ipv6Ips: ipv6Of(primary),
      subnetId: instance.subnetId,
    };
  }
  const vpc = model.vpcs.get(node.id);
  if (vpc) return { cidrs: vpc.cidrs.map((c) => c.text), ipv6Cidrs: some(vpc.ipv6Cidrs.map((c) => c.text)), mainRouteTableId: vpc.mainRouteTableId };
  return undefined;
}

/** The graph with the anchoring facts added (values the graph already has are kept), and the internet as a node beyond the internet gateways. */
export function enrichGraph(graph: Graph, model: NetworkModel): Graph {
  const hasInternet = graph.nodes.some((node) => node.id === 'internet');
  const gateways = graph.nodes.filter((node) => node.kind === 'internet-gateway' || node.kind === 'egress-only-internet-gateway');
  const internet: Graph = hasInternet || gateways.length === 0
    ? { nodes: [], edges: [] }
    : {
        // the hosts `internet` stands for: 198.51.100.1, and 2001:db8::1 on an IPv6 flow
        nodes: [{ id: 'internet', kind: 'internet', name: 'Internet', parent: null, data: { publicIp: '198.51.100.1', ipv6Ips: ['2001:db8::1'] } }],
        edges: gateways.map((gateway) => ({ source: gateway.id, target: 'internet', kind: 'internet' })),
      };
  return {
    edges: [...graph.edges, ...internet.edges],
    nodes: [...internet.nodes, ...graph.nodes].map((node) => {
      const facts = factsFor(model, node);
      if (!facts) return node;
      const defined = Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== undefined));
      return { ...node, data: { ...defined, ...(node.data ?? {}) } };
    }),
  };
}
