// The findings of a comparison in the report: what broke or was fixed, then
// each changed component with its edits (before → after), then what could not
// be compared. Lists are cut as the report's other lists are.
import type { DiffReport } from '../../../shared/api/diff/types.js';
import { SIGN, changeHeading, editWhat, flipBadge, valueWords } from '../compare/change-text.js';
import { shownText } from '../display.js';

export function ComparisonSection({ report, max }: { report: DiffReport; max: number }) {
  const flips = [...(report.intents?.flipped ?? []), ...(report.flow && report.flow.effect !== 'unchanged' ? [report.flow] : [])];
  const opened = report.exposure?.opened ?? [];
  const closed = report.exposure?.closed ?? [];
  const problems = report.problems ?? { new: [], resolved: [] };
  return (
    <div className="report-comparison" data-testid="report-comparison">
      {(flips.length > 0 || opened.length + closed.length + problems.new.length + problems.resolved.length > 0) && (
        <>
          <h3>Broke or fixed</h3>
          <ul>
            {flips.slice(0, max).map((flip) => <li key={`${flip.id}:${flip.from}:${flip.to}`}><strong>{flipBadge(flip)}</strong> {shownText(flip.text)}</li>)}
            {opened.slice(0, max).map((o) => <li key={`o:${o.eni}:${o.protocol}:${JSON.stringify(o.ports)}`}><strong>exposed</strong> {shownText(o.text)}</li>)}
            {closed.slice(0, max).map((o) => <li key={`c:${o.eni}:${o.protocol}:${JSON.stringify(o.ports)}`}><strong>closed</strong> {shownText(o.text)}</li>)}
            {problems.new.slice(0, max).map((p) => <li key={`p:${p.id}`}><strong>new {p.severity} problem</strong> {shownText(p.title)}</li>)}
            {problems.resolved.slice(0, max).map((p) => <li key={`r:${p.id}`}><strong>resolved</strong> {shownText(p.title)}</li>)}
          </ul>
        </>
      )}
      <h3>Changes</h3>
      {report.changes.length === 0 && <p>No component changed.</p>}
      <table className="report-hops">
        <tbody>
          {report.changes.slice(0, max).map((change) => (
            <tr key={`${change.account}:${change.region}:${change.key}:${change.id}`}>
              <td className="mono">{SIGN[change.change]}</td>
              <td>{changeHeading(change)}</td>
              <td>
                {change.change === 'added' && 'created'}
                {change.change === 'removed' && 'deleted'}
                {change.edits.slice(0, 12).map((edit, i) => (
                  <div key={i} className="rule">{editWhat(edit)}: {valueWords(edit.before)} → {valueWords(edit.after)}</div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.changes.length > max && <p className="report-more">The first {max} of {report.changes.length} changes are listed; <code>reachmap diff --json</code> holds them all.</p>}
      {report.notCompared.length > 0 && (
        <>
          <h3>Not compared</h3>
          <ul className="warnings">{report.notCompared.slice(0, max).map((n, i) => <li key={i}>{shownText(n.reason)}</li>)}</ul>
        </>
      )}
    </div>
  );
}
