// What the internet can reach: each exposed ENI, its ports and the sources allowed.
import type { ExposureReport } from '../../../shared/api/exposure-types.js';

function portsText(ports: { from: number; to: number }[] | null): string {
  if (!ports) return '—';
  return ports.map((p) => (p.from === p.to ? String(p.from) : p.from === 0 && p.to === 65535 ? 'all' : `${p.from}-${p.to}`)).join(', ');
}

export function ExposurePanel({ report, onFocus }: { report: ExposureReport; onFocus(id: string): void }) {
  return (
    <section className="exposure" data-testid="exposure">
      <p className="summary">
        <strong>{report.exposed.length}</strong> network interface{report.exposed.length === 1 ? '' : 's'} reachable from the internet
      </p>
      {report.exposed.length === 0 && <p className="muted">Nothing in this snapshot is reachable from the internet.</p>}
      <table className="rules exposure-table" data-testid="exposure-table">
        <thead>
          <tr><th>instance / ENI</th><th>public IP</th><th>protocol</th><th>ports</th><th>from</th></tr>
        </thead>
        <tbody>
          {report.exposed.flatMap((eni) =>
            eni.services.map((service, i) => (
              <tr key={`${eni.eni}:${i}`} onClick={() => onFocus(eni.instance ?? eni.eni)} className="clickable" data-eni={eni.eni}>
                {i === 0 && (
                  <td rowSpan={eni.services.length}>
                    <strong>{eni.name ?? eni.instance ?? eni.eni}</strong>
                    <div className="mono sub">{eni.instance ?? eni.eni}</div>
                  </td>
                )}
                {i === 0 && <td rowSpan={eni.services.length} className="mono">{eni.publicIp}</td>}
                <td>{service.protocol}</td>
                <td className="mono">{portsText(service.ports)}</td>
                <td className="mono">{service.sources.join(', ')}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
      {report.warnings.length > 0 && (
        <ul className="warnings">{report.warnings.map((w) => <li key={w}>{w}</li>)}</ul>
      )}
    </section>
  );
}
