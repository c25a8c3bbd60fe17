// A network ACL direction over a set of destination ports: the ports it lets
// through for one protocol and peer, judged by the engine's own first-match
// evaluation once per elementary piece (cut at the ports of the entries that
// match the peer; the others are skipped whatever the port).
import type { NetworkAclEntry } from '../model/types.js';
import type { Cidr } from '../model/ipv4.js';
import { cidrHolds, type Ip } from '../model/ip.js';
import type { Cidr6 } from '../model/ipv6.js';
import { Boundaries, normalize, type Interval } from './interval-sets.js';
import { evaluateAclEntries } from './network-acls.js';
import { ECHO_REPLY, ECHO_REQUEST, ICMP } from './packet.js';

export function icmpOf(protocol: number, reply: boolean): { type: number; code: number } | undefined {
  if (protocol !== ICMP) return undefined;
  return reply ? ECHO_REPLY : ECHO_REQUEST;
}

/** The ports of `space` for which the entries allow a tcp/udp packet of `protocol` from (inbound) or to (outbound) `peerIp`. */
export function aclAllowedPorts(entries: readonly NetworkAclEntry<Cidr | Cidr6>[], protocol: number, peerIp: Ip, space: readonly Interval[]): Interval[] {
  const boundaries = new Boundaries();
  for (const entry of entries) if (entry.protocol === protocol && entry.ports && cidrHolds(entry.cidr, peerIp)) boundaries.add(entry.ports);
  const allowed = (port: number) => evaluateAclEntries(entries, { protocol, peerIp, ports: { from: port, to: port }, icmp: undefined }).allowed;
  return normalize(boundaries.split(space).filter((piece) => allowed(piece.from)));
}
