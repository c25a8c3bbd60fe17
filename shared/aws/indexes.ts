// The lookups every query needs, built once per snapshot.
import type {
  LoadBalancer,
  ModelIndexes,
  NatGateway,
  NetworkInterface,
  Subnet,
  TransitGatewayAttachment,
  VpcEndpoint,
  VpcPeeringConnection,
} from '../model/types.js';

export interface IndexInputs {
  readonly subnets: ReadonlyMap<string, Subnet>;
  readonly networkInterfaces: ReadonlyMap<string, NetworkInterface>;
  readonly natGateways: ReadonlyMap<string, NatGateway>;
  readonly vpcEndpoints: ReadonlyMap<string, VpcEndpoint>;
  readonly loadBalancers: ReadonlyMap<string, LoadBalancer>;
  readonly transitGatewayAttachments: ReadonlyMap<string, TransitGatewayAttachment>;
  readonly peeringConnections: ReadonlyMap<string, VpcPeeringConnection>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const TGW_ENI_DESCRIPTION = /Transit Gateway Attachment (tgw-attach-[0-9a-z]+)/;
/** ELBv2 ENIs are described "ELB app/NAME/HASH" (net/, gwy/ likewise); classic ones "ELB NAME". */
const ELB_ENI_DESCRIPTION = /^ELB (?:(app|net|gwy)\/([^/]+)\/([0-9a-z]+)|([^/\s]+))$/;

function loadBalancerOfEni(eni: NetworkInterface, loadBalancers: ReadonlyMap<string, LoadBalancer>): string | undefined {
  const match = ELB_ENI_DESCRIPTION.exec(eni.description ?? '');
  if (!match) return undefined;
  if (match[4]) return loadBalancers.has(match[4]) ? match[4] : undefined;
  const suffix = `loadbalancer/${match[1]}/${match[2]}/${match[3]}`;
  for (const balancer of loadBalancers.values()) if (balancer.arn.endsWith(suffix)) return balancer.id;
  return undefined;
}

function owners(inputs: IndexInputs): Map<string, string> {
  const owner = new Map<string, string>();
  for (const nat of inputs.natGateways.values()) {
    for (const address of nat.addresses) if (address.networkInterfaceId) owner.set(address.networkInterfaceId, nat.id);
  }
  for (const endpoint of inputs.vpcEndpoints.values()) {
    for (const eniId of endpoint.networkInterfaceIds) owner.set(eniId, endpoint.id);
  }
  for (const eni of inputs.networkInterfaces.values()) {
    if (owner.has(eni.id)) continue;
    const attachment = TGW_ENI_DESCRIPTION.exec(eni.description ?? '')?.[1];
    if (attachment && eni.interfaceType === 'transit_gateway') {
      owner.set(eni.id, attachment);
      continue;
    }
    const balancer = loadBalancerOfEni(eni, inputs.loadBalancers);
    if (balancer) owner.set(eni.id, balancer);
  }
  return owner;
}

export function buildIndexes(inputs: IndexInputs): ModelIndexes {
  const enisByPrivateIp = new Map<number, NetworkInterface[]>();
  const eniByPublicIp = new Map<number, NetworkInterface>();
  const enisBySecurityGroup = new Map<string, NetworkInterface[]>();
  const enisBySubnet = new Map<string, NetworkInterface[]>();
  const enisByIpv6 = new Map<bigint, NetworkInterface[]>();
  const enisWithIpv6Prefixes: NetworkInterface[] = [];
  for (const eni of inputs.networkInterfaces.values()) {
    for (const ip of eni.ipv6Addresses) push(enisByIpv6, ip, eni);
    if (eni.ipv6Prefixes.length > 0) enisWithIpv6Prefixes.push(eni);
    for (const address of eni.privateAddresses) {
      push(enisByPrivateIp, address.ip, eni);
      if (address.publicIp !== undefined && !eniByPublicIp.has(address.publicIp)) eniByPublicIp.set(address.publicIp, eni);
    }
    if (eni.publicIp !== undefined && !eniByPublicIp.has(eni.publicIp)) eniByPublicIp.set(eni.publicIp, eni);
    for (const groupId of new Set(eni.securityGroupIds)) push(enisBySecurityGroup, groupId, eni);
    push(enisBySubnet, eni.subnetId, eni);
  }
  const subnetsByVpc = new Map<string, Subnet[]>();
  for (const subnet of inputs.subnets.values()) push(subnetsByVpc, subnet.vpcId, subnet);
  const tgwAttachmentsByVpc = new Map<string, TransitGatewayAttachment[]>();
  for (const attachment of inputs.transitGatewayAttachments.values()) {
    if (attachment.resourceType === 'vpc') push(tgwAttachmentsByVpc, attachment.resourceId, attachment);
  }
  const peeringsByVpc = new Map<string, VpcPeeringConnection[]>();
  for (const peering of inputs.peeringConnections.values()) {
    push(peeringsByVpc, peering.requester.vpcId, peering);
    if (peering.accepter.vpcId !== peering.requester.vpcId) push(peeringsByVpc, peering.accepter.vpcId, peering);
  }
  return {
    enisByPrivateIp,
    eniByPublicIp,
    enisByIpv6,
    enisWithIpv6Prefixes,
    enisBySecurityGroup,
    subnetsByVpc,
    enisBySubnet,
    ownerOfNetworkInterface: owners(inputs),
    tgwAttachmentsByVpc,
    peeringsByVpc,
  };
}
