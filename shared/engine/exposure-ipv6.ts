// The exposure audit over IPv6 (issue 17): what the internet reaches at an
// ENI's IPv6 addresses. IPv6 is global, so no public address is needed: an
// ENI with an IPv6 address in a VPC with an attached internet gateway is
// reachable wherever its filters let the internet in and the reply out.
//
// Kept apart from the IPv4 audit (exposure-cells.ts), whose uint32 intervals
// stay as they are: the IPv6 source space is cut at every boundary the
// ENI's rules draw (security groups, the subnet ACL's IPv6 entries, the
// route table's IPv6 routes), each piece judged at one representative by the
// engine's own rule functions (exact: no rule tells two addresses of a piece
// apart), and each service found is confirmed by a real trace.
import type { AnalyzeResult } from './analysis-types.js';
import type { BrokenNetworkInterface, BrokenService, ExposedNetworkInterface, ExposedService } from './exposure-types.js';
import { ALL_IPV6, cidr6Of, cidr6Range, formatIpv6, mask6Of, parseCidr6, type Cidr6 } from '../model/ipv6.js';
import type { NetworkAcl, NetworkInterface, NetworkModel, RouteTable, Subnet, Vpc } from '../model/types.js';
import { analyzeFlow } from './analyze.js';
import { ALL_PORTS, Boundaries, intersection, normalize, type Interval } from './interval-sets.js';
import { evaluateAclEntries } from './network-acls.js';
import { ANY_PROTOCOL, DEFAULT_SOURCE_PORT, ECHO_REPLY_V6, ECHO_REQUEST_V6, hasPorts, ICMPV6, protocolLabel, TCP, UDP } from './packet.js';
import { lookupRoute } from './routing.js';
import { evaluateSecurityGroups } from './security-groups.js';
import { riskOf } from './exposure-risk.js';
import { enisHolding } from './addresses.js';

interface Range6 {
  from: bigint;
  to: bigint;
}

const TOP = (1n << 128n) - 1n;
const NON_GLOBAL = ['::/127', '::ffff:0:0/96', 'fc00::/7', 'fe80::/10', 'ff00::/8'].map((text) => parseCidr6(text)!);
/**
 * IPv4 hosts as a translator presents them (RFC 6052's well-known prefix
 * 64:ff9b::/96, RFC 8215's local-use 64:ff9b:1::/48): every NAT64 uses the
 * same prefix, so no internet host is numbered in it and none is routed to
 * it from outside (AWS's NAT gateway does NAT64 for 64:ff9b::/96, outbound
 * only). Not internet sources: a NAT64 route does not cut ::/0.
 */
const TRANSLATED = ['64:ff9b::/96', '64:ff9b:1::/48'].map((text) => parseCidr6(text)!);

function rangeOf(cidr: Cidr6): Range6 {
  const { first, last } = cidr6Range(cidr);
  return { from: first, to: last };
}

function subtract6(set: readonly Range6[], cut: Range6): Range6[] {
  const out: Range6[] = [];
  for (const range of set) {
    if (cut.to < range.from || cut.from > range.to) {
      out.push(range);
      continue;
    }
    if (range.from < cut.from) out.push({ from: range.from, to: cut.from - 1n });
    if (cut.to < range.to) out.push({ from: cut.to + 1n, to: range.to });
  }
  return out;
}

/** Every global IPv6 address outside the snapshot's VPC blocks. */
export function internetSpace6(model: NetworkModel): Range6[] {
  let space: Range6[] = [{ from: 0n, to: TOP }];
  for (const cidr of [...NON_GLOBAL, ...TRANSLATED, ...[...model.vpcs.values()].flatMap((vpc) => vpc.ipv6Cidrs)]) space = subtract6(space, rangeOf(cidr));
  return space;
}

function merge6(ranges: readonly Range6[]): Range6[] {
  const sorted = [...ranges].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const out: Range6[] = [];
  for (const range of sorted) {
    const last = out[out.length - 1];
    if (last && range.from <= last.to + 1n) last.to = range.to > last.to ? range.to : last.to;
    else out.push({ ...range });
  }
  return out;
}

/** The fewest IPv6 CIDRs whose union is the set. */
function cidrs6Of(set: readonly Range6[]): string[] {
  const out: string[] = [];
  for (const range of merge6(set)) {
    let from = range.from;
    while (from <= range.to) {
      let prefix = 0;
      while (prefix < 128 && ((from & ~mask6Of(prefix) & TOP) !== 0n || from + (1n << BigInt(128 - prefix)) - 1n > range.to)) prefix++;
      out.push(cidr6Of(from, prefix).text);
      from += 1n << BigInt(128 - prefix);
    }
  }
  return out;
}

/**
 * The sources as CIDR texts: "::/0" when they are the whole internet, else
 * the shorter of the exact CIDRs and the CIDRs of the sources with the
 * space that is no internet host's added (non-global blocks, the VPCs' own
 * blocks): both name the same internet hosts, and ::/0 with one hole reads
 * as a few dozen CIDRs instead of hundreds.
 */
function describeSources6(sources: readonly Range6[], internet: readonly Range6[]): string[] {
  if (sameSet6(sources, internet)) return [ALL_IPV6.text];
  const exact = cidrs6Of(sources);
  let outside: Range6[] = [{ from: 0n, to: TOP }];
  for (const range of internet) outside = subtract6(outside, range);
  const filled = cidrs6Of([...sources, ...outside]);
  return filled.length < exact.length ? filled : exact;
}

function sameSet6(a: readonly Range6[], b: readonly Range6[]): boolean {
  const x = merge6(a);
  const y = merge6(b);
  return x.length === y.length && x.every((range, i) => range.from === y[i]!.from && range.to === y[i]!.to);
}

function size6(set: readonly Range6[]): bigint {
  return set.reduce((sum, range) => sum + (range.to - range.from + 1n), 0n);
}

interface Path6 {
  eni: NetworkInterface;
  address: bigint;
  subnet: Subnet;
  vpc: Vpc;
  table: RouteTable;
  igwId: string;
  acl: NetworkAcl | undefined;
}

/** Where the audit cuts the source space: every block a rule on the path names. */
function boundariesOf(model: NetworkModel, path: Path6): bigint[] {
  const cuts = new Set<bigint>();
  const add = (cidr: Cidr6) => {
    const { first, last } = cidr6Range(cidr);
    cuts.add(first);
    if (last < TOP) cuts.add(last + 1n);
  };
  const listCidrs = (id: string) => model.prefixLists.get(id)?.ipv6Cidrs ?? [];
  for (const groupId of path.eni.securityGroupIds) {
    for (const rule of model.securityGroups.get(groupId)?.ingress ?? []) {
      if (rule.peer.kind === 'cidr6') add(rule.peer.cidr);
      if (rule.peer.kind === 'prefix-list') listCidrs(rule.peer.prefixListId).forEach(add);
    }
  }
  for (const entry of [...(path.acl?.inboundIpv6 ?? []), ...(path.acl?.outboundIpv6 ?? [])]) add(entry.cidr);
  for (const route of path.table.ipv6Routes) if (route.destination.kind === 'cidr') add(route.destination.cidr);
  for (const route of path.table.routes) if (route.destination.kind === 'prefix-list') listCidrs(route.destination.prefixListId).forEach(add);
  return [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function pieces(space: readonly Range6[], cuts: readonly bigint[]): Range6[] {
  const out: Range6[] = [];
  for (const range of space) {
    let from = range.from;
    for (const cut of cuts) {
      if (cut <= from) continue;
      if (cut > range.to) break;
      out.push({ from, to: cut - 1n });
      from = cut;
    }
    out.push({ from, to: range.to });
  }
  return out;
}

function protocolsOf(model: NetworkModel, path: Path6): number[] {
  const named = new Set<number>([TCP, UDP, ICMPV6]);
  const rules = path.eni.securityGroupIds.flatMap((id) => model.securityGroups.get(id)?.ingress ?? []);
  for (const rule of [...rules, ...(path.acl?.inboundIpv6 ?? []), ...(path.acl?.outboundIpv6 ?? [])]) if (rule.protocol !== ANY_PROTOCOL) named.add(rule.protocol);
  return [...named, ANY_PROTOCOL];
}

function portCuts(model: NetworkModel, path: Path6, protocol: number): Interval[] {
  const boundaries = new Boundaries();
  const rules = path.eni.securityGroupIds.flatMap((id) => model.securityGroups.get(id)?.ingress ?? []);
  for (const rule of [...rules, ...(path.acl?.inboundIpv6 ?? [])]) if (rule.protocol === protocol && rule.ports) boundaries.add(rule.ports);
  return boundaries.split([ALL_PORTS]);
}

const WHOLE: Interval = { from: 0, to: 0 };

/** What the filters admit from one source address for one protocol: port intervals ([WHOLE] for protocols without ports), and a sentence when unknown. */
function admitted(model: NetworkModel, path: Path6, peerIp: bigint, protocol: number): { ports: Interval[]; unknown: string | undefined } {
  const icmp = protocol === ICMPV6 ? ECHO_REQUEST_V6 : undefined;
  let unknown: string | undefined;
  const passes = (ports: Interval | undefined) => {
    const traffic = { protocol, peerIp, ports, icmp };
    const groups = path.eni.securityGroupIds.length === 0 ? 'allow' : evaluateSecurityGroups(model, path.eni, false, traffic).result;
    if (groups === 'unknown') unknown = `a security group of ${path.eni.id} names what the snapshot lacks`;
    if (groups !== 'allow') return false;
    return !path.acl || evaluateAclEntries(path.acl.inboundIpv6, traffic).allowed;
  };
  if (!hasPorts(protocol)) return { ports: passes(undefined) ? [WHOLE] : [], unknown };
  return { ports: normalize(portCuts(model, path, protocol).filter((piece) => passes({ from: piece.from, to: piece.from }))), unknown };
}

/** The reply: routed back to the internet gateway, and let out by the ACL's IPv6 entries. */
function replyLeaves(model: NetworkModel, path: Path6, peerIp: bigint, protocol: number): boolean | string {
  const lookup = lookupRoute(model, path.table, path.vpc, peerIp);
  if (lookup.kind === 'unknown') return `${path.table.id} routes to prefix list ${lookup.missing}, which is not in the snapshot`;
  if (lookup.kind !== 'match' || lookup.route.state !== 'active' || lookup.route.target.kind !== 'internet-gateway' || lookup.route.target.id !== path.igwId) return false;
  if (!path.acl) return true;
  const ports = hasPorts(protocol) ? { from: DEFAULT_SOURCE_PORT, to: DEFAULT_SOURCE_PORT } : undefined;
  return evaluateAclEntries(path.acl.outboundIpv6, { protocol, peerIp, ports, icmp: protocol === ICMPV6 ? ECHO_REPLY_V6 : undefined }).allowed;
}

interface Found6 {
  protocol: number;
  ports: Interval[] | undefined;
  sources: Range6[];
}

/** Per protocol, the sources of each port range (as exposure.ts groups IPv4). */
function servicesOf(cells: readonly { sources: Range6; protocol: number; ports: Interval[] }[]): Found6[] {
  const found: Found6[] = [];
  for (const protocol of [...new Set(cells.map((cell) => cell.protocol))]) {
    const mine = cells.filter((cell) => cell.protocol === protocol);
    if (!hasPorts(protocol)) {
      found.push({ protocol, ports: undefined, sources: merge6(mine.map((cell) => cell.sources)) });
      continue;
    }
    const boundaries = new Boundaries();
    for (const cell of mine) for (const ports of cell.ports) boundaries.add(ports);
    const bySources = new Map<string, Found6>();
    for (const piece of boundaries.split([ALL_PORTS])) {
      const sources = merge6(mine.filter((cell) => cell.ports.some((p) => p.from <= piece.from && piece.from <= p.to)).map((cell) => cell.sources));
      if (sources.length === 0) continue;
      const key = sources.map((r) => `${r.from}-${r.to}`).join(',');
      const service = bySources.get(key) ?? { protocol, ports: [], sources };
      service.ports = normalize([...service.ports!, piece]);
      bySources.set(key, service);
    }
    found.push(...[...bySources.values()].sort((a, b) => a.ports![0]!.from - b.ports![0]!.from));
  }
  return found;
}

/** A source address of the set that no ENI holds, 2001:db8::1 where the set has it. */
function internetHost(model: NetworkModel, sources: readonly Range6[]): bigint {
  const standIn = 0x20010db8000000000000000000000001n;
  if (sources.some((r) => r.from <= standIn && standIn <= r.to)) return standIn;
  for (const range of sources) {
    const first = range.to - range.from >= 2n ? range.from + 1n : range.from;
    if (enisHolding(model, first).length === 0) return first;
  }
  return sources[0]!.from;
}

function confirm(model: NetworkModel, path: Path6, found: Found6): { result: AnalyzeResult; example: NonNullable<ExposedService['example']> } {
  const example = {
    from: formatIpv6(internetHost(model, found.sources)),
    to: formatIpv6(path.address),
    protocol: found.protocol === ICMPV6 ? 'icmp' : protocolLabel(found.protocol),
    port: found.ports ? found.ports[0]!.from : null,
  };
  // ICMPv6 echo is what `--protocol icmp` asks on an IPv6 flow
  const result = analyzeFlow(model, { from: example.from, to: example.to, protocol: example.protocol, port: example.port ?? undefined });
  return { result, example };
}

function attachedGateway(model: NetworkModel, vpc: Vpc): string | undefined {
  return vpc.internetGatewayIds.find((id) => model.internetGateways.get(id)?.attachments.some((a) => a.vpcId === vpc.id && (a.state === 'available' || a.state === 'attached')));
}

function pathOf(model: NetworkModel, eni: NetworkInterface): Path6 | undefined {
  const address = eni.ipv6Addresses[0];
  if (address === undefined) return undefined;
  const subnet = model.subnets.get(eni.subnetId);
  const vpc = model.vpcs.get(eni.vpcId);
  const table = subnet?.routeTableId === undefined ? undefined : model.routeTables.get(subnet.routeTableId);
  const igwId = vpc && attachedGateway(model, vpc);
  if (address === undefined || !subnet || !vpc || !table || !igwId) return undefined;
  const acl = subnet.networkAclId === undefined ? undefined : model.networkAcls.get(subnet.networkAclId);
  return { eni, address, subnet, vpc, table, igwId, acl };
}

/**
 * The services the filters let in over IPv6 but whose reply is refused (the subnet does not route the client to
 * the internet gateway, or the ACL's IPv6 entries refuse the reply): "public and open, but broken", as for IPv4,
 * each confirmed by a trace that stops on the return leg.
 */
function brokenServices6(model: NetworkModel, path: Path6, cells: readonly { sources: Range6; protocol: number; ports: Interval[] }[], internet: readonly Range6[]): BrokenService[] {
  const services: BrokenService[] = [];
  for (const found of servicesOf(cells)) {
    const { result, example } = confirm(model, path, found);
    const blocked = result.blocked;
    if (result.verdict !== 'unreachable' || !blocked || blocked.direction !== 'return') continue;
    const world = sameSet6(found.sources, [{ from: 0n, to: TOP }]) || sameSet6(found.sources, internet) || size6(found.sources) * 2n >= size6(internet);
    const { risk, why } = riskOf(found.protocol, found.ports, world);
    services.push({
      protocol: found.protocol === ICMPV6 ? 'icmp' : protocolLabel(found.protocol),
      ports: found.ports ? found.ports.map((p) => ({ from: p.from, to: p.to })) : null,
      sources: describeSources6(found.sources, internet),
      risk,
      riskReason: why,
      prefixListCidrs: {},
      blocked: { id: blocked.id, kind: blocked.kind, direction: blocked.direction, code: blocked.code, detail: blocked.detail },
      example,
    });
  }
  return services;
}

/**
 * The ENI's IPv6 exposure entry (family "ipv6"), or undefined when the internet reaches nothing of it over IPv6;
 * `broken` (when given) receives its IPv6 entry of the broken list.
 */
export function exposeEniIpv6(model: NetworkModel, eni: NetworkInterface, internet: readonly Range6[], warnings: Set<string>, broken?: BrokenNetworkInterface[]): ExposedNetworkInterface | undefined {
  const path = pathOf(model, eni);
  if (!path) return undefined;
  const protocols = protocolsOf(model, path);
  const cells: { sources: Range6; protocol: number; ports: Interval[] }[] = [];
  const refused: { sources: Range6; protocol: number; ports: Interval[] }[] = [];
  for (const piece of pieces(internet, boundariesOf(model, path))) {
    for (const protocol of protocols) {
      const back = replyLeaves(model, path, piece.from, protocol);
      if (typeof back === 'string') warnings.add(`Some internet IPv6 sources of ${eni.id} cannot be judged: ${back}.`);
      if (back !== true && (back !== false || !broken)) continue;
      const { ports, unknown } = admitted(model, path, piece.from, protocol);
      if (unknown) warnings.add(`Some internet IPv6 sources of ${eni.id} cannot be judged: ${unknown}.`);
      if (ports.length > 0) (back ? cells : refused).push({ sources: piece, protocol, ports: hasPorts(protocol) ? intersection(ports, [ALL_PORTS]) : ports });
    }
  }
  const instance6 = eni.instanceId === undefined ? undefined : model.instances.get(eni.instanceId);
  const brokenFound = broken && refused.length > 0 ? brokenServices6(model, path, refused, internet) : [];
  if (broken && brokenFound.length > 0) {
    const address = formatIpv6(path.address);
    broken.push({ eni: eni.id, instance: eni.instanceId ?? null, name: instance6?.name ?? eni.name ?? null, vpc: eni.vpcId, subnet: eni.subnetId, privateIp: address, publicIp: address, services: brokenFound, account: eni.account, family: 'ipv6' });
  }
  const services: ExposedService[] = [];
  for (const found of servicesOf(cells)) {
    const { result, example } = confirm(model, path, found);
    if (result.verdict !== 'reachable') {
      if (result.verdict === 'unknown') warnings.add(`Whether the internet reaches ${eni.id} over IPv6 is unknown: ${result.blocked!.detail}`);
      return undefined;
    }
    result.warnings.forEach((w) => warnings.add(w));
    const world = sameSet6(found.sources, [{ from: 0n, to: TOP }]) || sameSet6(found.sources, internet) || size6(found.sources) * 2n >= size6(internet);
    const sources = describeSources6(found.sources, internet);
    const { risk, why } = riskOf(found.protocol, found.ports, world);
    services.push({
      protocol: found.protocol === ICMPV6 ? 'icmp' : protocolLabel(found.protocol),
      ports: found.ports ? found.ports.map((p) => ({ from: p.from, to: p.to })) : null,
      sources,
      path: result.forward.hops,
      example,
      risk,
      riskReason: why,
      prefixListCidrs: {},
    });
  }
  if (services.length === 0) return undefined;
  const instance = eni.instanceId === undefined ? undefined : model.instances.get(eni.instanceId);
  const address = formatIpv6(path.address);
  // IPv6 has no private/public pair: the ENI's address is the one the internet reaches
  return { eni: eni.id, instance: eni.instanceId ?? null, name: instance?.name ?? eni.name ?? null, vpc: eni.vpcId, subnet: eni.subnetId, privateIp: address, publicIp: address, services, account: eni.account, family: 'ipv6' };
}

