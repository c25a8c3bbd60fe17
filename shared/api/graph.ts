// The topology as nodes and edges, for `reachmap graph` and the map view.
// Node ids are the resources' own AWS ids; only containers that AWS does not
// name get synthetic ids (account:111, region:111/us-east-1, az:vpc-x/us-east-1a).
// Containment: account > region > VPC > AZ > subnet > ENI. ENIs sit directly
// in their subnet and carry their instance id in `data` (an instance with
// ENIs in two subnets could not be one container); VPC-level gateways (IGW,
// egress-only IGW, NAT, VPC endpoints, VPN gateways, load balancers) sit in
// their VPC; transit gateways, their attachments, peerings and VPN
// connections in their region, each VPN leading to an "on-premises" node
// (its customer gateway's side, the id the engine's hops use).
import type { NetworkModel, Placement, RouteTarget } from '../model/types.js';
import type { Graph, GraphEdge, GraphNode } from './reachmap-api.js';
import { onPremisesId } from '../engine/on-premises.js';
import { loadBalancerTargetViews } from '../engine/load-balancer-view.js';
import { accountMissing } from '../engine/missing-accounts.js';

export type { Graph, GraphEdge, GraphNode };

export const accountNodeId = (account: string) => `account:${account}`;
export const regionNodeId = (place: Placement) => `region:${place.account}/${place.region}`;
export const azNodeId = (vpcId: string, zone: string) => `az:${vpcId}/${zone}`;

class GraphBuilder {
  constructor(private readonly model: NetworkModel) {}

  readonly nodes: GraphNode[] = [];
  readonly edges: GraphEdge[] = [];
  private readonly nodeIds = new Set<string>();
  private readonly edgeKeys = new Set<string>();

  has(id: string): boolean {
    return this.nodeIds.has(id);
  }

  node(id: string, kind: string, name: string | undefined, parent: string | null, data?: Record<string, unknown>): void {
    if (this.nodeIds.has(id)) return;
    this.nodeIds.add(id);
    this.nodes.push({ id, kind, name: name ?? id, parent, ...(data ? { data } : {}) });
  }

  edge(source: string, target: string, kind: string): void {
    const key = `${source}\u0000${target}\u0000${kind}`;
    if (this.edgeKeys.has(key)) return;
    this.edgeKeys.add(key);
    this.edges.push({ source, target, kind });
  }

  /**
   * A referenced resource the snapshot lacks still gets a node, so that edges
   * to it can be drawn. `owner`: the account the reference says owns it; one
   * the snapshot did not collect gets its own account box, and the node says
   * "not collected" with the account id.
   */
  missing(id: string, place: Placement, owner?: string): string {
    if (owner !== undefined && owner !== place.account && accountMissing(this.model, owner)) {
      const home = { account: owner, region: place.region };
      this.region(home);
      this.node(id, 'missing', `${id} (not collected: account ${owner})`, regionNodeId(home), { missing: true, notCollected: true, account: owner });
      return id;
    }
    this.region(place);
    this.node(id, 'missing', id, regionNodeId(place), { missing: true });
    return id;
  }

  region(place: Placement): string {
    this.node(accountNodeId(place.account), 'account', place.account, null);
    const id = regionNodeId(place);
    this.node(id, 'region', place.region, accountNodeId(place.account));
    return id;
  }
}

function defined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

function tagsOf(tags: Record<string, string>): Record<string, string> | undefined {
  return Object.keys(tags).length > 0 ? tags : undefined;
}

function addContainers(model: NetworkModel, graph: GraphBuilder): void {
  for (const place of model.meta.regions) graph.region(place);
  for (const vpc of model.vpcs.values()) graph.node(vpc.id, 'vpc', vpc.name, graph.region(vpc), { state: vpc.state });
  for (const subnet of model.subnets.values()) {
    let parent = graph.region(subnet);
    if (model.vpcs.has(subnet.vpcId)) {
      parent = azNodeId(subnet.vpcId, subnet.availabilityZone);
      graph.node(parent, 'availability-zone', subnet.availabilityZone || 'unknown zone', subnet.vpcId);
    }
    graph.node(subnet.id, 'subnet', subnet.name, parent);
  }
}

function addInterfaces(model: NetworkModel, graph: GraphBuilder): void {
  for (const eni of model.networkInterfaces.values()) {
    const instance = eni.instanceId ? model.instances.get(eni.instanceId) : undefined;
    const parent = graph.has(eni.subnetId) ? eni.subnetId : graph.has(eni.vpcId) ? eni.vpcId : graph.region(eni);
    const data = defined({
      instanceId: eni.instanceId,
      instanceState: instance?.state,
      owner: model.indexes.ownerOfNetworkInterface.get(eni.id),
      interfaceType: eni.interfaceType,
      // the tag filter's facts: the instance's tags, then the interface's own
      tags: tagsOf({ ...instance?.tags, ...eni.tags }),
    });
    graph.node(eni.id, 'eni', eni.name ?? instance?.name, parent, data);
    if (graph.has(eni.subnetId)) graph.edge(eni.id, eni.subnetId, 'member');
  }
}

/** In its (first) VPC when that VPC is in the snapshot, else in its region. */
function vpcOrRegion(graph: GraphBuilder, vpcId: string | undefined, place: Placement): string {
  return vpcId !== undefined && graph.has(vpcId) ? vpcId : graph.region(place);
}

function addGateways(model: NetworkModel, graph: GraphBuilder): void {
  for (const gateway of model.internetGateways.values()) {
    graph.node(gateway.id, 'internet-gateway', gateway.name, vpcOrRegion(graph, gateway.attachments[0]?.vpcId, gateway));
  }
  for (const gateway of model.egressOnlyInternetGateways.values()) {
    graph.node(gateway.id, 'egress-only-internet-gateway', gateway.name, vpcOrRegion(graph, gateway.attachments[0]?.vpcId, gateway));
  }
  for (const nat of model.natGateways.values()) {
    graph.node(nat.id, 'nat-gateway', nat.name, vpcOrRegion(graph, nat.vpcId, nat), { state: nat.state, subnetId: nat.subnetId });
  }
  for (const endpoint of model.vpcEndpoints.values()) {
    graph.node(endpoint.id, 'vpc-endpoint', endpoint.name ?? endpoint.serviceName, vpcOrRegion(graph, endpoint.vpcId, endpoint), {
      endpointType: endpoint.endpointType,
    });
  }
  for (const gateway of model.vpnGateways.values()) {
    graph.node(gateway.id, 'vpn-gateway', gateway.name, vpcOrRegion(graph, gateway.attachments[0]?.vpcId, gateway), { state: gateway.state });
  }
  for (const balancer of model.loadBalancers.values()) {
    graph.node(balancer.id, 'load-balancer', balancer.name, vpcOrRegion(graph, balancer.vpcId, balancer), defined({ type: balancer.type, scheme: balancer.scheme, state: balancer.state, dnsName: balancer.dnsName }));
  }
  for (const gateway of model.transitGateways.values()) {
    graph.node(gateway.id, 'transit-gateway', gateway.name, graph.region(gateway), { state: gateway.state });
  }
}

function addConnections(model: NetworkModel, graph: GraphBuilder): void {
  for (const peering of model.peeringConnections.values()) {
    graph.node(peering.id, 'peering', peering.name, graph.region(peering), { status: peering.status });
    const requester = graph.has(peering.requester.vpcId) ? peering.requester.vpcId : graph.missing(peering.requester.vpcId, peering, peering.requester.account);
    const accepter = graph.has(peering.accepter.vpcId) ? peering.accepter.vpcId : graph.missing(peering.accepter.vpcId, peering, peering.accepter.account);
    graph.edge(requester, peering.id, 'peering');
    graph.edge(peering.id, accepter, 'peering');
  }
  for (const attachment of model.transitGatewayAttachments.values()) {
    graph.node(attachment.id, 'tgw-attachment', attachment.name, graph.region(attachment), {
      resourceType: attachment.resourceType,
      resourceId: attachment.resourceId,
      state: attachment.state,
    });
    const gateway = graph.has(attachment.transitGatewayId) ? attachment.transitGatewayId : graph.missing(attachment.transitGatewayId, attachment, attachment.transitGatewayOwnerId);
    graph.edge(attachment.id, gateway, 'tgw-attachment');
    if (attachment.resourceType === 'vpc' && attachment.resourceId) {
      const vpc = graph.has(attachment.resourceId) ? attachment.resourceId : graph.missing(attachment.resourceId, attachment, attachment.resourceOwnerId);
      graph.edge(vpc, attachment.id, 'tgw-attachment');
    }
  }
  for (const connection of model.vpnConnections.values()) {
    const tunnelsUp = connection.tunnels?.filter((tunnel) => tunnel.status.toUpperCase() === 'UP').length;
    graph.node(connection.id, 'vpn-connection', connection.name, graph.region(connection), defined({ state: connection.state, tunnelsUp, tunnels: connection.tunnels?.length }));
    const gateway = connection.vpnGatewayId ?? connection.transitGatewayId;
    if (gateway) graph.edge(gateway, connection.id, 'vpn');
    if (connection.state === 'deleted') continue;
    // The network behind the customer gateway: the end of every path that leaves over this VPN.
    const onPremises = onPremisesId(connection);
    graph.node(onPremises, 'on-premises', connection.customerGatewayId ? `on-premises (${connection.customerGatewayId})` : 'on-premises', graph.region(connection), defined({ customerGatewayId: connection.customerGatewayId }));
    graph.edge(connection.id, onPremises, 'vpn');
  }
}

/** The node a route leads to: an instance route is drawn to the instance's primary ENI. */
function routeTargetNode(model: NetworkModel, target: RouteTarget): string | undefined {
  if (target.kind === 'local' || target.id === '') return undefined;
  if (target.kind === 'instance') return model.instances.get(target.id)?.primaryNetworkInterfaceId ?? target.id;
  return target.id;
}

function addRoutes(model: NetworkModel, graph: GraphBuilder): void {
  for (const subnet of model.subnets.values()) {
    const table = subnet.routeTableId ? model.routeTables.get(subnet.routeTableId) : undefined;
    // IPv6 routes too: an egress-only internet gateway is reached by no other
    for (const route of [...(table?.routes ?? []), ...(table?.ipv6Routes ?? [])]) {
      const target = routeTargetNode(model, route.target);
      if (target === undefined) continue;
      if (!graph.has(target)) graph.missing(target, subnet);
      graph.edge(subnet.id, target, 'route');
    }
  }
}

/** A load balancer leads to its nodes (ENIs in its subnets) and to its targets; a target it does not find healthy is marked. */
function addLoadBalancing(model: NetworkModel, graph: GraphBuilder): void {
  for (const [eniId, owner] of model.indexes.ownerOfNetworkInterface) {
    if (model.loadBalancers.has(owner) && graph.has(eniId)) graph.edge(owner, eniId, 'lb-node');
  }
  for (const balancer of model.loadBalancers.values()) {
    for (const view of loadBalancerTargetViews(model, balancer)) {
      if (!view.eni || !graph.has(view.eni)) continue;
      graph.edge(balancer.id, view.eni, 'lb-target');
      if (!view.unhealthy) continue;
      const node = graph.nodes.find((n) => n.id === view.eni)!;
      node.data = { ...node.data, targetHealth: 'unhealthy' };
    }
  }
}

export function graphOf(model: NetworkModel): Graph {
  const graph = new GraphBuilder(model);
  addContainers(model, graph);
  addInterfaces(model, graph);
  addGateways(model, graph);
  addConnections(model, graph);
  addRoutes(model, graph);
  addLoadBalancing(model, graph);
  // edges drawn before their far end was known (a VPN connection to a gateway added later) point at real nodes only
  const edges = graph.edges.filter((edge) => graph.has(edge.source) && graph.has(edge.target));
  return { nodes: graph.nodes, edges };
}
