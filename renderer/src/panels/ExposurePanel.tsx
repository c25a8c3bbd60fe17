// What the internet can reach: each exposed ENI, its ports and the sources allowed.
import type { ExposureReport } from '../../../shared/api/exposure-types.js';
import { shownName } from '../display.js';

function portsText(ports: { from: number; to: number }[] | null): string {
  if (!ports) return '—';
  return ports.map((p) => (p.from === p.to ? String(p.from) : p.from === 0 && p.to === 65535 ? 'all' : `${p.from}-${p.to}`)).join(', ');
}

export function ExposurePanel({ report, onFocus }: { report: ExposureReport; onFocus(id: string): void }) {
  // one entry per interface and family: a dual-stack interface exposed both ways is one interface, two rows
  const interfaces = new Set(report.exposed.map((e) => e.eni)).size;
  return (
    <section className="exposure" data-testid="exposure">
      <p className="summary">
        <strong>{interfaces}</strong> network interface{interfaces === 1 ? '' : 's'} reachable from the internet
      </p>
      {report.exposed.length === 0 && <p className="muted">Nothing in this snapshot is reachable from the internet.</p>}
      <table className="rules exposure-table" data-testid="exposure-table">
        <thead>
          <tr><th>instance / ENI</th><th>open to the internet</th></tr>
        </thead>
        <tbody>
          {report.exposed.map((eni) => (
            <tr key={`${eni.eni}:${eni.family ?? 'ipv4'}`} onClick={() => onFocus(eni.eni)} className="clickable" data-eni={eni.eni} data-family={eni.family ?? 'ipv4'}>
              <td>
                <strong>{shownName(eni.name ?? eni.instance ?? eni.eni)}</strong>
                <div className="mono sub">{shownName(eni.instance ?? eni.eni)}</div>
                <div className="mono sub">{eni.publicIp}{eni.family === 'ipv6' && <> <span className="pill">IPv6</span></>}</div>
              </td>
              <td>
                {eni.services.map((service, i) => (
                  <div key={i} className="service">
                    <span className="pill warn">{service.protocol} {portsText(service.ports)}</span>
                    <span className="mono sources">from {service.sources.join(', ')}</span>
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.warnings.length > 0 && (
        <ul className="warnings">{report.warnings.map((w) => <li key={w}>{w}</li>)}</ul>
      )}
    </section>
  );
}
