// Endpoints as the command line names them (DESIGN.md section 5), and the
// first check of every trace: both ends must be up.
import { InputError } from '../model/errors.js';
import type { ResolvedEndpoint } from './analysis-types.js';
import type { Instance, LoadBalancer, NetworkInterface, NetworkModel } from '../model/types.js';
import { INTERNET_HOST_IP, isPrivateIpv4, parseIpv4 } from '../model/ipv4.js';
import { INTERNET_HOST_IPV6, isNonGlobalIpv6, parseIpv6 } from '../model/ipv6.js';
import { formatIp, type Family, type Ip } from '../model/ip.js';
import { enisHolding, vpcHoldsAddress } from './addresses.js';
import type { HopInput, LegTarget, LegTrace, VpnEntry } from './trace.js';
import { onPremisesRoutesTo } from './on-premises.js';
import { startInstanceFix } from './fixes.js';
import { accountMissing, notCollected } from './missing-accounts.js';
import { displayText, truncateForDisplay } from '../model/display-text.js';
import { componentNamed, didYouMean, loadBalancerByDnsName, type NamedComponent } from './endpoint-names.js';

export type Endpoint =
  | {
      readonly kind: 'eni';
      readonly eni: NetworkInterface;
      /** the address the flow uses: a private address, or a public one where the other end is on the internet (IPv6: the ENI's own, global) */
      readonly ip: Ip;
      /** the private address behind `ip` (IPv6: the same address) */
      readonly privateIp: Ip;
      readonly instance: Instance | undefined;
      /** a NAT gateway or VPC endpoint named by its own id */
      readonly gateway: { readonly kind: 'nat-gateway' | 'vpc-endpoint'; readonly id: string } | undefined;
      /** the Name of what sends or receives: the instance's, else the gateway's, else the ENI's own */
      readonly name: string | undefined;
    }
  | { readonly kind: 'internet'; readonly ip: Ip; readonly gatewayId: string | undefined }
  | { readonly kind: 'address'; readonly ip: Ip }
  /** a load balancer as a destination: by name, ARN or DNS name (node undefined), or one node by its address or ENI */
  | { readonly kind: 'load-balancer'; readonly balancer: LoadBalancer; readonly node: NetworkInterface | undefined; readonly ip: Ip }
  /** a host of an on-premises network that a VPN route covers; as a source, `entry` is where it enters AWS (set once the destination is known) */
  | { readonly kind: 'on-premises'; readonly ip: number; readonly entry?: VpnEntry | undefined; readonly nodeId?: string | undefined };

type Role = 'source' | 'destination';

export function eniEndpoint(model: NetworkModel, eni: NetworkInterface, ip: Ip, privateIp: Ip, gateway?: { kind: 'nat-gateway' | 'vpc-endpoint'; id: string }): Endpoint {
  const instance = eni.instanceId === undefined ? undefined : model.instances.get(eni.instanceId);
  const gatewayName = gateway === undefined ? undefined : gateway.kind === 'nat-gateway' ? model.natGateways.get(gateway.id)?.name : model.vpcEndpoints.get(gateway.id)?.name;
  const name = instance?.name ?? gatewayName ?? eni.name;
  return { kind: 'eni', eni, ip, privateIp, instance, gateway, name: name === '' ? undefined : name };
}

function eniById(model: NetworkModel, id: string | undefined, text: string, what: string): NetworkInterface {
  const eni = id === undefined ? undefined : model.networkInterfaces.get(id);
  if (eni === undefined) throw new InputError(`endpoint "${text}": ${what} has no network interface in the snapshot`);
  return eni;
}

function byAddress(model: NetworkModel, text: string, ip: number, role: Role): Endpoint {
  const holders = model.indexes.enisByPrivateIp.get(ip) ?? [];
  if (holders.length > 1) {
    throw new InputError(`endpoint "${text}" is held by ${holders.map((eni) => `${eni.id} (${eni.vpcId})`).join(' and ')}: name one by its id`);
  }
  if (holders.length === 1) return nodeOrEni(model, holders[0]!, role) ?? eniEndpoint(model, holders[0]!, ip, ip);
  const publicHolder = model.indexes.eniByPublicIp.get(ip);
  if (publicHolder) {
    const node = nodeOrEni(model, publicHolder, role);
    if (node) return { ...node, ip } as Endpoint;
    const address = publicHolder.privateAddresses.find((a) => a.publicIp === ip);
    // a public IPv4 address is associated with a private one: the holder has IPv4
    return eniEndpoint(model, publicHolder, ip, address?.ip ?? publicHolder.primaryPrivateIp!);
  }
  if (!isPrivateIpv4(ip)) return { kind: 'internet', ip, gatewayId: undefined };
  if (onPremisesRoutesTo(model, ip).length > 0) return { kind: 'on-premises', ip };
  if (role === 'source') throw new InputError(`endpoint "${text}": no network interface in the snapshot holds this private address, and no VPN route covers it, so it cannot send`);
  return { kind: 'address', ip };
}

/**
 * An IPv6 literal: the ENI holding it (IPv6 addresses are global, the same
 * inside the VPC and on the internet); a global address outside every VPC
 * block of the snapshot is an internet host (2001:db8::/32 included); an
 * address of a VPC block no ENI holds, or a non-global one, may only be a
 * destination.
 */
function byIpv6Address(model: NetworkModel, text: string, ip: bigint, role: Role): Endpoint {
  const holders = enisHolding(model, ip);
  if (holders.length > 1) {
    throw new InputError(`endpoint "${text}" is held by ${holders.map((eni) => `${eni.id} (${eni.vpcId})`).join(' and ')}: name one by its id`);
  }
  if (holders.length === 1) {
    // a node's IPv6 address as a destination is the load balancer, entered at that node
    const node = nodeOrEni(model, holders[0]!, role);
    return node?.kind === 'load-balancer' ? { ...node, ip } : eniEndpoint(model, holders[0]!, ip, ip);
  }
  const inVpc = [...model.vpcs.values()].some((vpc) => vpcHoldsAddress(vpc, ip));
  if (!inVpc && !isNonGlobalIpv6(ip)) return { kind: 'internet', ip, gatewayId: undefined };
  if (role === 'source') throw new InputError(`endpoint "${text}": no network interface in the snapshot holds this IPv6 address, so it cannot send`);
  return { kind: 'address', ip };
}

/**
 * An IPv4 flow names an ENI that has no IPv4 address (IPv6-only, in an
 * IPv6-only subnet): bad input, unless the flow's family was only the
 * default, when analyze asks again over IPv6 (an endpoint with one family uses it).
 */
export class NoIpv4Address extends InputError {}

/** The address an ENI named by id or Name is reached at before the family is applied: its primary private IPv4, else (IPv6-only) its first IPv6 address. */
function defaultAddress(eni: NetworkInterface, text: string): Ip {
  const ip = eni.primaryPrivateIp ?? eni.ipv6Addresses[0];
  if (ip === undefined) throw new InputError(`endpoint "${displayText(text)}": ${eni.id} has neither an IPv4 nor an IPv6 address`);
  return ip;
}

/** An ENI endpoint on the flow's family: its primary private IPv4, or its first IPv6 address. */
function onFamily(endpoint: Endpoint, family: Family, text: string): Endpoint {
  if (endpoint.kind !== 'eni') return endpoint;
  if (family === 'ipv4') {
    if (typeof endpoint.ip === 'bigint') throw new NoIpv4Address(`endpoint "${displayText(text)}": ${endpoint.eni.id} has no IPv4 address (IPv6-only): ask over IPv6 (--family ipv6)`);
    return endpoint;
  }
  if (typeof endpoint.ip === 'bigint') return endpoint;
  const ip = endpoint.eni.ipv6Addresses[0];
  if (ip === undefined) throw new InputError(`endpoint "${displayText(text)}": ${endpoint.eni.id} has no IPv6 address (--family ipv6)`);
  return { ...endpoint, ip, privateIp: ip };
}

/**
 * Resolves one end of a flow. Throws InputError for anything section 5 does
 * not accept. `family` is the flow's (default IPv4): an instance or ENI is
 * reached at its address of that family, `internet` is 2001:db8::1 on IPv6.
 */
export function resolveEndpoint(model: NetworkModel, text: string, role: Role, family: Family = 'ipv4'): Endpoint {
  const value = text.trim();
  // 1. the internet, 2. a literal address
  if (value === 'internet') return { kind: 'internet', ip: family === 'ipv6' ? INTERNET_HOST_IPV6 : INTERNET_HOST_IP, gatewayId: undefined };
  const ip = parseIpv4(value);
  if (ip !== undefined) return byAddress(model, value, ip, role);
  const ip6 = value.includes(':') && !value.startsWith('arn:') ? parseIpv6(value) : undefined;
  if (ip6 !== undefined) return byIpv6Address(model, value, ip6, role);
  if (value.includes(':') && !value.startsWith('arn:')) throw new InputError(`endpoint "${displayText(value)}" is not an IPv6 address`);
  // 3. an id or ARN
  const byId = endpointById(model, value, role);
  if (byId) return onFamily(byId, family, value);
  // 4. a load balancer's DNS name
  const balancer = loadBalancerByDnsName(model, value);
  if (balancer) return loadBalancerEndpoint(model, balancer, value, role);
  // 5. a Name tag: an instance before its ENIs, then load balancers, then VPCs
  const named = componentNamed(model, value);
  if (named) return onFamily(namedEndpoint(model, named, value, role), family, value);
  throw notFound(model, value);
}

/** An endpoint named by its id (or a load balancer's ARN); undefined when no component has that id. */
function endpointById(model: NetworkModel, value: string, role: Role): Endpoint | undefined {
  if (value.startsWith('i-')) {
    const instance = model.instances.get(value);
    if (!instance) return undefined;
    const eni = eniById(model, instance.primaryNetworkInterfaceId ?? instance.networkInterfaceIds[0], value, 'the instance');
    const ip = defaultAddress(eni, value);
    return eniEndpoint(model, eni, ip, ip);
  }
  if (value.startsWith('eni-')) {
    if (!model.networkInterfaces.has(value)) return undefined;
    const eni = eniById(model, value, value, 'it');
    const owner = model.indexes.ownerOfNetworkInterface.get(eni.id);
    if (role === 'source' && owner?.startsWith('nat-')) throw new InputError(`endpoint "${value}" belongs to ${owner}: a NAT gateway does not start connections`);
    const node = nodeOrEni(model, eni, role);
    // named by its id, not by an address: the client connects where it would (the public address from the internet)
    if (node) return { ...node, ip: 0 };
    const ip = defaultAddress(eni, value);
    return eniEndpoint(model, eni, ip, ip);
  }
  if (value.startsWith('nat-') || value.startsWith('vpce-')) {
    if (role === 'source') throw new InputError(`endpoint "${value}": a ${value.startsWith('nat-') ? 'NAT gateway' : 'VPC endpoint'} can only be a destination`);
    if (!(value.startsWith('nat-') ? model.natGateways.has(value) : model.vpcEndpoints.has(value))) return undefined;
    return gatewayEndpoint(model, value);
  }
  if (value.startsWith('igw-')) {
    if (!model.internetGateways.has(value)) return undefined;
    // onFamily leaves an internet end alone: the flow's family picks the host in resolveFlow
    return { kind: 'internet', ip: INTERNET_HOST_IP, gatewayId: value };
  }
  if (model.loadBalancers.has(value)) return loadBalancerEndpoint(model, value, value, role);
  if (value.startsWith('arn:')) {
    for (const balancer of model.loadBalancers.values()) if (balancer.arn === value) return loadBalancerEndpoint(model, balancer.id, value, role);
  }
  return undefined;
}

/**
 * A node of a load balancer named as a destination (by its address or ENI):
 * the load balancer, entered at that node. As a source it stays the ENI: the
 * node sends health checks from it.
 */
function nodeOrEni(model: NetworkModel, eni: NetworkInterface, role: Role): Endpoint | undefined {
  if (role !== 'destination') return undefined;
  const owner = model.indexes.ownerOfNetworkInterface.get(eni.id);
  const balancer = owner === undefined ? undefined : model.loadBalancers.get(owner);
  if (!balancer) return undefined;
  // a load balancer node always has a private IPv4 address (dual-stack load balancers included)
  return { kind: 'load-balancer', balancer, node: eni, ip: eni.primaryPrivateIp ?? 0 };
}

/** A load balancer by name, ARN or DNS name: the nodes DNS returns are chosen when the flow is traced. */
function loadBalancerEndpoint(model: NetworkModel, id: string, text: string, role: Role): Endpoint {
  const balancer = model.loadBalancers.get(id)!;
  if (role === 'source') throw new InputError(`endpoint "${displayText(text)}" is load balancer ${displayText(balancer.name)}, which only answers connections: name one of its targets or network interfaces as the source`);
  return { kind: 'load-balancer', balancer, node: undefined, ip: 0 };
}

function namedEndpoint(model: NetworkModel, named: NamedComponent, text: string, role: Role): Endpoint {
  switch (named.kind) {
    case 'instance':
    case 'eni':
      return endpointById(model, named.id, role)!;
    case 'load-balancer':
      return loadBalancerEndpoint(model, named.id, text, role);
    case 'vpc':
      throw new InputError(`endpoint "${truncateForDisplay(text)}" is the Name of VPC ${displayText(named.id)}: name a machine in it (an instance, a network interface, or an address)`);
  }
}

const KIND_OF_PREFIX: readonly (readonly [string, string])[] = [
  ['i-', 'instance'],
  ['eni-', 'network interface'],
  ['nat-', 'NAT gateway'],
  ['vpce-', 'VPC endpoint'],
  ['igw-', 'internet gateway'],
];

function notFound(model: NetworkModel, value: string): InputError {
  const hint = didYouMean(model, value);
  const kind = KIND_OF_PREFIX.find(([prefix]) => value.startsWith(prefix))?.[1];
  if (kind) return new InputError(`endpoint "${displayText(value)}": no such ${kind} in the snapshot${hint}`);
  return new InputError(
    `endpoint "${truncateForDisplay(value)}" is not an instance (i-), network interface (eni-), NAT gateway (nat-), VPC endpoint (vpce-), internet gateway (igw-), "internet", an IPv4 or IPv6 address, or the Name of one in the snapshot${hint}`,
  );
}

function gatewayEndpoint(model: NetworkModel, id: string): Endpoint {
  if (id.startsWith('nat-')) {
    const nat = model.natGateways.get(id);
    if (!nat) throw new InputError(`endpoint "${id}": no such NAT gateway in the snapshot`);
    const eni = eniById(model, nat.addresses.find((a) => a.networkInterfaceId)?.networkInterfaceId, id, 'the NAT gateway');
    const ip = defaultAddress(eni, id);
    return eniEndpoint(model, eni, ip, ip, { kind: 'nat-gateway', id });
  }
  const endpoint = model.vpcEndpoints.get(id);
  if (!endpoint) throw new InputError(`endpoint "${id}": no such VPC endpoint in the snapshot`);
  if (endpoint.endpointType === 'Gateway') throw new InputError(gatewayEndpointHint(model, endpoint.id));
  const eni = eniById(model, endpoint.networkInterfaceIds[0], id, `the ${endpoint.endpointType} endpoint`);
  const ip = defaultAddress(eni, id);
  return eniEndpoint(model, eni, ip, ip, { kind: 'vpc-endpoint', id });
}

/** A gateway endpoint is a route target, not a machine: the hint names its service's prefix list and a range in it. */
function gatewayEndpointHint(model: NetworkModel, id: string): string {
  const endpoint = model.vpcEndpoints.get(id)!;
  const listIds = new Set<string>();
  for (const tableId of endpoint.routeTableIds) {
    for (const route of model.routeTables.get(tableId)?.routes ?? []) {
      if (route.target.id === id && route.destination.kind === 'prefix-list') listIds.add(route.destination.prefixListId);
    }
  }
  for (const list of model.prefixLists.values()) if (endpoint.serviceName !== '' && list.name === endpoint.serviceName) listIds.add(list.id);
  const lists = [...listIds].map((listId) => {
    const first = model.prefixLists.get(listId)?.cidrs[0];
    return first ? `${listId} (e.g. ${first.text})` : listId;
  });
  const where = lists.length > 0 ? `its service's prefix list ${lists.join(' or ')}` : `the prefix list of ${endpoint.serviceName || 'its service'}`;
  return `endpoint "${id}" is a gateway endpoint (${endpoint.serviceName || 'Gateway'}): it is a route target, not a destination; give an address in ${where} as --to`;
}

/** A destination ENI is reached at its public address when the source is an internet host (section 5). */
export function addressForSource(destination: Endpoint, source: Endpoint, namedByAddress: boolean): Endpoint {
  // an IPv6 address is global: the internet reaches it as it is
  if (destination.kind !== 'eni' || source.kind !== 'internet' || namedByAddress || typeof destination.ip === 'bigint') return destination;
  const publicIp = destination.eni.privateAddresses.find((a) => a.ip === destination.privateIp)?.publicIp ?? destination.eni.publicIp;
  return publicIp === undefined ? destination : { ...destination, ip: publicIp };
}

export function describeResolved(endpoint: Endpoint): ResolvedEndpoint {
  switch (endpoint.kind) {
    case 'eni':
      return endpoint.name === undefined ? { kind: 'eni', id: endpoint.eni.id, ip: formatIp(endpoint.ip) } : { kind: 'eni', id: endpoint.eni.id, name: endpoint.name, ip: formatIp(endpoint.ip) };
    case 'internet':
      return { kind: 'internet', id: endpoint.gatewayId ?? 'internet', ip: formatIp(endpoint.ip) };
    case 'address':
      return { kind: 'address', id: formatIp(endpoint.ip), ip: formatIp(endpoint.ip) };
    case 'load-balancer':
      return { kind: 'load-balancer', id: endpoint.balancer.arn, name: endpoint.balancer.name, ip: formatIp(endpoint.ip) };
    case 'on-premises':
      return { kind: 'on-premises', id: formatIp(endpoint.ip), ip: formatIp(endpoint.ip) };
  }
}

export function legTargetOf(endpoint: Endpoint): LegTarget {
  switch (endpoint.kind) {
    case 'eni':
      return { kind: 'eni', eni: endpoint.eni };
    case 'internet':
      return { kind: 'internet', ip: endpoint.ip, gatewayId: endpoint.gatewayId };
    case 'address':
    case 'load-balancer':
      return { kind: 'address', ip: endpoint.ip };
    case 'on-premises':
      return { kind: 'on-premises', ip: endpoint.ip };
  }
}

function isUp(state: string): boolean {
  return state.toLowerCase() === 'available';
}

/** Why this endpoint cannot send or receive, or undefined when it can. */
export function endpointDown(model: NetworkModel, endpoint: Endpoint): { id: string; kind: 'eni' | 'nat-gateway' | 'vpc-endpoint'; detail: string; instanceId?: string } | undefined {
  if (endpoint.kind !== 'eni') return undefined;
  const { eni, instance, gateway } = endpoint;
  if (gateway?.kind === 'nat-gateway') {
    const nat = model.natGateways.get(gateway.id)!;
    if (!isUp(nat.state)) return { id: nat.id, kind: 'nat-gateway', detail: `${nat.id} is ${nat.state}, not available.` };
  }
  if (gateway?.kind === 'vpc-endpoint') {
    const vpce = model.vpcEndpoints.get(gateway.id)!;
    if (!isUp(vpce.state)) return { id: vpce.id, kind: 'vpc-endpoint', detail: `${vpce.id} is ${vpce.state}, not available.` };
  }
  if (instance && instance.state !== 'running') {
    return { id: eni.id, kind: 'eni', detail: `Instance ${instance.id} of ${eni.id} is ${instance.state}: only running instances send or receive.`, instanceId: instance.id };
  }
  if (eni.status !== 'in-use') return { id: eni.id, kind: 'eni', detail: `${eni.id} is ${eni.status}, not in use: it sends and receives nothing.` };
  return undefined;
}

/**
 * An ENI whose instance the snapshot lacks because the instance's account is
 * missing (a participant's ENI in a shared subnet, listed by the subnet's
 * owner): whether that instance runs is unknown.
 */
function instanceUnseen(model: NetworkModel, endpoint: Endpoint): string | undefined {
  if (endpoint.kind !== 'eni' || endpoint.instance || endpoint.eni.instanceId === undefined) return undefined;
  const owner = endpoint.eni.instanceOwnerId;
  if (owner === undefined || !accountMissing(model, owner)) return undefined;
  return `Whether ${endpoint.eni.id} can send or receive is unknown: ${notCollected(model, `its instance ${endpoint.eni.instanceId}`, owner)}.`;
}

/** Step 1 of section 4: the source's hop, then the state of both ends. False when either end is down. */
export function checkEndpoints(t: LegTrace, source: Endpoint, destination: Endpoint): boolean {
  const down = endpointDown(t.model, source);
  if (source.kind === 'eni') {
    const unseen = instanceUnseen(t.model, source);
    if (unseen) return t.unknown({ id: source.eni.id, kind: 'eni', direction: 'egress', detail: unseen }, 'UNKNOWN_RESOURCE');
    if (down) return t.drop({ id: down.id, kind: down.kind, direction: 'egress', detail: down.detail }, 'BAD_STATE', down.instanceId ? startInstanceFix(t.model, down.instanceId) : null);
    const owner = source.instance ? ` (instance ${source.instance.id}, ${source.instance.state})` : '';
    t.pass({ id: source.eni.id, kind: 'eni', direction: 'egress', detail: `${source.eni.id}${owner} sends from ${formatIp(source.privateIp)}.` }, 'forward');
  } else if (source.kind === 'on-premises') {
    t.pass(onPremisesSourceHop(source), 'forward');
  } else {
    const through = source.kind === 'internet' && source.gatewayId ? ` through ${source.gatewayId}` : '';
    t.pass({ id: 'internet', kind: 'internet', direction: 'egress', detail: `An internet host, ${formatIp(source.ip)}, sends${through}.` }, 'forward');
  }
  const unseen = instanceUnseen(t.model, destination);
  if (unseen && destination.kind === 'eni') return t.unknown({ id: destination.eni.id, kind: 'eni', direction: 'ingress', detail: unseen }, 'UNKNOWN_RESOURCE');
  const destinationDown = endpointDown(t.model, destination);
  if (destinationDown) {
    return t.drop({ id: destinationDown.id, kind: destinationDown.kind, direction: 'ingress', detail: destinationDown.detail }, 'BAD_STATE', destinationDown.instanceId ? startInstanceFix(t.model, destinationDown.instanceId) : null);
  }
  return true;
}

function onPremisesSourceHop(source: Extract<Endpoint, { kind: 'on-premises' }>): HopInput {
  return { id: source.nodeId ?? 'on-premises', kind: 'on-premises', direction: 'egress', detail: `The on-premises host ${formatIp(source.ip)} sends.` };
}
