// What the internet reaches now that it did not (opened), and no longer
// reaches (closed), between two exposure reports: per interface, protocol and
// source, the ports in one and not the other.
import { difference, normalize } from '../interval-sets.js';
import type { ExposedNetworkInterface, ExposureReport, ExposureRisk, PortInterval } from '../exposure-types.js';

export interface ExposureChange {
  eni: string;
  instance: string | null;
  name: string | null;
  publicIp: string;
  protocol: string;
  /** the ports opened or closed (tcp/udp); null for protocols without ports */
  ports: PortInterval[] | null;
  /** the internet sources they are opened to (or were open to) */
  sources: string[];
  /** the risk of the service on the side that has it */
  risk: ExposureRisk | null;
  /** one line: "prod-web-1 (eni-1, 203.0.113.10): tcp 22 from 0.0.0.0/0 newly exposed" */
  text: string;
}

export interface ExposureDelta {
  opened: ExposureChange[];
  closed: ExposureChange[];
}

interface Cell {
  owner: ExposedNetworkInterface;
  protocol: string;
  source: string;
  ports: PortInterval[] | null;
  risk: ExposureRisk | null;
}

/** eni|protocol|source -> the ports (null: the protocol has none) */
function cellsOf(report: ExposureReport): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  for (const owner of report.exposed) {
    for (const service of owner.services) {
      for (const source of service.sources) {
        const key = `${owner.eni}|${service.protocol}|${source}`;
        const known = cells.get(key);
        const ports = service.ports === null ? null : normalize([...(known?.ports ?? []), ...service.ports]);
        cells.set(key, { owner, protocol: service.protocol, source, ports, risk: service.risk ?? known?.risk ?? null });
      }
    }
  }
  return cells;
}

function portsText(protocol: string, ports: readonly PortInterval[] | null): string {
  if (ports === null) return protocol;
  return `${protocol} ${ports.map((p) => (p.from === p.to ? `${p.from}` : `${p.from}-${p.to}`)).join(', ')}`;
}

/** cells of `from` not (wholly) in `cut`, grouped again by interface, protocol and ports */
function beyond(from: Map<string, Cell>, cut: Map<string, Cell>, verb: string, keep: (eni: string) => boolean): ExposureChange[] {
  const grouped = new Map<string, ExposureChange>();
  for (const [key, cell] of from) {
    if (!keep(cell.owner.eni)) continue;
    const other = cut.get(key);
    let ports: PortInterval[] | null;
    if (cell.ports === null) {
      if (other) continue;
      ports = null;
    } else {
      ports = other?.ports ? difference(cell.ports, other.ports) : cell.ports;
      if (ports.length === 0) continue;
    }
    const groupKey = `${cell.owner.eni}|${cell.protocol}|${JSON.stringify(ports)}`;
    const known = grouped.get(groupKey);
    if (known) {
      known.sources.push(cell.source);
      continue;
    }
    const { owner } = cell;
    grouped.set(groupKey, { eni: owner.eni, instance: owner.instance, name: owner.name, publicIp: owner.publicIp, protocol: cell.protocol, ports, sources: [cell.source], risk: cell.risk, text: verb });
  }
  return [...grouped.values()].map((change) => {
    const who = `${change.name ? `${change.name} (${change.eni}, ${change.publicIp})` : `${change.eni} (${change.publicIp})`}`;
    return { ...change, text: `${who}: ${portsText(change.protocol, change.ports)} from ${change.sources.join(', ')} ${verb}` };
  });
}

/** The exposure opened and closed between two reports, for the interfaces `keep` accepts (those compared on both sides). */
export function exposureDelta(before: ExposureReport, after: ExposureReport, keep: (eni: string) => boolean = () => true): ExposureDelta {
  const old = cellsOf(before);
  const now = cellsOf(after);
  return { opened: beyond(now, old, 'newly exposed', keep), closed: beyond(old, now, 'no longer exposed', keep) };
}
