// The set-valued half of the exposure audit, for one ENI with a public IP:
// which (source address, protocol, destination port) the filters on the path
// from the internet admit. The path is fixed: the internet gateway, the ENI's
// subnet ACL inbound, its security groups (ingress); back, the subnet's route
// table (which must send the reply to the same internet gateway) and its ACL
// outbound to the client's port 49152. The address and port spaces are cut at
// every boundary those rules draw, and each elementary piece is judged by the
// engine's own rule functions at one representative, which is exact: inside a
// piece no rule can tell two values apart. Each ACL, route table and set of
// security groups is judged once and shared by every ENI that uses it.
import type { NetworkAcl, NetworkAclEntry, NetworkInterface, NetworkModel, RouteTable, SecurityGroupRule, Subnet, Vpc } from '../model/types.js';
import { cidrContains } from '../model/ipv4.js';
import { intervalOf } from './address-sets.js';
import { ALL_PORTS, Boundaries, intersection, normalize, type Interval } from './interval-sets.js';
import { evaluateAclEntries } from './network-acls.js';
import { ANY_PROTOCOL, DEFAULT_SOURCE_PORT, hasPorts, ICMP, TCP, UDP } from './packet.js';
import { aclAllowedPorts, icmpOf } from './acl-port-sets.js';
import { Piecewise } from './piecewise.js';
import { lookupRoute } from './routing.js';
import { evaluateSecurityGroups } from './security-groups.js';

/** What the filters admit from one piece of the source space, for one protocol. */
export interface Cell {
  readonly sources: Interval;
  readonly protocol: number;
  /** admitted destination ports (tcp/udp); undefined for protocols without ports (admitted whole) */
  readonly ports: Interval[] | undefined;
}

export interface EniPath {
  readonly eni: NetworkInterface;
  readonly subnet: Subnet;
  readonly vpc: Vpc;
  readonly table: RouteTable;
  readonly igwId: string;
  /** undefined when the snapshot has no ACL for the subnet: the trace judges it (default ACL or unknown) */
  readonly acl: NetworkAcl | undefined;
}

/** A protocol without ports is admitted whole or not at all: [WHOLE] or []. */
const WHOLE: Interval = { from: 0, to: 0 };
const OPEN: Interval[] = [ALL_PORTS];

interface Table<V> {
  readonly boundaries: Boundaries;
  readonly values: Piecewise<V>;
}

function addressBoundaries(cidrs: Iterable<{ network: number; prefix: number; text: string }>): Boundaries {
  const boundaries = new Boundaries();
  for (const cidr of cidrs) boundaries.add(intervalOf(cidr));
  return boundaries;
}

function portPieces(rules: readonly (NetworkAclEntry | SecurityGroupRule)[], protocol: number): Interval[] {
  const boundaries = new Boundaries();
  for (const rule of rules) if (rule.protocol === protocol && rule.ports) boundaries.add(rule.ports);
  return boundaries.split([ALL_PORTS]);
}

/** The judged filters of one audit, keyed by ACL, route table (and gateway) and group set. */
export class FilterTables {
  private readonly inbound = new Map<string, Table<Interval[]>>();
  private readonly outbound = new Map<string, Table<boolean>>();
  private readonly routes = new Map<string, Table<string | boolean>>();
  private readonly groups = new Map<string, Table<{ ports: Interval[]; unknown: string | undefined }>>();

  constructor(
    private readonly model: NetworkModel,
    private readonly internet: readonly Interval[],
  ) {}

  private table<V>(cache: Map<string, Table<V>>, key: string, make: () => { boundaries: Boundaries; judge: (ip: number, protocol: number) => V }): Table<V> {
    let table = cache.get(key);
    if (!table) {
      const { boundaries, judge } = make();
      table = { boundaries, values: new Piecewise(boundaries, this.internet, judge) };
      cache.set(key, table);
    }
    return table;
  }

  /** The ACL's inbound entries: the destination ports admitted from a source. */
  aclInbound(acl: NetworkAcl): Table<Interval[]> {
    return this.table(this.inbound, acl.id, () => ({
      boundaries: addressBoundaries(acl.inbound.map((e) => e.cidr)),
      judge: (peerIp, protocol) => {
        if (hasPorts(protocol)) return aclAllowedPorts(acl.inbound, protocol, peerIp, OPEN);
        return evaluateAclEntries(acl.inbound, { protocol, peerIp, ports: undefined, icmp: icmpOf(protocol, false) }).allowed ? [WHOLE] : [];
      },
    }));
  }

  /** The ACL's outbound entries: is the reply to the client's port 49152 (an echo reply for icmp) let out? */
  aclOutbound(acl: NetworkAcl): Table<boolean> {
    return this.table(this.outbound, acl.id, () => ({
      boundaries: addressBoundaries(acl.outbound.map((e) => e.cidr)),
      judge: (peerIp, protocol) => {
        const ports = hasPorts(protocol) ? { from: DEFAULT_SOURCE_PORT, to: DEFAULT_SOURCE_PORT } : undefined;
        return evaluateAclEntries(acl.outbound, { protocol, peerIp, ports, icmp: icmpOf(protocol, true) }).allowed;
      },
    }));
  }

  /** The reply's route: true when it leaves through the gateway that let the request in; a sentence when unknown. */
  returnRoute(path: EniPath): Table<string | boolean> {
    const { table, vpc, igwId } = path;
    const cidrsOf = (route: RouteTable['routes'][number]) => (route.destination.kind === 'cidr' ? [route.destination.cidr] : (this.model.prefixLists.get(route.destination.prefixListId)?.cidrs ?? []));
    return this.table(this.routes, `${table.id} ${vpc.id} ${igwId}`, () => ({
      boundaries: addressBoundaries([...table.routes.flatMap(cidrsOf), ...vpc.cidrs]),
      judge: (peerIp) => {
        const lookup = lookupRoute(this.model, table, vpc, peerIp);
        if (lookup.kind === 'unknown') return `${table.id} routes to prefix list ${lookup.missing}, which is not in the snapshot`;
        return lookup.kind === 'match' && lookup.route.state === 'active' && lookup.route.target.kind === 'internet-gateway' && lookup.route.target.id === igwId;
      },
    }));
  }

  /** Could this rule match a packet of `protocol` from `peerIp`? (A missing prefix list might.) Ports aside. */
  private mayMatch(rule: SecurityGroupRule, protocol: number, peerIp: number): boolean {
    if (rule.protocol !== ANY_PROTOCOL && rule.protocol !== protocol) return false;
    const peer = rule.peer;
    if (peer.kind === 'cidr') return cidrContains(peer.cidr, peerIp);
    if (peer.kind === 'cidr6') return false;
    if (peer.kind === 'group') return this.model.indexes.enisByPrivateIp.has(peerIp);
    const list = this.model.prefixLists.get(peer.prefixListId);
    return list === undefined || list.cidrs.some((cidr) => cidrContains(cidr, peerIp));
  }

  /** The ENI's security groups (ingress): the destination ports admitted from a source. */
  securityGroups(eni: NetworkInterface): Table<{ ports: Interval[]; unknown: string | undefined }> {
    return this.table(this.groups, eni.securityGroupIds.join(' '), () => {
      const rules = eni.securityGroupIds.flatMap((id) => this.model.securityGroups.get(id)?.ingress ?? []);
      const complete = eni.securityGroupIds.every((id) => this.model.securityGroups.has(id));
      const cidrs = rules.flatMap((rule) => (rule.peer.kind === 'cidr' ? [rule.peer.cidr] : rule.peer.kind === 'prefix-list' ? (this.model.prefixLists.get(rule.peer.prefixListId)?.cidrs ?? []) : []));
      const judge = (peerIp: number, protocol: number) => {
        // an ENI without groups: nothing filters it
        if (eni.securityGroupIds.length === 0) return { ports: hasPorts(protocol) ? OPEN : [WHOLE], unknown: undefined };
        // rules that cannot match this source and protocol cannot change the decision: skip the work when none can
        const relevant = rules.filter((rule) => this.mayMatch(rule, protocol, peerIp));
        if (complete && relevant.length === 0) return { ports: [], unknown: undefined };
        let unknown: string | undefined;
        const admits = (port: number | undefined) => {
          const decision = evaluateSecurityGroups(this.model, eni, false, { protocol, peerIp, ports: port === undefined ? undefined : { from: port, to: port }, icmp: icmpOf(protocol, false) });
          if (decision.result === 'unknown') unknown = decision.why;
          return decision.result === 'allow';
        };
        if (!hasPorts(protocol)) return { ports: admits(undefined) ? [WHOLE] : [], unknown };
        return { ports: normalize(portPieces(relevant, protocol).filter((piece) => admits(piece.from))), unknown };
      };
      return { boundaries: addressBoundaries(cidrs), judge };
    });
  }
}

/** The protocols to judge apart: tcp, udp, icmp, each number a rule names, and `all` for every other. */
function protocolsOf(model: NetworkModel, path: EniPath): number[] {
  const named = new Set<number>([TCP, UDP, ICMP]);
  const rules = path.eni.securityGroupIds.flatMap((id) => model.securityGroups.get(id)?.ingress ?? []);
  // the outbound entries count too: a protocol named only there is judged apart on the reply
  for (const rule of [...rules, ...(path.acl?.inbound ?? []), ...(path.acl?.outbound ?? [])]) if (rule.protocol !== ANY_PROTOCOL) named.add(rule.protocol);
  return [...named, ANY_PROTOCOL];
}

/**
 * `broken`: with `withBroken`, the cells the forward filters admit but whose
 * reply the return route or the ACL outbound refuses (public and open, but broken).
 */
export function cellsOfEni(model: NetworkModel, tables: FilterTables, path: EniPath, internet: readonly Interval[], withBroken = false): { cells: Cell[]; broken: Cell[]; unknowns: string[] } {
  const unknowns = new Set<string>();
  const cells: Cell[] = [];
  const broken: Cell[] = [];
  const route = tables.returnRoute(path);
  const groups = tables.securityGroups(path.eni);
  const inbound = path.acl && tables.aclInbound(path.acl);
  const outbound = path.acl && tables.aclOutbound(path.acl);
  const cuts = new Boundaries();
  for (const table of [route, groups, inbound, outbound]) if (table) cuts.addAll(table.boundaries);
  const protocols = protocolsOf(model, path);
  for (const sources of cuts.split(internet)) {
    const ip = sources.from;
    const routed = route.values.at(ip, 0);
    if (typeof routed === 'string') unknowns.add(routed);
    if (routed !== true && !(withBroken && routed === false)) continue;
    for (const protocol of protocols) {
      const returned = routed === true && (!outbound || outbound.values.at(ip, protocol));
      if (!returned && !withBroken) continue;
      const admitted = groups.values.at(ip, protocol);
      if (admitted.unknown && returned) unknowns.add(admitted.unknown);
      const ports = inbound ? intersection(admitted.ports, inbound.values.at(ip, protocol)) : admitted.ports;
      if (ports.length > 0) (returned ? cells : broken).push({ sources, protocol, ports: hasPorts(protocol) ? ports : undefined });
    }
  }
  return { cells, broken, unknowns: [...unknowns] };
}
