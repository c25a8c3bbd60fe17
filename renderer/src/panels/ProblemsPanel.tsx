// What a careful reviewer would flag without being asked (`reachmap problems`):
// highest severity first, each with its component (name first, then id), the
// explanation, the fix, and "Show on map".
import { useState } from 'react';
import type { Problem, ProblemsReport, ProblemSeverity } from '../../../shared/api/problems-types.js';
import { shownName, shownText } from '../display.js';
import { CopyButton } from './CopyButton.js';
import { KIND_SHORT } from './format.js';

const SEVERITY_PILL: Record<ProblemSeverity, string> = { high: 'bad', medium: 'warn', low: '' };

function componentText(problem: Problem): { name: string; id: string | null } {
  const { id, name } = problem.component;
  return name && name !== id ? { name: shownName(name), id } : { name: id, id: null };
}

export function ProblemsPanel({ report, selected, onSelect }: { report: ProblemsReport; selected: string | null; onSelect(problem: Problem): void }) {
  const [minimum, setMinimum] = useState<ProblemSeverity | 'all'>('all');
  const order: ProblemSeverity[] = ['high', 'medium', 'low'];
  const shown = report.problems.filter((p) => minimum === 'all' || order.indexOf(p.severity) <= order.indexOf(minimum));
  const counts = order.map((s) => `${report.problems.filter((p) => p.severity === s).length} ${s}`).join(' · ');
  return (
    <section className="problems" data-testid="problems">
      <p className="summary">
        <strong>{report.problems.length}</strong> problem{report.problems.length === 1 ? '' : 's'} <span className="muted">({counts})</span>
      </p>
      <label className="field inline"><span className="field-label">Show</span>
        <select value={minimum} onChange={(e) => setMinimum(e.target.value as ProblemSeverity | 'all')} data-testid="problems-severity">
          <option value="all">every severity</option>
          <option value="high">high only</option>
          <option value="medium">medium and above</option>
        </select>
      </label>
      {report.problems.length === 0 && <p className="muted">Nothing a reviewer would flag in this snapshot.</p>}
      <ol className="problem-list" data-testid="problem-list">
        {shown.map((problem) => {
          const component = componentText(problem);
          const open = selected === problem.id;
          return (
            <li key={problem.id} className={`problem${open ? ' selected' : ''}`} data-problem={problem.id} data-severity={problem.severity}>
              <button type="button" className="problem-head" onClick={() => onSelect(problem)} aria-expanded={open} data-testid="problem-select">
                <span className={`pill ${SEVERITY_PILL[problem.severity]}`}>{problem.severity}</span>
                <span className="problem-title">{shownText(problem.title)}</span>
              </button>
              <div className="problem-component">
                {KIND_SHORT[problem.component.kind] ?? problem.component.kind} <strong>{component.name}</strong>
                {component.id && <span className="mono sub"> {component.id}</span>}
              </div>
              {open && (
                <div className="problem-body" data-testid="problem-body">
                  <p>{problem.explanation}</p>
                  {problem.fix ? (
                    <div className="fix">
                      <h4>Fix</h4>
                      <p>{problem.fix.text}</p>
                      <div className="command">
                        <pre>{problem.fix.script ?? problem.fix.command}</pre>
                        <CopyButton text={problem.fix.script ?? problem.fix.command} />
                      </div>
                    </div>
                  ) : (
                    <p className="fix none">Only a person can decide the change: see the options.</p>
                  )}
                  {problem.options && problem.options.length > 0 && (
                    <ul className="options">{problem.options.map((option, i) => <li key={i}>{option.text} <span className="muted">({option.tradeOff})</span></li>)}</ul>
                  )}
                  <p className="mono sub">id: {problem.id}</p>
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {report.warnings.length > 0 && <ul className="warnings">{report.warnings.map((w) => <li key={w}>{w}</li>)}</ul>}
    </section>
  );
}
