// `exposureOf`: everything the internet can reach, per ENI, as protocols and
// port ranges with the source CIDRs (or prefix lists) admitted, exhaustively.
//
// Only an ENI with a public IP in a VPC with an attached internet gateway can
// be reached from the internet, so only those are examined. For each, the
// filters on its one path are evaluated over sets (exposure-cells.ts); every
// service found is then confirmed by one real trace (analyzeFlow) from a
// source it names, which also checks everything that depends neither on the
// source nor on the port (the instance's state, the gateway, ...) and gives
// the path shown. An ENI whose trace stops before its filters is not exposed.
import type { AnalyzeResult } from './analysis-types.js';
import type { BrokenNetworkInterface, BrokenService, ExposedNetworkInterface, ExposedService, ExposureReport } from './exposure-types.js';
import { formatIpv4, INTERNET_HOST_IP } from '../model/ipv4.js';
import type { NetworkInterface, NetworkModel } from '../model/types.js';
import { cidrsOf, describeSources, intervalOf, internetSpace } from './address-sets.js';
import { analyzeFlow } from './analyze.js';
import { exposedLoadBalancers } from './exposure-load-balancers.js';
import { isLoadBalancerOwner } from './load-balancing.js';
import { exposeEniIpv6, internetSpace6 } from './exposure-ipv6.js';
import { cellsOfEni, FilterTables, type Cell, type EniPath } from './exposure-cells.js';
import { ALL_PORTS, Boundaries, difference, has, intersection, keyOf, normalize, union, type Interval } from './interval-sets.js';
import { ANY_PROTOCOL, hasPorts, ICMP, protocolLabel, TCP, UDP } from './packet.js';
import { coversWorld, riskOf } from './exposure-risk.js';

export type { ExposureReport } from './exposure-types.js';

function attachedGateway(model: NetworkModel, vpcId: string): string | undefined {
  const vpc = model.vpcs.get(vpcId);
  return vpc?.internetGatewayIds.find((id) => model.internetGateways.get(id)?.attachments.some((a) => a.vpcId === vpcId && (a.state === 'available' || a.state === 'attached')));
}

function pathOf(model: NetworkModel, eni: NetworkInterface): EniPath | undefined {
  const subnet = model.subnets.get(eni.subnetId);
  const vpc = model.vpcs.get(eni.vpcId);
  const table = subnet?.routeTableId === undefined ? undefined : model.routeTables.get(subnet.routeTableId);
  const igwId = attachedGateway(model, eni.vpcId);
  if (!subnet || !vpc || !table || !igwId) return undefined;
  const acl = subnet.networkAclId === undefined ? undefined : model.networkAcls.get(subnet.networkAclId);
  return { eni, subnet, vpc, table, igwId, acl };
}

/** One service before its sources are named: a protocol, its ports, the source addresses. */
interface Found {
  protocol: number;
  ports: Interval[] | undefined;
  sources: Interval[];
}

/** Cells are per source piece; a report reads better per port: the sources of each port range. */
function servicesOf(cells: readonly Cell[]): Found[] {
  const found: Found[] = [];
  const protocols = [...new Set(cells.map((cell) => cell.protocol))].sort(protocolOrder);
  for (const protocol of protocols) {
    const mine = cells.filter((cell) => cell.protocol === protocol);
    if (!hasPorts(protocol)) {
      found.push({ protocol, ports: undefined, sources: normalize(mine.map((cell) => cell.sources)) });
      continue;
    }
    const boundaries = new Boundaries();
    for (const cell of mine) for (const ports of cell.ports ?? []) boundaries.add(ports);
    const bySources = new Map<string, Found>();
    for (const piece of boundaries.split([ALL_PORTS])) {
      const sources = normalize(mine.filter((cell) => has(cell.ports ?? [], piece.from)).map((cell) => cell.sources));
      if (sources.length === 0) continue;
      const key = keyOf(sources);
      const service = bySources.get(key) ?? { protocol, ports: [], sources };
      service.ports = union(service.ports!, [piece]);
      bySources.set(key, service);
    }
    found.push(...[...bySources.values()].sort((a, b) => a.ports![0]!.from - b.ports![0]!.from));
  }
  return found;
}

function protocolOrder(a: number, b: number): number {
  const rank = (p: number) => [TCP, UDP, ICMP].indexOf(p) + 1 || (p === ANY_PROTOCOL ? 1000 : 10 + p);
  return rank(a) - rank(b);
}

/**
 * The sources as text: a prefix list that the ENI's groups name stands for
 * its own addresses when that says the same thing in fewer words.
 */
function nameSources(model: NetworkModel, eni: NetworkInterface, sources: Interval[], internet: readonly Interval[]): string[] {
  const named: string[] = [];
  let rest = sources;
  const lists = new Set(eni.securityGroupIds.flatMap((id) => model.securityGroups.get(id)?.ingress ?? []).flatMap((rule) => (rule.peer.kind === 'prefix-list' ? [rule.peer.prefixListId] : [])));
  for (const id of [...lists].sort()) {
    const list = model.prefixLists.get(id);
    const listed = intersection(normalize((list?.cidrs ?? []).map(intervalOf)), internet);
    if (listed.length === 0 || difference(listed, rest).length > 0) continue;
    const left = difference(rest, listed);
    if (cidrsOf(left).length + 1 > describeSources(rest, internet).length) continue;
    named.push(id);
    rest = left;
  }
  return rest.length === 0 ? named : [...named, ...describeSources(rest, internet)];
}

/** A source address of the set that no ENI holds, so that the trace sees an internet host. */
function internetHost(model: NetworkModel, sources: readonly Interval[]): number {
  if (has(sources, INTERNET_HOST_IP)) return INTERNET_HOST_IP;
  for (const interval of sources) {
    // a host address rather than the block's own network address, where the block has room
    const first = interval.to - interval.from >= 2 ? interval.from + 1 : interval.from;
    for (let ip = first; ip <= Math.min(interval.to, first + 64); ip++) {
      if (!model.indexes.enisByPrivateIp.has(ip) && !model.indexes.eniByPublicIp.has(ip)) return ip;
    }
  }
  return sources[0]!.from;
}

/** A trace stopped at a filter the cells judged open means the two disagree: a bug, never an answer. */
function stoppedAtFilter(result: AnalyzeResult): boolean {
  const blocked = result.blocked!;
  return blocked.kind === 'network-acl' || blocked.kind === 'security-group' || (blocked.kind === 'route-table' && blocked.direction === 'return') || Array.isArray(blocked.rule?.groups);
}

function confirm(model: NetworkModel, eni: NetworkInterface, publicIp: number, found: Found, expectBroken = false): { result: AnalyzeResult; example: NonNullable<ExposedService['example']> } {
  const example = {
    from: formatIpv4(internetHost(model, found.sources)),
    to: formatIpv4(publicIp),
    protocol: protocolLabel(found.protocol),
    port: found.ports ? found.ports[0]!.from : null,
  };
  const result = analyzeFlow(model, { from: example.from, to: example.to, protocol: example.protocol, port: example.port ?? undefined });
  if (!expectBroken && result.verdict !== 'reachable' && stoppedAtFilter(result)) {
    throw new Error(`exposure of ${eni.id} disagrees with the trace of ${example.protocol} ${example.port ?? ''} from ${example.from}, stopped at ${result.blocked!.id}`);
  }
  return { result, example };
}

/** Each prefix list the sources name, expanded to its CIDRs. */
function prefixListCidrs(model: NetworkModel, sources: readonly string[]): Record<string, string[]> {
  const expanded: Record<string, string[]> = {};
  for (const id of sources) if (id.startsWith('pl-')) expanded[id] = (model.prefixLists.get(id)?.cidrs ?? []).map((cidr) => cidr.text);
  return expanded;
}

interface EniFindings {
  exposed: ExposedNetworkInterface | undefined;
  broken: BrokenNetworkInterface | undefined;
}

function describeEni(model: NetworkModel, eni: NetworkInterface, privateIp: number, publicIp: number): Omit<ExposedNetworkInterface, 'services' | 'account'> {
  const instance = eni.instanceId === undefined ? undefined : model.instances.get(eni.instanceId);
  return {
    eni: eni.id,
    instance: eni.instanceId ?? null,
    name: instance?.name ?? eni.name ?? null,
    vpc: eni.vpcId,
    subnet: eni.subnetId,
    privateIp: formatIpv4(privateIp),
    publicIp: formatIpv4(publicIp),
  };
}

/** What the exposure and the broken list say of a service the filters let in: its ports, sources and risk. */
function serviceFacts(model: NetworkModel, eni: NetworkInterface, found: Found, internet: readonly Interval[]) {
  const sources = nameSources(model, eni, found.sources, internet);
  const { risk, why } = riskOf(found.protocol, found.ports, coversWorld(found.sources, internet));
  return {
    protocol: protocolLabel(found.protocol),
    ports: found.ports ? found.ports.map((p) => ({ from: p.from, to: p.to })) : null,
    sources,
    risk,
    riskReason: why,
    prefixListCidrs: prefixListCidrs(model, sources),
  };
}

/** Services the forward filters admit but whose reply is refused: each confirmed by a trace that stops on the return leg. */
function brokenServices(model: NetworkModel, eni: NetworkInterface, publicIp: number, cells: readonly Cell[], internet: readonly Interval[], ours: readonly Interval[]): BrokenService[] {
  const services: BrokenService[] = [];
  for (const found of servicesOf(cells)) {
    const outside = difference(found.sources, ours);
    if (outside.length === 0) continue;
    const { result, example } = confirm(model, eni, publicIp, { ...found, sources: outside }, true);
    const blocked = result.blocked;
    if (result.verdict !== 'unreachable' || !blocked || blocked.direction !== 'return') continue;
    services.push({
      ...serviceFacts(model, eni, found, internet),
      blocked: { id: blocked.id, kind: blocked.kind, direction: blocked.direction, code: blocked.code, detail: blocked.detail },
      example,
    });
  }
  return services;
}

function exposeEni(model: NetworkModel, tables: FilterTables, eni: NetworkInterface, internet: readonly Interval[], warnings: Set<string>, withBroken: boolean, ours: readonly Interval[]): EniFindings {
  const none: EniFindings = { exposed: undefined, broken: undefined };
  // a load balancer's node is reported with its load balancer (exposure-load-balancers.ts)
  if (isLoadBalancerOwner(model, model.indexes.ownerOfNetworkInterface.get(eni.id))) return none;
  const address = eni.privateAddresses.find((a) => a.publicIp !== undefined && a.primary) ?? eni.privateAddresses.find((a) => a.publicIp !== undefined);
  if (address?.publicIp === undefined) return none;
  const publicIp = address.publicIp;
  const path = pathOf(model, eni);
  if (!path) {
    // no route table, subnet or attached gateway: one trace says whether that is "unknown" or plainly closed
    const probe = analyzeFlow(model, { from: formatIpv4(internetHost(model, internet)), to: formatIpv4(publicIp), protocol: 'all' });
    if (probe.verdict === 'unknown') warnings.add(`Whether the internet reaches ${eni.id} is unknown: ${probe.blocked!.detail}`);
    return none;
  }
  const { cells, broken, unknowns } = cellsOfEni(model, tables, path, internet, withBroken);
  for (const why of unknowns) warnings.add(`Some internet sources of ${eni.id} cannot be judged: ${why}.`);
  const brokenFound = broken.length > 0 ? brokenServices(model, eni, publicIp, broken, internet, ours) : [];
  const brokenEntry = brokenFound.length > 0 ? { ...describeEni(model, eni, address.ip, publicIp), services: brokenFound, account: eni.account } : undefined;
  const services: ExposedService[] = [];
  for (const found of servicesOf(cells)) {
    // Sources that are only our own public addresses are machines of the snapshot, not the internet: a trace
    // from one of them is that machine's own path. The sources shown stay as the rules name them.
    const outside = difference(found.sources, ours);
    if (outside.length === 0) continue;
    const { result, example } = confirm(model, eni, publicIp, { ...found, sources: outside });
    if (result.verdict !== 'reachable') {
      // stopped before the filters (state, gateway, ...): nothing of this ENI is reachable
      if (result.verdict === 'unknown') warnings.add(`Whether the internet reaches ${eni.id} is unknown: ${result.blocked!.detail}`);
      return none;
    }
    result.warnings.forEach((w) => warnings.add(w));
    const facts = serviceFacts(model, eni, found, internet);
    // the JSON's member order is the contract's: path and example sit before the later risk fields
    services.push({
      protocol: facts.protocol,
      ports: facts.ports,
      sources: facts.sources,
      path: result.forward.hops,
      example,
      risk: facts.risk,
      riskReason: facts.riskReason,
      prefixListCidrs: facts.prefixListCidrs,
    });
  }
  if (services.length === 0) return { exposed: undefined, broken: brokenEntry };
  return { exposed: { ...describeEni(model, eni, address.ip, publicIp), services, account: eni.account }, broken: brokenEntry };
}

export function exposureOf(model: NetworkModel): ExposureReport {
  const report = auditInterfaces(model, model.networkInterfaces.values(), true);
  if (model.loadBalancers.size > 0) report.loadBalancers = exposedLoadBalancers(model);
  return report;
}

/** The exposure of these network interfaces only (what a fix could change), as exposureOf reports it, without the broken ones. */
export function exposureOfInterfaces(model: NetworkModel, interfaces: Iterable<NetworkInterface>): ExposureReport {
  return auditInterfaces(model, interfaces, false);
}

function auditInterfaces(model: NetworkModel, interfaces: Iterable<NetworkInterface>, withBroken: boolean): ExposureReport {
  const internet = internetSpace(model);
  const tables = new FilterTables(model, internet);
  const warnings = new Set<string>();
  const exposed: ExposedNetworkInterface[] = [];
  const broken: BrokenNetworkInterface[] = [];
  const ours = normalize([...model.indexes.eniByPublicIp.keys()].map((ip) => ({ from: ip, to: ip })));
  let internet6: ReturnType<typeof internetSpace6> | undefined;
  for (const eni of interfaces) {
    const found = exposeEni(model, tables, eni, internet, warnings, withBroken, ours);
    if (found.exposed) exposed.push(found.exposed);
    if (found.broken) broken.push(found.broken);
    // one entry per ENI and family: the IPv6 one after the IPv4 one (the sort below keeps that order)
    if (eni.ipv6Addresses.length === 0) continue;
    const ipv6 = exposeEniIpv6(model, eni, (internet6 ??= internetSpace6(model)), warnings, withBroken ? broken : undefined);
    if (ipv6) exposed.push(ipv6);
  }
  const byEni = (a: { eni: string }, b: { eni: string }) => (a.eni < b.eni ? -1 : a.eni > b.eni ? 1 : 0);
  exposed.sort(byEni);
  broken.sort(byEni);
  return withBroken ? { exposed, broken, warnings: [...warnings] } : { exposed, warnings: [...warnings] };
}
