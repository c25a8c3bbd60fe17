// The flow-log section of a report, for an audit: what the records say was
// accepted and rejected in their window, the rule the configuration gives
// for each reject, and where records and configuration disagree. Lists are
// cut as the report's other lists are.
import type { FlowLogsReport, ReconciledConversation } from '../../../shared/api/flowlogs/report-types.js';
import { shownText } from '../display.js';

const PROTOCOLS: Record<number, string> = { 6: 'tcp', 17: 'udp', 1: 'icmp' };

function service(c: { protocol: number; port: number | null }): string {
  const name = PROTOCOLS[c.protocol] ?? String(c.protocol);
  return c.port === null ? name : `${name}/${c.port}`;
}

function at(c: ReconciledConversation): string {
  return c.interfaceName ? `${c.interfaceName} (${c.interfaceId})` : c.interfaceId;
}

function packets(t: { accepted: { packets: number }; rejected: { packets: number } }, which: 'accepted' | 'rejected'): number {
  return t[which].packets;
}

export function FlowLogsSection({ report, max }: { report: FlowLogsReport; max: number }) {
  const s = report.summary;
  const disagreeing = report.conversations.filter((c) => c.findings.some((f) => f.disagreement));
  const explained = report.conversations.filter((c) => c.findings.some((f) => f.kind === 'reject-explained' || f.kind === 'reject-unjudged') && !c.findings.some((f) => f.disagreement));
  const accepted = report.conversations.filter((c) => c.forward.accepted.records + c.return.accepted.records > 0 && c.findings.length === 0);
  return (
    <div className="report-flowlogs" data-testid="report-flowlogs">
      <p>
        {s.records} records in {s.files} file{s.files === 1 ? '' : 's'}
        {report.window ? `, ${report.window.start} to ${report.window.end}` : ''}: {s.accepted.conversations} accepted conversations ({s.accepted.packets} packets), {s.rejected.conversations} rejected ({s.rejected.packets} packets)
        {s.badLines > 0 ? `; ${s.badLines} bad lines skipped` : ''}.
        {report.skew ? ` The records are ${report.skew.hours} hours from the snapshot${report.skew.exceeded ? ', more than the allowed skew: the configuration may have changed in between' : ''}.` : ''}
      </p>
      <h3>Disagreements ({disagreeing.length})</h3>
      {disagreeing.length === 0 ? (
        <p>None: every record agrees with what the configuration says.</p>
      ) : (
        <ul data-testid="report-flowlogs-disagreements">
          {disagreeing.slice(0, max).map((c) => (
            <li key={`d:${c.interfaceId}:${c.client}:${c.server}:${c.protocol}:${c.port}`}>
              <strong>{shownText(at(c))}</strong> {shownText(`${c.client} → ${c.server} ${service(c)}`)}
              {c.findings.filter((f) => f.disagreement).map((f) => <div key={f.kind + f.leg} className="muted">{shownText(f.text)}</div>)}
            </li>
          ))}
        </ul>
      )}
      <h3>Rejected, and why ({explained.length})</h3>
      {explained.length === 0 ? (
        <p>No traffic was rejected.</p>
      ) : (
        <table className="report-hops" data-testid="report-flowlogs-rejects">
          <thead>
            <tr><th>recorded at</th><th>flow</th><th>packets</th><th>dropped by</th></tr>
          </thead>
          <tbody>
            {explained.slice(0, max).map((c) => (
              <tr key={`r:${c.interfaceId}:${c.client}:${c.server}:${c.protocol}:${c.port}`}>
                <td>{shownText(at(c))}</td>
                <td>{shownText(`${c.client} → ${c.server} ${service(c)}`)}</td>
                <td>{packets(c.forward, 'rejected') + packets(c.return, 'rejected')}</td>
                <td>{c.model?.blocked ? shownText(`${c.model.blocked.kind} ${c.model.blocked.id} (${c.model.blocked.code}, ${c.model.blocked.direction} leg): ${c.model.blocked.detail}`) : shownText(c.note ?? 'the configuration cannot say')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Accepted ({accepted.length})</h3>
      <ul>
        {accepted.slice(0, max).map((c) => (
          <li key={`a:${c.interfaceId}:${c.client}:${c.server}:${c.protocol}:${c.port}`}>{shownText(`${at(c)}: ${c.client} → ${c.server} ${service(c)}, ${c.forward.accepted.packets + c.return.accepted.packets} packets`)}</li>
        ))}
      </ul>
      {accepted.length > max && <p className="muted">{accepted.length - max} more: <code>reachmap flowlogs --json</code></p>}
    </div>
  );
}
