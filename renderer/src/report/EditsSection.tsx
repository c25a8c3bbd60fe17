// On a snapshot with edits tried (fixes tried on the map, or `--apply FILE`):
// which edits, and for a flow the verdict before them and after, so that a
// reader sees what the fix changes and that the picture is not the network
// as it is.
import type { AnalyzeResult } from '../../../shared/api/analysis-types.js';
import { shownName, shownText } from '../display.js';
import { KIND_SHORT } from '../panels/format.js';
import type { ReportData } from './load-report.js';

function verdictWord(result: AnalyzeResult): string {
  return result.verdict === 'reachable' ? 'Reachable' : result.verdict === 'unreachable' ? 'Unreachable' : 'Unknown';
}

function where(result: AnalyzeResult): string {
  const b = result.blocked;
  if (!b) return result.verdict === 'reachable' ? 'delivered, and the reply comes back' : '';
  return `${result.verdict === 'unknown' ? 'cannot be judged' : 'dropped'} ${b.direction === 'return' ? 'on the return path' : 'on the way there'} at ${KIND_SHORT[b.kind] ?? b.kind} ${shownName(b.id)} (${b.code})`;
}

function Verdict({ label, result, testId }: { label: string; result: AnalyzeResult; testId: string }) {
  const tone = result.verdict === 'reachable' ? 'ok' : result.verdict === 'unreachable' ? 'bad' : 'warn';
  return (
    <div className={`report-verdict ${tone} report-compare`} data-testid={testId}>
      <span className="report-compare-label">{label}</span>
      <strong>{verdictWord(result)}</strong>
      <p>{where(result)}</p>
    </div>
  );
}

export function EditsSection({ data }: { data: ReportData }) {
  const changes = data.summary.changes;
  if (!changes) return null;
  const after = data.answer.kind === 'flow' ? data.answer.result : null;
  return (
    <section className="report-edits" data-testid="report-edits">
      <h2>Edits tried</h2>
      <p>
        This answer is on the snapshot with {changes.count} edit{changes.count === 1 ? '' : 's'} applied, in this order; the snapshot itself,
        and the network, are unchanged:
      </p>
      <ol className="report-edit-list">
        {changes.sources.map((source, i) => (
          <li key={i}>{shownText(source)}</li>
        ))}
      </ol>
      {after && data.before && (
        <div className="report-before-after">
          <Verdict label="Before the edits" result={data.before} testId="report-before" />
          <Verdict label="After the edits" result={after} testId="report-after" />
        </div>
      )}
      {after && !data.before && <p className="muted">The answer before the edits was not kept with this report; ask it without them to compare.</p>}
    </section>
  );
}
