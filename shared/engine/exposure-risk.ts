// How risky an exposed service is: administration and database ports open to
// the whole internet first (what a reviewer flags), then anything else open
// to the world beyond the web ports, then the rest. Used by the exposure
// report (its `risk` field and the text's order) and by `reachmap problems`.
import type { Interval } from './interval-sets.js';
import { ANY_PROTOCOL, TCP, UDP } from './packet.js';

export type Risk = 'high' | 'medium' | 'low';

export const RISK_ORDER: readonly Risk[] = ['high', 'medium', 'low'];

/** Ports whose service should never face the whole internet: remote administration and data stores. */
export const SENSITIVE_PORTS: Readonly<Record<number, string>> = {
  22: 'SSH',
  23: 'Telnet',
  3389: 'RDP',
  5900: 'VNC',
  5985: 'WinRM',
  5986: 'WinRM',
  1433: 'SQL Server',
  1521: 'Oracle',
  2379: 'etcd',
  3306: 'MySQL',
  5432: 'PostgreSQL',
  5984: 'CouchDB',
  6379: 'Redis',
  7000: 'Cassandra',
  9042: 'Cassandra',
  9200: 'Elasticsearch',
  9300: 'Elasticsearch',
  11211: 'Memcached',
  27017: 'MongoDB',
};

/** Ports that face the internet by design. */
const WEB_PORTS = new Set([80, 443]);

/** The sensitive ports inside these ranges, as "tcp 22 (SSH)". */
export function sensitivePortsIn(protocol: number, ports: readonly Interval[] | undefined): string[] {
  if (protocol === ANY_PROTOCOL) return ['every protocol and port'];
  if (protocol !== TCP && protocol !== UDP) return [];
  const label = protocol === TCP ? 'tcp' : 'udp';
  return Object.entries(SENSITIVE_PORTS)
    .filter(([port]) => (ports ?? []).some((range) => range.from <= Number(port) && Number(port) <= range.to))
    .map(([port, name]) => `${label} ${port} (${name})`);
}

function onlyWebPorts(protocol: number, ports: readonly Interval[] | undefined): boolean {
  if (protocol !== TCP) return protocol !== ANY_PROTOCOL && protocol !== UDP;
  return (ports ?? []).every((range) => range.to - range.from < 2 && [range.from, range.to].every((p) => WEB_PORTS.has(p)));
}

/**
 * `world`: the sources cover at least half of the internet's addresses (0.0.0.0/0,
 * or the internet less a few blocks).
 */
export function riskOf(protocol: number, ports: readonly Interval[] | undefined, world: boolean): { risk: Risk; why: string } {
  const sensitive = sensitivePortsIn(protocol, ports);
  if (sensitive.length > 0 && world) return { risk: 'high', why: `${sensitive.join(', ')} open to the whole internet` };
  if (sensitive.length > 0) return { risk: 'medium', why: `${sensitive.join(', ')} open to some internet addresses` };
  if (world && !onlyWebPorts(protocol, ports)) return { risk: 'medium', why: 'open to the whole internet beyond the web ports' };
  return { risk: 'low', why: world ? 'web ports open to the internet' : 'open to named internet addresses only' };
}

/** Most of the internet: at least half of its addresses. */
export function coversWorld(sources: readonly Interval[], internet: readonly Interval[]): boolean {
  const size = (set: readonly Interval[]) => set.reduce((sum, range) => sum + (range.to - range.from + 1), 0);
  return size(sources) * 2 >= size(internet);
}
