// The set-valued half of the exposure audit, for one ENI with a public IP:
// which (source address, protocol, destination port) the filters on the path
// from the internet admit. The path is fixed: the internet gateway, the ENI's
// subnet ACL inbound, its security groups (ingress); back, the subnet's route
// table (which must send the reply to the same internet gateway) and its ACL
// outbound to the client's port 49152. The address and port spaces are cut at
// every boundary those rules draw, and each elementary piece is judged by the
// engine's own rule functions at one representative, which is exact: inside a
// piece no rule can tell two values apart.
import type { NetworkAcl, NetworkInterface, NetworkModel, RouteTable, SecurityGroupRule, Subnet, Vpc } from '../model/types.js';
import { intervalOf } from './address-sets.js';
import { ALL_PORTS, Boundaries, normalize, type Interval } from './interval-sets.js';
import { evaluateAclEntries } from './network-acls.js';
import { ANY_PROTOCOL, DEFAULT_SOURCE_PORT, ECHO_REPLY, ECHO_REQUEST, hasPorts, ICMP, TCP, UDP } from './packet.js';
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

export interface CellsOfEni {
  readonly cells: Cell[];
  /** why some sources could not be judged (a prefix list or group missing from the snapshot) */
  readonly unknowns: string[];
}

function ingressRules(model: NetworkModel, eni: NetworkInterface): SecurityGroupRule[] {
  return eni.securityGroupIds.flatMap((id) => model.securityGroups.get(id)?.ingress ?? []);
}

function sourceBoundaries(model: NetworkModel, path: EniPath, rules: readonly SecurityGroupRule[]): Boundaries {
  const boundaries = new Boundaries();
  for (const entry of [...(path.acl?.inbound ?? []), ...(path.acl?.outbound ?? [])]) boundaries.add(intervalOf(entry.cidr));
  for (const rule of rules) {
    if (rule.peer.kind === 'cidr') boundaries.add(intervalOf(rule.peer.cidr));
    if (rule.peer.kind === 'prefix-list') for (const cidr of model.prefixLists.get(rule.peer.prefixListId)?.cidrs ?? []) boundaries.add(intervalOf(cidr));
  }
  for (const route of path.table.routes) {
    const cidrs = route.destination.kind === 'cidr' ? [route.destination.cidr] : (model.prefixLists.get(route.destination.prefixListId)?.cidrs ?? []);
    for (const cidr of cidrs) boundaries.add(intervalOf(cidr));
  }
  for (const cidr of path.vpc.cidrs) boundaries.add(intervalOf(cidr));
  return boundaries;
}

/** The protocols to judge apart: tcp, udp, icmp, each number a rule names, and `all` for every other. */
function protocolsOf(path: EniPath, rules: readonly SecurityGroupRule[]): number[] {
  const named = new Set<number>([TCP, UDP, ICMP]);
  for (const rule of [...rules, ...(path.acl?.inbound ?? [])]) if (rule.protocol !== ANY_PROTOCOL) named.add(rule.protocol);
  return [...named, ANY_PROTOCOL];
}

function portBoundaries(path: EniPath, rules: readonly SecurityGroupRule[], protocol: number): Boundaries {
  const boundaries = new Boundaries();
  for (const rule of [...rules, ...(path.acl?.inbound ?? [])]) if (rule.protocol === protocol && rule.ports) boundaries.add(rule.ports);
  return boundaries;
}

export function cellsOfEni(model: NetworkModel, path: EniPath, internet: readonly Interval[]): CellsOfEni {
  const { eni, acl } = path;
  const rules = ingressRules(model, eni);
  const unknowns = new Set<string>();
  const cells: Cell[] = [];
  const protocols = protocolsOf(path, rules);
  const portPieces = new Map(protocols.filter(hasPorts).map((p) => [p, portBoundaries(path, rules, p).split([ALL_PORTS])]));

  /** inbound ACL and security groups, for one packet from `peerIp` */
  const admitted = (protocol: number, peerIp: number, port: number | undefined): boolean => {
    const ports = port === undefined ? undefined : { from: port, to: port };
    const icmp = protocol === ICMP ? ECHO_REQUEST : undefined;
    if (acl && !evaluateAclEntries(acl.inbound, { protocol, peerIp, ports, icmp }).allowed) return false;
    if (eni.securityGroupIds.length === 0) return true; // nothing filters an ENI without groups
    const decision = evaluateSecurityGroups(model, eni, false, { protocol, peerIp, ports, icmp });
    if (decision.result === 'unknown') unknowns.add(decision.why);
    return decision.result === 'allow';
  };

  for (const sources of sourceBoundaries(model, path, rules).split(internet)) {
    const peerIp = sources.from;
    const route = lookupRoute(model, path.table, path.vpc, peerIp);
    if (route.kind === 'unknown') unknowns.add(`${path.table.id} routes to prefix list ${route.missing}, which is not in the snapshot`);
    if (route.kind !== 'match' || route.route.state !== 'active' || route.route.target.kind !== 'internet-gateway' || route.route.target.id !== path.igwId) continue;
    for (const protocol of protocols) {
      const replyPorts = hasPorts(protocol) ? { from: DEFAULT_SOURCE_PORT, to: DEFAULT_SOURCE_PORT } : undefined;
      const replyIcmp = protocol === ICMP ? ECHO_REPLY : undefined;
      if (acl && !evaluateAclEntries(acl.outbound, { protocol, peerIp, ports: replyPorts, icmp: replyIcmp }).allowed) continue;
      const pieces = portPieces.get(protocol);
      if (pieces === undefined) {
        if (admitted(protocol, peerIp, undefined)) cells.push({ sources, protocol, ports: undefined });
        continue;
      }
      const ports = normalize(pieces.filter((piece) => admitted(protocol, peerIp, piece.from)));
      if (ports.length > 0) cells.push({ sources, protocol, ports });
    }
  }
  return { cells, unknowns: [...unknowns] };
}
